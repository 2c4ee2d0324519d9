"""End to end in Chromium on the generated Twente set: every page loads, links keep the filters, downloads are right."""

from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import Page, expect

from app.celsleutel import grens, verborgen_mogelijk
from tests.helpers import REPO_ROOT, query
from tests.helpers_browser import AFGEKAPT, TEGELS, rerun, wait_for_app

pytestmark = pytest.mark.browser
PAGES = {  # url path: the page's title, in the sidebar and as its heading
    "": "Overzicht",  # the default page lives at the root
    "participatieladder": "Participatieladder",
    "plaatsingen": "Plaatsingen & uitstroom",
    "werkgevers": "Werkgevers & Pact",
    "jongeren": "Jongeren",
    "wsw": "WSW & beschut werk",
    "instrumenten": "Instrumenten & rendement",
    "prognoses": "Prognoses & scenario's",
    "benchmark": "Regionale benchmark Twente",
    "datakwaliteit": "Datakwaliteit",
    "audit": "Toegang & audit",
}
SCREENSHOT = REPO_ROOT / "docs" / "img" / "overzicht.png"
# The pairs of the Sankey's node names whose boxes overlap on screen (a name running into another).
SANKEY_OVERLAPS = """() => {
  const boxes = [...document.querySelectorAll('.sankey .node-label')].map((e) => e.getBoundingClientRect());
  const overlaps = [];
  boxes.forEach((a, i) => boxes.slice(i + 1).forEach((b) => {
    if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) overlaps.push([a.x, b.x]);
  }));
  return [boxes.length, overlaps.length];
}"""


def test_every_page_opens_from_the_sidebar_without_an_error(page: Page, demo_url: str) -> None:
    """A link opens the overview; every other page is opened from the sidebar, as a user goes through the monitor
    (one document: loading the app anew for each page cost about 2 s of the browser's CPU each). A link to each page
    is tested where that page's link matters (filters, downloads, print view, data quality)."""
    page.goto(f"{demo_url}/?gemeente=Enschede")
    wait_for_app(page)
    sidebar = page.get_by_test_id("stSidebar")
    for path, title in PAGES.items():
        if path:
            expect(sidebar.get_by_role("combobox", name="Gemeente"), title).to_have_value("Enschede")  # kept
            with rerun(page):
                sidebar.get_by_role("link", name=title, exact=True).click()
            expect(page).to_have_url(re.compile(rf"/{re.escape(path)}\?(.*&)?gemeente=Enschede"))
        expect(page.get_by_role("heading", name=title, exact=True), f"{title}: no heading").to_be_visible()
        expect(page.get_by_test_id("stException"), f"{title}: an error on the page").to_have_count(0)
        assert page.locator(TEGELS).evaluate_all(AFGEKAPT) == [], title
        if path == "participatieladder":  # in half the page, the flows' names on both sides stay apart
            expect(page.locator(".sankey .node-label").first).to_be_visible()
            namen, overlappend = page.evaluate(SANKEY_OVERLAPS)
            assert namen >= 8 and overlappend == 0, (namen, overlappend)
    # A period of 12 months is the longest a tile names ("juli 2025 t/m juni 2026"): under the value, not cut off.
    page.goto(f"{demo_url}/?gemeente=Enschede&venster=Laatste%2012%20maanden")
    wait_for_app(page)
    expect(page.get_by_text(re.compile(r"^in \w+ \d{4} t/m \w+ \d{4}$"))).to_have_count(2)
    assert page.locator(TEGELS).evaluate_all(AFGEKAPT) == []


