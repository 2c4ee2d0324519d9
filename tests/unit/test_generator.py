"""The synthetic generator: layout and dialects of shared/extracts.md, its manifest, Twente's shape."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections import Counter
from pathlib import Path

import openpyxl
import pytest

from tests.helpers import once
from tests.helpers_ingest import elfproef
from tools.synth import gemeenten as gm
from tools.synth import generate
from tools.synth.extracts import ALL_SPECS, SROI_RULES

# The headers as shared/extracts.md writes them (typed here again on purpose: an independent reading).
HEADERS = {
    "werkplein_klanten": "bsn geboortedatum geslacht postcode gemeentecode regeling datum_instroom "
    "datum_uitstroom reden_uitstroom",
    "werkplein_ladder": "bsn peildatum trede vastgesteld_door",
    "werkplein_trajecten": "traject_id bsn instrument begindatum einddatum kosten_eur strategisch_doel",
    "werkplein_plaatsingen": "plaatsing_id bsn kvk soort begindatum einddatum uren_per_week loonwaarde_pct "
    "sroi_contract_id",
    "uwv_doelgroepregister": "bsn gemeentecode datum_opname datum_afvoer grondslag",
    "uwv_wajong": "bsn gemeentecode peildatum regeling arbeidsvermogen werkend",
    "wsw_werknemers": "bsn gemeentecode sw_bedrijf peildatum indicatie arbeidsvorm kvk uren_per_week se",
    "wsw_wachtlijst": "bsn gemeentecode datum_indicatie datum_op_wachtlijst datum_af reden_af",
    "rmc_vsv": "bsn geboortedatum gemeentecode brin onderwijssoort datum_uitval status datum_status startkwalificatie",
}
SHEETS = {
    "werkgevers": "kvk naam sbi_sector vestigingsgemeente grootteklasse pact datum_toetreding "
    "toezegging_plekken sociale_onderneming",
    "sroi": "contract_id kvk omschrijving contractwaarde_eur sroi_pct begindatum einddatum",
}
# Per source: delimiter, the encodings its files may use, line end (the samples' bytes).
DIALECTS = {
    "werkplein_klanten": (";", "cp1252", b"\r\n"),
    "werkplein_ladder": (";", "cp1252", b"\r\n"),
    "werkplein_trajecten": (";", "utf-8-sig", b"\r\n"),
    "werkplein_plaatsingen": (";", "utf-8-sig", b"\r\n"),
    "uwv_doelgroepregister": (",", "utf-8", b"\n"),
    "uwv_wajong": (",", "utf-8", b"\n"),
    "wsw_werknemers": (";", "cp1252", b"\r\n"),
    "wsw_wachtlijst": (";", "cp1252", b"\r\n"),
    "rmc_vsv": (";", "cp1252", b"\r\n"),
}
NAME = re.compile(r"^(?P<key>[a-z]+_[a-z]+)_(?P<date>\d{8})\.(csv|xlsx)$")
RURAL = [g.code for g in gm.GEMEENTEN if g.naam not in ("Enschede", "Almelo", "Hengelo")]


def manifest(folder: Path) -> dict:
    return json.loads((folder / ".manifest.json").read_text(encoding="utf-8"))["files"]


def csv_files(folder: Path) -> list[tuple[str, Path]]:
    """(entity key, path) for every well-named CSV extract."""
    found = []
    for path in sorted(folder.iterdir()):
        match = NAME.match(path.name)
        if match and path.suffix == ".csv":
            found.append((match["key"], path))
    return found


def rows(path: Path, key: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Header and (line number, fields) per data line, read with the source's dialect."""
    delimiter, encoding, _ = DIALECTS[key]
    text = path.read_bytes().decode(encoding)
    lines = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    return lines[0], list(enumerate(lines[1:], start=2))


def good_rows(path: Path, key: str, bad_lines: set[int]) -> list[dict[str, str]]:
    header, data = rows(path, key)
    return [dict(zip(header, fields, strict=True)) for line, fields in data if line not in bad_lines]


def bad_lines(record: dict, sheet: str | None = None) -> set[int]:
    return {b["line"] for b in record["bad"] if b.get("sheet") == sheet}


