"""Questions of the placements and outflow page (mart_klantstroom, mart_plaatsingen)."""

from __future__ import annotations

import polars as pl

from app import celsleutel
from app.privacy import drempel, verberg, verberg_aandeel, verberg_rijen
from app.queries import _toegang
from app.queries._db import read
from app.selectie import Filters
from semon.codelists import codelijst

# The client flow's cells: the Werkplein regelingen of the seed codelijsten, any of them (WERKPLEIN, what "all
# doelgroepen" means there) and the young.
KLANTSTROOM_DOELGROEPEN = ("ALLE", "JONGEREN_U27", *codelijst("regeling"))
# How each grouping reads on screen: codes become their labels (mart_labels), an unknown sector says so.
DIMENSIES = {
    "soort": "coalesce((select label from marts.mart_labels where lijst = 'soort_plaatsing' and code = soort), soort)",
    "sector": "coalesce((select label from marts.mart_labels where lijst = 'sbi_sector' and code = sbi_sector), "
    "'Onbekend')",
    "werkgever": "werkgever",
}


def klantstroom(f: Filters) -> pl.DataFrame:
    """Bestand, instroom, uitstroom (to work) and herinstroom per month, for Werkplein doelgroepen only; each count
    published by its cell key, the durable share from the published counts."""
    _toegang.gemeente(f.gemeente)
    if f.doelgroep not in KLANTSTROOM_DOELGROEPEN:
        return pl.DataFrame()
    # mart_klantstroom has one row per Werkplein doelgroep: it shows one at a time (the page says so).
    where, params = f.cel(doelgroep=False)
    where += " and doelgroep = ?"
    params.append("WERKPLEIN" if f.doelgroep == "ALLE" else f.doelgroep)
    tellers = ("bestand", "instroom", "uitstroom", "uitstroom_werk", "herinstroom_6m", "herinstroom_12m")
    kolommen = ",\n".join(
        f"sum({k})::bigint as {k}, (sum({k}_sleutel) % 4294967296)::bigint as {k}_sleutel" for k in tellers
    )
    frame = read(
        f"""select maand, {kolommen},
                   -- The durable outflow (not back within 12 months) is a set of people of its own, with its own key.
                   (sum(uitstroom) - sum(herinstroom_12m))::bigint as duurzaam,
                   ((sum(uitstroom_sleutel) - sum(herinstroom_12m_sleutel)) % 4294967296 + 4294967296)::bigint
                       % 4294967296 as duurzaam_sleutel
            from marts.mart_klantstroom where {where} group by all order by maand""",
        params,
    )
    frame = frame.with_columns(
        # The first month has no month before it: its flows are unknown (NULL), not hidden.
        pl.col("instroom").is_not_null().alias("stromen_bekend"),
        pl.col("herinstroom_6m").is_not_null().alias("herinstroom_6m_bekend"),
        pl.col("herinstroom_12m").is_not_null().alias("herinstroom_12m_bekend"),
    )
    minimum = drempel()
    if celsleutel.aan():
        frame = verberg(frame, [*tellers, "duurzaam"], sleutels={k: f"{k}_sleutel" for k in (*tellers, "duurzaam")})
        # From the published counts, hidden when the outflow, its returners or its durable part is hidden.
        uit, terug, duurzaam = pl.col("uitstroom"), pl.col("herinstroom_12m"), pl.col("duurzaam")
        pct = pl.when((uit > 0) & terug.is_not_null() & duurzaam.is_not_null())
        frame = frame.with_columns(pct.then((100 * duurzaam / uit).round(1)).alias("duurzame_uitstroom_pct"))
        return frame.drop("duurzaam")
    # Without the cell key: per-table suppression with partners.
    frame = frame.drop([f"{k}_sleutel" for k in (*tellers, "duurzaam")], "duurzaam").with_columns(
        pl.when(pl.col("uitstroom") >= minimum)
        .then((100 * (pl.col("uitstroom") - pl.col("herinstroom_12m")) / pl.col("uitstroom")).round(1))
        .alias("duurzame_uitstroom_pct"),
    )
    herinstroom = pl.col("herinstroom_12m")
    frame = verberg_aandeel(frame, "duurzame_uitstroom_pct", [herinstroom, pl.col("uitstroom") - herinstroom])
    # In and out are hidden together: the change in bestand tells their difference.
    frame = verberg_rijen(frame, ["instroom", "uitstroom"])
    frame = verberg(frame, ["bestand", "uitstroom_werk", "herinstroom_6m", "herinstroom_12m"], groep=["maand"])
    return frame.with_columns(
        pl.when(pl.col("uitstroom").is_null() & pl.col("stromen_bekend"))
        .then(None)
        .otherwise(pl.col("duurzame_uitstroom_pct"))
        .alias("duurzame_uitstroom_pct")
    )


