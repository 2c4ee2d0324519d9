"""Real commands leave only owner-only files (or group-readable ones with SEMON_GROEP): ingest, build, refresh,
publish and rollback (semon/permissions.py)."""

from __future__ import annotations

import grp
import os
import stat
from pathlib import Path

import pytest

from cli.main import EXIT_OK, main
from semon.settings import OPERATOR_LOG
from tests.helpers import deliver, months_of
from warehouse.publish import generations, generations_dir
from warehouse.status import status_path


def check(live: Path, group: int | None) -> None:
    files = [live, status_path(live), live.with_name(OPERATOR_LOG), *generations(live)]
    for path in files:
        if path.exists():
            wanted = 0o640 if group is not None else 0o600
            assert oct(stat.S_IMODE(path.stat().st_mode)) == oct(wanted), path
            if group is not None:
                assert path.stat().st_gid == group, path
    folder = generations_dir(live)
    if folder.exists():
        assert oct(stat.S_IMODE(folder.stat().st_mode)) == oct(0o750 if group is not None else 0o700)
    assert not live.with_name(live.name + ".building").exists()


@pytest.mark.parametrize("met_groep", [False, True], ids=["eigenaar", "groep"])
def test_ingest_build_refresh_and_rollback_leave_private_files(
    tiny_extracts: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, met_groep: bool
) -> None:
    live, inbox = tmp_path / "wh" / "semon.duckdb", tmp_path / "inbox"
    monkeypatch.setenv("SEMON_WAREHOUSE", str(live))
    monkeypatch.setenv("SEMON_INBOX", str(inbox))
    group = os.getgid() if met_groep else None
    if met_groep:
        monkeypatch.setenv("SEMON_GROEP", grp.getgrgid(os.getgid()).gr_name)
    else:
        monkeypatch.delenv("SEMON_GROEP", raising=False)
    before = os.umask(0o022)  # the usual default: what the writers must not rely on
    try:
        months = months_of(tiny_extracts)
        deliver(tiny_extracts, inbox, months[:2])
        assert main(["ingest", str(inbox)]) == EXIT_OK
        check(live, group)
        if not met_groep:  # a build writes the same way as the refresh below: once is enough for the group case
            assert main(["build"]) == EXIT_OK
            check(live, group)
        deliver(tiny_extracts, inbox, months[:3])
        assert main(["refresh"]) == EXIT_OK
        check(live, group)
        assert len(generations(live)) == (1 if met_groep else 2)
        assert main(["rollback"]) == EXIT_OK
        check(live, group)
        assert os.umask(0o022) == 0o022  # no command left its private umask behind
    finally:
        os.umask(before)
