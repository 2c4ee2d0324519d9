"""Ingest that no delivery can break (issue 12): every file on its own, every byte accounted for,
every message plain Dutch, no BSN on disk or screen."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import time
from pathlib import Path

import pytest

from cli.console import ingest_summary
from cli.main import EXIT_REFUSED, main
from ingest import load as load_module
from ingest.errors import FileRefused
from ingest.masking import mask_bsn
from ingest.naming import identify, shown_name
from ingest.stream import remove_leftovers
from tests.helpers_ingest import (
    KLANTEN,
    LADDER,
    TRAJECTEN,
    load,
    quarantine,
    rows,
    warehouse_file,
    write_bytes,
    write_register,
)

P1, P2, P3 = "111111110", "111123331", "111131108"  # synthetic, pass the elfproef
LADDER_ROWS = [f"{P1};01-07-2024;3;", f"{P2};01-07-2024;4;", f"{P3};01-07-2024;5;"]
EMPLOYER = ["06012345", "Twente Milieu", "E", "GM0153", "50-99", "", "", "", "N"]
CONTRACT = ["SROI-1", "06012345", "Afval", 100000, 5, "01-01-2024", "31-12-2026"]


def ladder_bytes(newline: str = "\n", encoding: str = "utf-8") -> bytes:
    return (newline.join([LADDER, *LADDER_ROWS]) + newline).encode(encoding)


def loaded_lines(tmp_path: Path, table: str = "werkplein_ladder") -> list[int]:
    return [line for (line,) in rows(tmp_path, f"select regelnummer from raw.{table} order by 1")]


def refused_reason(tmp_path: Path, name: str) -> str:
    rejected = tmp_path / "rejected"
    assert (rejected / name).exists() and not (tmp_path / "in" / name).exists()
    return (rejected / f"{name}.reason.txt").read_text(encoding="utf-8").strip()


# --- 1. every file on its own -------------------------------------------------------------------------


def test_an_unexpected_error_in_one_file_refuses_only_that_file(tmp_path: Path, monkeypatch) -> None:
    inbox = tmp_path / "in"
    write_bytes(inbox, "werkplein_ladder_20240701.csv", ladder_bytes())
    write_bytes(inbox, "werkplein_ladder_20240801.csv", ladder_bytes("\r\n"))  # no copy of the first (refused)
    real = load_module.read_csv_files
    batches: list[list[str]] = []

    def poisonous(con, files, table):
        batches.append([file.name for file in files])
        if any(file.name.endswith("0701.csv") for file in files):
            raise RuntimeError("internal detail 123456782")
        return real(con, files, table)

    monkeypatch.setattr(load_module, "read_csv_files", poisonous)
    report = load(tmp_path, inbox)
    # Read together first; when that fails, one by one, so only the file at fault is refused.
    assert batches == [
        ["werkplein_ladder_20240701.csv", "werkplein_ladder_20240801.csv"],
        ["werkplein_ladder_20240701.csv"],
        ["werkplein_ladder_20240801.csv"],
    ]
    assert [(o.bestand, o.status, o.rijen) for o in report.files] == [
        ("werkplein_ladder_20240701.csv", "geweigerd", 0),
        ("werkplein_ladder_20240801.csv", "geladen", 3),
    ]
    reason = refused_reason(tmp_path, "werkplein_ladder_20240701.csv")
    assert reason.startswith("dit bestand kon door een onverwachte fout niet worden gelezen")
    assert "RuntimeError" not in reason and "internal detail" not in reason
    log = (tmp_path / "semon-ingest.log").read_text(encoding="utf-8")
    assert "RuntimeError: internal detail *********" in log and "123456782" not in log
    assert rows(tmp_path, "select bestand from raw.laadlog") == [("werkplein_ladder_20240801.csv",)]


def test_an_error_in_the_monitors_own_read_is_not_blamed_on_the_file(tmp_path: Path, monkeypatch) -> None:
    """Only what DuckDB's CSV reader says of a file refuses it as unsplittable; an error of the read's own SQL (here a
    column the statement names but does not read) is the monitor's, and says so."""
    inbox = tmp_path / "in"
    write_bytes(inbox, "werkplein_ladder_20240701.csv", ladder_bytes())
    monkeypatch.setattr("ingest.reading.SPILL", -2)  # reads fewer columns than the header has
    report = load(tmp_path, inbox)
    assert [(o.bestand, o.status) for o in report.files] == [("werkplein_ladder_20240701.csv", "geweigerd")]
    reason = refused_reason(tmp_path, "werkplein_ladder_20240701.csv")
    assert reason.startswith("dit bestand kon door een onverwachte fout niet worden gelezen")
    assert "BinderException" in (tmp_path / "semon-ingest.log").read_text(encoding="utf-8")


