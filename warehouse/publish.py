"""The warehouse in two files, and how a writer publishes without copying the history.

- The work database `<live>.werk/werk.duckdb` holds what the writers need: the raw layer (only ingest writes it),
  staging, intermediate and the marts as dbt builds them. Only a writer opens it, under the writer lock, and changes
  it in place: ingest commits per file, dbt per model, and each incremental model compares what it holds with its
  inputs. So a writer killed at any point leaves a state that the next run completes (tests/live/test_crash.py), and a
  refresh writes what arrived and what it changed, not a copy of all that is there.
- The published file `<live>` holds what the app reads: the marts. A writer exports them into `<live>.building`
  and moves that over `live` with os.replace. Readers that had the old file open keep answering from it; new
  connections see the new one. Earlier published files are kept as generations (hard links) for `semon rollback`.
  An exclusive lock file keeps two writers apart.

Every file here is owner-only (or group-readable with `SEMON_GROEP`, semon/permissions.py): writers create under a
private umask, and the files are secured after every write, publish and rollback. The work database's folder is
owner-only even with `SEMON_GROEP`: a dashboard running as another user of that group reads the marts, never the
person-level rows of the raw and intermediate layers. A warehouse from before this layout (everything in `<live>`)
becomes the work database on the first write (`adopt_old_layout`).
"""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from semon import permissions, settings
from semon.crashpoint import crash_point
from semon.sqltext import quoted
from warehouse import connection

PUBLISHED_SCHEMAS = ("marts",)  # what the app reads (app/queries); the rest stays in the work database


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


def work_path(live: Path) -> Path:
    """The work database, in a folder of its own beside the published file."""
    return live.with_name(live.name + ".werk") / "werk.duckdb"


@contextmanager
def writing(live: Path) -> Iterator[Path]:
    """Yield the work database under the writer lock; it is changed in place and published only by `publish_marts`."""
    with writer_lock(live), permissions.private_umask():
        work = work_path(live)
        permissions.owner_only_dir(work.parent)
        adopt_old_layout(live, work)
        try:
            yield work
        finally:
            _secure_companions(live)


@contextmanager
def building(live: Path) -> Iterator[Path]:
    """`writing`, and publish the marts if the block ends without error."""
    with writing(live) as work:
        yield work
        publish_marts(work, live)


def adopt_old_layout(live: Path, work: Path) -> None:
    """A warehouse from before the two files holds its raw layer in `live`: copy it once to be the work database.

    Once: the next publish replaces `live` by the marts alone. `live` stays as it was until then, for the readers.
    """
    if work.exists() or not live.exists() or not _has_raw(live):
        return
    partial = work.with_name(work.name + ".kopie")
    permissions.create_private(partial)  # owner-only before a byte is copied into it
    shutil.copyfile(live, partial)
    os.replace(partial, work)  # a killed copy leaves no half work database behind


def _has_raw(path: Path) -> bool:
    con = connection.open_readonly(path)
    try:
        return bool(
            con.execute(
                f"select 1 from duckdb_schemas() where database_name = '{connection.ALIAS}' and schema_name = 'raw'"
            ).fetchall()
        )
    finally:
        con.close()


def loads(work: Path) -> int:
    """The newest load in the work database (0 when none): a load or a correction always gets a higher number."""
    con = duckdb.connect(str(work), read_only=True)
    try:
        return con.execute("select coalesce(max(laad_id), 0) from raw.laadlog").fetchall()[0][0]
    finally:
        con.close()


def published_loads(work: Path) -> int | None:
    """The newest load of the work database when its marts were last published (None: never, or not known).

    Not read from the published file: after a rollback that holds older marts on purpose, and a refresh with nothing
    new must leave them; after a failed or killed build this is behind `loads`, and the next refresh builds again.
    """
    try:
        return int(_published_marker(work).read_text())
    except (FileNotFoundError, ValueError):
        return None


def _published_marker(work: Path) -> Path:
    return work.with_name("gepubliceerd")


