"""Shared, slow fixtures: generated extracts and built warehouses, made once per test run.

The suite runs on several workers (pytest-xdist); `once` makes each of these fixtures once for all of them: the
first worker that needs it builds it under a file lock in the run's common temporary folder, the others wait
for it and reuse it. Tests treat these warehouses as read-only (a test that writes works on a copy).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.helpers import PLAUSIBLE_SCALE, STORY_EXTRACTS, TEST_KEY, once

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


def _ingest_and_build(inbox: Path, path: Path) -> None:
    from ingest.load import ingest_paths
    from warehouse.build import dbt_build

    ingest_paths([inbox], warehouse=path, key=TEST_KEY)
    dbt_build(path)


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
def tiny_extracts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny generated Twente set: every extract kind, five months, few people (fast builds)."""

    def make(out: Path) -> None:
        from tools.synth import generate

        generate(out / "extracts", seed=11, scale=0.01, start="2025-10", months=5)

    return once(tmp_path_factory, "tiny_extracts", make) / "extracts"
