"""Reference data the checks need, read from the dbt seeds so it is kept in one place."""

from __future__ import annotations

import csv
from functools import cache

from semon.settings import DBT_PROJECT_DIR

GEMEENTEN_SEED = DBT_PROJECT_DIR / "seeds" / "gemeenten.csv"


@cache
def gemeentecodes() -> tuple[str, ...]:
    """The municipalities the monitor accepts (the gemeenten seed): a code outside them rejects the row."""
    with GEMEENTEN_SEED.open(encoding="utf-8", newline="") as handle:
        return tuple(sorted(row["gemeentecode"].strip().upper() for row in csv.DictReader(handle)))
