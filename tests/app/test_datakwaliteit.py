"""The data-quality page (AppTest, headless) on the story warehouse: exact counts, the URL filter, no data."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from semon.settings import APP_ENTRYPOINT

OVERZICHT, REDENEN, REGELS = 0, 1, 2  # the page's tables, top to bottom


def page(warehouse: Path, monkeypatch: pytest.MonkeyPatch, **query: str) -> AppTest:
    monkeypatch.setenv("SEMON_WAREHOUSE", str(warehouse))
    at = AppTest.from_file(str(APP_ENTRYPOINT), default_timeout=60)
    at.session_state["rol"] = "beheer"  # demo mode starts with the least privileged role
    for name, value in query.items():
        at.query_params[name] = value
    at.run()
    at.switch_page("app_pages/datakwaliteit.py").run()
    assert not at.exception
    return at


def metrics(at: AppTest) -> dict[str, str]:
    return {metric.label: metric.value for metric in at.metric}


def test_page_counts_the_story_deliveries_exactly(built_warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = page(built_warehouse, monkeypatch)
    # 11 extract files, plus the June klanten file: 55 good rows, 3 bad ones (geslacht Q, trede 7, elfproef).
    assert metrics(at) == {
        "Bestanden": "12",
        "Regels geladen": "55",
        "Regels in quarantaine": "3",
        "Laatste peildatum": "1 jul 2024",
    }


def test_every_source_and_entity_is_listed_with_its_latest_peildatum(
    built_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    overzicht = page(built_warehouse, monkeypatch).dataframe[OVERZICHT].value
    assert list(overzicht["Bron"]) == ["Werkplein"] * 4 + ["UWV"] * 2 + ["WSW"] * 2 + ["RMC"] + ["Werkgevers"] * 2
    klanten = overzicht[overzicht["Entiteit"] == "Klanten en hun uitkerings- of inschrijvingsperioden"].iloc[0]
    assert (klanten["Laatste peildatum"], klanten["Bestanden"], klanten["Regels"], klanten["In quarantaine"]) == (
        "1 juli 2024",
        "2",
        "18",
        "1",
    )
    plaatsingen = overzicht[overzicht["Entiteit"] == "Plaatsingen bij werkgevers"].iloc[0]
    assert "niet in" in plaatsingen["Waarschuwingen"]  # the placement at unknown KvK 99999999


def test_quarantine_reasons_name_column_and_reason(built_warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = page(built_warehouse, monkeypatch, foute_regels="true")  # a link with the bad rows opened
    redenen = at.dataframe[REDENEN].value
    columns = [redenen[name] for name in ("Entiteit", "Kolom", "Reden", "Regels", "Cellen")]
    klanten = "Klanten en hun uitkerings- of inschrijvingsperioden"
    assert sorted(zip(*columns, strict=True)) == [  # one bad cell on one line each (shown as text)
        (klanten, "geslacht", "onbekende code; toegestaan: M, V, X", "1", "1"),
        ("Scores op de participatieladder", "bsn", "BSN voldoet niet aan de elfproef", "1", "1"),
        ("Scores op de participatieladder", "trede", "buiten bereik: minstens 1 en hoogstens 6", "1", "1"),
    ]  # fmt: skip
    regels = at.dataframe[REGELS].value
    assert sorted(zip(regels["Bestand"], regels["Regel"], regels["Waarde"], strict=True)) == [
        ("werkplein_klanten_20240701.csv", 11, "Q"),
        ("werkplein_ladder_20240701.csv", 12, "7"),
        ("werkplein_ladder_20240701.csv", 13, "*********"),
    ]


def test_the_bad_rows_themselves_are_sent_only_once_opened(
    built_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Up to 5,000 rows made every visit slow at national size: closed, the page holds the counts and reasons only."""
    at = page(built_warehouse, monkeypatch)
    assert [expander.label for expander in at.expander] == ["De foute regels zelf (3)"]
    assert len(at.dataframe) == REGELS  # the overview and the reasons
    assert "Download als CSV" not in [button.label for button in at.get("download_button")]
    at.session_state["foute_regels"] = True  # what opening the expander sets
    at.run()
    assert len(at.dataframe[REGELS].value) == 3
    assert "Download als CSV" in [button.label for button in at.get("download_button")]
    # The line above the table says how a BSN shows, and the table holds to it (it once promised two digits).
    assert (
        "Geen BSN op deze pagina: een waarde in een BSN-kolom staat er als sterretjes, en een reeks van 8 of meer "
        "cijfers in een andere kolom ook (het kan een verschoven BSN zijn)." in [c.value for c in at.caption]
    )
    regels = at.dataframe[REGELS].value
    bsn = [w for k, w in zip(regels["Kolom"], regels["Waarde"], strict=True) if k == "bsn"]
    assert bsn and all(set(w) == {"*"} for w in bsn)


