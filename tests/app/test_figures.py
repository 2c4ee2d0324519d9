"""The figures a wethouder can quote (issue 10) on their pages, checked against the story."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import open_app


@pytest.fixture(autouse=True)
def exact(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests check the figures' logic number by number: without the cell key's noise (the protection is
    checked in tests/app/test_privacy_attack.py)."""
    monkeypatch.setenv("SEMON_CELSLEUTEL", "uit")


def test_goal_bars_show_percentage_and_where_we_should_be(
    built_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SEMON_MIN_CEL", "1")
    at = open_app(built_warehouse, monkeypatch, gemeente="Enschede", periode="juni 2024")
    bars = [bar.proto.text for bar in at.get("progress")]
    # 1.000 × 61 / 1.461 = 41,8 → 42 (tests/dbt/test_marts_story.py)
    assert bars[0].startswith("Basis: 1 van 1.000 (0,1 %) · nu verwacht 42 — ")
    assert bars[1].startswith("Groei: 1 van 1.200 (0,1 %) · nu verwacht 50 — ")
    captions = [caption.value for caption in at.caption]
    assert any(c.startswith("Beleidsperiode 1 mei 2024 t/m 30 april 2028 (het plan gold 2011–2014") for c in captions)


def test_wajong_says_not_applicable_instead_of_zero_on_werkplein_tiles(
    built_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_app(built_warehouse, monkeypatch, gemeente="Hof van Twente", doelgroep="Wajong", periode="juni 2024")
    tiles = {metric.label: metric.value for metric in at.metric}
    assert tiles["Mensen op de ladder"] == "n.v.t."
    assert tiles["Plaatsingen gestart (juni 2024)"] == "n.v.t."
    assert tiles["Duurzame uitstroom"] == "n.v.t."


def test_uwv_section_counts_wajong_and_who_works(built_warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SEMON_MIN_CEL", "1")
    at = open_app(built_warehouse, monkeypatch, "wsw", gemeente="Hof van Twente", periode="juni 2024")
    tiles = {metric.label: metric.value for metric in at.metric}
    # June: P12 (Wajong 2010, not working) and P13 (Wajong 2015, working); P12 in the register.
    assert (tiles["Wajong"], tiles["Van wie werkend"], tiles["Met arbeidsvermogen"]) == ("2", "1", "2")
    assert tiles["Doelgroepregister"] == "1"


def test_sroi_table_shows_status_and_verdict(built_warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The story's contracts have a few placements each: their amounts show only without the threshold.
    monkeypatch.setenv("SEMON_MIN_CEL", "1")
    at = open_app(built_warehouse, monkeypatch, "werkgevers")
    sroi = next(frame.value for frame in at.dataframe if "Oordeel" in frame.value.columns)
    assert list(sroi["Contract"]) == ["SROI-1", "SROI-2"]
    assert list(sroi["Status"]) == ["Lopend", "Afgerond"]
    assert list(sroi["Oordeel"]) == ["op koers", "behaald"]
    assert list(sroi["Gerealiseerd"]) == ["€ 14.471", "€ 15.103"]
    assert any("Inkoop bij sociale ondernemingen" in caption.value for caption in at.caption)


def test_instrument_outcomes_say_when_they_cannot_be_known(
    built_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_app(built_warehouse, monkeypatch, "instrumenten", gemeente="Enschede", periode="juni 2024")
    assert any(info.value.startswith("Nog niet te weten") for info in at.info)
