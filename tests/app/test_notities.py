"""Notes on the figures (issue 14): written in one session, seen in another, on the chart and in the list; kept
beside the warehouse through a refresh (a new file published) and a rollback; who may write; audited; the text
bounded, BSNs masked, never read as HTML."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import stat
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from app import notities as app_notities
from app.toegang import Toegang
from semon import notities
from tests.helpers import open_app, query
from warehouse.publish import generations, publish, rollback

INDICATOR = "aandeel_trede_4_6"
TEKST = "Nieuwe werkwijze jongerenloket per 1 maart <b>vet</b>"


@pytest.fixture
def live(demo_warehouse: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the demo warehouse; notes (SEMON_NOTITIES unset: beside it) and audit log beside it."""
    folder = tmp_path / "srv"
    folder.mkdir()
    path = folder / "semon.duckdb"
    shutil.copyfile(demo_warehouse, path)
    monkeypatch.delenv("SEMON_NOTITIES", raising=False)
    monkeypatch.setenv("SEMON_AUDIT", str(folder / "audit.log"))
    return path


def _benchmark(live: Path, monkeypatch: pytest.MonkeyPatch, rol: str) -> AppTest:
    """The benchmark with its charts over time opened (by the link's parameters), where the notes are marked."""
    sections = {"achter_een_gemeente": "true", "in_de_tijd": "true"}
    return open_app(
        live, monkeypatch, "benchmark", rol=rol, gemeente="Enschede", indicator="Aandeel op trede 4-6", **sections
    )


def _schrijf(at: AppTest, tekst: str, gemeente: str | None = None) -> AppTest:
    if gemeente is not None:
        at.selectbox(key="notitie_gemeente_benchmark").set_value(gemeente)
    at.text_area(key="notitie_tekst_benchmark").input(tekst)
    next(b for b in at.button if b.label == "Notitie bewaren").click().run()
    assert not at.exception, at.exception[0].message if at.exception else ""
    return at


def _op_grafiek(at: AppTest) -> list[str]:
    """The hover texts of the note markers on the page's charts."""
    gevonden = []
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        gevonden += [c for t in spec["data"] if t.get("name") == "Notitie" for c in t.get("customdata", [])]
    return gevonden


def _in_lijst(at: AppTest) -> list[str]:
    frames = [d.value for d in at.dataframe if "Notitie" in d.value.columns]
    return [] if not frames else list(frames[0]["Notitie"])


