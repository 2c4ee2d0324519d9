"""Create the raw schema (docs/raw-layer.md) from the entity declarations, so dbt always finds its sources."""

from __future__ import annotations

import duckdb

from ingest.entities import ENTITIES

BOOKKEEPING = (
    """create table if not exists raw.laadlog (
        laad_id bigint primary key, bestand varchar not null, inhoud_hash varchar not null, bron varchar not null,
        entiteit varchar not null, bestand_peildatum date not null, status varchar not null,
        vervangen_door bigint, rijen_geladen bigint not null, rijen_quarantaine bigint not null,
        waarschuwingen varchar, gestart_op timestamp not null, klaar_op timestamp not null)""",
    """create table if not exists raw.quarantaine (
        laad_id bigint not null, bestand varchar not null, tabel varchar not null, regelnummer integer not null,
        kolom varchar not null, waarde varchar, reden varchar not null, recordnummer integer)""",
    # Warehouses from before issue 12: the spreadsheet row of a record that spans lines.
    "alter table raw.quarantaine add column if not exists recordnummer integer",
)


def ensure(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("create schema if not exists raw")
    for statement in BOOKKEEPING:
        con.execute(statement)
    for entity in ENTITIES:
        for table in entity.tables:
            columns = ", ".join(f'"{c.stored_name}" {c.raw_type}' for c in table.columns)
            con.execute(
                f"create table if not exists raw.{table.name} (laad_id bigint not null, bron_bestand varchar not null, "
                f"bestand_peildatum date not null, regelnummer integer not null, {columns})"
            )