def test_cr_only_file_among_others_loads_and_the_cli_ends_without_traceback(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    monkeypatch.setenv("SEMON_WAREHOUSE", str(tmp_path / "wh.duckdb"))
    inbox = tmp_path / "in"
    write_bytes(inbox, "werkplein_ladder_20240701.csv", ladder_bytes("\r"))
    write_bytes(inbox, "werkplein_ladder_20240801.csv", ladder_bytes("\r\n"))
    write_bytes(inbox, "werkplein_ladder_20240901.csv", b"\xff\xfe\x00b\x00s\x00n")  # UTF-16: refused
    assert main(["ingest", str(inbox)]) == EXIT_REFUSED
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    assert "Inlezen klaar: 2 geladen, 0 correctie, 0 ongewijzigd, 1 geweigerd" in captured.out
    assert rows(tmp_path, "select count(*), count(distinct laad_id) from raw.werkplein_ladder") == [(6, 2)]
    assert "geen tekstbestand: regel 1 bevat NUL-bytes" in refused_reason(tmp_path, "werkplein_ladder_20240901.csv")


# --- 2. what the contract allows ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        ladder_bytes("\n"),
        ladder_bytes("\r\n"),
        ladder_bytes("\r"),
        f"{LADDER}\r\n{LADDER_ROWS[0]}\n{LADDER_ROWS[1]}\r\n{LADDER_ROWS[2]}\r".encode(),  # mixed
        b"\xef\xbb\xbf" + ladder_bytes("\r\n"),
        ladder_bytes("\r", "cp1252"),
    ],
    ids=["lf", "crlf", "cr", "mixed", "bom-crlf", "cp1252-cr"],
)
def test_every_allowed_line_ending_and_encoding_loads_all_rows_on_their_lines(tmp_path: Path, data: bytes) -> None:
    write_bytes(tmp_path / "in", "werkplein_ladder_20240701.csv", data)
    report = load(tmp_path, tmp_path / "in")
    assert (report.files[0].status, report.files[0].rijen, report.files[0].quarantaine) == ("geladen", 3, 0)
    assert loaded_lines(tmp_path) == [2, 3, 4]


def test_windows_1252_names_survive_and_are_not_garbled(tmp_path: Path) -> None:
    lines = [TRAJECTEN, f"Müller-Çelik;{P1};JOBCOACH;01-01-2024;;;SD1"]
    write_bytes(tmp_path / "in", "werkplein_trajecten_20240701.csv", "\r\n".join(lines).encode("cp1252"))
    load(tmp_path, tmp_path / "in")
    assert rows(tmp_path, "select traject_id from raw.werkplein_trajecten") == [("Müller-Çelik",)]


def test_utf8_with_bom_and_a_windows_1252_byte_is_refused_naming_the_line(tmp_path: Path) -> None:
    inbox = tmp_path / "in"
    data = (
        b"\xef\xbb\xbf" + f"{TRAJECTEN}\nT1;{P1};JOBCOACH;01-01-2024;;;SD1\n".encode() + "M\xfcller;".encode("latin-1")
    )
    write_bytes(inbox, "werkplein_trajecten_20240701.csv", data + f"{P2};JOBCOACH;01-01-2024;;;\n".encode())
    write_bytes(inbox, "werkplein_ladder_20240701.csv", ladder_bytes())
    report = load(tmp_path, inbox)
    assert [(o.entiteit, o.status) for o in report.files] == [("ladder", "geladen"), ("trajecten", "geweigerd")]
    assert refused_reason(tmp_path, "werkplein_trajecten_20240701.csv") == (
        "gemengde tekstcodering: het begint met een UTF-8-BOM, maar regel 3 bevat byte 0xFC die geen UTF-8 is "
        "(waarschijnlijk Windows-1252). Sla het bestand opnieuw op in één codering (UTF-8 of Windows-1252)"
    )
    assert rows(tmp_path, "select count(*) from raw.werkplein_trajecten") == [(0,)]


def test_utf8_without_bom_mixed_with_windows_1252_is_refused_naming_both_lines(tmp_path: Path) -> None:
    data = (
        f"{TRAJECTEN}\r\nMüller;{P1};JOBCOACH;01-01-2024;;;SD1\r\n".encode()
        + f"Çelik;{P2};JOBCOACH;01-01-2024;;;\r\n".encode("cp1252")
    )
    write_bytes(tmp_path / "in", "werkplein_trajecten_20240701.csv", data)
    load(tmp_path, tmp_path / "in")
    reason = refused_reason(tmp_path, "werkplein_trajecten_20240701.csv")
    assert reason.startswith("gemengde tekstcodering: regel 2 is UTF-8, maar regel 3 bevat byte 0xC7")


