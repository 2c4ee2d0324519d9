"""Durability of placements (Plaatsingen & uitstroom, the council report): the jobs that last, not the trials."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from app import celsleutel
from app.formatting import procent
from app.privacy import drempel
from app.queries import stroom
from tests.helpers import open_app, query, selectie, ware_aantallen

WERK = "('REGULIER', 'LOONKOSTENSUBSIDIE', 'DETACHERING')"  # paid work (docs/definitions.md)


def test_durability_counts_the_placements_in_paid_work_and_reads_as_jobs_last(
    plausible_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Per start month, the placements in paid work and those of them whose person still works 6 and 12 months later:
    a proefplaatsing, leerwerkplek or klimopbaan is a step towards work (counted in, they read as jobs that did not
    last and halved the share, to about 44 % where CBS has 82 % of those who left bijstand for a job). Of the jobs,
    most last, not all: over the start months 75 to 90 % at 6 months, and fewer at 12."""
    ware_aantallen(plausible_warehouse, monkeypatch)
    f = selectie(plausible_warehouse)
    shown = stroom.duurzaamheid(f)
    expected = query(
        plausible_warehouse,
        f"""select date_trunc('month', begindatum)::date, count(*), count(duurzaam_6m), count(*) filter (duurzaam_6m),
                   count(duurzaam_12m), count(*) filter (duurzaam_12m)
            from marts.mart_plaatsingen
            where soort in {WERK} and begindatum <= ? and begindatum > ? - interval 36 month group by 1 order by 1""",
        [f.peildatum, f.peildatum],
    )
    kolommen = ["maand", "plaatsingen", "bekend_6m", "duurzaam_6m", "bekend_12m", "duurzaam_12m"]
    assert shown.select(kolommen).rows() == expected and len(expected) >= 30
    # Pooled over the start months (a month holds a dozen jobs at this size): CBS has 82 % after 6 months and 72 %
    # after 18 of those who left bijstand for a job.
    bekend_6, duurzaam_6, bekend_12, duurzaam_12 = (shown[k].sum() for k in kolommen[2:])
    assert 0.75 <= duurzaam_6 / bekend_6 <= 0.9, (duurzaam_6, bekend_6)
    assert 0.65 <= duurzaam_12 / bekend_12 < duurzaam_6 / bekend_6, (duurzaam_12, bekend_12)


def test_durability_per_quarter_is_published_by_its_months_keys_and_shows_what_months_hide(
    plausible_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A municipality's start months hold a few jobs each, so most of its shares are hidden (fewer than 5 that lasted
    or did not); per quarter they are three months' jobs. A quarter's counts are its months' summed, published with
    their keys summed (the same jobs get the same noise in every view), its shares from the published counts."""
    monkeypatch.setenv("SEMON_WAREHOUSE", str(plausible_warehouse))
    monkeypatch.delenv("SEMON_MIN_CEL", raising=False)
    f = selectie(plausible_warehouse, gemeente="GM0153")
    per_kwartaal = stroom.duurzaamheid(f, "kwartaal")
    expected = query(
        plausible_warehouse,
        f"""select date_trunc('quarter', begindatum)::date, count(*), sum(sleutel) % 4294967296
            from marts.mart_plaatsingen
            where gemeentecode = 'GM0153' and soort in {WERK} and begindatum <= ? and begindatum > ? - interval 36 month
            group by 1 order by 1""",
        [f.peildatum, f.peildatum],
    )
    assert per_kwartaal["maand"].to_list() == [q for q, _, _ in expected]
    assert per_kwartaal["plaatsingen"].to_list() == [celsleutel.publiceer(n, k, drempel()) for _, n, k in expected]
    bekend, duurzaam = per_kwartaal["bekend_6m"], per_kwartaal["duurzaam_6m"]
    for pct, b, d in zip(per_kwartaal["duurzaam_6m_pct"], bekend, duurzaam, strict=True):
        assert pct is None or pct == round(100 * d / b, 1)
    shares = {per: stroom.duurzaamheid(f, per)["duurzaam_6m_pct"].drop_nulls().len() for per in ("maand", "kwartaal")}
    assert shares["kwartaal"] >= 4 and shares["kwartaal"] > shares["maand"], shares


def test_where_most_months_are_hidden_the_page_points_to_the_quarters(
    plausible_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The months a small selection can show are the ones where at least 5 jobs did not last: they read low. Twente at
    a fifth of its size shows few of its months and most of its quarters, and the page says so under the months."""
    monkeypatch.delenv("SEMON_MIN_CEL", raising=False)
    at = open_app(plausible_warehouse, monkeypatch, "plaatsingen")
    f = selectie(plausible_warehouse)
    zonder = {}
    for per in ("maand", "kwartaal"):
        bekend = stroom.duurzaamheid(f, per).filter(pl.col("bekend_6m").ne_missing(0))
        zonder[per] = bekend["duurzaam_6m_pct"].null_count() / bekend.height
    assert zonder["maand"] > 0.5 and 1 - zonder["kwartaal"] >= 2 * (1 - zonder["maand"]), zonder
    zin = (
        f"Per maand is {procent(100 * zonder['maand'], 0)} van de startmaanden te klein om te tonen, per kwartaal "
        f"{procent(100 * zonder['kwartaal'], 0)}: kies hierboven Kwartaal."
    )
    assert any(c.value.startswith(zin) for c in at.caption), [c.value for c in at.caption]
    at.segmented_control(key="duurzaam_per").set_value("kwartaal").run()
    assert not any(c.value.startswith("Per maand is") and "startmaanden" in c.value for c in at.caption)
