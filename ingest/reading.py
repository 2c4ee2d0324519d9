"""Read one extract file, as its sender wrote it, into a temporary all-text DuckDB table.

Every value stays text here; validate.py parses and checks. The temporary tables live in the
connection's memory, never in the warehouse file, so raw BSNs are not written to disk by DuckDB.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import tempfile
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl

from ingest.entities import Table
from ingest.errors import FileRefused

UTF8_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class SourceTable:
    """A file's rows in a temp table `name` with `regelnummer` plus one VARCHAR column per contract column."""

    name: str
    decimal_style: str  # "comma", "point" or "either"
    date_hint: str  # the date format the sender uses, for messages
    extra_columns: tuple[str, ...]  # dropped, and named in a warning
    structural_errors: tuple[tuple[int, str], ...]  # (line, reason) for lines that could not be split
    rows: int


def _decode(data: bytes, filename: str) -> tuple[str, str]:
    """Return (text, encoding): UTF-8 (with or without BOM) or Windows-1252, else refuse the file."""
    if b"\x00" in data[:65536]:
        raise FileRefused(
            filename,
            "geen tekstbestand: het bevat NUL-bytes (binair of UTF-16); lever CSV aan in UTF-8 of Windows-1252",
        )
    body = data[len(UTF8_BOM) :] if data.startswith(UTF8_BOM) else data
    try:
        return body.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return body.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as error:
        raise FileRefused(
            filename,
            f"onbekende tekstcodering (geen UTF-8 en geen Windows-1252: byte "
            f"0x{body[error.start]:02X} op positie {error.start})",
        ) from None


def _delimiter(header_line: str) -> str:
    """The contract allows `;` (Werkplein, WSW, RMC) and `,` (UWV): the header decides."""
    return ";" if header_line.count(";") > header_line.count(",") else ","


def _check_header(found: list[str], table: Table, filename: str) -> tuple[str, ...]:
    """Refuse a file that lacks contract columns; return the extra columns (to drop and warn about)."""
    expected = [column.name for column in table.columns]
    duplicates = sorted({name for name in found if found.count(name) > 1})
    if duplicates:
        raise FileRefused(filename, f"kolomnaam dubbel in de kopregel: {', '.join(duplicates)}")
    missing = [name for name in expected if name not in found]
    if missing:
        raise FileRefused(
            filename, f"verplichte kolommen ontbreken: {', '.join(missing)}; verwacht: {', '.join(expected)}"
        )
    known = set(expected) | set(table.dropped)
    return tuple(name for name in found if name not in known)


def read_csv(con: duckdb.DuckDBPyConnection, data: bytes, table: Table, filename: str) -> SourceTable:
    """Load a CSV extract into temp table `src`; line numbers count the header as line 1."""
    text, encoding = _decode(data, filename)
    first_line = text.split("\n", 1)[0].rstrip("\r")
    if not first_line.strip():
        raise FileRefused(filename, "leeg bestand of lege kopregel")
    delimiter = _delimiter(first_line)
    header = [name.strip().lower() for name in next(csv.reader([first_line], delimiter=delimiter))]
    extra = _check_header(header, table, filename)

    with tempfile.TemporaryDirectory(prefix="semon-ingest-") as tmp:
        # DuckDB reads UTF-8 only here (its encodings extension is a download): hand it a UTF-8 copy.
        path = Path(tmp) / "extract.csv"
        if encoding == "utf-8" and not data.startswith(UTF8_BOM):
            path.write_bytes(data)
        else:
            path.write_text(text, encoding="utf-8", newline="")
        columns = {f"c{i}": "VARCHAR" for i in range(len(header))}
        wanted = ", ".join(f'c{header.index(column.name)} as "{column.name}"' for column in table.columns)
        con.execute("drop table if exists src_rejects; drop table if exists src_scans; drop table if exists src")
        # regelnummer assumes no line was skipped; _renumber corrects it in the rare file where one was.
        con.execute(
            f"""
            create temp table src as
            select (row_number() over () + 1)::integer as regelnummer, {wanted}
            from read_csv(?, delim = ?, quote = '"', escape = '"', header = true, auto_detect = false,
                          columns = {columns!r}, store_rejects = true,
                          rejects_table = 'src_rejects', rejects_scan = 'src_scans')
            """,
            [str(path), delimiter],
        )
    rejected = con.execute(
        "select line::integer, any_value(error_type)::varchar, any_value(error_message) "
        "from src_rejects group by line order by line"
    ).fetchall()
    structural = tuple((line, _structural_reason(kind, message, len(header))) for line, kind, message in rejected)
    rows = con.execute("select count(*) from src").fetchone()[0]
    _renumber(con, text, rows, {line for line, _ in structural})
    return SourceTable(
        name="src",
        decimal_style="comma" if delimiter == ";" else "point",
        date_hint="dd-mm-jjjj" if delimiter == ";" else "jjjj-mm-dd",
        extra_columns=extra,
        structural_errors=structural,
        rows=rows,
    )


