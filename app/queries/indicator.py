"""Every indicator from one place: the additive counts of mart_indicator_cellen, summed for a selection.

An indicator is teller / noemer × factor (seed indicatoren). For a period a flow is summed over its months
and a stock is taken at its end (or just before its start, `noemer_moment = begin`). Every page, the
benchmark and every export ask here, so one indicator has one value for one selection.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

import polars as pl
import streamlit as st

from app import celsleutel
from app.celsleutel import MODULUS
from app.privacy import binnen_geheel, deel_te_klein, drempel, te_verbergen
from app.queries import _db, _toegang
from app.queries._db import CACHE_TTL, read
from app.queries.referentie import gemeenten, indicatoren, maanden
from app.selectie import BRONNEN, Filters, maand_label, periode_label, plus_maanden

T = TypeVar("T")
SCHEMA = {"gemeentecode": pl.String, "teller": pl.Int64, "noemer": pl.Int64, "waarde": pl.Float64}


@dataclass(frozen=True)
class Uitkomst:
    """One indicator for one selection: per municipality (or Twente) teller, noemer and value, and what it means."""

    indicator: dict
    begin: dt.date | None  # the period actually shown (shifted back where the follow-up is not over yet)
    eind: dt.date | None
    waarden: pl.DataFrame  # gemeentecode (and naam per municipality), teller, noemer, waarde (hidden where small)
    twente: float | None  # the published value of all rows together: Twente per municipality, else the selection
    noten: list[str] = field(default_factory=list)  # filters not applied, periods shifted: one short line each
    bekend: bool = True  # False when the period lies (partly) before the data or its follow-up is not over

    @property
    def periode_naam(self) -> str:
        return "" if self.begin is None or self.eind is None else periode_label(self.begin, self.eind)


def definitie(indicator: str) -> dict:
    """The indicator's row of mart_indicatoren."""
    return indicatoren().filter(pl.col("indicator") == indicator).row(0, named=True)


def _toepasbaar(ind: dict, f: Filters) -> tuple[set[str], list[str]]:
    """Which of the chosen person filters this indicator applies, and a line for each it cannot."""
    niet = set(filter(None, (ind["niet_toepasbaar"] or "").split("|")))
    gekozen = {
        "doelgroep": bool(f.doelgroepen),
        "leeftijd": f.leeftijdsklasse is not None,
        "geslacht": f.geslacht is not None,
    }
    toegepast = {k for k, v in gekozen.items() if v and k not in niet}
    overgeslagen = [k for k, v in gekozen.items() if v and k in niet]
    noten = []
    if overgeslagen:
        noten.append(f"Filter {' en '.join(overgeslagen)} niet toegepast: {ind['reden_niet_toepasbaar']}.")
    # A noemer that is not about people (inhabitants) cannot follow a person filter the teller does follow.
    if ind["noemer"] and not ind["noemer_persoonsgebonden"] and toegepast:
        noten.append("De noemer is alle inwoners van de gemeente: de filters gelden alleen voor de teller.")
    return toegepast, noten


def maandcellen(ind: dict, f: Filters, *, alle_gemeenten: bool = False) -> pl.DataFrame:
    """Teller and noemer per municipality and month for the selection's person filters (all months)."""
    toegepast, _ = _toepasbaar(ind, f)
    gemeente = None if alle_gemeenten else f.gemeente
    clauses = ["maat in (?, ?)", "(?::varchar is null or gemeentecode = ?::varchar)"]
    params: list[object] = [ind["teller"], ind["noemer"] or ind["teller"], gemeente, gemeente]
    if "doelgroep" in toegepast:
        clause, extra = f.doelgroep_sql()
        clauses.append(clause)
        params += extra
    if "leeftijd" in toegepast:
        clauses.append("(leeftijdsklasse is null or leeftijdsklasse = ?)")
        params.append(f.leeftijdsklasse)
    if "geslacht" in toegepast:
        clauses.append("(geslacht is null or geslacht = ?)")
        params.append(f.geslacht)
    return read(
        f"""select gemeentecode, maand,
                   coalesce(sum(aantal) filter (where maat = ?), 0)::bigint as teller,
                   (sum(sleutel) filter (where maat = ?) % 4294967296)::bigint as teller_sleutel,
                   coalesce(sum(aantal) filter (where maat = ?), 0)::bigint as noemer,
                   (sum(sleutel) filter (where maat = ?) % 4294967296)::bigint as noemer_sleutel
            from marts.mart_indicator_cellen
            where {" and ".join(clauses)}
            group by all""",
        [ind["teller"], ind["teller"], ind["noemer"] or "", ind["noemer"] or "", *params],
    )


