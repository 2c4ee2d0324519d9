"""The selection a page shows (municipality, doelgroepen, period, age band, gender), free of Streamlit."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.formatting import MAANDEN

GESLACHTEN = {"M": "Man", "V": "Vrouw", "X": "X", "onbekend": "Onbekend"}
BRONNEN = {"werkplein": "Werkplein", "uwv": "UWV", "wsw": "WSW", "rmc": "RMC", "werkgevers": "Werkgevers"}
# The period kinds of the sidebar: a month, or a run of months that ends in the chosen month.
PERIODES = {"maand": "Maand", "12m": "Laatste 12 maanden", "lopend_jaar": "Lopend jaar", "kalenderjaar": "Kalenderjaar"}


def maand_label(maand: dt.date) -> str:
    """`juni 2024`: how a month reads in the filter and in the URL."""
    return f"{MAANDEN[maand.month - 1]} {maand.year}"


def plus_maanden(maand: dt.date, n: int) -> dt.date:
    """The first day of the month `n` months after (or before, for negative n) `maand`."""
    index = maand.year * 12 + maand.month - 1 + n
    return dt.date(index // 12, index % 12 + 1, 1)


def maanden_tussen(begin: dt.date, eind: dt.date) -> int:
    """How many months from `begin` up to and including `eind`."""
    return (eind.year - begin.year) * 12 + eind.month - begin.month + 1


def periode_label(begin: dt.date, eind: dt.date) -> str:
    """`juni 2024` for one month, `juli 2023 t/m juni 2024` for a run of months."""
    return maand_label(eind) if begin == eind else f"{maand_label(begin)} t/m {maand_label(eind)}"


@dataclass(frozen=True)
class Filters:
    gemeente: str | None  # gemeentecode; None = all of Twente
    gemeente_naam: str
    doelgroepen: tuple[str, ...]  # codes; () = every doelgroep (ALLE), counted once each
    doelgroep_naam: str  # the choice in words
    maand: dt.date  # first day of the chosen month: the end of the period
    leeftijdsklasse: str | None  # None = all
    geslacht: str | None  # None = all
    periode: str = "maand"  # a key of PERIODES
    laatste_maand: dt.date | None = None  # the newest month with data (a calendar year stops there)
    masker: int = 0  # the bits of the chosen doelgroepen (seed doelgroepen), for marts keyed on the mask
    jongeren: bool = False  # "Jongeren onder 27" chosen: everyone under 27, whatever their doelgroep

    @property
    def doelgroep(self) -> str:
        """The one doelgroep for figures that show one at a time: ALLE, or the first chosen."""
        return self.doelgroepen[0] if self.doelgroepen else "ALLE"

    @property
    def meerdere_doelgroepen(self) -> bool:
        return len(self.doelgroepen) > 1

    @property
    def eind(self) -> dt.date:
        """The last month of the period."""
        if self.periode == "kalenderjaar":
            december = dt.date(self.maand.year, 12, 1)
            return min(december, self.laatste_maand) if self.laatste_maand else december
        return self.maand

    @property
    def begin(self) -> dt.date:
        """The first month of the period."""
        if self.periode == "12m":
            return plus_maanden(self.maand, -11)
        if self.periode in ("lopend_jaar", "kalenderjaar"):
            return dt.date(self.maand.year, 1, 1)
        return self.maand

    @property
    def periode_naam(self) -> str:
        return periode_label(self.begin, self.eind)

    @property
    def peildatum(self) -> dt.date:
        """The month end on which stocks are counted: the end of the period."""
        return plus_maanden(self.eind, 1) - dt.timedelta(days=1)

    def gekozen(self) -> set[str]:
        """The sidebar filters set to something other than everything: doelgroep, leeftijd, geslacht, periode."""
        keuzes = {
            "doelgroep": bool(self.doelgroepen),
            "leeftijd": self.leeftijdsklasse is not None,
            "geslacht": self.geslacht is not None,
            "periode": self.periode != "maand",
        }
        return {k for k, v in keuzes.items() if v}

    def beschrijving(self) -> str:
        """The selection in words, for captions and file names."""
        parts = [self.gemeente_naam, self.doelgroep_naam, self.periode_naam]
        if self.leeftijdsklasse:
            parts.append(f"leeftijd {self.leeftijdsklasse}")
        if self.geslacht:
            parts.append(GESLACHTEN[self.geslacht].lower())
        return " · ".join(parts)

    def doelgroep_sql(self, kolom: str = "doelgroepen") -> tuple[str, list[object]]:
        """The doelgroep choice on a mask column: any cell sharing a bit, or under 27 for "Jongeren onder 27".

        Cells with a null mask (counts not about people) are kept: the filter does not apply to them.
        """
        if not self.doelgroepen:
            return "true", []
        return (
            f"({kolom} is null or ({kolom} & ?) <> 0 or (? and leeftijdsklasse = '<27'))",
            [self.masker, self.jongeren],
        )

    def cel(
        self, *, doelgroep: bool = True, persoon: bool = True, gemeente_kolom: str = "gemeentecode"
    ) -> tuple[str, list[object]]:
        """SQL conditions (bound parameters) for this selection on a mart with the usual cell columns.

        `doelgroep` filters the mask column `doelgroepen` (mart_ladder_*, mart_plaatsingen, the indicator cells);
        `persoon` the age band and gender (off for a source that has neither, such as the WSW extracts).
        """
        clauses = [f"(?::varchar is null or {gemeente_kolom} = ?::varchar)"]
        params: list[object] = [self.gemeente, self.gemeente]
        if persoon:
            clauses.append("(?::varchar is null or leeftijdsklasse = ?::varchar)")
            clauses.append("(?::varchar is null or geslacht = ?::varchar)")
            params += [self.leeftijdsklasse, self.leeftijdsklasse, self.geslacht, self.geslacht]
        if doelgroep:
            clause, extra = self.doelgroep_sql()
            clauses.append(clause)
            params += extra
        return " and ".join(clauses), params
