"""Crash safety: a refresh killed (SIGKILL) in each of its phases, then run again, ends exactly like a clean run.

The kills happen at named points (`SEMON_STOP_BIJ`, semon/crashpoint.py): in the ingest, in the middle of the dbt
build, and in the publish step between keeping the old warehouse as a generation and replacing it. A kill that
does not happen fails the test, so every phase is covered on any machine, fast or slow.
"""

from __future__ import annotations

import shutil
import signal
import subprocess
from pathlib import Path

import duckdb

from semon.crashpoint import PHASES
from tests.helpers import (
    assert_private,
    deliver,
    months_of,
    newest_month,
    query,
    readme_argv,
    readme_environment,
)
from warehouse.publish import work_path

SEMON = readme_argv(".venv/bin/semon")
TABLES = [
    "werkplein_klanten", "werkplein_ladder", "werkplein_trajecten", "werkplein_plaatsingen", "uwv_doelgroepregister",
    "uwv_wajong", "wsw_werknemers", "wsw_wachtlijst", "rmc_vsv", "werkgevers_register", "werkgevers_sroi",
]  # fmt: skip


def state(live: Path) -> dict[str, object]:
    """Everything a load decides: the load log (without clock times), every raw table (in the work database), the
    published marts' totals."""
    con = duckdb.connect(str(work_path(live)), read_only=True)
    try:
        laadlog = con.execute(
            "select bestand, inhoud_hash, status, rijen_geladen, rijen_quarantaine from raw.laadlog order by bestand"
        ).fetchall()
        raw = {
            t: con.execute(f"select count(*), count(distinct persoon_id) from raw.{t}").fetchone() for t in TABLES[:9]
        }
        quarantaine = con.execute("select count(*) from raw.quarantaine").fetchone()
    finally:
        con.close()
    marts = query(
        live,
        "select (select sum(bestand) from marts.mart_klantstroom), "
        "(select sum(personen) from marts.mart_ladder_stand), "
        "(select count(*) from marts.mart_plaatsingen), (select sum(rijen) from marts.mart_laadstatus)",
    )
    return {"laadlog": laadlog, "raw": raw, "quarantaine": quarantaine, "marts": marts}


def test_refreshes_killed_in_each_phase_end_like_a_clean_run(
    readme_refresh: Path, tiny_extracts: Path, tmp_path: Path
) -> None:
    """A first refresh publishes two months; the rest arrives and three refreshes are killed, one in each phase, the
    last one at the worst moment (the live warehouse kept as a generation, the new one not yet in its place). The
    live warehouse stays exactly as it was each time; the next refresh publishes what the last one built and ends
    like a clean one; a rollback still brings back the first version."""
    clean = readme_refresh / "srv" / "semon.duckdb"  # every tiny file refreshed once, without a kill
    env = readme_environment(tmp_path)
    live, inbox = Path(env["SEMON_WAREHOUSE"]), Path(env["SEMON_INBOX"])
    months = months_of(tiny_extracts)
    deliver(tiny_extracts, inbox, months[:2])
    assert subprocess.run([*SEMON, "refresh"], env=env, cwd=tmp_path).returncode == 0
    first = newest_month(live)
    shutil.copytree(tiny_extracts, inbox, ignore=shutil.ignore_patterns(".*"), dirs_exist_ok=True)  # all the rest
    for phase in PHASES:
        before = live.read_bytes()
        stop = env | {"SEMON_STOP_BIJ": phase}
        killed = subprocess.run([*SEMON, "refresh"], env=stop, cwd=tmp_path, capture_output=True, text=True)
        said = [line for line in killed.stderr.splitlines() if line.startswith("semon: gestopt bij fase")]
        print(f"refresh gedood in fase {phase}: {said}")  # the crash test's log names each kill
        assert killed.returncode == -signal.SIGKILL, killed.stderr
        assert said == [f"semon: gestopt bij fase {phase} (SEMON_STOP_BIJ)"]
        assert live.read_bytes() == before  # killed before it published: live is exactly what it was
    rerun = subprocess.run([*SEMON, "refresh"], env=env, cwd=tmp_path, capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    # The last kill came after its build had passed every test: the rerun publishes that build, it does not build again.
    assert "gepubliceerd (al gebouwd en getest door een onderbroken verversing)" in rerun.stdout

    assert state(live) == state(clean)
    assert_private(live, None)  # without SEMON_GROEP: owner-only (the refresh test covers the group case)
    assert not list(live.parent.glob("*.building*"))  # no half-written copy left behind after a good run
    rejected = sorted(p.name for p in (live.parent / "rejected").iterdir() if p.suffix != ".txt")
    assert rejected == sorted(p.name for p in (clean.parent / "rejected").iterdir() if p.suffix != ".txt")
    # The killed publish left a link to the first version among the generations; a rollback skips it.
    assert newest_month(live) != first
    assert subprocess.run([*SEMON, "rollback"], env=env, cwd=tmp_path).returncode == 0
    assert newest_month(live) == first
