"""Months' true counts and cell keys summed per calendar quarter, before anything is published: for the pages whose
months are mostly hidden in a small municipality (the client flow, the ladder's steps up)."""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl

from app.formatting import MAANDEN_KORT

KORT = dict(enumerate(MAANDEN_KORT, start=1))  # month number -> "okt"
MODULUS = 4294967296  # the cell keys' modulus (app/celsleutel.py)


def per_kwartaal(
    frame: pl.DataFrame, sommen: Iterable[str], laatste: Iterable[str] = (), datum: str = "maand"
) -> pl.DataFrame:
    """Per calendar quarter of the column `datum`: the counts in `sommen` summed (unknown when one month's is) with
    the sum of their keys (`<count>_sleutel`), a stand in `laatste` and its key from the quarter's last month. A
    quarter's key is the sum of its months' keys, as a longer period's everywhere (a count of the same units gets
    the same noise). `datum` becomes the quarter's first day; `kwartaal` names the months it has: "okt–dec 2025", a
    quarter still running "okt–nov 2026" or "okt 2026", one the data begin in "nov–dec 2023"."""
    sommen, laatste = list(sommen), list(laatste)
    return (
        frame.sort(datum)
        .group_by(pl.col(datum).dt.truncate("1q"), maintain_order=True)
        .agg(
            *(pl.col(k).last() for k in laatste),
            *(pl.col(f"{k}_sleutel").last() for k in laatste),
            *(pl.when(pl.col(k).is_null().any()).then(None).otherwise(pl.col(k).sum()).alias(k) for k in sommen),
            *((pl.col(f"{k}_sleutel").sum() % MODULUS).alias(f"{k}_sleutel") for k in sommen),
            pl.col(datum).min().alias("_begin"),
            pl.col(datum).max().alias("_einde"),
        )
        .with_columns(
            pl.when(pl.col("_begin") == pl.col("_einde"))
            .then(pl.format("{} {}", _kort("_begin"), pl.col(datum).dt.year()))
            .otherwise(pl.format("{}–{} {}", _kort("_begin"), _kort("_einde"), pl.col(datum).dt.year()))
            .alias("kwartaal")
        )
        .drop("_begin", "_einde")
    )


def _kort(kolom: str) -> pl.Expr:
    return pl.col(kolom).dt.month().replace_strict(KORT, return_dtype=pl.String)
