"""Crash safety: a refresh killed (SIGKILL) at any moment, then run again, ends exactly like a clean run."""

from __future__ import annotations

import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb

from tests.helpers import REPO_ROOT
from tests.live.test_refresh import env_for

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


def test_refreshes_killed_at_random_moments_end_like_a_clean_run(tiny_extracts: Path, tmp_path: Path) -> None:
    inboxes = {}
    for name in ("clean", "killed"):
        inboxes[name] = tmp_path / name / "inbox"
        shutil.copytree(tiny_extracts, inboxes[name], ignore=shutil.ignore_patterns(".*"))
    clean = tmp_path / "clean" / "wh" / "semon.duckdb"
    assert subprocess.run([*SEMON, "refresh"], env=env_for(clean, inboxes["clean"]), cwd=REPO_ROOT).returncode == 0

    live = tmp_path / "killed" / "wh" / "semon.duckdb"
    env = env_for(live, inboxes["killed"])
    rng = random.Random(20241001)  # a refresh of this set takes about 15 s: ingest first, then dbt, then publish
    moments = [rng.uniform(0.3, 3), rng.uniform(3, 8), rng.uniform(8, 15)]
    for moment in moments:
        writer = subprocess.Popen([*SEMON, "refresh"], env=env, cwd=REPO_ROOT, stdout=subprocess.DEVNULL)
        time.sleep(moment)
        writer.send_signal(signal.SIGKILL)
        writer.wait()
    assert subprocess.run([*SEMON, "refresh"], env=env, cwd=REPO_ROOT).returncode == 0

    assert state(live) == state(clean)
    assert not list(live.parent.glob("*.building*"))  # no half-written copy left behind after a good run
    rejected = sorted(p.name for p in (tmp_path / "killed" / "rejected").iterdir() if p.suffix != ".txt")
    assert rejected == sorted(p.name for p in (tmp_path / "clean" / "rejected").iterdir() if p.suffix != ".txt")
