"""End to end: `semon serve` in a real Chromium: the page renders the story's counts, the URL carries the filter."""

from __future__ import annotations

import os
import re

import pytest
from playwright.sync_api import Page, expect

from tests.helpers import REPO_ROOT
from tests.helpers_browser import AFGEKAPT, TEGELS

pytestmark = pytest.mark.browser
SCREENSHOT = REPO_ROOT / "docs" / "img" / "datakwaliteit.png"


def open_page(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=60_000)
    expect(page.get_by_text("Page not found")).to_have_count(0)
    expect(page.get_by_role("heading", name="Datakwaliteit")).to_be_visible()


def metric(page: Page, label: str) -> str:
    box = page.get_by_test_id("stMetric").filter(has=page.get_by_text(label, exact=True))
    return box.get_by_test_id("stMetricValue").inner_text()


def test_the_page_shows_what_is_loaded(page: Page, app_url: str) -> None:
    open_page(page, f"{app_url}/datakwaliteit")
    assert metric(page, "Bestanden") == "12"
    assert metric(page, "Regels geladen") == "55"
    assert metric(page, "Regels in quarantaine") == "3"
    assert metric(page, "Laatste peildatum") == "1 jul 2024"
    # No value cut off with an ellipsis ("1 december …" was, before the date was written short).
    assert page.locator(TEGELS).evaluate_all(AFGEKAPT) == []
    if os.environ.get("SEMON_SCREENSHOTS"):  # refresh the README's picture on demand, not on every run
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        page.set_viewport_size({"width": 1400, "height": 1000})
        page.screenshot(path=str(SCREENSHOT), full_page=True)


def test_a_link_with_bron_opens_the_filtered_view(page: Page, app_url: str) -> None:
    open_page(page, f"{app_url}/datakwaliteit?bron=UWV")
    expect(page.get_by_text("Geen regels in quarantaine voor UWV.")).to_be_visible()
    assert metric(page, "Bestanden") == "2"


def test_choosing_a_source_puts_it_in_the_url(page: Page, app_url: str) -> None:
    open_page(page, f"{app_url}/datakwaliteit")
    page.get_by_test_id("stMain").get_by_test_id("stSelectbox").click()
    page.get_by_role("option", name="Werkplein").click()
    expect(page).to_have_url(re.compile(r"[?&]bron=Werkplein\b"))
    expect(page.get_by_text("Regels in quarantaine")).to_be_visible()
    # Waits until the rerun for the new source has drawn (a fixed look could still read all sources' 12).
    bestanden = page.get_by_test_id("stMetric").filter(has=page.get_by_text("Bestanden", exact=True))
    expect(bestanden.get_by_test_id("stMetricValue")).to_have_text("5")  # klanten ×2, ladder, trajecten, plaatsingen
