"""One benchmark step in a process of its own, so its peak memory is its own: `python bench/steps.py STEP JSON`.

Prints one JSON object: the step's seconds (measured inside, without interpreter start-up), its peak
resident memory in MiB and what else the step reports.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
T = TypeVar("T")


def generate(out: str, scale: float, start: str, months: int) -> dict:
    from tools.synth import generate

    summary = generate(Path(out), scale=scale, start=start, months=months)
    return {"files": len(summary.files), "rows": summary.rows}


def ingest(warehouse: str, files: list[str]) -> dict:
    from ingest.load import ingest_paths
    from semon.settings import pseudonym_key

    report = ingest_paths([Path(f) for f in files], warehouse=Path(warehouse), key=pseudonym_key())
    return {"rows": sum(o.rijen + o.quarantaine for o in report.files), "files": len(report.files)}


def refresh(warehouse: str, inbox: str) -> dict:
    """`semon refresh` as the service runs it: ingest the inbox into the work database, build incrementally with
    every data test, publish the marts. Also the bytes the process wrote to disk (Linux' write_bytes: what reached
    the storage layer, DuckDB's spill files included)."""
    from semon.settings import pseudonym_key
    from warehouse.refresh import refresh as run

    phases = _count_phase_writes()
    before = _written()
    status = run(Path(warehouse), Path(inbox), pseudonym_key())
    if not status.gelukt:
        raise SystemExit(status.melding)
    return {
        "files": status.nieuwe_bestanden,
        "written_mib": (_written() - before) / 2**20,
        "slowest": _slowest(),
        "largest_writers": _largest_writers(),
        "phases_mib": {phase: written / 2**20 for phase, written in phases.items()},
    }


def _count_phase_writes() -> dict[str, int]:
    """The bytes written by the refresh's ingest, build and publish (the build's nodes and dbt's start and
    close together), filled in as they run. Wraps the three functions warehouse.refresh calls, for the benchmark
    only."""
    import ingest.load
    import warehouse.build
    import warehouse.refresh

    phases: dict[str, int] = {}

    def counted(phase: str, function: Callable[..., T]) -> Callable[..., T]:
        def wrapper(*args: object, **kwargs: object) -> T:
            start = _written()
            try:
                return function(*args, **kwargs)
            finally:
                phases[phase] = phases.get(phase, 0) + _written() - start

        return wrapper

    # refresh() imports ingest_paths and dbt_build when it runs, publish_marts when warehouse.refresh is imported.
    ingest.load.ingest_paths = counted("ingest", ingest.load.ingest_paths)
    warehouse.build.dbt_build = counted("build", warehouse.build.dbt_build)
    warehouse.refresh.publish_marts = counted("publish", warehouse.refresh.publish_marts)
    return phases


_node_writes: dict[str, int] = {}
_node_seconds: dict[str, float] = {}


def _count_node_writes() -> None:
    """Each dbt node's bytes written, from the process's write_bytes at its start and finish (a checkpoint counts in
    the node whose commit started it), and its time as dbt measured it. Added to warehouse.build's callbacks for the
    benchmark only: dbt's run_results.json would have the times too, but writing it (and the manifest beside it,
    4.5 MiB at 60 months) would add to the bytes a refresh is measured to write."""
    import warehouse.build as build

    started: dict[str, int] = {}

    def count(event: object) -> None:
        name = event.info.name  # type: ignore[attr-defined]
        if name in ("NodeStart", "NodeFinished"):
            node = event.data.node_info.unique_id  # type: ignore[attr-defined]
            if name == "NodeStart":
                started[node] = _written()
            elif node in started:
                _node_writes[node] = _node_writes.get(node, 0) + _written() - started.pop(node)
                _node_seconds[node] = event.data.run_result.execution_time  # type: ignore[attr-defined]

    callbacks = build._callbacks
    build._callbacks = lambda: [*callbacks(), count]


def _largest_writers() -> list[list]:
    """The nodes that wrote most, in MiB."""
    largest = sorted(_node_writes.items(), key=lambda item: -item[1])[:12]
    return [[node, written / 2**20] for node, written in largest]


def _written() -> int:
    for line in Path("/proc/self/io").read_text().splitlines():
        if line.startswith("write_bytes:"):
            return int(line.split()[1])
    return 0


def ceiling(scratch: str, files: list[str]) -> dict:
    """DuckDB's own read_csv of the same files into a table, no validation (Windows-1252 transcoded first)."""
    import duckdb

    readable = []
    for name in files:
        path = Path(name)
        raw = path.read_bytes()
        try:
            raw.decode("utf-8")
            readable.append(path)
        except UnicodeDecodeError:
            copy = Path(scratch) / path.name
            copy.write_bytes(raw.decode("cp1252").encode("utf-8"))
            readable.append(copy)
    con = duckdb.connect(str(Path(scratch) / "ceiling.duckdb"))
    names = ", ".join(f"'{p}'" for p in readable)
    start = time.perf_counter()
    con.execute(
        f"create or replace table t as select * from read_csv([{names}], union_by_name = true, ignore_errors = true)"
    )
    seconds = time.perf_counter() - start
    con.close()
    return {"seconds": seconds}


def build(warehouse: str, full: bool, publish: str | None = None) -> dict:
    """dbt build on the work database `warehouse`; with `publish`, its marts are then published there."""
    from warehouse.build import dbt_build
    from warehouse.publish import publish_marts

    result = dbt_build(Path(warehouse), full=full)
    if publish:
        publish_marts(Path(warehouse), Path(publish))
    return {"nodes": result.nodes, "slowest": _slowest(), "largest_writers": _largest_writers()}


def _slowest() -> list[list]:
    """The slowest nodes of the step's dbt invocations, as dbt timed them: where a build spends its time."""
    slowest = sorted(_node_seconds.items(), key=lambda item: -item[1])[:12]
    return [[node, seconds] for node, seconds in slowest]


STEPS = {"generate": generate, "ingest": ingest, "ceiling": ceiling, "build": build, "refresh": refresh}


def main() -> None:
    name, arguments = sys.argv[1], json.loads(sys.argv[2])
    _count_node_writes()
    start = time.perf_counter()
    result = STEPS[name](**arguments)
    result.setdefault("seconds", time.perf_counter() - start)
    result["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


if __name__ == "__main__":
    main()
