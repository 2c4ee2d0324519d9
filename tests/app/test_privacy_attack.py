"""The attacker's test (issue 11): everything the widest role can ask of the indicators, solved by differencing.

The widest role (beheer, or regio for the benchmark) sees every municipality, doelgroep, age band, gender, month
and 12-month window; a municipality's user sees a subset of the same published values (the noise of a cell
depends on its people only, not on who asks), so what cannot be solved here cannot be solved with less.
The attacker knows the method and its bound (a published count is at most MAX_RUIS off). A hidden count (1 to 4)
counts as recovered when the equations pin it to one value: totals minus parts (gender, age band, municipality)
and a 12-month window minus its months. With the protection switched off (the old per-query suppression), the
same attack must succeed, or this test proves nothing.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from pathlib import Path

import pytest

from app.celsleutel import MAX_RUIS
from app.queries import indicator, ladder
from app.selectie import Filters, plus_maanden

GESLACHTEN = [None, "M", "V", "X", "onbekend"]
LEEFTIJDEN = [None, "<27", "27-34", "35-44", "45-54", "55+", "onbekend"]
DOELGROEPEN = {(): 0, ("PW",): 1}
GEMEENTEN = ["GM0141", "GM0147", "GM1774", "GM0153", "GM0158", "GM0163", "GM0164", "GM1735", "GM0168", "GM0173",
             "GM1742", "GM0183", "GM1700", "GM0189"]  # fmt: skip
INDICATOREN = ["bijstand_bestand", "plaatsingen", "ladder_personen"]  # stocks and a flow
ALLE = "*"

# indicator, period kind, doelgroepen, age band, gender, municipality, trede, month
Sleutel = tuple[str, str, tuple, str, str, str, object, dt.date]


def publish_all(warehouse: Path, monkeypatch: pytest.MonkeyPatch, protected: bool) -> dict[Sleutel, int | None]:
    """Every published count of the enumerated filter space; None = shown as hidden ("< 5")."""
    monkeypatch.setenv("SEMON_WAREHOUSE", str(warehouse))
    monkeypatch.setenv("SEMON_CELSLEUTEL", "aan" if protected else "uit")
    monkeypatch.delenv("SEMON_MIN_CEL", raising=False)
    newest = indicator.maanden()["maand"].max()
    published: dict[Sleutel, int | None] = {}
    for naam, periode, (doelgroepen, masker), leeftijd, geslacht in itertools.product(
        INDICATOREN, ["maand", "12m"], DOELGROEPEN.items(), LEEFTIJDEN, GESLACHTEN
    ):
        f = Filters(
            gemeente=None, gemeente_naam="Twente", doelgroepen=doelgroepen, doelgroep_naam="", maand=newest,
            leeftijdsklasse=leeftijd, geslacht=geslacht, periode=periode, laatste_maand=newest, masker=masker,
        )  # fmt: skip
        for rij in indicator.reeks(naam, f, per_gemeente=True).iter_rows(named=True):
            cel = (naam, periode, doelgroepen, leeftijd or ALLE, geslacht or ALLE)
            published[(*cel, rij["gemeentecode"], ALLE, rij["maand"])] = rij["teller"]
            twente = None if rij["twente_waarde"] is None else round(rij["twente_waarde"])
            published[(*cel, ALLE, ALLE, rij["maand"])] = twente
    # The ladder page: people per trede, for every municipality and Twente, age band and gender; their total is
    # the indicator "ladder_personen" above.
    for gemeente, leeftijd, geslacht in itertools.product([None, *GEMEENTEN], LEEFTIJDEN, GESLACHTEN):
        f = Filters(
            gemeente=gemeente, gemeente_naam="", doelgroepen=(), doelgroep_naam="", maand=newest,
            leeftijdsklasse=leeftijd, geslacht=geslacht, laatste_maand=newest,
        )  # fmt: skip
        for rij in ladder.stand(f).iter_rows(named=True):
            cel = ("ladder_personen", "maand", (), leeftijd or ALLE, geslacht or ALLE, gemeente or ALLE)
            published[(*cel, rij["trede"], rij["peildatum"].replace(day=1))] = rij["personen"]
    return published


def equations(published: dict[Sleutel, int | None]) -> list[tuple[Sleutel, list[Sleutel]]]:
    """Every (total, parts) pair the filter space offers."""
    found = []
    by_dim: dict[int, dict[tuple, list[Sleutel]]] = {d: defaultdict(list) for d in (3, 4, 5, 6)}
    for key in published:
        for dim in by_dim:  # age band, gender, municipality, trede
            if key[dim] != ALLE:
                by_dim[dim][(*key[:dim], ALLE, *key[dim + 1 :])].append(key)
    for groups in by_dim.values():
        found += [(total, parts) for total, parts in groups.items() if total in published]
    for key in published:  # a 12-month window of a flow is its twelve months
        naam, periode, *rest, maand = key
        if naam == "plaatsingen" and periode == "12m":
            months = [(naam, "maand", *rest, plus_maanden(maand, -i)) for i in range(12)]  # type: ignore[misc]
            if all(m in published for m in months):
                found.append((key, months))
    return found


def recovered(published: dict[Sleutel, int | None], bound: int) -> dict[Sleutel, set[int]]:
    """Hidden cells pinned to a single value by the equations (each published term at most `bound` off)."""
    feasible: dict[Sleutel, set[int]] = {}
    for total, parts in equations(published):
        cells = [total, *parts]
        hidden = [c for c in cells if published[c] is None]
        if len(hidden) != 1:
            continue
        (target,) = hidden
        if target == total:
            estimate = sum(published[p] for p in parts)
        else:
            estimate = published[total] - sum(published[p] for p in parts if p != target)
        slack = bound * (len(cells) - 1)
        values = {x for x in range(1, 5) if abs(estimate - x) <= slack}
        feasible[target] = feasible.get(target, set(range(1, 5))) & values
    return {cell: values for cell, values in feasible.items() if len(values) == 1}


@pytest.fixture(scope="module")
def attack(demo_warehouse: Path) -> dict[bool, dict[Sleutel, int | None]]:
    with pytest.MonkeyPatch.context() as monkeypatch:
        return {protected: publish_all(demo_warehouse, monkeypatch, protected) for protected in (False, True)}


def test_without_the_cell_key_differencing_gives_hidden_counts_back(attack: dict) -> None:
    exact = recovered(attack[False], bound=0)
    assert len(exact) >= 10, "the unprotected monitor should be attackable: otherwise this test proves nothing"


def test_with_the_cell_key_no_hidden_count_is_recovered_exactly(attack: dict) -> None:
    published = attack[True]
    assert sum(v is None for v in published.values()) >= 50  # there is something to attack
    assert recovered(published, bound=MAX_RUIS) == {}
    assert all(v is None or v == 0 or v >= 5 for v in published.values())  # no small value is ever shown


def test_published_counts_stay_close_to_the_truth(attack: dict) -> None:
    # Utility (docs/privacy.md): a published count of 20 or more is at most MAX_RUIS from the true count.
    true, shown = attack[False], attack[True]
    pairs = [(true[k], shown[k]) for k in true if true[k] is not None and true[k] >= 20 and shown.get(k) is not None]
    assert pairs
    assert all(abs(t - s) <= MAX_RUIS for t, s in pairs)
    assert sum(t != s for t, s in pairs) > len(pairs) / 4  # the noise is real: about half the cells move

