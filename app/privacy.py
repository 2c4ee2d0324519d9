"""Small cells: a count of a few people is never shown, so no one can be singled out (CBS practice).

One rule, applied by the query layer to every count it hands to a page:
- primary: a count from 1 up to the threshold (exclusive) is hidden, shown as "< 5"; zero reveals no one;
- secondary: within a group whose total can be known (the treden of one month, the rows of one table), a
  lone hidden cell could be recovered as total − the visible cells, so the smallest visible cell (a zero
  first) is hidden too: a hidden cell may then be 0, so no hidden cell has only one possible value;
- for presentations, counts can be rounded to multiples of 5, as CBS rounds its published tables.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from app import celsleutel
from semon import settings


def drempel() -> int:
    """The smallest count that may be shown (`SEMON_MIN_CEL`, default 5)."""
    return settings.min_cel()


def te_verbergen(waarden: Sequence[int | None], minimum: int) -> set[int]:
    """Positions to hide in one group of counts that add up to a known total (primary and secondary)."""
    hidden = {i for i, v in enumerate(waarden) if v is not None and 0 < v < minimum}
    if not hidden:
        return hidden
    # Partners, smallest first: a zero is the cheapest partner (hiding it loses nothing), so it goes first.
    visible = sorted((v, i) for i, v in enumerate(waarden) if v is not None and i not in hidden)
    # A lone hidden cell is total − visible: hide more until at least two are hidden.
    while visible and len(hidden) < 2:
        hidden.add(visible.pop(0)[1])
    return hidden


def verberg(
    frame: pl.DataFrame, kolommen: list[str], groep: Sequence[str] = (), sleutels: dict[str, str] | None = None
) -> pl.DataFrame:
    """The frame with small counts in `kolommen` set to null; secondary suppression within each `groep`.

    Without `groep` every column is one group (a table whose column total can be worked out). A count whose cell
    key is given (`sleutels`: count column -> key column, from a mart's `sleutel`) is published by the cell key
    method instead (app/celsleutel.py): small ones hidden, the rest perturbed, no partner needed because a total
    minus the others no longer gives a hidden cell back. The key columns are dropped.
    """
    sleutels = sleutels or {}
    if sleutels and celsleutel.aan():
        minimum = drempel()
        gepubliceerd = {
            k: [celsleutel.publiceer(n, s, minimum) for n, s in zip(frame[k], frame[sleutels[k]], strict=True)]
            for k in sleutels
        }
        frame = frame.with_columns(pl.Series(k, v, dtype=pl.Int64) for k, v in gepubliceerd.items())
        frame = frame.drop(list(sleutels.values()))
        kolommen = [k for k in kolommen if k not in sleutels]
        if not kolommen:
            return frame
    elif sleutels:
        frame = frame.drop(list(sleutels.values()))
    minimum = drempel()
    if frame.is_empty() or minimum <= 1:
        return frame
    frame = frame.with_row_index("_rij")
    keys = list(groep)
    parts = frame.partition_by(keys, maintain_order=True) if keys else [frame]
    masks: dict[str, set[int]] = {k: set() for k in kolommen}
    for part in parts:
        rows = part["_rij"].to_list()
        for kolom in kolommen:
            masks[kolom] |= {rows[i] for i in te_verbergen(part[kolom].to_list(), minimum)}
    return frame.with_columns(
        pl.when(pl.col("_rij").is_in(sorted(masks[k]))).then(None).otherwise(pl.col(k)).alias(k) for k in kolommen
    ).drop("_rij")


def binnen_geheel(frame: pl.DataFrame, delen: dict[str, str], bekend: str | None = None) -> pl.DataFrame:
    """A part is never shown above its whole (`delen`: part column -> whole column, in order, so a chain works):
    the cell key perturbs each count on its own, so without this 12 people could show beside 9 placements, or a
    share of more than 100 %. A part above its shown whole is shown as the whole; a part beside a hidden whole is
    hidden too (where a null whole can also mean "not yet known", only in the rows where boolean column `bekend`
    says it is known). Only published values go in, so this tells nothing the page did not already show. Call
    after `verberg`, before any share."""
    if frame.is_empty() or not celsleutel.aan():  # without the cell key the counts are exact
        return frame
    for deel, geheel in delen.items():
        d, g = pl.col(deel), pl.col(geheel)
        verborgen = g.is_null() & (d > 0) & (pl.col(bekend) if bekend else pl.lit(True))
        frame = frame.with_columns(
            pl.when(verborgen).then(None).when(g.is_not_null() & (d > g)).then(g).otherwise(d).alias(deel)
        )
    return frame


def verberg_rijen(frame: pl.DataFrame, delen: list[str]) -> pl.DataFrame:
    """Within each row, `delen` add up to a total shown beside them (steps up, equal, down = scored again):
    primary and secondary suppression across those columns, row by row."""
    minimum = drempel()
    if frame.is_empty() or minimum <= 1:
        return frame
    rows = []
    for row in frame.select(delen).iter_rows():
        hidden = te_verbergen(list(row), minimum)
        rows.append([None if i in hidden else v for i, v in enumerate(row)])
    masked = pl.DataFrame(rows, schema=frame.select(delen).schema, orient="row")
    return frame.with_columns(masked.get_column(k) for k in delen)


def deel_te_klein(deel: int, geheel: int, minimum: int) -> bool:
    """Whether a share of people (`deel` of `geheel`) would single them out: fewer than the threshold in it or
    outside it, none included, as 0 or 100 % says it of every one of them. A threshold of 1 hides nothing."""
    return minimum > 1 and (deel < minimum or geheel - deel < minimum)


def verberg_aandeel(
    frame: pl.DataFrame, aandeel: str, tellers: list[pl.Expr], *, ook_geen: bool = False
) -> pl.DataFrame:
    """A share or rate gives its numerator away to anyone who knows the denominator: hide it when any of the
    counts it splits (e.g. durable and not durable) is small, or with `ook_geen` also none (a share of none or all
    of a group of people). Call before the counts themselves are hidden."""
    minimum = drempel()
    small = pl.any_horizontal([(t >= (0 if ook_geen and minimum > 1 else 1)) & (t < minimum) for t in tellers])
    return frame.with_columns(pl.when(small).then(None).otherwise(pl.col(aandeel)).alias(aandeel))


def afronden(frame: pl.DataFrame, kolommen: list[str], op: int = 5) -> pl.DataFrame:
    """Counts rounded to the nearest multiple of `op` (for a shared screen), hidden counts stay hidden."""
    return frame.with_columns(((pl.col(k) / op).round(0) * op).cast(pl.Int64).alias(k) for k in kolommen)


def label() -> str:
    """How a hidden count reads on screen."""
    return f"< {drempel()}"
