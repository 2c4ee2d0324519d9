"""Questions about what UWV tells: Wajong and the doelgroepregister (mart_uwv), published by the mart's cell keys."""

from __future__ import annotations

import polars as pl

from app.privacy import binnen_geheel, drempel, verberg
from app.queries import _toegang
from app.queries._db import read
from app.selectie import Filters

_REEKS = {
    # column: (doelgroep, mart count, its key)
    "wajong": ("WAJONG", "personen", "sleutel"),
    "wajong_werkend": ("WAJONG", "werkend", "sleutel_werkend"),
    "wajong_arbeidsvermogen": ("WAJONG", "met_arbeidsvermogen", "sleutel_met_arbeidsvermogen"),
    "doelgroepregister": ("DOELGROEPREGISTER", "personen", "sleutel"),
}


def reeks(f: Filters) -> pl.DataFrame:
    """Per month end: Wajong persons, of whom working and with arbeidsvermogen, and persons in the doelgroepregister;
    the share working of the Wajong from the published counts, hidden when either is hidden or when those not
    working are a few people (the share would point at them)."""
    _toegang.gemeente(f.gemeente)
    where, params = f.cel(doelgroep=False)
    kolommen = ",\n".join(
        f"coalesce(sum({telling}) filter (where doelgroep = '{doelgroep}'), 0)::bigint as {naam}, "
        f"(coalesce(sum({sleutel}) filter (where doelgroep = '{doelgroep}'), 0) % 4294967296)::bigint as sleutel_{naam}"
        for naam, (doelgroep, telling, sleutel) in _REEKS.items()
    )
    frame = read(
        f"""select peildatum, {kolommen}
            from marts.mart_uwv where {where} group by peildatum order by peildatum""",
        params,
    )
    rest = pl.col("wajong") - pl.col("wajong_werkend")
    frame = frame.with_columns(((rest > 0) & (rest < drempel())).alias("_rest_klein"))
    frame = verberg(frame, list(_REEKS), sleutels={k: f"sleutel_{k}" for k in _REEKS})
    frame = binnen_geheel(frame, {"wajong_werkend": "wajong", "wajong_arbeidsvermogen": "wajong"})
    aandeel = 100 * pl.col("wajong_werkend") / pl.col("wajong")
    zichtbaar = pl.col("wajong_werkend").is_not_null() & (pl.col("wajong") > 0) & ~pl.col("_rest_klein")
    return frame.with_columns(pl.when(zichtbaar).then(aandeel).alias("aandeel_werkend_pct")).drop("_rest_klein")


def per_categorie(f: Filters) -> pl.DataFrame:
    """At the chosen month end: Wajong per regeling and the register per grondslag, with their labels."""
    _toegang.gemeente(f.gemeente)
    where, params = f.cel(doelgroep=False)
    frame = read(
        f"""select doelgroep, coalesce(labels.label, categorie) as categorie, sum(personen)::bigint as personen,
                   sum(werkend)::bigint as werkend, sum(met_arbeidsvermogen)::bigint as met_arbeidsvermogen,
                   (sum(sleutel) % 4294967296)::bigint as sleutel,
                   (sum(sleutel_werkend) % 4294967296)::bigint as sleutel_werkend,
                   (sum(sleutel_met_arbeidsvermogen) % 4294967296)::bigint as sleutel_met_arbeidsvermogen
            from marts.mart_uwv
            left join marts.mart_labels as labels
                on labels.lijst = case doelgroep when 'WAJONG' then 'wajong_regeling' else 'grondslag' end
                and labels.code = categorie
            where {where} and peildatum = ?
            group by all order by doelgroep desc, min(labels.volgorde)""",
        [*params, f.peildatum],
    )
    kolommen = ["personen", "werkend", "met_arbeidsvermogen"]
    frame = verberg(
        frame,
        kolommen,
        groep=["doelgroep"],
        sleutels={
            "personen": "sleutel",
            "werkend": "sleutel_werkend",
            "met_arbeidsvermogen": "sleutel_met_arbeidsvermogen",
        },
    )
    return binnen_geheel(frame, {"werkend": "personen", "met_arbeidsvermogen": "personen"})
