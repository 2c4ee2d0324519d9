"""A tiny generated Twente set for the refresh tests: every extract kind, five months, few people (fast builds)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import once


@pytest.fixture(scope="session")
def tiny_extracts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    def make(out: Path) -> None:
        from tools.synth import generate

        generate(out / "extracts", seed=11, scale=0.01, start="2025-10", months=5)

    return once(tmp_path_factory, "tiny_extracts", make) / "extracts"
