"""Issue 11, hardened edges, in the app: BSNs masked on display and download, no unaudited export control,
a strict SEMON_ENV, demo mode as gemeente, a broken role file in words, and an audit log that holds."""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from semon import auditlog
from semon.settings import APP_ENTRYPOINT

CLEAR_BSN = "123456782"
AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "x" * 32,
    "client_id": "monitor",
    "client_secret": "s",
    "server_metadata_url": "https://idp.example/.well-known",
}


def app(warehouse: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, rol: str | None = "beheer", **url: str):
    monkeypatch.setenv("SEMON_WAREHOUSE", str(warehouse))
    monkeypatch.setenv("SEMON_AUDIT", str(tmp_path / "audit.log"))
    at = AppTest.from_file(str(APP_ENTRYPOINT), default_timeout=60)
    if rol:
        at.session_state["rol"] = rol
    for name, value in url.items():
        at.query_params[name] = value
    return at


@pytest.fixture
def old_warehouse(built_warehouse: Path, tmp_path: Path) -> Path:
    """The story warehouse as an older version could have left it: clear BSNs in a quarantined row."""
    path = tmp_path / "oud.duckdb"
    shutil.copyfile(built_warehouse, path)
    con = duckdb.connect(str(path))
    try:
        laad_id, bestand = con.execute(
            "select laad_id, bestand from raw.laadlog where bestand = 'werkplein_klanten_20240701.csv'"
        ).fetchone()
        row = [laad_id, bestand, "werkplein_klanten", 99, "postcode", f"{CLEAR_BSN}", f"geen postcode: {CLEAR_BSN}"]
        con.execute("insert into raw.quarantaine values (?, ?, ?, ?, ?, ?, ?, null)", row)
        # What a build makes of it (marts are tables): the same row in the mart the page reads, with a BSN
        # typed with dots in the column name and with spaces in the value.
        con.execute(
            """insert into marts.mart_quarantaine
               select bron, entiteit, tabel, bestand, bestand_peildatum, 99, 'kolom 1234.56.782', '123 456 782',
                      'geen postcode: 123456782', geladen_op
               from marts.mart_quarantaine where bestand = ? limit 1""",
            [bestand],
        )
    finally:
        con.close()
    return path


