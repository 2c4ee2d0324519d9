"""The client flow per quarter (Plaatsingen & uitstroom): for a small municipality, whose months are mostly hidden."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from app.formatting import procent
from app.queries import stroom
from tests.helpers import kwartaal_label, open_app, query, selectie, ware_aantallen

STROMEN = ["instroom", "uitstroom", "uitstroom_werk"]


def test_a_quarter_sums_its_months_flows_and_ends_with_its_last_months_bestand(
    plausible_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ware_aantallen(plausible_warehouse, monkeypatch)
    for gemeente in ("GM0153", "GM1735"):
        f = dataclasses.replace(selectie(plausible_warehouse), gemeente=gemeente)
        shown = stroom.klantstroom(f, "kwartaal").filter(pl.col("stromen_bekend"))
        # The months of each quarter that has every month's flows (the data's first month has none).
        expected = query(
            plausible_warehouse,
            f"""with maanden as (
                    select maand, sum(bestand) as bestand, {", ".join(f"sum({k}) as {k}" for k in STROMEN)}
                    from marts.mart_klantstroom where gemeentecode = ? and doelgroep = 'WERKPLEIN' group by maand
                )
                select date_trunc('quarter', maand)::date, min(maand), max(maand), arg_max(bestand, maand),
                       {", ".join(f"sum({k})::bigint" for k in STROMEN)}
                from maanden group by 1 having count(instroom) = count(*) order by 1""",
            [gemeente],
        )
        assert len(expected) >= 10
        assert shown.select("maand", "bestand", *STROMEN).rows() == [(q, b, *s) for q, _, _, b, *s in expected]
        labels = [kwartaal_label(begin, eind) for _, begin, eind, *_ in expected]
        assert shown["kwartaal"].to_list() == labels


def test_the_page_points_to_the_quarters_where_they_hide_far_less_than_the_months(
    plausible_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On the plausible warehouse (a fifth of Twente) Oldenzaal's monthly flows are 70 % hidden ("< 5"), its quarters'
    25 %: the page says so under the chart. Tubbergen's quarters hide more than its months (a month's 0 is shown, a
    quarter's 1 is not), Enschede hides next to nothing: no word there."""
    monkeypatch.setenv("SEMON_WAREHOUSE", str(plausible_warehouse))
    delen = {}
    for naam, code in (("Oldenzaal", "GM0173"), ("Tubbergen", "GM0183"), ("Enschede", "GM0153")):
        f = dataclasses.replace(selectie(plausible_warehouse), gemeente=code)
        delen[naam] = [verborgen_deel(stroom.klantstroom(f, per)) for per in ("maand", "kwartaal")]
    assert delen["Oldenzaal"][0] > 0.5 and delen["Oldenzaal"][1] < delen["Oldenzaal"][0] / 2
    assert delen["Tubbergen"][1] > delen["Tubbergen"][0] / 2 and delen["Enschede"][0] < 0.05

    def hint(at: AppTest) -> list[str]:
        # The flows' sentence (the durability chart beside it has one of its own about start months)
        return [c.value for c in at.caption if c.value.startswith("Per maand is ") and "van deze aantallen" in c.value]

    at = open_app(plausible_warehouse, monkeypatch, "plaatsingen", gemeente="Oldenzaal")
    maand, kwartaal = (procent(100 * d, 0) for d in delen["Oldenzaal"])
    assert hint(at) == [
        f"Per maand is {maand} van deze aantallen te klein om te tonen (< 5), per kwartaal {kwartaal}: kies hierboven "
        "Kwartaal."
    ]
    at.segmented_control(key="stroom_per").set_value("kwartaal").run()
    assert hint(at) == []
    tabel = at.dataframe[-1].value
    assert list(tabel.columns[:2]) == ["Kwartaal", "In de uitkering (laatste maand)"]
    assert tabel["Kwartaal"].iloc[-1].endswith(str(selectie(plausible_warehouse).maand.year))
    for naam in ("Tubbergen", "Enschede"):
        assert hint(open_app(plausible_warehouse, monkeypatch, "plaatsingen", gemeente=naam)) == []


def verborgen_deel(frame: pl.DataFrame) -> float:
    """Of the known flows (in, out, out to work), the share shown as hidden."""
    bekend = frame.filter(pl.col("stromen_bekend"))
    return sum(bekend[k].null_count() for k in STROMEN) / (3 * bekend.height)
