"""Questions about what UWV tells: Wajong and the doelgroepregister (mart_uwv)."""

from __future__ import annotations

import polars as pl

from app.privacy import verberg
from app.queries import _toegang
from app.queries._db import read
from app.selectie import Filters


def reeks(f: Filters) -> pl.DataFrame:
    """Per month end: Wajong persons, of whom working and with arbeidsvermogen, and persons in the doelgroepregister."""
    _toegang.gemeente(f.gemeente)
    where, params = f.cel(doelgroep=False)
    frame = read(
        f"""select peildatum,
                   coalesce(sum(personen) filter (where doelgroep = 'WAJONG'), 0)::bigint as wajong,
                   coalesce(sum(werkend) filter (where doelgroep = 'WAJONG'), 0)::bigint as wajong_werkend,
                   coalesce(sum(met_arbeidsvermogen) filter (where doelgroep = 'WAJONG'), 0)::bigint
                       as wajong_arbeidsvermogen,
                   coalesce(sum(personen) filter (where doelgroep = 'DOELGROEPREGISTER'), 0)::bigint
                       as doelgroepregister
            from marts.mart_uwv where {where} group by peildatum order by peildatum""",
        params,
    )
    return verberg(frame, ["wajong", "wajong_werkend", "wajong_arbeidsvermogen", "doelgroepregister"])


def per_categorie(f: Filters) -> pl.DataFrame:
    """At the chosen month end: Wajong per regeling and the register per grondslag, with their labels."""
    _toegang.gemeente(f.gemeente)
    where, params = f.cel(doelgroep=False)
    frame = read(
        f"""select doelgroep, coalesce(labels.label, categorie) as categorie, sum(personen)::bigint as personen,
                   sum(werkend)::bigint as werkend, sum(met_arbeidsvermogen)::bigint as met_arbeidsvermogen
            from marts.mart_uwv
            left join marts.mart_labels as labels
                on labels.lijst = case doelgroep when 'WAJONG' then 'wajong_regeling' else 'grondslag' end
                and labels.code = categorie
            where {where} and peildatum = ?
            group by all order by doelgroep desc, min(labels.volgorde)""",
        [*params, f.peildatum],
    )
    return verberg(frame, ["personen", "werkend", "met_arbeidsvermogen"], groep=["doelgroep"])
