"""Code lists live in one place, the dbt seeds: every other reader agrees with them, and they agree with the contract.

The seed `codelijsten` (with `treden` for the ladder and `gemeenten` for the municipalities) is read here with
the csv module, independently of semon/codelists.py, and compared with what ingest checks, what the generator
writes (its lists and its demo files), what the dbt ymls test, the columns of the marts with a column per code,
and the lists printed in shared/extracts.md.
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from pathlib import Path

import openpyxl
import pytest
import yaml

from ingest.entities import ENTITIES
from semon.settings import DBT_PROJECT_DIR
from tests.helpers import REPO_ROOT
from tools.synth import codes as generator_codes

SEEDS = DBT_PROJECT_DIR / "seeds"
EXTRACTS_MD = REPO_ROOT.parent / "shared" / "extracts.md"
# Where a column's name is not the list's name (the same name means different things in two extracts).
LIST_OF_COLUMN = {
    ("werkplein_plaatsingen", "soort"): "soort_plaatsing",
    ("uwv_wajong", "regeling"): "wajong_regeling",
    ("rmc_vsv", "status"): "vsv_status",
}
# The generator's public names (tools/synth/codes.py) and the list each one is.
GENERATOR_LISTS = {
    "GESLACHT": "geslacht",
    "REGELING": "regeling",
    "REDEN_UITSTROOM": "reden_uitstroom",
    "INSTRUMENT": "instrument",
    "STRATEGISCH_DOEL": "strategisch_doel",
    "SOORT": "soort_plaatsing",
    "GRONDSLAG": "grondslag",
    "WAJONG_REGELING": "wajong_regeling",
    "SW_BEDRIJF": "sw_bedrijf",
    "INDICATIE": "indicatie",
    "ARBEIDSVORM": "arbeidsvorm",
    "REDEN_AF": "reden_af",
    "ONDERWIJSSOORT": "onderwijssoort",
    "VSV_STATUS": "vsv_status",
    "SBI_SECTIE": "sbi_sector",
    "GROOTTEKLASSE": "grootteklasse",
    "PACT": "pact",
    "JN": "jn",
}
# The keys of the generator's deliberately wrong codes (codes.UNKNOWN) and the list they must stay outside of.
UNKNOWN_LISTS = {
    "soort": "soort_plaatsing",
    "regeling_wajong": "wajong_regeling",
    "status": "vsv_status",
}


def _seed(name: str) -> list[dict[str, str]]:
    with (SEEDS / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def seed_lists() -> dict[str, list[str]]:
    """Every list of the seed codelijsten in its volgorde, plus trede (seed treden)."""
    rows: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for row in _seed("codelijsten"):
        rows[row["lijst"]].append((int(row["volgorde"]), row["code"]))
    lists = {name: [code for _, code in sorted(codes)] for name, codes in rows.items()}
    lists["trede"] = sorted((row["trede"] for row in _seed("treden")), key=int)
    return lists


def _code_columns() -> list[tuple[str, str, tuple[str, ...]]]:
    return [
        (table.name, column.name, column.codes)
        for entity in ENTITIES
        for table in entity.tables
        for column in table.columns
        if column.codes
    ]


def test_ingest_checks_exactly_the_seeded_lists() -> None:
    lists = seed_lists()
    checked = set()
    for table, column, codes in _code_columns():
        name = LIST_OF_COLUMN.get((table, column), column)
        assert list(codes) == lists[name], f"ingest {table}.{column} ≠ codelijst {name}"
        checked.add(name)
    (ladder,) = (
        c for e in ENTITIES for t in e.tables for c in t.columns if (t.name, c.name) == ("werkplein_ladder", "trede")
    )
    assert [str(t) for t in range(int(ladder.minimum), int(ladder.maximum) + 1)] == lists["trede"]
    # Every seed list is checked by ingest: as a code column, J/N as its own kind, trede as a range.
    assert checked | {"jn", "trede"} == set(lists)


def test_the_generator_writes_the_seeded_lists_in_their_order() -> None:
    lists = seed_lists()
    for name, lijst in GENERATOR_LISTS.items():
        assert list(getattr(generator_codes, name)) == lists[lijst], f"codes.{name} ≠ codelijst {lijst}"
    assert set(GENERATOR_LISTS.values()) == set(lists) - {"trede"}  # treden are numbers, drawn as such


def test_the_generators_wrong_codes_stay_outside_the_lists() -> None:
    lists = seed_lists()
    for key, wrong in generator_codes.UNKNOWN.items():
        lijst = UNKNOWN_LISTS.get(key, key)
        assert not set(wrong) & set(lists[lijst]), f"codes.UNKNOWN[{key!r}] holds a valid code of {lijst}"


def _read_csv(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    header = text.split("\n", 1)[0]
    delimiter = ";" if ";" in header else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    return [{(k or "").strip().lower(): (v or "") for k, v in row.items()} for row in reader]


def _read_sheet(path: Path, sheet: str) -> list[dict[str, str]]:
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    rows = [["" if cell is None else str(cell) for cell in row] for row in workbook[sheet].iter_rows(values_only=True)]
    workbook.close()
    start = next(i for i, row in enumerate(rows) if "kvk" in (c.strip().lower() for c in row))
    names = [c.strip().lower() for c in rows[start]]
    return [dict(zip(names, row, strict=False)) for row in rows[start + 1 :]]


def test_every_code_in_a_generated_demo_file_is_in_the_seed(tmp_path: Path) -> None:
    from tools.synth import generate

    generate(tmp_path, seed=11, scale=0.02, start="2025-06", months=2, bad_share=0.0, misnamed=False)
    lists = seed_lists()
    columns = {(table, column): LIST_OF_COLUMN.get((table, column), column) for table, column, _ in _code_columns()}
    seen: dict[str, set[str]] = defaultdict(set)
    files = 0
    for path in sorted(tmp_path.iterdir()):
        match = re.fullmatch(r"([a-z]+_[a-z]+)_\d{8}\.(csv|xlsx)", path.name)
        if not match:
            continue
        files += 1
        entity = match[1]
        if match[2] == "csv":
            tables = {entity: _read_csv(path)}
        else:
            tables = {"werkgevers_register": _read_sheet(path, "werkgevers")}
        for table, rows in tables.items():
            for (t, column), lijst in columns.items():
                if t != table:
                    continue
                for row in rows:
                    value = row[column].strip().upper()
                    if value:
                        assert value in lists[lijst], f"{path.name}: {column} = {value!r} is not in codelijst {lijst}"
                        seen[lijst].add(value)
            for row in rows:
                if "trede" in row and table == "werkplein_ladder":
                    assert row["trede"].strip() in lists["trede"], f"{path.name}: trede {row['trede']!r}"
    assert files >= 10
    assert set(seen) == set(columns.values())  # every list was written, so the check above checked something


def _yml_tests(node: object) -> list[tuple[str, object]]:
    """Every (test name, its arguments) anywhere in a parsed dbt yml."""
    found: list[tuple[str, object]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("data_tests", "tests") and isinstance(value, list):
                for test in value:
                    if isinstance(test, dict):
                        ((name, config),) = test.items()
                        found.append((name, config))
                    else:
                        found.append((test, None))
            else:
                found.extend(_yml_tests(value))
    elif isinstance(node, list):
        for item in node:
            found.extend(_yml_tests(item))
    return found


def _ymls() -> list[Path]:
    return sorted([*(DBT_PROJECT_DIR / "models").rglob("*.yml"), *SEEDS.glob("*.yml")])


def test_no_yml_keeps_its_own_copy_of_a_code_list() -> None:
    lists = seed_lists()
    codes = {code for codes in lists.values() for code in codes} | {row["gemeentecode"] for row in _seed("gemeenten")}
    named = set()
    for path in _ymls():
        for name, config in _yml_tests(yaml.safe_load(path.read_text(encoding="utf-8"))):
            arguments = (config or {}).get("arguments", config or {}) if isinstance(config, dict) else {}
            if name == "accepted_values":
                values = {str(v) for v in arguments["values"]}
                assert not values & codes, (
                    f"{path.name}: accepted_values {sorted(values)} repeats a code list; use in_codelijst"
                )
            if name == "in_codelijst":
                named.add(arguments["lijst"])
                assert arguments["lijst"] in lists or arguments["lijst"] == "gemeentecode", f"{path.name}: {arguments}"
    assert len(named) >= 15  # the staging models test their code columns against the seed


def _mart_columns(name: str, prefix: str) -> list[str]:
    (path,) = (DBT_PROJECT_DIR / "models" / "marts").rglob(f"{name}.yml")
    (model,) = (m for m in yaml.safe_load(path.read_text(encoding="utf-8"))["models"] if m["name"] == name)
    return [c["name"].removeprefix(prefix) for c in model["columns"] if c["name"].startswith(prefix)]


def test_marts_with_a_column_per_code_have_one_for_every_seeded_code() -> None:
    lists = seed_lists()
    assert _mart_columns("mart_wsw_wachtlijst", "uitstroom_") == [c.lower() for c in lists["reden_af"]] + ["onbekend"]
    statussen = [c.replace("VSV_", "").lower() for c in lists["vsv_status"]]
    assert _mart_columns("mart_jongeren", "vsv_") == ["geregistreerd", *statussen]
    assert _mart_columns("mart_jongeren", "jongeren_bijstand_trede_") == lists["trede"]


def _extracts_md_lists(text: str) -> dict[tuple[str, str], list[str]]:
    """The closed lists of the contract's tables: `A / B / C` types, `1 … 6` and `letter A–U`, per (table, column)."""
    found: dict[tuple[str, str], list[str]] = {}
    table = ""
    for line in text.splitlines():
        if match := re.match(r"`([a-z]+_[a-z]+)_<date>", line):
            table = match[1]
            continue
        if line.startswith("sheet `"):
            table = "werkgevers_" + line.split("`")[1].replace("werkgevers", "register")
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if not line.startswith("|") or len(cells) < 2 or not table:
            continue
        column, kind = cells[0], cells[1]
        if match := re.fullmatch(r"(\d+) … (\d+)", kind):
            found[(table, column)] = [str(i) for i in range(int(match[1]), int(match[2]) + 1)]
        elif match := re.search(r"letter ([A-Z])–([A-Z])", kind):
            found[(table, column)] = [chr(c) for c in range(ord(match[1]), ord(match[2]) + 1)]
        elif " / " in kind:
            values = [v.strip() for v in kind.split(",")[0].split(" / ")]
            found[(table, column)] = [v for v in values if v != "empty"]
    return found


def test_the_seed_holds_the_lists_of_the_contract() -> None:
    if not EXTRACTS_MD.exists():
        pytest.skip(f"the shared contract is not beside the repository ({EXTRACTS_MD}); CI has it")
    lists = seed_lists()
    contract = _extracts_md_lists(EXTRACTS_MD.read_text(encoding="utf-8"))
    assert len(contract) >= 20
    covered = set()
    for (table, column), values in contract.items():
        lijst = "jn" if values == ["J", "N"] else LIST_OF_COLUMN.get((table, column), column)
        assert lists.get(lijst) == values, f"extracts.md {table}.{column} ≠ codelijst {lijst}"
        covered.add(lijst)
    assert covered == set(lists)  # and the seed has no list the contract does not know
