"""Numbers and dates the Dutch way: 1.234.567, 12,3 %, 01-07-2024, 1 juli 2024."""

from __future__ import annotations

import datetime as dt

MAANDEN = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
           "november", "december")  # fmt: skip


def getal(value: float | int | None, decimals: int = 0) -> str:
    """A number with a dot for thousands and a comma for decimals; an em dash when unknown."""
    if value is None:
        return "—"
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def procent(value: float | None, decimals: int = 1) -> str:
    """A percentage given as a number 0–100: `12,3 %`."""
    return "—" if value is None else f"{getal(value, decimals)} %"


def datum(value: dt.date | None) -> str:
    """A date as the extracts write it: 01-07-2024."""
    return "—" if value is None else value.strftime("%d-%m-%Y")


def datum_lang(value: dt.date | None) -> str:
    """A date in prose: 1 juli 2024."""
    return "—" if value is None else f"{value.day} {MAANDEN[value.month - 1]} {value.year}"
