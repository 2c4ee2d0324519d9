"""Who may read the warehouse and its companions: the owner only, or also one group (`SEMON_GROEP`).

The warehouse holds person-level rows (pseudonymised, but still personal data), so the live file, its kept
generations, the copy being built, the refresh status and the audit log are owner-only: files 0600, folders
0700. With `SEMON_GROEP` set (a group name or number) they are group-owned by that group and group-readable:
files 0640, folders 0750 — for a dashboard that runs as another user of that group (docs/privacy.md).

DuckDB creates its files itself, so writers create under `private_umask()` and `secure()` each file after it
is closed or published; a hard link (a kept generation) shares its inode, and so its mode, with the file.
"""

from __future__ import annotations

import grp
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from semon import settings

GROUP_ENV = "SEMON_GROEP"  # read in semon.settings; named here for the messages


def group_id() -> int | None:
    """The group of `SEMON_GROEP` (name or number), or None when it is not set."""
    name = settings.groep()
    if not name:
        return None
    if name.isdigit():
        return int(name)
    try:
        return grp.getgrnam(name).gr_gid
    except KeyError:
        raise ValueError(f"{GROUP_ENV}={name}: deze groep bestaat niet op deze machine") from None


def file_mode() -> int:
    return 0o640 if group_id() is not None else 0o600


def dir_mode() -> int:
    return 0o750 if group_id() is not None else 0o700


@contextmanager
def private_umask() -> Iterator[None]:
    """Files and folders made inside the block (also by DuckDB) are owner-only, or group-readable with a group.

    The umask is per process: only for the writing commands, never inside the (threaded) app.
    """
    before = os.umask(0o027 if group_id() is not None else 0o077)
    try:
        yield
    finally:
        os.umask(before)


def secure(path: Path) -> None:
    """Give an existing file or folder the mode (and group) above; a missing path is left alone."""
    try:
        is_dir = path.is_dir()
    except OSError:
        return
    if not path.exists():
        return
    gid = group_id()
    if gid is not None:
        os.chown(path, -1, gid)
    os.chmod(path, dir_mode() if is_dir else file_mode())


def private_dir(path: Path) -> None:
    """Make a folder (and its missing parents) and secure the folder itself."""
    path.mkdir(parents=True, exist_ok=True)
    secure(path)


def owner_only_dir(path: Path) -> None:
    """Make a folder that only its owner can enter, whatever `SEMON_GROEP` says (for what no reader needs)."""
    path.mkdir(parents=True, exist_ok=True)
    os.chmod(path, 0o700)


def create_private(path: Path) -> None:
    """Create (or empty) `path` with the mode above from the start: never readable by others, not even briefly."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, file_mode())
    os.close(fd)
    secure(path)  # an existing file keeps its mode on open; and the group


def open_append(path: Path) -> TextIO:
    """Open `path` to append text; a new file is created with the mode above, its folder secured."""
    new = not path.exists()
    if new:
        private_dir(path.parent)
    handle = open(  # noqa: SIM115 - the caller closes it (with … as handle)
        os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, file_mode()), "a", encoding="utf-8"
    )
    if new:
        secure(path)
    return handle
