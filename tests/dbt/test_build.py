"""dbt on real warehouses: the demo data builds green, the data-quality marts count exactly, failures are loud."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from semon.settings import DBT_PROJECT_DIR
from tests.helpers import query


def test_dbt_build_passes_on_the_demo_data(demo_warehouse: Path) -> None:
    # The fixture ran `dbt build` (seeds, models, every test) and would have raised on any failure.
    loaded = query(demo_warehouse, "select tabel, rijen from marts.mart_laadstatus order by tabel")
    assert [table for table, _ in loaded] == [
        "rmc_vsv",
        "uwv_doelgroepregister",
        "uwv_wajong",
        "werkgevers_register",
        "werkgevers_sroi",
        "werkplein_klanten",
        "werkplein_ladder",
        "werkplein_plaatsingen",
        "werkplein_trajecten",
        "wsw_wachtlijst",
        "wsw_werknemers",
    ]
    assert all(rows > 0 for _, rows in loaded)


def test_laadstatus_counts_the_story_exactly(built_warehouse: Path) -> None:
    rows = query(
        built_warehouse,
        """
        select tabel, laatste_peildatum, bestanden, rijen, rijen_quarantaine
        from marts.mart_laadstatus where tabel in ('werkplein_klanten', 'werkplein_ladder', 'werkgevers_sroi')
        order by tabel""",
    )
    july = dt.date(2024, 7, 1)
    assert rows == [
        ("werkgevers_sroi", july, 1, 2, 0),  # SROI-1 and SROI-2
        ("werkplein_klanten", july, 2, 18, 1),
        ("werkplein_ladder", july, 1, 10, 2),
    ]


def test_quarantaine_mart_lists_each_bad_cell_with_its_line(built_warehouse: Path) -> None:
    rows = query(
        built_warehouse,
        """
        select bestand, regelnummer, kolom, waarde, reden from marts.mart_quarantaine
        order by bestand, regelnummer""",
    )
    assert rows == [
        ("werkplein_klanten_20240701.csv", 11, "geslacht", "Q", "onbekende code; toegestaan: M, V, X"),
        ("werkplein_ladder_20240701.csv", 12, "trede", "7", "buiten bereik: minstens 1 en hoogstens 6"),
        ("werkplein_ladder_20240701.csv", 13, "bsn", "*********", "BSN voldoet niet aan de elfproef"),
    ]


def test_docs_generate_and_every_mart_column_is_described(built_warehouse: Path, tmp_path: Path) -> None:
    import json

    from warehouse.build import run_dbt, target_path

    copy = tmp_path / "semon.duckdb"  # the name (dbt's database) of the other builds: their target folder,
    shutil.copyfile(built_warehouse, copy)  # so dbt's partial parse holds (a full one costs 1.5 s)
    # The manifest from dbt's parse, the catalog from docs generate without compiling every node first: what is
    # checked here is the docs, the lineage and the built columns, not the compiled SQL (every build compiles it),
    # and the compile was nine tenths of the command's time (8 s against 0.5 s).
    run_dbt(copy, ["parse"])
    run_dbt(copy, ["docs", "generate", "--no-compile"])
    manifest = json.loads((target_path(copy) / "manifest.json").read_text())
    catalog = json.loads((target_path(copy) / "catalog.json").read_text())
    marts = {
        node["name"]: node
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model" and node["schema"] == "marts"
    }
    assert len(marts) == len(list((DBT_PROJECT_DIR / "models" / "marts").rglob("mart_*.sql")))
    for name, node in marts.items():
        built = catalog["nodes"][node["unique_id"]]["columns"]
        assert node["description"].strip(), name
        assert set(built) == set(node["columns"]), name  # the contract lists every column the table has
        assert all(column["description"].strip() for column in node["columns"].values()), name
    # The layers (dbt's project-structure guide): only staging selects from a source, no mart from another mart.
    models = {key: node for key, node in manifest["nodes"].items() if node["resource_type"] == "model"}
    for key, node in models.items():
        parents = node["depends_on"]["nodes"]
        assert node["schema"] == "staging" or not [p for p in parents if p.startswith("source.")], key
        assert node["schema"] != "marts" or not [p for p in parents if models.get(p, {}).get("schema") == "marts"], key


def test_every_dbt_unit_test_passes(built_warehouse: Path, tmp_path: Path) -> None:
    """The unit tests check the models' logic on fixed inputs: they run here once, not with every fixture build."""
    import yaml

    from warehouse.build import run_dbt

    declared = sum(
        len(yaml.safe_load(path.read_text()).get("unit_tests") or [])
        for path in (DBT_PROJECT_DIR / "models").rglob("*.yml")
    )
    copy = tmp_path / "semon.duckdb"
    shutil.copyfile(built_warehouse, copy)
    result = run_dbt(copy, ["test", "--select", "test_type:unit"])  # raises BuildFailed naming a failing one
    assert declared >= 20
    assert result.nodes == declared


