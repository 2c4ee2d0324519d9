"""Issue 15 part 3: the CSV files of one kind are read, checked and stored together. Together must give exactly
what each file gives on its own: the same rows on the same lines, the same quarantine, the same outcome, and a
refused file still leaves nothing behind."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

import ingest.load as load_module
from tests.helpers import once
from tests.helpers_ingest import LADDER, TRAJECTEN, bsn, load, quarantine, rows, write_bytes
from tools.synth.generate import generate

P1, P2, P3 = "111111110", "111123331", "111131108"  # synthetic, pass the elfproef

# Hand-made ladder months with what a batch must keep apart per file: skipped lines (a blank line, a line too
# long to split) that shift the later ones, a duplicate within a file next to the same key in another file,
# and a file whose unclosed quote refuses it whole between two that load.
LADDER_MONTHS = {
    "werkplein_ladder_20240101.csv": [
        LADDER,
        f"{P1};01-01-2024;3;",  # 2
        "",  # 3: blank, skipped by the reader
        f"{P2};01-01-2024;1;x;y;z;w;v",  # 4: too many fields, rejected by the reader
        f"{P2};01-01-2024;4;",  # 5
        f"{P1};01-01-2024;5;",  # 6: duplicate of line 2
    ],
    "werkplein_ladder_20240201.csv": [
        LADDER,
        f"{P1};01-01-2024;3;",  # 2: the key of January's line 2, no duplicate in its own file
        f"{P3};31-02-2024;2;",  # 3: no such date
        f"{P2};01-02-2024;4;",  # 4
    ],
    "werkplein_ladder_20240301.csv": [LADDER, f"{P1};01-03-2024;3;", f'"{P2};01-03-2024;4;', f"{P3};01-03-2024;2;"],
    "werkplein_ladder_20240401.csv": [LADDER, f"{P3};01-04-2024;2;", f"{P1};01-04-2024;6;"],
}
# Two files whose quoted line breaks make them go through a pipe, read together: each keeps the editor's lines
# and the spreadsheet's rows of its own records.
TRAJECTEN_MONTHS = {
    "werkplein_trajecten_20240101.csv": [
        TRAJECTEN,
        f'"T1\nover twee regels";{P1};JOBCOACH;01-01-2024;;;',  # 2-3
        f"T2;{P2};ONBEKEND;01-01-2024;;;",  # 4 (record 3): no such instrument
    ],
    "werkplein_trajecten_20240201.csv": [
        TRAJECTEN,
        f"T3;{P3};JOBCOACH;01-02-2024;;;",  # 2
        f'"T4\n\nover drie";{P1};JOBCOACH;01-02-2024;;;',  # 3-5
        f"T5;{P2};JOBCOACH;99-02-2024;;;",  # 6 (record 4): no such date
    ],
}
RAW_TABLES = [
    "werkplein_klanten",
    "werkplein_ladder",
    "werkplein_trajecten",
    "werkplein_plaatsingen",
    "uwv_doelgroepregister",
    "uwv_wajong",
    "wsw_werknemers",
    "wsw_wachtlijst",
    "rmc_vsv",
    "werkgevers_register",
]


@pytest.fixture(scope="module")
def extracts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three synthetic months of every kind (bad rows in every file, some Windows-1252) plus the ladder above; made
    once per run (`once`), the tests copy them."""

    def make(folder: Path) -> None:
        generate(folder, scale=0.05, start="2023-10", months=3, misnamed=False)
        for name, lines in {**LADDER_MONTHS, **TRAJECTEN_MONTHS}.items():
            write_bytes(folder, name, "\n".join(lines).encode())

    return once(tmp_path_factory, "batch_extracts", make)


