"""In Chromium: the only way to take data out is an audited download button (issue 11).

Streamlit's table toolbar offers no "Download as CSV" (client.disableDataExport, set by `semon serve`), and
plotly's toolbar has no camera (PNG).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.helpers_browser import wait_for_app

pytestmark = pytest.mark.browser


def test_a_tables_toolbar_offers_no_download(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/datakwaliteit")
    wait_for_app(page)
    table = page.get_by_test_id("stDataFrame").first
    table.hover()
    toolbar = page.get_by_test_id("stElementToolbarButton")
    expect(toolbar.first).to_be_visible()  # the toolbar is there (search, full screen) …
    labels = [button.get_attribute("aria-label") or button.inner_text() for button in toolbar.all()]
    assert labels and not [label for label in labels if re.search("download|csv", label, re.I)], labels
    # … and the audited buttons under the table are.
    expect(page.get_by_test_id("stDownloadButton").first).to_be_visible()


def test_a_chart_offers_no_png(page: Page, demo_url: str) -> None:
    page.goto(f"{demo_url}/benchmark?gemeente=Enschede")
    wait_for_app(page)
    chart = page.locator(".js-plotly-plot").first
    expect(chart).to_be_visible(timeout=30_000)
    chart.hover()
    expect(chart.locator(".modebar-btn").first).to_be_attached()  # the toolbar is there (zoom, reset) …
    expect(page.locator(".modebar-btn[data-title*='png' i], .modebar-btn[data-title*='Download' i]")).to_have_count(0)