def test_same_seed_writes_identical_bytes(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    generate(first, seed=11, scale=0.02, start="2024-01", months=3)
    generate(second, seed=11, scale=0.02, start="2024-01", months=3)
    names = sorted(p.name for p in first.iterdir())
    assert names == sorted(p.name for p in second.iterdir())
    assert len(names) == 9 * 3 + 3  # nine CSVs a month, one register (January), misnamed file, manifest
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_another_seed_writes_other_people(tmp_path: Path) -> None:
    generate(tmp_path / "a", seed=1, scale=0.02, start="2024-01", months=1, misnamed=False)
    generate(tmp_path / "b", seed=2, scale=0.02, start="2024-01", months=1, misnamed=False)
    name = "werkplein_klanten_20240101.csv"
    assert (tmp_path / "a" / name).read_bytes() != (tmp_path / "b" / name).read_bytes()


def test_files_are_named_per_month_with_one_misnamed_file(demo_extracts: Path) -> None:
    files = manifest(demo_extracts)
    refused = [name for name, record in files.items() if record.get("refused_whole")]
    assert refused == ["werkplein_klanten_2026-04.csv"]
    named = Counter(NAME.match(name)["key"] for name in files if name not in refused)
    assert {key: named[key] for key in HEADERS} == dict.fromkeys(HEADERS, 13)
    # The register is quarterly (and in the first month): Oct, Jan, Apr, Jul, Oct.
    assert named["werkgevers_register"] == 5
    dates = {NAME.match(name)["date"] for name in files if name not in refused}
    assert min(dates) == "20251001" and max(dates) == "20261001" and all(d.endswith("01") for d in dates)
    assert sorted(p.name for p in demo_extracts.iterdir() if not p.name.startswith(".")) == sorted(files)


def test_every_file_has_exactly_the_contract_header(demo_extracts: Path) -> None:
    for key, path in csv_files(demo_extracts):
        header, _ = rows(path, key)
        assert header == HEADERS[key].split(), path.name
    for path in demo_extracts.glob("werkgevers_register_*.xlsx"):
        workbook = openpyxl.load_workbook(path, read_only=True)
        assert workbook.sheetnames == ["werkgevers", "sroi"]
        for sheet, header in SHEETS.items():
            assert [c.value for c in next(workbook[sheet].iter_rows(max_row=1))] == header.split()


def test_each_source_writes_its_own_dialect(demo_extracts: Path) -> None:
    for key, path in csv_files(demo_extracts):
        delimiter, encoding, newline = DIALECTS[key]
        data = path.read_bytes()
        first_line = data.split(b"\n", 1)[0]
        assert first_line.count(delimiter.encode()) == len(HEADERS[key].split()) - 1, path.name
        assert data.startswith(b"\xef\xbb\xbf") == (encoding == "utf-8-sig"), path.name
        if newline == b"\r\n":
            assert data.count(b"\n") == data.count(b"\r\n"), path.name
        else:
            assert b"\r" not in data, path.name
        data.decode(encoding)  # decodable as the source's encoding
    ladder = (demo_extracts / "werkplein_ladder_20260101.csv").read_bytes()
    assert b"\x92" in ladder  # ’ in Windows-1252 (’t Hart), not valid UTF-8
    with pytest.raises(UnicodeDecodeError):
        ladder.decode("utf-8")
    assert "A. Ünal" in ladder.decode("cp1252")
    assert '"Teamleider; M. Çelik"' in ladder.decode("cp1252")  # a quoted field holding the delimiter


def test_dialect_details_like_the_samples(demo_extracts: Path) -> None:
    files = manifest(demo_extracts)
    klanten = "werkplein_klanten_20260101.csv"
    data = good_rows(demo_extracts / klanten, "werkplein_klanten", bad_lines(files[klanten]))
    styles = {("GM" if r["gemeentecode"].startswith("GM") else len(r["gemeentecode"])) for r in data}
    assert styles >= {"GM", 4, 3}  # GM0153, 0153 and 153 all occur
    assert any(" " in r["postcode"] for r in data) and any(" " not in r["postcode"] for r in data)
    assert any(len(r["bsn"]) == 8 for r in data)  # a BSN that lost its leading zero
    assert all(re.fullmatch(r"\d{2}-\d{2}-\d{4}", r["datum_instroom"]) for r in data)
    raw = (demo_extracts / "werkplein_plaatsingen_20260101.csv").read_bytes().decode("utf-8-sig")
    assert re.search(r';"\d{8}";', raw)  # a quoted KvK number
    wsw = (demo_extracts / "wsw_werknemers_20260101.csv").read_bytes().decode("cp1252")
    assert re.search(r";[01],\d\d\r\n", wsw)  # se with a decimal comma
    uwv = (demo_extracts / "uwv_wajong_20260101.csv").read_text(encoding="utf-8")
    assert re.search(r",2026-01-01,", uwv)


def test_every_bsn_not_listed_as_bad_passes_the_elfproef(demo_extracts: Path) -> None:
    files = manifest(demo_extracts)
    checked = 0
    for key, path in csv_files(demo_extracts):
        for row in good_rows(path, key, bad_lines(files[path.name])):
            assert elfproef(row["bsn"]), (path.name, row["bsn"])
            checked += 1
    assert checked == sum(
        r["rows"] - r["bad_rows"] for n, r in files.items() if n.endswith(".csv") and not r.get("refused_whole")
    )


def test_manifest_bad_rows_match_an_independent_count(demo_extracts: Path) -> None:
    files = manifest(demo_extracts)
    for key, path in csv_files(demo_extracts):
        record = files[path.name]
        header, data = rows(path, key)
        assert record["rows"] == len(data)
        assert record["bad_rows"] == len(record["bad"]) >= 1
        rules = Counter(b["rule"] for b in record["bad"])
        wrong_width = [line for line, fields in data if len(fields) != len(header)]
        assert len(wrong_width) == rules["wrong_field_count"], path.name
        bad_bsn = [
            line
            for line, fields in data
            if len(fields) == len(header) and not elfproef(fields[0 if header[0] == "bsn" else 1])
        ]
        assert len(bad_bsn) == rules["bsn_elfproef"] + rules["bsn_length"] + rules["bsn_letters"], path.name
        if key == "werkplein_klanten":
            unknown = [f for _, f in data if len(f) == len(header) and f[2] not in ("M", "V", "X", "")]
            assert len(unknown) == sum(
                1 for b in record["bad"] if b["column"] == "geslacht" and b["rule"] == "unknown_code"
            )
    assert sum(r["bad_rows"] for r in files.values()) >= 117  # at least one per file


def test_bad_share_sets_the_number_of_bad_rows(demo_extracts: Path) -> None:
    record = manifest(demo_extracts)["werkplein_klanten_20260101.csv"]
    assert record["bad_rows"] == max(1, round((record["rows"] - record["bad_rows"]) * 0.003))


def test_every_rule_of_every_file_occurs(tmp_path: Path) -> None:
    generate(tmp_path, seed=5, scale=0.05, start="2024-01", months=7, bad_share=0.9, misnamed=False)
    seen = Counter()
    for record in manifest(tmp_path).values():
        for b in record["bad"]:
            seen[(record["entity"] if b.get("sheet") != "sroi" else "sroi", b["rule"], b["column"])] += 1
    for spec in ALL_SPECS:
        for rule in spec.rules:
            assert seen[(spec.key, rule.name, rule.column)], (spec.key, rule.name, rule.column)
    for rule in SROI_RULES:
        assert seen[("sroi", rule.name, rule.column)], ("sroi", rule.name, rule.column)


def test_register_holds_the_pacts_and_typed_cells(demo_extracts: Path) -> None:
    path = demo_extracts / "werkgevers_register_20261001.xlsx"
    record = manifest(demo_extracts)[path.name]
    sheet = openpyxl.load_workbook(path)["werkgevers"]
    bad = bad_lines(record, "werkgevers")
    cells = [row for number, row in enumerate(sheet.iter_rows(min_row=2), start=2) if number not in bad]
    by_pact = Counter(row[5].value for row in cells)
    assert by_pact["ARBEIDSMARKTPACT_ENSCHEDE"] == 30
    assert 117 <= by_pact["PACT_MVO_HENGELO"] <= 130
    names = {row[1].value for row in cells}
    assert {"Grolsch", "Twente Milieu", "Connexxion Openbaar Vervoer", "Eaton Industries (Hengelo)"} <= names
    assert any("Ĳzerman" in name for name in names) and any("Müller" in name for name in names)
    eaton_group = [row[7].value for row in cells if row[5].value == "PACT_MVO_HENGELO" and row[7].value]
    assert sum(eaton_group) == 50
    assert any(isinstance(row[0].value, int) and row[0].value < 10_000_000 for row in cells)  # zero lost
    assert any(isinstance(row[0].value, str) for row in cells)
    joined = [row[6].value for row in cells if row[5].value]
    assert any(isinstance(v, dt.datetime) for v in joined) and any(isinstance(v, str) for v in joined)
    assert all(row[6].value is None for row in cells if row[5].value is None)
    sroi_bad = bad_lines(record, "sroi")
    sroi = openpyxl.load_workbook(path)["sroi"].iter_rows(min_row=2, values_only=True)
    assert {row[4] for number, row in enumerate(sroi, start=2) if number not in sroi_bad} <= {3, 4, 5}


def test_placements_are_at_registered_employers_except_the_listed_few(demo_extracts: Path) -> None:
    files = manifest(demo_extracts)
    register = openpyxl.load_workbook(demo_extracts / "werkgevers_register_20261001.xlsx", read_only=True)
    known = {str(row[0]).zfill(8) for row in register["werkgevers"].iter_rows(min_row=2, values_only=True)}
    contracts = {row[0] for row in register["sroi"].iter_rows(min_row=2, values_only=True)}
    unknown = sroi = 0
    for key, path in csv_files(demo_extracts):
        if key != "werkplein_plaatsingen":
            continue
        record = files[path.name]
        warned = {w["line"] for w in record.get("warnings", [])}
        header, data = rows(path, key)
        for line, fields in data:
            row = dict(zip(header, fields, strict=False))
            if line in bad_lines(record):
                continue
            assert (row["kvk"] in known) == (line not in warned), (path.name, line)
            unknown += line in warned
            if row["sroi_contract_id"]:
                assert row["sroi_contract_id"] in contracts
                sroi += 1
    assert unknown >= 1 and sroi >= 10


# ---------- calibration: a larger run, generated once for this module ----------


@pytest.fixture(scope="module")
def twente(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Scale 0.3, four months: large enough for densities and shares to settle within the tolerances. Generated once
    per run (`once`), read only."""

    def make(out: Path) -> None:
        generate(out, seed=20241001, scale=0.3, start="2024-07", months=4, misnamed=False)

    return once(tmp_path_factory, "twente", make)


def pw_density(folder: Path, name: str, scale: float) -> dict[str, float]:
    """Open PW spells per 1,000 inhabitants (population times the scale), per municipality."""
    record = manifest(folder)[name]
    counts: Counter[str] = Counter()
    for row in good_rows(folder / name, "werkplein_klanten", bad_lines(record)):
        if row["regeling"] == "PW" and not row["datum_uitstroom"]:
            counts["GM" + row["gemeentecode"].removeprefix("GM").zfill(4)] += 1
    return {g.code: counts[g.code] / (g.inwoners * scale) * 1000 for g in gm.GEMEENTEN}


def test_bijstand_density_follows_the_municipalities(twente: Path) -> None:
    density = pw_density(twente, "werkplein_klanten_20241001.csv", 0.3)
    assert density["GM0153"] == pytest.approx(50, rel=0.15)  # Enschede ~50 per 1,000 (±15 %)
    assert density["GM0153"] > density["GM0141"] > density["GM0164"]  # Enschede > Almelo > Hengelo
    assert all(density["GM0164"] > density[code] for code in RURAL)
    assert all(5 <= density[code] <= 25 for code in RURAL)


def test_ladder_keeps_the_shape_of_enschede_2010(twente: Path) -> None:
    """One quarter of scores (each client once) against Bijlage 4: every trede within 5 points."""
    files = manifest(twente)
    counts: Counter[str] = Counter()
    for date in ("20240801", "20240901", "20241001"):
        name = f"werkplein_ladder_{date}.csv"
        for row in good_rows(twente / name, "werkplein_ladder", bad_lines(files[name])):
            counts[row["trede"]] += 1
    total = sum(counts.values())
    enschede_2010 = {"1": 751, "2": 1563, "3": 1821, "4": 1015, "5": 188, "6": 13}
    for trede, people in enschede_2010.items():
        assert counts[trede] / total == pytest.approx(people / 5351, abs=0.05), trede
    assert total > 1500


def test_wsw_employs_about_3250_people_at_scale_one(twente: Path) -> None:
    record = manifest(twente)["wsw_werknemers_20240701.csv"]
    assert (record["rows"] - record["bad_rows"]) / 0.3 == pytest.approx(3250, rel=0.08)


def test_instruments_are_booked_under_the_goal_of_their_trede(twente: Path) -> None:
    files = manifest(twente)
    name = "werkplein_trajecten_20241001.csv"
    data = good_rows(twente / name, "werkplein_trajecten", bad_lines(files[name]))
    by_goal = Counter((r["strategisch_doel"], r["instrument"]) for r in data)
    assert by_goal[("SD3", "KLIMOPBAAN")] > 0 and by_goal[("SD1", "LOONKOSTENSUBSIDIE")] > 0
    assert by_goal[("SD1", "SOCIALE_ACTIVERING")] == by_goal[("SD3", "LOONKOSTENSUBSIDIE")] == 0
    assert {goal for goal, _ in by_goal} == {"SD1", "SD2", "SD3", "SD4", ""}
