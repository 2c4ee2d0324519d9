"""Shared, slow fixtures: generated extracts and built warehouses, made once per test run."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# A fixed test key: persoon_id values are stable across the test run and never the real key.
os.environ["SEMON_PSEUDONYM_KEY"] = "00" * 16 + "7e57" * 8
TEST_KEY = bytes.fromhex(os.environ["SEMON_PSEUDONYM_KEY"])

FIXTURES = Path(__file__).parent / "fixtures"
STORY_EXTRACTS = FIXTURES / "extracts"


@pytest.fixture(scope="session")
def demo_extracts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small generated Twente set (scale 0.05, 13 months), the same for the whole run."""
    from tools.synth import generate

    out = tmp_path_factory.mktemp("demo_extracts")
    generate(out, seed=7, scale=0.05, start="2025-10", months=13)
    return out


@pytest.fixture(scope="session")
def built_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hand-made story extracts (tests/fixtures/extracts) ingested and built with dbt."""
    from ingest.load import ingest_paths
    from warehouse.build import dbt_build

    inbox = tmp_path_factory.mktemp("story_inbox")
    for source in STORY_EXTRACTS.iterdir():
        (inbox / source.name).write_bytes(source.read_bytes())
    path = tmp_path_factory.mktemp("story_wh") / "semon.duckdb"
    ingest_paths([inbox], warehouse=path, key=TEST_KEY)
    dbt_build(path)
    return path


@pytest.fixture(scope="session")
def demo_warehouse(tmp_path_factory: pytest.TempPathFactory, demo_extracts: Path) -> Path:
    """The small generated set ingested and built with dbt."""
    from ingest.load import ingest_paths
    from warehouse.build import dbt_build

    inbox = tmp_path_factory.mktemp("demo_inbox")
    for source in demo_extracts.iterdir():
        if source.is_file():
            (inbox / source.name).write_bytes(source.read_bytes())
    path = tmp_path_factory.mktemp("demo_wh") / "semon.duckdb"
    ingest_paths([inbox], warehouse=path, key=TEST_KEY)
    dbt_build(path)
    return path


PLAUSIBLE_SCALE = 0.2  # a fifth of Twente: counts are a fifth, rates and shares as at full size


@pytest.fixture(scope="session")
def plausible_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three years of generated Twente data at a fifth of its size: long enough for every follow-up (12 months
    of herinstroom, 36 months for instrument outcomes) and large enough for stable rates."""
    from ingest.load import ingest_paths
    from tools.synth import generate
    from warehouse.build import dbt_build

    inbox = tmp_path_factory.mktemp("plausible_inbox")
    generate(inbox, seed=7, scale=PLAUSIBLE_SCALE, start="2023-10", months=37)
    path = tmp_path_factory.mktemp("plausible_wh") / "semon.duckdb"
    ingest_paths([inbox], warehouse=path, key=TEST_KEY)
    dbt_build(path)
    return path