def _venster(f: Filters, maand: dt.date) -> tuple[dt.date, dt.date]:
    """The period of kind `f.periode` that ends in `maand` (a calendar year: from January, as the year to date)."""
    if f.periode == "12m":
        return plus_maanden(maand, -11), maand
    if f.periode in ("lopend_jaar", "kalenderjaar"):
        return dt.date(maand.year, 1, 1), maand
    return maand, maand


def _op_perioden(ind: dict, cellen: pl.DataFrame, vensters: pl.DataFrame) -> pl.DataFrame:
    """Teller and noemer per period (`vensters`: maand, begin, eind) and municipality: flows summed over the
    period, stocks at its end (or just before its start). Every municipality in `cellen` gets a row per period."""

    def bronnen(soort: str | None, moment: str) -> pl.DataFrame:
        """Per period the months it takes its counts from."""
        if soort == "stroom":
            maanden = pl.date_ranges("begin", "eind", interval="1mo")
        elif moment == "begin":
            maanden = pl.concat_list(pl.col("begin").dt.offset_by("-1mo"))
        else:
            maanden = pl.concat_list("eind")
        return vensters.select("maand", maanden.alias("bron")).explode("bron")

    def deel(kolom: str, soort: str | None, moment: str) -> pl.DataFrame:
        rijen = bronnen(soort, moment).join(cellen.rename({"maand": "bron"}), on="bron")
        return rijen.group_by("maand", "gemeentecode").agg(
            pl.col(kolom).sum(), pl.col(f"{kolom}_sleutel").sum() % MODULUS
        )

    codes = pl.DataFrame({"gemeentecode": cellen["gemeentecode"].unique().sort()}, schema={"gemeentecode": pl.String})
    frame = vensters.select("maand").join(codes, how="cross")
    teller = deel("teller", ind["teller_soort"], "eind")
    frame = frame.join(teller, on=["maand", "gemeentecode"], how="left", maintain_order="left")
    frame = frame.with_columns(pl.col("teller").fill_null(0))
    if not ind["noemer"]:
        return frame.with_columns(
            pl.lit(None, pl.Int64).alias("noemer"), pl.lit(None, pl.Int64).alias("noemer_sleutel")
        )
    noemer = deel("noemer", ind["noemer_soort"], ind["noemer_moment"])
    frame = frame.join(noemer, on=["maand", "gemeentecode"], how="left", maintain_order="left")
    return frame.with_columns(pl.col("noemer").fill_null(0))


def _onbekend(ind: dict, begin: dt.date, eerste: dt.date) -> bool:
    """A flow over months before the data, or of the first month where flows compare with the month before, is
    unknown, not zero; so is a stock taken before the first month."""
    stroom = "stroom" in (ind["teller_soort"], ind["noemer_soort"])
    if (stroom and begin < eerste) or (ind["vanaf_tweede_maand"] and begin <= eerste):
        return True
    return ind["noemer_moment"] == "begin" and plus_maanden(begin, -1) < eerste


def _waarde(ind: dict, teller: pl.Expr, noemer: pl.Expr) -> pl.Expr:
    if not ind["noemer"]:
        return teller.cast(pl.Float64)
    return pl.when(noemer > 0).then((ind["factor"] * teller / noemer).round(ind["decimalen"])).otherwise(None)


