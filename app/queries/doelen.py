"""Questions about the strategic goals (mart_doelen)."""

from __future__ import annotations

import datetime as dt

import polars as pl

from app import celsleutel
from app.privacy import verberg
from app.queries import _toegang
from app.queries._db import read


def stand(gemeente: str | None, peildatum: dt.date) -> pl.DataFrame:
    """The goals of a municipality (all that have goals, for Twente) at a month end: realised against target and
    against where a steady pace over the policy period would be now (verwacht). The people realised are published
    by their cell key, the share from the published count."""
    _toegang.gemeente(gemeente)
    frame = read(
        """select gemeentecode, strategisch_doel, variant, doel_omschrijving, doelgroep_omschrijving, doel,
                  gerealiseerd, realisatie_pct, verwacht, verstreken_pct, periode_begin, periode_einde,
                  periode_verschoven, beleidsperiode_begin, beleidsperiode_einde, sleutel
           from marts.mart_doelen
           where (?::varchar is null or gemeentecode = ?::varchar) and peildatum = ?
           order by gemeentecode, strategisch_doel, variant""",
        [gemeente, gemeente, peildatum],
    )
    hidden = verberg(frame, ["gerealiseerd"], sleutels={"gerealiseerd": "sleutel"})
    if celsleutel.aan():  # the share from the published count: the true share × target would give the count back
        pct = (100 * pl.col("gerealiseerd") / pl.col("doel")).round(1)
        hidden = hidden.with_columns(pl.when(pl.col("doel") > 0).then(pct).otherwise(None).alias("realisatie_pct"))
    return hidden.with_columns(
        pl.when(pl.col("gerealiseerd").is_null()).then(None).otherwise(pl.col("realisatie_pct")).alias("realisatie_pct")
    )