def test_a_byte_in_neither_encoding_is_refused_naming_its_line(tmp_path: Path) -> None:
    write_bytes(tmp_path / "in", "werkplein_ladder_20240701.csv", ladder_bytes("\r") + b"x\x81\r")
    load(tmp_path, tmp_path / "in")
    assert refused_reason(tmp_path, "werkplein_ladder_20240701.csv").startswith(
        "onbekende tekstcodering: regel 5 bevat byte 0x81, die in UTF-8 noch in Windows-1252 voorkomt"
    )


def test_quoted_fields_with_delimiter_quote_and_line_break_keep_working(tmp_path: Path) -> None:
    lines = [TRAJECTEN, f'"T;1 ""a""";{P1};JOBCOACH;01-01-2024;;;SD1', f'"T\r\n2";{P2};JOBCOACH;01-01-2024;;;']
    write_bytes(tmp_path / "in", "werkplein_trajecten_20240701.csv", ("\r\n".join(lines) + "\r\n").encode())
    load(tmp_path, tmp_path / "in")
    assert rows(tmp_path, "select regelnummer, traject_id from raw.werkplein_trajecten order by 1") == [
        (2, 'T;1 "a"'),
        (3, "T\n2"),
    ]


# --- 3. field counts ----------------------------------------------------------------------------------


def test_an_unquoted_delimiter_is_one_field_count_error_without_a_bsn(tmp_path: Path, capsys) -> None:
    lines = [
        KLANTEN,
        f"{P1};14-03-1988;V;7511 AB;0153;PW;01-02-2021;;",
        f"{P2};02-11-1999;M;7551AK;GM0164;PW;15-06-2022;01-01-2024;WERK;{P3}",  # 10 fields
        f"{P3};02-11-1999;M;7551AK",  # 4 fields
    ]
    write_bytes(tmp_path / "in", "werkplein_klanten_20240701.csv", "\n".join(lines).encode())
    report = load(tmp_path, tmp_path / "in")
    assert (report.files[0].rijen, report.files[0].quarantaine) == (1, 2)
    assert quarantine(tmp_path) == [
        ("werkplein_klanten_20240701.csv", 3, "*", None, "regel 3 heeft 10 velden, verwacht 9"),
        ("werkplein_klanten_20240701.csv", 4, "*", None, "regel 4 heeft 4 velden, verwacht 9"),
    ]
    assert P3 not in ingest_summary(report)


def test_trailing_empty_fields_count_too(tmp_path: Path) -> None:
    lines = [TRAJECTEN, f"T1;x;y;{P2};JOBCOACH;01-01-2024;;;"]  # a shifted row, empty at the end
    write_bytes(tmp_path / "in", "werkplein_trajecten_20240701.csv", "\n".join(lines).encode())
    load(tmp_path, tmp_path / "in")
    assert quarantine(tmp_path) == [
        ("werkplein_trajecten_20240701.csv", 2, "*", None, "regel 2 heeft 9 velden, verwacht 7")
    ]


def test_an_unclosed_quote_that_swallows_lines_refuses_the_file_whole(tmp_path: Path) -> None:
    lines = [LADDER, LADDER_ROWS[0], f'"{P2};01-07-2024;4;', LADDER_ROWS[2]]
    write_bytes(tmp_path / "in", "werkplein_ladder_20240701.csv", "\n".join(lines).encode())
    load(tmp_path, tmp_path / "in")
    assert refused_reason(tmp_path, "werkplein_ladder_20240701.csv").startswith(
        "regel 3: een aanhalingsteken wordt niet gesloten, waardoor de regels erna niet betrouwbaar gelezen"
    )


def test_a_quote_inside_a_field_or_an_overlong_line_is_one_row_error_in_dutch(tmp_path: Path) -> None:
    lines = [LADDER, LADDER_ROWS[0], f'{P2};"01"-07-2024;4;', f"{P3};" + "x" * 2_200_000 + ";3;", LADDER_ROWS[2]]
    write_bytes(tmp_path / "in", "werkplein_ladder_20240701.csv", "\n".join(lines).encode())
    report = load(tmp_path, tmp_path / "in")
    assert (report.files[0].rijen, report.files[0].quarantaine) == (2, 2)
    assert [(line, reason) for _, line, _, _, reason in quarantine(tmp_path)] == [
        (
            3,
            "regel 3: een aanhalingsteken staat midden in een veld of wordt niet gesloten; zet het hele veld "
            "tussen aanhalingstekens en verdubbel de aanhalingstekens erin",
        ),
        (
            4,
            "regel 4: de regel is te lang om te lezen (meer dan 2 MB); waarschijnlijk wordt een aanhalingsteken "
            "niet gesloten",
        ),
    ]
    assert loaded_lines(tmp_path) == [2, 5]


