"""Questions of the ladder page: the stand per trede over time and the steps between scores."""

from __future__ import annotations

import datetime as dt

import polars as pl

from app import celsleutel
from app.privacy import binnen_geheel, drempel, verberg, verberg_rijen
from app.queries import _toegang
from app.queries._db import read
from app.queries._kwartaal import per_kwartaal
from app.queries.referentie import labels
from app.selectie import Filters


def stand(f: Filters) -> pl.DataFrame:
    """People per trede at every month end for the selection (mart_ladder_stand), published by cell key."""
    _toegang.gemeente(f.gemeente)
    where, params = f.cel()
    frame = read(
        f"""select peildatum, trede, sum(personen)::bigint as personen,
                   (sum(sleutel) % 4294967296)::bigint as sleutel
            from marts.mart_ladder_stand where {where} group by all order by peildatum, trede""",
        params,
    )
    frame = verberg(frame, ["personen"], groep=["peildatum"], sleutels={"personen": "sleutel"})
    # Shares from the published counts, so a share times the total never gives a true count back.
    return frame.with_columns(
        (100 * pl.col("personen") / pl.col("personen").sum().over("peildatum")).alias("aandeel_pct")
    )


def op_peildatum(stand: pl.DataFrame, peildatum: dt.date) -> pl.DataFrame:
    """`stand`'s rows of one month end (trede, personen, aandeel_pct) with every trede of the ladder: one nobody stands
    on has no row in the mart, and reads 0 rather than missing from a table (a hidden one stays hidden)."""
    maand = stand.filter(pl.col("peildatum") == peildatum).select("trede", "personen", "aandeel_pct")
    if maand.is_empty():
        return maand
    treden = labels("trede").select(pl.col("code").cast(maand["trede"].dtype).alias("trede"))
    geteld = pl.col("geteld").is_not_null()
    return (
        treden.join(maand.with_columns(pl.lit(True).alias("geteld")), on="trede", how="left")
        .with_columns(
            pl.when(geteld).then(pl.col("personen")).otherwise(0).alias("personen"),
            pl.when(geteld).then(pl.col("aandeel_pct")).otherwise(0.0).alias("aandeel_pct"),
        )
        .drop("geteld")
    )


def overgangen(f: Filters, van: dt.date, tot: dt.date) -> pl.DataFrame:
    """Transitions per (trede_van, trede_tot) whose second score falls between two month ends."""
    _toegang.gemeente(f.gemeente)
    where, params = f.cel()
    frame = read(
        f"""select trede_van, trede_tot, sum(personen)::bigint as personen,
                   (sum(sleutel) % 4294967296)::bigint as sleutel
            from marts.mart_ladder_overgangen
            where {where} and peildatum_tot > ? and peildatum_tot <= ? group by all order by trede_van, trede_tot""",
        [*params, van, tot],
    )
    return verberg(frame, ["personen"], sleutels={"personen": "sleutel"})


def stappen(f: Filters, per: str = "maand") -> pl.DataFrame:
    """Per month: people scored again, of whom up, equal, down (second score in that month), and the share up
    (`omhoog_pct`: not the indicator "steps up per 100 people on the ladder", whose denominator is the stand). Per
    calendar quarter with `per="kwartaal"` (a small municipality's months are mostly hidden): its first day in
    `peildatum`, its name in `kwartaal`."""
    _toegang.gemeente(f.gemeente)
    where, params = f.cel()
    delen = {"omhoog": "stap > 0", "gelijk": "stap = 0", "omlaag": "stap < 0", "opnieuw_gescoord": "true"}
    kolommen = ",\n".join(
        f"coalesce(sum(personen) filter (where {voorwaarde}), 0)::bigint as {naam}, "
        f"(coalesce(sum(sleutel) filter (where {voorwaarde}), 0) % 4294967296)::bigint as {naam}_sleutel"
        for naam, voorwaarde in delen.items()
    )
    frame = read(
        f"""select peildatum_tot as peildatum, {kolommen}
            from marts.mart_ladder_overgangen where {where} group by all order by peildatum""",
        params,
    )
    if per == "kwartaal":
        frame = per_kwartaal(frame, delen, datum="peildatum")
    if celsleutel.aan():
        frame = verberg(frame, list(delen), sleutels={k: f"{k}_sleutel" for k in delen})
        frame = binnen_geheel(frame, dict.fromkeys(("omhoog", "gelijk", "omlaag"), "opnieuw_gescoord"))
    else:  # the per-table rule: the parts add up to the total beside them
        frame = frame.drop([f"{k}_sleutel" for k in delen])
        frame = verberg_rijen(verberg(frame, ["opnieuw_gescoord"], groep=["peildatum"]), ["omhoog", "gelijk", "omlaag"])
    minimum = drempel()
    up, total = pl.col("omhoog"), pl.col("opnieuw_gescoord")
    return frame.with_columns(
        pl.when(up.is_not_null() & (total >= minimum)).then((100 * up / total).round(1)).alias("omhoog_pct")
    )
