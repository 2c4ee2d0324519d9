"""Reference data is kept once: ingest's and the generator's municipalities agree with the dbt seeds.

The code lists have their own test: tests/unit/test_codelists.py.
"""

from __future__ import annotations

import csv

from ingest.reference import gemeentecodes
from semon.settings import DBT_PROJECT_DIR
from tools.synth.gemeenten import GEMEENTEN

SEEDS = DBT_PROJECT_DIR / "seeds"


def seed(name: str) -> list[dict[str, str]]:
    with (SEEDS / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_ingest_accepts_exactly_the_seeded_municipalities() -> None:
    assert gemeentecodes() == tuple(sorted(row["gemeentecode"] for row in seed("gemeenten")))
    assert len(gemeentecodes()) == 14


def test_generator_uses_the_seeded_population_and_sw_organisations() -> None:
    inwoners = {row["gemeentecode"]: int(row["inwoners"]) for row in seed("gemeente_inwoners")}
    sw = {row["gemeentecode"]: row["sw_bedrijf"] for row in seed("gemeenten")}
    assert {g.code: g.inwoners for g in GEMEENTEN} == inwoners
    assert {g.code: g.sw_bedrijf for g in GEMEENTEN} == sw
    assert sum(inwoners.values()) == 639_600  # domain.md's 14 rounded figures added up
