"""What a wethouder should never read on a page (codes, snake_case, machine words, ISO dates, ungrouped numbers),
and every text a page shows: shared by the words test and the prognoses test."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.helpers import PAGES

SEEDS = Path(__file__).parents[1] / "dbt_project" / "seeds"
ALL_PAGES = {**PAGES, "audit": "Toegang & audit"}
# Where a raw value is the point: the data manager needs the file name, the extract's own column name, the
# refused value and the loader's message (which names the codes the file may hold) to find and fix the line in
# the delivered file; a KvK number and the filters of a shared URL are identifiers, written as they are. Only
# these columns, only on these pages.
AS_DELIVERED = {
    "datakwaliteit": {"Bestand", "Kolom", "Waarde", "Regel", "Reden", "Waarschuwingen"},
    "werkgevers": {"KvK-nummer"},
    "audit": {"Filters", "Selectie", "Bestand"},  # the URL and the selection as recorded, for machines too
}


def _codes() -> set[str]:
    """Codes of the seeds' code lists that must never show: UPPER_CASE (4+ characters) and not their own label."""
    codes = set()
    for seed, code_column in (("codelijsten.csv", "code"), ("doelgroepen.csv", "doelgroep")):
        with (SEEDS / seed).open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                code = row[code_column]
                if re.fullmatch(r"[A-Z][A-Z0-9_]{3,}", code) and code not in row["label"]:
                    codes.add(code)
    return codes


CODES = _codes()
SNAKE_CASE = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")
MACHINE_WORDS = re.compile(r"\b(?:None|True|False|true|false|nan|NaN|NaT|null)\b")
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b|\b\d{2}-\d{2}-\d{4}\b")
UNGROUPED = re.compile(r"\b\d{4,}\b")
YEAR = re.compile(r"(?:19|20)\d\d")


def problems(text: str) -> list[str]:
    """What in `text` a wethouder should never read."""
    found = [code for code in CODES if re.search(rf"(?<![\w-]){re.escape(code)}(?![\w-])", text)]
    found += SNAKE_CASE.findall(text) + MACHINE_WORDS.findall(text) + ISO_DATE.findall(text)
    found += [n for n in UNGROUPED.findall(text) if not YEAR.fullmatch(n)]
    return found


def shown_texts(at: AppTest, page: str) -> list[tuple[str, str]]:
    """(where, text) for every table header and cell, metric label and value, and caption on the page."""
    texts = []
    for i, frame in enumerate(at.dataframe):
        table = frame.value
        for column in table.columns:
            texts.append((f"table {i} header", str(column)))
            if column in AS_DELIVERED.get(page, set()):
                continue
            texts += [(f"table {i} column {column!r}", str(cell)) for cell in table[column].tolist()]
    for metric in at.metric:
        texts += [("metric label", metric.label), (f"metric {metric.label!r}", str(metric.value))]
    texts += [("caption", caption.value) for caption in at.caption]
    return texts
