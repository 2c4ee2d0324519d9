"""Run dbt in-process on a warehouse file (dbtRunner: no CLI start-up per call)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from semon.settings import DBT_PROJECT_DIR


class BuildFailed(Exception):
    """dbt reported errors or failing tests; the message lists them."""


@dataclass(frozen=True)
class BuildResult:
    passed: int
    warned: int
    nodes: int


@contextmanager
def _warehouse_env(path: Path) -> Iterator[None]:
    # profiles.yml reads the target file from SEMON_WAREHOUSE.
    before = os.environ.get("SEMON_WAREHOUSE")
    os.environ["SEMON_WAREHOUSE"] = str(path)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("SEMON_WAREHOUSE", None)
        else:
            os.environ["SEMON_WAREHOUSE"] = before


def run_dbt(path: Path, args: list[str]) -> BuildResult:
    """Invoke dbt with `args` on the warehouse at `path`; raise BuildFailed naming what failed."""
    from dbt.cli.main import dbtRunner  # slow import (~2 s): only when a build is asked for

    full = [*args, "--project-dir", str(DBT_PROJECT_DIR), "--profiles-dir", str(DBT_PROJECT_DIR), "--quiet"]
    with _warehouse_env(path.resolve()):
        result = dbtRunner().invoke(full)
    if result.exception is not None:
        raise BuildFailed(f"dbt {args[0]} kon niet draaien: {result.exception}")
    nodes = list(result.result or []) if hasattr(result.result, "__iter__") else []
    failed = [n for n in nodes if str(getattr(n, "status", "")).lower() in ("error", "fail", "runtime error")]
    if not result.success or failed:
        lines = [f"- {n.node.name}: {str(n.message or n.status).splitlines()[0]}" for n in failed[:20]]
        raise BuildFailed(f"dbt {args[0]} faalde ({len(failed)} onderdelen):\n" + "\n".join(lines))
    warned = sum(1 for n in nodes if str(getattr(n, "status", "")).lower() == "warn")
    return BuildResult(passed=len(nodes) - warned, warned=warned, nodes=len(nodes))


def dbt_build(path: Path, *, full: bool = True) -> BuildResult:
    """Seeds, models and all tests into the warehouse at `path`.

    `full` rebuilds every model (`semon build`); otherwise the incremental models (ladder scores,
    doelgroep per month) only add what the newest loads changed (`semon refresh`), with the same result.
    Seeds always reload whole (`full_refresh` in dbt_project.yml), so an edited seed may change its columns.
    """
    from ingest import raw_schema

    raw_schema.upgrade(path)  # a warehouse from before an upgrade of the monitor: its raw layer first
    return run_dbt(path, ["build", "--full-refresh"] if full else ["build"])