def _structural_reason(kind: str, message: str, expected: int) -> str:
    if kind in ("MISSING COLUMNS", "TOO MANY COLUMNS"):
        found = message.rsplit(":", 1)[-1].strip()
        return f"regel heeft {found} velden, verwacht {expected}"
    return f"regel kan niet worden gelezen ({kind.lower()})"


def _renumber(con: duckdb.DuckDBPyConnection, text: str, rows: int, rejected: set[int]) -> None:
    """Give each read row its physical line number when DuckDB skipped rejected or blank lines.

    DuckDB keeps file order, so the k-th row read is the k-th line that was not skipped: row k lies past
    the i-th skipped line s_i exactly when k >= s_i - i, and its line is k + 1 + that count. (A quoted
    field spanning lines is not expected in these exports.)
    """
    physical = text.count("\n") + (0 if text.endswith("\n") else 1)
    if not rejected and rows == physical - 1:
        return
    skipped = set(rejected)
    skipped.update(number for number, line in enumerate(text.split("\n"), start=1) if not line.strip("\r \t"))
    shifts: dict[int, int] = {}  # from row k = s_i - i on, the line is i further than k + 1
    for i, line in enumerate(sorted(n for n in skipped if n > 1), start=1):
        shifts[line - i] = i
    # A CASE over the few skipped lines (largest first) is cheaper than a join; rows before the first keep theirs.
    steps = " ".join(f"when regelnummer - 1 >= {k} then {i}" for k, i in sorted(shifts.items(), reverse=True))
    con.execute(
        f"update src set regelnummer = regelnummer + case {steps} else 0 end where regelnummer - 1 >= {min(shifts)}"
    )


def _cell_text(value: object) -> str | None:
    """Excel cells as the text a CSV would have carried: dates as ISO, whole numbers without `.0`."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


@dataclass(frozen=True)
class SheetRows:
    frame: pl.DataFrame  # regelnummer (the Excel row) plus one text column per contract column
    extra_columns: tuple[str, ...]


def read_xlsx_sheets(data: bytes, tables: tuple[Table, ...], filename: str) -> dict[str, SheetRows]:
    """Read every sheet the entity needs; refuse the whole workbook if one is missing or malformed."""
    import openpyxl  # imported here: only the employer register needs it

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises several types for a file that is not a workbook
        raise FileRefused(filename, f"geen leesbaar Excel-bestand (.xlsx): {type(error).__name__}") from None
    sheets: dict[str, SheetRows] = {}
    try:
        for table in tables:
            assert table.sheet is not None
            if table.sheet not in workbook.sheetnames:
                raise FileRefused(
                    filename, f"werkblad '{table.sheet}' ontbreekt; gevonden: {', '.join(workbook.sheetnames)}"
                )
            rows = workbook[table.sheet].iter_rows(values_only=True)
            header = [str(cell).strip().lower() if cell is not None else "" for cell in next(rows, ())]
            extra = _check_header(header, table, f"{filename} (werkblad {table.sheet})")
            positions = [header.index(column.name) for column in table.columns]
            records: list[list[object]] = []
            for number, row in enumerate(rows, start=2):
                cells = [_cell_text(row[i]) if i < len(row) else None for i in positions]
                if any(cell is not None and cell.strip() for cell in cells):
                    records.append([number, *cells])
            schema = {"regelnummer": pl.Int32, **{column.name: pl.String for column in table.columns}}
            sheets[table.name] = SheetRows(pl.DataFrame(records, schema=schema, orient="row"), extra)
    finally:
        workbook.close()
    return sheets
