"""A warehouse from before issue 15 (persoon_id as 64 hex characters) is migrated by the next build: the raw layer
gets the 128-bit keys ingest now writes, and the marts come out exactly as from a warehouse loaded with them."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from tests.helpers import query
from warehouse.build import dbt_build


def _marts(con: duckdb.DuckDBPyConnection, catalog: str) -> list[str]:
    return [
        name
        for (name,) in con.execute(
            "select table_name from duckdb_tables() where database_name = ? and schema_name = 'marts' order by 1",
            [catalog],
        ).fetchall()
    ]


def test_a_warehouse_with_hex_keys_is_migrated_by_a_refresh_and_gives_the_same_marts(
    built_warehouse: Path, tmp_path: Path
) -> None:
    old = tmp_path / "semon.duckdb"
    shutil.copyfile(built_warehouse, old)
    con = duckdb.connect(str(old))
    persons = con.execute(
        "select table_schema, table_name from information_schema.columns where column_name = 'persoon_id' "
        "and data_type = 'UUID' and table_schema in ('raw', 'intermediate') order by 1, 2"
    ).fetchall()
    # As an old warehouse had them: the full HMAC in hex (the first 32 characters are the new key), in the raw
    # layer and in the built tables, the incremental ones included (they would not survive a change of type).
    for schema, table in persons:
        con.execute(
            f"alter table {schema}.{table} alter persoon_id set data type varchar "
            "using replace(persoon_id::varchar, '-', '') || md5(persoon_id::varchar)"
        )
    con.close()
    assert ("intermediate", "int_doelgroep_maand") in persons and ("raw", "werkplein_ladder") in persons

    dbt_build(old, full=False)  # what `semon refresh` runs: the migration comes first

    assert query(old, "select distinct data_type from information_schema.columns where column_name = 'persoon_id'") == [
        ("UUID",)
    ]
    con = duckdb.connect()
    con.execute(f"attach '{built_warehouse}' as new (read_only); attach '{old}' as migrated (read_only)")
    marts = _marts(con, "new")
    assert marts == _marts(con, "migrated") and len(marts) > 20
    for mart in marts:
        differ = con.execute(
            f"select count(*) from ((select * from new.marts.{mart} except all select * from migrated.marts.{mart}) "
            f"union all (select * from migrated.marts.{mart} except all select * from new.marts.{mart}))"
        ).fetchone()[0]
        assert differ == 0, mart
    con.close()


def test_an_incremental_model_built_without_its_newer_column_is_dropped_before_the_build(
    built_warehouse: Path, tmp_path: Path
) -> None:
    """As a warehouse of the release before int_werkplein__bestand kept its month fingerprint: the upgrade drops
    that model (the next build makes it whole), and leaves the models that have their columns."""
    from ingest.raw_schema import upgrade

    old = tmp_path / "semon.duckdb"
    shutil.copyfile(built_warehouse, old)
    con = duckdb.connect(str(old))
    con.execute("alter table intermediate.int_werkplein__bestand drop column maand_invoer")
    con.close()
    before = query(old, "select table_name from duckdb_tables() where schema_name <> 'raw' order by 1")

    upgrade(old)

    after = query(old, "select table_name from duckdb_tables() where schema_name <> 'raw' order by 1")
    assert set(before) - set(after) == {("int_werkplein__bestand",)} and set(after) < set(before)
