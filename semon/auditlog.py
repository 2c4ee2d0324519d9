"""The audit log on disk: bounded JSON lines, owner-only, rotated by size, chained by hash (no Streamlit here).

Every line is one JSON object on one line (`ensure_ascii`: a newline, a quote or a U+2028 in a parameter is
escaped and stays inside its line) and carries `vorige`, the SHA-256 of the line before it (across rotated
files too; the very first line carries 64 zeros). Editing, inserting or deleting a line breaks the chain at
that point, which `semon audit-check` (`controleer`) reports. Strings are cut to `MAX_TEKST` characters with
a marker, so a crafted URL cannot blow up a line. The file and its rotated copies are created 0600.

Rotation: when a line would take `audit.log` past `SEMON_AUDIT_MAX_MB` (default 10), it becomes `audit.log.1`,
`.1` becomes `.2`, … and the oldest beyond `SEMON_AUDIT_BEWAAR` (default 5) is removed.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from semon import permissions, settings

MAX_TEKST = 200  # characters of one string value
MAX_SLEUTEL = 50  # characters of one key
MAX_ITEMS = 20  # entries of one mapping or list (URL parameters, doelgroepen)
AFGEKAPT = "…[afgekapt]"
BEGIN = "0" * 64  # `vorige` of the first line ever written
_THREADS = threading.Lock()  # the sessions of one Streamlit server are threads of one process


def _tekst(value: str, limit: int) -> str:
    return value if len(value) <= limit else value[:limit] + AFGEKAPT


def begrensd(value: object, limit: int = MAX_TEKST) -> object:
    """`value` with every string cut to `limit` characters and every mapping or list to `MAX_ITEMS` entries."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, dict):
        items = list(value.items())
        kept = {_tekst(str(k), MAX_SLEUTEL): begrensd(v, limit) for k, v in items[:MAX_ITEMS]}
        if len(items) > MAX_ITEMS:
            kept[AFGEKAPT] = len(items) - MAX_ITEMS
        return kept
    if isinstance(value, list | tuple | set | frozenset):
        items = list(value)
        kept = [begrensd(v, limit) for v in items[:MAX_ITEMS]]
        return [*kept, AFGEKAPT] if len(items) > MAX_ITEMS else kept
    return _tekst(str(value), limit)


def max_bytes() -> int:
    return settings.audit_max_bytes()


def bewaar() -> int:
    return settings.audit_bewaar()


def hash_van(line: str) -> str:
    return hashlib.sha256(line.encode("utf-8")).hexdigest()


def _laatste_regel(path: Path) -> str | None:
    """The last line of `path` (without its newline), read from the end; None for a missing or empty file."""
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        return None
    with handle:
        end = handle.seek(0, os.SEEK_END)
        data, pos = b"", end
        while pos > 0:
            step = min(65536, pos)
            pos -= step
            handle.seek(pos)
            data = handle.read(step) + data
            if data.rstrip(b"\n").count(b"\n") >= 1:
                break
        lines = data.rstrip(b"\n").split(b"\n")
        return lines[-1].decode("utf-8") if lines and lines[-1] else None


def _vorige(path: Path) -> str:
    for candidate in (path, path.with_name(path.name + ".1")):
        last = _laatste_regel(candidate)
        if last is not None:
            return hash_van(last)
    return BEGIN


def bestanden(path: Path) -> list[Path]:
    """The log and its rotated copies, oldest first (`audit.log.5` … `audit.log.1`, `audit.log`)."""
    rotated = []
    for candidate in path.parent.glob(path.name + ".*"):
        suffix = candidate.name[len(path.name) + 1 :]
        if suffix.isdigit():
            rotated.append((int(suffix), candidate))
    return [p for _, p in sorted(rotated, reverse=True)] + ([path] if path.exists() else [])


def _roteer(path: Path, keep: int) -> None:
    for number in range(keep, 0, -1):
        older = path.with_name(f"{path.name}.{number}")
        if number == keep:
            older.unlink(missing_ok=True)
        elif older.exists():
            os.replace(older, path.with_name(f"{path.name}.{number + 1}"))
    os.replace(path, path.with_name(f"{path.name}.1"))


@contextlib.contextmanager
def _slot(path: Path) -> Iterator[None]:
    """One writer at a time: threads of this process, and other processes (a lock file beside the log)."""
    with _THREADS:
        fd = os.open(path.with_name(path.name + ".lock"), os.O_WRONLY | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)  # releases the lock


def schrijf(path: Path, entry: dict) -> str:
    """Append `entry` (bounded, chained to the line before) as one line; return the line written."""
    permissions.private_dir(path.parent)
    with _slot(path):
        line = json.dumps({**begrensd(entry), "vorige": _vorige(path)}, ensure_ascii=True, default=str)
        with contextlib.suppress(FileNotFoundError):
            if path.stat().st_size > 0 and path.stat().st_size + len(line) + 1 > max_bytes():
                _roteer(path, bewaar())
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, permissions.file_mode())
        try:
            os.write(fd, (line + "\n").encode("utf-8"))  # one write per line: two sessions never mix
        finally:
            os.close(fd)
        permissions.secure(path)  # owner-only (or the SEMON_GROEP group), also for an older, wider file
    return line


def regels(path: Path) -> list[str]:
    """The lines of the current log file (split on newlines only: an escaped U+2028 never splits a line)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    return [line for line in text.split("\n") if line]


@dataclass
class Controle:
    regels: int = 0
    fouten: list[str] = field(default_factory=list)
    laatste_hash: str = BEGIN

    @property
    def in_orde(self) -> bool:
        return not self.fouten


def controleer(path: Path) -> Controle:
    """Check the hash chain over the log and its rotated copies; every break is named by file and line.

    The first line of the oldest kept file is not checked against its predecessor, which was rotated away.
    """
    result = Controle()
    expected: str | None = None
    for file in bestanden(path):
        for number, line in enumerate(file.read_text(encoding="utf-8").split("\n"), start=1):
            if not line:
                continue
            result.regels += 1
            try:
                vorige = json.loads(line).get("vorige")
            except (json.JSONDecodeError, AttributeError):
                result.fouten.append(f"{file.name}:{number}: geen geldige JSON-regel")
                vorige = None
            if expected is not None and vorige != expected:
                result.fouten.append(f"{file.name}:{number}: keten gebroken (regel gewijzigd, ingevoegd of verwijderd)")
            expected = hash_van(line)
    result.laatste_hash = expected or BEGIN
    return result