def test_a_note_written_in_one_session_shows_in_another_on_the_chart_after_refresh_and_rollback(
    live: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    schrijver = _benchmark(live, monkeypatch, "gemeente")
    _schrijf(schrijver, TEKST)
    opslag = live.with_name("notities.sqlite")
    assert opslag.exists() and stat.S_IMODE(opslag.stat().st_mode) == 0o600  # owner-only, beside the warehouse

    def gezien() -> None:
        lezer = _benchmark(live, monkeypatch, "regio")  # another session, another role
        assert _in_lijst(lezer) == [TEKST]  # as typed: a table cell is text, not HTML
        hovers = _op_grafiek(lezer)
        assert any("Nieuwe werkwijze jongerenloket" in h and "&lt;b&gt;vet&lt;/b&gt;" in h for h in hovers), hovers
        assert all("<b>vet</b>" not in h for h in hovers)
        assert any("Enschede" in h and "demo" in h for h in hovers)  # municipality and author

    gezien()
    # A refresh publishes a new warehouse file over the live one (a new inode); the notes are not in it.
    werk = live.with_name("semon.duckdb.building")
    shutil.copyfile(live, werk)
    publish(werk, live)
    assert generations(live)
    gezien()
    rollback(live)  # the kept generation back as the live file
    gezien()
    assert [n.tekst for n in notities.lees(path=opslag)] == [TEKST]


def test_who_may_write(live: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert app_notities.mag_schrijven(Toegang("a", "beheer", None, demo=True), "GM0164")
    assert app_notities.mag_schrijven(Toegang("b", "gemeente", "GM0153", demo=True), "GM0153")
    assert not app_notities.mag_schrijven(Toegang("b", "gemeente", "GM0153", demo=True), "GM0164")
    assert not app_notities.mag_schrijven(Toegang("c", "regio", None, demo=True), "GM0153")

    regio = _benchmark(live, monkeypatch, "regio")
    assert not [t for t in regio.text_area if t.key == "notitie_tekst_benchmark"]  # no form for regio
    assert any("Met de rol regio leest u de notities" in c.value for c in regio.caption)

    gemeente = _benchmark(live, monkeypatch, "gemeente")
    assert gemeente.selectbox(key="notitie_gemeente_benchmark").options == ["Enschede"]  # its own only

    beheer = _benchmark(live, monkeypatch, "beheer")
    assert len(beheer.selectbox(key="notitie_gemeente_benchmark").options) == 14
    _schrijf(beheer, "Hengelo: nieuwe registratie", gemeente="GM0164")
    assert _in_lijst(beheer) == ["Hengelo: nieuwe registratie"]

    # Gemeente Enschede reads Hengelo's note but may not delete it: the choice does not offer it ...
    gemeente = _benchmark(live, monkeypatch, "gemeente")
    assert _in_lijst(gemeente) == ["Hengelo: nieuwe registratie"]
    assert not [s for s in gemeente.selectbox if s.key == "notitie_weg_benchmark"]
    # ... and the query layer refuses it whatever the page offers.
    hengelo = notities.lees()[0]
    monkeypatch.setattr(app_notities, "huidig", lambda: Toegang("demo", "gemeente", "GM0153", demo=True))
    with pytest.raises(app_notities.GeenToegang):
        app_notities.verwijder(hengelo.id)
    with pytest.raises(app_notities.GeenToegang):
        app_notities.schrijf(INDICATOR, "GM0164", dt.date(2026, 3, 1), "niet van mij")
    assert [n.tekst for n in notities.lees()] == ["Hengelo: nieuwe registratie"]


def test_writing_and_deleting_are_audited(live: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _schrijf(_benchmark(live, monkeypatch, "gemeente"), "Dip door late aanlevering")
    assert _in_lijst(at) == ["Dip door late aanlevering"]
    at.selectbox(key="notitie_weg_benchmark").select_index(0).run()
    next(b for b in at.button if b.label == "Verwijderen").click().run()
    assert not at.exception
    assert _in_lijst(at) == [] and notities.lees() == []
    events = [json.loads(line) for line in live.with_name("audit.log").read_text().splitlines()]
    notes = [e for e in events if e["actie"] == "notitie"]
    assert [e["handeling"] for e in notes] == ["geschreven", "verwijderd"]
    for event in notes:
        assert event["gebruiker"] == "demo" and event["rol"] == "gemeente"
        assert event["gemeente"] == "GM0153"  # the viewer's own municipality
        assert event["notitie_gemeente"] == "GM0153" and event["indicator"] == INDICATOR
        assert event["tekst"] == "Dip door late aanlevering"
    # Beheer reads them on Toegang & audit.
    pagina = open_app(live, monkeypatch, "audit", rol="beheer")
    regels = [v for v in pagina.dataframe[0].value["Notitie"] if v and v != "—"]
    assert regels[:2] == [
        f"verwijderd · GM0153 · {INDICATOR} · {notes[1]['maand']} · Dip door late aanlevering",
        f"geschreven · GM0153 · {INDICATOR} · {notes[0]['maand']} · Dip door late aanlevering",
    ]


def test_the_text_is_bounded_and_masked(tmp_path: Path) -> None:
    opslag = tmp_path / "n" / "notities.sqlite"
    assert notities.lees(path=opslag) == [] and not opslag.exists()  # a reader never creates the store
    lang = "BSN 123456782 en 1234.56.782\x07 " + "x" * 1000
    notitie = notities.schrijf(INDICATOR, "GM0153", dt.date(2026, 3, 17), lang, auteur="a", rol="beheer", path=opslag)
    assert "123456782" not in notitie.tekst and "1234.56.782" not in notitie.tekst and "*********" in notitie.tekst
    assert "\x07" not in notitie.tekst
    assert len(notitie.tekst) == notities.MAX_TEKST
    assert notitie.maand == dt.date(2026, 3, 1)
    assert notities.lees(path=opslag) == [notitie]
    with pytest.raises(notities.OngeldigeNotitie):
        notities.schrijf(INDICATOR, "GM0153", dt.date(2026, 3, 1), "  \n ", auteur="a", rol="beheer", path=opslag)
    with pytest.raises(notities.OngeldigeNotitie):
        notities.schrijf(INDICATOR, "Enschede", dt.date(2026, 3, 1), "x", auteur="a", rol="beheer", path=opslag)
    assert stat.S_IMODE(opslag.stat().st_mode) == 0o600
    assert notities.verwijder(notitie.id, path=opslag) == notitie
    assert notities.lees(path=opslag) == []


def test_the_setting_names_the_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from semon import settings

    monkeypatch.setenv("SEMON_WAREHOUSE", str(tmp_path / "wh" / "semon.duckdb"))
    monkeypatch.delenv("SEMON_NOTITIES", raising=False)
    assert settings.notities_path() == tmp_path / "wh" / "notities.sqlite"
    monkeypatch.setenv("SEMON_NOTITIES", str(tmp_path / "elders.sqlite"))
    assert settings.notities_path() == tmp_path / "elders.sqlite"


@pytest.mark.parametrize(
    ("pagina", "indicator"),
    [("ladder", "aandeel_trede_4_6"), ("wsw", "wsw_werknemers"), ("jongeren", "vsv_pct")],
)
def test_pages_with_a_month_axis_mark_their_indicators_notes(
    live: Path, monkeypatch: pytest.MonkeyPatch, pagina: str, indicator: str
) -> None:
    nieuwste = query(live, "select max(maand) from marts.mart_indicator_cellen")[0][0]
    monkeypatch.setenv("SEMON_WAREHOUSE", str(live))
    notities.schrijf(indicator, "GM0153", nieuwste, "Nieuwe werkwijze per deze maand", auteur="x", rol="beheer")
    notities.schrijf(indicator, "GM0164", nieuwste, "Alleen in Hengelo", auteur="x", rol="beheer")
    at = open_app(live, monkeypatch, pagina, rol="gemeente", gemeente="Enschede")
    assert _in_lijst(at) == ["Nieuwe werkwijze per deze maand"]  # the page's municipality only
    hovers = [
        a.get("hovertext", "")
        for chart in at.get("plotly_chart")
        for a in json.loads(chart.proto.spec)["layout"].get("annotations", [])
    ]
    assert sum("Nieuwe werkwijze per deze maand" in h for h in hovers) == 1, hovers  # on one chart: its indicator's


def test_an_unreadable_store_costs_the_notes_not_the_page(live: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    live.with_name("notities.sqlite").write_bytes(b"dit is geen SQLite-bestand" * 100)
    at = _benchmark(live, monkeypatch, "gemeente")
    assert any("De notities zijn nu niet te lezen" in c.value for c in at.caption)
    _schrijf(at, "Toch iets")
    assert any("kon niet worden bewaard" in e.value for e in at.error)
