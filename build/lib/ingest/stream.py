"""Hand DuckDB a file's text without writing it to disk: a named pipe fed from memory by a thread.

Raw BSNs must not reach the disk. DuckDB reads files by path, and its Python file-object support needs
fsspec; a FIFO in an owner-only folder gives it a path while the bytes only pass through the kernel.
A killed process leaves at most an empty FIFO node; `remove_leftovers` clears those at the next start,
and also the full transcoded copies (`semon-ingest-*`) that versions before issue 12 could leave behind.
"""

from __future__ import annotations

import itertools
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

_counter = itertools.count()
OLD_COPY_AGE_S = 3600  # an older version's copy this old is not in use by a running ingest


def _folder() -> Path:
    folder = Path(tempfile.gettempdir()) / f"semon-stream-{os.getuid()}"
    folder.mkdir(mode=0o700, exist_ok=True)
    os.chmod(folder, 0o700)
    return folder


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_leftovers() -> None:
    """Remove pipes of dead ingest processes and old temporary copies of extracts."""
    folder = _folder()
    for node in folder.iterdir():
        pid = node.name.split("-", 1)[0]
        if not pid.isdigit() or not _alive(int(pid)):
            node.unlink(missing_ok=True)
    now = time.time()
    for old in Path(tempfile.gettempdir()).glob("semon-ingest-*"):
        try:
            if old.is_dir() and old.stat().st_uid == os.getuid() and now - old.stat().st_mtime > OLD_COPY_AGE_S:
                shutil.rmtree(old, ignore_errors=True)
        except OSError:
            continue


def _feed(path: Path, data: bytes) -> None:
    try:
        with open(path, "wb") as pipe:
            pipe.write(data)
    except OSError:  # the reader stopped early (an error) or never came: nothing to deliver
        pass


@contextmanager
def streamed(data: bytes) -> Iterator[str]:
    """A path from which `data` can be read once, sequentially."""
    path = _folder() / f"{os.getpid()}-{next(_counter)}.csv"
    os.mkfifo(path, 0o600)
    writer = threading.Thread(target=_feed, args=(path, data), daemon=True)
    writer.start()
    try:
        yield str(path)
    finally:
        # Release a writer still waiting for a reader (DuckDB failed before opening the pipe).
        with suppress(OSError):
            os.close(os.open(path, os.O_RDONLY | os.O_NONBLOCK))
        writer.join(timeout=30)
        path.unlink(missing_ok=True)
