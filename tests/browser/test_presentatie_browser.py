"""The benchmark on a projector (issue 14): at 1280×720 in presentation mode the ranking and the map are on the first
screen, no chart text is smaller than 18 px, and every tile's text reads on its colour (WCAG AA, 4,5 : 1)."""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import Page, expect

from app.charts import contrast
from tests.helpers import REPO_ROOT
from tests.helpers_browser import rerun, wait_for_app, wait_for_charts

pytestmark = pytest.mark.browser
BREED, HOOG = 1280, 720
SCREENSHOT = REPO_ROOT / "docs" / "img" / "benchmark-presentatie.png"
URL = "benchmark?presentatie=true&gemeente=Enschede&indicator=Aandeel%20op%20trede%204-6"

# Per text of the tile map: its font size, its fill, the fill of the tile under its centre and whether it lies inside.
TEGELS_JS = """(kaart) => {
  const kleur = (el, eigenschap) => getComputedStyle(el)[eigenschap];
  const tegels = Array.from(kaart.querySelectorAll('.shapelayer path')).map(p => [p.getBoundingClientRect(), p]);
  return Array.from(kaart.querySelectorAll('g.textpoint text')).map(t => {
    const r = t.getBoundingClientRect(), x = r.left + r.width / 2, y = r.top + r.height / 2;
    const onder = tegels.find(([b]) => b.left <= x && x <= b.right && b.top <= y && y <= b.bottom);
    return {tekst: t.textContent, grootte: parseFloat(kleur(t, 'fontSize')), voor: kleur(t, 'fill'),
            achter: onder ? kleur(onder[1], 'fill') : null,
            binnen: onder ? (r.left >= onder[0].left - 1 && r.right <= onder[0].right + 1 &&
                             r.top >= onder[0].top - 1 && r.bottom <= onder[0].bottom + 1) : false};
  });
}"""


def _hex(rgb: str) -> str:
    """`rgb(12, 34, 56)` as `#0C2238`."""
    kanalen = [int(float(c)) for c in rgb[rgb.index("(") + 1 : rgb.index(")")].split(",")[:3]]
    return "#{:02X}{:02X}{:02X}".format(*kanalen)


def test_presentation_mode_fits_a_projector(page: Page, demo_url: str) -> None:
    page.set_viewport_size({"width": BREED, "height": HOOG})
    page.goto(f"{demo_url}/{URL}")
    wait_for_app(page)
    wait_for_charts(page, 2)  # plotly lays out the text after the element appears
    grafieken = page.locator(".js-plotly-plot")
    rang, kaart = grafieken.nth(0), grafieken.nth(1)
    # The ranking and the map lie wholly inside the first screen.
    for grafiek in (rang, kaart):
        vak = grafiek.bounding_box()
        assert vak is not None
        assert vak["y"] >= 0 and vak["y"] + vak["height"] <= HOOG, vak
        assert vak["x"] >= 0 and vak["x"] + vak["width"] <= BREED, vak
    # Every municipality is on the ranking, its value beside its bar inside the chart (none cut off).
    labels = rang.locator("g.ytick text").all_text_contents()
    assert len(labels) == 14
    waarden = rang.evaluate(
        "(g) => { const b = g.getBoundingClientRect(); return Array.from(g.querySelectorAll('g.point text'))"
        ".map(t => { const r = t.getBoundingClientRect(); return r.right <= b.right + 1 && r.left >= b.left; }); }"
    )
    assert len(waarden) == 14 and all(waarden)
    # The Twente label does not overlap a bar: it lies above the first one.
    twente = rang.locator("g.annotation-text-g").filter(has_text="Twente").bounding_box()
    eerste_balk = rang.locator("g.point path").first.bounding_box()
    assert twente is not None and eerste_balk is not None
    assert twente["y"] + twente["height"] <= eerste_balk["y"] + 1
    # No chart text on this screen is smaller than 18 px.
    groottes = page.evaluate(
        "() => Array.from(document.querySelectorAll('.js-plotly-plot svg text'))"
        ".filter(t => t.textContent.trim() && t.getBoundingClientRect().top < window.innerHeight)"
        ".map(t => [t.textContent, parseFloat(getComputedStyle(t).fontSize)])"
    )
    assert groottes and min(g for _, g in groottes) >= 18, sorted(groottes, key=lambda g: g[1])[:5]
    # Every tile's text reads on its tile (WCAG AA: 4,5 : 1), and stays on it.
    tegels = kaart.evaluate(TEGELS_JS)
    assert len(tegels) == 14
    for tegel in tegels:
        assert tegel["grootte"] >= 18, tegel
        assert tegel["achter"] is not None and tegel["binnen"], tegel
        assert contrast(_hex(tegel["voor"]), _hex(tegel["achter"])) >= 4.5, tegel
    # The rank's direction is said on the screen.
    expect(page.get_by_text("Rang: 1 = hoogste waarde")).to_be_visible()
    if os.environ.get("SEMON_SCREENSHOTS"):  # refresh the README's picture on demand, not on every run
        page.screenshot(path=str(SCREENSHOT))


def test_a_click_on_a_tile_opens_the_municipality(page: Page, demo_url: str) -> None:
    page.set_viewport_size({"width": BREED, "height": HOOG})
    page.goto(f"{demo_url}/{URL}")
    wait_for_app(page)
    wait_for_charts(page, 2)
    kaart = page.locator(".js-plotly-plot").nth(1)
    hengelo = kaart.locator("g.textpoint text").filter(has_text="Hengelo")
    vak = hengelo.bounding_box()
    assert vak is not None
    with rerun(page):
        page.mouse.click(vak["x"] + vak["width"] / 2, vak["y"] + vak["height"] / 2)
    expect(page.get_by_text("Hengelo: aandeel op trede 4-6 per doelgroep")).to_be_visible(timeout=30_000)
    # A bar of the ranking does the same.
    rang = page.locator(".js-plotly-plot").first
    label = rang.locator("g.ytick text").filter(has_text="Borne").bounding_box()
    balken = [b for b in (p.bounding_box() for p in rang.locator("g.point path").all()) if b]
    assert label is not None and balken
    midden = label["y"] + label["height"] / 2
    vak = min(balken, key=lambda b: abs(b["y"] + b["height"] / 2 - midden))  # the bar on Borne's row
    with rerun(page):
        page.mouse.click(vak["x"] + vak["width"] / 2, vak["y"] + vak["height"] / 2)
    expect(page.get_by_text("Borne: aandeel op trede 4-6 per doelgroep")).to_be_visible(timeout=30_000)
