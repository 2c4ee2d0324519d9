"""A real Streamlit server on a free loopback port, and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Page

from semon.settings import PROJECT_ROOT

CHROMIUM = Path(os.environ.get("SEMON_CHROMIUM", "/usr/bin/chromium"))
# Without the background-networking flags Chromium keeps dialling out, and this network is closed.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


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


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_healthy(url: str, server: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"streamlit stopte met code {server.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read().decode() == "ok":
                    return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"streamlit antwoordde niet binnen {timeout} s op {url}")


@contextmanager
def _serve(warehouse: Path, folder: Path) -> Iterator[str]:
    """`semon serve` (Streamlit) on a copy of `warehouse`, on a free loopback port."""
    live = folder / "semon.duckdb"
    shutil.copyfile(warehouse, live)
    port = _free_port()
    env = {
        **os.environ,
        "SEMON_WAREHOUSE": str(live),
        "SEMON_AUDIT": str(folder / "audit.log"),
        "STREAMLIT_SERVER_PORT": str(port),
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "semon.cli", "serve", "--", "--server.address", "127.0.0.1"],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, server)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


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
    """Until Streamlit has finished running the script (its own "not running" state)."""
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=60_000)
