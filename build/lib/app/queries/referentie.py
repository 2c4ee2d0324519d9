"""The words and choices on screen: labels, municipalities, months, indicators (reference marts)."""

from __future__ import annotations

import polars as pl

from app.queries._db import read


def labels(lijst: str) -> pl.DataFrame:
    """Codes of one list (trede, doelgroep, gemeente, soort_plaatsing, …) with label and order."""
    return read(
        "select code, label, omschrijving from marts.mart_labels where lijst = ? order by volgorde, code", [lijst]
    )


def gemeenten() -> pl.DataFrame:
    """The 14 municipalities with name, SW organisation and population."""
    return read("select * from marts.mart_gemeenten order by naam")


def maanden() -> pl.DataFrame:
    """The months the marts cover, newest first (maand = first day, peildatum = last day)."""
    return read(
        "select distinct maand, last_day(maand)::date as peildatum from marts.mart_indicator_cellen "
        "where maat = 'inwoners' order by maand desc"
    )


def indicatoren() -> pl.DataFrame:
    """The monitor's indicators in screen order (one definition each: seed indicatoren)."""
    return read("select * from marts.mart_indicatoren order by volgorde")


def definitie(mart: str, kolom: str | None = None) -> str:
    """The dbt description of a mart or one of its columns, as persisted with the table (the docs' words)."""
    if kolom is None:
        frame = read(
            "select comment from duckdb_tables() where database_name = 'wh' and schema_name = 'marts' "
            "and table_name = ?",
            [mart],
        )
    else:
        frame = read(
            "select comment from duckdb_columns() where database_name = 'wh' and schema_name = 'marts' "
            "and table_name = ? and column_name = ?",
            [mart, kolom],
        )
    return (frame.item() or "") if frame.height else ""


def doelgroep_bits() -> dict[str, int | None]:
    """Each doelgroep's bit in the mask of the cells (mart_doelgroepen); None for ALLE and JONGEREN_U27."""
    frame = read("select doelgroep, bit from marts.mart_doelgroepen")
    return dict(zip(frame["doelgroep"], frame["bit"], strict=True))
