"""Every mart on the story extracts (tests/fixtures/README.md), checked number by number against the story."""

from __future__ import annotations

import collections
import csv
import datetime as dt
import hashlib
from decimal import Decimal
from pathlib import Path

from semon.settings import DBT_PROJECT_DIR
from tests.helpers import query

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
        (may, "IOAW", 1, None, None, None, True, True),
        (may, "PW", 1, None, None, None, True, True),
        (may, "WERKPLEIN", 2, None, None, None, True, True),  # the first month: flows unknown, not zero
        (june, "IOAW", 1, 0, 0, 0, True, True),
        (june, "PW", 0, 0, 1, 1, True, True),
        (june, "WERKPLEIN", 1, 0, 1, 1, True, True),  # P03 left for work; herinstroom not yet knowable
    ]


def _record_key(persoon_id: str) -> int:
    """A person's record key as macro record_sleutel defines it: the first 8 hex digits of the md5 of the pseudonym's
    text with the method's suffix."""
    return int(hashlib.md5(f"{persoon_id}|semon-celsleutel".encode()).hexdigest()[:8], 16)


def _keys_per_cell(rows: list[tuple]) -> dict[tuple, int]:
    """The cell key of each cell: its people's record keys summed modulo 2^32 (rows: *cell, persoon_id)."""
    keys: dict[tuple, int] = collections.defaultdict(int)
    for *cell, persoon_id in rows:
        keys[tuple(cell)] = (keys[tuple(cell)] + _record_key(persoon_id)) % 2**32
    return dict(keys)


def test_a_count_carries_the_keys_of_its_own_people_in_every_mart(built_warehouse: Path) -> None:
    """The cell key that perturbs a count is its people's record keys summed, whichever mart shows it, also where the
    keys are made once with the month (int_doelgroep_maand__persoon, int_werkplein__bestand and __stroom): the bijstand
    bestand of the client flow and of the indicator cells (over every doelgroep mask), and the people with a ladder
    score in the ladder mart and in the cells, each against keys made here from the pseudonyms."""
    for table in ["int_doelgroep_maand__persoon", "int_werkplein__bestand", "int_werkplein__stroom"]:
        rows = query(built_warehouse, f"select persoon_id::varchar, recordsleutel from intermediate.{table}")
        assert rows and all(key == _record_key(persoon_id) for persoon_id, key in rows), table

    cases = [  # the people of each cell, and the marts that count them (each cell with its key)
        (
            "select gemeentecode, maand, leeftijdsklasse, geslacht, persoon_id::varchar "
            "from intermediate.int_werkplein__bestand where doelgroep = 'PW'",
            [
                "select gemeentecode, maand, leeftijdsklasse, geslacht, bestand_sleutel from marts.mart_klantstroom "
                "where doelgroep = 'PW' and bestand > 0",
                "select gemeentecode, maand, leeftijdsklasse, geslacht, sum(sleutel) % 4294967296 "
                "from marts.mart_indicator_cellen where maat = 'bijstand_bestand' group by all",
            ],
        ),
        (
            "select persons.gemeentecode, persons.maand, persons.persoon_id::varchar "
            "from intermediate.int_doelgroep_maand__persoon as persons "
            "inner join intermediate.int_ladder__stand as stand using (persoon_id, maand)",
            [
                "select gemeentecode, date_trunc('month', peildatum)::date, sum(sleutel) % 4294967296 "
                "from marts.mart_ladder_stand group by all",
                "select gemeentecode, maand, sum(sleutel) % 4294967296 from marts.mart_indicator_cellen "
                "where maat = 'ladder_gescoord' group by all",
            ],
        ),
    ]
    for people, marts in cases:
        expected = _keys_per_cell(query(built_warehouse, people))
        assert len(expected) > 3, people
        for mart in marts:
            assert {tuple(cell): key for *cell, key in query(built_warehouse, mart)} == expected, mart


def test_twente_bestand_per_month(built_warehouse: Path) -> None:
    rows = query(
        built_warehouse,
        "select maand, sum(bestand) from marts.mart_klantstroom where doelgroep = 'WERKPLEIN' "
        "group by all order by all",
    )
    assert rows == [(dt.date(2024, 5, 1), 9), (dt.date(2024, 6, 1), 8)]  # P12's spell was quarantined