def _stored(tmp_path: Path) -> dict[str, list[tuple]]:
    """Everything ingest stored, per file instead of per laad_id (the numbering differs with the order of loads)."""
    stored = {}
    for table in RAW_TABLES:
        stored[table] = rows(tmp_path, f"select * exclude (laad_id) from raw.{table} order by all")
    stored["quarantaine"] = rows(tmp_path, "select * exclude (laad_id) from raw.quarantaine order by all")
    stored["laadlog"] = rows(
        tmp_path,
        "select bestand, inhoud_hash, bron, entiteit, bestand_peildatum, status, rijen_geladen, rijen_quarantaine, "
        "waarschuwingen "
        "from raw.laadlog order by bestand",
    )
    return stored


def test_files_read_together_give_what_each_gives_alone(
    extracts: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    together, alone = tmp_path / "together", tmp_path / "alone"
    for folder in (together, alone):
        shutil.copytree(extracts, folder / "in")
    batches: list[set[str]] = []
    real = load_module.read_csv_files

    def counted(con, files, table):
        batches.append({file.name for file in files})
        return real(con, files, table)

    monkeypatch.setattr(load_module, "read_csv_files", counted)
    report = load(together, together / "in")
    # The hand-made months (UTF-8, read from disk) in one statement, a kind's files together (a file that must go
    # through a pipe, as some generated ones, is read on its own).
    assert any(set(LADDER_MONTHS) <= batch for batch in batches)
    assert any(set(TRAJECTEN_MONTHS) <= batch for batch in batches)
    assert sum(len(batch) > 1 for batch in batches) >= 9
    # One file per run, in the order a run loads them (the employer register first).
    files = [path for path in (alone / "in").iterdir() if not path.name.startswith(".")]  # not the manifest
    order = sorted(files, key=lambda path: (not path.name.startswith("werkgevers"), path.name))
    singles = [load(alone, path) for path in order]
    outcomes = [
        (o.bestand, o.status, o.rijen, o.quarantaine, o.voorbeelden, o.waarschuwingen)
        for o in report.files
        if o.status != "overgeslagen"
    ]
    assert sorted(outcomes) == sorted(
        (o.bestand, o.status, o.rijen, o.quarantaine, o.voorbeelden, o.waarschuwingen) for r in singles for o in r.files
    )
    assert _stored(together) == _stored(alone)

    # And what that is, for the hand-made months: each file on its own lines.
    ladder = rows(together, "select bron_bestand, regelnummer from raw.werkplein_ladder order by all")
    assert [item for item in ladder if item[0] in LADDER_MONTHS] == [
        ("werkplein_ladder_20240101.csv", 2),
        ("werkplein_ladder_20240101.csv", 5),
        ("werkplein_ladder_20240201.csv", 2),
        ("werkplein_ladder_20240201.csv", 4),
        ("werkplein_ladder_20240401.csv", 2),
        ("werkplein_ladder_20240401.csv", 3),
    ]
    assert [(name, line, column) for name, line, column, _, _ in quarantine(together) if name in LADDER_MONTHS] == [
        ("werkplein_ladder_20240101.csv", 4, "*"),
        ("werkplein_ladder_20240101.csv", 6, "bsn"),
        ("werkplein_ladder_20240201.csv", 3, "peildatum"),
    ]
    assert rows(
        together,
        "select bestand, regelnummer, recordnummer, kolom from raw.quarantaine where bestand in ? order by all",
        [list(TRAJECTEN_MONTHS)],
    ) == [
        ("werkplein_trajecten_20240101.csv", 4, 3, "instrument"),
        ("werkplein_trajecten_20240201.csv", 6, 4, "begindatum"),
    ]
    assert rows(
        together,
        "select traject_id from raw.werkplein_trajecten where bron_bestand in ? order by all",
        [list(TRAJECTEN_MONTHS)],
    ) == [("T1\nover twee regels",), ("T3",), ("T4\n\nover drie",)]
    refused = [o.bestand for o in report.files if o.status == "geweigerd"]
    assert refused == ["werkplein_ladder_20240301.csv"]
    assert (together / "rejected" / "werkplein_ladder_20240301.csv").exists()


def test_large_files_read_together_keep_exact_line_numbers(tmp_path: Path) -> None:
    """Files of several row groups each, read together on both cores: a bad row is named on its own line."""
    rng = random.Random(15)
    people = list(dict.fromkeys(bsn(rng) for _ in range(290_000)))  # unique, in a fixed order
    first, second = people[:150_000], people[150_000:280_000]
    lines = [f"{person};01-01-2024;3;" for person in first]
    lines[140_001 - 2] = f"{first[140_001 - 2]};01-01-2024;9;"  # line 140,001 (the header is line 1)
    lines[149_000 - 2] = f"{first[149_000 - 2]};01-01-2024"
    write_bytes(tmp_path / "in", "werkplein_ladder_20240101.csv", "\n".join([LADDER, *lines]).encode())
    lines = [f"{person};01-02-2024;4;" for person in second]
    lines[125_002 - 2] = f"{second[125_002 - 2]};01-02-2024;0;"
    write_bytes(tmp_path / "in", "werkplein_ladder_20240201.csv", "\n".join([LADDER, *lines]).encode())
    report = load(tmp_path, tmp_path / "in")
    assert [(o.status, o.rijen, o.quarantaine) for o in report.files] == [
        ("geladen", 149_998, 2),
        ("geladen", 129_999, 1),
    ]
    out_of_range = "buiten bereik: minstens 1 en hoogstens 6"
    assert quarantine(tmp_path) == [
        ("werkplein_ladder_20240101.csv", 140_001, "trede", "9", out_of_range),
        ("werkplein_ladder_20240101.csv", 149_000, "*", None, "regel 149000 heeft 2 velden, verwacht 4"),
        ("werkplein_ladder_20240201.csv", 125_002, "trede", "0", out_of_range),
    ]


def test_a_file_with_many_skipped_lines_read_after_another_keeps_its_lines(tmp_path: Path) -> None:
    """Past 64 skipped lines a file's rows are numbered by a join, not a CASE; read second in a batch, its rows
    start past the first file's in the table. Each row still lands on its own line."""
    rng = random.Random(56)
    people = list(dict.fromkeys(bsn(rng) for _ in range(400)))
    write_bytes(
        tmp_path / "in",
        "werkplein_ladder_20240101.csv",
        "\n".join([LADDER, *(f"{person};01-01-2024;3;" for person in people[:100])]).encode(),
    )
    lines = [LADDER]
    for k, person in enumerate(people[100:300]):
        lines.append(f"{person};01-02-2024;{'9' if k == 150 else '4'};")  # trede 9: out of range
        if k % 3 == 0:
            lines.append("")  # blank: skipped by the reader (67 of them)
        if k in (10, 120):
            lines.append(f"{person};01-02-2024;1;x;y;z;w;v")  # too many fields: rejected by the reader
    write_bytes(tmp_path / "in", "werkplein_ladder_20240201.csv", "\n".join(lines).encode())
    report = load(tmp_path, tmp_path / "in")
    assert [(o.status, o.rijen, o.quarantaine) for o in report.files] == [("geladen", 100, 0), ("geladen", 199, 3)]
    stored = rows(tmp_path, "select bron_bestand, regelnummer from raw.werkplein_ladder order by all")
    assert stored == [("werkplein_ladder_20240101.csv", number) for number in range(2, 102)] + [
        ("werkplein_ladder_20240201.csv", number) for number, line in enumerate(lines, start=1) if line.endswith(";4;")
    ]
    rejected = [lines.index(f"{people[100 + k]};01-02-2024;1;x;y;z;w;v") + 1 for k in (10, 120)]
    out_of_range = lines.index(f"{people[100 + 150]};01-02-2024;9;") + 1
    assert [(line, column) for _, line, column, _, _ in quarantine(tmp_path)] == sorted(
        [(line, "*") for line in rejected] + [(out_of_range, "trede")]
    )


def test_a_second_delivery_for_the_same_date_in_one_run_corrects_the_first(tmp_path: Path) -> None:
    name = "werkplein_ladder_20240101.csv"
    first = write_bytes(tmp_path / "a", name, "\n".join([LADDER, f"{P1};01-01-2024;3;"]).encode())
    second = write_bytes(tmp_path / "b", name, "\n".join([LADDER, f"{P2};01-01-2024;4;"]).encode())
    report = load(tmp_path, first, second)
    assert [o.status for o in report.files] == ["geladen", "correctie"]
    assert rows(tmp_path, "select trede from raw.werkplein_ladder") == [(4,)]
    assert rows(tmp_path, "select status from raw.laadlog order by laad_id") == [("vervangen",), ("geladen",)]


def test_a_file_read_ahead_as_unchanged_is_still_a_correction_after_an_earlier_one_of_the_run(tmp_path: Path) -> None:
    """Files are read ahead of their batch, and one whose bytes equal the load known at the start of the run is not
    decoded then. When an earlier file of the same run has replaced that load, it is a correction all the same."""
    name = "werkplein_ladder_20240101.csv"
    original = "\n".join([LADDER, f"{P1};01-01-2024;3;"]).encode()
    load(tmp_path, write_bytes(tmp_path / "a", name, original))
    other = write_bytes(tmp_path / "b", name, "\n".join([LADDER, f"{P2};01-01-2024;4;"]).encode())
    report = load(tmp_path, other, write_bytes(tmp_path / "c", name, original))
    assert [o.status for o in report.files] == ["correctie", "correctie"]
    assert rows(tmp_path, "select trede from raw.werkplein_ladder") == [(3,)]
    assert rows(tmp_path, "select status from raw.laadlog order by laad_id") == [
        ("vervangen",),
        ("vervangen",),
        ("geladen",),
    ]


def test_a_batch_that_fails_is_loaded_again_file_by_file_with_fresh_outcomes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The batch's store fails after its read refused one file: that file is refused once, for its own reason, and
    the others load one by one with their own counts (nothing of the failed attempt is counted twice)."""
    inbox = tmp_path / "in"
    names = ["werkplein_ladder_20240101.csv", "werkplein_ladder_20240201.csv", "werkplein_ladder_20240301.csv"]
    write_bytes(inbox, names[0], "\n".join([LADDER, f"{P1};01-01-2024;3;", f"{P2};01-01-2024;9;"]).encode())
    write_bytes(inbox, names[1], "\n".join(LADDER_MONTHS["werkplein_ladder_20240301.csv"]).encode())  # unclosed quote
    write_bytes(inbox, names[2], "\n".join([LADDER, f"{P3};01-03-2024;2;"]).encode())
    real = load_module._store

    def fails_together(con, table, sources, outcomes, laad_ids, bestandsdata):
        real(con, table, sources, outcomes, laad_ids, bestandsdata)
        if len(sources) > 1:
            raise RuntimeError("the batch fails after storing")

    monkeypatch.setattr(load_module, "_store", fails_together)
    report = load(tmp_path, inbox)
    assert [(o.bestand, o.status, o.rijen, o.quarantaine) for o in report.files] == [
        (names[0], "geladen", 1, 1),
        (names[1], "geweigerd", 0, 0),
        (names[2], "geladen", 1, 0),
    ]
    assert "aanhalingsteken wordt niet gesloten" in (report.files[1].reden or "")
    reason = (tmp_path / "rejected" / f"{names[1]}.reason.txt").read_text(encoding="utf-8")
    assert reason.startswith("regel 3: een aanhalingsteken wordt niet gesloten")
    assert rows(tmp_path, "select bestand, rijen_geladen, rijen_quarantaine from raw.laadlog order by 1") == [
        (names[0], 1, 1),
        (names[2], 1, 0),
    ]
    assert rows(tmp_path, "select bron_bestand, regelnummer from raw.werkplein_ladder order by all") == [
        (names[0], 2),
        (names[2], 2),
    ]
