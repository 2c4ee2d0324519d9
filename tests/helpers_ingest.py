"""Helpers shared by the ingest tests: write an extract as a sender would, load it, read what landed."""

from __future__ import annotations

import random
import re
from pathlib import Path

from ingest.load import IngestReport, ingest_paths
from tests.helpers import TEST_KEY, query

TRAJECTEN = "traject_id;bsn;instrument;begindatum;einddatum;kosten_eur;strategisch_doel"
KLANTEN = "bsn;geboortedatum;geslacht;postcode;gemeentecode;regeling;datum_instroom;datum_uitstroom;reden_uitstroom"
LADDER = "bsn;peildatum;trede;vastgesteld_door"
REGISTER_COLUMNS = [
    "kvk",
    "naam",
    "sbi_sector",
    "vestigingsgemeente",
    "grootteklasse",
    "pact",
    "datum_toetreding",
    "toezegging_plekken",
    "sociale_onderneming",
]
SROI_COLUMNS = ["contract_id", "kvk", "omschrijving", "contractwaarde_eur", "sroi_pct", "begindatum", "einddatum"]


def bsn(rng: random.Random) -> str:
    """A random 9-digit number that passes the elfproef (synthetic: no real person)."""
    while True:
        digits = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(7)]
        check = sum((9 - i) * d for i, d in enumerate(digits)) % 11
        if check < 10:
            return "".join(map(str, digits)) + str(check)


def elfproef(bsn: str) -> bool:
    """The BSN's eleven test as its definition states it, on the text as delivered (8 digits: the leading zero left
    off): 9·d1 + 8·d2 + … + 2·d8 − d9 a multiple of 11, and not all zeros."""
    value = bsn.zfill(9) if re.fullmatch(r"\d{8}", bsn) else bsn
    if not re.fullmatch(r"\d{9}", value) or value == "000000000":
        return False
    d = [int(ch) for ch in value]
    return (sum(w * x for w, x in zip(range(9, 1, -1), d[:8], strict=True)) - d[8]) % 11 == 0


def write_bytes(folder: Path, name: str, data: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(data)
    return path


def load(tmp_path: Path, *paths: Path) -> IngestReport:
    return ingest_paths(list(paths), warehouse=tmp_path / "wh.duckdb", key=TEST_KEY)


def warehouse_file(tmp_path: Path) -> Path:
    from warehouse.publish import work_path

    work = work_path(tmp_path / "wh.duckdb")
    return work if work.exists() else tmp_path / "wh.duckdb"


def rows(tmp_path: Path, sql: str, params: list | None = None) -> list[tuple]:
    """Ask the warehouse `wh.duckdb` in `tmp_path`: the file itself when ingest_paths wrote it, its work database
    when `semon ingest` did (warehouse/publish.py)."""
    return query(warehouse_file(tmp_path), sql, params or [])


def quarantine(tmp_path: Path) -> list[tuple]:
    return rows(
        tmp_path, "select bestand, regelnummer, kolom, waarde, reden from raw.quarantaine order by bestand, regelnummer"
    )


def write_register(path: Path, employers: list[list[object]], contracts: list[list[object]], title: str = "") -> Path:
    """An employer register workbook; `title` puts a title row (and a blank row) above both headers."""
    import xlsxwriter

    path.parent.mkdir(parents=True, exist_ok=True)
    workbook = xlsxwriter.Workbook(str(path))
    for sheet, header, records in (
        ("werkgevers", REGISTER_COLUMNS, employers),
        ("sroi", SROI_COLUMNS, contracts),
    ):
        worksheet = workbook.add_worksheet(sheet)
        top = 0
        if title:
            worksheet.write(0, 0, title)
            top = 2
        worksheet.write_row(top, 0, header)
        for i, record in enumerate(records, start=top + 1):
            worksheet.write_row(i, 0, record)
    workbook.close()
    return path
