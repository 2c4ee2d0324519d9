"""`semon serve` on a free loopback port, and Debian's Chromium: shared by the browser tests and the benchmark."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

from semon import settings

CHROMIUM = settings.chromium()
# Without the background-networking flags Chromium keeps dialling out, and this network is closed.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def healthy(url: str, server: subprocess.Popen, timeout: float) -> bool:
    """Whether the Streamlit server at `url` answers its health check within `timeout` s while `server` runs."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and server.poll() is None:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read().decode() == "ok":
                    return True
        except OSError:
            pass
        time.sleep(0.2)
    return False


def _wait_healthy(url: str, server: subprocess.Popen, timeout: float) -> None:
    if healthy(url, server, timeout):
        return
    if server.poll() is not None:
        raise RuntimeError(f"streamlit stopte met code {server.returncode}")
    raise TimeoutError(f"streamlit antwoordde niet binnen {timeout} s op {url}")


@contextmanager
def serving(
    warehouse: Path,
    audit: Path,
    timeout: float = 120,
    *,
    args: Sequence[str] = (),
    env: Mapping[str, str] | None = None,
    port: int | None = None,
    log: Path | None = None,
) -> Iterator[tuple[str, subprocess.Popen]]:
    """(url, process) of `semon serve` on `warehouse`, once it answers; stopped on leaving.

    `args` go on to `streamlit run` (e.g. `--secrets.files`), `env` is added to the environment; `port` is a free
    one unless given (a test that must name the app's address beforehand, as an OIDC redirect URI, picks it);
    Streamlit's output goes to `log` if given."""
    port = port or free_port()
    env = {
        # Demo mode starts as gemeente; the browser tests and the benchmark visit the beheer pages too.
        "SEMON_DEMO_ROL": "beheer",
        **os.environ,
        **(env or {}),
        "SEMON_WAREHOUSE": str(warehouse),
        "SEMON_AUDIT": str(audit),
        "STREAMLIT_SERVER_PORT": str(port),
    }
    output = log.open("ab") if log else subprocess.DEVNULL
    server = subprocess.Popen(
        [sys.executable, "-m", "cli.main", "serve", "--", "--server.address", "127.0.0.1", *args],
        cwd=settings.PACKAGE_ROOT,
        env=env,
        stdout=output,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, server, timeout)
        yield url, server
    finally:
        server.terminate()
        server.wait(timeout=20)
        if log:
            output.close()
