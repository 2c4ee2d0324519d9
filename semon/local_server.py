"""`semon serve` on a free loopback port, and Debian's Chromium: shared by the browser tests and the benchmark."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

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


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_healthy(url: str, server: subprocess.Popen, timeout: float) -> None:
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
def serving(warehouse: Path, audit: Path, timeout: float = 120) -> Iterator[tuple[str, subprocess.Popen]]:
    """(url, process) of `semon serve` on `warehouse`, once it answers; stopped on leaving."""
    port = _free_port()
    env = {
        **os.environ,
        "SEMON_WAREHOUSE": str(warehouse),
        "SEMON_AUDIT": str(audit),
        "STREAMLIT_SERVER_PORT": str(port),
        # Demo mode starts as gemeente; the browser tests and the benchmark visit the beheer pages too.
        "SEMON_DEMO_ROL": os.environ.get("SEMON_DEMO_ROL", "beheer"),
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "semon.cli", "serve", "--", "--server.address", "127.0.0.1"],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, server, timeout)
        yield url, server
    finally:
        server.terminate()
        server.wait(timeout=20)
