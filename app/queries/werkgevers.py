"""Questions of the employers and pact page (mart_werkgevers, mart_sroi_contracten)."""

from __future__ import annotations

import datetime as dt

import polars as pl

from app import celsleutel
from app.privacy import drempel, verberg, verberg_aandeel
from app.queries import _toegang
from app.queries._db import read


def pacten(gemeente: str | None, maand: dt.date) -> pl.DataFrame:
    """Per pact, for the pact employers of a municipality (or all): members now, and the places committed and
    filled at the end of `maand` (the pact cells of mart_indicator_cellen: the same numbers as the indicator).
    Filled places are the placements filling them: published by their cell key, at most the commitment."""
    _toegang.gemeente(gemeente)
    frame = read(
        """with plekken as (
               select onderdeel as pact,
                      sum(aantal) filter (where maat = 'pact_toezegging')::bigint as toezegging_plekken,
                      sum(aantal) filter (where maat = 'pact_bezet')::bigint as gerealiseerd,
                      (sum(sleutel) filter (where maat = 'pact_bezet') % 4294967296)::bigint as gerealiseerd_sleutel
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
                  coalesce(gerealiseerd, 0)::bigint as gerealiseerd,
                  coalesce(gerealiseerd_sleutel, 0)::bigint as gerealiseerd_sleutel
           from leden left join plekken using (pact) order by pact""",
        [maand, gemeente, gemeente, gemeente, gemeente],
    )
    if not celsleutel.aan():  # the per-table rule of before, for tests of the arithmetic
        frame = frame.drop("gerealiseerd_sleutel").with_columns(_realisatie("gerealiseerd", "toezegging_plekken"))
        frame = verberg_aandeel(frame, "realisatie_pct", [pl.col("gerealiseerd")])
        return verberg(frame, ["gerealiseerd"], groep=["pact"])
    # Unfilled places are places, not people: only the filled ones (placements) are protected.
    frame = _bezet(frame, "gerealiseerd", "toezegging_plekken")
    return frame.with_columns(_realisatie("gerealiseerd", "toezegging_plekken"))


def _bezet(frame: pl.DataFrame, bezet: str, toezegging: str) -> pl.DataFrame:
    """Filled places published by the cell key of the placements filling them (hidden when few), at most the
    commitment: a perturbed count above it would claim more places than were promised."""
    frame = verberg(frame, [bezet], sleutels={bezet: f"{bezet}_sleutel"})
    capped = pl.when(pl.col(bezet) > pl.col(toezegging)).then(pl.col(toezegging)).otherwise(pl.col(bezet))
    return frame.with_columns(capped.alias(bezet))


def _realisatie(bezet: str, toezegging: str, naam: str = "realisatie_pct") -> pl.Expr:
    """Filled ÷ committed places, from the published filled places (hidden with them); none without a commitment."""
    return (
        pl.when(pl.col(toezegging) > 0)
        .then((100 * pl.col(bezet) / pl.col(toezegging)).round(1))
        .otherwise(None)
        .alias(naam)
    )


PLAATSINGEN = ["plaatsingen_lopend", "plaatsingen_totaal", "plaatsingen_sinds_toetreding"]


def _bedrag(frame: pl.DataFrame, bedrag: str, aantal: str, sleutel: str) -> pl.DataFrame:
    """An amount beside a count of placements, published with that count's cell key (hidden with a small count);
    the count and key columns are dropped."""
    minimum = drempel()
    waarden = [
        celsleutel.publiceer_bedrag(b, n, k, minimum)
        for b, n, k in zip(frame[bedrag], frame[aantal], frame[sleutel], strict=True)
    ]
    return frame.with_columns(pl.Series(bedrag, [None if w is None else round(w) for w in waarden], dtype=pl.Int64))


