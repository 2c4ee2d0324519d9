"""Numbers, euros and dates the Dutch way: 1.234.567, € 1.720.550, 12,3 %, 1 juli 2024, jul 2024, ja/nee."""

from __future__ import annotations

import datetime as dt

MAANDEN = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
           "november", "december")  # fmt: skip
MAANDEN_KORT = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
ONBEKEND = "—"  # how an unknown value reads; a hidden small count reads "< 5" (app.privacy.label)


def getal(value: float | int | None, decimals: int = 0) -> str:
    """A number with a dot for thousands and a comma for decimals; an em dash when unknown."""
    if value is None:
        return ONBEKEND
    text = f"{value:,.{decimals}f}"
    if text.startswith("-") and not text.strip("-0,."):  # -0.3 rounds to "0", not "-0"
        text = text[1:]
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def procent(value: float | None, decimals: int = 1) -> str:
    """A percentage given as a number 0–100: `12,3 %`."""
    return ONBEKEND if value is None else f"{getal(value, decimals)} %"


def euro(value: float | int | None) -> str:
    """An amount: `€ 1.720.550` (whole euros from € 1.000 up), `€ 12,50` below that when there are cents."""
    if value is None:
        return ONBEKEND
    amount = float(value)
    whole = abs(amount) >= 1000 or round(amount, 2) == round(amount)
    text = getal(abs(amount), 0 if whole else 2)
    return f"{'−' if amount < 0 and text.strip('0,.') else ''}€ {text}"


def datum(value: dt.date | dt.datetime | None) -> str:
    """A date in a table or a sentence: 1 juli 2024."""
    return datum_lang(value)


def datum_lang(value: dt.date | dt.datetime | None) -> str:
    """A date in prose: 1 juli 2024."""
    return ONBEKEND if value is None else f"{value.day} {MAANDEN[value.month - 1]} {value.year}"


def datum_kort(value: dt.date | None) -> str:
    """A date where space is short (an axis tick): 1 jul 2024."""
    return ONBEKEND if value is None else f"{value.day} {MAANDEN_KORT[value.month - 1]} {value.year}"


def maand(value: dt.date | None) -> str:
    """A month in a table: juli 2024."""
    return ONBEKEND if value is None else f"{MAANDEN[value.month - 1]} {value.year}"


def maand_kort(value: dt.date | None) -> str:
    """A month on a time axis: jul 2024."""
    return ONBEKEND if value is None else f"{MAANDEN_KORT[value.month - 1]} {value.year}"


def tijdstip(value: dt.datetime | None) -> str:
    """A moment: 1 juli 2024 14:05."""
    return ONBEKEND if value is None else f"{datum_lang(value)} {value:%H:%M}"


def janee(value: bool | None) -> str:
    """A yes/no answer as a reader says it; unknown is "onbekend"."""
    return "onbekend" if value is None else "ja" if value else "nee"


def letterlijk(waarde: str, lengte: int = 40) -> str:
    """Someone's text (from an address, a search box) in a Markdown sentence as itself: in a code span, where no
    link, image, colour or formula of their making is drawn on the monitor's page; cut short, without backticks and
    line breaks."""
    schoon = " ".join(waarde.replace("`", "'").split())
    return f"`{schoon if len(schoon) <= lengte else schoon[: lengte - 1] + '…'}`"
