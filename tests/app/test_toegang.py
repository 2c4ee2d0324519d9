"""Access per role, enforced in the query layer; small cells never reach a page; the audit log records views."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from semon.settings import APP_ENTRYPOINT
from tests.helpers import PAGES, REPO_ROOT, query


@pytest.fixture(autouse=True)
def exact(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests check the figures' logic number by number: without the cell key's noise (the protection is
    checked in tests/app/test_privacy_attack.py)."""
    monkeypatch.setenv("SEMON_CELSLEUTEL", "uit")


EXAMPLE_ROLES = REPO_ROOT / "config" / "toegang.voorbeeld.toml"


def app(
    warehouse: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, rol: str | None = None, **url: str
) -> AppTest:
    monkeypatch.setenv("SEMON_WAREHOUSE", str(warehouse))
    monkeypatch.setenv("SEMON_AUDIT", str(tmp_path / "audit.log"))
    at = AppTest.from_file(str(APP_ENTRYPOINT), default_timeout=60)
    if rol:
        at.session_state["rol"] = rol
    for name, value in url.items():
        at.query_params[name] = value
    return at


def ask_as(rol: str, gemeente: str | None, question: str, warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run one query-layer question inside a Streamlit session of this role; return the answer or the refusal."""
    monkeypatch.setenv("SEMON_WAREHOUSE", str(warehouse))

    def script(rol: str, gemeente: str | None, question: str) -> None:
        import datetime as dt

        import streamlit as st

        from app import queries
        from app.selectie import Filters
        from app.toegang import Toegang

        st.session_state["toegang"] = Toegang("test", rol, gemeente, demo=True)
        f = Filters("GM0164", "Hengelo", "ALLE", "Alle", dt.date(2024, 6, 1), None, None)
        questions = {"ladder": lambda: queries.ladder.stand(f), "laadstatus": queries.laadstatus}
        try:
            st.text(f"rows {questions[question]().height}")
        except queries.GeenToegang as refused:
            st.text(f"refused: {refused}")

    at = AppTest.from_function(script, args=(rol, gemeente, question), default_timeout=60).run()
    assert not at.exception
    return at.text[0].value


def test_a_municipality_sees_only_its_own_detail_whatever_the_url_says(
    demo_warehouse: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    at = app(demo_warehouse, monkeypatch, tmp_path, rol="gemeente", gemeente="Hengelo").run()
    assert at.selectbox(key="gemeente").options == ["Enschede"]  # the demo municipality of role gemeente
    newest = query(demo_warehouse, "select max(peildatum) from marts.mart_ladder_stand")[0][0]
    enschede = query(
        demo_warehouse,
        f"select sum(personen) from marts.mart_ladder_stand where gemeentecode = 'GM0153' and peildatum = '{newest}'",
    )[0][0]
    assert at.metric[0].value == f"{enschede:,}".replace(",", ".")
    # The whole overview renders for this role, down to the goals: nothing on it needs another role.
    assert not [w for w in at.warning if "rol" in w.value and "Demomodus" not in w.value]
    assert "Strategische doelen" in [h.value for h in at.subheader]


def test_the_query_layer_refuses_another_municipality_to_role_gemeente(
    built_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert ask_as("gemeente", "GM0153", "ladder", built_warehouse, monkeypatch).startswith("refused: ")
    assert ask_as("gemeente", "GM0164", "ladder", built_warehouse, monkeypatch).startswith("rows ")
    assert ask_as("regio", None, "ladder", built_warehouse, monkeypatch).startswith("rows ")


def test_only_beheer_may_see_data_quality(
    built_warehouse: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert ask_as("regio", None, "laadstatus", built_warehouse, monkeypatch).startswith("refused: ")
    assert ask_as("gemeente", "GM0153", "laadstatus", built_warehouse, monkeypatch).startswith("refused: ")
    assert ask_as("beheer", None, "laadstatus", built_warehouse, monkeypatch) == "rows 11"
    regio = app(built_warehouse, monkeypatch, tmp_path, rol="regio").run()
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        regio.switch_page("app_pages/datakwaliteit.py")


def test_production_refuses_demo_mode(built_warehouse: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SEMON_ENV", "production")
    at = app(built_warehouse, monkeypatch, tmp_path).run()
    assert "demomodus is in productie niet toegestaan" in at.error[0].value
    assert len(at.metric) == 0


def test_a_logged_in_user_gets_the_role_of_the_role_file(
    built_warehouse: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("SEMON_TOEGANG", str(EXAMPLE_ROLES))
    auth = {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "x" * 32,
        "client_id": "monitor",
        "client_secret": "s",
        "server_metadata_url": "https://idp.example/.well-known",
    }
    at = app(built_warehouse, monkeypatch, tmp_path)
    at.secrets["auth"] = auth
    at.user = {"is_logged_in": False}
    at.run()
    assert [button.label for button in at.button] == ["Inloggen"]
    at.user = {"is_logged_in": True, "email": "adviseur@hengelo.example"}
    at.run()
    assert at.selectbox(key="gemeente").options == ["Hengelo"]
    at.user = {"is_logged_in": True, "email": "onbekend@example.org"}
    at.run()
    assert "heeft geen rol" in at.error[0].value


def test_a_logged_in_user_sees_who_they_are_and_can_log_out(
    built_warehouse: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    rollen = tmp_path / "toegang.toml"
    # A provider may spell an address with capitals, and so may whoever writes the role file.
    rollen.write_text('[gebruikers."Adviseur@Hengelo.example"]\nrol = "gemeente"\ngemeente = "GM0164"\n')
    monkeypatch.setenv("SEMON_TOEGANG", str(rollen))
    at = app(built_warehouse, monkeypatch, tmp_path)
    at.secrets["auth"] = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32}
    at.user = {"is_logged_in": True, "email": "ADVISEUR@hengelo.example"}
    at.run()
    assert at.selectbox(key="gemeente").options == ["Hengelo"]
    assert "Ingelogd als adviseur@hengelo.example · Gemeente" in [c.value for c in at.sidebar.caption]
    assert "Uitloggen" in [button.label for button in at.sidebar.button]
    at.user = {"is_logged_in": True}  # a provider that gives no e-mail address
    at.run()
    assert at.error[0].value == "Dit account heeft geen rol in de monitor. Vraag beheer om toegang."
    assert [button.label for button in at.button] == ["Uitloggen"]


def test_an_address_the_provider_has_not_verified_gets_no_role(
    built_warehouse: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # Someone who set a colleague's address at a provider that allows it must not get the colleague's role.
    monkeypatch.setenv("SEMON_TOEGANG", str(EXAMPLE_ROLES))
    at = app(built_warehouse, monkeypatch, tmp_path)
    at.secrets["auth"] = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32}
    for claim in (False, "false"):
        at.user = {"is_logged_in": True, "email": "adviseur@hengelo.example", "email_verified": claim}
        at.run()
        assert "niet bevestigd" in at.error[0].value and "adviseur@hengelo.example" in at.error[0].value
        assert [button.label for button in at.button] == ["Uitloggen"]
        assert not at.selectbox and not at.metric
    at.user = {"is_logged_in": True, "email": "adviseur@hengelo.example", "email_verified": True}
    at.run()
    assert at.selectbox(key="gemeente").options == ["Hengelo"]


COUNT_COLUMNS = {
    "Mensen",
    "Plaatsingen",
    "Werknemers",
    "Lopend",
    "Gestart",
    "Beëindigd",
    "personen",
    "plaatsingen",
    "op_lijst",
    "instroom",
    "uitstroom",
    "bestand",
    "Totaal",
    "Sinds toetreding",
    "Teller",
}


@pytest.mark.parametrize("page", [p for p in PAGES if p != "datakwaliteit"])
@pytest.mark.parametrize("gemeente", ["Enschede", "Twente (alle gemeenten)"])
def test_no_count_below_five_reaches_any_page(
    built_warehouse: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, page: str, gemeente: str
) -> None:
    # The story has a dozen people: nearly every count is small, so everything must read "< 5" or 0.
    at = app(built_warehouse, monkeypatch, tmp_path, rol="beheer", gemeente=gemeente, periode="juni 2024").run()
    if page != "overzicht":
        at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception
    for metric in at.metric:
        assert metric.value not in {"1", "2", "3", "4"}, (page, metric.label)
    for frame in at.dataframe:
        shown = frame.value
        for column in set(shown.columns) & COUNT_COLUMNS:
            assert not set(shown[column].astype(str)) & {"1", "2", "3", "4"}, (page, column)


def test_page_views_are_audited_with_their_filters(
    built_warehouse: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    at = app(built_warehouse, monkeypatch, tmp_path, rol="regio", gemeente="Hengelo").run()
    at.switch_page("app_pages/benchmark.py").run()
    events = [json.loads(line) for line in (tmp_path / "audit.log").read_text().splitlines()]
    assert [(e["actie"], e["pagina"], e["rol"]) for e in events] == [
        ("pagina", "Overzicht", "regio"),
        ("pagina", "Regionale benchmark Twente", "regio"),
    ]
    assert events[0]["filters"]["gemeente"] == "Hengelo"
