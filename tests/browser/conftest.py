"""A real Streamlit server on a free loopback port, and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tools.local_server import CHROMIUM, CHROMIUM_ARGS, serving


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if CHROMIUM.exists():
        return
    if os.environ.get("CI"):
        # In CI a missing browser is a broken set-up, not a reason to pass quietly.
        raise pytest.UsageError(f"browsertests: {CHROMIUM} ontbreekt (apt-get install chromium)")
    skip = pytest.mark.skip(reason=f"{CHROMIUM} ontbreekt: installeer Debian's pakket 'chromium'")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@contextmanager
def _serve(warehouse: Path, folder: Path) -> Iterator[str]:
    """`semon serve` (Streamlit) on a copy of `warehouse`, on a free loopback port."""
    live = folder / "semon.duckdb"
    shutil.copyfile(warehouse, live)
    with serving(live, folder / "audit.log", timeout=60) as (url, _):
        yield url


@pytest.fixture(scope="session")
def app_url(built_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app on the story warehouse (exact, small numbers)."""
    with _serve(built_warehouse, tmp_path_factory.mktemp("browser_story")) as url:
        yield url


@pytest.fixture(scope="session")
def demo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the demo server keeps its warehouse copy and its audit log."""
    return tmp_path_factory.mktemp("browser_demo")


@pytest.fixture(scope="session")
def demo_url(demo_warehouse: Path, demo_folder: Path) -> Iterator[str]:
    """The app on the small generated Twente set (numbers large enough to be shown)."""
    with _serve(demo_warehouse, demo_folder) as url:
        yield url


def wait_for_app(page: Page) -> None:
    """Until Streamlit has finished running the script (its own "not running" state), twice: widgets bound to the
    URL may start one more run right after the first (writing their values into the address)."""
    for _ in range(2):
        page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=60_000)
        page.wait_for_timeout(300)
