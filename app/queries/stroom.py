"""Questions of the placements and outflow page (mart_klantstroom, mart_plaatsingen)."""

from __future__ import annotations

import polars as pl

from app import celsleutel
from app.privacy import binnen_geheel, deel_te_klein, drempel, verberg, verberg_aandeel, verberg_rijen
from app.queries import _toegang
from app.queries._db import read
from app.queries._kwartaal import per_kwartaal
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


def klantstroom(f: Filters, per: str = "maand") -> pl.DataFrame:
    """Bestand, instroom, uitstroom (to work) and herinstroom per month (or per quarter: `per="kwartaal"`, where a
    small municipality's months are mostly hidden), for Werkplein doelgroepen only; each count published by its cell
    key, the durable share from the published counts."""
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
    if per == "kwartaal":  # the flows summed, the bestand of the quarter's last month
        frame = per_kwartaal(frame, [k for k in (*tellers, "duurzaam") if k != "bestand"], laatste=["bestand"])
    frame = frame.with_columns(
        # The first month has no month before it: its flows are unknown (NULL), not hidden.
        pl.col("instroom").is_not_null().alias("stromen_bekend"),
        pl.col("herinstroom_6m").is_not_null().alias("herinstroom_6m_bekend"),
        pl.col("herinstroom_12m").is_not_null().alias("herinstroom_12m_bekend"),
    )
    minimum = drempel()
    if celsleutel.aan():
        frame = verberg(frame, [*tellers, "duurzaam"], sleutels={k: f"{k}_sleutel" for k in (*tellers, "duurzaam")})
        delen = {"uitstroom_werk": "uitstroom", "herinstroom_12m": "uitstroom", "duurzaam": "uitstroom"}
        frame = binnen_geheel(frame, delen)
        # Herinstroom within 6 months is known 6 months before the 12: a null 12 there is not yet known, not hidden.
        frame = binnen_geheel(frame, {"herinstroom_6m": "herinstroom_12m"}, bekend="herinstroom_12m_bekend")
        # From the published counts, hidden when the outflow, its returners or its durable part is hidden, or is
        # none (a published count is 0 or at least the threshold): a share of none or all, as the indicator's.
        uit, terug, duurzaam = pl.col("uitstroom"), pl.col("herinstroom_12m"), pl.col("duurzaam")
        ten_minste = 1 if minimum > 1 else 0  # a threshold of 1 hides nothing, none either
        pct = pl.when((uit > 0) & (terug >= ten_minste) & (duurzaam >= ten_minste))
        frame = frame.with_columns(pct.then((100 * duurzaam / uit).round(1)).alias("duurzame_uitstroom_pct"))
        return frame.drop("duurzaam")
    # Without the cell key: per-table suppression with partners.
    frame = frame.drop([f"{k}_sleutel" for k in (*tellers, "duurzaam")], "duurzaam").with_columns(
        pl.when(pl.col("uitstroom") >= minimum)
        .then((100 * (pl.col("uitstroom") - pl.col("herinstroom_12m")) / pl.col("uitstroom")).round(1))
        .alias("duurzame_uitstroom_pct"),
    )
    herinstroom = pl.col("herinstroom_12m")
    frame = verberg_aandeel(
        frame, "duurzame_uitstroom_pct", [herinstroom, pl.col("uitstroom") - herinstroom], ook_geen=True
    )
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


def overige_werkgevers() -> str:
    """The one row the employers with fewer than the threshold of people placed are merged into."""
    return f"Overige werkgevers (elk minder dan {drempel()} mensen)"


def _sleutel(voorwaarde: str = "true", kolom: str = "sleutel") -> str:
    """The cell key of the counted rows meeting `voorwaarde`: their record keys summed modulo 2^32."""
    return f"(coalesce(sum({kolom}) filter (where {voorwaarde}), 0) % 4294967296)::bigint"