# --- 4. line numbers ----------------------------------------------------------------------------------


def test_after_a_quoted_line_break_lines_are_the_editors_and_the_spreadsheet_row_is_named(tmp_path: Path) -> None:
    lines = [
        TRAJECTEN,
        f'"T1\nmet\nuitleg";{P1};JOBCOACH;01-01-2024;;;SD1',  # lines 2-4, spreadsheet row 2
        f"T2;{P2};JOBCOACH;01-01-2024;;;SDX",  # line 5, row 3
        "",  # line 6
        f"T3;{P3};JOBCOACH;01-01-2024;;",  # line 7, row 5: too few fields
        f"T4;{P3};JOBCOACH;01-01-2024;;;",  # line 8
    ]
    write_bytes(tmp_path / "in", "werkplein_trajecten_20240701.csv", "\n".join(lines).encode())
    report = load(tmp_path, tmp_path / "in")
    assert (report.files[0].rijen, report.files[0].quarantaine) == (2, 2)
    assert loaded_lines(tmp_path, "werkplein_trajecten") == [2, 8]
    assert rows(tmp_path, "select regelnummer, recordnummer, kolom, reden from raw.quarantaine order by 1") == [
        (5, 3, "strategisch_doel", "onbekende code; toegestaan: SD1, SD2, SD3, SD4"),
        (7, 5, "*", "regel 7 heeft 6 velden, verwacht 7"),
    ]
    assert report.files[0].voorbeelden == [
        "werkplein_trajecten_20240701.csv, regel 5 (rij 3 in een spreadsheet), kolom strategisch_doel, "
        "waarde 'SDX': onbekende code; toegestaan: SD1, SD2, SD3, SD4",
        "werkplein_trajecten_20240701.csv: regel 7 heeft 6 velden, verwacht 7 (rij 5 in een spreadsheet)",
    ]


def test_record_number_stays_empty_where_it_is_the_line(tmp_path: Path) -> None:
    write_bytes(tmp_path / "in", "werkplein_ladder_20240701.csv", ladder_bytes() + b"x;y\n")
    load(tmp_path, tmp_path / "in")
    assert rows(tmp_path, "select regelnummer, recordnummer from raw.quarantaine") == [(5, None)]


def test_lines_of_only_spaces_are_not_rows_and_do_not_shift_numbers(tmp_path: Path) -> None:
    lines = [LADDER, LADDER_ROWS[0], "   ", "", LADDER_ROWS[1], f"{P3};01-07-2024;9;"]
    write_bytes(tmp_path / "in", "werkplein_ladder_20240701.csv", "\r\n".join(lines).encode())
    report = load(tmp_path, tmp_path / "in")
    assert (report.files[0].rijen, report.files[0].quarantaine) == (2, 1)
    assert loaded_lines(tmp_path) == [2, 5]
    assert [line for _, line, *_ in quarantine(tmp_path)] == [6]


# --- 5. header problems -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (
            f"{P1};01-07-2024;3;\n".encode(),
            "geen kopregel: de eerste regel (de kopregel) bevat geen van de verwachte kolomnamen (de eerste regel "
            "lijkt een gegevensregel: de kopregel ontbreekt); zet bovenaan een regel met de kolomnamen bsn, "
            "peildatum, trede",
        ),
        (b"bsn;;peildatum;;\n", "verplichte kolommen ontbreken: trede; verwacht: bsn, peildatum, trede"),
        (b"\n" + ladder_bytes(), "de eerste regel is leeg: het bestand moet beginnen met de kopregel (de kolomnamen)"),
        (b"", "leeg bestand: geen kopregel en geen rijen"),
        (b"bsn;peildatum;trede;trede\n", "kolomnaam dubbel in de eerste regel (de kopregel): trede"),
    ],
    ids=["no-header", "missing", "blank-first-line", "empty", "duplicate"],
)
def test_header_problems_are_named(tmp_path: Path, data: bytes, reason: str) -> None:
    write_bytes(tmp_path / "in", "werkplein_ladder_20240701.csv", data)
    load(tmp_path, tmp_path / "in")
    assert refused_reason(tmp_path, "werkplein_ladder_20240701.csv") == reason


def test_excel_title_row_above_the_header_is_skipped_with_a_warning(tmp_path: Path) -> None:
    write_register(tmp_path / "in" / "werkgevers_register_20240701.xlsx", [EMPLOYER], [CONTRACT], title="Register")
    report = load(tmp_path, tmp_path / "in")
    assert (report.files[0].status, report.files[0].rijen) == ("geladen", 2)
    assert rows(tmp_path, "select regelnummer, kvk from raw.werkgevers_register") == [(4, "06012345")]
    assert report.files[0].waarschuwingen == [
        "werkblad 'werkgevers': 2 rij(en) boven de kopregel overgeslagen (titel); kopregel op rij 3",
        "werkblad 'sroi': 2 rij(en) boven de kopregel overgeslagen (titel); kopregel op rij 3",
    ]


