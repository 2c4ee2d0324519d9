"""Questions of the WSW page (mart_wsw, mart_wsw_wachtlijst), published by the marts' cell keys."""

from __future__ import annotations

import polars as pl

from app import celsleutel
from app.privacy import binnen_geheel, verberg, verberg_rijen
from app.queries import _toegang
from app.queries._db import read
from app.queries._kwartaal import per_kwartaal
from app.selectie import Filters
from semon.codelists import codelijst

# mart_wsw_wachtlijst has a column uitstroom_<reden> per reden_af of the seed codelijsten, and uitstroom_onbekend;
# beside each count its cell key sleutel_<count>.
REDENEN = [*(reden.lower() for reden in codelijst("reden_af")), "onbekend"]
_WACHTLIJST = ["op_lijst", "instroom", "uitstroom", *(f"uitstroom_{r}" for r in REDENEN)]


def werknemers(f: Filters, per: str) -> pl.DataFrame:
    """WSW employees and SE at the chosen month end, per arbeidsvorm or per SW organisation."""
    _toegang.gemeente(f.gemeente)
    kolom = {"arbeidsvorm": "arbeidsvorm", "sw_bedrijf": "sw_bedrijf", "indicatie": "indicatie"}[per]
    where, params = f.cel(doelgroep=False, persoon=False)  # WSW extracts have no age or gender
    frame = read(
        f"""select {kolom}, sum(personen)::bigint as personen, (sum(sleutel) % 4294967296)::bigint as sleutel,
                   sum(se)::decimal(10, 2) as se
            from marts.mart_wsw where {where} and peildatum = ? group by all order by {kolom}""",
        [*params, f.peildatum],
    )
    return _publiceer(frame)


def werknemers_reeks(f: Filters) -> pl.DataFrame:
    """WSW employees and SE per month end and arbeidsvorm."""
    _toegang.gemeente(f.gemeente)
    where, params = f.cel(doelgroep=False, persoon=False)  # WSW extracts have no age or gender
    frame = read(
        f"""select peildatum, arbeidsvorm, sum(personen)::bigint as personen,
                   (sum(sleutel) % 4294967296)::bigint as sleutel, sum(se)::decimal(10, 2) as se
            from marts.mart_wsw where {where} group by all order by peildatum, arbeidsvorm""",
        params,
    )
    return _publiceer(frame, groep=["peildatum"])


def wachtlijst(f: Filters, per: str = "maand") -> pl.DataFrame:
    """The waiting list per month: on the list, in, out, and out by reason. Per calendar quarter with
    `per="kwartaal"` (even Twente's monthly flows are mostly a few): the flows summed, on the list at the quarter's
    last month, its first day in `maand` and its name in `kwartaal`."""
    _toegang.gemeente(f.gemeente)
    where, params = f.cel(doelgroep=False, persoon=False)  # WSW extracts have no age or gender
    kolommen = ", ".join(
        f"sum({k})::bigint as {k}, (sum(sleutel_{k}) % 4294967296)::bigint as sleutel_{k}" for k in _WACHTLIJST
    )
    frame = read(
        f"""select maand, {kolommen}
            from marts.mart_wsw_wachtlijst where {where} group by all order by maand""",
        params,
    )
    if per == "kwartaal":  # per_kwartaal finds a count's key as <count>_sleutel
        sleutels = {f"sleutel_{k}": f"{k}_sleutel" for k in _WACHTLIJST}
        stromen = [k for k in _WACHTLIJST if k != "op_lijst"]
        frame = per_kwartaal(frame.rename(sleutels), stromen, laatste=["op_lijst"])
        frame = frame.rename({kwartaal: maand for maand, kwartaal in sleutels.items()})
    if celsleutel.aan():
        # Every count by its own key: the reasons no longer add up exactly to uitstroom, nor in − out to the
        # change in op_lijst, so a hidden one cannot be worked out from the others.
        frame = verberg(frame, _WACHTLIJST, sleutels={k: f"sleutel_{k}" for k in _WACHTLIJST})
        return binnen_geheel(frame, {f"uitstroom_{r}": "uitstroom" for r in REDENEN})
    frame = frame.drop([f"sleutel_{k}" for k in _WACHTLIJST])  # the per-table rule
    frame = verberg_rijen(frame, [f"uitstroom_{r}" for r in REDENEN])  # the reasons add up to uitstroom
    frame = verberg_rijen(frame, ["instroom", "uitstroom"])  # the change in op_lijst tells in − out
    return verberg(frame, ["op_lijst"], groep=["maand"])


def totaal(f: Filters) -> pl.DataFrame:
    """WSW employees at the chosen month end, all arbeidsvormen together (a cell of its own, by its own key)."""
    _toegang.gemeente(f.gemeente)
    where, params = f.cel(doelgroep=False, persoon=False)  # WSW extracts have no age or gender
    frame = read(
        f"""select coalesce(sum(personen), 0)::bigint as personen,
                   (coalesce(sum(sleutel), 0) % 4294967296)::bigint as sleutel
            from marts.mart_wsw where {where} and peildatum = ?""",
        [*params, f.peildatum],
    )
    return verberg(frame, ["personen"], sleutels={"personen": "sleutel"})


def _publiceer(frame: pl.DataFrame, groep: list[str] | None = None) -> pl.DataFrame:
    """Employees by their cell key; standaardeenheden (about one per person, so they would give the count away)
    hidden with their count, otherwise scaled by the count's own factor (published ÷ true) and rounded to 0.1 SE:
    SE per employee stays as it is, and the SE no longer point back to the true count."""
    waar = frame["personen"]
    frame = verberg(frame, ["personen"], groep=groep or [], sleutels={"personen": "sleutel"})
    se = pl.col("se")
    if celsleutel.aan():
        factor = pl.when(pl.col("_waar") > 0).then(pl.col("personen") / pl.col("_waar")).otherwise(1.0)
        se = (se.cast(pl.Float64) * factor).round(1)
    se = pl.when(pl.col("personen").is_null()).then(None).otherwise(se)
    return frame.with_columns(waar.alias("_waar")).with_columns(se.alias("se")).drop("_waar")