def _publiceer(ind: dict, frame: pl.DataFrame) -> pl.DataFrame:
    """Counts as they may be shown: small ones hidden, the rest perturbed by their cell key (app/celsleutel.py), and
    the value computed from the published counts, so teller and noemer give back the value, never a true count.

    A share whose complement is a few people (noemer − teller: those not on treden 4-6, say) is hidden too; that
    complement counts people only when the noemer does, not for places or inhabitants. A part of its whole of people
    (`deel_van_noemer`: to work, back, durable) is also hidden when it is none or all of them: 0 or 100 % says it of
    every one, and with only the few hidden a small municipality's months read 0 or 100 % and little else (decisions.md,
    "A share of none or all of its people"). Without the cell key (a test setting, never in production) the old
    per-table rule stands: a hidden cell gets a partner, so that a total minus the shown cells does not give it back,
    within each month (one table per period).
    """
    minimum = drempel()
    complement = bool(ind["noemer_persoonsgebonden"])
    deel = complement and bool(ind["deel_van_noemer"])
    teller, noemer = frame["teller"].to_list(), frame["noemer"].to_list()

    def klein(t: int | None, n: int | None) -> bool:
        if t is None:
            return False
        if deel and n:  # a part of its whole of people: also when it is none or all of them
            return deel_te_klein(t, n, minimum)
        if 0 < t < minimum:
            return True
        if n is None or not complement:
            return False
        return 0 < n < minimum or 0 < n - t < minimum

    small = [klein(t, n) for t, n in zip(teller, noemer, strict=True)]
    hidden = {i for i, s in enumerate(small) if s}
    if hidden and not celsleutel.aan():
        hidden = set()
        for rijen in frame.with_row_index("rij").partition_by("maand", include_key=False):
            posities = rijen["rij"].to_list()
            tabel = [1 if small[i] else teller[i] for i in posities]
            hidden |= {posities[j] for j in te_verbergen(tabel, 2)}
    getoond_teller = [
        None if i in hidden else celsleutel.publiceer(t, k, minimum)
        for i, (t, k) in enumerate(zip(teller, frame["teller_sleutel"].to_list(), strict=True))
    ]
    if ind["noemer"] and complement:
        getoond_noemer = [
            None if i in hidden else celsleutel.publiceer(n, k, minimum)
            for i, (n, k) in enumerate(zip(noemer, frame["noemer_sleutel"].to_list(), strict=True))
        ]
    else:  # places and inhabitants are published as they are
        getoond_noemer = [None if i in hidden else n for i, n in enumerate(noemer)]
    shown = frame.drop("teller_sleutel", "noemer_sleutel").with_columns(
        pl.Series("teller", getoond_teller, dtype=pl.Int64), pl.Series("noemer", getoond_noemer, dtype=pl.Int64)
    )
    if ind["deel_van_noemer"]:  # each has its own noise: a part shown above its whole would be a share over 100 %
        shown = binnen_geheel(shown, {"teller": "noemer"})
    return shown.with_columns(_waarde(ind, pl.col("teller"), pl.col("noemer")).alias("waarde"))


def _bekend_tot(ind: dict, laatste: dt.date) -> dt.date:
    """The newest month whose period is already followed long enough (herinstroom, durability)."""
    return plus_maanden(laatste, -int(ind["nalooptijd_maanden"] or 0))


def _geleverd_tot(ind: dict) -> tuple[dt.date, str] | None:
    """The newest month that the extracts the indicator counts from all cover, and the source of the one that covers
    the least (None: no extract, or none delivered). A delivery dated the 1st covers the month before it. The monitor's
    months run to the newest delivery of any source, and the sources do not deliver on one day: a month after an
    extract's newest delivery would count nothing of it (a Wsw of 0 people), so it is not a month of its figures."""
    # .get: marts built before session 80 have no such columns (until the next refresh builds them anew).
    extracts = {ind.get("teller_extract"), ind.get("noemer_extract")} - {None, ""}
    # One question for every indicator (cached), the extracts picked here.
    dekking = read("select tabel, bron, laatste_peildatum from marts.mart_laadstatus")
    dekking = dekking.drop_nulls("laatste_peildatum")
    dekking = dekking.filter(pl.col("tabel").is_in(sorted(extracts))).select("bron", "laatste_peildatum")
    if dekking.is_empty():
        return None
    bron, peildatum = min(dekking.iter_rows(), key=lambda rij: rij[1])
    return (peildatum - dt.timedelta(days=1)).replace(day=1), bron  # as int_maanden counts a delivery's month