def test_excel_sheet_without_a_header_row_says_so(tmp_path: Path) -> None:
    import xlsxwriter

    (tmp_path / "in").mkdir()
    workbook = xlsxwriter.Workbook(str(tmp_path / "in" / "werkgevers_register_20240701.xlsx"))
    workbook.add_worksheet("werkgevers").write_row(0, 0, ["Werkgeversregister Twente 2024"])
    workbook.add_worksheet("sroi")
    workbook.close()
    load(tmp_path, tmp_path / "in")
    assert refused_reason(tmp_path, "werkgevers_register_20240701.xlsx") == (
        "geen kopregel gevonden in de eerste 10 rijen van werkblad 'werkgevers'; rij 1 lijkt een titel "
        "('werkgeversregister twente 2024'); verwacht een rij met de kolomnamen kvk, naam, sbi_sector, "
        "vestigingsgemeente, grootteklasse, pact, datum_toetreding, toezegging_plekken, sociale_onderneming"
    )


def test_not_a_workbook_is_refused_in_dutch_only(tmp_path: Path) -> None:
    write_bytes(tmp_path / "in", "werkgevers_register_20240701.xlsx", b"PK\x03\x04 broken")
    load(tmp_path, tmp_path / "in")
    reason = refused_reason(tmp_path, "werkgevers_register_20240701.xlsx")
    assert (
        reason == "geen leesbaar Excel-bestand (.xlsx): sla het op als Excel-werkmap (.xlsx) en lever het opnieuw aan"
    )
    assert "CalamineError" in (tmp_path / "semon-ingest.log").read_text(encoding="utf-8")


# --- 6. file names and skipped entries ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        (
            "werkplein_ladder_20240701.CSV",
            "de extensie moet in kleine letters: .csv, niet .CSV; hernoem het bestand naar "
            "werkplein_ladder_20240701.csv",
        ),
        (
            "werkplein_ladder_20240701 (1).csv",
            "na de datum staat nog ' (1)' (een tweede download of een eigen toevoeging?); hernoem het bestand naar "
            "werkplein_ladder_20240701.csv. Een correctie heeft dezelfde naam als het bestand dat ze vervangt",
        ),
        ("werkplein_ladder_20240231.csv", "datum 20240231 in de bestandsnaam bestaat niet (jjjjmmdd)"),
        (
            "werkplein_ladders_20240701.csv",
            "onbekende entiteit 'ladders' voor bron werkplein; verwacht een van: "
            "klanten, ladder, trajecten, plaatsingen",
        ),
        (
            "werkplijn_ladder_20240701.csv",
            "onbekende bron 'werkplijn'; bekende bronnen: werkplein, uwv, wsw, rmc, werkgevers",
        ),
        (
            "werkgevers_register_20240701.csv",
            "werkgevers_register wordt aangeleverd als .xlsx, niet als .csv; "
            "verwacht werkgevers_register_20240701.xlsx",
        ),
    ],
)
def test_a_name_that_almost_fits_says_what_is_off(tmp_path: Path, name: str, reason: str) -> None:
    write_bytes(tmp_path / "in", name, ladder_bytes())
    report = load(tmp_path, tmp_path / "in")
    assert report.files[0].status == "geweigerd"
    assert refused_reason(tmp_path, name).startswith(reason)


def test_a_name_with_a_year_typed_wrong_is_refused_whole_and_adds_no_month(tmp_path: Path) -> None:
    """The monitor counts the months from its oldest delivery to its newest: a file named 20620201 (for 20260201)
    made it count up to January 2062 and open every page there; 19261201 would add the months back to 1926."""
    for name in ("werkplein_ladder_20620201.csv", "werkplein_ladder_19261201.csv", "werkplein_ladder_20240701.csv"):
        write_bytes(tmp_path / "in", name, ladder_bytes())
    report = load(tmp_path, tmp_path / "in")
    assert sorted((o.bestand, o.status) for o in report.files) == [
        ("werkplein_ladder_19261201.csv", "geweigerd"),
        ("werkplein_ladder_20240701.csv", "geladen"),
        ("werkplein_ladder_20620201.csv", "geweigerd"),
    ]
    assert refused_reason(tmp_path, "werkplein_ladder_20620201.csv").startswith(
        "datum 20620201 in de bestandsnaam ligt in de toekomst: vandaag ("
    )
    assert refused_reason(tmp_path, "werkplein_ladder_19261201.csv") == (
        "datum 19261201 in de bestandsnaam ligt vóór 20000101, eerder dan enige levering aan deze monitor "
        "(de participatieladder is van 2008); controleer het jaar"
    )
    assert rows(tmp_path, "select bestand from raw.laadlog") == [("werkplein_ladder_20240701.csv",)]


