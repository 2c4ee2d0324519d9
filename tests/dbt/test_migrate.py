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


@pytest.mark.parametrize(
    ("model", "newer", "older"),
    [
        ("int_werkplein__bestand", "recordsleutel", None),
        # Older still: int_doelgroep_maand before its masks (session 64) and before it dropped its rows' fingerprints.
        ("int_doelgroep_maand", "doelgroepen", "invoer_hash"),
        # mart_instrumenten before session 75: its outflow to work under the old name, then counted from the end.
        ("mart_instrumenten", "uitstroom_werk_12m", "uitstroom_werk_12m_na_einde"),
    ],
)
def test_an_incremental_model_built_without_its_newer_column_is_dropped_before_the_build(
    built_warehouse: Path, tmp_path: Path, model: str, newer: str, older: str | None
) -> None:
    """As a warehouse of the release before the model kept its newest column (int_werkplein__bestand its record keys,
    int_doelgroep_maand the ALLE rows' masks, mart_instrumenten its outflow to work under today's name): the upgrade
    drops that model (the next build makes it whole), and leaves the models that have their columns."""
    from ingest.raw_schema import upgrade

    old = tmp_path / "semon.duckdb"
    shutil.copyfile(built_warehouse, old)
    con = duckdb.connect(str(old))
    [(schema,)] = con.execute("select schema_name from duckdb_tables() where table_name = ?", [model]).fetchall()
    con.execute(f"alter table {schema}.{model} drop column {newer}")
    if older:
        con.execute(f"alter table {schema}.{model} add column {older} ubigint default 1")
    con.close()
    before = query(old, "select table_name from duckdb_tables() where schema_name <> 'raw' order by 1")

    upgrade(old)

    after = query(old, "select table_name from duckdb_tables() where schema_name <> 'raw' order by 1")
    assert set(before) - set(after) == {(model,)} and set(after) < set(before)


def test_the_columns_incremental_models_no_longer_have_are_dropped_and_their_rows_stay(
    built_warehouse: Path, tmp_path: Path
) -> None:
    """As a warehouse of the release whose int_doelgroep_maand kept each row's fingerprints, whose
    int_personen__bron kept each row's file dates, whose snapshot models kept the file each record was last seen
    in and whose int_ladder__stand kept each row's month fingerprint without a register: the upgrade drops those
    columns (keeping the newest file seen and the months' fingerprints beside the model) and every row, so the next
    refresh adds to the rows there are instead of failing on the changed schema (the models' on_schema_change is
    'fail') or computing the history again."""
    from ingest.raw_schema import INCREMENTAL_DROPPED_COLUMNS, upgrade
    from warehouse.build import run_dbt

    assert set(INCREMENTAL_DROPPED_COLUMNS) == {
        "int_doelgroep_maand",
        "int_personen__bron",
        "int_werkplein__perioden",
        "int_werkplein__trajecten",
        "int_werkplein__plaatsingen",
        "int_wsw__wachtlijstperioden",
        "int_uwv__registerperioden",
        "int_ladder__stand",
        "int_werkplein__stroom",
    }
    old = tmp_path / "semon.duckdb"
    shutil.copyfile(built_warehouse, old)
    con = duckdb.connect(str(old))
    seen = [model for model, columns in INCREMENTAL_DROPPED_COLUMNS.items() if "laatst_gezien" in columns]
    for model, columns in INCREMENTAL_DROPPED_COLUMNS.items():
        for column in columns:
            kind = "date default date '2001-01-01'" if column == "laatst_gezien" else "ubigint default 1"
            con.execute(f"alter table intermediate.{model} add column {column} {kind}")
    for model in seen:  # their newest file in one row (older ones in the rest), not in a table beside them
        table = f"intermediate.{model}"
        newest = f"(select max(rowid) from {table})"
        con.execute(f"update {table} set laatst_gezien = (from {table}__gezien) where rowid = {newest}")
        con.execute(f"drop table {table}__gezien")
    # The ladder's stands with each row's month fingerprint, from before the register beside them.
    stand = "intermediate.int_ladder__stand"
    con.execute(f"update {stand} as t set maand_invoer = i.invoer_hash from intermediate.int_ladder__maand_invoer "
                "as i where i.maand = t.maand")  # fmt: skip
    con.execute(f"drop table {stand}__maanden")
    con.close()

    upgrade(old)

    con = duckdb.connect()
    con.execute(f"attach '{old}' as old (read_only); attach '{built_warehouse}' as new (read_only)")
    for model in INCREMENTAL_DROPPED_COLUMNS:
        columns = f"select column_name from duckdb_columns() where table_name = '{model}' order by 1"
        assert query(old, columns) == query(built_warehouse, columns), model
        table = f"intermediate.{model}"
        assert con.execute(
            f"select count(*) from ((from old.{table} except all from new.{table}) "
            f"union all (from new.{table} except all from old.{table}))"
        ).fetchone() == (0,), model
        assert con.execute(f"select count(*) from old.{table}").fetchone()[0] > 0  # not empty tables compared
    for model in seen:
        newest = con.execute(f"from old.intermediate.{model}__gezien").fetchall()
        assert newest == con.execute(f"from new.intermediate.{model}__gezien").fetchall() != [(None,)], model
    held = (  # the fingerprints of the months the stands hold rows of
        "select distinct t.maand, i.invoer_hash from new.intermediate.int_ladder__stand as t "
        "inner join new.intermediate.int_ladder__maand_invoer as i using (maand) order by 1"
    )
    register = con.execute("from old.intermediate.int_ladder__stand__maanden order by 1").fetchall()
    assert register == con.execute(held).fetchall() != [], "int_ladder__stand__maanden"
    con.close()
    run_dbt(old, ["run", "--select", *INCREMENTAL_DROPPED_COLUMNS])  # incremental runs on the tables as they are
