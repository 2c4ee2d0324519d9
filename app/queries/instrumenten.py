"""Questions of the instruments page (mart_instrumenten)."""

from __future__ import annotations

import polars as pl

from app.privacy import drempel, verberg
from app.queries import _toegang
from app.queries._db import read
from app.selectie import Filters


def per_instrument(f: Filters) -> pl.DataFrame:
    """Per instrument: running at the month end; started, ended, cost and outcomes over the last 12 months."""
    _toegang.gemeente(f.gemeente)
    where, params = f.cel(doelgroep=False)
    frame = read(
        f"""select instrument,
                   coalesce(sum(lopend) filter (where maand = ?), 0)::bigint as lopend,
                   sum(gestart)::bigint as gestart, sum(beeindigd)::bigint as beeindigd,
                   sum(kosten_eur)::decimal(14, 2) as kosten_eur,
                   sum(kosten_eur_beeindigd)::decimal(14, 2) as kosten_eur_beeindigd,
                   sum(uitstroom_werk_12m_na_einde)::bigint as uitstroom_werk_12m_na_einde,
                   sum(duurzame_uitstroom)::bigint as duurzame_uitstroom
            from marts.mart_instrumenten
            where {where} and maand > ? - interval 12 month and maand <= ?
            group by instrument order by instrument""",
        [f.maand, *params, f.maand, f.maand],
    )
    frame = frame.with_columns(
        pl.when(pl.col("duurzame_uitstroom") >= drempel())
        .then((pl.col("kosten_eur_beeindigd") / pl.col("duurzame_uitstroom")).round(0))
        .alias("kosten_per_duurzame_uitstroom")
    )
    frame = verberg(frame, ["lopend", "gestart", "beeindigd", "uitstroom_werk_12m_na_einde", "duurzame_uitstroom"])
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
    where, params = f.cel(doelgroep=False)
    frame = read(
        f"""select maand, instrument, sum(lopend)::bigint as lopend, sum(kosten_eur)::decimal(14, 2) as kosten_eur
            from marts.mart_instrumenten where {where} group by all order by maand, instrument""",
        params,
    )
    return verberg(frame, ["lopend"], groep=["maand"])
