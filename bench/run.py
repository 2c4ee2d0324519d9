"""Benchmark the pipeline and the dashboard on the Twente demo data; print a Markdown report for docs/performance.md.

Run: `make bench` (or `.venv/bin/python bench/run.py [--scale X] [--out FILE]`). Not a test: it measures, on
this machine, how long generate, ingest and build take and how long each page takes to render server-side.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PAGES = [
    "overzicht",
    "ladder",
    "plaatsingen",
    "werkgevers",
    "jongeren",
    "wsw",
    "instrumenten",
    "benchmark",
    "datakwaliteit",
]


def _timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def _machine() -> str:
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    cpu = platform.processor() or platform.machine()
    return f"{platform.system()} {platform.release()}, {os.cpu_count()} cores ({cpu}), {memory:.0f} GiB RAM"


def _kind(path: Path) -> str:
    return path.stem.rsplit("_", 1)[0]


def _ceiling(files: list[Path], scratch: Path) -> float:
    """Seconds DuckDB's own read_csv needs to load these files into a table, no validation (the ceiling).

    Windows-1252 files are transcoded to UTF-8 first, outside the timing: DuckDB cannot read them itself here.
    """
    import duckdb

    readable = []
    for path in files:
        raw = path.read_bytes()
        try:
            raw.decode("utf-8")
            readable.append(path)
        except UnicodeDecodeError:
            copy = scratch / path.name
            copy.write_bytes(raw.decode("cp1252").encode("utf-8"))
            readable.append(copy)
    con = duckdb.connect(str(scratch / "ceiling.duckdb"))
    names = ", ".join(f"'{p}'" for p in readable)
    seconds = _timed(
        lambda: con.execute(
            f"create or replace table t as select * from read_csv([{names}], union_by_name = true, "
            "ignore_errors = true)"
        )
    )
    con.close()
    return seconds


def pipeline(work: Path, scale: float) -> tuple[Path, list[tuple[str, float, str]], list[str]]:
    from ingest.load import ingest_paths
    from semon.cli import demo_start
    from semon.settings import pseudonym_key
    from semon.synth import generate
    from warehouse.build import dbt_build

    extracts, warehouse, scratch = work / "extracts", work / "semon.duckdb", work / "scratch"
    scratch.mkdir()
    rows: list[tuple[str, float, str]] = []
    rows.append(("generate", _timed(lambda: generate(extracts, scale=scale, start=demo_start(dt.date.today()))), ""))
    files = [p for p in extracts.iterdir() if p.is_file() and not p.name.startswith(".")]
    size = sum(p.stat().st_size for p in files) / 2**20  # before ingest moves a refused file to rejected/
    kinds: dict[str, list[Path]] = {}
    for path in sorted(files):
        kinds.setdefault(_kind(path), []).append(path)
    # The employer register first, as ingest itself orders a delivery; then kind by kind, to see each one's speed.
    order = sorted(kinds, key=lambda k: (k != "werkgevers_register", k))
    throughput = [
        "| extract kind | files | MiB | rows | ingest s | rows/s | MiB/s | DuckDB read_csv s | ingest ÷ read_csv |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    total = 0.0
    for kind in order:
        paths = kinds[kind]
        mib = sum(p.stat().st_size for p in paths) / 2**20
        outcome = {}
        seconds = _timed(lambda: outcome.update(r=ingest_paths(paths, warehouse=warehouse, key=pseudonym_key())))  # noqa: B023
        total += seconds
        loaded = sum(o.rijen + o.quarantaine for o in outcome["r"].files)
        csv = [p for p in paths if p.suffix == ".csv" and p.stem.rsplit("_", 1)[-1].isdigit()]
        ceiling = _ceiling(csv, scratch) if csv else None
        ratio = f"{ceiling / seconds:.0%}" if ceiling else "—"
        bare = f"{ceiling:.2f}" if ceiling else "—"
        throughput.append(
            f"| {kind} | {len(paths)} | {mib:.1f} | {loaded:,} | {seconds:.1f} | {loaded / seconds:,.0f} | "
            f"{mib / seconds:.1f} | {bare} | {ratio} |"
        )
    rows.append(("ingest (all kinds)", total, f"{len(files)} files, {size:.0f} MiB"))
    rows.append(("dbt build (seeds, models, tests)", _timed(lambda: dbt_build(warehouse)), ""))
    return warehouse, rows, throughput


QUERIES: dict[tuple[str, tuple[object, ...]], None] = {}  # every distinct question the pages asked


def _record_queries() -> None:
    """Note each (sql, params) the query layer runs, to time them on their own afterwards."""
    from app.queries import _db

    original = _db._cached

    def recording(wh_versie: object, sql: str, params: tuple[object, ...]) -> object:
        QUERIES[(sql, params)] = None
        return original(wh_versie, sql, params)

    _db._cached = recording


def query_latency(warehouse: Path, repeats: int = 9) -> list[tuple[str, float, float]]:
    """p50 and p95 in ms of every recorded query, each run `repeats` times on a fresh read-only connection."""
    from warehouse import connection

    con = connection.open_readonly(warehouse)
    results = []
    for sql, params in QUERIES:
        timings = []
        for _ in range(repeats):
            cur = connection.cursor(con)
            start = time.perf_counter()
            cur.sql(sql, params=list(params)).fetchall()
            timings.append(1000 * (time.perf_counter() - start))
            cur.close()
        timings.sort()
        first_line = " ".join(sql.split())[:90]
        results.append(
            (first_line, timings[len(timings) // 2], timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))])
        )
    con.close()
    return sorted(results, key=lambda r: -r[2])


def pages(warehouse: Path, repeats: int = 3) -> list[tuple[str, float, float]]:
    os.environ["SEMON_WAREHOUSE"] = str(warehouse)
    os.environ.setdefault("SEMON_AUDIT", str(warehouse.with_name("audit.log")))
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    _record_queries()

    results = []
    for page in PAGES:
        at = AppTest.from_file(str(ROOT / "app" / "main.py"), default_timeout=120)
        at.query_params["gemeente"] = "Enschede"
        at.run()
        st.cache_data.clear()  # the page's first render asks every question afresh
        first = _timed(lambda: at.switch_page(f"app_pages/{page}.py").run())  # noqa: B023
        again = statistics.median(_timed(at.run) for _ in range(repeats))
        if at.exception:
            raise SystemExit(f"{page}: {at.exception[0].message}")
        results.append((page, first, again))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--warehouse", type=Path, help="measure the pages on this built warehouse, skip the pipeline")
    args = parser.parse_args()
    lines = [f"## {dt.date.today().isoformat()} · scale {args.scale}", "", f"Machine: {_machine()}.", ""]
    with tempfile.TemporaryDirectory() as tmp:
        if args.warehouse:
            warehouse = Path(tmp) / "semon.duckdb"
            shutil.copyfile(args.warehouse, warehouse)
        else:
            warehouse, steps, throughput = pipeline(Path(tmp), args.scale)
            lines += ["| step | seconds | notes |", "|---|---:|---|"]
            lines += [f"| {name} | {seconds:.1f} | {notes} |" for name, seconds, notes in steps]
            lines += [
                "",
                "Ingest per extract kind against DuckDB's bare `read_csv` of the same files (the ceiling; "
                "ratio = read_csv time ÷ ingest time, so 50 % means half of DuckDB's own speed):",
                "",
            ]
            lines += [*throughput, ""]
        lines += [
            "Server-side render per page (AppTest, gemeente Enschede, newest month): the first run on the",
            "page with an empty query cache, and the median of three reruns (warm cache).",
            "",
            "| page | first render s | rerun s |",
            "|---|---:|---:|",
        ]
        lines += [f"| {page} | {first:.2f} | {again:.2f} |" for page, first, again in pages(warehouse)]
        latency = query_latency(warehouse)
        p95s = sorted(p95 for _, _, p95 in latency)
        lines += [
            "",
            f"Every query the pages issued ({len(latency)} distinct, each run 9 times on its own): median p95 "
            f"{statistics.median(p95s):.0f} ms, worst p95 {p95s[-1]:.0f} ms. The five slowest:",
            "",
            "| query | p50 ms | p95 ms |",
            "|---|---:|---:|",
        ]
        lines += [f"| `{q}…` | {p50:.0f} | {p95:.0f} |" for q, p50, p95 in latency[:5]]
    print("\n".join(lines))


if __name__ == "__main__":
    main()
