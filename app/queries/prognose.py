"""Questions of the page Prognoses & scenario's: the series the prognoses (app/prognose.py) start from.

The caseload, the goals and the Wsw stock are read as they are published (cell key or suppression), so a prognosis
is made from published figures only. The one exception is the Wsw survival table (mart_wsw_verblijf): the model
needs who left when; it goes into the fit only and the page never shows it (docs/decisions.md, issue 14).
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import polars as pl

from app.privacy import verberg
from app.queries import _toegang, stroom, wsw
from app.queries._db import read
from app.selectie import Filters, plus_maanden
from semon.codelists import codelijst

# The TNO scenarios for the social economy (2020, seeds): the loonwaarde band of the people each one serves.
TNO_SCENARIOS: dict[str, tuple[str, int, int]] = {
    "SOCIAAL_ONDERNEMEN": ("Sociaal ondernemen", 20, 60),
    "REGULIER": ("Regulier (met quotum van 5 %)", 50, 80),
    "PUBLIEK_PRIVAAT": ("Publiek-privaat", 40, 70),
    "PUBLIEK": ("Publiek", 20, 90),
}


def bestand_per_doelgroep(f: Filters) -> pl.DataFrame:
    """The Werkplein caseload (bestand) per month up to the chosen month, per regeling and for all regelingen
    (WERKPLEIN), as the page Plaatsingen & uitstroom publishes it (cell key): columns maand, doelgroep, bestand."""
    delen = []
    for code in ("ALLE", *codelijst("regeling")):
        keuze = dataclasses.replace(f, doelgroepen=() if code == "ALLE" else (code,))
        frame = stroom.klantstroom(keuze)
        if frame.is_empty():
            continue
        delen.append(
            frame.filter(pl.col("maand") <= f.eind).select(
                "maand", pl.lit("WERKPLEIN" if code == "ALLE" else code).alias("doelgroep"), "bestand"
            )
        )
    if not delen:
        return pl.DataFrame(schema={"maand": pl.Date, "doelgroep": pl.String, "bestand": pl.Int64})
    return pl.concat(delen)


def doelen_reeks(gemeente: str | None, peildatum: dt.date) -> pl.DataFrame:
    """Every month end up to `peildatum` of the goals' realisation, published as on the Overzicht (cell key)."""
    _toegang.gemeente(gemeente)
    frame = read(
        """select gemeentecode, strategisch_doel, variant, doel_omschrijving, doel, peildatum, gerealiseerd,
                  periode_begin, periode_einde, sleutel
           from marts.mart_doelen
           where (?::varchar is null or gemeentecode = ?::varchar) and peildatum <= ?
           order by gemeentecode, strategisch_doel, variant, peildatum""",
        [gemeente, gemeente, peildatum],
    )
    # By the cell key, as the Overzicht publishes the same cells: the same month gets the same number on both pages.
    return verberg(frame, ["gerealiseerd"], groep=["peildatum"], sleutels={"gerealiseerd": "sleutel"})


def wsw_verblijf(f: Filters) -> pl.DataFrame:
    """The Wsw stays of the selection (mart_wsw_verblijf) per SW-bedrijf: first and last month end and how many
    people; for the survival fit only, never to be shown."""
    _toegang.gemeente(f.gemeente)
    where, params = f.cel(doelgroep=False, persoon=False)
    return read(
        f"""select sw_bedrijf, eerste_peildatum, laatste_peildatum, nieuwste_peildatum,
                   sum(personen)::bigint as personen
            from marts.mart_wsw_verblijf where {where} group by all
            order by sw_bedrijf, eerste_peildatum, laatste_peildatum""",
        params,
    )


def wsw_verblijf_twente() -> pl.DataFrame:
    """The Wsw stays of all of Twente together: the blijfkansen an SW organisation with few leavers is projected with.
    Open to every role: only the fitted curve (two parameters over all 14 municipalities) reaches the page, as a
    Twente total does in the benchmark."""
    return read(
        """select eerste_peildatum, laatste_peildatum, nieuwste_peildatum, sum(personen)::bigint as personen
           from marts.mart_wsw_verblijf group by all order by eerste_peildatum, laatste_peildatum"""
    )


def wsw_stand(f: Filters) -> pl.DataFrame:
    """The Wsw employees per SW-bedrijf at the chosen month end, as the WSW page publishes them."""
    return wsw.werknemers(f, "sw_bedrijf").select("sw_bedrijf", "personen")


def loonwaarde_banden(f: Filters) -> pl.DataFrame:
    """Per TNO scenario: the people placed in the 12 months up to the chosen month with a loonwaarde inside its band
    (both ends included), and all people placed with a loonwaarde then; each a count of people by its cell key."""
    _toegang.gemeente(f.gemeente)
    where, params = f.cel(doelgroep=False)
    clause, extra = f.doelgroep_sql()
    where += f" and {clause}"
    params += extra
    banden = {code: (van, tot) for code, (_, van, tot) in TNO_SCENARIOS.items()}
    alle_banden = {**banden, "ALLE": (0, 100)}
    # Per person first (a person counts once in a band, whatever number of placements), so each band's cell key is the
    # key of exactly its set of people.
    vlaggen = ", ".join(
        f"bool_or(loonwaarde_pct between {int(van)} and {int(tot)}) as in_{code.lower()}"
        for code, (van, tot) in alle_banden.items()
    )
    kolommen = ", ".join(
        f"count(*) filter (where in_{c})::bigint as {c}, "
        f"(coalesce(sum(sleutel) filter (where in_{c}), 0) % 4294967296)::bigint as {c}_sleutel"
        for c in (code.lower() for code in alle_banden)
    )
    begin = plus_maanden(f.maand, -11)
    einde = f.peildatum
    frame = read(
        f"""with personen as (
                select persoon_id, any_value(persoon_sleutel) as sleutel, {vlaggen}
                from marts.mart_plaatsingen
                where {where} and loonwaarde_pct is not null and begindatum between ? and ?
                group by persoon_id
            )
            select {kolommen} from personen""",
        [*params, begin, einde],
    )
    tellers = [c.lower() for c in [*banden, "ALLE"]]
    frame = verberg(frame, tellers, sleutels={k: f"{k}_sleutel" for k in tellers})
    rij = frame.row(0, named=True)
    return pl.DataFrame(
        {
            "scenario": list(banden),
            "naam": [TNO_SCENARIOS[c][0] for c in banden],
            "loonwaarde_van": [v for v, _ in banden.values()],
            "loonwaarde_tot": [t for _, t in banden.values()],
            "personen": [rij[c.lower()] for c in banden],
            "personen_met_loonwaarde": [rij["alle"]] * len(banden),
        },
        schema_overrides={"personen": pl.Int64, "personen_met_loonwaarde": pl.Int64},
    ).with_columns(pl.lit(begin).alias("van"), pl.lit(einde).alias("tot"))
