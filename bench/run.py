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

Only the ingest, to compare code: `bench/run.py --ingest-only --rounds 5 --against ../old-tree` (a worktree of
the older commit) runs the per-kind ingest of both trees in turn on the same extracts, each in its own process,
with the read_csv ceiling once per round, and prints the best of the rounds per kind (`--extracts DIR` reuses a
generated set). It saves bench/results/ingest-<X>.json and does not touch docs/performance.md.

Only the refresh, to compare code: `bench/run.py --refresh-only --scale 28 --months 24 --work DIR --against
../old-tree` builds a base per source tree once (all months but the newest ingested and built in full with that
tree's code, as after `semon build`; kept in DIR, delete it after a change of code), then refreshes the newest month
on a fresh copy of each base in turn, `--rounds` times. It saves bench/results/refresh-<X>-<M>m.json; `--rounds 0`
only builds the bases.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import shutil
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


def _step(name: str, tree: Path = ROOT, **arguments: object) -> dict:
    """Run bench/steps.py STEP of the source tree `tree` (this one unless compared) in its own process.

    Adds `cpu_seconds`: the process's CPU time (user + system, every thread, interpreter start included), which
    a loaded machine disturbs less than the wall time."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(
        [sys.executable, str(tree / "bench" / "steps.py"), name, json.dumps(arguments)],
        capture_output=True,
        text=True,
        cwd=tree,
    )
    if done.returncode != 0:
        raise SystemExit(f"bench step {name} failed:\n{done.stderr[-3000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return {**json.loads(done.stdout.strip().splitlines()[-1]), "cpu_seconds": cpu}


def _start(months: int) -> str:
    today = dt.date.today()
    index = today.year * 12 + today.month - 1 - (months - 1)
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


@contextmanager
def _kept(folder: Path, reuse: bool = False) -> Iterator[str]:
    """A working folder that stays after the run (to look into a failed large run; `reuse`: one kept before)."""
    folder.mkdir(parents=True, exist_ok=reuse)
    yield str(folder)


def _mib(paths: list[Path]) -> float:
    return sum(p.stat().st_size for p in paths) / 2**20


def split_extracts(extracts: Path) -> tuple[str, dict[str, list[Path]], list[Path], list[Path]]:
    """(newest month, the other months' files per kind in ingest's order, the newest month's files, all files)."""
    files = sorted(p for p in extracts.iterdir() if p.is_file() and not p.name.startswith("."))
    dated = [p for p in files if p.stem.rsplit("_", 1)[-1].isdigit()]
    newest = max(p.stem.rsplit("_", 1)[-1] for p in dated)
    history = [p for p in files if p.stem.rsplit("_", 1)[-1] != newest]
    month = [p for p in files if p.stem.rsplit("_", 1)[-1] == newest]
    kinds: dict[str, list[Path]] = {}
    # The employer register first, as ingest itself orders a delivery; then kind by kind, to see each one's speed.
    for path in sorted(history, key=lambda p: (not p.name.startswith("werkgevers_register"), p.name)):
        kinds.setdefault(path.stem.rsplit("_", 1)[0], []).append(path)
    return newest, kinds, month, files


def _ceiling_files(paths: list[Path]) -> list[str]:
    return [str(p) for p in paths if p.suffix == ".csv" and p.stem.rsplit("_", 1)[-1].isdigit()]


def pipeline(work: Path, scale: float, months: int, log: Callable[[str], None]) -> tuple[dict, Path]:
    from warehouse.publish import work_path

    # As a service keeps them (warehouse/publish.py): ingest and dbt write the work database, the app reads the marts.
    extracts, warehouse, scratch = work / "extracts", work / "semon.duckdb", work / "scratch"
    werk = work_path(warehouse)
    scratch.mkdir()
    result: dict = {}
    log("generate")
    result["generate"] = _step("generate", out=str(extracts), scale=scale, start=_start(months), months=months)
    newest, kinds, month, files = split_extracts(extracts)
    result["generate"]["mib"] = _mib(files)
    result["ingest"] = []
    for kind, paths in kinds.items():
        log(f"ingest {kind}")
        mib = _mib(paths)  # before ingest moves a refused file to rejected/
        measured = _step("ingest", warehouse=str(werk), files=[str(p) for p in paths])
        csv = _ceiling_files(paths)
        bare = _step("ceiling", scratch=str(scratch), files=csv)["seconds"] if csv else None
        result["ingest"].append({"kind": kind, "files": len(paths), "mib": mib, **measured, "ceiling_seconds": bare})
    log("full build")
    result["build_full"] = _step("build", warehouse=str(werk), full=True, publish=str(warehouse))  # as `semon build`
    log("refresh of the newest month")
    inbox = work / "inbox"
    inbox.mkdir()
    for path in month:
        os.link(path, inbox / path.name)
    refreshed = _step("refresh", warehouse=str(warehouse), inbox=str(inbox))  # as `semon refresh`
    result["refresh"] = {"month": newest, "files": len(month), "mib": _mib(month), **refreshed}
    result["marts_mib"] = warehouse.stat().st_size / 2**20  # the published file
    result["warehouse_mib"] = (werk.stat().st_size + warehouse.stat().st_size) / 2**20
    return result, warehouse


def ingest_only(work: Path, extracts: Path, trees: list[Path], rounds: int, log: Callable[[str], None]) -> dict:
    """Only the ingest per kind and its read_csv ceiling, `rounds` times; with two source trees (to compare code),
    their runs alternate back to back (ABBA...) on the same extracts. Each round starts from an empty warehouse
    and a fresh copy (hard links) of the inbox, as ingest moves a refused file away. Returns the best time per kind
    and tree, the best ceiling per kind and every single time, so the spread can be judged."""
    _, kinds, _, _ = split_extracts(extracts)
    times: dict[str, dict[str, list[float]]] = {str(tree): {kind: [] for kind in kinds} for tree in trees}
    cpu: dict[str, dict[str, list[float]]] = {str(tree): {kind: [] for kind in kinds} for tree in trees}
    ceilings: dict[str, list[float]] = {kind: [] for kind in kinds}
    for number in range(rounds):
        for tree in trees if number % 2 == 0 else trees[::-1]:
            round_dir = work / f"round-{number}-{trees.index(tree)}"
            inbox = round_dir / "inbox"
            inbox.mkdir(parents=True)
            for path in extracts.iterdir():
                os.link(path, inbox / path.name)
            for kind, paths in kinds.items():
                log(f"round {number + 1}/{rounds} {tree.name}: ingest {kind}")
                files = [str(inbox / p.name) for p in paths]
                measured = _step("ingest", tree, warehouse=str(round_dir / "semon.duckdb"), files=files)
                times[str(tree)][kind].append(measured["seconds"])
                cpu[str(tree)][kind].append(measured["cpu_seconds"])
        scratch = work / f"scratch-{number}"
        scratch.mkdir()
        for kind, paths in kinds.items():
            csv = _ceiling_files(paths)
            if csv:
                ceilings[kind].append(_step("ceiling", scratch=str(scratch), files=csv)["seconds"])
    return {
        "kinds": {kind: {"files": len(paths), "mib": _mib(paths)} for kind, paths in kinds.items()},
        "ingest_seconds": times,
        "ingest_cpu_seconds": cpu,
        "ceiling_seconds": ceilings,
    }


def refresh_only(work: Path, extracts: Path, trees: list[Path], rounds: int, log: Callable[[str], None]) -> dict:
    """The refresh of the newest month as `semon refresh` runs it, per source tree on a copy of a base built with that
    tree's own code (an incremental model refreshes from the state its own code left), the trees alternating (ABBA...).
    Returns every refresh's seconds, disk written and slowest nodes, per tree."""
    from warehouse.publish import work_path

    _, kinds, month, _ = split_extracts(extracts)
    runs: dict[str, list[dict]] = {str(tree): [] for tree in trees}
    for number, tree in enumerate(trees):
        base = work / f"base-{number}"
        if not (base / "semon.duckdb").exists():
            log(f"{tree.name}: base (ingest and full build)")
            inbox = base / "inbox"  # hard links: ingest moves a refused file out of its inbox
            inbox.mkdir(parents=True, exist_ok=True)
            for path in (p for paths in kinds.values() for p in paths):
                if not (inbox / path.name).exists():
                    os.link(path, inbox / path.name)
            werk = work_path(base / "semon.duckdb")
            _step("ingest", tree, warehouse=str(werk), files=[str(p) for p in sorted(inbox.iterdir())])
            _step("build", tree, warehouse=str(werk), full=True, publish=str(base / "semon.duckdb"))
    for number in range(rounds):
        for tree in trees if number % 2 == 0 else trees[::-1]:
            index = trees.index(tree)
            run = work / f"refresh-{number}-{index}"
            shutil.copytree(work / f"base-{index}", run, ignore=shutil.ignore_patterns("inbox", "rejected"))
            # The copy's writes reach the disk before the refresh it measures starts, not beside it (at 60 months the
            # copy is 12 GB, and refreshes right after it took 104-108 s against 85 s in the full run).
            os.sync()
            (run / "inbox").mkdir()
            for path in month:
                os.link(path, run / "inbox" / path.name)
            log(f"round {number + 1}/{rounds} {tree.name}: refresh")
            runs[str(tree)].append(
                _step("refresh", tree, warehouse=str(run / "semon.duckdb"), inbox=str(run / "inbox"))
            )
            shutil.rmtree(run)
    return {"month_files": len(month), "month_mib": _mib(month), "refreshes": runs}


def refresh_table(measured: dict) -> str:
    """Per source tree: each refresh's seconds and disk written, the slowest nodes of its fastest refresh and the
    nodes that wrote most in the refresh that wrote least."""
    lines = [
        "| source tree | refresh s | disk written MiB (ingest / build / publish) | slowest nodes of the fastest (s) "
        "| largest writers (MiB) |",
        "|---|---|---|---|---|",
    ]
    for tree, runs in measured["refreshes"].items():
        best = min(runs, key=lambda run: run["seconds"])
        nodes = ", ".join(f"{name.split('.')[2][:40]} {seconds:.1f}" for name, seconds in best["slowest"][:8])
        least = min(runs, key=lambda run: run["written_mib"])
        writers = ", ".join(
            f"{name.split('.')[2][:40]} {mib:.0f}" for name, mib in least.get("largest_writers", [])[:8]
        )  # the older trees' runs have no such record
        seconds = ", ".join(f"{run['seconds']:.1f}" for run in runs)
        written = ", ".join(f"{run['written_mib']:.0f}{_phases(run)}" for run in runs)
        lines.append(f"| {Path(tree).name} | {seconds} | {written} | {nodes} | {writers} |")
    return "\n".join(lines)


def _phases(run: dict) -> str:
    """What the refresh's ingest, build and publish wrote, in MiB (older trees' runs have no such record)."""
    phases = run.get("phases_mib")
    if not phases:
        return ""
    return " (" + " / ".join(f"{phases.get(p, 0):.0f}" for p in ("ingest", "build", "publish")) + ")"


def ingest_table(measured: dict) -> str:
    """Best of the rounds per kind: ingest seconds, the ratio read_csv ÷ ingest and CPU seconds, per source tree."""
    trees = list(measured["ingest_seconds"])
    head = "| extract kind | files | MiB | read_csv s |" + "".join(
        f" ingest s ({Path(t).name}) | ratio ({Path(t).name}) | CPU s ({Path(t).name}) |" for t in trees
    )
    lines = [head, "|---|---:|---:|---:|" + "---:|---:|---:|" * len(trees)]
    for kind, info in measured["kinds"].items():
        ceiling = min(measured["ceiling_seconds"][kind], default=None)
        cells = f"| {kind} | {info['files']} | {info['mib']:.1f} | {f'{ceiling:.2f}' if ceiling else '—'} |"
        for tree in trees:
            best = min(measured["ingest_seconds"][tree][kind])
            cpu = min(measured["ingest_cpu_seconds"][tree][kind])
            cells += f" {best:.2f} | {f'{ceiling / best:.0%}' if ceiling else '—'} | {cpu:.2f} |"
        lines.append(cells)
    return "\n".join(lines)


QUERIES: dict[tuple[str, tuple[object, ...]], None] = {}  # every distinct question the pages asked


def _record_queries() -> None:
    """Note each (sql, params) the query layer runs, to time them on their own afterwards."""
    from app.queries import _db

    original = _db._cached

    def recording(sleutel: str, wh_versie: object, sql: str, params: tuple[object, ...]) -> object:
        QUERIES[(sql, params)] = None
        return original(sleutel, wh_versie, sql, params)

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
    parser.add_argument(
        "--ingest-only",
        action="store_true",
        help="only ingest per kind and its read_csv ceiling; prints a table, saves bench/results/ingest-<X>.json "
        "and leaves docs/performance.md as it is",
    )
    parser.add_argument(
        "--refresh-only",
        action="store_true",
        help="only the refresh of the newest month, on a base built once per source tree (kept in --work); prints a "
        "table and saves bench/results/refresh-<X>-<M>m.json",
    )
    parser.add_argument(
        "--extracts", type=Path, help="with --ingest-only or --refresh-only: use these extracts instead of generating"
    )
    parser.add_argument("--rounds", type=int, default=1, help="with --ingest-only or --refresh-only: rounds")
    parser.add_argument(
        "--against",
        type=Path,
        help="with --ingest-only or --refresh-only: another source tree (e.g. a `git worktree` of older code) measured "
        "in turn",
    )
    args = parser.parse_args()
    from bench import report

    if args.ingest_only or args.refresh_only:
        with tempfile.TemporaryDirectory() if args.work is None else _kept(args.work, args.refresh_only) as tmp:
            begun = time.perf_counter()

            def log(text: str) -> None:
                print(f"[{time.perf_counter() - begun:7.1f} s] {text}", file=sys.stderr, flush=True)

            extracts, scale, months = args.extracts, args.scale, args.months
            if extracts is None:
                extracts = Path(tmp) / "extracts"
                if not extracts.exists():
                    log("generate")
                    _step("generate", out=str(extracts), scale=scale, start=_start(months), months=months)
            elif (extracts / ".manifest.json").exists():
                # The result is named after the extracts' own size, not the options' defaults (a scale-28 A/B once
                # wrote over the scale-1 result).
                made = json.loads((extracts / ".manifest.json").read_text())
                scale, months = made.get("scale", scale), made.get("months", months)
            trees = [ROOT] + ([args.against.resolve()] if args.against else [])
            if args.refresh_only:
                measured = refresh_only(Path(tmp), extracts.resolve(), trees, args.rounds, log)
                if not args.rounds:  # --rounds 0 builds the bases only: nothing measured, no result to save
                    return
                name, table = f"refresh-{scale:g}-{months}m.json", refresh_table(measured)
            else:
                measured = ingest_only(Path(tmp), extracts.resolve(), trees, args.rounds, log)
                name, table = f"ingest-{scale:g}.json", ingest_table(measured)
            measured.update(date=dt.date.today().isoformat(), machine=_machine(), rounds=args.rounds)
            RESULTS.mkdir(exist_ok=True)
            (RESULTS / name).write_text(json.dumps(measured, indent=1) + "\n")
            print(table)
        return
    if not args.report_only:
        with tempfile.TemporaryDirectory() if args.work is None else _kept(args.work) as tmp:
            begun = time.perf_counter()

            def log(text: str) -> None:
                print(f"[{time.perf_counter() - begun:7.1f} s] {text}", file=sys.stderr, flush=True)

            result, warehouse = pipeline(Path(tmp), args.scale, args.months, log)
            log("pages in the browser")
            from bench.browser import LINK_ROUNDS, page_times

            browser, first_open, app_peak = page_times(warehouse, Path(tmp))
            result["pages_browser"] = [
                {"page": p, "switch_s": a, "link_s": b, "click_wait_s": w} for p, a, b, w in browser
            ]
            result["link_rounds"] = LINK_ROUNDS
            result["app_first_open_s"] = first_open
            result["app_peak_mib"] = app_peak
            log("pages server-side and queries")
            result["pages_server"] = server_pages(warehouse)
            result["queries"] = query_latency(warehouse)
            result.update(date=dt.date.today().isoformat(), machine=_machine(), scale=args.scale, months=args.months)
            RESULTS.mkdir(exist_ok=True)
            (RESULTS / f"scale-{args.scale:g}-{args.months}m.json").write_text(json.dumps(result, indent=1) + "\n")
            log("done")
    report.write()


if __name__ == "__main__":
    main()
