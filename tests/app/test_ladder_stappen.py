"""The ladder's steps up per quarter (Participatieladder): for a small municipality, whose months are mostly hidden."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from app.formatting import procent
from app.queries import ladder
from tests.helpers import kwartaal_label, open_app, query, selectie, ware_aantallen

STAPPEN = ["omhoog", "gelijk", "omlaag", "opnieuw_gescoord"]


def test_a_quarter_sums_the_steps_of_its_months(plausible_warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ware_aantallen(plausible_warehouse, monkeypatch)
    for gemeente in ("GM0153", "GM0183"):
        shown = ladder.stappen(selectie(plausible_warehouse, gemeente=gemeente), "kwartaal")
        expected = query(
            plausible_warehouse,
            """select date_trunc('quarter', peildatum_tot)::date, min(peildatum_tot), max(peildatum_tot),
                      sum(personen) filter (where stap > 0), sum(personen) filter (where stap = 0),
                      sum(personen) filter (where stap < 0), sum(personen)
               from marts.mart_ladder_overgangen where gemeentecode = ? group by 1 order by 1""",
            [gemeente],
        )
        assert len(expected) >= 12
        assert shown.select("peildatum", *STAPPEN).rows() == [(q, *(n or 0 for n in s)) for q, _, _, *s in expected]
        labels = [kwartaal_label(begin, eind) for _, begin, eind, *_ in expected]
        assert shown["kwartaal"].to_list() == labels
        aandeel = [None if n < 5 else round(100 * (up or 0) / n, 1) for _, _, _, up, _, _, n in expected]
        assert shown["omhoog_pct"].to_list() == aandeel


def test_the_page_points_to_the_quarters_where_they_hide_far_less_than_the_months(
    plausible_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a threshold of 10 (SEMON_MIN_CEL, a municipality may choose it) Hengelo's share up is missing in most
    months of the plausible warehouse (a fifth of Twente) and in few quarters: the page says so under the chart.
    Tubbergen's quarters miss more than its months (a month's 0 up is shown, a quarter's 1 to 9 is not), Enschede
    misses none: no word there."""
    monkeypatch.setenv("SEMON_WAREHOUSE", str(plausible_warehouse))
    monkeypatch.setenv("SEMON_MIN_CEL", "10")
    delen = {}
    for naam, code in (("Hengelo", "GM0164"), ("Tubbergen", "GM0183"), ("Enschede", "GM0153")):
        f = selectie(plausible_warehouse, gemeente=code)
        delen[naam] = [zonder_cijfer(ladder.stappen(f, per)) for per in ("maand", "kwartaal")]
    assert delen["Hengelo"][0] > 0.5 and delen["Hengelo"][1] < delen["Hengelo"][0] / 2
    assert delen["Tubbergen"][1] > delen["Tubbergen"][0] / 2 and delen["Enschede"] == [0, 0]

    def hint(at: AppTest) -> list[str]:
        return [c.value for c in at.caption if c.value.startswith("Per maand heeft ")]

    at = open_app(plausible_warehouse, monkeypatch, "ladder", gemeente="Hengelo")
    maand, kwartaal = (procent(100 * d, 0) for d in delen["Hengelo"])
    assert hint(at) == [
        f"Per maand heeft {maand} van de maanden te weinig mensen voor een cijfer, per kwartaal {kwartaal} van de "
        "kwartalen: kies hierboven Kwartaal."
    ]
    at.segmented_control(key="stappen_per").set_value("kwartaal").run()
    assert hint(at) == []
    tabel = at.dataframe[-1].value
    # A share of those scored again, in %: not the Overzicht's steps up per 100 people on the ladder.
    assert list(tabel.columns) == ["Kwartaal", "Omhoog", "Gelijk", "Omlaag", "Opnieuw gescoord", "Omhoog (%)"]
    assert tabel["Kwartaal"].iloc[-1].endswith(str(selectie(plausible_warehouse).maand.year))
    for naam in ("Tubbergen", "Enschede"):
        assert hint(open_app(plausible_warehouse, monkeypatch, "ladder", gemeente=naam)) == []


def zonder_cijfer(stappen: pl.DataFrame) -> float:
    """The share of months (or quarters) without a figure for the share up."""
    return stappen["omhoog_pct"].null_count() / stappen.height
