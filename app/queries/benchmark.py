"""Questions of the Twente benchmark (mart_benchmark): the 14 side by side, over time."""

from __future__ import annotations

import datetime as dt

import polars as pl

from app.privacy import drempel, te_verbergen
from app.queries._db import read


def _hide_small(frame: pl.DataFrame, hoger_is_beter: bool | None) -> pl.DataFrame:
    """Hide a municipality's numerator and value when a count in it is small, plus a partner per month.

    A rate shows its numerator to anyone who knows the denominator, and a share also the ones not counted;
    and with the Twente value and the other municipalities shown, one hidden numerator could be worked out,
    so a second one (the smallest) is hidden with it. Ranks are given among the shown values only.
    """
    minimum = drempel()
    parts = []
    for part in frame.with_row_index("_rij").partition_by("periode", maintain_order=True):
        teller, noemer = part["teller"].to_list(), part["noemer"].to_list()
        small = [
            t is not None and (0 < t < minimum or (n is not None and (n < minimum or 0 < n - t < minimum)))
            for t, n in zip(teller, noemer, strict=True)
        ]
        # Partners by the usual rule: mark small ones with a value below the threshold, keep the rest as they are.
        marked = [1 if s else (t if t is not None else None) for s, t in zip(small, teller, strict=True)]
        hidden = te_verbergen(marked, 2) if any(small) else set()
        keep = pl.Series([i not in hidden for i in range(part.height)])
        part = part.with_columns(
            *(pl.when(keep).then(pl.col(k)).otherwise(None).alias(k) for k in ("teller", "waarde")),
            pl.when(keep & pl.col("noemer").ge(minimum)).then(pl.col("noemer")).otherwise(None).alias("noemer"),
        )
        descending = hoger_is_beter is not False
        part = part.with_columns(
            pl.col("waarde").cast(pl.Float64).rank("min", descending=descending).cast(pl.Int32).alias("rang")
        )
        parts.append(part)
    return pl.concat(parts).sort("_rij").drop("_rij") if parts else frame


def _hoger_is_beter(indicator: str) -> bool | None:
    frame = read("select hoger_is_beter from marts.mart_indicatoren where indicator = ?", [indicator])
    return frame.item() if frame.height else None


def vergelijking(indicator: str, maand: dt.date) -> pl.DataFrame:
    """The 14 municipalities on one indicator in one month, best first, with the Twente value."""
    frame = read(
        """select benchmark.periode, gemeenten.naam, benchmark.gemeentecode, benchmark.teller, benchmark.noemer,
                  benchmark.waarde, benchmark.rang, benchmark.twente_waarde
           from marts.mart_benchmark as benchmark
           inner join marts.mart_gemeenten as gemeenten using (gemeentecode)
           where benchmark.indicator = ? and benchmark.periode = ?
           order by gemeenten.naam""",
        [indicator, maand],
    )
    shown = _hide_small(frame, _hoger_is_beter(indicator))
    return shown.sort(["rang", "naam"], nulls_last=True).drop("periode")


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
    return _hide_small(frame, _hoger_is_beter(indicator))
