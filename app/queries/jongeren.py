"""Questions of the youth page (mart_jongeren), published by the mart's cell keys."""

from __future__ import annotations

import polars as pl

from app import celsleutel
from app.privacy import binnen_geheel, verberg, verberg_rijen
from app.queries import _toegang
from app.queries._db import read
from app.selectie import Filters
from semon.codelists import codelijst

# mart_jongeren has a column vsv_<status> per RMC status of the seed codelijsten, named without its VSV_ prefix,
# and beside every count its cell key sleutel_<count>.
VSV_STATUSSEN = [status.replace("VSV_", "").lower() for status in codelijst("vsv_status")]
KOLOMMEN = [
    "vsv_geregistreerd",
    *(f"vsv_{s}" for s in VSV_STATUSSEN),
    "jongeren_bijstand",
    *(f"jongeren_bijstand_trede_{t}" for t in range(1, 7)),
    "sd4_gerealiseerd",
]


def per_maand(f: Filters) -> pl.DataFrame:
    """Every youth measure per month end for the municipality and gender chosen."""
    _toegang.gemeente(f.gemeente)
    sums = ", ".join(
        f"sum({k})::bigint as {k}, (sum(sleutel_{k}) % 4294967296)::bigint as sleutel_{k}" for k in KOLOMMEN
    )
    frame = read(
        f"""select peildatum, {sums} from marts.mart_jongeren
            where (?::varchar is null or gemeentecode = ?::varchar) and (?::varchar is null or geslacht = ?::varchar)
            group by peildatum order by peildatum""",
        [f.gemeente, f.gemeente, f.geslacht, f.geslacht],
    )
    if celsleutel.aan():
        # Every count by its own key: the statuses no longer add up exactly to vsv_geregistreerd.
        frame = verberg(frame, KOLOMMEN, sleutels={k: f"sleutel_{k}" for k in KOLOMMEN})
        delen = {f"vsv_{s}": "vsv_geregistreerd" for s in VSV_STATUSSEN}
        return binnen_geheel(frame, delen | {f"jongeren_bijstand_trede_{t}": "jongeren_bijstand" for t in range(1, 7)})
    frame = frame.drop([f"sleutel_{k}" for k in KOLOMMEN])  # the per-table rule
    frame = verberg_rijen(frame, [f"vsv_{s}" for s in VSV_STATUSSEN])  # the statuses add up to vsv_geregistreerd
    frame = verberg_rijen(frame, [f"jongeren_bijstand_trede_{t}" for t in range(1, 7)])  # their sum is near the total
    rest = ["vsv_geregistreerd", "jongeren_bijstand", "sd4_gerealiseerd"]
    return verberg(frame, rest, groep=["peildatum"])
