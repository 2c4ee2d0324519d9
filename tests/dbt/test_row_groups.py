"""The work database is written in row groups of SEMON_DUCKDB_ROW_GROUP_SIZE rows (issue 15, docs/decisions.md).

DuckDB commits an append of fewer rows than a row group to its write-ahead log and copies it into the file at the
next checkpoint. With its default of 122,880 rows most of a national month went that way, written twice; with the
smaller size, ingest (ingest.raw_schema.connect) and dbt (profiles.yml) write such a month straight to the file.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from ingest.raw_schema import connect, upgrade
from semon import settings
from tests.helpers import differing, query

SIZE = 16_384  # the default of SEMON_DUCKDB_ROW_GROUP_SIZE


def _largest_row_groups(path: Path) -> dict[str, int]:
    """Per table, the most rows in one of its row groups."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        tables = con.execute("select schema_name, table_name from duckdb_tables() where not internal").fetchall()
        return {
            f"{schema}.{name}": con.execute(
                f"select coalesce(max(count), 0) from pragma_storage_info('{schema}.{name}') "
                "where segment_type <> 'VALIDITY'"
            ).fetchone()[0]
            for schema, name in tables
        }
    finally:
        con.close()


def test_the_row_group_size_is_whole_vectors(monkeypatch: pytest.MonkeyPatch) -> None:
    assert settings.duckdb_row_group_size() == SIZE
    monkeypatch.setenv("SEMON_DUCKDB_ROW_GROUP_SIZE", "20000")
    assert settings.duckdb_row_group_size() == 18_432  # DuckDB takes only whole vectors of 2,048 rows
    monkeypatch.setenv("SEMON_DUCKDB_ROW_GROUP_SIZE", "100")
    assert settings.duckdb_row_group_size() == 2_048


def test_an_append_of_fewer_rows_than_duckdbs_default_row_group_goes_straight_to_the_file(tmp_path: Path) -> None:
    """A month of a smaller table (20,000 rows: more than a row group here, fewer than DuckDB's default) is not
    written to the log first; opened as DuckDB opens a file by default, the same append is."""
    logged = {}
    for how in ("connect", "default"):
        path = tmp_path / f"{how}.duckdb"
        con = connect(path) if how == "connect" else duckdb.connect(str(path))
        con.execute("create table t as select range as i, md5(range::varchar) as s from range(50000)")
        con.execute("checkpoint")
        con.execute("insert into t select range as i, md5(range::varchar) as s from range(20000)")
        logged[how] = path.with_name(path.name + ".wal").stat().st_size
        con.close()
    assert logged["connect"] < 10_000 and logged["default"] > 500_000, logged  # 20,000 rows of about 40 bytes


def test_the_built_warehouse_is_in_row_groups_of_the_configured_size(demo_warehouse: Path) -> None:
    """Ingest and dbt both write the configured size (the largest tables hold several row groups)."""
    largest = _largest_row_groups(demo_warehouse)
    rows = query(demo_warehouse, "select count(*) from intermediate.int_doelgroep_maand")[0][0]
    assert rows > 3 * SIZE
    assert largest["intermediate.int_doelgroep_maand"] == SIZE
    assert max(largest.values()) == SIZE
    assert query(demo_warehouse, "select * from raw.opslag") == [(SIZE,)]


def test_a_warehouse_in_duckdbs_default_row_groups_is_written_again_once(demo_warehouse: Path, tmp_path: Path) -> None:
    """A warehouse from before the smaller row groups (none recorded, a table in one row group of DuckDB's default
    size): the upgrade writes every table again in the current size, with the same rows, and records it; the next
    upgrade leaves the file as it is."""
    old = tmp_path / "semon.duckdb"
    shutil.copyfile(demo_warehouse, old)
    con = duckdb.connect(str(old))
    con.execute("drop table raw.opslag")
    con.execute("create table intermediate.kopie as select * from intermediate.int_doelgroep_maand")
    con.execute("drop table intermediate.int_doelgroep_maand")
    con.execute("alter table intermediate.kopie rename to int_doelgroep_maand")
    con.close()
    assert _largest_row_groups(old)["intermediate.int_doelgroep_maand"] > SIZE

    upgrade(old)

    assert max(_largest_row_groups(old).values()) == SIZE
    assert query(old, "select * from raw.opslag") == [(SIZE,)]
    for table in ("intermediate.int_doelgroep_maand", "raw.werkplein_klanten"):
        assert differing(demo_warehouse, old, table) == (0, 0), table
    inode = old.stat().st_ino
    upgrade(old)
    assert old.stat().st_ino == inode  # not written again


def test_dbt_refuses_a_file_name_sql_reads_as_a_keyword(tmp_path: Path) -> None:
    """profiles.yml attaches the file under its stem without quotes: `full` would not parse."""
    from warehouse.build import run_dbt

    with pytest.raises(ValueError, match=r"geen SQL-woord\), niet full\.duckdb"):
        run_dbt(tmp_path / "full.duckdb", ["build"])
    with pytest.raises(ValueError, match=r"niet mijn-warehouse\.duckdb"):
        run_dbt(tmp_path / "mijn-warehouse.duckdb", ["build"])
