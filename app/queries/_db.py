"""The one door to the warehouse: a read-only connection per published file and a cached `read`.

Results are cached per published warehouse file (its fingerprint is part of the cache key), so a new
build shows at once and an unchanged one costs no query.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from pathlib import Path

import duckdb
import polars as pl
import streamlit as st

from semon import settings
from warehouse import connection

# DuckDB warns that Arrow from an executed statement costs a copy of the rows, and points to its relation API. The
# answers here are aggregates (at most thousands of rows), whose copy costs little; a relation binds each statement
# twice (_cached), which cost a third of a small query. Set once, at import: catch_warnings is not thread-safe.
warnings.filterwarnings("ignore", message="Arrow output on a DB-API result", category=UserWarning)

Versie = tuple[str, int, int]  # the published file's fingerprint: path, inode, mtime
CACHE_TTL = 600  # seconds; the fingerprint already invalidates on publish, this bounds memory


class WarehouseNotReady(Exception):
    """No published warehouse, or one built before the marts this page needs: says what to run."""


class _Replaced(Exception):
    """The file was published over between taking its fingerprint and opening it."""


@st.cache_resource(max_entries=2, show_spinner=False)
def _connection(fingerprint: Versie) -> duckdb.DuckDBPyConnection:
    con = connection.open_readonly(Path(fingerprint[0]))
    if connection.fingerprint(Path(fingerprint[0])) != fingerprint:
        # We may have attached the newer file under the older file's name: never cache that (a rollback
        # would bring the old name back and serve the wrong version). Exceptions are not cached.
        con.close()
        raise _Replaced
    return con


def versie() -> Versie:
    """The published warehouse's fingerprint; raises WarehouseNotReady when there is none."""
    path = settings.warehouse_path()
    try:
        return connection.fingerprint(path)
    except connection.WarehouseMissing:
        raise WarehouseNotReady(
            f"Er is nog geen warehouse op {path}. Lees extracten in met `semon ingest` en bouw met `semon build`."
        ) from None


def read(sql: str, params: Sequence[object] = ()) -> pl.DataFrame:
    """Run one query on the marts with bound parameters; the answer is cached per warehouse version."""
    vraag = (sql, tuple(params))
    try:
        return _vraag(versie(), vraag)
    except _Replaced:  # a publish landed just now: ask the new version
        return _vraag(versie(), vraag)


def _vraag(wh_versie: Versie, vraag: tuple[str, tuple[object, ...]]) -> pl.DataFrame:
    # One string as the cache key: Streamlit hashes it at once, where it walks a tuple of SQL and parameters item
    # by item (a tenth of the cost of a query on a small warehouse). repr tells a date from its text, 1 from True.
    return _cached(repr((wh_versie, vraag)), wh_versie, *vraag)


@st.cache_data(ttl=CACHE_TTL, show_spinner=False, max_entries=2000)
def _cached(sleutel: str, _wh_versie: Versie, _sql: str, _params: tuple[object, ...]) -> pl.DataFrame:
    """The answer to `_sql` with `_params` on `_wh_versie`; Streamlit keys the cache on `sleutel` alone (arguments
    whose names start with an underscore are not hashed)."""
    con = _connection(_wh_versie)
    cur = connection.cursor(con)
    try:
        # execute, not sql(): a relation binds the statement once to learn its shape and again to run it, which
        # made a small query about a third slower (the privacy attack tests ask thousands).
        return pl.from_arrow(cur.execute(_sql, list(_params)).to_arrow_table())
    except duckdb.CatalogException as missing:
        raise WarehouseNotReady(
            f"Het warehouse mist een tabel die deze pagina nodig heeft ({missing}). Draai `semon build`."
        ) from None
    finally:
        cur.close()