@pytest.mark.parametrize(
    ("vandaag", "laatste"),
    [(dt.date(2026, 11, 30), "20261201"), (dt.date(2026, 12, 1), "20270101"), (dt.date(2027, 1, 31), "20270201")],
)
def test_an_extract_may_be_named_up_to_the_first_of_next_month(vandaag: dt.date, laatste: str) -> None:
    """An extract shows a month's end and is named after the 1st of the month after it: on the last day of November
    November's extract (20261201) may be there, the day after that date not."""
    assert (
        identify(f"werkplein_ladder_{laatste}.csv", vandaag).peildatum == dt.datetime.strptime(laatste, "%Y%m%d").date()
    )
    assert identify("werkplein_ladder_20000101.csv", vandaag).peildatum == dt.date(2000, 1, 1)
    day_after = (dt.datetime.strptime(laatste, "%Y%m%d") + dt.timedelta(days=1)).strftime("%Y%m%d")
    with pytest.raises(FileRefused) as refused:
        identify(f"werkplein_ladder_{day_after}.csv", vandaag)
    assert refused.value.reason == (
        f"datum {day_after} in de bestandsnaam ligt in de toekomst: vandaag ({vandaag:%d-%m-%Y}) heet een extract "
        f"hoogstens {laatste} (de 1e van de volgende maand); controleer het jaar en de maand"
    )


def test_a_measurement_file_that_is_another_months_sent_again_is_refused(tmp_path: Path) -> None:
    """A new month's scores carry its peildata: a ladder file the same, byte for byte, as another month's is that
    file sent again, and loaded it would show a month in which nobody was scored. Refused, loaded before or read
    together with its twin; the twin stays."""
    write_bytes(tmp_path / "in", "werkplein_ladder_20240701.csv", ladder_bytes())
    load(tmp_path, tmp_path / "in")
    write_bytes(tmp_path / "in2", "werkplein_ladder_20240801.csv", ladder_bytes())
    write_bytes(tmp_path / "in2", "werkplein_ladder_20240901.csv", ladder_bytes("\r\n"))
    write_bytes(tmp_path / "in2", "werkplein_ladder_20241001.csv", ladder_bytes("\r\n"))
    report = load(tmp_path, tmp_path / "in2")
    assert [(o.bestand, o.status) for o in report.files] == [
        ("werkplein_ladder_20240801.csv", "geweigerd"),
        ("werkplein_ladder_20240901.csv", "geladen"),
        ("werkplein_ladder_20241001.csv", "geweigerd"),
    ]
    assert refused_reason(tmp_path, "werkplein_ladder_20240801.csv") == (
        "inhoud is byte voor byte gelijk aan het extract van 01-07-2024: waarschijnlijk is dat opnieuw verstuurd "
        "(een nieuwe maand heeft nieuwe peildata); lever het extract van 01-08-2024"
    )
    assert refused_reason(tmp_path, "werkplein_ladder_20241001.csv").startswith(
        "inhoud is byte voor byte gelijk aan het extract van 01-09-2024:"
    )
    assert rows(tmp_path, "select bestand from raw.laadlog order by 1") == [
        ("werkplein_ladder_20240701.csv",),
        ("werkplein_ladder_20240901.csv",),
    ]


def test_a_snapshot_the_same_as_another_months_loads_with_a_warning_and_an_empty_file_without(tmp_path: Path) -> None:
    """A snapshot may not have changed in a month (a small entity), or may be last month's sent again: it loads, and
    the warning says which (the data quality page shows it). A file without rows may be the same every month."""
    klanten = f"{P1};14-03-1988;V;;0153;PW;01-02-2021;;"
    for month in ("07", "08"):
        write_bytes(tmp_path / "in", f"werkplein_klanten_2024{month}01.csv", f"{KLANTEN}\n{klanten}\n".encode())
        write_bytes(tmp_path / "in", f"werkplein_ladder_2024{month}01.csv", f"{LADDER}\n\n".encode())
    report = load(tmp_path, tmp_path / "in")
    assert sorted((o.bestand, o.status, o.waarschuwingen) for o in report.files) == [
        ("werkplein_klanten_20240701.csv", "geladen", []),
        (
            "werkplein_klanten_20240801.csv",
            "geladen",
            ["inhoud is byte voor byte gelijk aan het extract van 01-07-2024: niets veranderd, of is dat extract "
             "opnieuw verstuurd?"],
        ),
        ("werkplein_ladder_20240701.csv", "geladen", []),
        ("werkplein_ladder_20240801.csv", "geladen", []),
    ]  # fmt: skip
    assert rows(tmp_path, "select count(*) from raw.laadlog where waarschuwingen like 'inhoud is byte%'") == [(1,)]


