"""Page render times in the real browser: `semon serve` on a warehouse, Debian's Chromium through Playwright.

A page counts as rendered when its heading shows, Streamlit has finished the script and every chart has
drawn its SVG. Each page is opened once on a fresh server (cold query cache) and then reloaded (warm).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path(os.environ.get("SEMON_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
PAGES = {
    "overzicht": "Overzicht",
    "participatieladder": "Participatieladder",
    "plaatsingen": "Plaatsingen & uitstroom",
    "werkgevers": "Werkgevers & Pact",
    "jongeren": "Jongeren",
    "wsw": "WSW & beschut werk",
    "instrumenten": "Instrumenten & rendement",
    "benchmark": "Regionale benchmark Twente",
    "datakwaliteit": "Datakwaliteit",
}
CHARTS_DRAWN = """() => [...document.querySelectorAll("[data-testid='stPlotlyChart']")]
    .every(chart => chart.querySelector('svg.main-svg'))"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_healthy(url: str, server: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"streamlit stopped with code {server.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read().decode() == "ok":
                    return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"streamlit did not answer within {timeout} s")


def _peak_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def page_times(warehouse: Path, folder: Path) -> tuple[list[tuple[str, float, float]], float]:
    """[(page, first s, reload s)] for every page, and the app server's peak memory in MiB."""
    from playwright.sync_api import sync_playwright

    port = _free_port()
    env = {
        **os.environ,
        "SEMON_WAREHOUSE": str(warehouse),
        "SEMON_AUDIT": str(folder / "audit.log"),
        "STREAMLIT_SERVER_PORT": str(port),
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "semon.cli", "serve", "--", "--server.address", "127.0.0.1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    results = []
    try:
        _wait_healthy(url, server)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(f"{url}/_stcore/health")  # the browser's own start-up is not the page's time

            def rendered(title: str) -> None:
                page.get_by_role("heading", name=title, exact=True).wait_for(timeout=120_000)
                page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=120_000)
                page.wait_for_function(CHARTS_DRAWN, timeout=120_000)

            for slug, title in PAGES.items():
                start = time.perf_counter()
                page.goto(f"{url}/{slug}?gemeente=Enschede")
                rendered(title)
                first = time.perf_counter() - start
                start = time.perf_counter()
                page.reload()
                rendered(title)
                results.append((slug, first, time.perf_counter() - start))
            browser.close()
        peak = _peak_mib(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=20)
    return results, peak
