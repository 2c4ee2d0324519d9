"""Live refresh: new extracts arrive while people look; readers never fail, see a mix, or block a writer; and
every file a writer leaves is owner-only (or group-readable with SEMON_GROEP; semon/permissions.py)."""

from __future__ import annotations

import grp
import json
import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb
import pytest

from cli.main import EXIT_FAILED, EXIT_OK, EXIT_REFUSED, main
from tests.helpers import REPO_ROOT, assert_private, deliver, env_for, months_of, newest_month
from warehouse.publish import built_loads, generations, publish_marts, work_path
from warehouse.status import read_status

READER = textwrap.dedent(
    """
    # Another process, asking the app's query layer in a loop while refreshes publish.
    import json, sys, time
    from pathlib import Path
    from app.queries._db import read
    stop, out = Path(sys.argv[1]), Path(sys.argv[2])
    checks, errors, months = 0, [], set()
    while not stop.exists():
        try:
            month = read("select max(maand) from marts.mart_klantstroom").item()
            bestand = read("select sum(bestand) from marts.mart_klantstroom where doelgroep = 'PW' and maand = ?",
                           [month]).item()
            teller = read("select sum(aantal) from marts.mart_indicator_cellen where maat = 'bijstand_bestand' "
                          "and maand = ?", [month]).item()
            if bestand != teller:  # two marts of one build always agree; a mix of builds would not
                errors.append(f"{month}: klantstroom {bestand} != indicator cells {teller}")
            months.add(str(month))
            checks += 1
        except Exception as error:  # any error at all fails the test
            errors.append(repr(error))
        # What it saw so far, after every look: the test waits on this, not on the clock.
        out.with_suffix(".tmp").write_text(json.dumps({"checks": checks, "errors": errors, "months": sorted(months)}))
        out.with_suffix(".tmp").replace(out)
        time.sleep(0.05)
    """
)


