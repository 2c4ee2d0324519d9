"""The Wsw waiting list per quarter (WSW & beschut werk): even Twente's monthly flows onto and off it are a few."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.queries import wsw
from tests.helpers import kwartaal_label, open_app, query, selectie, ware_aantallen


def test_a_quarter_sums_its_months_flows_and_ends_with_its_last_months_list(
    plausible_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ware_aantallen(plausible_warehouse, monkeypatch)
    redenen = [f"uitstroom_{r}" for r in wsw.REDENEN]
    for gemeente in (None, "GM0153"):
        shown = wsw.wachtlijst(selectie(plausible_warehouse, gemeente=gemeente), "kwartaal")
        expected = query(
            plausible_warehouse,
            f"""with maanden as (
                    select maand, sum(op_lijst) as op_lijst, sum(instroom) as instroom, sum(uitstroom) as uitstroom,
                           {", ".join(f"sum({k}) as {k}" for k in redenen)}
                    from marts.mart_wsw_wachtlijst where gemeentecode = coalesce(?, gemeentecode) group by maand
                )
                select date_trunc('quarter', maand)::date, min(maand), max(maand), arg_max(op_lijst, maand),
                       sum(instroom)::bigint, sum(uitstroom)::bigint, {", ".join(f"sum({k})::bigint" for k in redenen)}
                from maanden group by 1 order by 1""",
            [gemeente],
        )
        assert len(expected) >= 12
        kolommen = ["maand", "op_lijst", "instroom", "uitstroom", *redenen]
        assert shown.select(kolommen).rows() == [(q, *rest) for q, _, _, *rest in expected]
        labels = [kwartaal_label(begin, eind) for _, begin, eind, *_ in expected]
        assert shown["kwartaal"].to_list() == labels


def test_the_page_shows_the_waiting_list_per_quarter(
    plausible_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_app(plausible_warehouse, monkeypatch, "wsw")
    at.segmented_control(key="wachtlijst_per").set_value("kwartaal").run()
    tabel = next(t.value for t in at.dataframe if "Op de wachtlijst (laatste maand)" in t.value.columns)
    assert list(tabel.columns[:4]) == [
        "Kwartaal",
        "Op de wachtlijst (laatste maand)",
        "Op de lijst gekomen",
        "Van de lijst af",
    ]
    assert tabel["Kwartaal"].iloc[-1].endswith(str(selectie(plausible_warehouse).maand.year))
