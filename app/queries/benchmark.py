"""Questions of the Twente benchmark (mart_benchmark): the 14 side by side, over time."""

from __future__ import annotations

import datetime as dt

import polars as pl

from app.privacy import drempel
from app.queries._db import read


def _hide_small(frame: pl.DataFrame) -> pl.DataFrame:
    # A rate shows its numerator to anyone who knows the denominator: hide both when the count is small.
    minimum = drempel()
    rest = pl.col("noemer") - pl.col("teller")  # a share also gives away the ones not counted
    small = (
        (pl.col("teller") > 0) & (pl.col("teller") < minimum)
        | (rest > 0) & (rest < minimum)
        | (pl.col("noemer") < minimum)
    )
    return frame.with_columns(
        pl.when(small).then(None).otherwise(pl.col("teller")).alias("teller"),
        pl.when(small).then(None).otherwise(pl.col("waarde")).alias("waarde"),
        pl.when(small).then(None).otherwise(pl.col("rang")).alias("rang"),
    )


def vergelijking(indicator: str, maand: dt.date) -> pl.DataFrame:
    """The 14 municipalities on one indicator in one month, best first, with the Twente value."""
    frame = read(
        """select gemeenten.naam, benchmark.gemeentecode, benchmark.teller, benchmark.noemer, benchmark.waarde,
                  benchmark.rang, benchmark.twente_waarde
           from marts.mart_benchmark as benchmark
           inner join marts.mart_gemeenten as gemeenten using (gemeentecode)
           where benchmark.indicator = ? and benchmark.periode = ?
           order by benchmark.rang nulls last, gemeenten.naam""",
        [indicator, maand],
    )
    return _hide_small(frame)


def reeks(indicator: str) -> pl.DataFrame:
    """One indicator for every municipality and month (for the line chart), plus Twente."""
    frame = read(
        """select benchmark.periode, gemeenten.naam, benchmark.gemeentecode, benchmark.teller, benchmark.noemer,
                  benchmark.waarde, benchmark.rang, benchmark.twente_waarde
           from marts.mart_benchmark as benchmark
           inner join marts.mart_gemeenten as gemeenten using (gemeentecode)
           where benchmark.indicator = ? order by benchmark.periode, gemeenten.naam""",
        [indicator],
    )
    return _hide_small(frame)
