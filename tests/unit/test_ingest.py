"""Ingest: the extract contract of shared/extracts.md, rule by rule, on small files written in the test."""

from __future__ import annotations

import hashlib
import hmac
import random
import shutil
import uuid
from pathlib import Path

import duckdb
import pytest
import xlsxwriter

from ingest.errors import KeyMismatch
from ingest.load import IngestReport, ingest_paths
from tests.fixtures.make_story import BAD_ELFPROEF as STORY_BAD_BSN
from tests.fixtures.make_story import BSN as STORY_BSN
from tests.helpers import STORY_EXTRACTS, TEST_KEY
from tests.helpers_ingest import REGISTER_COLUMNS, bsn, elfproef, load, rows

P1, P2, P3 = "111111110", "111123331", "111131108"  # synthetic, pass the elfproef
LEADING_ZERO = "012345003"  # delivered as 12345003 by a spreadsheet round-trip

KLANTEN = "bsn;geboortedatum;geslacht;postcode;gemeentecode;regeling;datum_instroom;datum_uitstroom;reden_uitstroom"
LADDER = "bsn;peildatum;trede;vastgesteld_door"
PLAATSINGEN = "plaatsing_id;bsn;kvk;soort;begindatum;einddatum;uren_per_week;loonwaarde_pct;sroi_contract_id"
WSW = "bsn;gemeentecode;sw_bedrijf;peildatum;indicatie;arbeidsvorm;kvk;uren_per_week;se"