def test_a_link_to_no_page_opens_the_overview_and_says_so_in_dutch(page: Page, demo_url: str) -> None:
    """Streamlit's own answer is an English "Page not found" dialog; the app opens the overview with the link's
    filters and says in Dutch that the address does not exist. The overview's own name opens it without a word."""
    page.goto(f"{demo_url}/bestaat-niet?gemeente=Enschede")
    wait_for_app(page)
    expect(page.get_by_test_id("stAlertContentInfo").get_by_role("paragraph")).to_have_text(
        "Er is geen pagina op het adres /bestaat-niet. U ziet het overzicht."
    )
    expect(page.get_by_role("heading", name="Overzicht", exact=True)).to_be_visible()
    expect(page.get_by_test_id("stSidebar").get_by_role("combobox", name="Gemeente")).to_have_value("Enschede")
    expect(page.get_by_text("Page not found")).to_have_count(0)
    # Someone's Markdown in the address or a filter stays text in the monitor's notices: no link of theirs.
    page.goto(f"{demo_url}/%5Bhier%5D(https:%2F%2Fexample.invalid)?leeftijd=%5Bklik%5D(https:%2F%2Fexample.invalid)")
    wait_for_app(page)
    meldingen = page.get_by_test_id("stAlertContentInfo")
    expect(meldingen.first).to_contain_text("op het adres /[hier](https://example.invalid).")
    expect(meldingen.nth(1)).to_contain_text("De link noemt leeftijd [klik](https://example.invalid):")
    expect(meldingen.locator("a")).to_have_count(0)
    page.goto(f"{demo_url}/overzicht")
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Overzicht", exact=True)).to_be_visible()
    expect(page.get_by_test_id("stAlertContentInfo")).to_have_count(0)
    expect(page.get_by_text("Page not found")).to_have_count(0)


def test_a_link_with_filters_reopens_the_selection_and_keeps_it_across_pages(page: Page, demo_url: str) -> None:
    """Labels as the monitor writes them, and codes as a link made elsewhere may carry them (`PW`, `12m`): the
    address then holds the labels, as if the monitor had made the link."""
    page.goto(
        f"{demo_url}/participatieladder?gemeente=Hengelo&leeftijd=%3C27&doelgroep=PW&doelgroep=Wsw-werknemers&venster=12m"
    )
    wait_for_app(page)
    expect(page).to_have_url(
        re.compile(r"doelgroep=Bijstand\+%28Participatiewet%29&doelgroep=Wsw-werknemers&venster=Laatste\+12\+maanden")
    )
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_role("combobox", name="Gemeente")).to_have_value("Hengelo")
    expect(sidebar.get_by_role("combobox", name="Leeftijd")).to_have_value("<27")
    expect(sidebar.get_by_role("combobox", name="Periode")).to_have_value("Laatste 12 maanden")
    keuze = sidebar.get_by_test_id("stMultiSelect")
    expect(keuze).to_contain_text("Bijstand (Participatiewet)")
    expect(keuze).to_contain_text("Wsw-werknemers")
    caption = page.get_by_test_id("stCaptionContainer").first
    expect(caption).to_contain_text("Hengelo · Bijstand (Participatiewet) of Wsw-werknemers")
    expect(caption).to_contain_text(" t/m ")
    expect(caption).to_contain_text("leeftijd <27")
    with rerun(page):
        sidebar.get_by_role("link", name="Jongeren").click()
    expect(page).to_have_url(re.compile(r"/jongeren\?.*gemeente=Hengelo"))
    expect(page.get_by_text("Hengelo · jongeren onder 27")).to_be_visible()


