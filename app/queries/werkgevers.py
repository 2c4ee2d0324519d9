"""Questions of the employers and pact page (mart_werkgevers, mart_sroi_contracten)."""

from __future__ import annotations

import datetime as dt

import polars as pl

from app.privacy import verberg, verberg_aandeel
from app.queries import _toegang
from app.queries._db import read


def pacten(gemeente: str | None, maand: dt.date) -> pl.DataFrame:
    """Per pact, for the pact employers of a municipality (or all): members now, and the places committed and
    filled at the end of `maand` (the pact cells of mart_indicator_cellen: the same numbers as the indicator)."""
    _toegang.gemeente(gemeente)
    frame = read(
        """with plekken as (
               select onderdeel as pact,
                      sum(aantal) filter (where maat = 'pact_toezegging')::bigint as toezegging_plekken,
                      sum(aantal) filter (where maat = 'pact_bezet')::bigint as gerealiseerd
               from marts.mart_indicator_cellen
               where maat in ('pact_toezegging', 'pact_bezet') and maand = ?
                   and (?::varchar is null or gemeentecode = ?::varchar)
               group by all
           ),
           leden as (
               select pact, count(*) as leden from marts.mart_werkgevers
               where pact is not null and (?::varchar is null or vestigingsgemeente = ?::varchar)
               group by pact
           )
           select pact, leden.leden, coalesce(toezegging_plekken, 0)::bigint as toezegging_plekken,
                  coalesce(gerealiseerd, 0)::bigint as gerealiseerd
           from leden left join plekken using (pact) order by pact""",
        [maand, gemeente, gemeente, gemeente, gemeente],
    )
    frame = frame.with_columns(
        pl.when(pl.col("toezegging_plekken") > 0)
        .then((100 * pl.col("gerealiseerd") / pl.col("toezegging_plekken")).round(1))
        .alias("realisatie_pct")
    )
    filled = pl.col("gerealiseerd")
    # Unfilled places are places, not people: only the filled ones (placements) are protected.
    frame = verberg_aandeel(frame, "realisatie_pct", [filled])
    return verberg(frame, ["gerealiseerd"], groep=["pact"])


def werkgevers(gemeente: str | None, zoek: str = "", alleen_pact: bool = False) -> pl.DataFrame:
    """Employers (optionally of one municipality, matching a search text), placement counts hidden when small."""
    _toegang.gemeente(gemeente)
    frame = read(
        """select kvk, werkgever, sbi_sector, vestigingsgemeente, pact, sociale_onderneming, toezegging_plekken,
                  plaatsingen_lopend, plaatsingen_totaal, plaatsingen_sinds_toetreding, plekken_bezet,
                  realisatie_toezegging_pct,
                  round(sroi_verplichting_eur)::bigint as sroi_verplichting_eur,
                  round(sroi_gerealiseerd_eur)::bigint as sroi_gerealiseerd_eur
           from marts.mart_werkgevers
           where (?::varchar is null or vestigingsgemeente = ?::varchar)
               and (? = '' or werkgever ilike '%' || ? || '%' or kvk = ?)
               and (not ? or pact is not null)
           order by plaatsingen_totaal desc, werkgever""",
        [gemeente, gemeente, zoek, zoek, zoek, alleen_pact],
    )
    bezet = pl.col("plekken_bezet")
    frame = verberg_aandeel(frame, "realisatie_toezegging_pct", [bezet])
    frame = verberg(
        frame, ["plaatsingen_lopend", "plaatsingen_totaal", "plaatsingen_sinds_toetreding", "plekken_bezet"]
    )
    # A share next to a count hidden as a partner would give that count back.
    return frame.with_columns(
        pl.when(pl.col("plekken_bezet").is_null())
        .then(None)
        .otherwise(pl.col("realisatie_toezegging_pct"))
        .alias("realisatie_toezegging_pct")
    )


def sociale_ondernemingen(gemeente: str | None) -> pl.DataFrame:
    """Social enterprises and the placements they took."""
    _toegang.gemeente(gemeente)
    frame = read(
        """select count(*) as ondernemingen, sum(plaatsingen_lopend)::bigint as plaatsingen_lopend,
                  sum(plaatsingen_totaal)::bigint as plaatsingen_totaal
           from marts.mart_werkgevers
           where sociale_onderneming and (?::varchar is null or vestigingsgemeente = ?::varchar)""",
        [gemeente, gemeente],
    )
    return verberg(frame, ["plaatsingen_lopend", "plaatsingen_totaal"])


def sroi_contracten(gemeente: str | None) -> pl.DataFrame:
    """SROI contracts of suppliers in a municipality (or all): obligation, realisation, and where each stands."""
    _toegang.gemeente(gemeente)
    return read(
        """select contract_id, werkgever, omschrijving, begindatum, einddatum, status,
                  round(verplichting_eur)::bigint as verplichting_eur,
                  round(gerealiseerd_eur)::bigint as gerealiseerd_eur,
                  realisatie_pct, verstreken_pct, op_koers, behaald, peildatum
           from marts.mart_sroi_contracten
           where ?::varchar is null or vestigingsgemeente = ?::varchar
           order by status = 'afgerond', einddatum, contract_id""",
        [gemeente, gemeente],
    )


def sroi_bouwblokken(gemeente: str | None) -> pl.DataFrame:
    """Per SROI contract (rows) the value realised per bouwblok (one column per bouwblok label), in whole euros."""
    _toegang.gemeente(gemeente)
    frame = read(
        """select blokken.contract_id, blokken.label, round(blokken.gerealiseerd_eur)::bigint as gerealiseerd_eur
           from marts.mart_sroi_bouwblokken as blokken
           inner join marts.mart_sroi_contracten as contracten using (contract_id)
           where (?::varchar is null or contracten.vestigingsgemeente = ?::varchar) and blokken.bouwblok <> 'GEEN'
           order by contracten.status = 'afgerond', contracten.einddatum, blokken.contract_id, blokken.bouwblok""",
        [gemeente, gemeente],
    )
    if frame.is_empty():
        return frame
    return frame.pivot(on="label", index="contract_id", values="gerealiseerd_eur", aggregate_function="sum").fill_null(
        0
    )
