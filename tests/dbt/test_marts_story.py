"""Every mart on the story extracts (tests/fixtures/README.md), checked number by number against the story."""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from pathlib import Path

from semon.settings import DBT_PROJECT_DIR
from tests.dbt.test_build import query

MAY, JUNE = dt.date(2024, 5, 31), dt.date(2024, 6, 30)


def test_ladder_stand_at_each_month_end(built_warehouse: Path) -> None:
    rows = query(
        built_warehouse,
        "select peildatum, trede, sum(personen) from marts.mart_ladder_stand group by all order by all",
    )
    # May: only the April scores are known (P01 2, P02 4, P03 5). June: the July scores count for June; P03 has
    # left, P09's score was quarantined: P06 1, P05 2, P01 and P07 3, P08 4, P02 and P04 5.
    assert rows == [
        (MAY, 2, 1),
        (MAY, 4, 1),
        (MAY, 5, 1),
        (JUNE, 1, 1),
        (JUNE, 2, 1),
        (JUNE, 3, 2),
        (JUNE, 4, 1),
        (JUNE, 5, 2),
    ]


def test_a_person_in_two_doelgroepen_counts_once(built_warehouse: Path) -> None:
    rows = query(
        built_warehouse,
        "select doelgroepen, sum(personen) from marts.mart_ladder_stand "
        "where peildatum = '2024-06-30' and gemeentecode = 'GM0141' group by all order by all",
    )
    # P04, linked across UWV and Werkplein: one cell with both bits, PW (1) and DOELGROEPREGISTER (32).
    assert rows == [(1 + 32, 1)]


def test_steps_up_are_counted_in_the_group_they_started_in(built_warehouse: Path) -> None:
    rows = query(
        built_warehouse,
        "select doelgroepen, leeftijdsklasse, trede_van, trede_tot, stap, personen from marts.mart_ladder_overgangen "
        "where gemeentecode = 'GM0153' order by all",
    )
    assert rows == [
        (1, "35-44", 2, 3, 1, 1),  # P01, in PW (bit 1)
        (1, "<27", 4, 5, 1, 1),  # P02, in PW and under 27 (so in "Jongeren onder 27" too)
    ]


def test_klantstroom_counts_the_outflow_to_work_in_hengelo(built_warehouse: Path) -> None:
    rows = query(
        built_warehouse,
        """select maand, doelgroep, sum(bestand), sum(instroom), sum(uitstroom), sum(uitstroom_werk),
                  bool_and(herinstroom_6m is null), bool_and(duurzame_uitstroom_pct is null)
           from marts.mart_klantstroom where gemeentecode = 'GM0164' group by all order by all""",
    )
    may, june = dt.date(2024, 5, 1), dt.date(2024, 6, 1)
    assert rows == [
        (may, "ALLE", 2, None, None, None, True, True),  # the first month: flows unknown, not zero
        (may, "IOAW", 1, None, None, None, True, True),
        (may, "PW", 1, None, None, None, True, True),
        (june, "ALLE", 1, 0, 1, 1, True, True),  # P03 left for work; herinstroom not yet knowable
        (june, "IOAW", 1, 0, 0, 0, True, True),
        (june, "PW", 0, 0, 1, 1, True, True),
    ]


def test_twente_bestand_per_month(built_warehouse: Path) -> None:
    rows = query(
        built_warehouse,
        "select maand, sum(bestand) from marts.mart_klantstroom where doelgroep = 'ALLE' group by all order by all",
    )
    assert rows == [(dt.date(2024, 5, 1), 9), (dt.date(2024, 6, 1), 8)]  # P12's spell was quarantined


def test_placements_with_employer_situation_before_and_unknown_durability(built_warehouse: Path) -> None:
    rows = query(
        built_warehouse,
        """select plaatsing_id, gemeentecode, werkgever, pact, leeftijd_bij_start, leeftijdsklasse, doelgroepen,
                  duurzaam_6m, duurzaam_12m
           from marts.mart_plaatsingen order by plaatsing_id""",
    )
    assert rows == [
        ("PL-1", "GM0153", "Twente Milieu", "ARBEIDSMARKTPACT_ENSCHEDE", 24, "<27", "PW", None, None),
        ("PL-2", "GM0164", "Hankamp Gears", "PACT_MVO_HENGELO", 48, "45-54", "PW", None, None),
        ("PL-3", "GM0147", "Onbekende werkgever", None, 33, "27-34", None, None, None),
    ]


def test_employers_commitments_and_sroi(built_warehouse: Path) -> None:
    rows = query(
        built_warehouse,
        """select kvk, plaatsingen_lopend, plaatsingen_sinds_toetreding, toezegging_plekken, plekken_bezet,
                  realisatie_toezegging_pct, sroi_verplichting_eur, sroi_gerealiseerd_eur
           from marts.mart_werkgevers order by kvk""",
    )
    assert rows == [
        ("06012345", 1, 1, 6, 1, Decimal("16.7"), Decimal("62500.00"), Decimal("4960.00")),  # PL-1 runs
        ("06054321", 1, 1, 3, 1, Decimal("33.3"), Decimal("0.00"), Decimal("0.00")),  # PL-2 began 1 July
        ("08011111", 0, 0, None, None, None, Decimal("0.00"), Decimal("0.00")),
        ("99999999", 1, 0, None, None, None, Decimal("0.00"), Decimal("0.00")),
    ]