def _verborgen_plaatsingen(rijen: list[tuple[object, int, int]]) -> dict[object, int]:
    """Per whole (the first of each row: whole, placements, key): the placements of its parts whose amount is hidden
    (a part of no placements is € 0, shown)."""
    minimum = drempel()
    verborgen: dict[object, int] = {}
    for geheel, aantal, sleutel in rijen:
        if aantal and celsleutel.publiceer(aantal, sleutel, minimum) is None:
            verborgen[geheel] = verborgen.get(geheel, 0) + aantal
    return verborgen


def _te_weinig(verborgen: int) -> bool:
    """Hidden parts together this few placements: a whole shown beside its other parts gives their amount back, and
    a bouwblok's fixed value then tells what those one to four people are (a stage, someone from the register)."""
    return 0 < verborgen < drempel()


def werkgevers(gemeente: str | None, zoek: str = "", alleen_pact: bool = False) -> pl.DataFrame:
    """Employers (optionally of one municipality, matching a search text): placement counts published by cell key,
    SROI realised as an amount beside its placements. The rows are the register's employers, whatever they took."""
    _toegang.gemeente(gemeente)
    sleutels = ", ".join(f"{k}_sleutel" for k in PLAATSINGEN)
    frame = read(
        f"""select kvk, werkgever, sbi_sector, vestigingsgemeente, pact, sociale_onderneming, toezegging_plekken,
                  plaatsingen_lopend, plaatsingen_totaal, plaatsingen_sinds_toetreding, plekken_bezet,
                  realisatie_toezegging_pct,
                  round(sroi_verplichting_eur)::bigint as sroi_verplichting_eur,
                  round(sroi_gerealiseerd_eur)::bigint as sroi_gerealiseerd_eur,
                  {sleutels}, plekken_bezet_sleutel, sroi_plaatsingen, sroi_sleutel
           from marts.mart_werkgevers
           where (?::varchar is null or vestigingsgemeente = ?::varchar)
               and (? = '' or werkgever ilike '%' || ? || '%' or kvk = ?)
               and (not ? or pact is not null)
           order by werkgever, kvk""",
        [gemeente, gemeente, zoek, zoek, zoek, alleen_pact],
    )
    frame = _bedrag(frame, "sroi_gerealiseerd_eur", "sroi_plaatsingen", "sroi_sleutel").drop(
        "sroi_plaatsingen", "sroi_sleutel"
    )
    # The contracts table shows each contract's amount: an employer's total minus its shown contracts must not give
    # back the amount of contracts hidden for their few placements. Then the employer's total is hidden.
    contracten = read("select kvk, plaatsingen, sleutel from marts.mart_sroi_contracten").rows()
    weinig = [kvk for kvk, n in _verborgen_plaatsingen(contracten).items() if _te_weinig(n)]
    frame = frame.with_columns(
        pl.when(pl.col("kvk").is_in(weinig))
        .then(None)
        .otherwise(pl.col("sroi_gerealiseerd_eur"))
        .alias("sroi_gerealiseerd_eur")
    )
    if celsleutel.aan():
        # Filled pact places are the placements filling them (at most the commitment): published by their own key.
        frame = verberg(frame, PLAATSINGEN, sleutels={k: f"{k}_sleutel" for k in PLAATSINGEN})
        frame = _bezet(frame, "plekken_bezet", "toezegging_plekken")
        frame = frame.with_columns(_realisatie("plekken_bezet", "toezegging_plekken", "realisatie_toezegging_pct"))
    else:  # the per-table rule of before, for tests of the arithmetic
        frame = frame.drop("plekken_bezet_sleutel")
        frame = verberg_aandeel(frame, "realisatie_toezegging_pct", [pl.col("plekken_bezet")])
        frame = verberg(frame, [*PLAATSINGEN, "plekken_bezet"], sleutels={k: f"{k}_sleutel" for k in PLAATSINGEN})
        # A share next to a count hidden as a partner would give that count back.
        frame = frame.with_columns(
            pl.when(pl.col("plekken_bezet").is_null())
            .then(None)
            .otherwise(pl.col("realisatie_toezegging_pct"))
            .alias("realisatie_toezegging_pct")
        )
    # Ordered by the published counts: the true order would tell two equal published counts apart.
    return frame.sort(["plaatsingen_totaal", "werkgever"], descending=[True, False], nulls_last=True)


