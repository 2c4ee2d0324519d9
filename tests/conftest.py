"""Shared, slow fixtures: generated extracts and built warehouses, made once per test run.

The suite runs on several workers (pytest-xdist); `once` makes each of these fixtures once for all of them: the
first worker that needs it builds it under a file lock in the run's common temporary folder, the others wait
for it and reuse it. Tests treat these warehouses as read-only (a test that writes works on a copy).
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from tests.helpers import PLAUSIBLE_SCALE, STORY_EXTRACTS, TEST_KEY, once

if TYPE_CHECKING:
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache

# A fixed test key: persoon_id values are stable across the test run and never the real key.
os.environ["SEMON_PSEUDONYM_KEY"] = TEST_KEY.hex()
# dbt's target folder per worker: builds on two workers at once must not write one manifest together. It stays
# between runs, so dbt's partial parsing still saves the parse.
os.environ["SEMON_DBT_STATE"] = str(
    Path(__file__).resolve().parent.parent
    / "dbt_project"
    / "target"
    / f"pytest-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
)


def pytest_configure(config: pytest.Config) -> None:
    """Work a Streamlit server does once and each new AppTest again, done once per test process: looking for v2
    components among all installed packages' metadata (0.1 s, about a fifth of a page's run here), and compiling
    the entrypoint and page scripts (a tenth of the app's time in the AppTest modules)."""
    from streamlit.components.v2 import manifest_scanner
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache

    manifest_scanner.scan_component_manifests = functools.cache(manifest_scanner.scan_component_manifests)
    ScriptCache.get_bytecode = _compiled_once(ScriptCache.get_bytecode)


def _compiled_once(get_bytecode: Callable[[ScriptCache, str], Any]) -> Callable[[ScriptCache, str], Any]:
    """ScriptCache.get_bytecode (one cache per AppTest) over one cache per process, keyed by the script's path, its
    modification time and size (a script changed during the run is compiled again) and Streamlit's magic option."""
    from streamlit import config

    compiled: dict[tuple[object, ...], Any] = {}

    def shared(cache: ScriptCache, script_path: str) -> Any:
        path = os.path.abspath(script_path)
        stat = os.stat(path)
        key = (path, stat.st_mtime_ns, stat.st_size, config.get_option("runner.magicEnabled"))
        if key not in compiled:
            compiled[key] = get_bytecode(cache, script_path)
        return compiled[key]

    return shared


# Tests that take long (seconds, measured with `pytest --durations`, fixtures they are first to build included),
# by node id or its start. They run first, spread over the workers (below); everything else fills in after them.
# An attack module's tests without the cell key are not among them: they read the pass its test with the key works
# out from its own answers (under 1.7 s, helpers_privacy.Enumeration). Listed, one ran beside that test on the other
# worker, enumerating from scratch (8 s) while the first waited for it (6 s).
HEAVY = {
    "tests/live/test_crash.py::": 33,  # builds the README refresh it compares with
    "tests/app/test_privacy_attack_plaatsingen.py::test_with_": 32,  # builds the demo warehouse
    "tests/live/test_install.py::": 27,
    "tests/dbt/test_incremental.py::test_incremental_refresh": 21,  # builds the incremental and full warehouses
    "tests/dbt/test_plausibility.py::test_sroi_contracts": 21,  # builds the plausible warehouse
    "tests/live/test_refresh.py::test_refreshes_publish_while": 18,
    "tests/live/test_refresh.py::test_a_failing": 15,
    "tests/app/test_privacy_attack_stroom.py::test_with_": 15,
    "tests/dbt/test_migrate.py::test_a_warehouse_from_before": 15,
    "tests/live/test_readme.py::test_semon_demo": 14,
    "tests/dbt/test_enschede_2010.py::test_the_ladder_mart": 8,
    "tests/app/test_privacy_attack.py::test_with_": 8,
    "tests/app/test_privacy_attack_wsw.py::test_with_": 7,
    "tests/dbt/test_incremental.py::test_the_": 4,
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Longest first, and spread: pytest-xdist's worksteal hands each worker an equal, contiguous share of this
    list and idle workers steal from the end of the others' shares. A long test at the end of the run keeps one
    worker busy while the other waits, so the long ones go to the front of the shares, balanced by their time."""
    workers = max(1, int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1")))
    weight = {item.nodeid: next((s for k, s in HEAVY.items() if item.nodeid.startswith(k)), 0) for item in items}
    sizes, left = [], len(items)
    for remaining in range(workers, 0, -1):  # the shares as worksteal cuts them
        sizes.append(left // remaining)
        left -= sizes[-1]
    shares: list[list[pytest.Item]] = [[] for _ in sizes]
    load = [0] * len(sizes)
    for item in sorted((i for i in items if weight[i.nodeid]), key=lambda i: -weight[i.nodeid]):
        share = min((j for j in range(len(sizes)) if len(shares[j]) < sizes[j]), key=lambda j: load[j])
        shares[share].append(item)
        load[share] += weight[item.nodeid]
    light = iter(i for i in items if not weight[i.nodeid])
    for share, size in zip(shares, sizes, strict=True):
        share += [next(light) for _ in range(size - len(share))]
    items[:] = [item for share in shares for item in share]


def _ingest_and_build(inbox: Path, path: Path) -> None:
    from ingest.load import ingest_paths
    from warehouse.build import dbt_build

    ingest_paths([inbox], warehouse=path, key=TEST_KEY)
    dbt_build(path, unit_tests=False)  # dbt's unit tests run once, in tests/dbt/test_build.py


@pytest.fixture(scope="session")
def demo_extracts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small generated Twente set (scale 0.05, 13 months), the same for the whole run."""

    def make(out: Path) -> None:
        from tools.synth import generate

        generate(out / "extracts", seed=7, scale=0.05, start="2025-10", months=13)

    return once(tmp_path_factory, "demo_extracts", make) / "extracts"


@pytest.fixture(scope="session")
def built_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hand-made story extracts (tests/fixtures/extracts) ingested and built with dbt."""

    def make(folder: Path) -> None:
        inbox = folder / "inbox"
        inbox.mkdir()
        for source in STORY_EXTRACTS.iterdir():
            (inbox / source.name).write_bytes(source.read_bytes())
        _ingest_and_build(inbox, folder / "semon.duckdb")

    return once(tmp_path_factory, "story_wh", make) / "semon.duckdb"


@pytest.fixture(scope="session")
def demo_warehouse(tmp_path_factory: pytest.TempPathFactory, demo_extracts: Path) -> Path:
    """The small generated set ingested and built with dbt."""

    def make(folder: Path) -> None:
        inbox = folder / "inbox"
        inbox.mkdir()
        for source in demo_extracts.iterdir():
            if source.is_file():
                (inbox / source.name).write_bytes(source.read_bytes())
        _ingest_and_build(inbox, folder / "semon.duckdb")

    return once(tmp_path_factory, "demo_wh", make) / "semon.duckdb"


@pytest.fixture(scope="session")
def plausible_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three years of generated Twente data at a fifth of its size: long enough for every follow-up (12 months
    of herinstroom, 36 months for instrument outcomes) and large enough for stable rates."""

    def make(folder: Path) -> None:
        from tools.synth import generate

        generate(folder / "inbox", seed=7, scale=PLAUSIBLE_SCALE, start="2023-10", months=37)
        _ingest_and_build(folder / "inbox", folder / "semon.duckdb")

    return once(tmp_path_factory, "plausible_wh", make) / "semon.duckdb"


@pytest.fixture(scope="session")
def lagging_warehouse(tiny_extracts: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny set with the newest WSW employees' and ladder files not delivered yet: the other sources are a month
    ahead of those two, as every month for a few days (the sources do not deliver on one day)."""

    def make(folder: Path) -> None:
        newest = max(p.stem.rsplit("_", 1)[-1] for p in tiny_extracts.iterdir() if p.stem.rsplit("_", 1)[-1].isdigit())
        late = {f"wsw_werknemers_{newest}.csv", f"werkplein_ladder_{newest}.csv"}
        inbox = folder / "inbox"
        inbox.mkdir()
        for source in tiny_extracts.iterdir():
            if source.is_file() and source.name not in late and not source.name.startswith("."):
                (inbox / source.name).write_bytes(source.read_bytes())
        _ingest_and_build(inbox, folder / "semon.duckdb")

    return once(tmp_path_factory, "lagging_wh", make) / "semon.duckdb"


@pytest.fixture(scope="session")
def tiny_extracts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny generated Twente set: every extract kind, five months, few people (fast builds)."""

    def make(out: Path) -> None:
        from tools.synth import generate

        generate(out / "extracts", seed=12, scale=0.01, start="2025-10", months=5)

    return once(tmp_path_factory, "tiny_extracts", make) / "extracts"
