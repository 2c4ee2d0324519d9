"""A real Streamlit server on a free loopback port, and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, expect

from tests.helpers_browser import RUN_COUNTER
from tools.local_server import CHROMIUM, CHROMIUM_ARGS, serving

# Playwright's 5 s for an element to appear was once too short on a loaded CI machine (the sidebar's filters after
# a first run); the assertions stay exact, they only wait longer before failing.
expect.set_options(timeout=15_000)


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


@pytest.fixture(scope="session")
def shared_context(browser: Browser, browser_context_args: dict) -> Iterator[BrowserContext]:
    """One browser context per worker for the tests that need no log-in of their own. Its cache keeps
    Streamlit's scripts and their compiled code between tests: a fresh context loads and compiles them again,
    about 3 s of CPU per test on this machine."""
    context = browser.new_context(**browser_context_args)
    context.add_init_script(RUN_COUNTER)
    yield context
    context.close()


@pytest.fixture
def context(shared_context: BrowserContext) -> Iterator[BrowserContext]:
    """pytest-playwright's `page` comes from here: a page of the shared context, closed after the test with the
    context's cookies (a log-in's session with them: the next test starts logged out, which `log_in` checks)."""
    yield shared_context
    for page in shared_context.pages:
        page.close()
    shared_context.clear_cookies()


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
