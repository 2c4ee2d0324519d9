"""The instruments' outcomes on the page: what the data can and cannot say about them."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from app.queries import indicator, instrumenten
from app.selectie import Filters, maand_label, plus_maanden
from app.woorden import RENDEMENT_BEGIN
from tests.helpers import open_app, query


def test_the_outcomes_say_when_the_data_begin_within_a_wage_subsidys_term(
    plausible_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An outflow to work while an instrument ran counts (a wage subsidy comes with the job that ends the benefit),
    but not before the first month of data: the plausible warehouse's 37 months leave the window's instruments
    that began up to three years earlier without it, and both pages that use the outcomes say so."""
    first = query(plausible_warehouse, "select min(maand) from marts.mart_indicator_cellen")[0][0]
    window = query(
        plausible_warehouse,
        "select distinct venster_begin from marts.mart_instrumenten_rendement "
        "where maand = (select max(maand) from marts.mart_instrumenten_rendement)",
    )
    assert window == [(plus_maanden(first, 1),)]  # the first window: 36 months after the first month of data
    said = RENDEMENT_BEGIN.format(maand=maand_label(first))
    for page in ("instrumenten", "prognoses"):
        at = open_app(plausible_warehouse, monkeypatch, page)
        assert said in [c.value for c in at.caption], page
    # Within three years of the window's first month, not beyond.
    assert instrumenten.gegevens_vanaf(plus_maanden(first, 35)) == first
    assert instrumenten.gegevens_vanaf(plus_maanden(first, 36)) is None


def test_an_instrument_whose_cost_is_nothing_has_no_cost_per_durable_outflow(
    plausible_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A trial placement books no cost (the benefit runs on): "€ 0 per durable outflow" would read as free. Its cost
    per durable outflow is empty and the page says why; an instrument with a cost keeps cost ÷ durable outflow."""
    monkeypatch.setenv("SEMON_WAREHOUSE", str(plausible_warehouse))
    newest = indicator.maanden()["maand"].max()
    f = Filters(gemeente=None, gemeente_naam="Twente", doelgroepen=(), doelgroep_naam="", maand=newest,
                leeftijdsklasse=None, geslacht=None, laatste_maand=newest)  # fmt: skip
    rendement = instrumenten.rendement(f)
    duurzaam = rendement.filter(pl.col("duurzame_uitstroom") > 0)
    nul = duurzaam.filter(pl.col("kosten_eur") == 0)
    assert nul["instrument"].to_list() == ["PROEFPLAATSING"] and nul["kosten_per_duurzame_uitstroom"].is_null().all()
    met = duurzaam.filter(pl.col("kosten_eur") > 0)
    assert met.height >= 5
    assert met["kosten_per_duurzame_uitstroom"].to_list() == [
        round(k / d) for k, d in zip(met["kosten_eur"], met["duurzame_uitstroom"], strict=True)
    ]
    at = open_app(plausible_warehouse, monkeypatch, "instrumenten")
    assert any(c.value.startswith("Kosten € 0 bij Proefplaatsing: daar staan geen kosten per") for c in at.caption)