def test_placements_with_employer_situation_before_and_unknown_durability(built_warehouse: Path) -> None:
    rows = query(
        built_warehouse,
        """select plaatsing_id, gemeentecode, werkgever, pact, leeftijd_bij_start, leeftijdsklasse, doelgroepen,
                  duurzaam_6m, duurzaam_12m
           from marts.mart_plaatsingen order by plaatsing_id""",
    )
    PW = 1  # the bit of doelgroep PW (seed doelgroepen); 0 = no doelgroep known before the start
    assert rows == [
        ("PL-1", "GM0153", "Twente Milieu", "ARBEIDSMARKTPACT_ENSCHEDE", 24, "<27", PW, None, None),
        # P03 is born 23 July 1975 and starts on 1 July 2024, in the birth month before the birthday: the warehouse
        # keeps only the birth month and counts the birthday as the 1st (docs/privacy.md), so 49 where it is 48.
        ("PL-2", "GM0164", "Hankamp Gears", "PACT_MVO_HENGELO", 49, "45-54", PW, None, None),
        ("PL-3", "GM0147", "Onbekende werkgever", None, 33, "27-34", 0, None, None),
        # Before the monitored period: the newest known municipality, no doelgroep; neither works on 1 September
        # 2023 / 1 January 2024 (6 months) nor on 1 March / 1 July 2024 (12 months).
        ("PL-4", "GM0164", "Hankamp Gears", "PACT_MVO_HENGELO", 60, "55+", 0, False, False),
        ("PL-5", "GM0141", "Hankamp Gears", "PACT_MVO_HENGELO", 53, "45-54", 0, False, False),
        ("PL-6", "GM0153", "Twente Milieu", "ARBEIDSMARKTPACT_ENSCHEDE", 63, "55+", 0, True, None),  # 1 July: works
        ("PL-7", "GM0153", "Twente Milieu", "ARBEIDSMARKTPACT_ENSCHEDE", 23, "<27", 0, None, None),
        ("PL-8", "GM0153", "Hankamp Gears", "PACT_MVO_HENGELO", 23, "<27", PW, None, None),  # P09 on PW end of May
    ]


def test_employers_commitments_and_sroi(built_warehouse: Path) -> None:
    rows = query(
        built_warehouse,
        """select kvk, plaatsingen_lopend, plaatsingen_sinds_toetreding, toezegging_plekken, plekken_bezet,
                  realisatie_toezegging_pct, sroi_verplichting_eur, sroi_gerealiseerd_eur
           from marts.mart_werkgevers order by kvk""",
    )
    assert rows == [
        # PL-1 and PL-6 run at the end of June, PL-7 ended 31 May: 2 of 6 places filled. SROI-1, see below.
        ("06012345", 2, 3, 6, 2, Decimal("33.3"), Decimal("62500.00"), Decimal("14471.08")),
        # PL-2 runs (began 1 July); PL-4, PL-5 and PL-8 ended. Places are counted at the end of the newest month
        # (30 June), as the pact indicator counts them: PL-2 has not begun then, so 0 of 3. SROI-2, see below.
        ("06054321", 1, 4, 3, 0, Decimal("0.0"), Decimal("10000.00"), Decimal("15102.74")),
        ("08011111", 0, 0, None, None, None, Decimal("0.00"), Decimal("0.00")),
        ("99999999", 1, 0, None, None, None, Decimal("0.00"), Decimal("0.00")),
    ]


def test_sroi_values_each_placement_by_its_bouwblok(built_warehouse: Path) -> None:
    rows = query(
        built_warehouse,
        """select plaatsing_id, doelgroep_bij_start, bouwblok, dagen, round(waarde_eur, 2)
           from intermediate.int_werkgevers__sroi_plaatsingen order by plaatsing_id""",
    )
    # Peildatum 1 July 2024 (the placements extract); days inside the contract up to it, both ends counted.
    assert rows == [
        # P02, PW, 24: 1 June – 1 July = 31 days × 32 h: 27.500 × 31 / 365 × 32 / 36 = 2.076,10
        ("PL-1", "PW", "PW_JAAR", 31, Decimal("2076.10")),
        # A klimopbaan is no bouwblok: € 0
        ("PL-3", "PW", None, 123, Decimal("0.00")),
        # P07, a proefplaatsing inside SROI-2: € 2.500 once
        ("PL-4", "PW_55PLUS", "PROEFPLAATSING", 92, Decimal("2500.00")),
        # P04, in the doelgroepregister since 2019: 1 July – 31 December 2023 = 184 days × 18 h:
        # 50.000 × 184 / 365 × 18 / 36 = 12.602,74
        ("PL-5", "DOELGROEPREGISTER", "DGR_WSW_JAAR", 184, Decimal("12602.74")),
        # P06, 63 at the start: 1 January – 1 July = 183 days × 24 h: 35.000 × 183 / 365 × 24 / 36 = 11.698,63
        ("PL-6", "PW_55PLUS", "PW_55_JAAR", 183, Decimal("11698.63")),
        # P09, leerwerkplek 1 April – 31 May = 61 days × 20 h: 7.500 × 61 / 365 × 20 / 36 = 696,35
        ("PL-7", "PW", "LEERWERKPLEK_JAAR", 61, Decimal("696.35")),
    ]


