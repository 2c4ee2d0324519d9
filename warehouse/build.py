"""Run dbt in-process on a warehouse file (dbtRunner: no CLI start-up per call)."""

from __future__ import annotations

import fcntl
import gc
import hashlib
import logging
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from importlib import metadata
from pathlib import Path
from typing import Any
from unittest import mock

from semon import settings
from semon.crashpoint import crash_point
from warehouse.dbt_agate import type_testers_reused
from warehouse.dbt_events import unwritten_events_skipped
from warehouse.dbt_jinja import jinja_work_reused


class BuildFailed(Exception):
    """dbt reported errors or failing tests; the message lists them."""


@dataclass(frozen=True)
class BuildResult:
    passed: int
    warned: int
    nodes: int
    whole: bool = False  # every model built anew (`semon build`, or a refresh after an upgrade of the monitor)


_BUILD_CRASH_NODE = 40  # of about 300 nodes: models written, tests still to come


def _callbacks() -> list[Callable[[Any], None]]:
    """Tests only (`SEMON_STOP_BIJ=build`): the crash point `build`, in the middle of a dbt build."""
    if settings.stop_bij() != "build":
        return []
    finished = 0

    def count(event: Any) -> None:
        nonlocal finished
        if event.info.name == "NodeFinished":
            finished += 1
            if finished == _BUILD_CRASH_NODE:
                crash_point("build")

    return [count]