def test_sroi_contract_realisation_and_track(built_warehouse: Path) -> None:
    rows = query(
        built_warehouse,
        """select contract_id, verplichting_eur, uren_gerealiseerd, gerealiseerd_eur, realisatie_pct, verstreken_pct,
                  op_koers
           from marts.mart_sroi_contracten""",
    )
    # € 1.250.000 × 5 % = € 62.500. PL-1: 1 June – 1 July = 31 days × 32 h / 7 = 141,7 h × € 35 = € 4.960.
    # 183 of the contract's 1.096 days have passed: € 4.960 < 16,7 % of € 62.500, so not on track.
    assert rows == [
        ("SROI-1", Decimal("62500.00"), Decimal("141.7"), Decimal("4960.00"), Decimal("7.9"), Decimal("16.7"), False)
    ]


def test_instruments_running_started_and_ended(built_warehouse: Path) -> None:
    rows = query(
        built_warehouse,
        """select maand, gemeentecode, instrument, lopend, gestart, beeindigd, kosten_eur, uitstroom_werk_12m_na_einde
           from marts.mart_instrumenten order by all""",
    )
    may, june = dt.date(2024, 5, 1), dt.date(2024, 6, 1)
    assert rows == [
        (may, "GM0147", "KLIMOPBAAN", 1, 0, 0, Decimal("0.00"), 0),
        (may, "GM0153", "SCHOLING", 1, 0, 0, Decimal("0.00"), 0),
        (june, "GM0147", "KLIMOPBAAN", 1, 0, 0, Decimal("0.00"), 0),
        (june, "GM0153", "LOONKOSTENSUBSIDIE", 1, 1, 0, Decimal("8400.50"), 0),
        (june, "GM0153", "SCHOLING", 1, 0, 1, Decimal("0.00"), None),  # ended 30 June: 12 months not yet passed
    ]


def test_goals_count_p02_for_sd1_and_nothing_else(built_warehouse: Path) -> None:
    rows = query(
        built_warehouse,
        "select peildatum, strategisch_doel, variant, doel, gerealiseerd, realisatie_pct from marts.mart_doelen "
        "where strategisch_doel in ('SD1', 'SD4') order by all",
    )
    assert rows == [
        (MAY, "SD1", "BASIS", 1000, 0, Decimal("0.0")),
        (MAY, "SD1", "GROEI", 1200, 0, Decimal("0.0")),
        (MAY, "SD4", "BASIS", 750, 0, Decimal("0.0")),
        (MAY, "SD4", "GROEI", 750, 0, Decimal("0.0")),
        (JUNE, "SD1", "BASIS", 1000, 1, Decimal("0.1")),  # P02, placed from trede 4
        (JUNE, "SD1", "GROEI", 1200, 1, Decimal("0.1")),
        (JUNE, "SD4", "BASIS", 750, 0, Decimal("0.0")),  # P02 is young, but Twente Milieu is sector E
        (JUNE, "SD4", "GROEI", 750, 0, Decimal("0.0")),
    ]


def test_wsw_and_waiting_list(built_warehouse: Path) -> None:
    wsw = query(
        built_warehouse,
        "select gemeentecode, sw_bedrijf, peildatum, arbeidsvorm, indicatie, personen, se "
        "from marts.mart_wsw order by all",
    )
    assert wsw == [
        ("GM0153", "DCW", JUNE, "BESCHUT_BINNEN", "MATIG", 1, Decimal("1.00")),
        ("GM0164", "SWB", JUNE, "INDIVIDUELE_DETACHERING", "ERNSTIG", 1, Decimal("0.67")),
    ]
    wachtlijst = query(
        built_warehouse,
        "select gemeentecode, maand, op_lijst, instroom, uitstroom from marts.mart_wsw_wachtlijst order by all",
    )
    assert wachtlijst == [("GM1735", dt.date(2024, 5, 1), 1, 0, 0), ("GM1735", dt.date(2024, 6, 1), 1, 0, 0)]


def test_young_people_in_enschede(built_warehouse: Path) -> None:
    rows = query(
        built_warehouse,
        """select peildatum, geslacht, vsv_geregistreerd, vsv_actief, jongeren_bijstand, jongeren_bijstand_trede_5
           from marts.mart_jongeren where gemeentecode = 'GM0153' order by all""",
    )
    assert rows == [
        (MAY, "M", 0, 0, 1, 0),  # P02 (trede 4 then)
        (MAY, "V", 0, 0, 1, 0),  # P09
        (JUNE, "M", 0, 0, 1, 1),  # P02 on trede 5
        (JUNE, "V", 0, 0, 1, 0),
        (JUNE, "X", 1, 1, 0, 0),  # P05, NUG, early school leaver
    ]


def test_indicator_cells_hold_the_counts_of_the_story(built_warehouse: Path) -> None:
    rows = query(
        built_warehouse,
        """select gemeentecode, sum(aantal) from marts.mart_indicator_cellen
           where maand = '2024-06-01' and maat = 'bijstand_bestand' group by 1 order by 1""",
    )
    # PW at the end of June: Enschede P01, P02, P06, P09; Almelo P04; Borne P08.
    assert rows == [("GM0141", 1), ("GM0147", 1), ("GM0153", 4)]
    adults = {row["gemeentecode"]: int(row["inwoners_18_plus"]) for row in seed("gemeente_inwoners")}
    population = query(
        built_warehouse,
        "select gemeentecode, aantal from marts.mart_indicator_cellen "
        "where maand = '2024-06-01' and maat = 'inwoners_18_plus' order by 1",
    )
    assert dict(population) == adults
    # The same people, counted once per cell: the ladder cells add up to the ALLE rows of the ladder mart.
    ladder = query(
        built_warehouse,
        """select (select sum(aantal) from marts.mart_indicator_cellen where maat = 'ladder_gescoord'
                   and maand = '2024-06-01'),
                  (select sum(personen) from marts.mart_ladder_stand where peildatum = '2024-06-30')""",
    )
    assert ladder == [(7, 7)]


def seed(name: str) -> list[dict[str, str]]:
    with (DBT_PROJECT_DIR / "seeds" / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))
