"""Write aside, publish atomically: readers never see a half-built warehouse nor hold a writer's lock.

A writer copies the live file to `<live>.building`, works on the copy, and only when all went well moves
it over the live path with os.replace. Readers that had the old file open keep answering from it; new
connections see the new one. An exclusive lock file keeps two writers from publishing over each other.

Every file here is owner-only (or group-readable with `SEMON_GROEP`, semon/permissions.py): the copy is made
under a private umask, and the live file is secured after every publish and rollback.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from semon import permissions, settings
from semon.crashpoint import crash_point


class WriterBusy(Exception):
    """Another semon process is writing this warehouse."""


@contextmanager
def writer_lock(live: Path) -> Iterator[None]:
    if not live.parent.exists():
        permissions.private_dir(live.parent)
    lock = live.with_name(live.name + ".lock")
    with open(os.open(lock, os.O_WRONLY | os.O_CREAT, permissions.file_mode()), "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise WriterBusy(f"een ander semon-proces schrijft al naar {live}") from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextmanager
def building(live: Path) -> Iterator[Path]:
    """Yield a private copy of the live warehouse; publish it over `live` if the block ends without error."""
    with writer_lock(live), permissions.private_umask():
        work = live.with_name(live.name + ".building")
        _remove(work)  # left over by a killed writer: never published, safe to drop
        if live.exists():
            permissions.create_private(work)  # owner-only before a byte is copied into it
            shutil.copyfile(live, work)
        try:
            yield work
        except BaseException:
            _remove(work)
            raise
        finally:
            _secure_companions(live)
        publish(work, live)


def _secure_companions(live: Path) -> None:
    """The files a writer may leave beside the warehouse: the copy (DuckDB made it when new) and the logs."""
    for path in (live.with_name(live.name + ".building"), live.with_name(live.name + ".lock")):
        permissions.secure(path)
    permissions.secure(settings.operator_log_path(live))


def publish(work: Path, live: Path) -> None:
    """Atomically replace the live file (same folder, so os.replace is a rename)."""
    if work.with_name(work.name + ".wal").exists():
        raise RuntimeError(f"{work} heeft nog een WAL-bestand: de verbinding is niet gesloten")
    with open(work, "rb") as handle:
        os.fsync(handle.fileno())
    permissions.secure(work)  # DuckDB created it when there was no live file yet
    _keep_generation(live)
    crash_point("publish")  # tests only: the worst moment, a generation kept and nothing published yet
    os.replace(work, live)
    directory = os.open(live.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


def _remove(path: Path) -> None:
    for candidate in (path, path.with_name(path.name + ".wal")):
        candidate.unlink(missing_ok=True)


def generations_dir(live: Path) -> Path:
    """Where earlier published files are kept for a rollback: `<live>.generaties/` beside it."""
    return live.with_name(live.name + ".generaties")


def generations(live: Path) -> list[Path]:
    """Kept earlier published files, newest first."""
    folder = generations_dir(live)
    return sorted(folder.glob("*.duckdb"), reverse=True) if folder.exists() else []


def _keep_generation(live: Path) -> None:
    """Keep the file about to be replaced (a hard link: no copy), and only the newest N (`SEMON_GENERATIES`)."""
    keep = settings.generaties()
    if not live.exists() or keep <= 0:
        return
    folder = generations_dir(live)
    permissions.private_dir(folder)
    stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S%f")
    os.link(live, folder / f"{live.stem}-{stamp}.duckdb")
    for old in generations(live)[keep:]:
        old.unlink()
    for kept in generations(live):  # a hard link shares the file's mode; older ones may predate issue 11
        permissions.secure(kept)


def rollback(live: Path) -> Path:
    """Put the newest kept generation back as the live file (atomically); return which one it was."""
    with writer_lock(live):
        # A writer killed between keeping a generation and publishing leaves a copy of the live file itself.
        kept = [g for g in generations(live) if not (live.exists() and os.path.samefile(g, live))]
        if not kept:
            raise FileNotFoundError(f"geen eerdere versie bewaard in {generations_dir(live)}")
        permissions.secure(kept[0])  # a generation kept before issue 11 may still be world-readable
        os.replace(kept[0], live)
        _fsync_dir(live.parent)
        return kept[0]


def _fsync_dir(folder: Path) -> None:
    directory = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)
