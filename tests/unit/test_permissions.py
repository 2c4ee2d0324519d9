"""The warehouse, its work database, its generations, the file being published, the refresh status and the audit
log are owner-only, or group-readable by SEMON_GROEP (semon/permissions.py)."""

from __future__ import annotations

import grp
import os
import stat
from pathlib import Path

import pytest

from semon import permissions
from tests.helpers import write_work
from warehouse.publish import building, generations, generations_dir, rollback, work_path
from warehouse.status import RefreshStatus, status_path, write_status


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(params=["eigenaar", "groep"])
def groep(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> int | None:
    """No SEMON_GROEP (0600/0700), or the current user's primary group (0640/0750)."""
    before = os.umask(0o022)
    request.addfinalizer(lambda: os.umask(before))
    if request.param == "eigenaar":
        monkeypatch.delenv("SEMON_GROEP", raising=False)
        return None
    gid = os.getgid()
    monkeypatch.setenv("SEMON_GROEP", grp.getgrgid(gid).gr_name)
    return gid


def expect(path: Path, groep: int | None) -> None:
    wanted = (0o750 if path.is_dir() else 0o640) if groep is not None else (0o700 if path.is_dir() else 0o600)
    assert oct(mode(path)) == oct(wanted), path
    if groep is not None:
        assert path.stat().st_gid == groep


def test_publish_generations_and_rollback_are_private(tmp_path: Path, groep: int | None) -> None:
    live = tmp_path / "wh" / "semon.duckdb"
    for value in (1, 2, 3):
        with building(live) as work:
            if value > 1:
                expect(work, groep)  # the work database is private while it is written
            write_work(work, value)
        expect(live, groep)
        expect(work_path(live), groep)
        assert oct(mode(work_path(live).parent)) == oct(0o700)  # whatever the group: the dashboard reads only marts
    expect(live.parent, groep)  # made by the first writer
    expect(generations_dir(live), groep)
    assert len(generations(live)) == 2
    for kept in generations(live):
        expect(kept, groep)
    expect(live.with_name(live.name + ".lock"), groep)
    rollback(live)
    expect(live, groep)
    assert os.umask(0o022) == 0o022  # the writer's umask did not leak


def test_a_world_readable_warehouse_from_before_is_secured_on_the_next_write(tmp_path: Path, groep: int | None) -> None:
    live = tmp_path / "semon.duckdb"
    with building(live) as work:
        write_work(work, 1)
    os.chmod(live, 0o644)
    os.chmod(work_path(live), 0o644)
    with building(live) as work:
        write_work(work, 2)
    expect(live, groep)
    expect(work_path(live), groep)
    for kept in generations(live):  # the hard link kept of the old file is secured too
        expect(kept, groep)
    os.chmod(generations(live)[0], 0o644)
    rollback(live)
    expect(live, groep)


def test_the_refresh_status_is_private(tmp_path: Path, groep: int | None) -> None:
    live = tmp_path / "semon.duckdb"
    write_status(live, RefreshStatus("2025-01-01T00:00:00", True, "ok", 1))
    expect(status_path(live), groep)


def test_the_audit_log_and_its_folder_are_private(tmp_path: Path, groep: int | None) -> None:
    log = tmp_path / "audit" / "audit.log"
    with permissions.open_append(log) as handle:
        handle.write("{}\n")
    expect(log, groep)
    expect(log.parent, groep)


def test_an_unknown_group_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SEMON_GROEP", "geen-groep-die-bestaat-xyz")
    with pytest.raises(ValueError, match="SEMON_GROEP"):
        permissions.file_mode()
