"""The attacker's test (issue 11): everything the widest role can ask of the indicators, solved by differencing.

The widest role (beheer, or regio for the benchmark) sees every municipality, doelgroep, age band, gender, month
and 12-month window; a municipality's user sees a subset of the same published values (the noise of a cell
depends on its people only, not on who asks), so what cannot be solved here cannot be solved with less.
The attacker knows the method and its parameters (tests/helpers_privacy.py). A hidden count counts as recovered
when the equations pin it to one value: totals minus parts (gender, age band, municipality) and a 12-month window
minus its months; on the ladder page also the people scored again minus those up, equal and down, and a quarter
minus its months (the steps up per quarter). With the protection switched off (the old per-query suppression), the
same attack must succeed (on doelgroep "all" only: that is enough to show it), or this test proves nothing.
"""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest

from app.celsleutel import grens
from app.privacy import afronden
from app.queries import indicator, ladder
from app.selectie import Filters, plus_maanden
from tests.helpers import GEMEENTEN
from tests.helpers_privacy import ALLE, Enumeration, Sleutel, doelgroep_keuzes, recovered

GESLACHTEN = [None, "M", "V", "X", "onbekend"]
LEEFTIJDEN = [None, "<27", "27-34", "35-44", "45-54", "55+", "onbekend"]
INDICATOREN = ["bijstand_bestand", "plaatsingen", "ladder_personen"]  # stocks and a flow
# The benchmark in presentation mode: tellers rounded to fives beside the exact noemer and the rate. Inhabitants
# (exact) and people scored on the ladder (a perturbed count) as noemer.
PRESENTATIE = ["bijstand_per_10000_18plus", "plaatsingen_per_10000", "aandeel_trede_4_6"]
# The ladder's steps as keys: a step (its position in the key) and the column that publishes it; all scored again is
# their total.
STAPPEN = {"omhoog": "omhoog", "gelijk": "gelijk", "omlaag": "omlaag", ALLE: "opnieuw_gescoord"}


def unround(rij: dict, ind: dict) -> int | bool | None:
    """The teller behind a presentation-mode row, as an attacker works it out: the rounded teller leaves five or so
    candidates, the rate and the noemer beside it keep those with rate = factor × teller / noemer at the shown
    decimals. None when the row is hidden, False when more than one candidate is left."""
    if rij["waarde"] is None:
        return None if rij["teller"] is None else False
    if not rij["noemer"]:
        return False
    kandidaten = [
        t
        for t in range(rij["teller"] - 3, rij["teller"] + 4)
        if abs(round(ind["factor"] * t / rij["noemer"], ind["decimalen"]) - rij["waarde"]) < 1e-9
    ]
    return kandidaten[0] if len(kandidaten) == 1 else False


Presentatie = dict[Sleutel, tuple[int | None, int | None]]


def benchmark_filters(
    newest: dt.date, periode: str, doelgroepen: tuple[str, ...], masker: int, leeftijd: str | None, geslacht: str | None
) -> Filters:
    """The benchmark's selection: every municipality, newest month, these person filters."""
    return Filters(
        gemeente=None, gemeente_naam="Twente", doelgroepen=doelgroepen, doelgroep_naam="", maand=newest,
        leeftijdsklasse=leeftijd, geslacht=geslacht, periode=periode, laatste_maand=newest, masker=masker,
    )  # fmt: skip


def publish_all(
    warehouse: Path, monkeypatch: pytest.MonkeyPatch, protected: bool
) -> tuple[dict[Sleutel, int | None], Presentatie]:
    """Every published count of the enumerated filter space (None = shown as hidden, "< 5"), and per benchmark row
    in presentation mode the rounded teller and the teller worked out from it."""
    monkeypatch.setenv("SEMON_WAREHOUSE", str(warehouse))
    monkeypatch.setenv("SEMON_CELSLEUTEL", "aan" if protected else "uit")
    monkeypatch.delenv("SEMON_MIN_CEL", raising=False)
    newest = indicator.maanden()["maand"].max()
    published: dict[Sleutel, int | None] = {}
    presentatie: Presentatie = {}
    for naam, periode, (doelgroepen, masker), leeftijd, geslacht in itertools.product(
        INDICATOREN, ["maand", "12m"], doelgroep_keuzes(protected), LEEFTIJDEN, GESLACHTEN
    ):
        f = benchmark_filters(newest, periode, doelgroepen, masker, leeftijd, geslacht)
        for rij in indicator.reeks(naam, f, per_gemeente=True).iter_rows(named=True):
            cel = (naam, periode, doelgroepen, leeftijd or ALLE, geslacht or ALLE)
            published[(*cel, rij["gemeentecode"], ALLE, rij["maand"])] = rij["teller"]
            twente = None if rij["twente_waarde"] is None else round(rij["twente_waarde"])
            published[(*cel, ALLE, ALLE, rij["maand"])] = twente
    for naam, periode, (doelgroepen, masker), leeftijd, geslacht in itertools.product(
        PRESENTATIE, ["maand", "12m"], doelgroep_keuzes(protected), LEEFTIJDEN, GESLACHTEN
    ):
        f = benchmark_filters(newest, periode, doelgroepen, masker, leeftijd, geslacht)
        ind = indicator.definitie(naam)
        reeks = indicator.reeks(naam, f, per_gemeente=True)
        getoond_reeks = afronden(reeks, ["teller"]).iter_rows(named=True)
        for rij, getoond in zip(reeks.iter_rows(named=True), getoond_reeks, strict=True):
            cel = (naam, periode, doelgroepen, leeftijd or ALLE, geslacht or ALLE, rij["gemeentecode"], ALLE)
            published[(*cel, rij["maand"])] = rij["teller"]  # the benchmark as it normally shows
            teller = unround(getoond, ind)
            if teller is not False:  # what presentation mode gives away, with the rounding undone
                published[(f"{naam} presentatie", *cel[1:], rij["maand"])] = teller
                presentatie[(*cel, rij["maand"])] = (getoond["teller"], teller)
    # The ladder page: people per trede, for every municipality and Twente, age band and gender; their total is
    # the indicator "ladder_personen" above. And its steps per month and per quarter: a month or quarter without a
    # row has no one scored again, which the attacker reads as 0 of each.
    maanden = sorted(indicator.maanden()["maand"])
    perioden = {"maand": maanden, "kwartaal": sorted({kwartaal(m) for m in maanden})}
    for gemeente, leeftijd, geslacht in itertools.product([None, *GEMEENTEN], LEEFTIJDEN, GESLACHTEN):
        f = Filters(
            gemeente=gemeente, gemeente_naam="", doelgroepen=(), doelgroep_naam="", maand=newest,
            leeftijdsklasse=leeftijd, geslacht=geslacht, laatste_maand=newest,
        )  # fmt: skip
        for rij in ladder.stand(f).iter_rows(named=True):
            cel = ("ladder_personen", "maand", (), leeftijd or ALLE, geslacht or ALLE, gemeente or ALLE)
            published[(*cel, rij["trede"], rij["peildatum"].replace(day=1))] = rij["personen"]
        for per, begin in perioden.items():
            rijen = {r["peildatum"].replace(day=1): r for r in ladder.stappen(f, per).iter_rows(named=True)}
            cel = ("ladder_stappen", per, (), leeftijd or ALLE, geslacht or ALLE, gemeente or ALLE)
            for maand in begin:
                rij = rijen.get(maand, dict.fromkeys(STAPPEN.values(), 0))
                for deel, kolom in STAPPEN.items():
                    published[(*cel, deel, maand)] = rij[kolom]
    return published, presentatie