def plaatsingen_per(f: Filters, dimensie: str) -> pl.DataFrame:
    """Placements begun in the period, and the distinct people placed, per soort, sector or employer; published
    by cell key (placements by their keys, people by the keys of the distinct persons).

    An employer is a unit of its own: a row for an employer with a few people placed would point at them, so
    employers with fewer people than the threshold are merged into one row (overige_werkgevers()), whose counts
    are those of their union."""
    where, params = _plaatsingen_where(f)
    klein = drempel() if dimensie == "werkgever" else 0
    frame = read(
        f"""with basis as (
                select {DIMENSIES[dimensie]} as groep, persoon_id, sleutel, persoon_sleutel
                from marts.mart_plaatsingen
                where {where} and begindatum between ? and ?
            ),
            klein as (select groep from basis group by groep having count(distinct persoon_id) < ?),
            rijen as (
                select case when groep in (select groep from klein) then ? else groep end as groep,
                       persoon_id, sleutel, persoon_sleutel
                from basis
            ),
            per_plaatsing as (
                select groep, count(*) as plaatsingen, {_sleutel()} as plaatsingen_sleutel from rijen group by groep
            ),
            per_persoon as (
                select groep, count(*) as personen, {_sleutel(kolom="persoon_sleutel")} as personen_sleutel
                from (select distinct groep, persoon_id, persoon_sleutel from rijen) group by groep
            )
            select groep as {dimensie}, plaatsingen, plaatsingen_sleutel, personen, personen_sleutel
            from per_plaatsing inner join per_persoon using (groep)""",
        [*params, f.begin, f.peildatum, klein, overige_werkgevers()],
    )
    frame = verberg(
        frame,
        ["plaatsingen", "personen"],
        sleutels={"plaatsingen": "plaatsingen_sleutel", "personen": "personen_sleutel"},
    )
    frame = binnen_geheel(frame, {"personen": "plaatsingen"})  # each placement has one person
    # Ordered by the published counts (the true order would tell two equal published counts apart), the merged
    # employers last.
    return frame.sort(
        [pl.col(dimensie) == overige_werkgevers(), "plaatsingen", dimensie],
        descending=[False, True, False],
        nulls_last=True,
    )


def loonwaarde(f: Filters) -> pl.DataFrame:
    """Placements with a loonwaarde begun in the period, per loonwaarde band of 10 points, published by cell key."""
    where, params = _plaatsingen_where(f)
    frame = read(
        f"""select least(loonwaarde_pct // 10 * 10, 90)::integer as loonwaarde_van, count(*) as plaatsingen,
                   {_sleutel()} as sleutel
            from marts.mart_plaatsingen
            where {where} and loonwaarde_pct is not null
                and begindatum between ? and ?
            group by all order by loonwaarde_van""",
        [*params, f.begin, f.peildatum],
    )
    return verberg(frame, ["plaatsingen"], sleutels={"plaatsingen": "sleutel"})


DUURZAAM_TELLINGEN = {
    "plaatsingen": "true",
    "bekend_6m": "duurzaam_6m is not null",
    "duurzaam_6m": "duurzaam_6m",
    "bekend_12m": "duurzaam_12m is not null",
    "duurzaam_12m": "duurzaam_12m",
}


def duurzaamheid_verborgen(per: str = "maand") -> str:
    """Which start months (or quarters) the durability shares leave out, and why (under the chart and in the council
    report)."""
    return (
        f"Een start{per} waarin minder dan {drempel()} mensen nog, of minder dan {drempel()} niet meer, aan het werk "
        "waren, staat er niet bij: het aandeel zou die mensen aanwijzen."
    )


