"""The attacker's test for the WSW page, the UWV section and the youth page (issue 11): every published count of their
tables, over the filter space the dashboard offers, solved by differencing (tests/helpers_privacy.py).

Tables: WSW employees per arbeidsvorm (every month), per SW-bedrijf and per indicatie and in total (a few months); the
waiting list per month and per quarter (on the list, in, out, and out by reason); UWV per month (Wajong, working, with
arbeidsvermogen, doelgroepregister) and per regeling/grondslag (a few months), for every age band and gender; the youth
page per month (RMC statuses and their total, young people on bijstand and per trede, SD4) per gender. All for the 14
municipalities and Twente. Equations: a total minus its parts over category, age band, gender and municipality, and a
quarter's flow minus its months'. Without the cell key (the per-query suppression these pages had) the attack must
succeed.
"""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest

from app.celsleutel import grens
from app.queries import jongeren, uwv, wsw
from app.selectie import Filters, plus_maanden
from tests.helpers import GEMEENTEN
from tests.helpers_privacy import ALLE, Enumeration, Sleutel, recovered

GESLACHTEN = [None, "M", "V", "X", "onbekend"]
LEEFTIJDEN = [None, "<27", "27-34", "35-44", "45-54", "55+", "onbekend"]
UWV_MATEN = {  # per doelgroep of uwv.per_categorie: its count columns and the measure of uwv.reeks they split
    "WAJONG": {"personen": "wajong", "werkend": "wajong_werkend", "met_arbeidsvermogen": "wajong_arbeidsvermogen"},
    "DOELGROEPREGISTER": {"personen": "doelgroepregister"},
}
# A key: (table, measure, category 1, category 2, category 3, age band, gender, municipality, month).
DIMS = (2, 3, 4, 5, 6, 7)
KWARTAAL = "wachtlijst per kwartaal"  # its month: the quarter's first


def _filters(maand: dt.date, gemeente: str | None, leeftijd: str | None = None, geslacht: str | None = None) -> Filters:
    return Filters(
        gemeente=gemeente, gemeente_naam="", doelgroepen=(), doelgroep_naam="", maand=maand,
        leeftijdsklasse=leeftijd, geslacht=geslacht, laatste_maand=maand,
    )  # fmt: skip


def publish_all(warehouse: Path, monkeypatch: pytest.MonkeyPatch, protected: bool) -> dict[Sleutel, int | None]:
    """Every published count of the enumerated filter space; None = shown as hidden ("< 5")."""
    monkeypatch.setenv("SEMON_WAREHOUSE", str(warehouse))
    monkeypatch.setenv("SEMON_CELSLEUTEL", "aan" if protected else "uit")
    monkeypatch.delenv("SEMON_MIN_CEL", raising=False)
    published: dict[Sleutel, int | None] = {}
    twente = wsw.werknemers_reeks(_filters(dt.date(2100, 1, 1), None))
    maanden = sorted({d.replace(day=1) for d in twente["peildatum"]})
    enkele = maanden[-4:]  # the tables at one month end: a few months
    nieuwste = maanden[-1]
    for gemeente in [None, *GEMEENTEN]:
        g = gemeente or ALLE
        # WSW employees: per arbeidsvorm over time; per SW-bedrijf, indicatie and in total at a few month ends.
        for rij in wsw.werknemers_reeks(_filters(nieuwste, gemeente)).iter_rows(named=True):
            maand = rij["peildatum"].replace(day=1)
            published[("wsw", "personen", rij["arbeidsvorm"], ALLE, ALLE, ALLE, ALLE, g, maand)] = rij["personen"]
        for maand in enkele:
            f = _filters(maand, gemeente)
            published[("wsw", "personen", ALLE, ALLE, ALLE, ALLE, ALLE, g, maand)] = wsw.totaal(f)["personen"][0]
            for rij in wsw.werknemers(f, "sw_bedrijf").iter_rows(named=True):
                published[("wsw", "personen", ALLE, rij["sw_bedrijf"], ALLE, ALLE, ALLE, g, maand)] = rij["personen"]
            for rij in wsw.werknemers(f, "indicatie").iter_rows(named=True):
                published[("wsw", "personen", ALLE, ALLE, rij["indicatie"], ALLE, ALLE, g, maand)] = rij["personen"]
        # The waiting list per month and per quarter: out by reason adds up to out.
        for per, tabel in (("maand", "wachtlijst"), ("kwartaal", KWARTAAL)):
            for rij in wsw.wachtlijst(_filters(nieuwste, gemeente), per).iter_rows(named=True):
                for kolom in ("op_lijst", "instroom", "uitstroom"):
                    published[(tabel, kolom, ALLE, ALLE, ALLE, ALLE, ALLE, g, rij["maand"])] = rij[kolom]
                for reden in wsw.REDENEN:
                    cel = (tabel, "uitstroom", reden, ALLE, ALLE, ALLE, ALLE, g, rij["maand"])
                    published[cel] = rij[f"uitstroom_{reden}"]
        # The youth page, per gender: the RMC statuses add up to the registered; the treden have no total of their own.
        for geslacht in GESLACHTEN:
            s = geslacht or ALLE
            for rij in jongeren.per_maand(_filters(nieuwste, gemeente, geslacht=geslacht)).iter_rows(named=True):
                maand = rij["peildatum"].replace(day=1)
                published[("jongeren", "vsv", ALLE, ALLE, ALLE, ALLE, s, g, maand)] = rij["vsv_geregistreerd"]
                for status in jongeren.VSV_STATUSSEN:
                    published[("jongeren", "vsv", status, ALLE, ALLE, ALLE, s, g, maand)] = rij[f"vsv_{status}"]
                published[("jongeren", "bijstand", ALLE, ALLE, ALLE, ALLE, s, g, maand)] = rij["jongeren_bijstand"]
                for t in range(1, 7):
                    cel = ("jongeren", "bijstand_trede", t, ALLE, ALLE, ALLE, s, g, maand)
                    published[cel] = rij[f"jongeren_bijstand_trede_{t}"]
                published[("jongeren", "sd4", ALLE, ALLE, ALLE, ALLE, s, g, maand)] = rij["sd4_gerealiseerd"]
        # UWV: over time, and per regeling or grondslag at a few month ends, for every age band and gender.
        for leeftijd, geslacht in itertools.product(LEEFTIJDEN, GESLACHTEN):
            persoon = (leeftijd or ALLE, geslacht or ALLE, g)
            for rij in uwv.reeks(_filters(nieuwste, gemeente, leeftijd, geslacht)).iter_rows(named=True):
                maand = rij["peildatum"].replace(day=1)
                for maat in ("wajong", "wajong_werkend", "wajong_arbeidsvermogen", "doelgroepregister"):
                    published[("uwv", maat, ALLE, ALLE, ALLE, *persoon, maand)] = rij[maat]
            for maand in enkele[-2:]:
                for rij in uwv.per_categorie(_filters(maand, gemeente, leeftijd, geslacht)).iter_rows(named=True):
                    for kolom, maat in UWV_MATEN[rij["doelgroep"]].items():
                        published[("uwv", maat, rij["categorie"], ALLE, ALLE, *persoon, maand)] = rij[kolom]
    return published