def write(
    folder: Path, name: str, lines: list[str], *, encoding: str = "cp1252", newline: str = "\r\n", bom: bool = False
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    data = (newline.join(lines) + newline).encode(encoding)
    path = folder / name
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path


def quarantine(tmp_path: Path) -> list[tuple]:
    return rows(
        tmp_path,
        "select bestand, regelnummer, kolom, waarde, reden from raw.quarantaine order by bestand, regelnummer, kolom",
    )


def pseudonym(bsn: str) -> uuid.UUID:
    """persoon_id as stored: the first 128 bits of the HMAC-SHA256 of the BSN."""
    return uuid.UUID(hmac.new(TEST_KEY, bsn.encode(), hashlib.sha256).hexdigest()[:32])


# --- every extract kind loads -------------------------------------------------------------------------


def test_every_extract_kind_of_the_story_loads_with_its_row_counts(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    shutil.copytree(STORY_EXTRACTS, inbox)
    report = load(tmp_path, inbox)
    assert [o.bestand for o in report.with_status("geweigerd")] == []
    counts = dict(
        rows(
            tmp_path,
            """
        select 'werkplein_klanten', count(*) from raw.werkplein_klanten union all
        select 'werkplein_ladder', count(*) from raw.werkplein_ladder union all
        select 'werkplein_trajecten', count(*) from raw.werkplein_trajecten union all
        select 'werkplein_plaatsingen', count(*) from raw.werkplein_plaatsingen union all
        select 'uwv_doelgroepregister', count(*) from raw.uwv_doelgroepregister union all
        select 'uwv_wajong', count(*) from raw.uwv_wajong union all
        select 'wsw_werknemers', count(*) from raw.wsw_werknemers union all
        select 'wsw_wachtlijst', count(*) from raw.wsw_wachtlijst union all
        select 'rmc_vsv', count(*) from raw.rmc_vsv union all
        select 'werkgevers_register', count(*) from raw.werkgevers_register union all
        select 'werkgevers_sroi', count(*) from raw.werkgevers_sroi""",
        )
    )
    assert counts == {
        "werkplein_klanten": 18,
        "werkplein_ladder": 10,
        "werkplein_trajecten": 4,
        "werkplein_plaatsingen": 8,
        "uwv_doelgroepregister": 3,
        "uwv_wajong": 3,
        "wsw_werknemers": 2,
        "wsw_wachtlijst": 1,
        "rmc_vsv": 1,
        "werkgevers_register": 3,
        "werkgevers_sroi": 2,
    }
    assert rows(tmp_path, "select count(*), sum(rijen_geladen), sum(rijen_quarantaine) from raw.laadlog") == [
        (11, 55, 3)
    ]


def test_values_are_normalised_as_the_raw_layer_documents(tmp_path: Path) -> None:
    write(
        tmp_path / "in",
        "werkplein_klanten_20240701.csv",
        [KLANTEN, f"{P1};14-03-1988;v;7511 ab;153;pw;01-02-2021;31-05-2024;werk"],
    )
    load(tmp_path, tmp_path / "in")
    assert rows(
        tmp_path,
        "select geboortemaand::varchar, geslacht, gemeentecode, regeling, datum_instroom::varchar, "
        "datum_uitstroom::varchar, reden_uitstroom from raw.werkplein_klanten",
    ) == [("1988-03-01", "V", "GM0153", "PW", "2021-02-01", "2024-05-31", "WERK")]


def test_a_municipality_code_is_read_in_every_spelling_senders_use_and_nothing_else(tmp_path: Path) -> None:
    """GM and four digits, with or without GM, in any case, with or without the number's leading zeros; a near miss
    (a fifth digit, a space, a letter, another municipality) is quarantined with its value."""
    accepted = {"GM0153": "GM0153", "gm0153": "GM0153", "0153": "GM0153", "153": "GM0153", "GM153": "GM0153",
                "Gm141": "GM0141", "1700": "GM1700", "gm1700": "GM1700"}  # fmt: skip
    refused = ["GM00153", "00153", "53", "GM 0153", "G0153", "0153a", "1530", "GM", "GM1701", "0170"]
    values = [*accepted, *refused]
    lines = [f"{bsn(random.Random(i))};14-03-1988;V;7511 AB;{value};PW;01-02-2021;;" for i, value in enumerate(values)]
    write(tmp_path / "in", "werkplein_klanten_20240701.csv", [KLANTEN, *lines])
    load(tmp_path, tmp_path / "in")
    stored = rows(tmp_path, "select regelnummer, gemeentecode from raw.werkplein_klanten order by regelnummer")
    assert stored == [(line, code) for line, code in enumerate(accepted.values(), start=2)]
    reason = "onbekende gemeentecode; verwacht een Twentse gemeente als GM0153, 0153 of 153"
    assert quarantine(tmp_path) == [
        ("werkplein_klanten_20240701.csv", line, "gemeentecode", value, reason)
        for line, value in enumerate(refused, start=2 + len(accepted))
    ]


def test_spaces_around_values_are_trimmed_unicode_spaces_too_but_not_tabs(tmp_path: Path) -> None:
    """Spaces around a value (a no-break space or an em space from a spreadsheet too) are not part of it; a tab is."""
    nbsp, em = "\u00a0", "\u2003"
    utf8 = {"encoding": "utf-8", "newline": "\n"}
    write(
        tmp_path / "in",
        "werkplein_klanten_20240701.csv",
        [KLANTEN, f" {P1} ;{nbsp}14-03-1988{nbsp}; v ;7511 ab;{em}153;pw ;01-02-2021;31-05-2024; werk"],
        **utf8,
    )
    write(
        tmp_path / "in",
        "werkplein_ladder_20240701.csv",
        [LADDER, f"{nbsp}{LEADING_ZERO[1:]} ;01-07-2024; 5;", f"{P2};01-07-2024;\t4;"],
        **utf8,
    )
    load(tmp_path, tmp_path / "in")
    assert rows(
        tmp_path,
        "select persoon_id, geboortemaand::varchar, geslacht, gemeentecode, regeling, datum_instroom::varchar, "
        "datum_uitstroom::varchar, reden_uitstroom from raw.werkplein_klanten",
    ) == [(pseudonym(P1), "1988-03-01", "V", "GM0153", "PW", "2021-02-01", "2024-05-31", "WERK")]
    assert rows(tmp_path, "select persoon_id, trede from raw.werkplein_ladder") == [(pseudonym(LEADING_ZERO), 5)]
    assert quarantine(tmp_path) == [("werkplein_ladder_20240701.csv", 3, "trede", "\t4", "verwacht een geheel getal")]


def test_employer_register_reads_numbers_and_dates_as_excel_stores_them(tmp_path: Path) -> None:
    inbox = tmp_path / "in"
    inbox.mkdir()
    shutil.copy(STORY_EXTRACTS / "werkgevers_register_20240701.xlsx", inbox)
    load(tmp_path, inbox)
    assert rows(
        tmp_path,
        "select kvk, naam, vestigingsgemeente, pact, datum_toetreding::varchar, "
        "toezegging_plekken, sociale_onderneming from raw.werkgevers_register order by kvk",
    ) == [
        ("06012345", "Twente Milieu", "GM0153", "ARBEIDSMARKTPACT_ENSCHEDE", "2011-03-01", 6, False),
        ("06054321", "Hankamp Gears", "GM0164", "PACT_MVO_HENGELO", "2010-09-15", 3, False),
        ("08011111", "Stadswasserij De Schoone Zaak (Çelik & Müller)", "GM0164", None, None, None, True),
    ]
    assert rows(
        tmp_path,
        "select contract_id, contractwaarde_eur::double, sroi_pct::double, einddatum::varchar from raw.werkgevers_sroi "
        "order by contract_id",
    ) == [("SROI-1", 1250000.0, 5.0, "2026-12-31"), ("SROI-2", 200000.0, 5.0, "2023-12-31")]


# --- dialects ---------------------------------------------------------------------------------------------


def test_comma_delimited_utf8_lf_with_iso_dates_loads(tmp_path: Path) -> None:
    write(
        tmp_path / "in",
        "uwv_wajong_20240701.csv",
        ["bsn,gemeentecode,peildatum,regeling,arbeidsvermogen,werkend", f"{P1},GM0153,2024-07-01,WAJONG2015,J,N"],
        encoding="utf-8",
        newline="\n",
    )
    load(tmp_path, tmp_path / "in")
    assert rows(tmp_path, "select persoon_id, peildatum::varchar, arbeidsvermogen, werkend from raw.uwv_wajong") == [
        (pseudonym(P1), "2024-07-01", True, False)
    ]


def test_windows_1252_crlf_and_utf8_bom_files_give_the_same_rows(tmp_path: Path) -> None:
    lines = [LADDER + ";extra kolom", f"{P1};01-07-2024;3;H. ’t Hart;x", f"{P2};01-07-2024;4;Ünal;y"]
    write(tmp_path / "a", "werkplein_ladder_20240701.csv", lines, encoding="cp1252", newline="\r\n")
    write(tmp_path / "b", "werkplein_ladder_20240801.csv", lines, encoding="utf-8", newline="\n", bom=True)
    report = load(tmp_path, tmp_path / "a", tmp_path / "b")
    assert [o.rijen for o in report.files] == [2, 2]
    assert rows(
        tmp_path,
        "select bestand_peildatum::varchar, regelnummer, persoon_id, trede from raw.werkplein_ladder order by 1, 2",
    ) == [
        ("2024-07-01", 2, pseudonym(P1), 3),
        ("2024-07-01", 3, pseudonym(P2), 4),
        ("2024-08-01", 2, pseudonym(P1), 3),
        ("2024-08-01", 3, pseudonym(P2), 4),
    ]


def test_accented_values_survive_windows_1252_into_the_quarantine(tmp_path: Path) -> None:
    write(
        tmp_path / "in",
        "werkplein_klanten_20240701.csv",
        [KLANTEN, f"{P1};14-03-1988;Ö;7511 AB;0153;PW;01-02-2021;;"],
        encoding="cp1252",
    )
    load(tmp_path, tmp_path / "in")
    assert quarantine(tmp_path) == [
        ("werkplein_klanten_20240701.csv", 2, "geslacht", "Ö", "onbekende code; toegestaan: M, V, X")
    ]


def test_quoted_field_may_contain_the_delimiter(tmp_path: Path) -> None:
    write(
        tmp_path / "in",
        "werkplein_plaatsingen_20240701.csv",
        [PLAATSINGEN, f'"PL;1";{P1};"06012345";REGULIER;01-06-2024;;36;;'],
    )
    load(tmp_path, tmp_path / "in")
    assert rows(tmp_path, "select plaatsing_id, kvk from raw.werkplein_plaatsingen") == [("PL;1", "06012345")]


def test_decimal_comma_in_semicolon_files_and_point_rejected_there(tmp_path: Path) -> None:
    write(
        tmp_path / "in",
        "wsw_werknemers_20240701.csv",
        [
            WSW,
            f"{P1};0153;DCW;01-07-2024;MATIG;BESCHUT_BINNEN;;36;0,85",
            f"{P2};0153;DCW;01-07-2024;MATIG;BESCHUT_BINNEN;;36;0.85",
        ],
    )
    load(tmp_path, tmp_path / "in")
    assert rows(tmp_path, "select se::double from raw.wsw_werknemers") == [(0.85,)]
    assert quarantine(tmp_path) == [("wsw_werknemers_20240701.csv", 3, "se", "0.85", "verwacht een getal (bv. 0,85)")]


# --- BSN and pseudonyms -------------------------------------------------------------------------------


def test_bsn_with_lost_leading_zero_is_padded_and_linked(tmp_path: Path) -> None:
    write(tmp_path / "in", "werkplein_ladder_20240701.csv", [LADDER, f"{LEADING_ZERO[1:]};01-07-2024;5;"])
    write(
        tmp_path / "in",
        "uwv_doelgroepregister_20240701.csv",
        ["bsn,gemeentecode,datum_opname,datum_afvoer,grondslag", f"{LEADING_ZERO},GM0141,2023-11-15,,ENTREE"],
        encoding="utf-8",
        newline="\n",
    )
    load(tmp_path, tmp_path / "in")
    assert rows(tmp_path, "select persoon_id from raw.werkplein_ladder") == [(pseudonym(LEADING_ZERO),)]
    assert rows(tmp_path, "select persoon_id from raw.uwv_doelgroepregister") == [(pseudonym(LEADING_ZERO),)]


def test_same_bsn_gets_same_persoon_id_across_sources_and_loads(tmp_path: Path) -> None:
    write(tmp_path / "a", "werkplein_ladder_20240701.csv", [LADDER, f"{P3};01-07-2024;2;"])
    write(
        tmp_path / "b", "wsw_werknemers_20240801.csv", [WSW, f"{P3};0164;SWB;01-08-2024;ERNSTIG;BESCHUT_BINNEN;;20;0,5"]
    )
    load(tmp_path, tmp_path / "a")
    load(tmp_path, tmp_path / "b")  # a second load, a second source
    ids = rows(
        tmp_path, "select persoon_id from raw.werkplein_ladder union all select persoon_id from raw.wsw_werknemers"
    )
    assert ids == [(pseudonym(P3),), (pseudonym(P3),)]


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("111111111", "BSN voldoet niet aan de elfproef"),
        ("1234567", "BSN moet 9 cijfers zijn (8 mag: dan ontbreekt de voorloopnul)"),
        ("11111111A", "BSN moet 9 cijfers zijn (8 mag: dan ontbreekt de voorloopnul)"),
        ("000000000", "BSN voldoet niet aan de elfproef"),
    ],
)
def test_invalid_bsn_is_quarantined_masked(tmp_path: Path, value: str, reason: str) -> None:
    write(tmp_path / "in", "werkplein_ladder_20240701.csv", [LADDER, f"{P1};01-07-2024;3;", f"{value};01-07-2024;3;"])
    load(tmp_path, tmp_path / "in")
    assert quarantine(tmp_path) == [("werkplein_ladder_20240701.csv", 3, "bsn", "*" * len(value), reason)]


