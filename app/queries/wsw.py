"""Questions of the WSW page (mart_wsw, mart_wsw_wachtlijst)."""

from __future__ import annotations

import polars as pl

from app.privacy import verberg, verberg_rijen
from app.queries import _toegang
from app.queries._db import read
from app.selectie import Filters
from semon.codelists import codelijst

# mart_wsw_wachtlijst has a column uitstroom_<reden> per reden_af of the seed codelijsten, and uitstroom_onbekend.
REDENEN = [*(reden.lower() for reden in codelijst("reden_af")), "onbekend"]


def werknemers(f: Filters, per: str) -> pl.DataFrame:
    """WSW employees and SE at the chosen month end, per arbeidsvorm or per SW organisation."""
    _toegang.gemeente(f.gemeente)
    kolom = {"arbeidsvorm": "arbeidsvorm", "sw_bedrijf": "sw_bedrijf", "indicatie": "indicatie"}[per]
    where, params = f.cel(doelgroep=False, persoon=False)  # WSW extracts have no age or gender
    frame = read(
        f"""select {kolom}, sum(personen)::bigint as personen, sum(se)::decimal(10, 2) as se
            from marts.mart_wsw where {where} and peildatum = ? group by all order by {kolom}""",
        [*params, f.peildatum],
    )
    frame = verberg(frame, ["personen"])
    return _se_with_personen(frame)


def werknemers_reeks(f: Filters) -> pl.DataFrame:
    """WSW employees and SE per month end and arbeidsvorm."""
    _toegang.gemeente(f.gemeente)
    where, params = f.cel(doelgroep=False, persoon=False)  # WSW extracts have no age or gender
    frame = read(
        f"""select peildatum, arbeidsvorm, sum(personen)::bigint as personen, sum(se)::decimal(10, 2) as se
            from marts.mart_wsw where {where} group by all order by peildatum, arbeidsvorm""",
        params,
    )
    return _se_with_personen(verberg(frame, ["personen"], groep=["peildatum"]))


def wachtlijst(f: Filters) -> pl.DataFrame:
    """The waiting list per month: on the list, in, out, and out by reason."""
    _toegang.gemeente(f.gemeente)
    where, params = f.cel(doelgroep=False, persoon=False)  # WSW extracts have no age or gender
    redenen = ", ".join(f"sum(uitstroom_{r})::bigint as uitstroom_{r}" for r in REDENEN)
    frame = read(
        f"""select maand, sum(op_lijst)::bigint as op_lijst, sum(instroom)::bigint as instroom,
                   sum(uitstroom)::bigint as uitstroom, {redenen}
            from marts.mart_wsw_wachtlijst where {where} group by all order by maand""",
        params,
    )
    frame = verberg_rijen(frame, [f"uitstroom_{r}" for r in REDENEN])  # the reasons add up to uitstroom
    frame = verberg_rijen(frame, ["instroom", "uitstroom"])  # the change in op_lijst tells in − out
    return verberg(frame, ["op_lijst"], groep=["maand"])


def totaal(f: Filters) -> pl.DataFrame:
    """WSW employees at the chosen month end, all arbeidsvormen together."""
    _toegang.gemeente(f.gemeente)
    where, params = f.cel(doelgroep=False, persoon=False)  # WSW extracts have no age or gender
    frame = read(
        f"select sum(personen)::bigint as personen from marts.mart_wsw where {where} and peildatum = ?",
        [*params, f.peildatum],
    ).with_columns(pl.col("personen").fill_null(0))
    return verberg(frame, ["personen"])


def _se_with_personen(frame: pl.DataFrame) -> pl.DataFrame:
    # Standaardeenheden are about one per person: shown beside a hidden count they would give it away.
    return frame.with_columns(pl.when(pl.col("personen").is_null()).then(None).otherwise(pl.col("se")).alias("se"))