DIMS = (3, 4, 5, 6)  # age band, gender, municipality, trede (or step: up, equal, down, all scored again)


def kwartaal(maand: dt.date) -> dt.date:
    return maand.replace(month=(maand.month - 1) // 3 * 3 + 1)


def window(key: Sleutel) -> list[Sleutel]:
    """A 12-month window of the flow is its twelve months; a quarter of the steps its three months."""
    naam, periode, *rest, maand = key
    if naam == "plaatsingen" and periode == "12m":
        return [(naam, "maand", *rest, plus_maanden(maand, -i)) for i in range(12)]
    if naam == "ladder_stappen" and periode == "kwartaal":
        return [(naam, "maand", *rest, plus_maanden(maand, i)) for i in range(3)]
    return []


def solved(published: dict[Sleutel, int | None], bound: int | None) -> dict[Sleutel, set[int]]:
    def windows(key: Sleutel) -> list[Sleutel]:
        # A quarter of the steps sums the months the data have (every one of them is published, a month without a
        # row as 0): the first and the running quarter may have fewer than three.
        return [p for p in window(key) if key[0] != "ladder_stappen" or p in published]

    return recovered(published, bound, DIMS, windows)


@pytest.fixture(scope="module")
def attack(
    tmp_path_factory: pytest.TempPathFactory, demo_warehouse: Path
) -> Enumeration[tuple[dict[Sleutel, int | None], Presentatie]]:
    return Enumeration(tmp_path_factory, "test_privacy_attack", demo_warehouse, publish_all)


def test_without_the_cell_key_differencing_gives_hidden_counts_back(attack: Enumeration) -> None:
    published, _ = attack[False]
    exact = solved(published, bound=0)
    assert len(exact) >= 10, "the unprotected monitor should be attackable: otherwise this test proves nothing"
    # The ladder's steps per quarter among them: the quarter's equations are in the attack.
    assert any(k[:2] == ("ladder_stappen", "kwartaal") for k in exact)


def test_without_the_cell_key_presentation_mode_gives_its_rounded_tellers_back(attack: Enumeration) -> None:
    # The "rounding undone": rate × noemer gives back the exact teller that was rounded to fives.
    _, presentatie = attack[False]
    undone = [(afgerond, teller) for afgerond, teller in presentatie.values() if teller is not None]
    assert sum(afgerond != teller for afgerond, teller in undone) >= 10


def test_with_the_cell_key_no_hidden_count_is_recovered_exactly(attack: Enumeration) -> None:
    published, presentatie = attack[True]
    hidden = sum(v is None for v in published.values())
    assert hidden >= 50  # there is something to attack
    pinned = solved(published, bound=None)
    print(f"{len(published)} published, {hidden} hidden, {len(pinned)} recovered")
    assert pinned == {}
    assert all(v is None or v == 0 or v >= 5 for v in published.values())  # no small value is ever shown
    # Presentation mode is in the enumeration above. Undoing its rounding gives back the teller the benchmark
    # shows anyway (a perturbed count), never more: a hidden row stays hidden, a shown one is the published value.
    assert sum(teller is not None for _, teller in presentatie.values()) >= 100
    assert all(teller == published[key] for key, (_, teller) in presentatie.items())


def test_published_counts_stay_close_to_the_truth(attack: Enumeration) -> None:
    # Utility (docs/privacy.md): a published count of 20 or more is at most grens(count) from the true
    # count: 2, or 5 % of the count where that is more.
    (true, _), (shown, _) = attack[False], attack[True]
    pairs = [(true[k], shown[k]) for k in true if true[k] is not None and true[k] >= 20 and shown.get(k) is not None]
    assert pairs
    assert all(abs(t - s) <= grens(t) for t, s in pairs)
    assert sum(t != s for t, s in pairs) > len(pairs) / 4  # the noise is real: about half the cells move
