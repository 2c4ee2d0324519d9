"""Create the raw schema (docs/raw-layer.md) from the entity declarations, so dbt always finds its sources."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import duckdb

from ingest.entities import ENTITIES
from semon.settings import duckdb_row_group_size
from semon.sqltext import quoted

# Person-level tables built from the birth date before issue 11; dropped by the migration so the full date
# is gone from the file before the next dbt build makes them again (from the birth month).
BUILT_FROM_BIRTH_DATE = ("int_personen",)

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
    # The row group size the file is written in (`_row_groups`); empty in a warehouse from before it.
    "create table if not exists raw.opslag (row_group_size integer not null)",
    # The fingerprint of the pseudonym key the raw layer was filled with (ingest/pseudonym_key.py).
    "create table if not exists raw.sleutel (vingerafdruk varchar not null, vastgelegd_op timestamp not null)",
)


def connect(path: Path) -> duckdb.DuckDBPyConnection:
    """The warehouse file at `path`, opened for writing with the work database's row group size.

    DuckDB takes a row group size only when it attaches a file, so the file is attached to an in-memory database,
    under the name a plain `connect(path)` gives it (its stem: dbt's profile attaches it the same way, and the views
    dbt makes name it), and made the default; its spill files go beside it, where DuckDB puts a file's own."""
    con = duckdb.connect(config={"temp_directory": f"{path.resolve()}.tmp"})
    con.execute(f"attach '{quoted(path)}' as \"{path.stem}\" (row_group_size {duckdb_row_group_size()})")
    con.execute(f'use "{path.stem}"')
    return con


def ensure(con: duckdb.DuckDBPyConnection) -> bool:
    """Create what is missing; migrate a warehouse from before issue 11 or 15. True when it migrated (see
    `compact`: the old values must not survive in the file's free blocks, and the old row groups are written again
    in the current size)."""
    tables = con.execute("select count(*) from duckdb_tables() where database_name = current_database()")
    fresh = tables.fetchone()[0] == 0
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
    minimised = _minimise(con)
    migrated = _keys(con) or minimised
    return _row_groups(con, fresh) or migrated


def _row_groups(con: duckdb.DuckDBPyConnection, fresh: bool) -> bool:
    """True when the file's tables were written in another row group size than the current one (a warehouse from
    before issue 15's smaller row groups has none recorded): `compact` writes them all again in it, and records it.
    DuckDB merges row groups that lost rows only into row groups of the current size, so a larger one would keep
    its deleted rows for good."""
    if fresh:
        _record_row_group_size(con, "raw.opslag")
        return False
    return con.execute("select max(row_group_size) from raw.opslag").fetchone()[0] != duckdb_row_group_size()


def _record_row_group_size(con: duckdb.DuckDBPyConnection, table: str) -> None:
    con.execute(f"delete from {table}")
    con.execute(f"insert into {table} values (?)", [duckdb_row_group_size()])


def _keys(con: duckdb.DuckDBPyConnection) -> bool:
    """Warehouses from before issue 15: `persoon_id` as 64 hex characters becomes the UUID of its first 128 bits,
    the value ingest now stores for the same BSN. Every table outside raw is dropped: built from the old keys,
    dbt makes them again (in full) on the next build, also the incremental ones."""
    old = con.execute(
        "select table_name from duckdb_columns() where database_name = current_database() and schema_name = 'raw' "
        "and column_name = 'persoon_id' and data_type = 'VARCHAR' order by table_name"
    ).fetchall()
    for (name,) in old:
        con.execute(f"alter table raw.{name} alter persoon_id set data type uuid using left(persoon_id, 32)::uuid")
    if old:
        _drop_built(con, lambda _name: True)
    return bool(old)


def _drop_built(con: duckdb.DuckDBPyConnection, which: Callable[[str], bool]) -> None:
    """Drop the tables and views outside raw that `which` names: dbt makes them again on the next build."""
    for schema, name, soort in con.execute(
        "select schema_name, table_name, 'table' from duckdb_tables() "
        "where database_name = current_database() and schema_name <> 'raw' union all "
        "select schema_name, view_name, 'view' from duckdb_views() "
        "where not internal and database_name = current_database() and schema_name <> 'raw' order by 3"
    ).fetchall():
        if which(name):
            con.execute(f'drop {soort} if exists "{schema}"."{name}"')


def _minimise(con: duckdb.DuckDBPyConnection) -> bool:
    """Warehouses from before issue 11 (docs/privacy.md): keep only the birth month, drop dropped columns.

    A month-only column still under its old name (`geboortedatum`) is set to the 1st of its month and renamed
    (`geboortemaand`); a column the contract now drops (`postcode`) is dropped from the raw table.
    """
    changed = False
    columns: dict[str, set[str]] = {}
    for table_name, column_name in con.execute(  # one look at the whole raw schema, not one per table
        "select table_name, column_name from duckdb_columns() "
        "where database_name = current_database() and schema_name = 'raw'"
    ).fetchall():
        columns.setdefault(table_name, set()).add(column_name)
    for entity in ENTITIES:
        for table in entity.tables:
            existing = columns.get(table.name, set())
            for column in table.columns:
                if column.month_only and column.name in existing and column.stored_name not in existing:
                    con.execute(f'update raw.{table.name} set "{column.name}" = date_trunc(\'month\', "{column.name}")')
                    con.execute(f'alter table raw.{table.name} rename column "{column.name}" to "{column.stored_name}"')
                    changed = True
            for name in table.dropped:
                if name in existing:
                    con.execute(f'alter table raw.{table.name} drop column "{name}"')
                    changed = True
    if changed:
        _drop_built(con, lambda name: name in BUILT_FROM_BIRTH_DATE)
    return changed


def compact(path: Path) -> None:
    """Rewrite the warehouse file so no old value survives in its free blocks (after `ensure` migrated it).

    DuckDB reuses the blocks an update or dropped column freed, but does not wipe them: the bytes of the full
    birth dates and postcodes would stay in the file. A copy of the database into a new file holds only what
    is current. Views are not copied (a view over a dropped column would not bind); dbt makes them again on
    the next build, and the app reads only the mart tables. The copy is written in the current row group size.
    """
    fresh = path.with_name(path.name + ".compact")
    for leftover in (fresh, fresh.with_name(fresh.name + ".wal")):
        leftover.unlink(missing_ok=True)
    con = connect(path)
    try:
        for schema, name in con.execute(
            "select schema_name, view_name from duckdb_views() "
            "where not internal and database_name = current_database()"
        ).fetchall():
            con.execute(f'drop view "{schema}"."{name}"')
        con.execute("checkpoint")
    finally:
        con.close()
    con = duckdb.connect()
    try:
        con.execute(f"attach '{quoted(path)}' as oud (read_only)")
        con.execute(f"attach '{quoted(fresh)}' as nieuw (row_group_size {duckdb_row_group_size()})")
        con.execute("copy from database oud to nieuw")
        _record_row_group_size(con, "nieuw.raw.opslag")
        con.execute("detach nieuw")
    finally:
        con.close()
    os.replace(fresh, path)


def upgrade(path: Path) -> None:
    """Bring the raw layer of the warehouse file at `path` to the current contract (before a dbt build)."""
    con = connect(path)
    try:
        migrated = ensure(con)
    finally:
        con.close()
    if migrated:
        compact(path)
