"""The app's questions to the warehouse: one function per question, marts only, parameters bound.

Every function returns a small polars frame. Results are cached per published warehouse file (its
fingerprint is part of the cache key), so a new build shows at once and an unchanged one costs nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import duckdb
import polars as pl
import streamlit as st

from semon import settings
from warehouse import connection

Versie = tuple[str, int, int]  # the published file's fingerprint: path, inode, mtime
CACHE_TTL = 600  # seconds; the fingerprint already invalidates on publish, this bounds memory


class WarehouseNotReady(Exception):
    """No published warehouse, or one built before the marts this page needs: says what to run."""


@st.cache_resource(max_entries=2, show_spinner=False)
def _connection(fingerprint: Versie) -> duckdb.DuckDBPyConnection:
    return connection.open_readonly(Path(fingerprint[0]))


def versie() -> Versie:
    """The published warehouse's fingerprint; raises WarehouseNotReady when there is none."""
    path = settings.warehouse_path()
    try:
        return connection.fingerprint(path)
    except connection.WarehouseMissing:
        raise WarehouseNotReady(
            f"Er is nog geen warehouse op {path}. Lees extracten in met `semon ingest` en bouw met `semon build`."
        ) from None


def _read(sql: str, params: Sequence[object] = ()) -> pl.DataFrame:
    con = _connection(versie())
    cur = connection.cursor(con)
    try:
        return cur.sql(sql, params=list(params)).pl()
    except duckdb.CatalogException as missing:
        raise WarehouseNotReady(
            f"Het warehouse mist een tabel die deze pagina nodig heeft ({missing}). Draai `semon build`."
        ) from None
    finally:
        cur.close()


def laadstatus() -> pl.DataFrame:
    """Per raw table: latest peildatum, files, rows and quarantined rows (mart_laadstatus)."""
    return _laadstatus(versie())


@st.cache_data(ttl=CACHE_TTL, show_spinner=False)
def _laadstatus(wh_versie: Versie) -> pl.DataFrame:
    return _read(
        """
        select bron, entiteit, tabel, omschrijving, soort, laatste_peildatum, laatste_bestand, bestanden, rijen,
               rijen_quarantaine, rijen_laatste_levering, rijen_quarantaine_laatste_levering, laatst_geladen_op,
               waarschuwingen_laatste_levering
        from marts.mart_laadstatus
        order by volgorde
        """
    )


def quarantaine_redenen(bron: str | None = None) -> pl.DataFrame:
    """Why rows were quarantined: per table, column and reason the number of bad cells and rows."""
    return _quarantaine_redenen(versie(), bron)


@st.cache_data(ttl=CACHE_TTL, show_spinner=False)
def _quarantaine_redenen(wh_versie: Versie, bron: str | None) -> pl.DataFrame:
    return _read(
        """
        select bron, tabel, kolom, reden, count(*) as cellen,
               count(distinct (bestand, regelnummer)) as regels, min(bestand_peildatum) as eerste_peildatum,
               max(bestand_peildatum) as laatste_peildatum
        from marts.mart_quarantaine
        where ?::varchar is null or bron = ?::varchar
        group by all
        order by cellen desc, tabel, kolom, reden
        """,
        [bron, bron],
    )


def quarantaine_regels(bron: str | None = None, limiet: int = 5000) -> pl.DataFrame:
    """The bad cells themselves (file, line, column, value, reason), newest delivery first."""
    return _quarantaine_regels(versie(), bron, limiet)


@st.cache_data(ttl=CACHE_TTL, show_spinner=False)
def _quarantaine_regels(wh_versie: Versie, bron: str | None, limiet: int) -> pl.DataFrame:
    return _read(
        """
        select bron, tabel, bestand, regelnummer, kolom, waarde, reden
        from marts.mart_quarantaine
        where ?::varchar is null or bron = ?::varchar
        order by bestand_peildatum desc, bestand, regelnummer, kolom
        limit ?
        """,
        [bron, bron, limiet],
    )