def test_sroi_contract_realisation_track_and_final_result(built_warehouse: Path) -> None:
    rows = query(
        built_warehouse,
        """select contract_id, status, verplichting_eur, gerealiseerd_eur, realisatie_pct, verstreken_pct, verwacht_eur,
                  op_koers, behaald
           from marts.mart_sroi_contracten order by contract_id""",
    )
    assert rows == [
        # € 1.250.000 × 5 % = € 62.500. 2.076,10 + 0 + 11.698,63 + 696,35 = 14.471,08 (23,2 %). 183 of 1.096 days
        # passed (0,1670): expected 62.500 × 0,1670 = 10.437,50, so on track.
        (
            "SROI-1", "lopend", Decimal("62500.00"), Decimal("14471.08"), Decimal("23.2"), Decimal("16.7"),
            Decimal("10437.50"), True, None,
        ),
        # Ended 31 December 2023: € 200.000 × 5 % = € 10.000; 2.500 + 12.602,74 = 15.102,74 (151,0 %): met.
        (
            "SROI-2", "afgerond", Decimal("10000.00"), Decimal("15102.74"), Decimal("151.0"), Decimal("100.0"),
            Decimal("10000.00"), None, True,
        ),
    ]  # fmt: skip
    blocks = query(
        built_warehouse,
        "select contract_id, bouwblok, plaatsingen, gerealiseerd_eur from marts.mart_sroi_bouwblokken order by all",
    )
    assert blocks == [
        ("SROI-1", "GEEN", 1, Decimal("0.00")),
        ("SROI-1", "LEERWERKPLEK_JAAR", 1, Decimal("696.35")),
        ("SROI-1", "PW_55_JAAR", 1, Decimal("11698.63")),
        ("SROI-1", "PW_JAAR", 1, Decimal("2076.10")),
        ("SROI-2", "DGR_WSW_JAAR", 1, Decimal("12602.74")),
        ("SROI-2", "PROEFPLAATSING", 1, Decimal("2500.00")),
    ]


def test_uwv_wajong_working_and_register_by_grondslag(built_warehouse: Path) -> None:
    rows = query(
        built_warehouse,
        """select peildatum, doelgroep, categorie, sum(personen), sum(werkend), sum(met_arbeidsvermogen)
           from marts.mart_uwv where gemeentecode = 'GM1735' group by all order by all""",
    )
    assert rows == [
        # May: P13's Wajong measurement of 1 June (Wajong 2015, working, arbeidsvermogen); P12 in the register.
        (MAY, "DOELGROEPREGISTER", "WAJONG_AV", 1, 0, 0),
        (MAY, "WAJONG", "WAJONG2015", 1, 1, 1),
        # June (measured 1 July): P12 too, Wajong 2010 with arbeidsvermogen, not working. 2 Wajong, 1 working.
        (JUNE, "DOELGROEPREGISTER", "WAJONG_AV", 1, 0, 0),
        (JUNE, "WAJONG", "WAJONG2010", 1, 0, 1),
        (JUNE, "WAJONG", "WAJONG2015", 1, 1, 1),
    ]
    register = query(
        built_warehouse,
        """select gemeentecode, leeftijdsklasse, geslacht, categorie, personen from marts.mart_uwv
           where peildatum = '2024-06-30' and doelgroep = 'DOELGROEPREGISTER' order by all""",
    )
    # P04 is also a Werkplein client, so her age and gender are known; P10 and P12 only UWV/WSW.
    assert register == [
        ("GM0141", "45-54", "V", "INDICATIE_BANENAFSPRAAK", 1),
        ("GM0164", "onbekend", "onbekend", "WSW_INDICATIE", 1),
        ("GM1735", "onbekend", "onbekend", "WAJONG_AV", 1),
    ]