def sociale_ondernemingen(gemeente: str | None) -> pl.DataFrame:
    """Social enterprises and the placements they took, published by cell key (the sum of their employers' keys)."""
    _toegang.gemeente(gemeente)
    frame = read(
        """select count(*) as ondernemingen, coalesce(sum(plaatsingen_lopend), 0)::bigint as plaatsingen_lopend,
                  coalesce(sum(plaatsingen_totaal), 0)::bigint as plaatsingen_totaal,
                  (coalesce(sum(plaatsingen_lopend_sleutel), 0) % 4294967296)::bigint as plaatsingen_lopend_sleutel,
                  (coalesce(sum(plaatsingen_totaal_sleutel), 0) % 4294967296)::bigint as plaatsingen_totaal_sleutel
           from marts.mart_werkgevers
           where sociale_onderneming and (?::varchar is null or vestigingsgemeente = ?::varchar)""",
        [gemeente, gemeente],
    )
    kolommen = ["plaatsingen_lopend", "plaatsingen_totaal"]
    return verberg(frame, kolommen, sleutels={k: f"{k}_sleutel" for k in kolommen})


def sroi_contracten(gemeente: str | None) -> pl.DataFrame:
    """SROI contracts of suppliers in a municipality (or all): obligation, realisation, and where each stands.

    What a contract realised is an amount beside its placements: published with their cell key (hidden when they
    are a few), and the realisation, on track and met are worked out from the published amount."""
    _toegang.gemeente(gemeente)
    frame = read(
        """select contract_id, werkgever, omschrijving, begindatum, einddatum, status,
                  round(verplichting_eur)::bigint as verplichting_eur,
                  round(gerealiseerd_eur)::bigint as gerealiseerd_eur,
                  verstreken_pct, verwacht_eur, peildatum, plaatsingen, sleutel
           from marts.mart_sroi_contracten
           where ?::varchar is null or vestigingsgemeente = ?::varchar
           order by status = 'afgerond', einddatum, contract_id""",
        [gemeente, gemeente],
    )
    frame = _bedrag(frame, "gerealiseerd_eur", "plaatsingen", "sleutel").drop("plaatsingen", "sleutel")
    gerealiseerd, verplichting = pl.col("gerealiseerd_eur"), pl.col("verplichting_eur")
    # What the judgement is against: the obligation due by now (running) or the whole obligation (ended). Within the
    # noise's reach of it the truth may lie on either side: no judgement then (`rond`), as for the contracts together.
    grens_eur = pl.when(pl.col("status") == "lopend").then(pl.col("verwacht_eur")).otherwise(verplichting)
    marge = gerealiseerd.map_elements(celsleutel.bedrag_marge, return_dtype=pl.Float64)
    rond = gerealiseerd.is_not_null() & ((gerealiseerd - grens_eur).abs() <= marge)
    oordeel = pl.when(rond).then(None).otherwise(gerealiseerd >= grens_eur)
    frame = frame.with_columns(
        pl.when(verplichting > 0).then((100 * gerealiseerd / verplichting).round(1)).alias("realisatie_pct"),
        pl.when(pl.col("status") == "lopend").then(oordeel).alias("op_koers"),
        pl.when(pl.col("status") == "afgerond").then(oordeel).alias("behaald"),
        (rond & pl.col("status").is_in(["lopend", "afgerond"])).alias("rond"),
    )
    return frame.select(
        "contract_id", "werkgever", "omschrijving", "begindatum", "einddatum", "status", "verplichting_eur",
        "gerealiseerd_eur", "realisatie_pct", "verstreken_pct", "op_koers", "behaald", "rond", "peildatum",
    )  # fmt: skip


# A group's total is not shown where the noise can move it by more than this share of what was due (or realised).
ONZEKER = 0.10


