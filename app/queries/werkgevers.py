"""Questions of the employers and pact page (mart_werkgevers, mart_sroi_contracten)."""

from __future__ import annotations

import polars as pl

from app.privacy import verberg, verberg_aandeel
from app.queries import _toegang
from app.queries._db import read


def pacten() -> pl.DataFrame:
    """Per pact: members, committed places, placements since joining, realisation."""
    return read(
        """select pact, count(*) as leden, sum(toezegging_plekken)::bigint as toezegging_plekken,
                  sum(plekken_bezet)::bigint as gerealiseerd,
                  sum(plaatsingen_lopend)::bigint as plaatsingen_lopend
           from marts.mart_werkgevers where pact is not null group by pact order by pact"""
    ).with_columns((100 * pl.col("gerealiseerd") / pl.col("toezegging_plekken")).round(1).alias("realisatie_pct"))


def werkgevers(gemeente: str | None, zoek: str = "", alleen_pact: bool = False) -> pl.DataFrame:
    """Employers (optionally of one municipality, matching a search text), placement counts hidden when small."""
    _toegang.gemeente(gemeente)
    frame = read(
        """select kvk, werkgever, sbi_sector, vestigingsgemeente, pact, sociale_onderneming, toezegging_plekken,
                  plaatsingen_lopend, plaatsingen_totaal, plaatsingen_sinds_toetreding, plekken_bezet,
                  realisatie_toezegging_pct,
                  sroi_verplichting_eur, sroi_gerealiseerd_eur
           from marts.mart_werkgevers
           where (?::varchar is null or vestigingsgemeente = ?::varchar)
               and (? = '' or werkgever ilike '%' || ? || '%' or kvk = ?)
               and (not ? or pact is not null)
           order by plaatsingen_totaal desc, werkgever""",
        [gemeente, gemeente, zoek, zoek, zoek, alleen_pact],
    )
    bezet = pl.col("plekken_bezet")
    frame = verberg_aandeel(frame, "realisatie_toezegging_pct", [bezet, pl.col("toezegging_plekken") - bezet])
    return verberg(frame, ["plaatsingen_lopend", "plaatsingen_totaal", "plaatsingen_sinds_toetreding", "plekken_bezet"])


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


def sroi_contracten() -> pl.DataFrame:
    """SROI contracts with obligation, realisation and whether they are on track."""
    return read(
        """select contract_id, werkgever, omschrijving, contractwaarde_eur, sroi_pct, begindatum, einddatum,
                  verplichting_eur, gerealiseerd_eur, realisatie_pct, verstreken_pct, op_koers, peildatum
           from marts.mart_sroi_contracten order by einddatum, contract_id"""
    )
