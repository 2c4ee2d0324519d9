"""Reference data is kept once: ingest's code lists and the generator's municipalities agree with the dbt seeds."""

from __future__ import annotations

import csv
from collections import defaultdict

from ingest.entities import ENTITIES
from ingest.reference import gemeentecodes
from semon.settings import DBT_PROJECT_DIR
from semon.synth.gemeenten import GEMEENTEN

SEEDS = DBT_PROJECT_DIR / "seeds"
# Where a column's name is not the list's name (the same name means different things in two extracts).
LIST_OF_COLUMN = {
    ("werkplein_plaatsingen", "soort"): "soort_plaatsing",
    ("uwv_wajong", "regeling"): "wajong_regeling",
    ("rmc_vsv", "status"): "vsv_status",
}


def seed(name: str) -> list[dict[str, str]]:
    with (SEEDS / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_closed_code_list_of_ingest_is_a_seed_list_with_the_same_codes() -> None:
    labelled: dict[str, list[str]] = defaultdict(list)
    for row in seed("codelijsten"):
        labelled[row["lijst"]].append(row["code"])
    checked = set()
    for entity in ENTITIES:
        for table in entity.tables:
            for column in table.columns:
                if column.codes:
                    name = LIST_OF_COLUMN.get((table.name, column.name), column.name)
                    assert labelled[name] == list(column.codes), f"{table.name}.{column.name} ≠ codelijst {name}"
                    checked.add(name)
    assert checked == set(labelled)  # and no seed list that ingest does not check


def test_ingest_accepts_exactly_the_seeded_municipalities() -> None:
    assert gemeentecodes() == tuple(sorted(row["gemeentecode"] for row in seed("gemeenten")))
    assert len(gemeentecodes()) == 14


def test_generator_uses_the_seeded_population_and_sw_organisations() -> None:
    inwoners = {row["gemeentecode"]: int(row["inwoners"]) for row in seed("gemeente_inwoners")}
    sw = {row["gemeentecode"]: row["sw_bedrijf"] for row in seed("gemeenten")}
    assert {g.code: g.inwoners for g in GEMEENTEN} == inwoners
    assert {g.code: g.sw_bedrijf for g in GEMEENTEN} == sw
    assert sum(inwoners.values()) == 639_600  # domain.md's 14 rounded figures added up