def _plaatsingen_where(f: Filters) -> tuple[str, list[object]]:
    """The selection's conditions on mart_plaatsingen, after the access check every placement question needs."""
    _toegang.gemeente(f.gemeente)
    where, params = f.cel(doelgroep=False)
    # Any of the chosen doelgroepen just before the start; "Jongeren onder 27" by age at the start.
    clause, extra = f.doelgroep_sql()
    where += f" and {clause}"
    params += extra
    return where, params


def plaatsingen_per(f: Filters, dimensie: str) -> pl.DataFrame:
    """Placements begun in the period, per soort, sector or employer."""
    where, params = _plaatsingen_where(f)
    frame = read(
        f"""select {DIMENSIES[dimensie]} as {dimensie}, count(*) as plaatsingen,
                   count(distinct persoon_id) as personen
            from marts.mart_plaatsingen
            where {where} and begindatum between ? and ?
            group by all order by plaatsingen desc, {dimensie}""",
        [*params, f.begin, f.peildatum],
    )
    return verberg(frame, ["plaatsingen", "personen"])


def loonwaarde(f: Filters) -> pl.DataFrame:
    """Placements with a loonwaarde begun in the period, per loonwaarde band of 10 points."""
    where, params = _plaatsingen_where(f)
    frame = read(
        f"""select least(loonwaarde_pct // 10 * 10, 90)::integer as loonwaarde_van, count(*) as plaatsingen
            from marts.mart_plaatsingen
            where {where} and loonwaarde_pct is not null
                and begindatum between ? and ?
            group by all order by loonwaarde_van""",
        [*params, f.begin, f.peildatum],
    )
    return verberg(frame, ["plaatsingen"])


def duurzaamheid(f: Filters) -> pl.DataFrame:
    """Per start month: placements, and of those whose 6 / 12 months have passed, how many still work."""
    where, params = _plaatsingen_where(f)
    frame = read(
        f"""select date_trunc('month', begindatum)::date as maand, count(*) as plaatsingen,
                   count(duurzaam_6m) as bekend_6m, count(*) filter (where duurzaam_6m) as duurzaam_6m,
                   count(duurzaam_12m) as bekend_12m, count(*) filter (where duurzaam_12m) as duurzaam_12m
            from marts.mart_plaatsingen
            where {where} and begindatum <= ? and begindatum > ? - interval 36 month
            group by all order by maand""",
        [*params, f.peildatum, f.peildatum],
    )
    minimum = drempel()
    frame = frame.with_columns(
        pl.when(pl.col("bekend_6m") >= minimum)
        .then((100 * pl.col("duurzaam_6m") / pl.col("bekend_6m")).round(1))
        .alias("duurzaam_6m_pct"),
        pl.when(pl.col("bekend_12m") >= minimum)
        .then((100 * pl.col("duurzaam_12m") / pl.col("bekend_12m")).round(1))
        .alias("duurzaam_12m_pct"),
    )
    for m in ("6m", "12m"):
        durable = pl.col(f"duurzaam_{m}")
        frame = verberg_aandeel(frame, f"duurzaam_{m}_pct", [durable, pl.col(f"bekend_{m}") - durable])
    return verberg(frame, ["plaatsingen", "bekend_6m", "duurzaam_6m", "bekend_12m", "duurzaam_12m"], groep=["maand"])


def plaatsingen_per_maand(f: Filters) -> pl.DataFrame:
    """Placements begun per month (all months of the monitor) for the selection."""
    where, params = _plaatsingen_where(f)
    frame = read(
        f"""select date_trunc('month', begindatum)::date as maand, count(*) as plaatsingen
            from marts.mart_plaatsingen
            where {where} and begindatum <= ? and begindatum > ? - interval 36 month
            group by all order by maand""",
        [*params, f.peildatum, f.peildatum],
    )
    return verberg(frame, ["plaatsingen"])
