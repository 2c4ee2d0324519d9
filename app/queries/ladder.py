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
    return verberg(frame, ["personen"], groep=["peildatum"])


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
        pl.when(pl.col("opnieuw_gescoord") >= 5)  # a rate over a hidden count would reveal it
        .then((100 * pl.col("omhoog") / pl.col("opnieuw_gescoord")).round(1))
        .alias("omhoog_per_100")
    )
    up = pl.col("omhoog")
    frame = verberg_aandeel(frame, "omhoog_per_100", [up, pl.col("opnieuw_gescoord") - up])
    return verberg_rijen(verberg(frame, ["opnieuw_gescoord"], groep=["peildatum"]), ["omhoog", "gelijk", "omlaag"])


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
    return verberg(frame, ["personen"], groep=["peildatum"])
