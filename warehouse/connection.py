"""Read-only access to the published warehouse for the app: never a lock, always the newest file.

A DuckDB file is opened by one writer or many readers, never both (platform notes). Readers attach the
published file read-only to an in-memory database, which (unlike `connect(path, read_only=True)` in a
process that opened the path before) sees a newly published file. The caller keys its cache on
`fingerprint()`, so a publish (a new inode and mtime) gives a new connection.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from semon.sqltext import quoted

ALIAS = "wh"


class WarehouseMissing(Exception):
    """There is no published warehouse at the path: nothing has been ingested and built yet."""


def fingerprint(path: Path) -> tuple[str, int, int]:
    """Identity of the published file: path, inode and modification time (a publish changes them)."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise WarehouseMissing(str(path)) from None
    return (str(path.resolve()), stat.st_ino, stat.st_mtime_ns)


def open_readonly(path: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory connection with the warehouse at `path` attached read-only as `wh`."""
    if not path.exists():
        raise WarehouseMissing(str(path))
    con = duckdb.connect(":memory:")
    con.execute(f"attach '{quoted(path)}' as {ALIAS} (read_only)")
    con.execute(f"use {ALIAS}")
    return con


def cursor(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """A cursor for one query on one thread; a cursor does not inherit `use`, so set it again."""
    cur = con.cursor()
    cur.execute(f"use {ALIAS}")
    return cur
