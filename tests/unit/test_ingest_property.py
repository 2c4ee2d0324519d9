"""Property: whatever allowed dialect a sender uses and whatever damage a file has, every row is accounted
for (loaded or quarantined), every quarantined line number points at a damaged line, and no BSN of the
input shows up in the warehouse, the quarantine, the messages or the summary."""

from __future__ import annotations

import random
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cli.console import describe, ingest_summary
from tests.helpers_ingest import bsn, load, quarantine, rows, write_bytes

COLUMNS = ["traject_id", "bsn", "instrument", "begindatum", "einddatum", "kosten_eur", "strategisch_doel"]
DAMAGES = ["none", "none", "none", "extra_field", "missing_field", "bad_code", "bad_bsn", "swapped"]
BAD_BSN = "123456789"  # fails the elfproef, still BSN-shaped
NAME = "werkplein_trajecten_20240701.csv"

row_strategy = st.tuples(
    st.text(alphabet='abcü ;,"\n', min_size=0, max_size=8),  # free text for traject_id
    st.booleans(),  # quote it even when not needed
    st.sampled_from(DAMAGES),
    st.integers(0, 2**32),  # seed for the row's values
)


def _field(text: str, delimiter: str, quote: bool, newline: str) -> str:
    text = text.replace("\n", newline)
    if quote or any(c in text for c in (delimiter, '"', "\n", "\r")):
        return '"' + text.replace('"', '""') + '"'
    return text


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    delimiter=st.sampled_from([";", ","]),
    encoding=st.sampled_from(["utf-8", "utf-8-bom", "cp1252"]),
    ending=st.sampled_from(["\n", "\r\n", "\r", "mixed"]),
    records=st.lists(row_strategy, min_size=1, max_size=12),
    stray=st.one_of(st.none(), st.integers(0, 11)),
)
def test_every_row_is_accounted_for_and_no_bsn_leaks(
    delimiter: str, encoding: str, ending: str, records: list, stray: int | None
) -> None:
    rng = random.Random(len(records))
    endings = lambda: rng.choice(["\n", "\r\n", "\r"]) if ending == "mixed" else ending  # noqa: E731
    iso = delimiter == ","
    secrets: set[str] = {BAD_BSN}
    lines: list[str] = [delimiter.join(COLUMNS) + endings()]
    line = 2  # the editor line the next record starts on
    good: set[int] = set()
    bad: set[int] = set()
    stray_line = None
    for i, (text, quote, damage, seed) in enumerate(records):
        row_rng = random.Random(seed)
        person = bsn(row_rng)
        secrets.add(person)
        date = "2024-01-15" if iso else "15-01-2024"
        cost = row_rng.choice(["", "12.50" if iso else "12,50", "300"])
        newline = endings()
        values = [
            _field(f"T{i}-{text}", delimiter, quote, newline),
            person,
            row_rng.choice(["JOBCOACH", "scholing", "KLIMOPBAAN"]),
            date,
            "",
            cost,
            row_rng.choice(["", "SD1", "SD4"]),
        ]
        if damage == "extra_field":
            values.append("x")
        elif damage == "missing_field":
            values.pop()
        elif damage == "bad_code":
            values[2] = "ONBEKEND"
        elif damage == "bad_bsn":
            values[1] = BAD_BSN
        elif damage == "swapped":
            values[1], values[3] = values[3], values[1]
        record = delimiter.join(values)
        if stray is not None and stray == i:
            record, stray_line = "\x81" + record, line
        (bad if damage != "none" else good).add(line)
        lines.append(record + newline)
        line += 1 + len(re.findall(r"\r\n|\r|\n", record))
    text = "".join(lines)
    if encoding == "cp1252":
        data = text.encode("cp1252", errors="strict") if stray_line is None else _with_stray(text, "cp1252")
    else:
        data = (b"\xef\xbb\xbf" if encoding == "utf-8-bom" else b"") + _with_stray(text, "utf-8")

    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        write_bytes(tmp / "in", NAME, data)
        report = load(tmp, tmp / "in")
        (outcome,) = report.files
        shown = ingest_summary(report) + describe(outcome)
        log = tmp / "semon-ingest.log"
        shown += log.read_text(encoding="utf-8") if log.exists() else ""
        if stray_line is not None:
            assert outcome.status == "geweigerd"
            assert f"regel {stray_line} bevat byte 0x81" in (outcome.reden or "")
            stored = ""
        else:
            assert outcome.status == "geladen", outcome.reden
            assert (outcome.rijen, outcome.quarantaine) == (len(good), len(bad))
            loaded = {n for (n,) in rows(tmp, "select regelnummer from raw.werkplein_trajecten")}
            assert loaded == good
            stored = repr(quarantine(tmp))
            assert {n for _, n, *_ in quarantine(tmp)} == bad
        everything = shown + stored + (tmp / "wh.duckdb").read_bytes().decode("latin-1")
        for secret in secrets:
            assert secret not in everything
            assert secret.lstrip("0") not in everything


def _with_stray(text: str, encoding: str) -> bytes:
    """The text encoded, with "\x81" (our marker) as a raw 0x81 byte: in neither allowed encoding."""
    return b"\x81".join(part.encode(encoding) for part in text.split("\x81"))
