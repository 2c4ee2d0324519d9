"""The instruments' outcomes on the page: what the data can and cannot say about them."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.queries import instrumenten
from app.selectie import maand_label, plus_maanden
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
