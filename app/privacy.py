"""Small cells: a count of a few people is never shown, so no one can be singled out (CBS practice).

One rule, applied by the query layer to every count it hands to a page: counts from 1 up to the threshold
(exclusive) become null, shown as "< 5"; zero stays zero (it reveals no one).
"""

from __future__ import annotations

import os

import polars as pl

DEFAULT_DREMPEL = 5


def drempel() -> int:
    """The smallest count that may be shown (`SEMON_MIN_CEL`, default 5)."""
    return int(os.environ.get("SEMON_MIN_CEL", DEFAULT_DREMPEL))


def verberg(frame: pl.DataFrame, kolommen: list[str]) -> pl.DataFrame:
    """The frame with every count in `kolommen` below the threshold (and above 0) replaced by null."""
    minimum = drempel()
    return frame.with_columns(
        pl.when((pl.col(k) > 0) & (pl.col(k) < minimum)).then(None).otherwise(pl.col(k)).alias(k) for k in kolommen
    )


def label() -> str:
    """How a hidden count reads on screen."""
    return f"< {drempel()}"