def test_the_not_null_test_finds_every_column_a_null_was_written_into(built_warehouse: Path, tmp_path: Path) -> None:
    """not_null_columns lets DuckDB answer from the table's statistics (nothing read while a column has never held a
    null): a null written into a built table must still be found, one failing row per column that has one."""
    import duckdb

    from warehouse.build import BuildFailed, run_dbt

    copy = tmp_path / "semon.duckdb"
    shutil.copyfile(built_warehouse, copy)
    select = ["test", "--select", "int_doelgroep_maand,test_name:not_null_columns"]
    run_dbt(copy, select)
    with duckdb.connect(str(copy)) as con:
        con.execute(
            "update intermediate.int_doelgroep_maand set maand = null, gemeentecode = null "
            "where rowid = (select max(rowid) from intermediate.int_doelgroep_maand)"
        )
    with pytest.raises(BuildFailed, match=r"not_null_columns_int_doelgroep_maand_.*Got 2 results"):
        run_dbt(copy, select)


def test_the_quarantine_overview_counts_every_bad_cell_of_the_quarantine(demo_warehouse: Path) -> None:
    """mart_quarantaine_redenen (the data-quality page's overview, counted once per build) holds per source, table,
    column and reason exactly the cells and lines of mart_quarantaine."""
    overview = query(demo_warehouse, "select * from marts.mart_quarantaine_redenen order by all")
    cells: dict[tuple, list] = {}
    for bron, tabel, kolom, reden, bestand, regel, peildatum in query(
        demo_warehouse,
        "select bron, tabel, kolom, reden, bestand, regelnummer, bestand_peildatum from marts.mart_quarantaine",
    ):  # a reason without the line numbers it names: one row for every line a duplicate key was found on
        reden = re.sub(r" op regel \d+$", " op een eerdere regel", re.sub(r"^regel \d+:? ", "", reden))
        cells.setdefault((bron, tabel, kolom, reden), []).append((bestand, regel, peildatum))
    direct = sorted(
        (*key, len(found), len({f[:2] for f in found}), min(f[2] for f in found), max(f[2] for f in found))
        for key, found in cells.items()
    )
    assert overview == direct
    assert sum(row[4] for row in overview) == query(demo_warehouse, "select count(*) from marts.mart_quarantaine")[0][0]
    assert len(overview) >= 5  # the demo data carries bad values of several kinds
    dubbel = [row for row in overview if row[3].startswith("dubbel:")]
    assert dubbel and all(row[3].endswith("komt al voor op een eerdere regel") for row in dubbel)
    assert max(row[5] for row in dubbel) > 1  # duplicates on several lines, one reason


def test_a_model_that_fails_keeps_its_previous_rows(built_warehouse: Path, tmp_path: Path) -> None:
    """Tables and fully refreshed incremental models are built in place (macros/build_in_place.sql): the old relation
    is dropped in the model's transaction, so a model that fails rolls back to its previous rows, and nothing
    half-named stays behind."""
    import duckdb

    from warehouse.build import BuildFailed, run_dbt

    copy = tmp_path / "semon.duckdb"
    shutil.copyfile(built_warehouse, copy)
    models = {
        "marts.mart_werkgevers": ("intermediate.int_werkgevers__register", "pact"),  # a table
        "marts.mart_klantstroom": ("intermediate.int_werkplein__stroom", "maand"),
    }  # incremental
    before = {model: query(copy, f"from {model} order by all") for model in models}
    with duckdb.connect(str(copy)) as con:
        for upstream, column in models.values():  # a column the model reads is gone: it fails while it runs
            con.execute(f"create or replace table {upstream} as select * exclude ({column}) from {upstream}")
    with pytest.raises(BuildFailed, match=r"faalde \(2 onderdelen\)"):
        run_dbt(copy, ["run", "--full-refresh", "--select", *(m.split(".")[1] for m in models)])
    assert all(before[model] and query(copy, f"from {model} order by all") == before[model] for model in models)
    assert query(copy, "select table_name from duckdb_tables() where contains(table_name, '__dbt')") == []


