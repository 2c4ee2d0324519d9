"""Warehouses from before issue 15 are migrated by the next build or refresh: persoon_id as 64 hex characters gets
the 128-bit keys ingest now writes, and a warehouse in one file becomes a work database and a published file of
marts; the marts come out exactly as from a warehouse made by this release. Both changes came with issue 15, so a
warehouse in the field has both: one test takes both steps (one build)."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from cli.main import EXIT_OK, main
from tests.helpers import differing, query
from warehouse.publish import generations, work_path
from warehouse.status import read_status


def _same_marts(new: Path, migrated: Path) -> None:
    con = duckdb.connect()
    con.execute(f"attach '{new}' as new (read_only); attach '{migrated}' as migrated (read_only)")
    marts = _marts(con, "new")
    assert marts == _marts(con, "migrated") and len(marts) > 20
    con.close()
    for mart in marts:
        assert differing(new, migrated, f"marts.{mart}") == (0, 0), mart


def _marts(con: duckdb.DuckDBPyConnection, catalog: str) -> list[str]:
    return [
        name
        for (name,) in con.execute(
            "select table_name from duckdb_tables() where database_name = ? and schema_name = 'marts' order by 1",
            [catalog],
        ).fetchall()
    ]


def _hex_keys(warehouse: Path) -> None:
    """persoon_id as a warehouse before issue 15 had it: the full HMAC in hex (the first 32 characters are the new
    key), in the raw layer and in the built tables, the incremental ones included (they would not survive a change of
    type)."""
    con = duckdb.connect(str(warehouse))
    persons = con.execute(
        "select table_schema, table_name from information_schema.columns "
        "inner join information_schema.tables using (table_catalog, table_schema, table_name) "
        "where column_name = 'persoon_id' and data_type = 'UUID' and table_type = 'BASE TABLE' "
        "and table_schema in ('raw', 'intermediate') order by 1, 2"
    ).fetchall()
    for schema, table in persons:
        con.execute(
            f"alter table {schema}.{table} alter persoon_id set data type varchar "
            "using replace(persoon_id::varchar, '-', '') || md5(persoon_id::varchar)"
        )
    con.close()
    assert ("intermediate", "int_doelgroep_maand") in persons and ("raw", "werkplein_ladder") in persons


def test_a_warehouse_from_before_issue_15_is_migrated_by_a_refresh_and_gives_the_same_marts(
    built_warehouse: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The release before issue 15, as it is in the field: everything in one file (the published one) and persoon_id
    as 64 hex characters. A refresh with nothing new migrates both: the keys become the 128-bit ones ingest now
    writes, the file is copied once to be the work database, and the marts alone are built and published, exactly as
    from a warehouse made by this release; the next refresh has nothing to do."""
    live, inbox = tmp_path / "wh" / "semon.duckdb", tmp_path / "inbox"
    live.parent.mkdir()
    inbox.mkdir()
    shutil.copyfile(built_warehouse, live)
    _hex_keys(live)
    monkeypatch.setenv("SEMON_WAREHOUSE", str(live))
    monkeypatch.setenv("SEMON_INBOX", str(inbox))

    assert main(["refresh"]) == EXIT_OK

    work = work_path(live)
    keys = "select distinct data_type from information_schema.columns where column_name = 'persoon_id'"
    assert query(work, keys) == [("UUID",)]
    assert query(work, "select count(*) from raw.laadlog") == query(built_warehouse, "select count(*) from raw.laadlog")
    assert query(live, "select distinct schema_name from duckdb_tables() order by 1") == [("marts",)]
    _same_marts(built_warehouse, live)
    # As dbt made them: the contracts' types and not-null constraints, and the docs the reference page shows.
    for catalog in ("duckdb_tables()", "duckdb_columns()"):
        shape = f"select * exclude (database_name, database_oid, schema_oid, table_oid) from {catalog} " + (
            "where schema_name = 'marts' order by all"
        )
        assert query(live, shape) == query(built_warehouse, shape), catalog
    assert len(generations(live)) == 1  # the one-file warehouse is kept: a rollback brings it back whole
    assert main(["refresh"]) == EXIT_OK
    assert read_status(live).melding.startswith("Niets nieuws")
