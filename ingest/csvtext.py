"""A CSV file's bytes as text DuckDB can split: encoding decided per file, line breaks normalised, and
the bookkeeping that turns DuckDB's record numbers back into the lines a text editor shows.

The contract allows UTF-8 (with or without BOM) and Windows-1252, and LF, CRLF, CR-only or mixed line
breaks. A file that is neither encoding, or mixes them, is refused naming the line. Line breaks inside
quoted fields are folded to a placeholder so that every record is one line for DuckDB; `text_line`
maps a record back to the line where it starts.
"""

from __future__ import annotations

import bisect
import csv
import re
from dataclasses import dataclass

from ingest.errors import FileRefused
from ingest.masking import mask_bsn

UTF8_BOM = b"\xef\xbb\xbf"
FOLD = "\ue000"  # a private-use character stands in for a line break inside a quoted field
_LINE_BREAK = re.compile(rb"\r\n|\r|\n")
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
# Each byte as its class for _utf8_sequence: L a UTF-8 lead byte (C2-F4), C a continuation byte (80-BF), . any other.
_BYTE_CLASSES = bytes.maketrans(
    bytes(range(256)),
    bytes(ord("L") if 0xC2 <= b <= 0xF4 else ord("C") if 0x80 <= b <= 0xBF else ord(".") for b in range(256)),
)


@dataclass(frozen=True)
class CsvText:
    body: bytes  # UTF-8; every line break is LF, or CRLF throughout when `crlf`; quoted line breaks are FOLD
    own_bytes: bool  # the file's own bytes read the same (UTF-8 with or without BOM, LF or CRLF, nothing folded)
    delimiter: str
    header: list[str]  # lower case, trimmed
    fold_starts: tuple[int, ...] = ()  # record line from which ...
    fold_shifts: tuple[int, ...] = ()  # ... this many extra text lines precede it
    crlf: bool = False  # every line of the file ends in CRLF: the body keeps them (normalising would cost a copy)
    line_count: int = 0  # `lines()`, counted where the file is decoded (ahead of DuckDB, in a worker thread)

    @property
    def folded(self) -> bool:
        return bool(self.fold_starts)

    def text_line(self, record_line: int) -> int:
        """The line a text editor shows for a record starting on `record_line` of the folded text."""
        i = bisect.bisect_right(self.fold_starts, record_line)
        return record_line + (self.fold_shifts[i - 1] if i else 0)

    def lines(self) -> int:
        """The number of lines (records of the folded text), a last line without line break included."""
        return self.line_count

    def empty_lines(self) -> list[int]:
        """The numbers of the empty lines, counting from 1 (after a final line break: one more, empty)."""
        return [number for number, line in enumerate(self.body.split(b"\n"), start=1) if line in (b"", b"\r")]


def _count_lines(body: bytes) -> int:
    return body.count(b"\n") + (0 if body.endswith(b"\n") else 1)


def line_of(data: bytes, position: int) -> int:
    """The line (as an editor counts: CRLF, CR and LF each end one) holding byte `position`."""
    return 1 + len(_LINE_BREAK.findall(data, 0, position))


def _utf8_sequence(body: bytes) -> re.Match[bytes] | None:
    """The first UTF-8 multi-byte sequence in `body`, if any. A sequence needs a lead byte right before a
    continuation byte: one C-speed translate finds whether such a pair exists, so the regular expression
    only runs over a file that has one (a Windows-1252 file seldom does)."""
    if b"LC" not in body.translate(_BYTE_CLASSES):
        return None
    return _UTF8_MULTIBYTE.search(body)


