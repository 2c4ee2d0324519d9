"""A quarter is published with its months' cell keys summed, a stand with its last month's key: the same people
counted over the same months get the same noise in every view, and a quarter's noise is not one a reader could undo.
Without it (a quarter's key lost, or one fixed key for every quarter) the perturbation becomes a known function of the
count, and the true count comes back."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import polars as pl
import pytest

from app import celsleutel
from app.privacy import drempel
from app.queries import ladder, stroom, wsw
from app.selectie import Filters
from tests.helpers import query, selectie

MODULUS = 4294967296
DELEN = {"uitstroom_werk"}  # a part of a count beside it

# Per quarter view: its query, the mart and the filter its rows come from, its month column, and each count the page
# shows with that count and its key in the mart: summed over the quarter's months, or (a stand) its last month's.
VIEWS: dict[str, tuple[Callable[[Filters, str], pl.DataFrame], str, str, str, dict[str, tuple[str, str, str]]]] = {
    "klantstroom": (
        stroom.klantstroom, "mart_klantstroom", "doelgroep = 'WERKPLEIN'", "maand",
        {
            **{k: ("som", k, f"{k}_sleutel") for k in ("instroom", "uitstroom", "uitstroom_werk")},
            "bestand": ("laatste", "bestand", "bestand_sleutel"),
        },
    ),
    "ladder stappen": (
        ladder.stappen, "mart_ladder_overgangen", "true", "peildatum_tot",
        {"opnieuw_gescoord": ("som", "personen", "sleutel")},
    ),
    "wachtlijst": (
        wsw.wachtlijst, "mart_wsw_wachtlijst", "true", "maand",
        {
            **{k: ("som", k, f"sleutel_{k}") for k in ("instroom", "uitstroom")},
            "op_lijst": ("laatste", "op_lijst", "sleutel_op_lijst"),
        },
    ),
}  # fmt: skip


@pytest.mark.parametrize("view", list(VIEWS))
def test_a_quarter_is_moved_by_the_sum_of_its_months_keys(
    plausible_warehouse: Path, monkeypatch: pytest.MonkeyPatch, view: str
) -> None:
    monkeypatch.setenv("SEMON_WAREHOUSE", str(plausible_warehouse))
    lees, mart, waar, maand, tellers = VIEWS[view]
    per_maand = ", ".join(f"sum({k})::hugeint as {k}, sum({s})::hugeint as {s}" for _, k, s in tellers.values())
    per_kwartaal = ", ".join(  # a month whose flow is unknown (the data's first) leaves its quarter's unknown
        f"case when count({k}) = count(*) then sum({k}) end::bigint, (sum({s}) % {MODULUS})::bigint"
        if soort == "som"
        else f"arg_max({k}, m)::bigint, (arg_max({s}, m) % {MODULUS})::bigint"
        for soort, k, s in tellers.values()
    )
    vergeleken = bewogen = 0
    for gemeente in (None, "GM0153"):
        f = dataclasses.replace(selectie(plausible_warehouse), gemeente=gemeente)
        shown = lees(f, "kwartaal")
        datum = shown.columns[0]  # the quarter's first day, named as its months are (maand or peildatum)
        rijen = query(
            plausible_warehouse,
            f"""with maanden as (
                    select {maand} as m, {per_maand} from marts.{mart}
                    where {waar} and gemeentecode = coalesce(?, gemeentecode) group by 1
                )
                select date_trunc('quarter', m)::date, {per_kwartaal} from maanden group by 1 order by 1""",
            [gemeente],
        )
        waar_en_verwacht = {
            (rij[0], naam): (rij[1 + 2 * i], celsleutel.publiceer(rij[1 + 2 * i], rij[2 + 2 * i], drempel()))
            for rij in rijen
            for i, naam in enumerate(tellers)
        }
        assert len(rijen) == shown.height >= 12
        for rij in shown.iter_rows(named=True):
            for naam in tellers:
                waar_aantal, verwacht = waar_en_verwacht[(rij[datum], naam)]
                if rij[naam] is None and naam in DELEN and verwacht is not None:
                    continue  # a part may also be hidden within its whole (privacy.binnen_geheel)
                assert rij[naam] == verwacht, (view, gemeente, rij[datum], naam)
                vergeleken += verwacht is not None and verwacht > 0
                bewogen += verwacht is not None and verwacht != waar_aantal  # the key moved it
    assert vergeleken >= 20 and bewogen >= vergeleken // 3, (vergeleken, bewogen)