def _bereken(
    ind: dict, cellen: pl.DataFrame, vensters: pl.DataFrame, *, per_gemeente: bool, gemeente: str | None
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Known periods (`vensters`: maand, begin, eind): per period teller, noemer and value per municipality (or
    one row for the selection), small cells hidden, and per period the value of all rows together (maand,
    waarde): a cell of its own (Σ teller / Σ noemer, not an average of rates)."""
    frame = _op_perioden(ind, cellen, vensters)
    if per_gemeente:  # every municipality, also one without any count
        alle = vensters.select("maand").join(gemeenten().select("gemeentecode", "naam"), how="cross")
        frame = alle.join(frame, on=["maand", "gemeentecode"], how="left", maintain_order="left")
        frame = frame.with_columns(
            pl.col("teller").fill_null(0), pl.col("noemer").fill_null(0) if ind["noemer"] else pl.col("noemer")
        )
    # The total is a cell of its own: the union of the rows, with the sum of their keys.
    sommen = frame.group_by("maand").agg(
        pl.col("teller").sum(),
        pl.col("teller_sleutel").fill_null(0).sum() % MODULUS,
        pl.col("noemer").sum(),
        pl.col("noemer_sleutel").fill_null(0).sum() % MODULUS,
    )
    totalen = vensters.select("maand").join(sommen, on="maand", how="left", maintain_order="left")
    totalen = totalen.with_columns(
        pl.lit(gemeente or "TWENTE").alias("gemeentecode"),
        pl.col("teller").fill_null(0),
        pl.col("teller_sleutel").fill_null(0),
        *(
            [pl.col("noemer").fill_null(0), pl.col("noemer_sleutel").fill_null(0)]
            if ind["noemer"]
            else [pl.lit(None, pl.Int64).alias("noemer"), pl.lit(None, pl.Int64).alias("noemer_sleutel")]
        ),
    ).select("maand", "gemeentecode", "teller", "teller_sleutel", "noemer", "noemer_sleutel")
    totaal = _publiceer(ind, totalen)
    return (_publiceer(ind, frame) if per_gemeente else totaal), totaal.select("maand", "waarde")


def _vensters(rijen: list[tuple[dt.date, dt.date, dt.date]]) -> pl.DataFrame:
    return pl.DataFrame(rijen, schema={"maand": pl.Date, "begin": pl.Date, "eind": pl.Date}, orient="row")


class _Gepubliceerd(Exception):
    """A publish landed while an answer was computed: it may mix two versions, so it is not kept."""


def _bewaard(functie: Callable[..., T], indicator: str, f: Filters, per_gemeente: bool) -> T:
    """`functie`'s answer, kept per published version and per everything it depends on beyond its arguments (the
    cell key and the threshold). A page asks the same indicators on every rerun and every session with the same
    selection; the queries were cached already, the sums and the cell key over their rows not (half of the
    benchmark page's render). The viewer's access is checked by the caller, before: never kept."""
    for _ in range(2):
        versie = _db.versie()
        sleutel = repr((functie.__name__, versie, indicator, f, per_gemeente, celsleutel.aan(), drempel()))
        try:
            return _berekend(sleutel, versie, functie, indicator, f, per_gemeente)
        except _Gepubliceerd:
            continue
    return functie(indicator, f, per_gemeente)


@st.cache_data(ttl=CACHE_TTL, show_spinner=False, max_entries=2000)
def _berekend(
    sleutel: str, _versie: _db.Versie, _functie: Callable[..., T], _indicator: str, _f: Filters, _per_gemeente: bool
) -> T:
    """Streamlit keys the cache on `sleutel` alone (one string: hashing the filters field by field costs more)."""
    antwoord = _functie(_indicator, _f, _per_gemeente)
    if _db.versie() != _versie:  # a rollback may bring the old fingerprint back: never keep a mix under it
        raise _Gepubliceerd
    return antwoord


def uitkomst(indicator: str, f: Filters, *, per_gemeente: bool = False) -> Uitkomst:
    """The indicator for the selection: for the chosen municipality (or Twente), or per municipality.

    Per municipality is the benchmark: totals of every municipality, which every role may see; one
    municipality's own figure is detail, checked against the viewer's role.
    """
    if not per_gemeente:
        _toegang.gemeente(f.gemeente)
    return _bewaard(_uitkomst, indicator, f, per_gemeente)


def _uitkomst(indicator: str, f: Filters, per_gemeente: bool) -> Uitkomst:
    ind = definitie(indicator)
    _, noten = _toepasbaar(ind, f)
    alle_maanden = maanden()["maand"]
    eerste, laatste = alle_maanden.min(), alle_maanden.max()
    begin, eind = f.begin, f.eind
    grens, geleverd = _bekend_tot(ind, laatste), _geleverd_tot(ind)
    achter = geleverd is not None and geleverd[0] < grens  # its extract's newest delivery is behind the monitor's
    if achter:
        grens = geleverd[0]
    if eind > grens:  # the newest known period of the same kind: as long, or a year to date in its own year
        begin, eind = _venster(f, grens)
        if eind >= eerste and achter:
            noten.append(
                f"De {BRONNEN.get(geleverd[1], geleverd[1])}-gegevens over {maand_label(plus_maanden(grens, 1))} "
                f"zijn nog niet geleverd: getoond is {periode_label(begin, eind)}."
            )
        elif eind >= eerste:
            noten.append(
                f"{ind['naam']} is pas {ind['nalooptijd_maanden']} maanden later te weten: "
                f"getoond is {periode_label(begin, eind)}."
            )
    if eind < eerste:
        noten.append("Nog geen periode die al lang genoeg gevolgd is.")
        return Uitkomst(ind, None, None, pl.DataFrame(schema=SCHEMA), None, noten, bekend=False)
    if _onbekend(ind, begin, eerste):
        vanaf = plus_maanden(eerste, 1) if ind["vanaf_tweede_maand"] or ind["noemer_moment"] == "begin" else eerste
        noten.append(f"Onbekend voor deze periode: de gegevens beginnen in {maand_label(vanaf)}.")
        return Uitkomst(ind, begin, eind, pl.DataFrame(schema=SCHEMA), None, noten, bekend=False)
    cellen = maandcellen(ind, f, alle_gemeenten=per_gemeente)
    frame, totalen = _bereken(
        ind, cellen, _vensters([(eind, begin, eind)]), per_gemeente=per_gemeente, gemeente=f.gemeente
    )
    return Uitkomst(ind, begin, eind, frame.drop("maand"), totalen["waarde"][0], noten)


def reeks(indicator: str, f: Filters, *, per_gemeente: bool = False) -> pl.DataFrame:
    """The indicator for the period kind of the selection ending in every month (for a line over time).

    Columns: maand, gemeentecode (and naam per municipality), teller, noemer, waarde, twente_waarde.
    Months whose period is not yet knowable or starts before the data are left out.
    """
    if not per_gemeente:
        _toegang.gemeente(f.gemeente)
    return _bewaard(_reeks, indicator, f, per_gemeente)


def _reeks(indicator: str, f: Filters, per_gemeente: bool) -> pl.DataFrame:
    ind = definitie(indicator)
    alle_maanden = maanden()["maand"].sort()
    eerste, grens = alle_maanden.min(), _bekend_tot(ind, alle_maanden.max())
    if (geleverd := _geleverd_tot(ind)) is not None:
        grens = min(grens, geleverd[0])
    cellen = maandcellen(ind, f, alle_gemeenten=per_gemeente)
    vensters = [(maand, *_venster(f, maand)) for maand in alle_maanden]
    vensters = [
        (maand, begin, eind) for maand, begin, eind in vensters if maand <= grens and not _onbekend(ind, begin, eerste)
    ]
    if not vensters:
        return pl.DataFrame(schema={"maand": pl.Date, **SCHEMA, "twente_waarde": pl.Float64})
    frame, totalen = _bereken(ind, cellen, _vensters(vensters), per_gemeente=per_gemeente, gemeente=f.gemeente)
    return frame.join(
        totalen.rename({"waarde": "twente_waarde"}), on="maand", how="left", maintain_order="left"
    ).with_columns(pl.col("twente_waarde").cast(pl.Float64))
