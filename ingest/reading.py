"""Read extract files, as their senders wrote them, into a temporary all-text DuckDB table.

CSV files of one kind with the same delimiter and header are read together, in one statement (issue 15: ingest
at the reader's speed); `_bestand` keeps them apart and each file numbers its own lines. Every value stays text
here; validate.py parses and checks. The temporary tables live in the connection's memory, never in the
warehouse file. DuckDB reads a UTF-8 file (BOM or not) with LF or CRLF line breaks and no quoted line break
from the file itself; any other file (Windows-1252, CR-only or mixed line breaks, quoted line breaks) reaches
it through a pipe (ingest/stream.py), so raw BSNs are not written to disk.

Line numbers (`regelnummer`) are the lines a text editor shows, header = line 1; where a quoted field
spans lines, `recordnummer` keeps the record's row as a spreadsheet shows it.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from contextlib import ExitStack
from dataclasses import dataclass
from typing import TYPE_CHECKING

import duckdb

from ingest.csvtext import FOLD, CsvText, prepare
from ingest.entities import Table
from ingest.errors import FileRefused
from ingest.masking import mask_bsn
from ingest.stream import streamed

if TYPE_CHECKING:  # polars is imported where a workbook is read: a run of CSV files does not pay its ~0.2 s
    import polars as pl

SPILL = 3  # columns read beyond the header, to count the fields of a row that has too many
HEADER_SEARCH_ROWS = 10  # an Excel sheet's header may sit below a title, this far down
ROWS = "src_rows"  # the CSV rows as read; `src` gives them their lines
REJECTS, SCANS = "src_rejects", "src_scans"  # the lines DuckDB could not split, and its scans' files


@dataclass(frozen=True)
class SourceTable:
    """One file's rows in temp table (or view) `name`: `_bestand` (its number in the batch), `regelnummer` and one
    VARCHAR column per contract column. The files of one batch share it and its dialect."""

    name: str
    bestand: int
    decimal_style: str  # "comma", "point" or "either"
    date_hint: str  # the date format the sender uses, for messages
    extra_columns: tuple[str, ...]  # dropped, and named in a warning
    # (line, reason, spreadsheet row or None when it is the line) for rows that could not be split right
    structural_errors: tuple[tuple[int, str, int | None], ...]
    rows: int
    record_numbers: bool = False  # the temp table has `recordnummer` (a quoted field spans lines)
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class CsvFile:
    """A CSV extract ready to be read: decoded, its dialect and header checked (`csv_file`)."""

    bestand: int  # its number in the batch: column `_bestand` of the temp table
    name: str
    text: CsvText
    extra_columns: tuple[str, ...]
    path: str | None  # the file itself, when DuckDB can read it as it is; None: its text goes through a pipe ...
    piped: bytes | None = None  # ... as these UTF-8 bytes (encoded where the file is decoded)

    def batch_key(self) -> tuple[object, ...]:
        """Files with the same key are read in one statement: the same delimiter and header."""
        return (self.text.delimiter, tuple(self.text.header))


def _looks_like_data(names: list[str]) -> bool:
    return any(re.search(r"\d{4}", name) for name in names)


def check_header(
    found: list[str], table: Table, filename: str, where: str = "de eerste regel (de kopregel)"
) -> tuple[str, ...]:
    """Refuse a header that lacks contract columns; return the extra columns (to drop and warn about)."""
    expected = [column.name for column in table.columns]
    named = [name for name in found if name]
    if not named:
        raise FileRefused(filename, f"{where} is leeg; verwacht de kolomnamen {', '.join(expected)}")
    missing = [name for name in expected if name not in found]
    if len(missing) == len(expected):
        hint = " (de eerste regel lijkt een gegevensregel: de kopregel ontbreekt)" if _looks_like_data(named) else ""
        raise FileRefused(
            filename,
            f"geen kopregel: {where} bevat geen van de verwachte kolomnamen{hint}; "
            f"zet bovenaan een regel met de kolomnamen {', '.join(expected)}",
        )
    if missing:
        raise FileRefused(
            filename, f"verplichte kolommen ontbreken: {', '.join(missing)}; verwacht: {', '.join(expected)}"
        )
    duplicates = sorted({name for name in named if named.count(name) > 1})
    if duplicates:
        raise FileRefused(filename, f"kolomnaam dubbel in {where}: {', '.join(duplicates)}")
    known = set(expected) | set(table.dropped)
    return tuple(mask_bsn(name) if name else "(zonder naam)" for name in found if name not in known)


NULL_MARK = "\ue001"  # DuckDB's NULL string: never in a file, so an empty field stays '' and a missing one NULL
_REJECT_REASONS = {
    "UNQUOTED VALUE": "een aanhalingsteken staat midden in een veld of wordt niet gesloten; zet het hele veld "
    "tussen aanhalingstekens en verdubbel de aanhalingstekens erin",
    "LINE SIZE OVER MAXIMUM": "de regel is te lang om te lezen (meer dan 2 MB); waarschijnlijk wordt een "
    "aanhalingsteken niet gesloten",
}


def csv_file(bestand: int, data: bytes, table: Table, filename: str, path: str) -> CsvFile:
    """Decode `data` and check its header; refuse the file (FileRefused) when either fails."""
    text = prepare(data, filename)
    extra = check_header(text.header, table, filename)
    if text.own_bytes:
        return CsvFile(bestand, filename, text, extra, path)
    return CsvFile(bestand, filename, text, extra, None, text.body)


class BatchUnreadable(Exception):
    """DuckDB could not split one of several files read together: read them one by one to find which."""


def read_csv_files(
    con: duckdb.DuckDBPyConnection, files: list[CsvFile], table: Table
) -> tuple[list[SourceTable], dict[int, FileRefused]]:
    """Load CSV files of one kind and the same `batch_key` into `src` (`_number`), in one statement; return each
    readable file's rows (a row whose field count differs from the header's is an error) and, by `bestand`, the
    refused ones.

    A refused file leaves no rows in `src`. When DuckDB cannot read the batch at all, a single file is refused and
    a batch raises BatchUnreadable.
    """
    text = files[0].text
    n, width = len(text.header), len(text.header) + SPILL
    columns = {f"c{i}": "VARCHAR" for i in range(width)}
    wanted = ", ".join(
        f"nullif(c{text.header.index(column.name)}, '') as \"{column.name}\"" for column in table.columns
    )

    # null_padding leaves missing fields NULL and empty ones '' (NULL_MARK): the non-NULL cells are the fields,
    # and they come first, so a row has as many fields as the position of its first NULL. Asked in that order,
    # a row of the header's width needs two tests (cheaper than counting every cell of every row).
    def first_null(start: int, stop: int) -> str:
        tests = " ".join(f"when c{i} is null then {i}" for i in range(start, stop))
        return f"case {tests} else {stop} end" if tests else str(stop)

    fields = (
        f"case when c{n - 1} is not null then ({first_null(n, width)}) "
        f"when c1 is null and trim(c0) = '' then 0 else ({first_null(0, n - 1)}) end"
    )
    # One read_csv over the batch's files: DuckDB reads several files at once on its threads (a pipe or a file
    # smaller than its buffer is read by one thread alone, so a union of one read_csv per file read the batch's
    # small files, and every pipe, one after another). Its `file_index` (the position in the list) names the file;
    # no line numbers here: a window (row_number) would read every file on one core; the rows keep the list's and
    # the files' order, so `_number` takes them from the table's rowid.
    bestanden = ", ".join(str(f.bestand) for f in files)
    read = (
        f"select [{bestanden}][file_index::integer + 1] as _bestand, {wanted}, ({fields})::integer as _velden "
        f"from read_csv(?, delim = ?, quote = '\"', escape = '\"', header = true, auto_detect = false, "
        f"null_padding = true, nullstr = ?, columns = {columns!r}, store_rejects = true, "
        f"rejects_table = '{REJECTS}', rejects_scan = '{SCANS}')"
    )
    _drop_source(con)
    try:
        with ExitStack() as pipes:
            paths = [f.path or pipes.enter_context(streamed(f.piped or b"")) for f in files]
            con.execute(f"create temp table {ROWS} as {read}", [paths, text.delimiter, NULL_MARK])
            # Each rejected line with its file, while the pipes' names still tell the files apart.
            by_path = dict(zip(paths, (f.bestand for f in files), strict=True))
            rejected_lines = con.execute(
                f"select s.file_path, r.line::integer, any_value(r.error_type::varchar) from {REJECTS} r "
                f"join {SCANS} s using (scan_id, file_id) group by all order by 1, 2"
            ).fetchall()
    except duckdb.InvalidInputException as error:  # what the CSV reader says of a file; anything else is our error
        if len(files) > 1:
            raise BatchUnreadable from error
        raise FileRefused(
            files[0].name,
            "het bestand kan niet in rijen en velden worden gesplitst (bijvoorbeeld door een aanhalingsteken dat "
            "niet wordt gesloten); controleer scheidingsteken en aanhalingstekens en lever het opnieuw aan",
            technical=f"{type(error).__name__}: {error}",
        ) from None
    finally:
        con.execute(f"drop table if exists {SCANS}; drop table if exists {REJECTS}")
    rejected: dict[int, list[tuple[int, str]]] = {f.bestand: [] for f in files}
    for path, line, kind in rejected_lines:
        rejected[by_path[path]].append((line, kind))
    return _per_file(con, files, table, n, width, rejected)


def _per_file(
    con: duckdb.DuckDBPyConnection,
    files: list[CsvFile],
    table: Table,
    n: int,
    width: int,
    rejected: dict[int, list[tuple[int, str]]],
) -> tuple[list[SourceTable], dict[int, FileRefused]]:
    """Per file: were all its lines read, its rows on their lines, the rows that could not be split right."""
    # One look at the outcome; the rejected lines and the rows with a wrong field count only when there are any.
    # A file's rows are consecutive in the table (a read of several files and CREATE TABLE AS keep the order): its
    # first rowid numbers them, taken before any row is deleted.
    counts = {
        bestand: (read, odd, first)
        for bestand, read, odd, first in con.execute(
            f"select _bestand, count(*), count(*) filter (where _velden <> {n}), min(rowid) from {ROWS} group by 1"
        ).fetchall()
    }
    refused: dict[int, FileRefused] = {}
    numbered: dict[int, tuple[int, dict[int, int]]] = {}  # per file read whole: its first rowid, its line shifts
    for f in files:
        read, _, first = counts.get(f.bestand, (0, 0, 0))
        try:
            _check_every_line_read(f.text, read, rejected[f.bestand], f.name)
        except FileRefused as refusal:
            con.execute(f"delete from {ROWS} where _bestand = ?", [f.bestand])
            refused[f.bestand] = refusal
            continue
        numbered[f.bestand] = (first, _shifts(f, read, {line for line, _ in rejected[f.bestand]}))
    # A folded file's rows get their line breaks back by an update: `src` is then a table.
    base = _number(con, numbered, table=any(f.text.folded for f in files if f.bestand not in refused))
    sources: list[SourceTable] = []
    for f in files:
        if f.bestand in refused:
            continue
        read, odd, _ = counts.get(f.bestand, (0, 0, 0))
        structural: list[tuple[int, str]] = []
        for line, kind in rejected[f.bestand]:
            if kind == "TOO MANY COLUMNS":
                structural.append((line, f"heeft meer dan {width} velden, verwacht {n}"))
            else:
                structural.append((line, _REJECT_REASONS.get(kind, "de regel kan niet in velden worden gesplitst")))
        wrong = (
            con.execute(
                f"select regelnummer, _velden from src where _bestand = ? and _velden <> {n} order by 1", [f.bestand]
            ).fetchall()
            if odd
            else []
        )
        if wrong:
            con.execute(f"delete from {base} where _bestand = ? and _velden <> {n}", [f.bestand])
            for line, found in wrong:
                if found:  # 0 = a line of only spaces: not a row
                    more = "minstens " if found == width else ""
                    structural.append((line, f"heeft {more}{found} {'veld' if found == 1 else 'velden'}, verwacht {n}"))
        sources.append(
            SourceTable(
                name="src",
                bestand=f.bestand,
                decimal_style="comma" if f.text.delimiter == ";" else "point",
                date_hint="dd-mm-jjjj" if f.text.delimiter == ";" else "jjjj-mm-dd",
                extra_columns=f.extra_columns,
                structural_errors=tuple(sorted(_located(f.text, line, words) for line, words in structural)),
                rows=read - len(wrong),
                record_numbers=f.text.folded,
            )
        )
    folded = [f for f in files if f.text.folded and f.bestand not in refused]
    if folded:
        _unfold(con, folded, table)
    return sources, refused


def _check_every_line_read(text: CsvText, read: int, rejected: list[tuple[int, str]], filename: str) -> None:
    """Refuse the file when DuckDB consumed lines it neither returned nor rejected (an unclosed quote runs on)."""
    physical = text.lines()
    if read + len(rejected) == physical - 1:  # the usual case: every line came back as a row or a reject
        return
    data_lines = text.body.count(b"\n") - sum(1 for number in text.empty_lines() if number > 1)
    if read + len(rejected) >= data_lines:
        return
    first = rejected[0][0] if rejected else 2
    raise FileRefused(
        filename,
        f"regel {text.text_line(first)}: een aanhalingsteken wordt niet gesloten, waardoor de regels erna niet "
        "betrouwbaar gelezen kunnen worden. Sluit het aanhalingsteken (of verwijder het) en lever het bestand "
        "opnieuw aan",
    )


def _located(text: CsvText, record_line: int, words: str) -> tuple[int, str, int | None]:
    line = text.text_line(record_line)
    reason = f"regel {line} {words}" if words.startswith("heeft") else f"regel {line}: {words}"
    return line, reason, (record_line if record_line != line else None)


def _unfold(con: duckdb.DuckDBPyConnection, folded: list[CsvFile], table: Table) -> None:
    """Give the rows of the folded files their text line (keeping the record's as `recordnummer`) and their quoted
    line breaks back. Every file gets `recordnummer`; it differs from `regelnummer` only where a record spans lines.
    """
    maps = [
        (f.bestand, start, shift)
        for f in folded
        for start, shift in zip(f.text.fold_starts, f.text.fold_shifts, strict=True)
    ]
    con.execute(
        "create or replace temp table fold_map as select unnest(?::integer[]) as b, unnest(?::integer[]) as start, "
        "unnest(?::integer[]) as shift",
        [[b for b, _, _ in maps], [start for _, start, _ in maps], [shift for _, _, shift in maps]],
    )
    con.execute(
        "create or replace temp table src as select s.* replace (s.regelnummer + coalesce(m.shift, 0) as regelnummer), "
        "s.regelnummer as recordnummer from src s asof left join fold_map m "
        "on s._bestand = m.b and s.regelnummer >= m.start"
    )
    for column in table.columns:
        con.execute(
            f'update src set "{column.name}" = replace("{column.name}", \'{FOLD}\', chr(10)) '
            f"where _bestand in (select unnest(?::integer[])) and contains(\"{column.name}\", '{FOLD}')",
            [[f.bestand for f in folded]],
        )
    con.execute("drop table fold_map")


def _shifts(file: CsvFile, rows: int, rejected: set[int]) -> dict[int, int]:
    """Where `file`'s row numbers skip lines (rejected or empty ones): from row k on, its line is i further.

    DuckDB keeps file order, so the k-th row read (from 1) is the k-th line that was not skipped: row k lies past
    the i-th skipped line s_i exactly when k >= s_i - i, and its line is k + 1 + that count. Lines here are those
    of the folded text (one per record); `_unfold` maps them to the editor's lines.
    """
    text = file.text
    if not rejected and rows == text.lines() - 1:
        return {}
    skipped = set(rejected)
    skipped.update(text.empty_lines())
    return {line - i: i for i, line in enumerate(sorted(n for n in skipped if n > 1), start=1)}


def _number(con: duckdb.DuckDBPyConnection, files: dict[int, tuple[int, dict[int, int]]], *, table: bool) -> str:
    """Make `src`: the rows read, each with its line (`regelnummer`); return the table to delete rows from.

    Row k of a file (from 1) is its rowid less the file's first, plus one; its line is k + 1 plus the lines skipped
    before it. Usually `src` is a view that works this out where it is read (writing a column of every row would
    cost about as much as the window it replaces). It is a table when `table` asks for one, or when a file has many
    skipped lines: those are numbered by an as-of join instead of a long CASE.
    """
    many = {bestand: shifts for bestand, (_, shifts) in files.items() if len(shifts) > 64}
    lines = []
    for bestand, (first, shifts) in files.items():
        k = f"(rowid - {first} + 1)"
        # A CASE over the few skipped lines (largest first) is cheaper than a join; rows before the first keep theirs.
        steps = " ".join(f"when {k} >= {s} then {i}" for s, i in sorted(shifts.items(), reverse=True))
        skip = f" + case {steps} else 0 end" if steps and bestand not in many else ""
        lines.append(f"when {bestand} then {k} + 1{skip}")
    line = f"(case _bestand {' '.join(lines)} end)::integer" if lines else "null::integer"
    if not many and not table:
        con.execute(f"create temp view src as select *, {line} as regelnummer from {ROWS}")
        return ROWS
    con.execute(f"create temp table src as select *, {line} as regelnummer from {ROWS}")
    con.execute(f"drop table {ROWS}")
    if not many:
        return "src"
    maps = [(bestand, k, i) for bestand, shifts in many.items() for k, i in shifts.items()]
    con.execute(
        "create or replace temp table line_map as select unnest(?::integer[]) as b, unnest(?::integer[]) as k, "
        "unnest(?::integer[]) as i",
        [[b for b, _, _ in maps], [k for _, k, _ in maps], [i for _, _, i in maps]],
    )
    con.execute(
        "create or replace temp table src as select s.* replace (s.regelnummer + coalesce(m.i, 0) as regelnummer) "
        "from src s asof left join line_map m on s._bestand = m.b and s.regelnummer - 1 >= m.k"
    )
    con.execute("drop table line_map")
    return "src"


def _drop_source(con: duckdb.DuckDBPyConnection) -> None:
    """Drop `src` (a view or a table) and the rows it reads."""
    for (kind,) in con.execute(
        "select 'view' from duckdb_views() where temporary and view_name = 'src' "
        "union all select 'table' from duckdb_tables() where temporary and table_name = 'src'"
    ).fetchall():
        con.execute(f"drop {kind} src")
    con.execute(f"drop table if exists {ROWS}")


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
    warnings: tuple[str, ...] = ()


def _header_row(top: list[list[str]], table: Table, filename: str, where: str) -> int:
    """Index of the header among the sheet's first rows: row 1, or the first row below a title that has every
    contract column. Otherwise refuse, naming what is missing from the row that comes closest."""
    expected = [column.name for column in table.columns]
    found = [sum(name in row for name in expected) for row in top]
    for index, hits in enumerate(found):
        if hits == len(expected):
            return index
    if not top or not any(found):
        title = [cell for cell in top[0] if cell] if top else []
        note = f"; rij 1 lijkt een titel ('{mask_bsn(title[0])[:60]}')" if len(title) == 1 else ""
        raise FileRefused(
            filename,
            f"geen kopregel gevonden in de eerste {HEADER_SEARCH_ROWS} rijen van {where}{note}; "
            f"verwacht een rij met de kolomnamen {', '.join(expected)}",
        )
    best = max(range(len(top)), key=lambda i: found[i])
    check_header(top[best], table, filename, f"de kopregel (rij {best + 1}) van {where}")
    return best  # not reached: check_header refuses a row that lacks columns


def read_xlsx_sheets(data: bytes, tables: tuple[Table, ...], filename: str) -> dict[str, SheetRows]:
    """Read every sheet the entity needs; refuse the whole workbook if one is missing or malformed.

    Calamine (Rust) reads a national register of 20,000 employers in 0.2 s, where openpyxl took 3.3 s.
    """
    import polars as pl  # imported here: only the employer register needs them
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as error:  # a file that is not a workbook fails in several ways
        raise FileRefused(
            filename,
            "geen leesbaar Excel-bestand (.xlsx): sla het op als Excel-werkmap (.xlsx) en lever het opnieuw aan",
            technical=f"{type(error).__name__}: {error}",
        ) from None
    sheets: dict[str, SheetRows] = {}
    try:
        for table in tables:
            assert table.sheet is not None
            if table.sheet not in workbook.sheet_names:
                raise FileRefused(
                    filename,
                    f"werkblad '{table.sheet}' ontbreekt; gevonden: {mask_bsn(', '.join(workbook.sheet_names))}",
                )
            where = f"werkblad '{table.sheet}'"
            # From cell A1 (not from the first filled cell), so row i of the list is the sheet's row i + 1.
            rows = workbook.get_sheet_by_name(table.sheet).to_python(skip_empty_area=False)
            top = [[str(cell).strip().lower() for cell in row] for row in rows[:HEADER_SEARCH_ROWS]]
            start = _header_row(top, table, filename, where)
            header = top[start]
            extra = check_header(header, table, filename, f"de kopregel van {where}")
            positions = [header.index(column.name) for column in table.columns]
            records: list[list[object]] = []
            for number, row in enumerate(rows[start + 1 :], start=start + 2):
                cells = [_cell_text(row[i]) if i < len(row) else None for i in positions]
                if any(cell and cell.strip() for cell in cells):
                    records.append([number, *cells])
            schema = {"regelnummer": pl.Int32, **{column.name: pl.String for column in table.columns}}
            skipped = f"{where}: {start} rij(en) boven de kopregel overgeslagen (titel); kopregel op rij {start + 1}"
            warnings = (skipped,) if start else ()
            sheets[table.name] = SheetRows(pl.DataFrame(records, schema=schema, orient="row"), extra, warnings)
    finally:
        workbook.close()
    return sheets