def _los_te_halen(verborgen: pl.DataFrame, gemeente: str) -> bool:
    """Whether a municipality's hidden contracts (`verborgen`, with kvk and plaatsingen) hold a few placements that a
    total of them minus what else is shown would give back. Within a municipality the only other amounts over them are
    the employers' (an employer shown leaves hidden beside it none or at least the threshold, `werkgevers`), so that
    remainder is the hidden contracts of employers whose amount is hidden too. Twente is not asked: it is the
    municipalities' totals and the contracts of employers of no known municipality together, and always gets the
    magnitude method, so a municipality's total cannot be had as Twente minus the others."""
    getoond = werkgevers(gemeente).filter(pl.col("sroi_gerealiseerd_eur").is_not_null())["kvk"]
    return _te_weinig(int(verborgen.filter(~pl.col("kvk").is_in(getoond.implode()))["plaatsingen"].sum()))


def sroi_samen(gemeente: str | None) -> pl.DataFrame:
    """The SROI contracts together (groep `alle`) and those whose own amount is hidden (`verborgen`: a few
    placements each, or a count that reads below the threshold): how many, their obligation, what was due by the
    peildatum (the obligation times the share of the period passed; all of it for an ended contract), what they
    realised, that as a share of what was due, and whether that is on track (`op_koers`; `rond` where the noise
    could put the truth on either side of what was due, so neither is said). A total the noise could move by more
    than a tenth is not shown (`onzeker`): with a handful of placements one placement's value is that much.

    Most contracts hold fewer than 5 placements, so without this the section's judgement reads "—" for most. A
    group's amount is published as the contracts' are (moved by 2 % per unit of its count's noise) where nothing
    shown beside it splits off a few hidden placements (`_los_te_halen`); else, and always for Twente, by the
    magnitude method (moved by up to the largest hidden placement's value, as instrument costs are): the whole minus
    what is shown beside it then carries noise of up to any hidden placement's value, so it cannot give a hidden
    contract back."""
    _toegang.gemeente(gemeente)
    frame = read(
        """select kvk, plaatsingen, sleutel, verplichting_eur::double as verplichting_eur,
                  verwacht_eur::double as verwacht_eur, gerealiseerd_eur::double as gerealiseerd_eur,
                  grootste_eur::double as grootste_eur
           from marts.mart_sroi_contracten
           where ?::varchar is null or vestigingsgemeente = ?::varchar""",
        [gemeente, gemeente],
    )
    minimum = drempel()
    paren = zip(frame["plaatsingen"], frame["sleutel"], strict=True)
    verborgen = pl.Series([n > 0 and celsleutel.publiceer(n, k, minimum) is None for n, k in paren], dtype=pl.Boolean)
    # The noise protects the hidden placements: scaled to the largest of them (none hidden: the 2 % of a shown amount).
    grootste = frame.filter(verborgen)["grootste_eur"].max()
    if gemeente is not None and grootste is not None and not _los_te_halen(frame.filter(verborgen), gemeente):
        grootste = None
    rijen = []
    for groep, deel in (("alle", frame), ("verborgen", frame.filter(verborgen))):
        plaatsingen = int(deel["plaatsingen"].sum())
        sleutel = int(deel["sleutel"].sum()) % celsleutel.MODULUS
        bedrag = celsleutel.publiceer_bedrag(deel["gerealiseerd_eur"].sum(), plaatsingen, sleutel, minimum, grootste)
        verwacht = int(round(deel["verwacht_eur"].sum(), -2))  # to € 100, as the amounts beside it
        marge = None if bedrag is None else celsleutel.bedrag_marge(bedrag, grootste)
        # Noise of one placement on a handful is a large part: such a total would be quoted, not read as a guess.
        onzeker = grootste is not None and marge is not None and marge > ONZEKER * max(verwacht, bedrag)
        if onzeker:
            bedrag = None
        bekend = bedrag is not None and verwacht > 0
        # Within the noise's reach of what was due the truth may lie on either side: no judgement, "rond" instead.
        rond = bekend and abs(bedrag - verwacht) <= marge
        rijen.append(
            {
                "groep": groep,
                "contracten": deel.height,
                "verplichting_eur": round(deel["verplichting_eur"].sum()),
                "verwacht_eur": verwacht,
                "gerealiseerd_eur": None if bedrag is None else round(bedrag),
                "realisatie_pct": round(100 * bedrag / verwacht, 1) if bekend else None,
                "op_koers": bedrag >= verwacht if bekend and not rond else None,
                "rond": rond,
                "onzeker": onzeker,
                # How it was moved (not shown; the attack test reads it): by the count's noise, or by a placement.
                "ruis": "aantal" if grootste is None else "grootste",
            }
        )
    schema = {"gerealiseerd_eur": pl.Int64, "realisatie_pct": pl.Float64, "op_koers": pl.Boolean}
    return pl.DataFrame(rijen, schema_overrides=schema)


