"""Crash safety: a refresh killed (SIGKILL) in each of its phases, then run again, ends exactly like a clean run.

The kills happen at named points (`SEMON_STOP_BIJ`, semon/crashpoint.py): in the ingest, in the middle of the dbt
build, and in the publish step between keeping the old warehouse as a generation and replacing it. A kill that
does not happen fails the test, so every phase is covered on any machine, fast or slow.
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
from pathlib import Path

import duckdb

from semon.crashpoint import PHASES
from tests.helpers import REPO_ROOT, env_for

SEMON = [sys.executable, "-m", "cli.main"]
TABLES = [
    "werkplein_klanten", "werkplein_ladder", "werkplein_trajecten", "werkplein_plaatsingen", "uwv_doelgroepregister",
    "uwv_wajong", "wsw_werknemers", "wsw_wachtlijst", "rmc_vsv", "werkgevers_register", "werkgevers_sroi",
]  # fmt: skip


def state(live: Path) -> dict[str, object]:
    """Everything a load decides: the load log (without clock times), every raw table, the marts' totals."""
    con = duckdb.connect(str(live), read_only=True)
    try:
        laadlog = con.execute(
            "select bestand, inhoud_hash, status, rijen_geladen, rijen_quarantaine from raw.laadlog order by bestand"
        ).fetchall()
        raw = {
            t: con.execute(f"select count(*), count(distinct persoon_id) from raw.{t}").fetchone() for t in TABLES[:9]
        }
        quarantaine = con.execute("select count(*) from raw.quarantaine").fetchone()
        marts = con.execute(
            "select (select sum(bestand) from marts.mart_klantstroom), "
            "(select sum(personen) from marts.mart_ladder_stand), "
            "(select count(*) from marts.mart_plaatsingen), (select sum(rijen) from marts.mart_laadstatus)"
        ).fetchone()
    finally:
        con.close()
    return {"laadlog": laadlog, "raw": raw, "quarantaine": quarantaine, "marts": marts}


def test_refreshes_killed_in_each_phase_end_like_a_clean_run(tiny_extracts: Path, tmp_path: Path) -> None:
    inboxes = {}
    for name in ("clean", "killed"):
        inboxes[name] = tmp_path / name / "inbox"
        shutil.copytree(tiny_extracts, inboxes[name], ignore=shutil.ignore_patterns(".*"))
    clean = tmp_path / "clean" / "wh" / "semon.duckdb"
    assert subprocess.run([*SEMON, "refresh"], env=env_for(clean, inboxes["clean"]), cwd=REPO_ROOT).returncode == 0

    live = tmp_path / "killed" / "wh" / "semon.duckdb"
    for phase in PHASES:
        before = live.read_bytes() if live.exists() else None
        env = env_for(live, inboxes["killed"]) | {"SEMON_STOP_BIJ": phase}
        killed = subprocess.run([*SEMON, "refresh"], env=env, cwd=REPO_ROOT, capture_output=True, text=True)
        said = [line for line in killed.stderr.splitlines() if line.startswith("semon: gestopt bij fase")]
        print(f"refresh gedood in fase {phase}: {said}")  # the crash test's log names each kill
        assert killed.returncode == -signal.SIGKILL, killed.stderr
        assert said == [f"semon: gestopt bij fase {phase} (SEMON_STOP_BIJ)"]
        # Killed before it published: the live warehouse is exactly what it was (none yet, until a refresh passes).
        assert (live.read_bytes() if live.exists() else None) == before
    assert subprocess.run([*SEMON, "refresh"], env=env_for(live, inboxes["killed"]), cwd=REPO_ROOT).returncode == 0

    assert state(live) == state(clean)
    assert not list(live.parent.glob("*.building*"))  # no half-written copy left behind after a good run
    rejected = sorted(p.name for p in (tmp_path / "killed" / "rejected").iterdir() if p.suffix != ".txt")
    assert rejected == sorted(p.name for p in (tmp_path / "clean" / "rejected").iterdir() if p.suffix != ".txt")