def test_the_csv_download_holds_the_rows_of_the_table_and_is_audited(
    page: Page, demo_url: str, demo_warehouse: Path, demo_folder: Path
) -> None:
    newest = query(demo_warehouse, "select max(peildatum) from marts.mart_ladder_stand")[0][0]
    expected = query(
        demo_warehouse,
        "select label, count(*) from marts.mart_plaatsingen inner join marts.mart_labels "
        "on lijst = 'soort_plaatsing' and code = soort where gemeentecode = 'GM0153' "
        f"and begindatum > date '{newest}' - interval 12 month and begindatum <= '{newest}' "
        "group by label order by count(*) desc, label",
    )
    page.goto(f"{demo_url}/plaatsingen?gemeente=Enschede&venster=Laatste%2012%20maanden")
    wait_for_app(page)
    # The placements-per-soort table's own CSV button, by its key (components.tabel: csv_<key>): "the first CSV
    # button" was once, with both workers busy, another table's (the client flow's, lower on the page).
    knop = page.locator(".st-key-csv_verdeling").get_by_test_id("stDownloadButton")
    expect(knop).to_be_visible(timeout=60_000)
    with page.expect_download() as download:
        knop.click()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert download.value.suggested_filename.endswith(".csv")
    assert rows and "Soort" in rows[0], f"{download.value.suggested_filename}: {text[:300]!r}"
    shown = {row["Soort"]: row["Plaatsingen"] for row in rows}
    # Published by cell key: a count of 1-4 reads "< 5" (so may one of 5-8 whose perturbed value is below 5), the
    # others at most their row's bound off (celsleutel.grens); ordered by what is shown.
    assert len(rows) == len(expected) and set(shown) == {soort for soort, _ in expected}
    for soort, n in expected:
        if shown[soort] == "< 5":
            assert n in verborgen_mogelijk(5)
        else:
            assert n >= 5 and abs(int(shown[soort].replace(".", "")) - n) <= grens(n)
    getallen = [int(row["Plaatsingen"].replace(".", "")) for row in rows if row["Plaatsingen"] != "< 5"]
    assert getallen == sorted(getallen, reverse=True)
    # The server wrote the audit line when it made the file, before the browser got it (app/audit.bij_export).
    events = [json.loads(line) for line in (demo_folder / "audit.log").read_text().splitlines()]
    exports = [e for e in events if e["actie"] == "export"]
    assert exports[-1]["bestand"] == download.value.suggested_filename
    assert exports[-1]["rijen"] == len(rows)


def test_overzicht_screenshot(page: Page, demo_url: str) -> None:
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(f"{demo_url}/?gemeente=Enschede")
    wait_for_app(page)
    expect(page.get_by_text("Strategische doelen")).to_be_visible()
    if os.environ.get("SEMON_SCREENSHOTS"):  # refresh the README's picture on demand, not on every run
        page.wait_for_timeout(1000)
        page.screenshot(path=str(SCREENSHOT), full_page=True)


@pytest.mark.parametrize(
    "keuze",
    ["gemeente=Enschede", "gemeente=Hengelo&doelgroep=Bijstand%20(Participatiewet)&venster=Laatste%2012%20maanden"],
)
def test_an_indicator_reads_the_same_on_the_overview_the_benchmark_and_in_its_downloads(
    page: Page, demo_url: str, keuze: str
) -> None:
    gemeente = keuze.split("&")[0].removeprefix("gemeente=")
    page.goto(f"{demo_url}/?{keuze}")
    wait_for_app(page)
    tile = page.get_by_test_id("stCaptionContainer").filter(has_text="op trede 4-6").first.inner_text()
    share = tile.removesuffix(" op trede 4-6").removesuffix(" %")  # e.g. "18,4"
    page.goto(f"{demo_url}/benchmark?{keuze}&indicator=Aandeel%20op%20trede%204-6")
    wait_for_app(page)
    with page.expect_download(timeout=90_000) as download:
        page.get_by_test_id("stDownloadButton").filter(has_text="CSV").first.click()
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8")), delimiter=";"))
    csv_value = next(row for row in rows if row["Gemeente"] == gemeente)["%"]
    with page.expect_download(timeout=90_000) as download:
        page.get_by_test_id("stDownloadButton").filter(has_text="Excel").first.click()
    sheet = openpyxl.load_workbook(io.BytesIO(Path(download.value.path()).read_bytes())).worksheets[0]
    header = [cell.value for cell in sheet[1]]
    excel_value = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0] == gemeente)[header.index("%")]
    assert csv_value == share
    assert f"{excel_value:.1f}".replace(".", ",") == share
