"""The selection a page shows (municipality, doelgroep, month, age band, gender), free of Streamlit."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.formatting import MAANDEN

GESLACHTEN = {"M": "Man", "V": "Vrouw", "X": "X", "onbekend": "Onbekend"}
BRONNEN = {"werkplein": "Werkplein", "uwv": "UWV", "wsw": "WSW", "rmc": "RMC", "werkgevers": "Werkgevers"}


def maand_label(maand: dt.date) -> str:
    """`juni 2024`: how a month reads in the filter and in the URL."""
    return f"{MAANDEN[maand.month - 1]} {maand.year}"


@dataclass(frozen=True)
class Filters:
    gemeente: str | None  # gemeentecode; None = all of Twente
    gemeente_naam: str
    doelgroep: str  # code; ALLE counts each person once
    doelgroep_naam: str
    maand: dt.date  # first day of the chosen month
    leeftijdsklasse: str | None  # None = all
    geslacht: str | None  # None = all

    @property
    def peildatum(self) -> dt.date:
        """The month end on which stocks are counted."""
        next_month = (self.maand.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return next_month - dt.timedelta(days=1)

    def beschrijving(self) -> str:
        """The selection in words, for captions and file names."""
        parts = [self.gemeente_naam, self.doelgroep_naam, maand_label(self.maand)]
        if self.leeftijdsklasse:
            parts.append(f"leeftijd {self.leeftijdsklasse}")
        if self.geslacht:
            parts.append(GESLACHTEN[self.geslacht].lower())
        return " · ".join(parts)

    def cel(self, *, doelgroep: bool = True, gemeente_kolom: str = "gemeentecode") -> tuple[str, list[object]]:
        """SQL conditions (bound parameters) for this selection on a mart with the usual cell columns."""
        clauses = [
            f"(?::varchar is null or {gemeente_kolom} = ?::varchar)",
            "(?::varchar is null or leeftijdsklasse = ?::varchar)",
            "(?::varchar is null or geslacht = ?::varchar)",
        ]
        params: list[object] = [self.gemeente, self.gemeente, self.leeftijdsklasse, self.leeftijdsklasse]
        params += [self.geslacht, self.geslacht]
        if doelgroep:
            clauses.append("doelgroep = ?")
            params.append(self.doelgroep)
        return " and ".join(clauses), params
