"""Issue 14, part 5 in Chromium: every page prints without sidebar, toolbar and buttons, with the selection and the
data date at the top, from a Dutch button in the sidebar; a chart's "Afbeelding (PNG)" hands out a PNG made on the
server, and the audit log says so."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from app import afbeelding
from tests.helpers_browser import rerun, wait_for_app

pytestmark = pytest.mark.browser


# Three pages of different kinds: the overview's tiles, the ladder's charts, the wsw tables; each by its sidebar link.
PAGINAS = ["Overzicht", "Participatieladder", "WSW & beschut werk"]


def test_the_print_view_hides_the_controls_and_shows_the_selection_and_data_date(page: Page, demo_url: str) -> None:
    page.goto(f"{demo_url}/?gemeente=Enschede&geslacht=Vrouw")
    wait_for_app(page)
    # Streamlit's own menu, whose "Print" and "Record screen" speak English, is not there: the app's button prints.
    expect(page.get_by_test_id("stMainMenu")).to_have_count(0)
    page.evaluate("() => { window.print = () => { window.__afgedrukt = (window.__afgedrukt || 0) + 1; }; }")
    kop = page.locator(".semon-afdrukkop")
    sidebar = page.get_by_test_id("stSidebar")
    for n, titel in enumerate(PAGINAS, start=1):
        if titel != PAGINAS[0]:
            with rerun(page):
                sidebar.get_by_role("link", name=titel, exact=True).click()
        expect(sidebar, titel).to_be_visible()  # on screen: the sidebar, no print header
        expect(kop, titel).to_be_hidden()
        sidebar.get_by_role("button", name="Afdrukken of PDF", exact=True).click()  # the browser's print, no rerun
        assert page.evaluate("window.__afgedrukt") == n, titel
        page.emulate_media(media="print")
        expect(sidebar, titel).to_be_hidden()
        expect(page.get_by_test_id("stHeader"), titel).to_be_hidden()
        for knop in page.get_by_test_id("stDownloadButton").all():
            expect(knop, titel).to_be_hidden()
        expect(kop, titel).to_be_visible()
        for tekst in ("Gemeente: Enschede", "Geslacht: vrouw", "Periode: ", "Werkplein", "Bronnen: ", "(gegevens t/m "):
            expect(kop, titel).to_contain_text(tekst)
        pdf = page.pdf()  # what "Opslaan als PDF" gives
        assert pdf.startswith(b"%PDF") and len(pdf) > 10_000, titel
        page.emulate_media(media="screen")


def test_a_charts_png_download_is_made_on_the_server_and_audited(page: Page, demo_url: str, demo_folder: Path) -> None:
    page.goto(f"{demo_url}/wsw?gemeente=Enschede")
    wait_for_app(page)
    knop = page.get_by_test_id("stDownloadButton").filter(has_text="Afbeelding (PNG)").first
    expect(knop).to_be_visible(timeout=60_000)
    with page.expect_download(timeout=90_000) as download:
        knop.click()
    assert download.value.suggested_filename.endswith(".png")
    beeld = Image.open(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert beeld.format == "PNG" and beeld.size == (afbeelding.BREEDTE, afbeelding.HOOGTE)
    # The server wrote the audit line when it made the file, before the browser got it (app/audit.bij_export).
    events = [json.loads(line) for line in (demo_folder / "audit.log").read_text().splitlines()]
    exports = [e for e in events if e["actie"] == "export" and e.get("soort") == "afbeelding"]
    assert exports and exports[-1]["bestand"] == download.value.suggested_filename