def test_refreshes_publish_while_a_reader_queries_and_rollback_restores(
    tiny_extracts: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A refresh, then `semon watch` picking up the next delivery while a reader (another process) queries, then
    nothing new and two rollbacks; all with SEMON_GROEP, so every file must be group-readable (the crash test checks
    owner-only). The commands run in this process: the crash and README tests run them as their own processes."""
    live, inbox = tmp_path / "wh" / "semon.duckdb", tmp_path / "inbox"
    months = months_of(tiny_extracts)
    group = grp.getgrgid(os.getgid())
    env = env_for(live, inbox) | {"SEMON_GROEP": group.gr_name}
    for name in ("SEMON_WAREHOUSE", "SEMON_INBOX", "SEMON_GROEP"):
        monkeypatch.setenv(name, env[name])
    deliver(tiny_extracts, inbox, months[:3])
    # A year typed wrong in one name: cron and `semon watch` have only the refresh's own words, so they say which
    # file was refused and why (the data-quality page shows them too), and the exit code is 3.
    delivered = len(list(inbox.iterdir()))
    shutil.copy(inbox / f"werkplein_ladder_{months[0]}.csv", inbox / "werkplein_ladder_20620201.csv")
    assert main(["refresh"]) == EXIT_REFUSED
    status = read_status(live)
    assert status.melding.startswith(
        f"{delivered} nieuwe bestanden ingelezen, gebouwd en gepubliceerd. 1 bestand geweigerd (naar rejected/ naast "
        "de inbox, met de reden): werkplein_ladder_20620201.csv: datum 20620201 in de bestandsnaam ligt in de "
        "toekomst: vandaag ("
    )
    assert (status.gelukt, status.geweigerde_bestanden) == (True, 1)
    assert (inbox.parent / "rejected" / "werkplein_ladder_20620201.csv").exists()
    assert_private(live, group.gr_gid)
    stop, out = tmp_path / "stop", tmp_path / "reader.json"
    reader = subprocess.Popen([sys.executable, "-c", READER, str(stop), str(out)], env=env, cwd=REPO_ROOT)
    try:
        deliver(tiny_extracts, inbox, months)
        capsys.readouterr()
        # Two looks at an inbox that stays the same: the second one refreshes (a file still being written would
        # have changed in between).
        assert main(["watch", "--interval", "0.1", "--iterations", "2"]) == EXIT_OK
        assert "nieuwe bestanden ingelezen, gebouwd en gepubliceerd" in capsys.readouterr().out
        newest = newest_month(live)
        deadline = time.monotonic() + 60
        while not (out.exists() and newest in json.loads(out.read_text())["months"]) and time.monotonic() < deadline:
            time.sleep(0.05)  # until the reader has seen the newly published warehouse (a minute at most)
    finally:
        stop.touch()
        reader.wait(timeout=60)
    seen = json.loads(out.read_text())
    assert seen["errors"] == []
    assert seen["checks"] > 10
    # The reader saw both published versions, the last one with the newest month (the month before the last file).
    assert len(seen["months"]) == 2
    assert newest_month(live) == seen["months"][-1]
    assert read_status(live).gelukt
    assert_private(live, group.gr_gid)

    # Nothing new: nothing is published and no generation is spent. A rollback brings back the first version.
    assert main(["refresh"]) == EXIT_OK
    assert len(generations(live)) == 1
    assert main(["rollback"]) == EXIT_OK
    assert newest_month(live) == seen["months"][0]
    assert_private(live, group.gr_gid)
    # The rollback stays until something new arrives: a refresh with nothing new does not publish the newer loads.
    assert main(["refresh"]) == EXIT_OK
    assert newest_month(live) == seen["months"][0]
    assert main(["rollback"]) == EXIT_FAILED  # none older

    # An upgrade of the monitor (its last build ran another version): with nothing new, a refresh builds everything
    # anew and publishes, and says so; the rollback's older marts give way to what the new version computes.
    with duckdb.connect(str(work_path(live))) as con:
        con.execute("update intermediate.project_gebouwd set vingerafdruk = 'een oudere versie'")
    assert main(["refresh"]) == EXIT_OK
    assert read_status(live).melding == (
        "0 nieuwe bestanden ingelezen, alles opnieuw gebouwd (nieuwe rekenregels sinds de vorige bouw) en gepubliceerd."
    )
    assert newest_month(live) == seen["months"][-1]
    assert main(["refresh"]) == EXIT_OK  # built with this version now: nothing new
    assert read_status(live).melding == "Niets nieuws in de inbox; het warehouse is ongewijzigd."
    # Nothing new but a file refused: not "nothing new in the inbox".
    (inbox / "ladder.csv").write_text("bsn;peildatum;trede\n")
    assert main(["refresh"]) == EXIT_REFUSED
    weigering = read_status(live).weigering
    assert weigering.startswith(
        "1 bestand geweigerd (naar rejected/ naast de inbox, met de reden): ladder.csv: bestandsnaam volgt het patroon "
        "<bron>_<entiteit>_<jjjjmmdd>.<ext> niet"
    )
    assert read_status(live).melding == f"Niets nieuws ingelezen; het warehouse is ongewijzigd. {weigering}"
    # The next refresh (cron's, watch's) finds nothing: it keeps saying what was refused, until something loads.
    assert main(["refresh"]) == EXIT_OK
    status = read_status(live)
    assert status.melding.startswith("Niets nieuws in de inbox; het warehouse is ongewijzigd. Eerder, op ")
    assert status.melding.endswith(f": {weigering}") and status.weigering == weigering


def test_a_failing_dbt_test_keeps_the_previous_warehouse_live(
    built_warehouse: Path,
    tiny_extracts: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The one test of this scenario (issue 13): a dbt test fails, the refresh fails loudly, live stays as it was."""
    live, inbox = tmp_path / "wh" / "semon.duckdb", tmp_path / "inbox"
    work = work_path(live)
    work.parent.mkdir(parents=True)
    shutil.copyfile(built_warehouse, work)
    publish_marts(work, live)
    monkeypatch.setenv("SEMON_WAREHOUSE", str(live))
    monkeypatch.setenv("SEMON_INBOX", str(inbox))
    # A value no extract can carry past ingest (only a dbt test can catch it), among the rows of the next load: a
    # refresh tests what arrived (macros/nieuwe_laden.sql).
    con = duckdb.connect(str(work))
    con.execute(
        "insert into raw.werkplein_ladder select (select max(laad_id) + 1 from raw.laadlog), bron_bestand, "
        "bestand_peildatum, 99, persoon_id, peildatum + 1, 9 from raw.werkplein_ladder limit 1"
    )
    con.close()
    before = live.read_bytes()
    deliver(tiny_extracts, inbox, months_of(tiny_extracts)[:1])
    before_umask = os.umask(0o022)  # the usual default: what the writers must not rely on
    try:
        assert main(["refresh"]) == EXIT_FAILED
        assert os.umask(0o022) == 0o022  # the failed refresh left no private umask behind
    finally:
        os.umask(before_umask)
    err = capsys.readouterr().err
    assert "dbt build faalde" in err and "trede" in err
    assert "semon refresh: verversen mislukt: dbt build faalde; het gepubliceerde warehouse is ongewijzigd" in err
    assert live.read_bytes() == before
    status = read_status(live)
    assert status is not None and not status.gelukt and "trede" in status.melding
    # What the failed build computed again stays recorded as untested (macros/ongetest.sql): the next build tests it.
    con = duckdb.connect(str(work), read_only=True)
    assert con.execute("select count(*) from intermediate.ongetest").fetchone()[0] > 0
    con.close()
    # Nothing new arrives, but the work database is ahead of what is published: the next refresh builds again (and
    # fails again on the same row) instead of reporting that there is nothing new, or publishing the failed build.
    assert main(["refresh"]) == EXIT_FAILED
    assert built_loads(work) is None and live.read_bytes() == before
    assert "dbt build faalde" in capsys.readouterr().err
    assert live.read_bytes() == before