def test_everything_skipped_in_the_inbox_gets_a_line_in_the_summary(tmp_path: Path) -> None:
    inbox = tmp_path / "in"
    write_bytes(inbox, "werkplein_ladder_20240701.csv", ladder_bytes())
    write_bytes(inbox, ".DS_Store", b"x")
    (inbox / "archief").mkdir()
    (inbox / "werkplein_ladder_20240801.csv").symlink_to(tmp_path / "weg.csv")
    report = load(tmp_path, inbox)
    summary = ingest_summary(report)
    assert "Inlezen klaar: 1 geladen, 0 correctie, 0 ongewijzigd, 0 geweigerd, 3 overgeslagen" in summary
    assert "Overgeslagen (blijft in de inbox staan):\n" in summary
    assert "  .DS_Store: verborgen bestand (naam begint met een punt), niet gelezen" in summary
    assert "  archief: map in de inbox, niet gelezen: zet extracten direct in de inbox" in summary
    assert (
        "  werkplein_ladder_20240801.csv: snelkoppeling (symlink) naar een bestand dat niet bestaat, niet gelezen"
        in summary
    )
    assert (inbox / ".DS_Store").exists() and (inbox / "archief").is_dir()


# --- 7. no BSN on disk or screen ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("123456782", "*********"),
        ("12345678", "*********"),
        ("1234567890", "*********"),
        ("123 456 782", "*********"),
        ("1234.56.782", "*********"),
        ("bsn 123456782 en 111111110;x", "bsn ********* en *********;x"),
        ("01-07-2024", "01-07-2024"),
        ("1234567", "1234567"),
        ("0,85 en 36", "0,85 en 36"),
    ],
)
def test_mask_bsn_hides_every_bsn_shaped_run(text: str, masked: str) -> None:
    assert mask_bsn(text) == masked


def test_swapped_bsn_and_birth_date_never_show_the_bsn(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("SEMON_WAREHOUSE", str(tmp_path / "wh.duckdb"))
    lines = [KLANTEN, f"14-03-1988;{P1};V;7511 AB;0153;PW;01-02-2021;;", "14-03-1988;123 456 782;V;7511 AB;0153;PW;;;"]
    write_bytes(tmp_path / "in", "werkplein_klanten_20240701.csv", "\n".join(lines).encode("cp1252"))
    assert main(["ingest", str(tmp_path / "in")]) == 0
    out = capsys.readouterr()
    stored = quarantine(tmp_path)
    assert {(line, column, value) for _, line, column, value, _ in stored} >= {
        (2, "bsn", "**********"),
        (2, "geboortedatum", "*********"),
        (3, "geboortedatum", "*********"),
    }
    everything = repr(stored) + out.out + out.err + warehouse_file(tmp_path).read_bytes().decode("latin-1")
    for secret in (P1, "123 456 782"):
        assert secret not in everything


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("werkplein_ladder_20240701.csv", "werkplein_ladder_20240701.csv"),  # the peildatum stays readable
        ("werkplein_ladder_20240231.csv", "werkplein_ladder_20240231.csv"),  # shaped as a date: said to be wrong
        ("werkplein_ladder_20241301.csv", "werkplein_ladder_*********.csv"),  # month 13: no date, maybe a BSN
        ("werkplein_ladder_202407011.csv", "werkplein_ladder_*********.csv"),
        ("werkplein_ladder_20240701 5.csv", "werkplein_ladder_*********.csv"),
        ("klant 123 456 782.csv", "klant *********.csv"),
    ],
)
def test_shown_name_masks_bsn_shaped_digits_but_not_the_date(name: str, shown: str) -> None:
    assert shown_name(name) == shown


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        (
            "werkplein_ladder_20240701 (123 456 782).csv",
            "na de datum staat nog ' (*********)' (een tweede download of een eigen toevoeging?); hernoem het "
            "bestand naar werkplein_ladder_20240701.csv",
        ),
        (
            "werkplein_ladder_20240701_1234.56.782.csv",
            "na de datum staat nog '_*********' (een tweede download of een eigen toevoeging?); hernoem het "
            "bestand naar werkplein_ladder_20240701.csv",
        ),
        (
            "werkplein_ladder_123456782.csv",
            "de datum in de bestandsnaam moet 8 cijfers zijn (jjjjmmdd), niet '*********'",
        ),
        ("werkplein_ladder_12345678.csv", "datum ********* in de bestandsnaam bestaat niet (jjjjmmdd)"),
        ("123456782_ladder.csv", "bestandsnaam volgt het patroon <bron>_<entiteit>_<jjjjmmdd>.<ext> niet"),
    ],
)
def test_a_bsn_in_a_file_name_is_masked_in_the_reason_the_summary_and_the_log(
    tmp_path: Path, monkeypatch, capsys, name: str, reason: str
) -> None:
    monkeypatch.setenv("SEMON_WAREHOUSE", str(tmp_path / "wh.duckdb"))
    write_bytes(tmp_path / "in", name, ladder_bytes())
    assert main(["ingest", str(tmp_path / "in")]) == EXIT_REFUSED
    written = refused_reason(tmp_path, name)
    assert written.startswith(reason)
    out = capsys.readouterr()
    shown = name.replace("123 456 782", "*********").replace("1234.56.782", "*********")
    shown = shown.replace("123456782", "*********").replace("12345678", "*********")
    assert f"geweigerd  {shown}: {reason}" in out.err  # the progress line
    assert f"  {shown}: {reason}" in out.out  # the summary
    log = tmp_path / "semon-ingest.log"
    everything = written + out.out + out.err + (log.read_text(encoding="utf-8") if log.exists() else "")
    for secret in ("12345678", "123 456 782", "1234.56.782"):
        assert secret not in everything


