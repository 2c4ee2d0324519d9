"""Benchmark the monitor on one machine and write the figures into docs/performance.md.

`make bench` measures at scale 1 (the Twente demo, 37 months, a few minutes); the national run is the same
script with a flag: `.venv/bin/python bench/run.py --scale 28 --months 60`. Each run saves its figures in
bench/results/scale-<X>.json; the report (tables per scale, the targets, the growth plot) is written from
every saved run, so the scale-1 and the national figures sit side by side.

What one run measures, each step in a process of its own for its peak memory (bench/steps.py):
generate; ingest per extract kind with DuckDB's bare read_csv of the same files as the ceiling; the full
dbt build of all months but the newest; the refresh of that newest month (ingest + incremental build);
every query the pages issue (p50/p95); each page's server-side render (AppTest) and its render in
Chromium, with the app server's peak memory.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RESULTS = ROOT / "bench" / "results"
SERVER_PAGES = [  # files in app/app_pages, in the order of the navigation
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


def _machine() -> str:
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    cpu = platform.processor() or platform.machine()
    return f"{platform.system()} {platform.release()}, {os.cpu_count()} cores ({cpu}), {memory:.0f} GiB RAM"


def _step(name: str, **arguments: object) -> dict:
    """Run bench/steps.py STEP in its own process; its JSON answer."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "steps.py"), name, json.dumps(arguments)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    if done.returncode != 0:
        raise SystemExit(f"bench step {name} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _start(months: int) -> str:
    today = dt.date.today()
    index = today.year * 12 + today.month - 1 - (months - 1)
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


@contextmanager
def _kept(folder: Path) -> Iterator[str]:
    """A working folder that stays after the run (to look into a failed large run)."""
    folder.mkdir(parents=True, exist_ok=False)
    yield str(folder)


def _mib(paths: list[Path]) -> float:
    return sum(p.stat().st_size for p in paths) / 2**20


def pipeline(work: Path, scale: float, months: int, log: Callable[[str], None]) -> tuple[dict, Path]:
    extracts, warehouse, scratch = work / "extracts", work / "semon.duckdb", work / "scratch"
    scratch.mkdir()
    result: dict = {}
    log("generate")
    result["generate"] = _step("generate", out=str(extracts), scale=scale, start=_start(months), months=months)
    files = sorted(p for p in extracts.iterdir() if p.is_file() and not p.name.startswith("."))
    result["generate"]["mib"] = _mib(files)
    dated = [p for p in files if p.stem.rsplit("_", 1)[-1].isdigit()]
    newest = max(p.stem.rsplit("_", 1)[-1] for p in dated)
    history = [p for p in files if p.stem.rsplit("_", 1)[-1] != newest]
    month = [p for p in files if p.stem.rsplit("_", 1)[-1] == newest]

    kinds: dict[str, list[Path]] = {}
    for path in history:
        kinds.setdefault(path.stem.rsplit("_", 1)[0], []).append(path)
    result["ingest"] = []
    # The employer register first, as ingest itself orders a delivery; then kind by kind, to see each one's speed.
    for kind in sorted(kinds, key=lambda k: (k != "werkgevers_register", k)):
        paths = kinds[kind]
        log(f"ingest {kind}")
        mib = _mib(paths)  # before ingest moves a refused file to rejected/
        measured = _step("ingest", warehouse=str(warehouse), files=[str(p) for p in paths])
        csv = [str(p) for p in paths if p.suffix == ".csv" and p.stem.rsplit("_", 1)[-1].isdigit()]
        bare = _step("ceiling", scratch=str(scratch), files=csv)["seconds"] if csv else None
        result["ingest"].append({"kind": kind, "files": len(paths), "mib": mib, **measured, "ceiling_seconds": bare})
    log("full build")
    result["build_full"] = _step("build", warehouse=str(warehouse), full=True)
    log("refresh of the newest month")
    ingest = _step("ingest", warehouse=str(warehouse), files=[str(p) for p in month])
    build = _step("build", warehouse=str(warehouse), full=False)
    result["refresh"] = {"month": newest, "files": len(month), "mib": _mib(month), "ingest": ingest, "build": build}
    result["warehouse_mib"] = warehouse.stat().st_size / 2**20
    return result, warehouse


QUERIES: dict[tuple[str, tuple[object, ...]], None] = {}  # every distinct question the pages asked


def _record_queries() -> None:
    """Note each (sql, params) the query layer runs, to time them on their own afterwards."""
    from app.queries import _db

    original = _db._cached

    def recording(wh_versie: object, sql: str, params: tuple[object, ...]) -> object:
        QUERIES[(sql, params)] = None
        return original(wh_versie, sql, params)

    _db._cached = recording


def server_pages(warehouse: Path, repeats: int = 3) -> list[dict]:
    """Each page's server-side render (AppTest, gemeente Enschede): first run with an empty cache, and reruns."""
    os.environ["SEMON_WAREHOUSE"] = str(warehouse)
    os.environ.setdefault("SEMON_AUDIT", str(warehouse.with_name("audit.log")))
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    _record_queries()
    results = []
    for page in SERVER_PAGES:
        at = AppTest.from_file(str(ROOT / "app" / "main.py"), default_timeout=600)
        at.session_state["rol"] = "beheer"  # demo mode starts as gemeente; the bench measures every page
        at.query_params["gemeente"] = "Enschede"
        at.run()
        st.cache_data.clear()  # the page's first render asks every question afresh
        start = time.perf_counter()
        at.switch_page(f"app_pages/{page}.py").run()
        first = time.perf_counter() - start
        reruns = []
        for _ in range(repeats):
            start = time.perf_counter()
            at.run()
            reruns.append(time.perf_counter() - start)
        if at.exception:
            raise SystemExit(f"{page}: {at.exception[0].message}")
        results.append({"page": page, "first_s": first, "rerun_s": statistics.median(reruns)})
    return results


def query_latency(warehouse: Path, repeats: int = 9) -> list[dict]:
    """p50 and p95 in ms of every recorded query, each run `repeats` times on a fresh read-only cursor."""
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
        p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
        results.append({"sql": " ".join(sql.split())[:90], "p50_ms": timings[len(timings) // 2], "p95_ms": p95})
    con.close()
    return sorted(results, key=lambda r: -r["p95_ms"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=1.0, help="1 = Twente, 28 ≈ the Netherlands")
    parser.add_argument("--months", type=int, default=37, help="months of extracts (default 37)")
    parser.add_argument("--work", type=Path, help="working folder, kept after the run (default: a temporary one)")
    parser.add_argument("--report-only", action="store_true", help="only rewrite docs/performance.md from results")
    args = parser.parse_args()
    from bench import report

    if not args.report_only:
        with tempfile.TemporaryDirectory() if args.work is None else _kept(args.work) as tmp:
            begun = time.perf_counter()

            def log(text: str) -> None:
                print(f"[{time.perf_counter() - begun:7.1f} s] {text}", file=sys.stderr, flush=True)

            result, warehouse = pipeline(Path(tmp), args.scale, args.months, log)
            log("pages in the browser")
            from bench.browser import page_times

            browser, first_open, app_peak = page_times(warehouse, Path(tmp))
            result["pages_browser"] = [{"page": p, "switch_s": a, "link_s": b} for p, a, b in browser]
            result["app_first_open_s"] = first_open
            result["app_peak_mib"] = app_peak
            log("pages server-side and queries")
            result["pages_server"] = server_pages(warehouse)
            result["queries"] = query_latency(warehouse)
            result.update(date=dt.date.today().isoformat(), machine=_machine(), scale=args.scale, months=args.months)
            RESULTS.mkdir(exist_ok=True)
            (RESULTS / f"scale-{args.scale:g}.json").write_text(json.dumps(result, indent=1) + "\n")
            log("done")
    report.write()


if __name__ == "__main__":
    main()