def decode(data: bytes, filename: str) -> tuple[bytes, bool]:
    """(the file's text as UTF-8 bytes, without a BOM; was the file UTF-8); refuse a file in no allowed encoding or
    in two. Bytes, not a string: the later steps (line breaks, counts, quotes, the pipe to DuckDB) pass over bytes,
    and a UTF-8 file is not kept as a string beside its bytes (decoding and checking a kind's files at scale 28 took
    6-21 % less, performance.md)."""
    nul = data.find(b"\x00", 0, 65536)
    if nul >= 0:
        raise FileRefused(
            filename,
            f"geen tekstbestand: regel {line_of(data, nul)} bevat NUL-bytes (binair bestand of UTF-16); "
            "lever CSV aan in UTF-8 of Windows-1252",
        )
    bom = data.startswith(UTF8_BOM)
    body = data[len(UTF8_BOM) :] if bom else data
    if body.isascii():
        return body, True
    try:
        body.decode("utf-8")  # only to know it is UTF-8
        return body, True
    except UnicodeDecodeError as error:
        bad_line, byte = line_of(body, error.start), body[error.start]
    utf8 = _utf8_sequence(body)
    if bom or utf8:
        evidence = "het begint met een UTF-8-BOM" if bom else f"regel {line_of(body, utf8.start())} is UTF-8"
        raise FileRefused(
            filename,
            f"gemengde tekstcodering: {evidence}, maar regel {bad_line} bevat byte 0x{byte:02X} die geen UTF-8 is "
            "(waarschijnlijk Windows-1252). Sla het bestand opnieuw op in één codering (UTF-8 of Windows-1252)",
        )
    try:
        return body.decode("cp1252").encode("utf-8"), False
    except UnicodeDecodeError as error:
        raise FileRefused(
            filename,
            f"onbekende tekstcodering: regel {line_of(body, error.start)} bevat byte 0x{body[error.start]:02X}, "
            "die in UTF-8 noch in Windows-1252 voorkomt. Lever het bestand aan in UTF-8 of Windows-1252",
        ) from None


def prepare(data: bytes, filename: str) -> CsvText:
    """Decode `data` and find its dialect, with as few passes over the whole text as the file allows.

    A UTF-8 file (BOM or not) whose lines all end in LF, or all in CRLF, and has no line break inside a quoted
    field is read by DuckDB from the file itself (`own_bytes`); its text is kept as it is. Any other file is
    normalised here (line breaks to LF, quoted ones folded) and reaches DuckDB through a pipe.
    """
    body, utf8 = decode(data, filename)
    uniform, crlf = True, False
    cr = body.count(b"\r")
    if cr:
        if cr == body.count(b"\r\n") == body.count(b"\n"):
            crlf = True  # CRLF throughout: DuckDB reads it as it is, and line numbers count the same
        else:
            uniform = False
            body = body.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    end = body.find(b"\n")
    first = (body if end < 0 else body[:end]).decode("utf-8")
    if crlf and first.endswith("\r"):
        first = first[:-1]
    if not first.strip():
        if not body.decode("utf-8").strip():
            raise FileRefused(filename, "leeg bestand: geen kopregel en geen rijen")
        raise FileRefused(
            filename, "de eerste regel is leeg: het bestand moet beginnen met de kopregel (de kolomnamen)"
        )
    delimiter = ";" if first.count(";") > first.count(",") else ","
    try:
        header = [name.strip().lstrip("\ufeff").lower() for name in next(csv.reader([first], delimiter=delimiter))]
    except csv.Error as error:
        raise FileRefused(
            filename, "de kopregel (regel 1) kan niet in kolomnamen worden gesplitst", technical=str(error)
        ) from None
    starts: list[int] = []
    shifts: list[int] = []
    if b'"' in body and any(b"\n" in part for part in body.split(b'"')[1::2]):
        text = body.decode("utf-8")
        if crlf:
            text, crlf = text.replace("\r\n", "\n"), False
        text, starts, shifts = _fold(text, delimiter)
        body = text.encode("utf-8")
    own = utf8 and uniform and not starts
    header = [mask_bsn(name) for name in header]
    return CsvText(body, own, delimiter, header, tuple(starts), tuple(shifts), crlf, _count_lines(body))


def _fold(text: str, delimiter: str) -> tuple[str, list[int], list[int]]:
    """Replace line breaks inside quoted fields by FOLD; record where the record lines shift."""
    d = re.escape(delimiter)
    quoted = re.compile(f'(?:^|(?<=[{d}\\n]))"(?:[^"\\n]|"")*\\n(?:[^"]|"")*"(?=[{d}\\n]|$)')
    pieces: list[str] = []
    starts: list[int] = []
    shifts: list[int] = []
    position, line, folded = 0, 1, 0
    for match in quoted.finditer(text):
        line += text.count("\n", position, match.start())
        pieces.append(text[position : match.start()])
        field = match.group()
        pieces.append(field.replace("\n", FOLD))
        breaks = field.count("\n")
        line += breaks
        folded += breaks
        record_line = line - folded
        starts.append(record_line + 1)
        shifts.append(folded)
        position = match.end()
    pieces.append(text[position:])
    return "".join(pieces), starts, shifts
