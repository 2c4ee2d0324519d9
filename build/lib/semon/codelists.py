"""The closed code lists of shared/extracts.md, read from the one place they are kept: the dbt seeds.

`codelijsten.csv` holds every list without further attributes (lijst, code, label, volgorde); a list that
carries more (the ladder's treden with their names, the municipalities with their SW organisation) is its
own seed. Ingest's checks, the generator, dbt's `in_codelijst` tests and the app's labels all read these
files, so a new code is added once. It lives in `semon` (not `ingest`) because the app may not import ingest.
Each file is read once per process (a few kB): the validation SQL is
still generated from the declarations in ingest/entities.py, so the checks cost nothing extra per file.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from functools import cache

from semon.settings import DBT_PROJECT_DIR

SEEDS = DBT_PROJECT_DIR / "seeds"
CODELIJSTEN_SEED = SEEDS / "codelijsten.csv"
TREDEN_SEED = SEEDS / "treden.csv"


@cache
def _codelijsten() -> dict[str, tuple[str, ...]]:
    rows: dict[str, list[tuple[int, str]]] = defaultdict(list)
    with CODELIJSTEN_SEED.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            rows[row["lijst"].strip()].append((int(row["volgorde"]), row["code"].strip()))
    return {lijst: tuple(code for _, code in sorted(codes)) for lijst, codes in rows.items()}


def codelijst(lijst: str) -> tuple[str, ...]:
    """The codes of one list of the `codelijsten` seed, in its `volgorde`."""
    try:
        return _codelijsten()[lijst]
    except KeyError:
        raise KeyError(f"codelijst {lijst!r} staat niet in {CODELIJSTEN_SEED}") from None


def lijsten() -> tuple[str, ...]:
    """The names of every list in the `codelijsten` seed."""
    return tuple(_codelijsten())


@cache
def treden() -> tuple[int, ...]:
    """The ladder's treden (seed `treden`), ascending."""
    with TREDEN_SEED.open(encoding="utf-8", newline="") as handle:
        return tuple(sorted(int(row["trede"]) for row in csv.DictReader(handle)))