def test_a_clear_bsn_in_the_quarantine_never_reaches_the_page(
    old_warehouse: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    at = app(old_warehouse, monkeypatch, tmp_path)
    at.session_state["foute_regels"] = True  # the bad rows themselves opened
    at.run()
    at.switch_page("app_pages/datakwaliteit.py").run()
    assert not at.exception
    shown = " ".join(frame.value.to_csv() for frame in at.dataframe)
    assert "geen postcode: *********" in shown  # the row is there, masked
    assert "kolom *********" in shown
    for clear in (CLEAR_BSN, "123 456 782", "1234.56.782"):
        assert clear not in shown
    assert "*********" in shown
    assert "werkplein_klanten_20240701.csv" in shown  # a contract file name keeps its date (issue 12)


def test_a_clear_bsn_in_the_quarantine_never_reaches_a_download(
    old_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SEMON_WAREHOUSE", str(old_warehouse))

    def script() -> None:
        import streamlit as st

        from app import export, queries
        from app.toegang import Toegang

        st.session_state["toegang"] = Toegang("test", "beheer", None, demo=True)
        st.text(export.csv(queries.quarantaine_regels()))  # what the page's "Download als CSV" hands out
        st.text(export.csv(queries.quarantaine_redenen()))

    at = AppTest.from_function(script, default_timeout=60).run()
    assert not at.exception
    files = at.text[0].value + at.text[1].value
    assert "*********" in files
    for clear in (CLEAR_BSN, "123 456 782", "1234.56.782"):
        assert clear not in files


def test_no_chart_offers_plotlys_unaudited_png(built_warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The camera (plotly's own PNG, in the browser, unaudited) is off; the chart's PNG is the audited button."""
    monkeypatch.setenv("SEMON_WAREHOUSE", str(built_warehouse))

    def script() -> None:
        import plotly.graph_objects as go

        from app.components import grafiek

        grafiek(go.Figure(go.Bar(x=["Enschede", "Hengelo"], y=[10, 20])), "benchmark", key="test")

    at = AppTest.from_function(script, default_timeout=60).run()
    assert not at.exception
    charts = at.get("plotly_chart")
    assert len(charts) == 1
    config = json.loads(charts[0].proto.config)
    assert "toImage" in config["modeBarButtonsToRemove"]
    assert "toImageButtonOptions" not in config
    assert [b.label for b in at.download_button] == ["Afbeelding (PNG)"]  # making its file writes the audit line


def test_streamlits_own_table_download_is_off() -> None:
    import tomllib

    from tests.helpers import REPO_ROOT

    config = tomllib.loads((REPO_ROOT / ".streamlit" / "config.toml").read_text())
    assert config["client"]["disableDataExport"] is True


@pytest.mark.parametrize("value", ["production", " Production ", "PRODUCTION\n"])
def test_production_is_recognised_whatever_its_case_and_spaces(
    built_warehouse: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, value: str
) -> None:
    monkeypatch.setenv("SEMON_ENV", value)
    at = app(built_warehouse, monkeypatch, tmp_path, rol=None).run()
    assert "demomodus is in productie niet toegestaan" in at.error[0].value
    assert len(at.metric) == 0


@pytest.mark.parametrize("value", ["prod", "productie", ""])
def test_an_unknown_semon_env_is_refused_in_words(
    built_warehouse: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, value: str
) -> None:
    monkeypatch.setenv("SEMON_ENV", value)
    at = app(built_warehouse, monkeypatch, tmp_path, rol=None).run()
    assert not at.exception
    assert "SEMON_ENV" in at.error[0].value and "production" in at.error[0].value
    assert len(at.metric) == 0 and not at.selectbox


def test_demo_mode_starts_with_the_least_privileged_role(
    built_warehouse: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("SEMON_ENV", raising=False)
    monkeypatch.delenv("SEMON_DEMO_ROL", raising=False)
    at = app(built_warehouse, monkeypatch, tmp_path, rol=None).run()
    assert at.selectbox(key="rol").value == "gemeente"
    assert at.selectbox(key="gemeente").options == ["Enschede"]
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("app_pages/datakwaliteit.py")


@pytest.mark.parametrize(
    "content",
    [
        '[gebruikers."beheer@twente.example"\nrol = "beheer"',  # TOML syntax error
        'gebruikers = "iedereen"',  # not a table
        '[gebruikers."beheer@twente.example"]\nrol = "admin"',  # an unknown role
        '[gebruikers."beheer@twente.example"]\nrol = "gemeente"',  # a municipality without its code
        b"\xff\xfe[gebruikers]",  # not UTF-8
    ],
)
def test_a_malformed_role_file_is_told_in_dutch_and_logged(
    built_warehouse: Path,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    content: str | bytes,
) -> None:
    roles = tmp_path / "toegang.toml"
    roles.write_bytes(content if isinstance(content, bytes) else content.encode())
    monkeypatch.setenv("SEMON_TOEGANG", str(roles))
    at = app(built_warehouse, monkeypatch, tmp_path, rol=None)
    at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": True, "email": "beheer@twente.example"}
    with caplog.at_level(logging.ERROR, logger="semon.toegang"):
        at.run()
    assert not at.exception
    assert "rollenbestand niet lezen" in at.error[0].value
    assert "Traceback" not in at.error[0].value and str(roles) not in at.error[0].value
    assert any("rollenbestand onbruikbaar" in r.getMessage() and str(roles) in r.getMessage() for r in caplog.records)
    assert len(at.metric) == 0


def test_the_audit_log_keeps_the_effective_selection_and_holds_against_crafted_parameters(
    built_warehouse: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    crafted = 'x"}\n{"actie":"export","gebruiker":"iemand anders"}\u2028' + "a" * 500
    at = app(built_warehouse, monkeypatch, tmp_path, rol="regio", gemeente="Hengelo", kwaad=crafted).run()
    assert not at.exception
    path = tmp_path / "audit.log"
    lines = path.read_text().split("\n")[:-1]
    assert len(lines) == 1  # one page view, one line: the newline and U+2028 stayed inside it
    event = json.loads(lines[0])
    assert event["actie"] == "pagina" and event["gebruiker"] == "demo"
    assert event["filters"]["kwaad"].startswith('x"}\n{"actie"')
    assert event["filters"]["kwaad"].endswith(auditlog.AFGEKAPT)
    assert len(event["filters"]["kwaad"]) == auditlog.MAX_TEKST + len(auditlog.AFGEKAPT)
    # The selection the page used, defaults included: the month viewed can be reconstructed.
    selectie = event["selectie"]
    assert selectie["gemeente"] == "GM0164"
    assert selectie["doelgroepen"] == [] and selectie["periode"] == "maand"
    assert selectie["maand"] == selectie["eind"] and selectie["maand"].startswith("2024-")
    assert selectie["leeftijd"] is None and selectie["geslacht"] is None
    assert path.stat().st_mode & 0o777 == 0o600
    assert auditlog.controleer(path).in_orde
