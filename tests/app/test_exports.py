"""Issue 14, part 5: exports that stand on their own.

A chart's PNG carries its title, the selection, the period, the source and its data date, is made on the server
only when clicked, and is audited; the Overzicht's tiles and goals download as a table with the values shown.
"""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import plotly.graph_objects as go
import pytest
import streamlit
from PIL import Image
from streamlit.testing.v1 import AppTest

from app import afbeelding
from app.formatting import datum_lang
from tests.helpers import open_app, query


def _kaleido_werkt() -> bool:
    from semon import settings

    return settings.chromium().exists()


def _chart_script() -> None:
    import datetime as dt

    import plotly.graph_objects as go
    import streamlit as st

    from app.components import grafiek
    from app.toegang import Toegang

    st.session_state["toegang"] = Toegang("test@example.org", "beheer", None, demo=True)
    st.session_state["gemeente"] = "Enschede"
    st.session_state["leeftijd"] = "<27"
    maanden = [dt.date(2025, m, 1) for m in range(1, 7)]
    figuur = go.Figure(go.Scatter(x=maanden, y=[10, 12, 14, 13, 15, 16], name="Mensen"))
    grafiek(figuur, "stappen omhoog test", key="test", titel="Stappen omhoog per maand", bron="werkplein")


@pytest.fixture
def gevangen(monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    """The data each download button of the run would hand out (the deferred callables), by key."""
    from streamlit.delta_generator import DeltaGenerator

    gevonden: dict[str, object] = {}
    echte_methode = DeltaGenerator.download_button
    echte_functie = streamlit.download_button

    def methode(self: DeltaGenerator, label: str, data: object, *args: object, **kwargs: object) -> object:
        gevonden[str(kwargs.get("key"))] = data
        return echte_methode(self, label, data, *args, **kwargs)

    def functie(label: str, data: object, *args: object, **kwargs: object) -> object:
        gevonden[str(kwargs.get("key"))] = data
        return echte_functie(label, data, *args, **kwargs)

    monkeypatch.setattr(DeltaGenerator, "download_button", methode)  # column.download_button (tables)
    monkeypatch.setattr(streamlit, "download_button", functie)  # st.download_button (charts)
    return gevonden


def test_the_exported_chart_says_its_title_selection_period_source_and_data_date(
    demo_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SEMON_WAREHOUSE", str(demo_warehouse))

    def script() -> None:
        import datetime as dt

        import plotly.graph_objects as go
        import streamlit as st

        from app import afbeelding, components
        from app.toegang import Toegang

        st.session_state["toegang"] = Toegang("test@example.org", "beheer", None, demo=True)
        st.session_state["gemeente"] = "Enschede"
        st.session_state["doelgroep"] = ["Bijstand (Participatiewet)", "Wsw-werknemers"]
        st.session_state["leeftijd"] = "<27"
        st.session_state["geslacht"] = "Vrouw"
        maanden = [dt.date(2025, m, 1) for m in range(1, 7)]
        figuur = go.Figure(go.Scatter(x=maanden, y=[10, 12, 14, 13, 15, 16]))
        woorden = components.bijschrift(figuur, "test", titel="Stappen omhoog per maand", bron="werkplein")
        beeld = afbeelding.voor_export(figuur, woorden)
        st.text(beeld.layout.title.text)
        st.text(beeld.layout.title.subtitle.text)
        st.text(beeld.layout.annotations[-1].text)
        zonder_tijd = go.Figure(go.Bar(x=["a", "b"], y=[1, 2]))
        st.text(components.bijschrift(zonder_tijd, "staven").periode)

    at = AppTest.from_function(script, default_timeout=60).run()
    assert not at.exception, at.exception
    titel, onder_titel, onder, periode_zonder_tijd = (t.value.replace("<br>", " ") for t in at.text)
    assert "Stappen omhoog per maand" in titel
    assert "Gemeente: Enschede" in onder_titel
    assert "Doelgroep: Bijstand (Participatiewet) of Wsw-werknemers" in onder_titel
    assert "Leeftijd: &lt;27" in onder_titel  # escaped for plotly's pseudo-HTML; the image reads "<27"
    assert "Geslacht: vrouw" in onder_titel
    assert "Periode: januari 2025 t/m juni 2025" in onder_titel  # the months the time axis shows
    nieuwste = query(
        demo_warehouse, "select max(laatste_peildatum) from marts.mart_laadstatus where bron = 'werkplein'"
    )
    assert f"Bron: Werkplein (gegevens t/m {datum_lang(nieuwste[0][0])})" in onder
    assert "UWV" not in onder  # only the source the chart is made of
    maand = query(demo_warehouse, "select max(maand) from marts.mart_indicator_cellen where maat = 'inwoners'")[0][0]
    assert periode_zonder_tijd.endswith(str(maand.year))  # no time axis: the sidebar's period (the newest month)


def test_a_filter_the_page_cannot_apply_is_said_in_the_image(
    demo_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SEMON_WAREHOUSE", str(demo_warehouse))

    def script() -> None:
        import plotly.graph_objects as go
        import streamlit as st

        from app import afbeelding, components, filters
        from app.toegang import Toegang

        st.session_state["toegang"] = Toegang("test@example.org", "beheer", None, demo=True)
        st.session_state["geslacht"] = "Vrouw"
        filters.niet_toegepast(filters.huidig(), geslacht="geslacht staat niet in de Wsw-bestanden")
        figuur = go.Figure(go.Bar(x=["a", "b"], y=[1, 2]))
        beeld = afbeelding.voor_export(figuur, components.bijschrift(figuur, "wsw", bron="wsw"))
        st.text(beeld.layout.annotations[-1].text)

    at = AppTest.from_function(script, default_timeout=60).run()
    assert not at.exception, at.exception
    onder = at.text[0].value.replace("<br>", " ")
    assert "Geslacht niet toegepast: geslacht staat niet in de Wsw-bestanden." in onder
    assert "Bron: WSW (gegevens t/m" in onder


@pytest.mark.skipif(not _kaleido_werkt(), reason="chromium ontbreekt: installeer Debian's pakket 'chromium'")
def test_the_png_download_is_a_png_of_the_export_size_and_is_audited(
    demo_warehouse: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, gevangen: dict[str, object]
) -> None:
    monkeypatch.setenv("SEMON_WAREHOUSE", str(demo_warehouse))
    monkeypatch.setenv("SEMON_AUDIT", str(tmp_path / "audit.log"))
    at = AppTest.from_function(_chart_script, default_timeout=60).run()
    assert not at.exception, at.exception
    knop = at.download_button(key="png_test")
    assert knop.label == "Afbeelding (PNG)"
    assert callable(gevangen["png_test"])  # made when clicked, not on every run of the page
    assert not (tmp_path / "audit.log").exists() or "png" not in (tmp_path / "audit.log").read_text()
    # A click asks the server for the file (outside any run of the page): making it writes the audit line.
    beeld = Image.open(io.BytesIO(gevangen["png_test"]()))
    assert beeld.format == "PNG"
    assert beeld.size == (afbeelding.BREEDTE, afbeelding.HOOGTE)
    events = [json.loads(regel) for regel in (tmp_path / "audit.log").read_text().splitlines()]
    exports = [e for e in events if e["actie"] == "export"]
    assert exports and exports[-1]["bestand"] == "stappen-omhoog-test.png"
    assert exports[-1]["soort"] == "afbeelding" and exports[-1]["gebruiker"] == "test@example.org"
    assert exports[-1]["selectie"]["gemeente"] == "GM0153" and exports[-1]["selectie"]["leeftijd"] == "<27"


def test_every_chart_on_a_page_has_its_png_button(demo_warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_app(demo_warehouse, monkeypatch, "ladder", gemeente="Enschede")
    charts = at.get("plotly_chart")
    knoppen = [b for b in at.download_button if b.label == "Afbeelding (PNG)"]
    assert charts and len(knoppen) == len(charts)


def test_the_image_module_needs_no_streamlit() -> None:
    figuur = go.Figure(go.Bar(x=["a"], y=[1]))
    woorden = afbeelding.Bijschrift("T", "Gemeente: Twente (alle gemeenten)", "juni 2025", "RMC (gegevens t/m …)")
    beeld = afbeelding.voor_export(figuur, woorden)
    assert (beeld.layout.width, beeld.layout.height) == (afbeelding.BREEDTE, afbeelding.HOOGTE)
    assert figuur.layout.width is None  # the chart on screen is left as it was


def test_tiles_and_goals_download_with_the_values_on_screen(
    demo_warehouse: Path, monkeypatch: pytest.MonkeyPatch, gevangen: dict[str, object]
) -> None:
    at = open_app(demo_warehouse, monkeypatch, gemeente="Enschede")
    rijen = list(csv.DictReader(io.StringIO(gevangen["csv_overzicht"]()), delimiter=";"))
    tegels = {r["Naam"]: r for r in rijen if r["Onderdeel"] == "Tegel"}
    getoond = {m.label: m for m in at.metric}
    assert getoond and set(getoond) <= set(tegels)
    for label, metric in getoond.items():
        assert tegels[label]["Waarde"] == metric.value, label
        verschil = metric.proto.delta.removesuffix(" t.o.v. een maand eerder") or "—"
        assert tegels[label]["T.o.v. een maand eerder"] == verschil, label
    bijschriften = " ".join(c.value for c in at.caption)
    assert f"{tegels['Aandeel op trede 4-6']['Waarde']} op trede 4-6" in bijschriften
    assert f"Wachtlijst: {tegels['Wsw-wachtlijst']['Waarde']}" in bijschriften
    doelen = [r for r in rijen if r["Onderdeel"] == "Strategisch doel"]
    balken = [p.proto.text for p in at.get("progress")]
    assert doelen and len(doelen) == len(balken)
    for doel, balk in zip(doelen, balken, strict=True):
        assert f"{doel['Waarde']} van {doel['Doel']} ({doel['Van het doel']})" in balk
        assert f"nu verwacht {doel['Nu verwacht']}" in balk
    assert {r["Naam"] for r in rijen if r["Onderdeel"] == "Data van"} >= {"Werkplein", "WSW"}


def test_every_chart_on_every_page_names_its_title_and_source() -> None:
    """A chart's image says where its figures come from: each `grafiek(...)` of a page passes `titel=` and `bron=`
    (a chart without them would fall back to its file name and every source)."""
    import ast

    from tests.helpers import REPO_ROOT

    zonder = []
    for pagina in sorted((REPO_ROOT / "app" / "app_pages").glob("*.py")):
        for knoop in ast.walk(ast.parse(pagina.read_text(encoding="utf-8"))):
            if isinstance(knoop, ast.Call) and getattr(knoop.func, "id", None) == "grafiek":
                namen = {k.arg for k in knoop.keywords}
                if not {"bron"} <= namen or not ({"titel"} <= namen or _heeft_eigen_titel(knoop)):
                    zonder.append(f"{pagina.name}:{knoop.lineno}")
    assert not zonder, zonder


def _heeft_eigen_titel(knoop: object) -> bool:
    """The benchmark's detail charts carry their title in the figure (layout.title), which the image takes."""
    import ast

    return isinstance(knoop.args[0], ast.Name) and knoop.args[0].id in {"per_doelgroep", "verloop"}


@pytest.mark.skipif(not _kaleido_werkt(), reason="chromium ontbreekt")
@pytest.mark.parametrize("limiet", [1.0, 0.2], ids=["tekent-niet", "start-niet-op-tijd"])
def test_a_chart_whose_browser_never_answers_fails_in_bounded_time_and_leaves_nothing_running(
    monkeypatch: pytest.MonkeyPatch, limiet: float
) -> None:
    """A chromium that stops answering left kaleido waiting forever (a report hung once): the drawing gives up after
    its time limit, tries once more and then raises, so the report or the download fails visibly. Whether the limit
    passes while the chart is drawn or while the browser still starts (0.2 s), no browser and no thread of it is
    left: one left running kept the process from ending (a worker of this suite waited 10 s to be killed)."""
    import asyncio
    import subprocess
    import threading
    import time

    import kaleido

    def running() -> tuple[set[str], set[str]]:
        threads = {f"{t.name}-{t.ident}" for t in threading.enumerate() if not t.daemon}
        ps = subprocess.run(["ps", "--ppid", str(os.getpid()), "-o", "pid=,comm="], capture_output=True, text=True)
        return threads, {line for line in ps.stdout.splitlines() if not line.strip().endswith("ps")}

    async def never(self, figuur, opts=None):  # the browser started, the chart never comes back
        await asyncio.sleep(3600)

    monkeypatch.setattr(kaleido.Kaleido, "calc_fig", never)
    monkeypatch.setattr(afbeelding, "TIJDSLIMIET_S", limiet)
    monkeypatch.setattr(afbeelding, "TIJD_PER_FIGUUR_S", 0.5)
    before = running()
    begin = time.monotonic()
    with pytest.raises(TimeoutError):
        afbeelding.png(go.Figure(go.Bar(x=["a"], y=[1])))
    assert time.monotonic() - begin < 30  # two tries within the limit, plus closing the browser twice
    deadline = time.monotonic() + 10  # a closed browser's last thread ends when its log pipe closes
    while running() != before and time.monotonic() < deadline:
        time.sleep(0.1)
    assert running() == before
