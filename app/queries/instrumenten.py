"""Questions of the instruments page (mart_instrumenten)."""

from __future__ import annotations

import polars as pl

from app.privacy import drempel, verberg
from app.queries import _toegang
from app.queries._db import read
from app.selectie import Filters


def per_instrument(f: Filters) -> pl.DataFrame:
    """Per instrument: running at the end of the period; started, ended and their cost in the period."""
    _toegang.gemeente(f.gemeente)
    where, params = f.cel()
    frame = read(
        f"""select instrument,
                   coalesce(sum(lopend) filter (where maand = ?), 0)::bigint as lopend,
                   sum(gestart)::bigint as gestart, sum(beeindigd)::bigint as beeindigd,
                   sum(kosten_eur)::decimal(14, 2) as kosten_eur,
                   sum(kosten_eur_beeindigd)::decimal(14, 2) as kosten_eur_beeindigd
            from marts.mart_instrumenten
            where {where} and maand between ? and ?
            group by instrument order by instrument""",
        [f.eind, *params, f.begin, f.eind],
    )
    return verberg(frame, ["lopend", "gestart", "beeindigd"])


def rendement(f: Filters) -> pl.DataFrame:
    """Per instrument, for the newest 12 months of ended instruments whose outcome is known at the chosen month
    (mart_instrumenten_rendement): ended, cost, outflow to work within 12 months, durable, cost per durable outflow.
    The window's months are in the columns venster_begin, venster_einde and gevolgd_tot."""
    _toegang.gemeente(f.gemeente)
    where, params = f.cel()
    frame = read(
        f"""with gekozen as (
                select max(maand) as maand from marts.mart_instrumenten_rendement where maand <= ?
            )
            select instrument, any_value(venster_begin) as venster_begin, any_value(venster_einde) as venster_einde,
                   any_value(gevolgd_tot) as gevolgd_tot, sum(beeindigd)::bigint as beeindigd,
                   round(sum(kosten_eur))::bigint as kosten_eur,
                   sum(uitstroom_werk_12m)::bigint as uitstroom_werk_12m,
                   sum(duurzame_uitstroom)::bigint as duurzame_uitstroom
            from marts.mart_instrumenten_rendement
            where {where} and maand = (select maand from gekozen)
            group by instrument order by instrument""",
        [f.maand, *params],
    )
    frame = frame.with_columns(
        pl.when(pl.col("duurzame_uitstroom") >= drempel())
        .then((pl.col("kosten_eur") / pl.col("duurzame_uitstroom")).round(0).cast(pl.Int64))
        .alias("kosten_per_duurzame_uitstroom")
    )
    frame = verberg(frame, ["beeindigd", "uitstroom_werk_12m", "duurzame_uitstroom"])
    # Cost ÷ cost per outflow would give a count hidden as a partner back.
    return frame.with_columns(
        pl.when(pl.col("duurzame_uitstroom").is_null())
        .then(None)
        .otherwise(pl.col("kosten_per_duurzame_uitstroom"))
        .alias("kosten_per_duurzame_uitstroom")
    )


def lopend_reeks(f: Filters) -> pl.DataFrame:
    """Running instruments per month end and instrument."""
    _toegang.gemeente(f.gemeente)
    where, params = f.cel()
    frame = read(
        f"""select maand, instrument, sum(lopend)::bigint as lopend, sum(kosten_eur)::decimal(14, 2) as kosten_eur
            from marts.mart_instrumenten where {where} group by all order by maand, instrument""",
        params,
    )
    return verberg(frame, ["lopend"], groep=["maand"])
