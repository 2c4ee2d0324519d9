"""Questions of the ladder page: the stand per trede over time and the steps between scores."""

from __future__ import annotations

import datetime as dt

import polars as pl

from app.privacy import drempel, verberg, verberg_aandeel, verberg_rijen
from app.queries import _toegang
from app.queries._db import read
from app.selectie import Filters


def stand(f: Filters) -> pl.DataFrame:
    """People per trede at every month end for the selection (mart_ladder_stand), small cells hidden."""
    _toegang.gemeente(f.gemeente)
    where, params = f.cel()
    frame = read(
        f"select peildatum, trede, sum(personen)::bigint as personen from marts.mart_ladder_stand where {where} "
        "group by all order by peildatum, trede",
        params,
    )
    # The share of each trede is computed from the true counts, then hidden wherever its count is.
    frame = frame.with_columns(
        (100 * pl.col("personen") / pl.col("personen").sum().over("peildatum")).alias("aandeel_pct")
    )
    frame = verberg(frame, ["personen"], groep=["peildatum"])
    return frame.with_columns(
        pl.when(pl.col("personen").is_null()).then(None).otherwise(pl.col("aandeel_pct")).alias("aandeel_pct")
    )


def overgangen(f: Filters, van: dt.date, tot: dt.date) -> pl.DataFrame:
    """People per (trede_van, trede_tot) for steps whose second score falls between two month ends."""
    _toegang.gemeente(f.gemeente)
    where, params = f.cel()
    frame = read(
        f"select trede_van, trede_tot, sum(personen)::bigint as personen from marts.mart_ladder_overgangen "
        f"where {where} and peildatum_tot > ? and peildatum_tot <= ? group by all order by trede_van, trede_tot",
        [*params, van, tot],
    )
    return verberg(frame, ["personen"])


def stappen(f: Filters) -> pl.DataFrame:
    """Per month: people scored again, of whom up, equal, down (second score in that month)."""
    _toegang.gemeente(f.gemeente)
    where, params = f.cel()
    frame = read(
        f"""select peildatum_tot as peildatum,
                   sum(personen) filter (where stap > 0)::bigint as omhoog,
                   sum(personen) filter (where stap = 0)::bigint as gelijk,
                   sum(personen) filter (where stap < 0)::bigint as omlaag,
                   sum(personen)::bigint as opnieuw_gescoord
            from marts.mart_ladder_overgangen where {where} group by all order by peildatum""",
        params,
    )
    frame = frame.with_columns(pl.col("omhoog", "gelijk", "omlaag").fill_null(0))
    frame = frame.with_columns(
        pl.when(pl.col("opnieuw_gescoord") >= drempel())  # a rate over a hidden count would reveal it
        .then((100 * pl.col("omhoog") / pl.col("opnieuw_gescoord")).round(1))
        .alias("omhoog_per_100")
    )
    up = pl.col("omhoog")
    frame = verberg_aandeel(frame, "omhoog_per_100", [up, pl.col("opnieuw_gescoord") - up])
    frame = verberg_rijen(verberg(frame, ["opnieuw_gescoord"], groep=["peildatum"]), ["omhoog", "gelijk", "omlaag"])
    # The rate next to a count hidden as a partner would give it back.
    return frame.with_columns(
        pl.when(pl.col("omhoog").is_null()).then(None).otherwise(pl.col("omhoog_per_100")).alias("omhoog_per_100")
    )


def totaal(f: Filters) -> pl.DataFrame:
    """People with a recent score per month end, and the share on treden 4-6 (hidden with a small total)."""
    _toegang.gemeente(f.gemeente)
    where, params = f.cel()
    frame = read(
        f"""select peildatum, sum(personen)::bigint as personen,
                   sum(personen) filter (where trede >= 4)::bigint as trede_4_6
            from marts.mart_ladder_stand where {where} group by all order by peildatum""",
        params,
    )
    frame = frame.with_columns(
        pl.when(pl.col("personen") >= drempel())
        .then((100 * pl.col("trede_4_6").fill_null(0) / pl.col("personen")).round(1))
        .alias("aandeel_4_6_pct")
    )
    high = pl.col("trede_4_6").fill_null(0)
    frame = verberg_aandeel(frame, "aandeel_4_6_pct", [high, pl.col("personen") - high]).drop("trede_4_6")
    # With the total shown, the share gives the sum of treden 4-6: not when a trede cell of that month is hidden.
    hidden_months = stand(f).filter(pl.col("personen").is_null())["peildatum"].unique().to_list()
    frame = frame.with_columns(
        pl.when(pl.col("peildatum").is_in(hidden_months))
        .then(None)
        .otherwise(pl.col("aandeel_4_6_pct"))
        .alias("aandeel_4_6_pct")
    )
    return verberg(frame, ["personen"], groep=["peildatum"])
