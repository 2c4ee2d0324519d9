"""One freshness threshold per source: the data-quality page and dbt's source freshness use the same number."""

from __future__ import annotations

import csv

import yaml

from semon.settings import DBT_PROJECT_DIR


def test_dbt_source_freshness_warns_at_the_threshold_of_the_bronnen_seed() -> None:
    with (DBT_PROJECT_DIR / "seeds" / "bronnen.csv").open(encoding="utf-8", newline="") as handle:
        seed = {row["bron"]: int(row["verouderd_na_dagen"]) for row in csv.DictReader(handle)}
    found = {}
    for path in (DBT_PROJECT_DIR / "models" / "staging").glob("*/_*__sources.yml"):
        for source in yaml.safe_load(path.read_text(encoding="utf-8"))["sources"]:
            if source["name"] in seed:
                warn = source["config"]["freshness"]["warn_after"]
                assert warn["period"] == "day", source["name"]
                found[source["name"]] = warn["count"]
    assert found == seed
