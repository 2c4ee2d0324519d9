"""A shared link's filter values: another spelling opens the view it names, an unknown value is named (app/link.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from app.selectie import maand_label
from tests.helpers import metrics, open_app, query


def _keuzes(at: AppTest) -> dict[str, object]:
    return {k: at.session_state[k] for k in ("gemeente", "doelgroep", "venster", "periode", "geslacht")}


def test_a_link_with_codes_iso_months_and_another_case_opens_the_view_its_labels_open(
    built_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Streamlit took only the option's own text: `gemeente=GM0164` showed Twente without a word. The codes of the
    marts, an ISO month and lower case now open what the labels open, and the address then carries the labels."""
    oudste = query(built_warehouse, "select min(maand) from marts.mart_indicator_cellen where maat = 'inwoners'")[0][0]
    labels = {
        "gemeente": "Hengelo",
        "doelgroep": ["Bijstand (Participatiewet)", "Wajong"],
        "venster": "Laatste 12 maanden",
        "periode": maand_label(oudste),
        "geslacht": "Vrouw",
    }
    met_labels = open_app(built_warehouse, monkeypatch, **labels)
    anders = {
        "gemeente": "GM0164",
        "doelgroep": ["PW", "wajong"],
        "venster": "12m",
        "periode": oudste.strftime("%Y-%m"),
        "geslacht": "v",
    }
    at = open_app(built_warehouse, monkeypatch, **anders)
    assert _keuzes(at) == labels
    assert dict(at.query_params) == labels  # the address the monitor makes itself
    assert [i.value for i in at.info] == [i.value for i in met_labels.info]  # no word about the link
    assert metrics(at) == metrics(met_labels)
    assert at.caption[0].value == met_labels.caption[0].value


def test_a_link_value_the_monitor_does_not_know_is_named_with_what_is_shown(
    built_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    maanden = query(
        built_warehouse, "select min(maand), max(maand) from marts.mart_indicator_cellen where maat = 'inwoners'"
    )[0]
    oudste, nieuwste = (maand_label(m) for m in maanden)
    at = open_app(
        built_warehouse,
        monkeypatch,
        gemeente="GM9999",
        doelgroep=["PW", "xyz"],
        periode="2019-01",
        leeftijd="[hier](https://example.invalid) `!`",
    )
    assert _keuzes(at)["gemeente"] == "Twente (alle gemeenten)"
    assert _keuzes(at)["doelgroep"] == ["Bijstand (Participatiewet)"]  # the known one is taken
    assert [i.value for i in at.info] == [
        "De link noemt gemeente `GM9999`: die kent de monitor niet. Getoond: Twente (alle gemeenten).\n\n"
        "De link noemt doelgroep `xyz`: die kent de monitor niet. Getoond: Bijstand (Participatiewet).\n\n"
        f"De link noemt maand `2019-01`: daarvan zijn geen gegevens (wel van {oudste} t/m {nieuwste}). "
        f"Getoond: {nieuwste}.\n\n"
        # Someone's link text stays text on the monitor's page: no link of theirs in its notice.
        "De link noemt leeftijd `[hier](https://example.invalid) '!'`: die kent de monitor niet. Getoond: Alle."
    ]
    at.selectbox(key="gemeente").set_value("Enschede").run()  # the next step in the app: the link is behind
    assert not [i for i in at.info if i.value.startswith("De link")]


def test_a_link_to_another_municipality_says_what_a_municipality_may_see(
    built_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_app(built_warehouse, monkeypatch, rol="gemeente", gemeente="GM0164")
    assert _keuzes(at)["gemeente"] == "Enschede"
    assert [i.value for i in at.info] == [
        "De link noemt gemeente `GM0164`: met uw toegang ziet u alleen Enschede. Getoond: Enschede."
    ]


def test_a_search_from_a_link_that_finds_nothing_names_it_as_text(
    built_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The employers' search is in the address too: someone's Markdown there drew a link in the monitor's notice."""
    at = open_app(built_warehouse, monkeypatch, "werkgevers", werkgever_zoek="[hier](https://example.invalid)")
    assert at.text_input(key="werkgever_zoek").value == "[hier](https://example.invalid)"
    gezocht = "Geen gegevens voor werkgevers die passen bij `[hier](https://example.invalid)`."
    assert any(i.value.startswith(gezocht) for i in at.info), [i.value for i in at.info]


def test_a_pages_own_choice_in_a_link_is_read_by_its_code_or_named(
    built_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The address holds a page's choice as the text its button shows (`plaatsingen_per=Werkgever`); the code the
    monitor uses for it (`werkgever`, an indicator's `uitstroom_werk_pct`) or another case went without a word."""
    at = open_app(built_warehouse, monkeypatch, "plaatsingen", plaatsingen_per="werkgever", stroom_per="KWARTAAL")
    assert at.segmented_control(key="plaatsingen_per").value == "werkgever"
    assert at.segmented_control(key="stroom_per").value == "kwartaal"
    assert {k: at.query_params[k] for k in ("plaatsingen_per", "stroom_per")} == {
        "plaatsingen_per": "Werkgever",
        "stroom_per": "Kwartaal",
    }
    # The other pages' months or quarters (components.maand_of_kwartaal).
    for page, sleutel in (("ladder", "stappen_per"), ("wsw", "wachtlijst_per")):
        at = open_app(built_warehouse, monkeypatch, page, **{sleutel: "kwartaal"})
        assert at.segmented_control(key=sleutel).value == "kwartaal" and at.query_params[sleutel] == "Kwartaal"
    at = open_app(built_warehouse, monkeypatch, "ladder", stappen_per="week")
    assert [i.value for i in at.info if i.value.startswith("De link")] == [
        "De link noemt stappen per `week`: die kent de monitor niet. Getoond: Maand."
    ]
    sql = "select naam from marts.mart_indicatoren where indicator = 'uitstroom_werk_pct'"
    naam = query(built_warehouse, sql)[0][0]
    at = open_app(built_warehouse, monkeypatch, "benchmark", indicator="uitstroom_werk_pct")
    assert at.selectbox(key="indicator").value == naam and at.query_params["indicator"] == naam
    at = open_app(built_warehouse, monkeypatch, "plaatsingen", plaatsingen_per="xyz")
    assert [i.value for i in at.info if i.value.startswith("De link")] == [
        "De link noemt plaatsingen per `xyz`: die kent de monitor niet. Getoond: Soort."
    ]