def test_a_shared_link_with_bron_shows_only_that_source(built_warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = page(built_warehouse, monkeypatch, bron="UWV")
    assert at.selectbox(key="bron").value == "uwv"
    assert list(at.dataframe[OVERZICHT].value["Entiteit"]) == ["Doelgroepregister banenafspraak", "Wajong-uitkeringen"]
    assert [message.value for message in at.success] == ["Geen regels in quarantaine voor UWV."]


def test_without_a_warehouse_the_app_says_what_to_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SEMON_WAREHOUSE", str(tmp_path / "nog-niet.duckdb"))
    at = AppTest.from_file(str(APP_ENTRYPOINT), default_timeout=60).run()
    assert not at.exception
    assert [w.value for w in at.warning if "warehouse" in w.value] == [
        f"Er is nog geen warehouse op {tmp_path / 'nog-niet.duckdb'}. Lees extracten in met `semon ingest` "
        "en bouw met `semon build`."
    ]


def test_a_published_build_shows_on_the_next_run(
    built_warehouse: Path, demo_warehouse: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    live = tmp_path / "semon.duckdb"
    shutil.copyfile(built_warehouse, live)
    at = page(live, monkeypatch)
    assert metrics(at)["Regels geladen"] == "55"
    staged = tmp_path / "next.duckdb"
    shutil.copyfile(demo_warehouse, staged)
    os.replace(staged, live)  # what warehouse.publish does
    at.run()  # the same session, next rerun: the new file
    assert metrics(at)["Regels geladen"] != "55"
    assert metrics(at)["Laatste peildatum"] == "1 okt 2026"  # the demo set's 13th month


def test_a_refresh_that_refused_files_is_said_in_yellow_with_their_names_and_no_bsn(
    built_warehouse: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A refresh by cron or `semon watch` has only its status for the operator: the page shows it, a refusal in
    yellow, the refused file's name whole (its date is what the sender looks for) and anything else BSN-shaped
    masked."""
    from warehouse.status import RefreshStatus, write_status

    live = tmp_path / "semon.duckdb"
    shutil.copyfile(built_warehouse, live)
    melding = (
        "3 nieuwe bestanden ingelezen, gebouwd en gepubliceerd. 1 bestand geweigerd (naar rejected/ naast de inbox, "
        "met de reden): werkplein_ladder_20620201.csv: regel 2 bevat 123456782"
    )
    weigering = "1 bestand geweigerd (naar rejected/ naast de inbox, met de reden): werkplein_ladder_20620201.csv: …"
    write_status(live, RefreshStatus("2026-12-08T02:30:00", True, melding, 3, 1, weigering))
    at = page(live, monkeypatch)
    assert [w.value for w in at.warning if w.value.startswith("Laatste verversing")] == [
        "Laatste verversing 8 december 2026 om 02:30: 3 nieuwe bestanden ingelezen, gebouwd en gepubliceerd. "
        "1 bestand geweigerd (naar rejected/ naast de inbox, met de reden): werkplein_ladder_20620201.csv: "
        "regel 2 bevat *********"
    ]
    write_status(live, RefreshStatus("2026-12-08T02:45:00", True, "Niets nieuws in de inbox.", 0))
    at.run()
    assert not [w for w in at.warning if w.value.startswith("Laatste")]
    assert [s.value for s in at.success] == ["Laatste verversing 8 december 2026 om 02:45: Niets nieuws in de inbox."]
