"""Enschede's WWB caseload on the ladder, 1 July 2010 (seed 002, Bijlage 4), delivered as extracts: every layer
that counts the ladder gives back the published distribution exactly."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest

from app.queries import indicator
from app.selectie import Filters
from tests.helpers import TEST_KEY, once, query
from tools.synth.bsn import BsnPool


@pytest.fixture(autouse=True)
def exact(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests check the figures' logic number by number: without the cell key's noise (the protection is
    checked in tests/app/test_privacy_attack.py)."""
    monkeypatch.setenv("SEMON_CELSLEUTEL", "uit")


# trede: people (total 5,351)
LADDER_2010 = {1: 751, 2: 1563, 3: 1821, 4: 1015, 5: 188, 6: 13}


@pytest.fixture(scope="session")
def enschede_2010(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The two extracts ingested and built, once for every worker of the run."""
    from ingest.load import ingest_paths
    from warehouse.build import dbt_build

    def make(folder: Path) -> None:
        inbox = folder / "inbox"
        inbox.mkdir()
        bsns = BsnPool(np.random.default_rng(2010)).take(sum(LADDER_2010.values()))
        treden = [trede for trede, n in LADDER_2010.items() for _ in range(n)]
        klanten = [
            "bsn;geboortedatum;geslacht;postcode;gemeentecode;regeling;datum_instroom;datum_uitstroom;reden_uitstroom"
        ]
        ladder = ["bsn;peildatum;trede;vastgesteld_door"]
        for i, (bsn, trede) in enumerate(zip(bsns, treden, strict=True)):
            klanten.append(f"{bsn:09d};01-01-{1950 + i % 40};{'MV'[i % 2]};7511 AB;0153;PW;01-01-2009;;")
            ladder.append(f"{bsn:09d};01-07-2010;{trede};")  # a score of 1 July counts for the end of June
        (inbox / "werkplein_klanten_20100701.csv").write_text("\n".join(klanten) + "\n", encoding="utf-8")
        (inbox / "werkplein_ladder_20100701.csv").write_text("\n".join(ladder) + "\n", encoding="utf-8")
        ingest_paths([inbox], warehouse=folder / "semon.duckdb", key=TEST_KEY)
        dbt_build(folder / "semon.duckdb", unit_tests=False)

    return once(tmp_path_factory, "enschede_2010", make) / "semon.duckdb"


def test_the_ladder_mart_gives_the_2010_distribution(enschede_2010: Path) -> None:
    rows = query(
        enschede_2010,
        """select trede, sum(personen) from marts.mart_ladder_stand
           where gemeentecode = 'GM0153' and peildatum = '2010-06-30' group by trede order by trede""",
    )
    assert dict(rows) == LADDER_2010
    bijstand = query(
        enschede_2010,
        "select sum(personen) from marts.mart_ladder_stand where peildatum = '2010-06-30' and doelgroepen & 1 <> 0",
    )
    assert bijstand == [(5351,)]


def test_the_indicators_give_the_2010_totals(enschede_2010: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SEMON_WAREHOUSE", str(enschede_2010))
    juni = dt.date(2010, 6, 1)
    f = Filters(
        gemeente="GM0153",
        gemeente_naam="Enschede",
        doelgroepen=("PW",),
        doelgroep_naam="Bijstand (Participatiewet)",
        maand=juni,
        leeftijdsklasse=None,
        geslacht=None,
        laatste_maand=juni,
        masker=1,
    )
    assert indicator.uitkomst("ladder_personen", f).waarden["waarde"][0] == 5351
    hoog = indicator.uitkomst("aandeel_trede_4_6", f).waarden.row(0, named=True)
    assert (hoog["teller"], hoog["noemer"]) == (1015 + 188 + 13, 5351)
