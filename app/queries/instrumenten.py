"""Questions of the instruments page (mart_instrumenten, mart_instrumenten_rendement).

Every count is published by its cell key (app/celsleutel.py), every amount beside a count by that count, its key and
the largest cost of one person in it (publiceer_bedrag: hidden with the count, moved by up to that one person's cost
and rounded, so that a whole minus its shown parts gives no hidden part's cost back); amounts per unit are worked out
from what is published. The largest cost is read only to scale the noise, and never returned."""

from __future__ import annotations

import datetime as dt

import polars as pl

from app import celsleutel
from app.privacy import binnen_geheel, drempel, verberg
from app.queries import _toegang
from app.queries._db import read
from app.queries.referentie import maanden
from app.selectie import Filters, plus_maanden

# How long an instrument may run before its end: a wage subsidy is granted for up to three years at a time.
LANGSTE_LOOPTIJD = 36


def _bedragen(frame: pl.DataFrame, bedragen: dict[str, str]) -> pl.DataFrame:
    """Amounts published by the count beside them (amount column -> count column; the key is `<count>_sleutel`, the
    largest contribution of one person `<amount>_grootste`, dropped here). Call before the counts are published: it
    needs the true count and its key."""
    minimum = drempel()
    return frame.with_columns(
        pl.Series(
            bedrag,
            [
                celsleutel.publiceer_bedrag(b, n, s, minimum, g)
                for b, n, s, g in zip(
                    frame[bedrag].cast(pl.Float64),
                    frame[aantal],
                    frame[f"{aantal}_sleutel"],
                    frame[f"{bedrag}_grootste"].cast(pl.Float64),
                    strict=True,
                )
            ],
            dtype=pl.Float64,
        )
        for bedrag, aantal in bedragen.items()
    ).drop(f"{bedrag}_grootste" for bedrag in bedragen)


def _verberg(frame: pl.DataFrame, tellers: list[str], bedragen: dict[str, str], groep: list[str]) -> pl.DataFrame:
    """Counts by their cell keys, or without the cell key by per-table suppression within `groep`; an amount is
    hidden whenever its count is."""
    frame = _bedragen(frame, bedragen)
    frame = verberg(frame, tellers, groep=groep, sleutels={k: f"{k}_sleutel" for k in tellers})
    return frame.with_columns(
        pl.when(pl.col(aantal).is_null()).then(None).otherwise(pl.col(bedrag)).alias(bedrag)
        for bedrag, aantal in bedragen.items()
    )


def per_instrument(f: Filters) -> pl.DataFrame:
    """Per instrument: running at the end of the period; started, ended and their cost in the period."""
    _toegang.gemeente(f.gemeente)
    where, params = f.cel()
    frame = read(
        f"""select instrument,
                   coalesce(sum(lopend) filter (where maand = ?), 0)::bigint as lopend,
                   (coalesce(sum(lopend_sleutel) filter (where maand = ?), 0) % 4294967296)::bigint
                       as lopend_sleutel,
                   sum(gestart)::bigint as gestart, (sum(gestart_sleutel) % 4294967296)::bigint as gestart_sleutel,
                   sum(beeindigd)::bigint as beeindigd,
                   (sum(beeindigd_sleutel) % 4294967296)::bigint as beeindigd_sleutel,
                   sum(kosten_eur)::decimal(14, 2) as kosten_eur,
                   sum(kosten_eur_beeindigd)::decimal(14, 2) as kosten_eur_beeindigd,
                   max(kosten_eur_grootste) as kosten_eur_grootste,
                   max(kosten_eur_beeindigd_grootste) as kosten_eur_beeindigd_grootste
            from marts.mart_instrumenten
            where {where} and maand between ? and ?
            group by instrument order by instrument""",
        [f.eind, f.eind, *params, f.begin, f.eind],
    )
    return _verberg(
        frame, ["lopend", "gestart", "beeindigd"], {"kosten_eur": "gestart", "kosten_eur_beeindigd": "beeindigd"}, []
    )


def rendement(f: Filters) -> pl.DataFrame:
    """Per instrument, for the newest 12 months of ended instruments whose outcome is known at the chosen month
    (mart_instrumenten_rendement): ended, cost, outflow to work from the start to 12 months after the end, durable,
    cost per durable outflow. The window's months are in the columns venster_begin, venster_einde and gevolgd_tot."""
    _toegang.gemeente(f.gemeente)
    where, params = f.cel()
    tellers = ["beeindigd", "uitstroom_werk_12m", "duurzame_uitstroom"]
    sleutels = ",\n".join(f"(sum({k}_sleutel) % 4294967296)::bigint as {k}_sleutel" for k in tellers)
    frame = read(
        f"""with gekozen as (
                select max(maand) as maand from marts.mart_instrumenten_rendement where maand <= ?
            )
            select instrument, any_value(venster_begin) as venster_begin, any_value(venster_einde) as venster_einde,
                   any_value(gevolgd_tot) as gevolgd_tot, sum(beeindigd)::bigint as beeindigd,
                   round(sum(kosten_eur))::bigint as kosten_eur, max(kosten_eur_grootste) as kosten_eur_grootste,
                   sum(uitstroom_werk_12m)::bigint as uitstroom_werk_12m,
                   sum(duurzame_uitstroom)::bigint as duurzame_uitstroom,
                   {sleutels}
            from marts.mart_instrumenten_rendement
            where {where} and maand = (select maand from gekozen)
            group by instrument order by instrument""",
        [f.maand, *params],
    )
    frame = _verberg(frame, tellers, {"kosten_eur": "beeindigd"}, [])
    # A person counts once per window: those to work are among the ended instruments' people, the durable among them.
    frame = binnen_geheel(frame, {"uitstroom_werk_12m": "beeindigd", "duurzame_uitstroom": "uitstroom_werk_12m"})
    # From the published cost and count, so cost ÷ cost per outflow gives no more than the published count; hidden
    # with its count. None where the cost is € 0 (a trial placement books none: the benefit runs on), not free.
    durable = pl.col("duurzame_uitstroom")
    return frame.with_columns(
        pl.col("kosten_eur").round(0).cast(pl.Int64),
        pl.when(durable.is_not_null() & (durable > 0) & (pl.col("kosten_eur") > 0))
        .then((pl.col("kosten_eur") / durable).round(0).cast(pl.Int64))
        .alias("kosten_per_duurzame_uitstroom"),
    )


def gegevens_vanaf(venster_begin: dt.date) -> dt.date | None:
    """The first month of data, when instruments that ended in the window starting `venster_begin` may have begun
    before it (within LANGSTE_LOOPTIJD months): an outflow while they ran before that month is not in the data, so
    their outflow to work reads too low. None when the data go back far enough."""
    eerste = maanden()["maand"].min()
    return eerste if eerste > plus_maanden(venster_begin, -LANGSTE_LOOPTIJD) else None


def lopend_reeks(f: Filters) -> pl.DataFrame:
    """Running instruments per month end and instrument, published by cell key."""
    _toegang.gemeente(f.gemeente)
    where, params = f.cel()
    frame = read(
        f"""select maand, instrument, sum(lopend)::bigint as lopend,
                   (sum(lopend_sleutel) % 4294967296)::bigint as lopend_sleutel
            from marts.mart_instrumenten where {where} group by all order by maand, instrument""",
        params,
    )
    return verberg(frame, ["lopend"], groep=["maand"], sleutels={"lopend": "lopend_sleutel"})