@contextmanager
def _collector_less_often() -> Iterator[None]:
    """Python's cycle collector every 20,000 new objects rather than every 700 during a dbt invocation.

    A node's contexts make thousands of short-lived objects (a whole build collected about 6 million in cycles): a
    few per cent of a whole build went to the collections. Objects in cycles wait a little longer to be freed.
    """
    thresholds = gc.get_threshold()
    gc.set_threshold(20_000, *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


@contextmanager
def _dbt_work_saved() -> Iterator[None]:
    """dbt without the work per node that changes none of its output: events no logger writes, Jinja compiled and
    macro namespaces sorted again, new agate type testers, frequent cycle collections (each module says how)."""
    with unwritten_events_skipped(), jinja_work_reused(), type_testers_reused(), _collector_less_often():
        yield


def _release() -> None:
    """Close dbt-duckdb's connection, so the file can be published (renamed) and opened by the next writer.

    dbt-duckdb keeps one connection for a whole invocation (`keep_open: true` in profiles.yml): with
    `keep_open: false` it closed and reopened the file around every node, a checkpoint each time, which made a
    build of a small warehouse take about twice as long.
    """
    from dbt.adapters.duckdb.connections import DuckDBConnectionManager

    with DuckDBConnectionManager._LOCK:
        env, DuckDBConnectionManager._ENV = DuckDBConnectionManager._ENV, None
        if env is not None:
            try:
                env.close()
            except Exception:  # never hide the build's own outcome behind a failed close
                logging.getLogger(__name__).exception("dbt-duckdb's connection could not be closed")


@contextmanager
def _stable_path(path: Path, state: Path) -> Iterator[Path]:
    """`path` under a name that stays the same from one warehouse to the next: dbt compares the profile, the
    warehouse path in it included, with its last parse, and a path it has not seen costs a full parse (about
    1.5 s here, against 0.3 s). `<state>/warehouse` is a link to the warehouse's folder, so DuckDB's WAL and spill
    files still land beside the file itself. A lock keeps writers that share `state` from pointing the link
    elsewhere during each other's dbt run (it also keeps them from writing one manifest together)."""
    state.mkdir(parents=True, exist_ok=True)
    with open(state / "warehouse.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, or when the process dies
        link, new = state / "warehouse", state / f"warehouse.{os.getpid()}"
        new.unlink(missing_ok=True)
        new.symlink_to(path.resolve().parent, target_is_directory=True)
        new.replace(link)  # atomic: a link that always points somewhere
        yield link / path.name


def target_path(path: Path) -> Path:
    """dbt's target folder (manifest, partial parse) for the warehouse at `path`: one per file name.

    The file name is dbt's database (profiles.yml attaches the file under its stem), and the database is part of the
    profile that dbt compares with its last parse: builds that alternate between `semon.duckdb` and the refresh's
    work file `werk.duckdb` each paid a full parse (about 1.5 s) while they shared one target folder."""
    return settings.dbt_state_dir() / "targets" / path.stem


def _plain_name(stem: str) -> bool:
    """dbt-duckdb attaches the file under its stem without quotes (profiles.yml): a name SQL reads as a name, not a
    keyword (`full` is one). The monitor's own are `werk` and `semon`."""
    import duckdb

    keyword = duckdb.execute("select count(*) from duckdb_keywords() where keyword_name = ?", [stem]).fetchone()
    return bool(re.fullmatch(r"[a-z_][a-z0-9_]*", stem)) and keyword == (0,)


# The project as dbt parsed it last in this process, with what it was parsed from (_project_key).
_parsed: tuple[tuple[object, ...], Any] | None = None


def _project_files() -> list[tuple[str, bytes]]:
    """Every file of the dbt project (its path in the project and the SHA-256 of its content), in a fixed order:
    what dbt reads, not what it writes (target, logs, packages)."""
    project = settings.DBT_PROJECT_DIR
    files = []
    for folder, subfolders, names in os.walk(project):
        subfolders[:] = sorted(d for d in subfolders if d not in ("target", "logs", "dbt_packages"))
        for name in sorted(names):
            path = Path(folder) / name
            files.append((path.relative_to(project).as_posix(), hashlib.sha256(path.read_bytes()).digest()))
    return files  # the whole project: 0.6 MB, 6 ms


def _project_key(options: list[str]) -> tuple[object, ...]:
    """What a parse of the project depends on: every file of it (path and content), the options that name it and its
    target, and the environment profiles.yml reads (the warehouse's name in it is dbt's database) or dbt itself does.
    """
    profile = ("SEMON_WAREHOUSE", "SEMON_DUCKDB_MEMORY", "SEMON_DUCKDB_ROW_GROUP_SIZE")
    environment = sorted((k, v) for k, v in os.environ.items() if k in profile or k.startswith("DBT_"))
    return tuple(_project_files()), tuple(options), tuple(environment)


def _parsed_project(options: list[str]) -> Any:
    """The parsed project (dbt's manifest) for an invocation with `options`: parsed once per process and handed to
    the next invocations while nothing it was parsed from has changed. Partial parsing still reads and checks every
    file on each invocation: 0.16 of the 0.42 s of a run of one model, so a process that runs dbt again and again
    (`semon watch`, the test suite) saves that each time. None when the parse fails: the invocation parses on its
    own and reports the error."""
    global _parsed
    from dbt.cli.main import dbtRunner

    key = _project_key(options)
    if _parsed is None or _parsed[0] != key:
        result = dbtRunner().invoke(["parse", *options, "--no-write-json"])
        if not result.success:
            return None
        _parsed = (key, result.result)
    return _parsed[1]


def run_dbt(path: Path, args: list[str]) -> BuildResult:
    """Invoke dbt with `args` on the warehouse at `path`; raise BuildFailed naming what failed."""
    if not _plain_name(path.stem):
        raise ValueError(
            f"dbt bouwt alleen een warehouse met een eenvoudige bestandsnaam (kleine letters, cijfers en _, geen "
            f"SQL-woord), niet {path.name}"
        )
    from dbt.cli.main import dbtRunner  # slow import (~2 s): only when a build is asked for

    # No manifest.json or run_results.json: dbt.log has each node's outcome, and writing the two cost a twentieth
    # of a small build and 0.4 of the 1 s of a run of one model (partial parsing keeps its own file). `dbt parse`
    # and `dbt docs generate` write them still (the docs site reads the manifest); DBT_WRITE_JSON=true, dbt's own
    # variable, brings them back (the benchmark reads the node times from them).
    if args[0] not in ("docs", "parse") and os.environ.get("DBT_WRITE_JSON", "").lower() not in ("1", "true"):
        args = [*args, "--no-write-json"]
    state = settings.dbt_state_dir()  # outside the package when installed: site-packages is no place for logs
    common = [
        *("--project-dir", str(settings.DBT_PROJECT_DIR), "--profiles-dir", str(settings.DBT_PROJECT_DIR)),
        *(() if "--target-path" in args else ("--target-path", str(target_path(path)))),
        *("--log-path", str(state / "logs")),
        "--quiet",
    ]
    with _stable_path(path, state) as stable:
        env = {  # profiles.yml reads the first three; dbt's anonymous usage statistics stay off on a municipal server
            "SEMON_WAREHOUSE": str(stable),
            "SEMON_DUCKDB_MEMORY": settings.duckdb_memory(),
            "SEMON_DUCKDB_ROW_GROUP_SIZE": str(settings.duckdb_row_group_size()),
            "DO_NOT_TRACK": "1",
            # dbt.log at info (each node, its outcome and time, every error) rather than debug (every statement):
            # writing the statements cost a tenth of a small build. DBT_LOG_LEVEL_FILE=debug brings them back.
            "DBT_LOG_LEVEL_FILE": os.environ.get("DBT_LOG_LEVEL_FILE", "info"),
        }
        with mock.patch.dict(os.environ, env), _dbt_work_saved():
            try:
                manifest = None if args[0] in ("docs", "parse") else _parsed_project(common)
                result = dbtRunner(manifest=manifest, callbacks=_callbacks()).invoke([*args, *common])
            finally:
                _release()
    if result.exception is not None:
        raise BuildFailed(f"dbt {args[0]} kon niet draaien: {result.exception}")
    nodes = list(result.result or []) if hasattr(result.result, "__iter__") else []
    # The project's on-run-start and on-run-end hooks (dbt_project.yml) are results too, but no part of the build.
    nodes = [n for n in nodes if str(getattr(getattr(n, "node", None), "resource_type", "")) != "operation"]
    failed = [n for n in nodes if str(getattr(n, "status", "")).lower() in ("error", "fail", "runtime error")]
    if not result.success or failed:
        lines = [f"- {n.node.name}: {str(n.message or n.status).splitlines()[0]}" for n in failed[:20]]
        raise BuildFailed(f"dbt {args[0]} faalde ({len(failed)} onderdelen):\n" + "\n".join(lines))
    warned = sum(1 for n in nodes if str(getattr(n, "status", "")).lower() == "warn")
    return BuildResult(passed=len(nodes) - warned, warned=warned, nodes=len(nodes))


def dbt_build(path: Path, *, full: bool = True, unit_tests: bool | None = None) -> BuildResult:
    """Seeds, models and all tests into the warehouse at `path`.

    `full` rebuilds every model (`semon build`) and runs the dbt unit tests too: they check the models' logic on
    fixed inputs, a check of the code rather than the data. A refresh (`full=False`, `semon refresh`) runs every data
    test but not those: the incremental models (ladder scores, doelgroep per month) only add what the newest loads
    changed, with the same result as a full build, and the seeds (and the tests on them alone) are left as the last
    build that passed loaded them. That holds only for the code that build ran: a refresh on a warehouse whose last
    build that passed ran another version of the dbt project (an upgrade of the monitor) or of dbt rebuilds every
    model and loads the seeds, as `semon build` does (`BuildResult.whole`). `unit_tests` overrides whether the unit
    tests run (the test suite runs them once, not with every fixture it builds).
    """
    from ingest import raw_schema

    raw_schema.upgrade(path)  # a warehouse from before an upgrade of the monitor: its raw layer first
    project = project_fingerprint()
    whole = full or project_built(path) != project
    if whole:
        args = ["build", "--full-refresh"]
    else:
        # `cautious` keeps every test that also reads a model, such as a staging column's check against its code
        # list (macro build_geslaagd counts this build as whole): the seeds alone are a seventh of a refresh's nodes.
        args = ["build", "--exclude", "resource_type:seed", "--indirect-selection", "cautious"]
    if not (full if unit_tests is None else unit_tests):
        args += ["--exclude-resource-type", "unit_test"]
    result = run_dbt(path, args)
    _record_project(path, project)
    return replace(result, whole=whole)


# The version of the dbt project the last build that passed ran (a table of its own: dbt leaves it alone).
_BUILT_TABLE = "intermediate.project_gebouwd"


def project_fingerprint() -> str:
    """The code a build's results follow besides the data: every file of the dbt project (models, macros, seeds,
    their configuration) and the versions of dbt and its DuckDB adapter (whose materializations write the models)."""
    digest = hashlib.sha256()
    for package in ("dbt-core", "dbt-duckdb"):
        digest.update(f"{package}=={metadata.version(package)}\0".encode())
    for name, content in _project_files():
        digest.update(name.encode() + b"\0" + content)
    return digest.hexdigest()


def project_built(path: Path) -> str | None:
    """The fingerprint of the project the last build that passed ran on the warehouse at `path` (None: unknown, as
    for a warehouse built before the fingerprint was kept)."""
    import duckdb

    con = duckdb.connect(str(path), read_only=True)
    try:
        schema, table = _BUILT_TABLE.split(".")
        found = con.execute(
            "select count(*) from duckdb_tables() where schema_name = ? and table_name = ?", [schema, table]
        ).fetchone()
        return con.execute(f"select vingerafdruk from {_BUILT_TABLE}").fetchone()[0] if found == (1,) else None
    finally:
        con.close()


def _record_project(path: Path, project: str) -> None:
    """After a build that passed: it ran `project` (a failed build raised before, so the next refresh builds whole
    again). Opened as ingest opens it: the checkpoint on closing must keep the row groups' size."""
    from ingest import raw_schema

    con = raw_schema.connect(path)
    try:
        con.execute(f"create or replace table {_BUILT_TABLE} as select ?::varchar as vingerafdruk", [project])
        con.execute("drop table if exists intermediate.seeds_geladen")  # its fingerprint of the seeds, until 2026-12
    finally:
        con.close()