def solved(published: dict[Sleutel, int | None], bound: int | None) -> dict[Sleutel, set[int]]:
    def kwartaal(key: Sleutel) -> list[Sleutel]:
        """A quarter's flow is the sum of its months' (a month without a row has none: no part)."""
        if key[0] != KWARTAAL or key[1] == "op_lijst":
            return []
        maanden = [plus_maanden(key[-1], i) for i in range(3)]
        return [p for m in maanden if (p := ("wachtlijst", *key[1:-1], m)) in published]

    return recovered(published, bound, DIMS, kwartaal)


@pytest.fixture(scope="module")
def attack(tmp_path_factory: pytest.TempPathFactory, demo_warehouse: Path) -> Enumeration[dict[Sleutel, int | None]]:
    return Enumeration(tmp_path_factory, "test_privacy_attack_wsw", demo_warehouse, publish_all)


def test_every_table_is_enumerated(attack: Enumeration) -> None:
    tables = {key[0] for key in attack[True]}
    assert tables == {"wsw", "wachtlijst", KWARTAAL, "jongeren", "uwv"}
    assert attack[True].keys() == attack[False].keys()


def test_without_the_cell_key_differencing_gives_hidden_counts_back(attack: Enumeration) -> None:
    exact = solved(attack[False], bound=0)
    assert len(exact) >= 10, "the unprotected pages should be attackable: otherwise this test proves nothing"
    assert {key[0] for key in exact} >= {"wsw", "uwv", "jongeren"}


def test_with_the_cell_key_no_hidden_count_is_recovered_exactly(attack: Enumeration) -> None:
    published = attack[True]
    assert sum(v is None for v in published.values()) >= 50  # there is something to attack
    assert solved(published, bound=None) == {}
    assert all(v is None or v == 0 or v >= 5 for v in published.values())  # no small value is ever shown


def test_published_counts_stay_close_to_the_truth(attack: Enumeration) -> None:
    true, shown = attack[False], attack[True]
    pairs = [(true[k], shown[k]) for k in true if true[k] is not None and true[k] >= 20 and shown.get(k) is not None]
    assert pairs
    assert all(abs(t - s) <= grens(t) for t, s in pairs)
    assert sum(t != s for t, s in pairs) > len(pairs) / 4  # the noise is real
