"""The employer register as the account managers keep it in Excel: typed cells, some typed "wrong"."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import polars as pl
import xlsxwriter

NUMBER_COLUMNS = ("toezegging_plekken", "contractwaarde_eur", "sroi_pct")
DATE_COLUMNS = ("datum_toetreding", "begindatum", "einddatum")
FIXED_TIME = dt.datetime(2000, 1, 1)  # document properties: a fixed date keeps the bytes reproducible
_DMY = re.compile(r"^(\d{2})-(\d{2})-(\d{4})$")
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def write_workbook(path: Path, sheets: dict[str, pl.DataFrame]) -> int:
    """Write sheets; KvK as a number where `_kvk_number` (its leading zero lost, as Excel does), dates as
    real Excel dates unless `_text_date` (then text dd-mm-yyyy), counts and amounts as numbers."""
    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_numbers": False})
    workbook.set_properties({"created": FIXED_TIME, "author": "Accountmanagement Werkplein"})
    date_format = workbook.add_format({"num_format": "dd-mm-yyyy"})
    for name, frame in sheets.items():
        sheet = workbook.add_worksheet(name)
        columns = [col for col in frame.columns if not col.startswith("_")]
        sheet.write_row(0, 0, columns)
        for r, row in enumerate(frame.iter_rows(named=True), start=1):
            for col_index, column in enumerate(columns):
                _write_cell(sheet, r, col_index, column, row, date_format)
    workbook.close()
    return path.stat().st_size


def _write_cell(
    sheet: xlsxwriter.worksheet.Worksheet,
    r: int,
    col: int,
    column: str,
    row: dict,
    date_format: xlsxwriter.format.Format,
) -> None:
    value = row[column]
    if value is None or value == "":
        return  # an empty cell
    if column == "kvk" and row.get("_kvk_number") and value.isdigit():
        sheet.write_number(r, col, int(value))
    elif column in NUMBER_COLUMNS and _NUMBER.match(value):
        sheet.write_number(r, col, float(value) if "." in value else int(value))
    elif column in DATE_COLUMNS and not row.get("_text_date") and (match := _DMY.match(value)):
        try:
            day = dt.datetime(int(match[3]), int(match[2]), int(match[1]))
        except ValueError:  # an impossible date (a bad row) can only be text
            sheet.write_string(r, col, value)
            return
        sheet.write_datetime(r, col, day, date_format)
    else:
        sheet.write_string(r, col, value)
