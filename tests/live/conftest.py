"""A tiny generated Twente set for the refresh tests: every extract kind, five months, few people (fast builds)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def tiny_extracts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tools.synth import generate

    out = tmp_path_factory.mktemp("tiny_extracts")
    generate(out, seed=11, scale=0.01, start="2025-10", months=5)
    return out