def duurzaamheid(f: Filters, per: str = "maand") -> pl.DataFrame:
    """Per start month (or quarter, `per="kwartaal"`: a municipality's months hold a few jobs each): placements in paid
    work, and of those whose 6 / 12 months have passed, how many still work; counts published by cell key (a quarter's
    the sum of its months' keys), the shares computed from the published counts. A trial, learning or activation
    placement is a step towards work, not work: counted in, it read as a job that did not last (a learning place or
    klimopbaan still runs at 6 months), so the share a wethouder quotes as "jobs that last" fell from about 83 % to
    under half on the demo data."""
    where, params = _plaatsingen_where(f)
    where += " and betaald_werk"
    kolommen = ",\n".join(
        f"count(*) filter (where {voorwaarde}) as {naam}, {_sleutel(voorwaarde)} as {naam}_sleutel"
        for naam, voorwaarde in DUURZAAM_TELLINGEN.items()
    )
    frame = read(
        f"""select date_trunc('month', begindatum)::date as maand, {kolommen}
            from marts.mart_plaatsingen
            where {where} and begindatum <= ? and begindatum > ? - interval 36 month
            group by all order by maand""",
        [*params, f.peildatum, f.peildatum],
    )
    if per == "kwartaal":
        frame = per_kwartaal(frame, list(DUURZAAM_TELLINGEN))
    minimum = drempel()
    # A share whose part that lasted or did not is a few placements gives them away; so does a part of none (0 or
    # 100 %: of every one of them it says whether they still work). Hiding only the few left a small municipality's
    # chart with just its months at 0 % (Hengelo, where about 40 % lasted). Hidden too: a share whose count is
    # hidden. Decided on the true counts, before they are published.
    verbergen = {
        m: [deel_te_klein(d, b, minimum) for b, d in zip(frame[f"bekend_{m}"], frame[f"duurzaam_{m}"], strict=True)]
        for m in ("6m", "12m")
    }
    frame = verberg(
        frame, list(DUURZAAM_TELLINGEN), groep=["maand"], sleutels={k: f"{k}_sleutel" for k in DUURZAAM_TELLINGEN}
    )
    delen = {"bekend_6m": "plaatsingen", "duurzaam_6m": "bekend_6m", "bekend_12m": "plaatsingen"}
    frame = binnen_geheel(frame, {**delen, "duurzaam_12m": "bekend_12m"})
    for m, verborgen in verbergen.items():
        bekend, duurzaam = pl.col(f"bekend_{m}"), pl.col(f"duurzaam_{m}")
        frame = frame.with_columns(
            pl.when(~pl.lit(pl.Series(verborgen, dtype=pl.Boolean)) & (bekend >= minimum) & duurzaam.is_not_null())
            .then((100 * duurzaam / bekend).round(1))
            .alias(f"duurzaam_{m}_pct")
        )
    return frame


def _zonder_aandeel(duurzaam: pl.DataFrame) -> float:
    """The share of the start months (or quarters) with placements whose 6 months have passed that show no share."""
    bekend = duurzaam.filter(pl.col("bekend_6m").ne_missing(0))
    return bekend["duurzaam_6m_pct"].null_count() / max(1, bekend.height)


def duurzaamheid_zonder_aandeel(f: Filters) -> tuple[float, float, bool]:
    """How many start months and how many start quarters show no share, and whether the quarters show what the months
    hide: more than half the months hidden and the quarters showing a share of at least twice as large a part of
    theirs. The few months then left are those with at least the threshold of jobs that did not last, so they read
    lower than the whole (Hengelo's one month at 55 % where its quarters read 57-88 %). The page points to the
    quarters then; the council report takes them. What is shown is compared, not what is hidden: months 97 % hidden
    against quarters 55 % is one month's share against five quarters'."""
    per_maand, per_kwartaal = _zonder_aandeel(duurzaamheid(f)), _zonder_aandeel(duurzaamheid(f, "kwartaal"))
    getoond_maand, getoond_kwartaal = 1 - per_maand, 1 - per_kwartaal
    return per_maand, per_kwartaal, per_maand > 0.5 and getoond_kwartaal > 0 and getoond_kwartaal >= 2 * getoond_maand


def plaatsingen_per_maand(f: Filters) -> pl.DataFrame:
    """Placements begun per month (all months of the monitor) for the selection, published by cell key."""
    where, params = _plaatsingen_where(f)
    frame = read(
        f"""select date_trunc('month', begindatum)::date as maand, count(*) as plaatsingen, {_sleutel()} as sleutel
            from marts.mart_plaatsingen
            where {where} and begindatum <= ? and begindatum > ? - interval 36 month
            group by all order by maand""",
        [*params, f.peildatum, f.peildatum],
    )
    return verberg(frame, ["plaatsingen"], sleutels={"plaatsingen": "sleutel"})
