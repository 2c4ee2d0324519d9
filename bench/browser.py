"""Page render times in the real browser: `semon serve` on a warehouse, Debian's Chromium through Playwright.

A page counts as rendered when its heading shows, Streamlit has finished the script and every chart has
drawn its SVG. On a fresh server (empty query cache) the app is opened once by its link and read for a few
seconds, then every page is reached through the sidebar as a user does (each page's first render, cold cache),
timed from the moment the click reaches the page (Playwright's own checks before it clicks are not the page's time:
they took up to 0.8 s in a Chromium trace of 2026-12-05); then every page is
opened again by its link, as a shared link is (a full page load: Streamlit's JavaScript, a new session,
warm cache), in LINK_ROUNDS rounds: a page by its link is the median of its loads, which vary by about 0.4 s
from one load to the next on this machine (a single load made the slowest page a matter of luck).
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from tools.local_server import CHROMIUM, CHROMIUM_ARGS, serving

PAGES = {  # name: (path, heading); the default page lives at the root
    "overzicht": ("", "Overzicht"),
    "participatieladder": ("participatieladder", "Participatieladder"),
    "plaatsingen": ("plaatsingen", "Plaatsingen & uitstroom"),
    "werkgevers": ("werkgevers", "Werkgevers & Pact"),
    "jongeren": ("jongeren", "Jongeren"),
    "wsw": ("wsw", "WSW & beschut werk"),
    "instrumenten": ("instrumenten", "Instrumenten & rendement"),
    "benchmark": ("benchmark", "Regionale benchmark Twente"),
    "datakwaliteit": ("datakwaliteit", "Datakwaliteit"),
}
READING_S = 3  # seconds on the first page before the first click, as a user reads it
LINK_ROUNDS = 3  # every page opened by its link this many times, round by round
# The page's own clock at the click, in ms since the epoch: set in the capture phase, before Streamlit handles it.
CLICK_CLOCK = "document.addEventListener('click', () => { window.semonKlik = Date.now(); }, true)"
CHARTS_DRAWN = """() => [...document.querySelectorAll("[data-testid='stPlotlyChart']")]
    .every(chart => chart.querySelector('svg.main-svg'))"""


def _peak_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def page_times(warehouse: Path, folder: Path) -> tuple[list[tuple[str, float, float, float]], float, float]:
    """([(page, switch s, link s, Playwright's wait before the click s)] for every page, first open of the app s,
    the app server's peak MiB)."""
    from playwright.sync_api import sync_playwright

    switch: dict[str, float] = {}
    wait: dict[str, float] = {}
    link: dict[str, list[float]] = {name: [] for name in PAGES}
    with serving(warehouse, folder / "audit.log") as (url, server), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.add_init_script(CLICK_CLOCK)
        page.goto(f"{url}/_stcore/health")  # the browser's own start-up is not the page's time

        def rendered(title: str) -> None:
            page.get_by_role("heading", name=title, exact=True).wait_for(timeout=120_000)
            page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=120_000)
            page.wait_for_function(CHARTS_DRAWN, timeout=120_000)

        start = time.perf_counter()
        page.goto(f"{url}/?gemeente=Enschede")
        rendered(PAGES["overzicht"][1])
        first_open = time.perf_counter() - start
        # A user reads the first page before clicking on: in that time the app loads the chart code in the
        # background (app/components.py: plotly_vooraf), so it is not the next page's cost.
        page.wait_for_timeout(READING_S * 1000)
        names = list(PAGES)
        for name in [*names[1:], names[0]]:  # through the sidebar, back to the overview last
            title = PAGES[name][1]
            start = time.time()
            page.get_by_test_id("stSidebarNav").get_by_role("link", name=title, exact=True).click()
            rendered(title)
            klik = page.evaluate("window.semonKlik") / 1000  # the same machine, so the same clock as time.time()
            switch[name], wait[name] = time.time() - klik, klik - start
        for _ in range(LINK_ROUNDS):
            for name, (path, title) in PAGES.items():
                start = time.perf_counter()
                page.goto(f"{url}/{path}?gemeente=Enschede")
                rendered(title)
                link[name].append(time.perf_counter() - start)
        browser.close()
        peak = _peak_mib(server.pid)
    return [(name, switch[name], statistics.median(link[name]), wait[name]) for name in PAGES], first_open, peak