def test_no_copy_of_the_extract_is_left_on_disk(tmp_path: Path) -> None:
    before = set(Path(tempfile.gettempdir()).iterdir())
    write_bytes(tmp_path / "in", "werkplein_ladder_20240701.csv", ladder_bytes("\r", "cp1252"))  # needs conversion
    assert load(tmp_path, tmp_path / "in").files[0].rijen == 3
    new = set(Path(tempfile.gettempdir()).iterdir()) - before
    assert not [p for p in new if p.name.startswith("semon-ingest-")]
    stream = Path(tempfile.gettempdir()) / f"semon-stream-{os.getuid()}"
    assert oct(stream.stat().st_mode & 0o777) == "0o700"
    assert not [p for p in stream.iterdir() if p.name.startswith(f"{os.getpid()}-")]


def test_leftovers_of_a_killed_ingest_are_removed_at_the_next_start() -> None:
    old = Path(tempfile.mkdtemp(prefix="semon-ingest-"))
    (old / "extract.csv").write_text(f"bsn\n{P1}\n")
    long_ago = time.time() - 2 * 3600
    os.utime(old, (long_ago, long_ago))
    stream = Path(tempfile.gettempdir()) / f"semon-stream-{os.getuid()}"
    stream.mkdir(mode=0o700, exist_ok=True)
    dead = stream / "999999999-0.csv"  # no process has this id
    os.mkfifo(dead, 0o600)
    remove_leftovers()
    assert not old.exists() and not dead.exists()


# --- 8. the employer register in every situation ------------------------------------------------------


def test_employer_register_first_delivery_with_other_files(tmp_path: Path) -> None:
    inbox = tmp_path / "in"
    write_register(inbox / "werkgevers_register_20240701.xlsx", [EMPLOYER], [CONTRACT])
    write_bytes(inbox, "werkplein_ladder_20240701.csv", ladder_bytes())
    report = load(tmp_path, inbox)
    assert [(o.bestand, o.status, o.rijen) for o in report.files] == [
        ("werkgevers_register_20240701.xlsx", "geladen", 2),
        ("werkplein_ladder_20240701.csv", "geladen", 3),
    ]


def test_employer_register_empty_delivery_loads_no_rows(tmp_path: Path) -> None:
    write_register(tmp_path / "in" / "werkgevers_register_20240701.xlsx", [], [])
    report = load(tmp_path, tmp_path / "in")
    assert [(o.status, o.rijen, o.quarantaine) for o in report.files] == [("geladen", 0, 0)]
    assert rows(tmp_path, "select count(*) from raw.laadlog where status = 'geladen'") == [(1,)]


def test_employer_register_correction_replaces_the_first(tmp_path: Path) -> None:
    write_register(tmp_path / "a" / "werkgevers_register_20240701.xlsx", [EMPLOYER], [CONTRACT])
    load(tmp_path, tmp_path / "a")
    other = ["08011111", "De Schoone Zaak", "S", "GM0164", "10-49", "", "", "", "J"]
    write_register(tmp_path / "b" / "werkgevers_register_20240701.xlsx", [EMPLOYER, other], [])
    report = load(tmp_path, tmp_path / "b")
    assert [(o.status, o.rijen) for o in report.files] == [("correctie", 2)]
    assert rows(tmp_path, "select kvk from raw.werkgevers_register order by 1") == [("06012345",), ("08011111",)]
    assert rows(tmp_path, "select count(*) from raw.werkgevers_sroi") == [(0,)]
    assert rows(tmp_path, "select status from raw.laadlog order by laad_id") == [("vervangen",), ("geladen",)]