def test_a_project_file_changed_between_two_runs_of_one_process_is_read_again(
    built_warehouse: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A process keeps the parsed project for its next dbt runs (warehouse/build._parsed_project): a model changed
    in between must run as it now reads, not as it was parsed."""
    from semon import settings
    from warehouse.build import run_dbt

    project = tmp_path / "dbt_project"
    shutil.copytree(DBT_PROJECT_DIR, project, ignore=shutil.ignore_patterns("target", "logs"))
    monkeypatch.setattr(settings, "DBT_PROJECT_DIR", project)
    monkeypatch.setenv("SEMON_DBT_STATE", str(tmp_path / "state"))
    copy = tmp_path / "semon.duckdb"
    shutil.copyfile(built_warehouse, copy)
    rows = "select count(*) from marts.mart_doelgroepen"
    run_dbt(copy, ["run", "--select", "mart_doelgroepen"])
    assert query(copy, rows) == query(copy, "select count(*) from ref.doelgroepen") != [(0,)]
    (model,) = project.glob("models/marts/*/mart_doelgroepen.sql")
    model.write_text(model.read_text() + "where doelgroep = 'PW'\n")
    run_dbt(copy, ["run", "--select", "mart_doelgroepen"])
    assert query(copy, rows) == [(1,)]


def test_the_file_log_has_each_nodes_outcome_and_no_statement(built_warehouse: Path, tmp_path: Path) -> None:
    """dbt drops the events no logger writes before making their messages (warehouse/dbt_events.py): dbt.log, at
    info, still has each node's outcome (the statements are debug events: tests/unit/test_dbt_events.py)."""
    from semon import settings
    from warehouse.build import run_dbt

    log = settings.dbt_state_dir() / "logs" / "dbt.log"  # this worker's own (conftest.py), kept between runs
    before = log.stat() if log.exists() else None
    copy = tmp_path / "semon.duckdb"
    shutil.copyfile(built_warehouse, copy)
    run_dbt(copy, ["build", "--select", "mart_labels"])
    # dbt starts a new dbt.log at 10 MB (the old one becomes dbt.log.1): then this run's lines begin in that one.
    parts = [(log, before.st_size if before else 0)]
    if before and log.stat().st_ino != before.st_ino:
        parts = [(log.with_name("dbt.log.1"), before.st_size), (log, 0)]
    written = ""
    for path, start in parts:
        with path.open("rb") as file:
            file.seek(start)
            written += file.read().decode()
    assert re.search(r"\[info \] .* OK created sql table model marts\.mart_labels ", written)
    assert re.search(r"\[info \] .* PASS unique_combination_mart_labels_", written)
    assert re.search(r"\[info \] .* Done\. PASS=8 WARN=0 ERROR=0 SKIP=0 NO-OP=0 TOTAL=8", written)
    assert "drop table if exists" not in written and "[debug]" not in written


def test_dbt_runs_with_the_memory_limit_of_the_settings(
    built_warehouse: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """SEMON_DUCKDB_MEMORY bounds what a national build holds in memory (profiles.yml sets it once, when dbt opens
    the database)."""
    from warehouse.build import run_dbt

    monkeypatch.setenv("SEMON_DUCKDB_MEMORY", "1GB")
    # Another profile: dbt parses the project again, into a state of its own. In the worker's state the next test's
    # dbt run would find the profile changed back and parse it all again too (2.3 s).
    monkeypatch.setenv("SEMON_DBT_STATE", str(tmp_path / "state"))
    copy = tmp_path / "semon.duckdb"
    shutil.copyfile(built_warehouse, copy)
    run_dbt(copy, ["show", "--inline", "select current_setting('memory_limit') as grens"])
    assert re.search(r"\| grens +\|\n\| -+ \|\n\| 953\.6 MiB \|", capsys.readouterr().out)