def _niet_alleen_verborgen(blokken: pl.DataFrame) -> pl.DataFrame:
    """A contract's bouwblokken when those hidden hold 1 to threshold − 1 placements together: its amount (shown in
    the contracts table) minus the shown blocks would give theirs back, so the shown block with the fewest placements
    (the first in the table's order among equals) is hidden too; together they then hold at least the threshold."""
    verborgen = _verborgen_plaatsingen(
        [(r["contract_id"], r["plaatsingen"], r["sleutel"]) for r in blokken.iter_rows(named=True)]
    )
    extra: set[tuple[str, str]] = set()
    for contract, aantal in verborgen.items():
        if _te_weinig(aantal):
            getoond = blokken.filter(pl.col("contract_id") == contract, pl.col("plaatsingen") > 0).drop_nulls(
                "gerealiseerd_eur"
            )
            if not getoond.is_empty():
                kleinste = getoond.sort("plaatsingen", maintain_order=True).row(0, named=True)
                extra.add((contract, kleinste["bouwblok"]))
    if not extra:
        return blokken
    weg = pl.struct("contract_id", "bouwblok").is_in([{"contract_id": c, "bouwblok": b} for c, b in extra])
    return blokken.with_columns(pl.when(weg).then(None).otherwise(pl.col("gerealiseerd_eur")).alias("gerealiseerd_eur"))


def sroi_bouwblokken(gemeente: str | None) -> pl.DataFrame:
    """Per SROI contract (rows) the value realised per bouwblok (one column per bouwblok label), in whole euros,
    each an amount beside its placements published with their cell key (empty when hidden, 0 when none)."""
    _toegang.gemeente(gemeente)
    frame = read(
        """select blokken.contract_id, blokken.bouwblok, blokken.label,
                  round(blokken.gerealiseerd_eur)::bigint as gerealiseerd_eur, blokken.plaatsingen, blokken.sleutel
           from marts.mart_sroi_bouwblokken as blokken
           inner join marts.mart_sroi_contracten as contracten using (contract_id)
           where (?::varchar is null or contracten.vestigingsgemeente = ?::varchar) and blokken.bouwblok <> 'GEEN'
           order by contracten.status = 'afgerond', contracten.einddatum, blokken.contract_id, blokken.bouwblok""",
        [gemeente, gemeente],
    )
    if frame.is_empty():
        return frame.drop("bouwblok", "plaatsingen", "sleutel")
    frame = _bedrag(frame, "gerealiseerd_eur", "plaatsingen", "sleutel")
    frame = _niet_alleen_verborgen(frame)
    # A bouwblok without placements is € 0, not hidden: the pivot's empty cells are filled by the count beside them.
    waarden = frame.pivot(on="label", index="contract_id", values="gerealiseerd_eur", aggregate_function="first")
    aantallen = frame.pivot(on="label", index="contract_id", values="plaatsingen", aggregate_function="first")
    return waarden.with_columns(
        pl.when(aantallen[k].is_null()).then(0).otherwise(pl.col(k)).alias(k) for k in waarden.columns[1:]
    )
