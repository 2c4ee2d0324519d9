"""Hide anything that could be a BSN before it reaches a message, the quarantine, a log or the screen.

A BSN may arrive in any column (columns swapped, a row shifted by an unquoted delimiter), typed with
spaces or dots (`123 456 782`, `1234.56.782`), or without its leading zero. We mask by shape, not by
the elfproef: a mistyped BSN is still personal data. Any run of 8 or more digits, single spaces or dots
allowed between them, becomes `*********`. Dates (`01-07-2024`) and decimals with a comma are untouched;
a long number with dots is masked too, which is the safe mistake.
"""

from __future__ import annotations

import re

MASK = "*********"
# RE2 (DuckDB) and Python's re read this the same way: ASCII digits, no look-around.
BSN_SHAPE = r"[0-9](?:[ .]?[0-9]){7,}"
_BSN_SHAPE = re.compile(BSN_SHAPE)


def mask_bsn(text: str) -> str:
    """`text` with every BSN-shaped run of digits replaced by `*********`."""
    return _BSN_SHAPE.sub(MASK, text)


def mask_bsn_sql(expression: str) -> str:
    """The same masking as SQL over a VARCHAR expression (DuckDB)."""
    return f"regexp_replace({expression}, '{BSN_SHAPE}', '{MASK}', 'g')"


def mask_bsn_expr(column: str):  # -> pl.Expr (polars imported here: ingest does not need it)
    """The same masking as a polars expression over a text column (the app's tables and downloads)."""
    import polars as pl

    return pl.col(column).str.replace_all(BSN_SHAPE, MASK)
