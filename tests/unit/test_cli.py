"""The `semon` command: help, exit codes, the ingest summary, and publishing beside open readers."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from cli.main import EXIT_FAILED, EXIT_OK, EXIT_REFUSED, demo_start, main
from tests.helpers import STORY_EXTRACTS, query, write_work
from warehouse.publish import building, work_path
from warehouse.status import read_status

SEMON = [sys.executable, "-m", "cli.main"]


@pytest.fixture
def warehouse(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "wh" / "semon.duckdb"
    monkeypatch.setenv("SEMON_WAREHOUSE", str(path))
    return path


@pytest.mark.parametrize("command", ["generate", "ingest", "build", "serve", "demo", "rapport"])
def test_every_subcommand_has_help(command: str) -> None:
    result = subprocess.run([*SEMON, command, "--help"], capture_output=True, text=True, check=False)
    assert result.returncode == 0
    assert f"usage: semon {command}" in result.stdout


def test_ingest_prints_a_one_screen_summary_and_exits_0(
    tmp_path: Path, warehouse: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inbox = tmp_path / "inbox"
    shutil.copytree(STORY_EXTRACTS, inbox)
    assert main(["ingest", str(inbox)]) == EXIT_OK
    out = capsys.readouterr().out
    assert "Inlezen klaar: 11 geladen, 0 correctie, 0 ongewijzigd, 0 geweigerd" in out
    assert "  werkplein_ladder" + " " * 12 + " " * 9 + "1" + " " * 10 + "10" + " " * 12 + "2\n" in out
    assert "werkplein_klanten_20240701.csv, regel 11, kolom geslacht, waarde 'Q': onbekende code" in out
    assert len(out.splitlines()) <= 40
    # Ingest fills the work database only; `semon build` (or a refresh) publishes the marts.
    assert work_path(warehouse).exists() and not warehouse.exists()


def test_ingest_with_a_refused_file_exits_3_and_says_why(
    tmp_path: Path, warehouse: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "ladder.csv").write_text("bsn;peildatum;trede\n")
    assert main(["ingest", str(inbox)]) == EXIT_REFUSED
    out = capsys.readouterr().out
    assert "ladder.csv: bestandsnaam volgt het patroon <bron>_<entiteit>_<jjjjmmdd>.<ext> niet" in out


def test_ingest_of_a_missing_path_fails_with_one_line_on_stderr(tmp_path: Path, warehouse: Path) -> None:
    env = {**os.environ, "SEMON_WAREHOUSE": str(warehouse)}
    result = subprocess.run(
        [*SEMON, "ingest", str(tmp_path / "nope")], capture_output=True, text=True, env=env, check=False
    )
    assert result.returncode == EXIT_FAILED
    assert result.stderr.strip().splitlines() == [f"semon ingest: {tmp_path / 'nope'}: bestand of map bestaat niet"]
    assert not warehouse.exists()


def test_a_refresh_on_a_server_without_the_key_file_is_refused_and_says_which_key_it_used(
    tmp_path: Path, warehouse: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    inbox = tmp_path / "inbox"
    shutil.copytree(STORY_EXTRACTS, inbox)
    (inbox / "werkplein_klanten_20240701.csv").unlink()  # the next month's file, delivered after the move
    assert main(["ingest", str(inbox)]) == EXIT_OK  # under the key in SEMON_PSEUDONYM_KEY (tests/conftest.py)
    capsys.readouterr()
    # The new server: no SEMON_PSEUDONYM_KEY, and the key file was not copied, so a new one is made on first use.
    key_file = tmp_path / "config" / "pseudonym.key"
    monkeypatch.delenv("SEMON_PSEUDONYM_KEY")
    monkeypatch.setenv("SEMON_KEY_FILE", str(key_file))
    shutil.copy(STORY_EXTRACTS / "werkplein_klanten_20240701.csv", inbox)
    loads = query(work_path(warehouse), "select count(*) from raw.laadlog")
    assert main(["refresh", "--inbox", str(inbox)]) == EXIT_FAILED
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert line.startswith("semon refresh: verversen geweigerd: de pseudoniemsleutel is niet de sleutel waarmee")
    assert f"De sleutel kwam nu uit het sleutelbestand {key_file} (SEMON_KEY_FILE)." in line
    assert key_file.exists()  # made on first use: the key that would have split everyone's history
    assert query(work_path(warehouse), "select count(*) from raw.laadlog") == loads
    status = read_status(warehouse)
    assert status is not None and not status.gelukt
    assert "Verversing mislukt; het vorige warehouse blijft staan. de pseudoniemsleutel" in status.melding


def test_build_without_a_warehouse_fails_with_one_line(warehouse: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build"]) == EXIT_FAILED
    assert capsys.readouterr().err.strip() == (
        f"semon build: geen warehouse op {warehouse}: lees eerst extracten in met `semon ingest`"
    )


def test_a_failed_write_publishes_nothing(tmp_path: Path) -> None:
    live = tmp_path / "semon.duckdb"
    with building(live) as work:
        write_work(work, 1)
    before = live.read_bytes()
    with pytest.raises(RuntimeError), building(live) as work:
        write_work(work, 2)
        raise RuntimeError("a check failed")
    assert live.read_bytes() == before
    assert query(live, "select v from marts.t") == [(1,)]
    assert not live.with_name("semon.duckdb.building").exists()


def test_a_publish_lands_while_a_reader_has_the_warehouse_open(tmp_path: Path) -> None:
    live = tmp_path / "semon.duckdb"
    with building(live) as work:
        write_work(work, 1)
    reader = duckdb.connect(":memory:")
    reader.execute(f"attach '{live}' as wh (read_only)")
    with building(live) as work:  # the writer neither waits for the reader nor fails on its lock
        write_work(work, 2)
    # The open reader keeps its consistent old view; a new reader sees the published marts, and only those.
    assert reader.execute("select v from wh.marts.t").fetchone() == (1,)
    assert query(live, "select v from marts.t") == [(2,)]
    assert query(live, "select schema_name from duckdb_tables() order by 1") == [("marts",)]
    reader.close()


@pytest.mark.parametrize(
    ("today", "first"),
    [(dt.date(2026, 11, 25), "2023-11"), (dt.date(2027, 1, 3), "2024-01"), (dt.date(2026, 12, 31), "2023-12")],
)
def test_demo_data_ends_in_the_current_month(today: dt.date, first: str) -> None:
    assert demo_start(today) == first  # 37 months, the last one being today's: the demo looks live


def test_a_refresh_names_the_first_three_refused_files_with_their_reasons_and_counts_the_rest() -> None:
    from ingest.load import FileOutcome
    from warehouse.refresh import _refused

    refused = [FileOutcome(f"wsw_wachtlijst_2024{m:02d}01.csv", "geweigerd", reden=f"reden {m}") for m in range(1, 6)]
    assert _refused(refused[:1]) == (
        "1 bestand geweigerd (naar rejected/ naast de inbox, met de reden): wsw_wachtlijst_20240101.csv: reden 1."
    )
    assert _refused(refused) == (
        "5 bestanden geweigerd (naar rejected/ naast de inbox, met de reden): wsw_wachtlijst_20240101.csv: reden 1; "
        "wsw_wachtlijst_20240201.csv: reden 2; wsw_wachtlijst_20240301.csv: reden 3; en 2 meer."
    )
    assert _refused([]) == ""
