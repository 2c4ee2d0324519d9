"""Helpers the test modules share: a read-only query on a warehouse file, the app opened on a page."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from semon.settings import APP_ENTRYPOINT

REPO_ROOT = Path(__file__).resolve().parent.parent  # the checkout (the tests run from it)

PAGES = {
    "overzicht": "Overzicht",
    "ladder": "Participatieladder",
    "plaatsingen": "Plaatsingen & uitstroom",
    "werkgevers": "Werkgevers & Pact",
    "jongeren": "Jongeren",
    "wsw": "WSW & beschut werk",
    "instrumenten": "Instrumenten & rendement",
    "benchmark": "Regionale benchmark Twente",
    "datakwaliteit": "Datakwaliteit",
}


def query(path: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def open_app(
    warehouse: Path, monkeypatch: pytest.MonkeyPatch, page: str = "overzicht", *, rol: str = "beheer", **url: str
) -> AppTest:
    """The app on `page` in demo mode as `rol` (beheer: every page and municipality; demo mode starts as gemeente)."""
    monkeypatch.setenv("SEMON_WAREHOUSE", str(warehouse))
    at = AppTest.from_file(str(APP_ENTRYPOINT), default_timeout=60)
    at.session_state["rol"] = rol
    for name, value in url.items():
        at.query_params[name] = value
    at.run()
    if page != "overzicht":
        at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception, at.exception[0].message if at.exception else ""
    return at


def metrics(at: AppTest) -> dict[str, str]:
    return {metric.label: metric.value for metric in at.metric}
