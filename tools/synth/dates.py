"""Dates as int32 days since 1970-01-01: vectorisable, and converted to text only when a file is written."""

from __future__ import annotations

import datetime as dt

import numpy as np

EPOCH = dt.date(1970, 1, 1)
OPEN = np.int32(2**31 - 1)  # end of a spell that has not ended (or not yet, as far as any file knows)
YEAR = 365.25


def day(value: dt.date) -> int:
    return (value - EPOCH).days


def date(days: int) -> dt.date:
    return EPOCH + dt.timedelta(days=int(days))


def add_months(first: dt.date, months: int) -> dt.date:
    index = first.year * 12 + first.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def parse_month(text: str) -> dt.date:
    """`2023-10` → 1 October 2023."""
    year, month = text.split("-")[:2]
    return dt.date(int(year), int(month), 1)


def uniform_days(
    rng: np.random.Generator, low: np.ndarray | int, high: np.ndarray | int, size: int | None = None
) -> np.ndarray:
    """A day in [low, high) for each element (high > low)."""
    low = np.asarray(low, dtype=np.int64)
    span = np.maximum(np.asarray(high, dtype=np.int64) - low, 1)
    shape = size if size is not None else np.broadcast(low, span).shape
    return (low + (rng.random(shape) * span).astype(np.int64)).astype(np.int32)


def years_between(birth: np.ndarray, on: np.ndarray | int) -> np.ndarray:
    """Completed years of age on a day (calendar-exact, like DuckDB's date_sub('year', …))."""
    b = np.asarray(birth).astype("datetime64[D]")
    o = np.broadcast_to(np.asarray(on), b.shape).astype("datetime64[D]")
    by, oy = b.astype("datetime64[Y]"), o.astype("datetime64[Y]")
    years = (oy - by).astype(np.int64)
    before_birthday = (o - oy.astype("datetime64[D]")) < (b - by.astype("datetime64[D]"))
    return years - before_birthday


def shift_years(days: np.ndarray, years: np.ndarray | int) -> np.ndarray:
    """The same calendar day `years` later (29 February becomes 1 March)."""
    d = np.asarray(days).astype("datetime64[D]")
    y = d.astype("datetime64[Y]")
    offset = d - y.astype("datetime64[D]")
    target = (y + np.asarray(years)).astype("datetime64[D]") + offset
    return target.astype(np.int64).astype(np.int32)
