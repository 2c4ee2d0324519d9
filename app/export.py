"""Downloads that cannot attack the reader: no cell of a CSV or Excel file can start a formula or a link.

A value such as `=HYPERLINK("https://…?"&A1)` in a quarantined cell or a free-text column would otherwise be
run by Excel or LibreOffice when the file is opened (CSV injection). CSV cells that start with `= + - @`, a
tab or a carriage return (after any spaces) get a leading single quote, as OWASP advises; a plain number such
as `-12`, `+12` or `-3,5 %` stays as it is, because it cannot be a formula. The Excel file is written with
xlsxwriter's `strings_to_formulas` and `strings_to_urls` off: text is stored as text, whatever it holds.
"""

from __future__ import annotations

import io
from collections.abc import Callable

import polars as pl

# OWASP's list of characters that start a formula (and their full-width forms, which LibreOffice accepts).
FORMULE_BEGIN = r"^[\s\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20]|^[\t\r]"
# A number as the app writes it (Dutch: 1.234,5; -3,5 %; € -1.234; a change +12): never a formula.
GETAL = r"^(€ )?[-+]?[0-9][0-9.]*(,[0-9]+)?( ?%)?$"
WORKBOOK_OPTIES = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}


def onschadelijk(frame: pl.DataFrame) -> pl.DataFrame:
    """Every text cell that could start a formula prefixed with `'`, the other cells as they are."""
    text = [n for n, t in frame.schema.items() if t == pl.String]
    return frame.with_columns(
        pl.when(pl.col(n).str.contains(FORMULE_BEGIN) & ~pl.col(n).str.contains(GETAL))
        .then(pl.lit("'") + pl.col(n))
        .otherwise(pl.col(n))
        .alias(n)
        for n in text
    )


def csv(frame: pl.DataFrame) -> str:
    """The CSV the app hands out: `;`-separated (a Dutch Excel opens it as columns), formulas neutralised."""
    return onschadelijk(frame).write_csv(separator=";")


def excel(schrijf: Callable[[object], None]) -> bytes:
    """An .xlsx made by `schrijf(workbook)` in a workbook that stores every string as text (no formula, no URL)."""
    import xlsxwriter

    buffer = io.BytesIO()
    with xlsxwriter.Workbook(buffer, WORKBOOK_OPTIES) as workbook:
        schrijf(workbook)
    return buffer.getvalue()