def test_instruments_running_started_and_ended(built_warehouse: Path) -> None:
    rows = query(
        built_warehouse,
        """select maand, gemeentecode, instrument, lopend, gestart, beeindigd, kosten_eur, uitstroom_werk_12m
           from marts.mart_instrumenten order by all""",
    )
    may, june = dt.date(2024, 5, 1), dt.date(2024, 6, 1)
    assert rows == [
        (may, "GM0147", "KLIMOPBAAN", 1, 0, 0, Decimal("0.00"), 0),
        (may, "GM0153", "SCHOLING", 1, 0, 0, Decimal("0.00"), 0),
        (june, "GM0147", "KLIMOPBAAN", 1, 0, 0, Decimal("0.00"), 0),
        (june, "GM0153", "LOONKOSTENSUBSIDIE", 1, 1, 0, Decimal("8400.50"), 0),
        # T-3's last day is 30 June: ended in June, so no longer running at the end of June (macro open_op);
        # its 12 months after the end have not passed yet.
        (june, "GM0153", "SCHOLING", 0, 0, 1, Decimal("0.00"), None),
        (june, "GM0153", "SOCIALE_ACTIVERING", 1, 1, 0, Decimal("600.00"), 0),  # P01, from 3 June
    ]


def test_instrument_outcomes_wait_until_they_are_knowable(built_warehouse: Path) -> None:
    # Outflow to work within 12 months of the end and 12 months without return after it need 24 months after the
    # end, and the first month has no outflow: a window exists only with 36 months of data. The story has two.
    assert query(built_warehouse, "select count(*) from marts.mart_instrumenten_rendement") == [(0,)]


def test_goals_count_within_the_policy_period_against_pro_rata(built_warehouse: Path) -> None:
    rows = query(
        built_warehouse,
        """select peildatum, strategisch_doel, variant, doel, gerealiseerd, realisatie_pct, verwacht
           from marts.mart_doelen where strategisch_doel <> 'SD2' order by all""",
    )
    # The plan's period 2011-2014 (48 months) lies before the data: laid onto 1 May 2024 – 30 April 2028,
    # 1.461 days. End of May 31 days passed, end of June 61: verwacht = doel × 31 / 1.461 or × 61 / 1.461, rounded
    # (1.000: 21,2 and 41,8; 1.200: 25,5 and 50,1; 1.400: 29,7 and 58,5; 1.700: 36,1 and 71,0; 750: 15,9 and 31,3).
    assert rows == [
        (MAY, "SD1", "BASIS", 1000, 0, Decimal("0.0"), 21),
        (MAY, "SD1", "GROEI", 1200, 0, Decimal("0.0"), 25),
        (MAY, "SD3", "BASIS", 1400, 0, Decimal("0.0"), 30),
        (MAY, "SD3", "GROEI", 1700, 0, Decimal("0.0"), 36),
        (MAY, "SD4", "BASIS", 750, 0, Decimal("0.0"), 16),
        (MAY, "SD4", "GROEI", 750, 0, Decimal("0.0"), 16),
        # P02, placed with wage subsidy on 1 June from trede 4 (score of 1 April). PL-6 (P06, trede 1) does not count.
        (JUNE, "SD1", "BASIS", 1000, 1, Decimal("0.1"), 42),
        (JUNE, "SD1", "GROEI", 1200, 1, Decimal("0.1"), 50),
        # P01: sociale activering from 3 June on trede 2, next score (1 July, counts for June) trede 3: a step up.
        # P08's klimopbaan began 1 March, before the period (and from trede 4): not in the growth variant.
        (JUNE, "SD3", "BASIS", 1400, 1, Decimal("0.1"), 58),
        (JUNE, "SD3", "GROEI", 1700, 0, Decimal("0.0"), 71),
        # P09 (23): proefplaatsing at Hankamp (techniek, C) from 3 June — led to the sector (basis), but not paid
        # work (groei). P02 is young, but Twente Milieu is sector E.
        (JUNE, "SD4", "BASIS", 750, 1, Decimal("0.1"), 31),
        (JUNE, "SD4", "GROEI", 750, 0, Decimal("0.0"), 31),
    ]
    period = query(
        built_warehouse,
        "select distinct periode_begin, periode_einde, periode_verschoven, verstreken_pct from marts.mart_doelen "
        "where peildatum = '2024-06-30'",
    )
    assert period == [(dt.date(2024, 5, 1), dt.date(2028, 4, 30), True, Decimal("4.2"))]


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