def built_loads(work: Path) -> int | None:
    """The newest load of the work database when its last dbt build (`semon refresh` or `semon build`) passed every
    test; None when there is no such build, or one has started since."""
    try:
        return int(_built_marker(work).read_text())
    except (FileNotFoundError, ValueError):
        return None


@contextmanager
def recording_build(work: Path) -> Iterator[None]:
    """Around a dbt build of the work database: a refresh killed after the build passed but before it published then
    only publishes. The claim goes before the build starts (one that fails or is killed halfway leaves none) and is
    written when it passed, naming the newest load: ingest gives every load or correction a higher number."""
    _built_marker(work).unlink(missing_ok=True)
    newest = loads(work) if work.exists() else 0
    yield
    _write_marker(_built_marker(work), newest)


def _built_marker(work: Path) -> Path:
    return work.with_name("gebouwd")


def _write_marker(marker: Path, value: int) -> None:
    marker.with_suffix(".tmp").write_text(str(value))
    os.replace(marker.with_suffix(".tmp"), marker)


def publish_marts(work: Path, live: Path) -> None:
    """Export the marts of the work database into a new file and publish it over `live`."""
    new = live.with_name(live.name + ".building")
    _remove(new)  # left over by a killed writer: never published, safe to drop
    con = duckdb.connect(str(new))
    try:
        con.execute("set memory_limit = ?", [settings.duckdb_memory()])
        con.execute(f"attach '{quoted(work)}' as werk (read_only)")
        # One transaction: per statement, DuckDB commits (and checkpoints) each table on its own and writes about half
        # as much again as the marts hold (docs/performance.md, issue 15).
        con.execute("begin transaction")
        for schema in PUBLISHED_SCHEMAS:
            con.execute(f"create schema {schema}")
            tables = con.execute(
                "select table_name, sql, comment from duckdb_tables() where database_name = 'werk' and schema_name = ? "
                "order by 1",
                [schema],
            ).fetchall()
            for table, ddl, comment in tables:
                _copy_table(con, f"{schema}.{table}", ddl, comment)
        built_from = con.execute("select coalesce(max(laad_id), 0) from werk.raw.laadlog").fetchall()[0][0]
        con.execute("commit")
        con.execute("detach werk")
    except BaseException:
        con.close()
        _remove(new)
        raise
    con.close()
    publish(new, live)
    _write_marker(_published_marker(work), built_from)


def _copy_table(con: duckdb.DuckDBPyConnection, name: str, ddl: str, comment: str | None) -> None:
    """The table as dbt made it (its contract's types and not-null constraints, its docs, which the app shows on
    the reference page), and its rows."""
    con.execute(ddl)
    con.execute(f"insert into {name} select * from werk.{name}")
    columns = con.execute(
        "select column_name, comment from duckdb_columns() where database_name = 'werk' "
        "and schema_name || '.' || table_name = ? and comment is not null",
        [name],
    ).fetchall()
    statements = [f"comment on table {name} is {_literal(comment)}"] if comment else []
    statements += [f'comment on column {name}."{column}" is {_literal(text)}' for column, text in columns]
    for statement in statements:
        con.execute(statement)


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _secure_companions(live: Path) -> None:
    """The files a writer may leave beside the warehouse: the work database (DuckDB made it), the export being
    published, the lock and the operator log."""
    for path in (work_path(live), live.with_name(live.name + ".building"), live.with_name(live.name + ".lock")):
        permissions.secure(path)
    permissions.secure(settings.operator_log_path(live))


def publish(new: Path, live: Path) -> None:
    """Atomically replace the live file by the finished file `new` (same folder, so os.replace is a rename)."""
    if new.with_name(new.name + ".wal").exists():
        raise RuntimeError(f"{new} heeft nog een WAL-bestand: de verbinding is niet gesloten")
    with open(new, "rb") as handle:
        os.fsync(handle.fileno())
    permissions.secure(new)  # DuckDB created it
    _keep_generation(live)
    crash_point("publish")  # tests only: the worst moment, a generation kept and nothing published yet
    os.replace(new, live)
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