def test_no_bsn_from_the_input_is_anywhere_in_the_warehouse_file(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    shutil.copytree(STORY_EXTRACTS, inbox)
    write(inbox, "werkplein_ladder_20240801.csv", [LADDER, "111111111;01-08-2024;3;", "12345003;01-08-2024;9;"])
    load(tmp_path, inbox)
    delivered = [*STORY_BSN.values(), STORY_BAD_BSN, "111111111", "12345003"]
    content = (tmp_path / "wh.duckdb").read_bytes()
    # Each as delivered and in its 9-digit form: neither may be stored, loaded or quarantined.
    forms = {form for bsn in delivered for form in (bsn, bsn.zfill(9))}
    assert [form for form in sorted(forms) if form.encode() in content] == []
    assert rows(
        tmp_path, "select count(*) from raw.quarantaine where kolom = 'bsn' and regexp_matches(waarde, '[0-9]')"
    ) == [(0,)]


def test_pseudonym_in_sql_equals_python_hmac_for_a_long_key(tmp_path: Path) -> None:
    write(tmp_path / "in", "werkplein_ladder_20240701.csv", [LADDER, f"{P1};01-07-2024;3;"])
    long_key = bytes(range(100))
    ingest_paths([tmp_path / "in"], warehouse=tmp_path / "wh.duckdb", key=long_key)
    assert rows(tmp_path, "select persoon_id from raw.werkplein_ladder") == [
        (uuid.UUID(hmac.new(long_key, P1.encode(), hashlib.sha256).hexdigest()[:32]),)
    ]


def test_every_bsn_is_judged_by_the_elfproef_and_stored_as_its_own_pseudonym(tmp_path: Path) -> None:
    """About 3,000 numbers spread over the whole range of nine digits (353 of them valid), some written without
    their leading zeros (137 with eight digits, which is allowed; 18 with fewer): each invalid one is quarantined on
    its own line for the right reason, each valid one is stored, in order, with the HMAC of its nine digits."""
    numbers = [0, 9, 11, 100_000_009, 999_999_999, *(i * 333_667 % 10**9 for i in range(1, 3000))]
    numbers += [n for n in range(1_000_000, 10**9, 976_543) if elfproef(str(n).zfill(9))]  # more valid
    numbers = list(dict.fromkeys(numbers))
    written = [str(n) if n < 10**8 and i % 2 else str(n).zfill(9) for i, n in enumerate(numbers)]
    write(tmp_path / "in", "werkplein_ladder_20240701.csv", [LADDER, *(f"{bsn};01-07-2024;3;" for bsn in written)])
    load(tmp_path, tmp_path / "in")
    valid = [bsn.zfill(9) for bsn in written if elfproef(bsn)]
    assert 300 < len(valid) < len(written) - 2000
    stored = rows(tmp_path, "select persoon_id from raw.werkplein_ladder order by regelnummer")
    assert stored == [(pseudonym(bsn),) for bsn in valid]
    expected = [
        (line, "BSN voldoet niet aan de elfproef")
        for line, bsn in enumerate(written, start=2)
        if len(bsn) >= 8 and not elfproef(bsn)
    ] + [(line, "BSN moet 9 cijfers zijn (8 mag: dan ontbreekt de voorloopnul)")
         for line, bsn in enumerate(written, start=2) if len(bsn) < 8]  # fmt: skip
    assert sorted((line, reason) for _, line, _, _, reason in quarantine(tmp_path)) == sorted(expected)


# --- rows quarantined: file, line, column, value, reason ---------------------------------------------------


@pytest.mark.parametrize(
    ("line", "column", "value", "reason"),
    [
        (
            f"{P1};14-03-1988;V;7511 AB;0153;WW;01-02-2021;;",
            "regeling",
            "WW",
            "onbekende code; toegestaan: PW, IOAW, IOAZ, BBZ, NUG",
        ),
        (
            f"{P1};31-02-1988;V;7511 AB;0153;PW;01-02-2021;;",
            "geboortedatum",
            "31-02-1988",
            "geen geldige datum; verwacht dd-mm-jjjj",
        ),
        (
            f"{P1};1988-03-14x;V;7511 AB;0153;PW;01-02-2021;;",
            "geboortedatum",
            "1988-03-14x",
            "geen geldige datum; verwacht dd-mm-jjjj",
        ),
        (
            f"{P1};14-03-1988;V;7511 AB;GM0363;PW;01-02-2021;;",
            "gemeentecode",
            "GM0363",
            "onbekende gemeentecode; verwacht een Twentse gemeente als GM0153, 0153 of 153",
        ),
        (f"{P1};14-03-1988;;7511 AB;0153;PW;01-02-2021;;", "geslacht", None, "verplicht veld is leeg"),
        (
            f"{P1};14-03-1988;V;7511 AB;0153;PW;01-02-2021;;WERK",
            "reden_uitstroom",
            "WERK",
            "moet leeg zijn zolang de uitkering loopt (datum_uitstroom leeg)",
        ),
        (
            f"{P1};14-03-1988;V;7511 AB;0153;PW;01-02-2021;01-03-2021;",
            "reden_uitstroom",
            None,
            "verplicht zodra datum_uitstroom gevuld is",
        ),
        (
            f"{P1};14-03-1988;V;7511 AB;0153;PW;01-02-2021;01-01-2021;WERK",
            "datum_uitstroom",
            "01-01-2021",
            "datum_uitstroom ligt vóór datum_instroom",
        ),
    ],
)
def test_bad_klanten_row_is_quarantined_naming_line_column_value(
    tmp_path: Path, line: str, column: str, value: str | None, reason: str
) -> None:
    good = f"{P2};02-11-1999;M;7551AK;GM0164;PW;15-06-2022;;"
    write(tmp_path / "in", "werkplein_klanten_20240701.csv", [KLANTEN, good, line])
    report = load(tmp_path, tmp_path / "in")
    assert (report.files[0].rijen, report.files[0].quarantaine) == (1, 1)
    assert quarantine(tmp_path) == [("werkplein_klanten_20240701.csv", 3, column, value, reason)]
    shown = f"werkplein_klanten_20240701.csv, regel 3, kolom {column}"
    assert report.files[0].voorbeelden[0].startswith(shown)


@pytest.mark.parametrize(
    ("line", "column", "value", "reason"),
    [
        (f"PL-2;{P1};0601234A;REGULIER;01-06-2024;;36;;", "kvk", "0601234A", "KvK-nummer moet uit 8 cijfers bestaan"),
        (f"PL-2;{P1};123456789;REGULIER;01-06-2024;;36;;", "kvk", "*********", "KvK-nummer moet uit 8 cijfers bestaan"),
        (
            f"PL-2;{P1};06012345;REGULIER;01-06-2024;;0;;",
            "uren_per_week",
            "0",
            "buiten bereik: groter dan 0 en hoogstens 40",
        ),
        (
            f"PL-2;{P1};06012345;REGULIER;01-06-2024;;40,5;;",
            "uren_per_week",
            "40,5",
            "buiten bereik: groter dan 0 en hoogstens 40",
        ),
        (
            f"PL-2;{P1};06012345;LOONKOSTENSUBSIDIE;01-06-2024;;32;;",
            "loonwaarde_pct",
            None,
            "verplicht bij soort LOONKOSTENSUBSIDIE",
        ),
        (
            f"PL-2;{P1};06012345;LOONKOSTENSUBSIDIE;01-06-2024;;32;120;",
            "loonwaarde_pct",
            "120",
            "buiten bereik: minstens 0 en hoogstens 100",
        ),
        (
            f"PL-2;{P1};06012345;LOONKOSTENSUBSIDIE;01-06-2024;;32;55,5;",
            "loonwaarde_pct",
            "55,5",
            "verwacht een geheel getal",
        ),
        (
            f"PL-1;{P1};06012345;REGULIER;01-06-2024;;36;;",
            "plaatsing_id",
            "PL-1",
            "dubbel: plaatsing_id komt al voor op regel 2",
        ),
    ],
)
def test_bad_plaatsing_is_quarantined(tmp_path: Path, line: str, column: str, value: str | None, reason: str) -> None:
    write(
        tmp_path / "in",
        "werkplein_plaatsingen_20240701.csv",
        [PLAATSINGEN, f"PL-1;{P2};06012345;REGULIER;01-06-2024;;36;;", line],
    )
    load(tmp_path, tmp_path / "in")
    assert quarantine(tmp_path) == [("werkplein_plaatsingen_20240701.csv", 3, column, value, reason)]


def test_wsw_detachering_without_kvk_and_se_out_of_range_are_quarantined(tmp_path: Path) -> None:
    write(
        tmp_path / "in",
        "wsw_werknemers_20240701.csv",
        [
            WSW,
            f"{P1};0153;DCW;01-07-2024;MATIG;GROEPSDETACHERING;;36;1,00",
            f"{P2};0153;DCW;01-07-2024;MATIG;BESCHUT_BINNEN;;36;2,0",
        ],
    )
    load(tmp_path, tmp_path / "in")
    assert quarantine(tmp_path) == [
        ("wsw_werknemers_20240701.csv", 2, "kvk", None, "verplicht bij detachering en begeleid werken (de werkgever)"),
        ("wsw_werknemers_20240701.csv", 3, "se", "2,0", "buiten bereik: groter dan 0 en hoogstens 1,5"),
    ]


def test_vsv_outside_age_16_to_23_is_quarantined(tmp_path: Path) -> None:
    header = "bsn;geboortedatum;gemeentecode;brin;onderwijssoort;datum_uitval;status;datum_status;startkwalificatie"
    write(
        tmp_path / "in",
        "rmc_vsv_20240701.csv",
        [
            header,
            f"{P1};30-01-2004;0153;25LH;MBO2;15-11-2022;WERK;01-03-2024;N",
            f"{P2};30-01-1990;0153;25LH;MBO2;15-11-2022;WERK;01-03-2024;N",
        ],
    )
    load(tmp_path, tmp_path / "in")
    assert quarantine(tmp_path) == [
        (
            "rmc_vsv_20240701.csv",
            3,
            "geboortedatum",
            "30-01-1990",
            "leeftijd bij datum_uitval moet 16 tot en met 23 jaar zijn",
        )
    ]


def test_a_measurement_dated_after_its_file_is_quarantined_against_its_own_files_date(tmp_path: Path) -> None:
    """A score dated after the delivery (a year or a month off) would stay: a measurement is never deleted by a
    later file, and it would become the person's score once its month is counted. Two files of one kind are checked
    together (one batch): each row against the date in its own file's name; the file's own date loads."""
    write(tmp_path / "in", "werkplein_ladder_20240701.csv",
          [LADDER, f"{P1};01-07-2024;3;", f"{P2};01-08-2024;4;", f"{P3};01-07-2025;2;"])  # fmt: skip
    write(tmp_path / "in", "werkplein_ladder_20240801.csv", [LADDER, f"{P2};01-08-2024;4;", f"{P3};02-08-2024;2;"])
    report = load(tmp_path, tmp_path / "in")
    assert [(o.bestand, o.rijen, o.quarantaine) for o in report.files] == [
        ("werkplein_ladder_20240701.csv", 1, 2),
        ("werkplein_ladder_20240801.csv", 1, 1),
    ]
    reason = "ligt na de datum in de bestandsnaam: een meting na de levering"
    assert quarantine(tmp_path) == [
        ("werkplein_ladder_20240701.csv", 3, "peildatum", "01-08-2024", reason),
        ("werkplein_ladder_20240701.csv", 4, "peildatum", "01-07-2025", reason),
        ("werkplein_ladder_20240801.csv", 3, "peildatum", "02-08-2024", reason),
    ]
    assert rows(tmp_path, "select bron_bestand, peildatum::varchar from raw.werkplein_ladder order by 1") == [
        ("werkplein_ladder_20240701.csv", "2024-07-01"),
        ("werkplein_ladder_20240801.csv", "2024-08-01"),
    ]


@pytest.mark.parametrize(
    ("name", "header", "line", "column", "what"),
    [
        ("uwv_wajong_20240701.csv", "bsn,gemeentecode,peildatum,regeling,arbeidsvermogen,werkend",
         "{bsn},GM0153,{date},WAJONG2015,J,N", "peildatum", "een meting na de levering"),
        ("wsw_werknemers_20240701.csv", WSW, "{bsn};0153;DCW;{date};MATIG;BESCHUT_BINNEN;;36;1,00", "peildatum",
         "een meting na de levering"),
        ("werkplein_klanten_20240701.csv", KLANTEN, "{bsn};{date};V;;0153;PW;01-02-2021;;", "geboortedatum",
         "geboren na de levering"),
        ("rmc_vsv_20240701.csv",
         "bsn;geboortedatum;gemeentecode;brin;onderwijssoort;datum_uitval;status;datum_status;startkwalificatie",
         "{bsn};30-01-2004;0153;25LH;MBO2;{date};WERK;01-03-2024;N", "datum_uitval", "uitval na de levering"),
    ],
)  # fmt: skip
def test_a_date_that_must_have_passed_is_quarantined_when_after_the_files_date(
    tmp_path: Path, name: str, header: str, line: str, column: str, what: str
) -> None:
    """Measurements, births and a school leaver's dropout have happened by the extract's date; the file's own date
    loads, the day after it does not."""
    iso = name.startswith("uwv")
    on, after = ("2024-07-01", "2024-07-02") if iso else ("01-07-2024", "02-07-2024")
    write(tmp_path / "in", name, [header, line.format(bsn=P1, date=on), line.format(bsn=P2, date=after)],
          newline="\n" if iso else "\r\n")  # fmt: skip
    report = load(tmp_path, tmp_path / "in")
    assert (report.files[0].rijen, report.files[0].quarantaine) == (1, 1)
    assert quarantine(tmp_path) == [(name, 3, column, after, f"ligt na de datum in de bestandsnaam: {what}")]


def test_line_with_wrong_number_of_fields_is_quarantined_with_its_line_number(tmp_path: Path) -> None:
    write(
        tmp_path / "in",
        "werkplein_ladder_20240701.csv",
        [LADDER, f"{P1};01-07-2024;3;", f"{P2};01-07-2024", "", f"{P3};01-07-2024;7;"],
    )
    report = load(tmp_path, tmp_path / "in")
    assert report.files[0].rijen == 1
    assert quarantine(tmp_path) == [
        ("werkplein_ladder_20240701.csv", 3, "*", None, "regel 3 heeft 2 velden, verwacht 4"),
        ("werkplein_ladder_20240701.csv", 5, "trede", "7", "buiten bereik: minstens 1 en hoogstens 6"),
    ]


def test_extra_columns_are_dropped_with_a_warning(tmp_path: Path) -> None:
    write(tmp_path / "in", "werkplein_ladder_20240701.csv", [LADDER + ";Naam", f"{P1};01-07-2024;3;;Jansen"])
    report = load(tmp_path, tmp_path / "in")
    assert report.files[0].waarschuwingen == [
        "werkplein_ladder: onverwachte kolommen niet opgeslagen (dataminimalisatie): naam"
    ]
    content = (tmp_path / "wh.duckdb").read_bytes()
    assert b"Jansen" not in content


def test_placement_at_an_unknown_employer_loads_with_a_warning(tmp_path: Path) -> None:
    inbox = tmp_path / "in"
    inbox.mkdir()
    shutil.copy(STORY_EXTRACTS / "werkgevers_register_20240701.xlsx", inbox)
    write(
        inbox,
        "werkplein_plaatsingen_20240701.csv",
        [PLAATSINGEN, f"PL-1;{P1};06012345;REGULIER;01-06-2024;;36;;", f"PL-2;{P2};12121212;REGULIER;01-06-2024;;36;;"],
    )
    report = load(tmp_path, inbox)
    placements = next(o for o in report.files if o.entiteit == "plaatsingen")
    assert placements.rijen == 2
    assert placements.waarschuwingen == [
        "1 plaatsing(en) bij een werkgever die niet in het werkgeversregister "
        "staat (KvK 12121212): getoond als 'onbekende werkgever'"
    ]


# --- files refused whole ------------------------------------------------------------------------------


def assert_refused(tmp_path: Path, report: IngestReport, name: str, reason_part: str) -> None:
    (outcome,) = report.with_status("geweigerd")
    assert outcome.bestand == name and reason_part in (outcome.reden or "")
    rejected = tmp_path / "rejected"
    assert (rejected / name).exists() and not (tmp_path / "in" / name).exists()
    assert reason_part in (rejected / f"{name}.reason.txt").read_text(encoding="utf-8")
    assert rows(tmp_path, "select count(*) from raw.laadlog") == [(0,)]  # the warehouse is unchanged


def test_misnamed_file_is_refused_whole_naming_the_expected_names(tmp_path: Path) -> None:
    write(tmp_path / "in", "werkplein_ladder_2024-07.csv", [LADDER, f"{P1};01-07-2024;3;"])
    report = load(tmp_path, tmp_path / "in")
    assert_refused(tmp_path, report, "werkplein_ladder_2024-07.csv", "werkplein_ladder_<jjjjmmdd>.csv")


def test_file_missing_required_columns_is_refused_whole(tmp_path: Path) -> None:
    write(tmp_path / "in", "werkplein_ladder_20240701.csv", ["bsn;peildatum", f"{P1};01-07-2024"])
    report = load(tmp_path, tmp_path / "in")
    assert_refused(tmp_path, report, "werkplein_ladder_20240701.csv", "verplichte kolommen ontbreken: trede")


def test_file_in_unknown_encoding_is_refused_whole(tmp_path: Path) -> None:
    path = write(tmp_path / "in", "werkplein_ladder_20240701.csv", [LADDER, f"{P1};01-07-2024;3;"])
    path.write_bytes(path.read_bytes() + b"\x81\x8d\r\n")  # bytes neither UTF-8 nor Windows-1252 defines
    report = load(tmp_path, tmp_path / "in")
    assert_refused(tmp_path, report, "werkplein_ladder_20240701.csv", "onbekende tekstcodering")


def test_binary_file_with_a_csv_name_is_refused_whole(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "werkplein_ladder_20240701.csv").write_bytes("bsn;peildatum".encode("utf-16"))
    report = load(tmp_path, tmp_path / "in")
    assert_refused(tmp_path, report, "werkplein_ladder_20240701.csv", "geen tekstbestand")


def test_workbook_without_the_sroi_sheet_is_refused_whole(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    workbook = xlsxwriter.Workbook(str(tmp_path / "in" / "werkgevers_register_20240701.xlsx"))
    workbook.add_worksheet("werkgevers").write_row(0, 0, REGISTER_COLUMNS)
    workbook.close()
    report = load(tmp_path, tmp_path / "in")
    assert_refused(tmp_path, report, "werkgevers_register_20240701.xlsx", "werkblad 'sroi' ontbreekt")


def test_csv_named_as_workbook_is_refused_whole(tmp_path: Path) -> None:
    write(tmp_path / "in", "werkgevers_register_20240701.xlsx", ["kvk;naam"])
    report = load(tmp_path, tmp_path / "in")
    assert_refused(tmp_path, report, "werkgevers_register_20240701.xlsx", "geen leesbaar Excel-bestand")


# --- idempotence and corrections --------------------------------------------------------------------


def test_loading_the_same_file_twice_changes_nothing(tmp_path: Path) -> None:
    write(tmp_path / "in", "werkplein_ladder_20240701.csv", [LADDER, f"{P1};01-07-2024;3;", f"{P2};01-07-2024;9;"])
    load(tmp_path, tmp_path / "in")
    before = rows(tmp_path, "select * from raw.werkplein_ladder"), quarantine(tmp_path)
    report = load(tmp_path, tmp_path / "in")
    assert [o.status for o in report.files] == ["ongewijzigd"]
    assert (rows(tmp_path, "select * from raw.werkplein_ladder"), quarantine(tmp_path)) == before
    assert rows(tmp_path, "select count(*) from raw.laadlog") == [(1,)]


def test_a_run_with_another_pseudonym_key_is_refused_whole_and_the_first_key_loads_again(tmp_path: Path) -> None:
    # A new server where SEMON_KEY_FILE was not copied makes a new key: every person would get a new persoon_id.
    warehouse = tmp_path / "wh.duckdb"
    write(tmp_path / "a", "werkplein_ladder_20240601.csv", [LADDER, f"{P1};01-06-2024;2;"])
    load(tmp_path, tmp_path / "a")
    inbox = tmp_path / "b"
    write(inbox, "werkplein_ladder_20240701.csv", [LADDER, f"{P1};01-07-2024;3;", f"{P2};01-07-2024;x;"])
    write(inbox, "ladder.csv", [LADDER])  # misnamed: a run that went ahead would move it to rejected/
    before = rows(tmp_path, "select * from raw.werkplein_ladder"), rows(tmp_path, "select * from raw.laadlog")
    other = bytes(reversed(TEST_KEY))
    with pytest.raises(KeyMismatch, match=r"SEMON_PSEUDONYM_KEY is gezet.*Zet SEMON_PSEUDONYM_KEY of SEMON_KEY_FILE"):
        ingest_paths([inbox], warehouse=warehouse, key=other)
    after = rows(tmp_path, "select * from raw.werkplein_ladder"), rows(tmp_path, "select * from raw.laadlog")
    assert after == before and quarantine(tmp_path) == []
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file() and "wh.duckdb" not in p.name) == [
        "ladder.csv",
        "werkplein_ladder_20240601.csv",
        "werkplein_ladder_20240701.csv",
    ]  # nothing moved, no reason file
    report = load(tmp_path, inbox)
    assert sorted((o.bestand, o.status) for o in report.files) == [
        ("ladder.csv", "geweigerd"),
        ("werkplein_ladder_20240701.csv", "geladen"),
    ]
    assert rows(tmp_path, "select persoon_id, trede from raw.werkplein_ladder order by bestand_peildatum") == [
        (pseudonym(P1), 2),
        (pseudonym(P1), 3),  # the same person in both months
    ]
    # The fingerprint tells the keys apart without giving the key away.
    (stored,) = rows(tmp_path, "select vingerafdruk from raw.sleutel")
    assert stored == (hmac.new(TEST_KEY, b"semon: vingerafdruk van de pseudoniemsleutel", hashlib.sha256).hexdigest(),)
    content = warehouse.read_bytes()
    assert TEST_KEY not in content and TEST_KEY.hex().encode() not in content


def test_a_warehouse_without_a_key_fingerprint_takes_the_key_of_its_next_run(tmp_path: Path) -> None:
    # From before the guard: nothing to compare with, so the next run's key is the one it keeps from then on.
    write(tmp_path / "a", "werkplein_ladder_20240601.csv", [LADDER, f"{P1};01-06-2024;2;"])
    load(tmp_path, tmp_path / "a")
    with duckdb.connect(str(tmp_path / "wh.duckdb")) as con:
        con.execute("drop table raw.sleutel")
    write(tmp_path / "b", "werkplein_ladder_20240701.csv", [LADDER, f"{P1};01-07-2024;3;"])
    other = bytes(reversed(TEST_KEY))
    assert [o.status for o in ingest_paths([tmp_path / "b"], warehouse=tmp_path / "wh.duckdb", key=other).files] == [
        "geladen"
    ]
    write(tmp_path / "c", "werkplein_ladder_20240801.csv", [LADDER, f"{P1};01-08-2024;4;"])
    with pytest.raises(KeyMismatch):
        load(tmp_path, tmp_path / "c")


def test_correction_replaces_only_its_own_date(tmp_path: Path) -> None:
    write(tmp_path / "a", "werkplein_ladder_20240601.csv", [LADDER, f"{P1};01-06-2024;2;"])
    write(tmp_path / "a", "werkplein_ladder_20240701.csv", [LADDER, f"{P1};01-07-2024;3;", f"{P2};01-07-2024;8;"])
    load(tmp_path, tmp_path / "a")
    write(tmp_path / "b", "werkplein_ladder_20240701.csv", [LADDER, f"{P2};01-07-2024;4;"])
    report = load(tmp_path, tmp_path / "b")
    assert [o.status for o in report.files] == ["correctie"]
    assert rows(
        tmp_path, "select bestand_peildatum::varchar, persoon_id, trede from raw.werkplein_ladder order by 1"
    ) == [("2024-06-01", pseudonym(P1), 2), ("2024-07-01", pseudonym(P2), 4)]
    assert quarantine(tmp_path) == []  # the replaced file's bad row went with it
    assert rows(tmp_path, "select laad_id, status, vervangen_door from raw.laadlog order by laad_id") == [
        (1, "geladen", None),
        (2, "vervangen", 3),
        (3, "geladen", None),
    ]


def test_rows_after_a_line_with_wrong_field_count_keep_their_own_line_numbers(tmp_path: Path) -> None:
    write(
        tmp_path / "in",
        "werkplein_ladder_20240701.csv",
        [LADDER, f"{P1};01-07-2024", f"{P2};01-07-2024;3;", f"{P3};01-07-2024;0;"],
    )
    load(tmp_path, tmp_path / "in")
    assert rows(tmp_path, "select regelnummer from raw.werkplein_ladder") == [(3,)]
    assert [(line, column) for _, line, column, _, _ in quarantine(tmp_path)] == [(2, "*"), (4, "trede")]


def test_blank_lines_and_runs_of_broken_lines_do_not_shift_later_line_numbers(tmp_path: Path) -> None:
    write(
        tmp_path / "in",
        "werkplein_ladder_20240701.csv",
        [
            LADDER,
            f"{P1};01-07-2024;3;",  # 2
            "",  # 3: blank, skipped by the reader
            f"{P2};01-07-2024",  # 4: too few fields
            f"{P3};01-07-2024;1;x;y",  # 5: too many fields
            f"{P2};01-07-2024;9;",  # 6: trede out of range
            f"{P3};01-07-2024;4;",  # 7
        ],
    )
    load(tmp_path, tmp_path / "in")
    assert rows(tmp_path, "select regelnummer from raw.werkplein_ladder order by 1") == [(2,), (7,)]
    assert [(line, column) for _, line, column, _, _ in quarantine(tmp_path)] == [(4, "*"), (5, "*"), (6, "trede")]


def test_a_warehouse_from_before_issue_11_keeps_only_the_birth_month_and_no_postcode(tmp_path: Path) -> None:
    """The old raw layout (full geboortedatum, postcode) is migrated on the next ingest, and the file is rewritten
    so the old values are not left in its free blocks."""
    warehouse = tmp_path / "wh.duckdb"  # where load() ingests
    con = duckdb.connect(str(warehouse))
    con.execute("create schema raw")
    con.execute(
        "create table raw.werkplein_klanten (laad_id bigint not null, bron_bestand varchar not null, "
        "bestand_peildatum date not null, regelnummer integer not null, persoon_id varchar, geboortedatum date, "
        "geslacht varchar, postcode varchar, gemeentecode varchar, regeling varchar, datum_instroom date, "
        "datum_uitstroom date, reden_uitstroom varchar)"
    )
    con.execute(
        "insert into raw.werkplein_klanten values (1, 'werkplein_klanten_20240601.csv', '2024-06-01', 2, ?, "
        "'1988-03-14', 'V', '7511', 'GM0153', 'PW', '2021-02-01', null, null)",
        [hmac.new(TEST_KEY, b"x", hashlib.sha256).hexdigest()],  # a persoon_id as it was: 64 hex characters
    )
    con.execute("create schema main_intermediate")
    con.execute("create table main_intermediate.int_personen as select 'abc' as persoon_id, date '1988-03-14' as d")
    con.execute("create view raw.oud as select postcode from raw.werkplein_klanten")
    con.close()
    write(
        tmp_path / "in", "werkplein_klanten_20240701.csv", [KLANTEN, f"{P1};02-11-1999;M;7551AK;0164;PW;15-06-2022;;"]
    )
    load(tmp_path, tmp_path / "in")
    assert rows(tmp_path, "select geboortemaand::varchar from raw.werkplein_klanten order by laad_id") == [
        ("1988-03-01",),
        ("1999-11-01",),
    ]
    columns = {name for (name,) in rows(tmp_path, "select column_name from information_schema.columns")}
    assert "postcode" not in columns and "geboortedatum" not in columns
    assert rows(tmp_path, "select count(*) from duckdb_tables() where table_name = 'int_personen'") == [(0,)]
    assert b"7511" not in warehouse.read_bytes()
