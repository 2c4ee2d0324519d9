"""Text as the senders write it: their dates, decimals, BSNs, codes, quoting, encodings and line ends."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import polars as pl

from tools.synth import gemeenten as gm
from tools.synth.dates import OPEN


@dataclass(frozen=True)
class Dialect:
    """How one source writes its CSV files (shared/extracts.md, and the samples' bytes)."""

    delimiter: str
    encoding: str  # "cp1252", "utf-8" or "utf-8-sig" (with BOM)
    newline: str
    date_format: str  # strftime format

    @property
    def decimal_comma(self) -> bool:
        return self.delimiter == ";"


WINDOWS = Dialect(";", "cp1252", "\r\n", "%d-%m-%Y")  # Werkplein (klanten, ladder), WSW, RMC
WINDOWS_BOM = Dialect(";", "utf-8-sig", "\r\n", "%d-%m-%Y")  # Werkplein trajecten, plaatsingen (as the samples)
UWV = Dialect(",", "utf-8", "\n", "%Y-%m-%d")


def dates(days: np.ndarray, dialect: Dialect, before: int | None = None) -> pl.Series:
    """Dates as text; OPEN (and, with `before`, any day on or after it: not yet known) become empty."""
    days = np.asarray(days, dtype=np.int64)
    empty = (days == OPEN) | (days < -40_000)
    if before is not None:
        empty |= days >= before
    series = pl.Series(np.where(empty, 0, days).astype(np.int32)).cast(pl.Date).dt.strftime(dialect.date_format)
    return series.scatter(np.flatnonzero(empty), None) if empty.any() else series


def decimals(values: np.ndarray, dialect: Dialect, places: int = 2, trim: bool = False) -> pl.Series:
    """Fixed-point text from integer arithmetic (no float formatting surprises); NaN becomes empty."""
    values = np.asarray(values, dtype=np.float64)
    missing = np.isnan(values)
    scaled = np.round(np.where(missing, 0, values) * 10**places).astype(np.int64)
    whole, frac = np.divmod(np.abs(scaled), 10**places)
    sign = np.where(scaled < 0, "-", "")
    frac_text = pl.Series(frac).cast(pl.String).str.zfill(places)
    if trim:  # 36,00 → 36 and 16,50 → 16,5 (the way hours are typed)
        frac_text = frac_text.str.strip_chars_end("0")
    mark = "," if dialect.decimal_comma else "."
    text = (
        pl.DataFrame({"s": sign, "w": whole, "f": frac_text})
        .select(
            pl.when(pl.col("f") == "")
            .then(pl.col("s") + pl.col("w").cast(pl.String))
            .otherwise(pl.col("s") + pl.col("w").cast(pl.String) + mark + pl.col("f"))
        )
        .to_series()
    )
    return text.scatter(np.flatnonzero(missing), None) if missing.any() else text


def integers(values: np.ndarray) -> pl.Series:
    """Whole numbers; negative values mean missing and become empty."""
    values = np.asarray(values, dtype=np.int64)
    text = pl.Series(values).cast(pl.String)
    return text.scatter(np.flatnonzero(values < 0), None) if (values < 0).any() else text


def bsns(bsn: np.ndarray, short: np.ndarray | None) -> pl.Series:
    """9 digits; where `short`, without the leading zero (as a spreadsheet round-trip leaves it)."""
    text = pl.Series(np.asarray(bsn, dtype=np.int64)).cast(pl.String)
    padded = text.str.zfill(9)
    if short is None:
        return padded
    return pl.select(pl.when(pl.Series(np.asarray(short))).then(text).otherwise(padded)).to_series()


def kvks(kvk: np.ndarray) -> pl.Series:
    return pl.Series(np.asarray(kvk, dtype=np.int64)).cast(pl.String).str.zfill(8)


def gemeentecodes(index: np.ndarray, rng: np.random.Generator | None) -> pl.Series:
    """CBS codes; with `rng`, written as GM0153, 0153 or 153 the way different clerks do."""
    codes = np.array(gm.CODES)[np.asarray(index, dtype=np.int64)]
    if rng is None:
        return pl.Series(codes)
    style = rng.choice(3, size=codes.size, p=(0.55, 0.3, 0.15))
    digits = np.char.lstrip(np.char.replace(codes, "GM", ""), "0")
    four = np.char.replace(codes, "GM", "")
    return pl.Series(np.where(style == 0, codes, np.where(style == 1, four, digits)))


def codes(table: tuple[str, ...], index: np.ndarray) -> pl.Series:
    """Code list labels; a negative index is an empty cell."""
    index = np.asarray(index, dtype=np.int64)
    labels = np.array((*table, ""))[np.where(index < 0, len(table), index)]
    series = pl.Series(labels)
    return series.scatter(np.flatnonzero(index < 0), None) if (index < 0).any() else series


def quote(values: pl.Series, where: np.ndarray | None = None) -> pl.Series:
    """CSV-quote values that hold a delimiter or quote, plus (with `where`) some that do not need it."""
    needs = values.str.contains(r'[;,"]').fill_null(False).to_numpy()
    if where is not None:
        needs = needs | (np.asarray(where) & values.is_not_null().to_numpy())
    quoted = pl.select(pl.lit('"') + values.str.replace_all('"', '""', literal=True) + pl.lit('"')).to_series()
    return pl.select(pl.when(pl.Series(needs)).then(quoted).otherwise(values)).to_series().alias(values.name)


def write_csv(frame: pl.DataFrame, path: Path, dialect: Dialect) -> int:
    """Write an all-text frame as is (values are pre-quoted where needed); returns the bytes written."""
    buffer = io.BytesIO()
    frame.write_csv(
        buffer,
        separator=dialect.delimiter,
        line_terminator=dialect.newline,
        quote_style="never",
        null_value="",
    )
    data = buffer.getvalue()
    if dialect.encoding != "utf-8":
        data = data.decode("utf-8").encode(dialect.encoding)  # cp1252, or UTF-8 with a BOM
    path.write_bytes(data)
    return len(data)
