"""The audit page (beheer) reads the rotated log files too, newest first, and checks the hash chain over them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app import queries
from semon import auditlog
from tests.helpers import open_app


def _vullen(path: Path, monkeypatch: pytest.MonkeyPatch, n: int = 60) -> None:
    """`n` page views in a log that rotates about every 2 kB (so they spread over several files)."""
    monkeypatch.setenv("SEMON_AUDIT", str(path))
    monkeypatch.setenv("SEMON_AUDIT_MAX_MB", str(2000 / 1024 / 1024))
    monkeypatch.setenv("SEMON_AUDIT_BEWAAR", "20")
    for i in range(n):
        event = {"tijd": f"2024-07-01T10:{i // 60:02d}:{i % 60:02d}", "gebruiker": f"u{i}@example.org"}
        auditlog.schrijf(path, {**event, "rol": "beheer", "actie": "pagina", "pagina": "Overzicht"})


def test_a_long_log_whose_newest_events_have_no_municipality_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Hundreds of events without a municipality after one with it (a gemeente user's view long ago): the page's
    table takes every column as text, whatever the first rows hold (it failed on a long log before)."""
    path = tmp_path / "audit.log"
    monkeypatch.setenv("SEMON_AUDIT", str(path))
    oud = {"tijd": "2024-07-01T09:00:00", "gebruiker": "g@example.org", "rol": "gemeente", "gemeente": "GM0153"}
    auditlog.schrijf(path, {**oud, "actie": "pagina", "pagina": "Overzicht"})
    for i in range(300):
        event = {"tijd": f"2024-07-01T10:{i // 60:02d}:{i % 60:02d}", "gebruiker": "b@example.org", "rol": "beheer"}
        auditlog.schrijf(path, {**event, "actie": "pagina", "pagina": "Overzicht"})
    log = queries.beheer.audit_log()
    assert log.height == 301 and log["gemeente"].to_list()[-1] == "GM0153"


def test_an_address_the_viewer_could_not_open_shows_beside_the_page_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A municipality's link to a beheer page opened the overview (app/main.py): the audit page says what was asked."""
    path = tmp_path / "audit.log"
    monkeypatch.setenv("SEMON_AUDIT", str(path))
    event = {"tijd": "2024-07-01T09:00:00", "gebruiker": "g@example.org", "rol": "gemeente", "actie": "pagina"}
    auditlog.schrijf(path, {**event, "pagina": "Overzicht", "gevraagd": "/datakwaliteit"})
    auditlog.schrijf(path, {**event, "pagina": "Jongeren"})
    assert queries.beheer.audit_log()["pagina"].to_list() == ["Jongeren", "Overzicht (gevraagd: /datakwaliteit)"]


def test_the_log_is_read_across_its_rotated_files_newest_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "audit.log"
    _vullen(path, monkeypatch)
    files = auditlog.bestanden(path)
    assert len(files) >= 3  # the current log holds only the newest few
    log = queries.beheer.audit_log()
    assert log.height == 60
    assert log["gebruiker"].to_list() == [f"u{i}@example.org" for i in reversed(range(60))]
    assert log["logbestand"][0] == "audit.log" and log["logbestand"][-1] == files[0].name
    assert {"audit.log.1", "audit.log.2"} <= set(log["logbestand"])
    # At most `limiet` events, the newest: taken from the current file first.
    newest = queries.beheer.audit_log(limiet=len(auditlog.regels(path)) + 3)
    assert newest["gebruiker"].to_list() == [
        f"u{i}@example.org" for i in reversed(range(57 - len(auditlog.regels(path)), 60))
    ]
    assert queries.beheer.audit_keten().in_orde


def test_the_audit_page_shows_the_rotated_files_and_checks_the_chain(
    built_warehouse: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = tmp_path / "audit.log"
    _vullen(path, monkeypatch)
    at = open_app(built_warehouse, monkeypatch, "audit")
    assert at.title[0].value == "Toegang & audit"
    shown = at.dataframe[0].value
    assert "u0@example.org" in set(shown["Gebruiker"]) and "audit.log.1" in set(shown["Logbestand"])
    at.button(key="keten").click().run()
    assert at.success and at.success[0].value.startswith("Keten in orde")
    # A line changed in a rotated file breaks the chain at the next line, and the page says where.
    oud = path.with_name("audit.log.2")
    regels = oud.read_text().split("\n")
    regels[0] = json.dumps({**json.loads(regels[0]), "gebruiker": "iemand anders"}, ensure_ascii=True)
    oud.write_text("\n".join(regels))
    at.button(key="keten").click().run()
    assert at.error and "keten gebroken" in at.error[0].value
