"""Load extract files into the raw layer: one transaction per file, idempotent, corrections replace.

Entry point: `ingest_paths`. A file that cannot be read is refused whole (moved to `rejected/` beside
its inbox with a `.reason.txt`) and the warehouse is unchanged; a readable file loads its good rows and
quarantines the bad ones; the same bytes twice change nothing; a second file for the same source,
entity and date replaces the first one whole.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from ingest import raw_schema
from ingest.entities import BY_KEY, ENTITIES, Entity, Table
from ingest.errors import FileRefused
from ingest.reading import SourceTable, read_csv, read_xlsx_sheets
from ingest.reference import gemeentecodes
from ingest.validate import Dialect, check, good_rows_filter, quarantine_select
from semon.settings import duckdb_memory

FILENAME = re.compile(r"^(?P<bron>[a-z]+)_(?P<entiteit>[a-z]+)_(?P<datum>\d{8})\.(?P<ext>[a-z]+)$")
EXPECTED_NAMES = ", ".join(f"{e.key}_<jjjjmmdd>.{e.extension}" for e in ENTITIES)
EXAMPLES_PER_FILE = 3
_BSN_LIKE = re.compile(r"(?<!\d)\d{8,9}(?!\d)")


@dataclass(slots=True)
class FileOutcome:
    """What happened to one file; the ingest summary is made of these."""

    bestand: str
    status: str  # geladen | correctie | ongewijzigd | geweigerd
    bron: str | None = None
    entiteit: str | None = None
    peildatum: dt.date | None = None
    rijen: int = 0
    quarantaine: int = 0
    waarschuwingen: list[str] = field(default_factory=list)
    reden: str | None = None
    voorbeelden: list[str] = field(default_factory=list)  # the first quarantine messages


@dataclass
class IngestReport:
    files: list[FileOutcome] = field(default_factory=list)

    def with_status(self, *statuses: str) -> list[FileOutcome]:
        return [outcome for outcome in self.files if outcome.status in statuses]


@dataclass(frozen=True)
class _Extract:
    path: Path
    inbox: Path
    entity: Entity
    peildatum: dt.date


def collect_files(paths: Iterable[Path]) -> list[tuple[Path, Path]]:
    """(file, its inbox) for every file named, or found directly in a folder named (hidden files skipped)."""
    found: list[tuple[Path, Path]] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                (child, path) for child in sorted(path.iterdir()) if child.is_file() and not child.name.startswith(".")
            )
        elif path.is_file():
            found.append((path, path.parent))
        else:
            raise FileNotFoundError(f"{path}: bestand of map bestaat niet")
    return found


def _identify(path: Path, inbox: Path) -> _Extract:
    match = FILENAME.match(path.name)
    if not match:
        raise FileRefused(
            path.name,
            f"bestandsnaam volgt het patroon <bron>_<entiteit>_<jjjjmmdd>.<ext> niet; "
            f"verwacht een van: {EXPECTED_NAMES}",
        )
    entity = BY_KEY.get(f"{match['bron']}_{match['entiteit']}")
    if entity is None or entity.extension != match["ext"]:
        raise FileRefused(path.name, f"onbekende bron/entiteit of extensie; verwacht een van: {EXPECTED_NAMES}")
    try:
        peildatum = dt.datetime.strptime(match["datum"], "%Y%m%d").date()
    except ValueError:
        raise FileRefused(path.name, f"datum {match['datum']} in de bestandsnaam bestaat niet (jjjjmmdd)") from None
    return _Extract(path, inbox, entity, peildatum)


def _load_order(extract: _Extract) -> tuple[int, dt.date, str]:
    # The employer register first, so placements in the same batch are checked against it.
    return (0 if extract.entity.bron == "werkgevers" else 1, extract.peildatum, extract.path.name)


def _refuse(path: Path, inbox: Path, reason: str) -> None:
    rejected = inbox.resolve().parent / "rejected"
    rejected.mkdir(parents=True, exist_ok=True)
    shutil.move(str(path), rejected / path.name)
    (rejected / f"{path.name}.reason.txt").write_text(reason + "\n", encoding="utf-8")


def set_pseudonym_key(con: duckdb.DuckDBPyConnection, key: bytes) -> None:
    """Keep the HMAC pads in a temp table (memory only): the SQL in validate.py joins it."""
    if len(key) > 64:
        key = hashlib.sha256(key).digest()
    padded = key.ljust(64, b"\x00")
    ipad = bytes(b ^ 0x36 for b in padded)
    opad = bytes(b ^ 0x5C for b in padded)
    con.execute("create or replace temp table pseudonym_key as select ?::blob as ipad, ?::blob as opad", [ipad, opad])


def ingest_paths(
    paths: Iterable[Path],
    *,
    warehouse: Path,
    key: bytes,
    progress: Callable[[FileOutcome], None] | None = None,
) -> IngestReport:
    """Load every extract in `paths` (files or inbox folders) into `warehouse`; return what happened."""
    report = IngestReport()
    extracts: list[_Extract] = []
    for path, inbox in collect_files(paths):
        try:
            extracts.append(_identify(path, inbox))
        except FileRefused as refused:
            _refuse(path, inbox, refused.reason)
            report.files.append(FileOutcome(path.name, "geweigerd", reden=refused.reason))
            if progress:
                progress(report.files[-1])
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(warehouse))
    try:
        con.execute("set memory_limit = ?", [duckdb_memory()])
        con.execute("set checkpoint_threshold = '1GB'")  # one checkpoint at the end, not one per file
        raw_schema.ensure(con)
        set_pseudonym_key(con, key)
        for extract in sorted(extracts, key=_load_order):
            outcome = _ingest_one(con, extract)
            report.files.append(outcome)
            if progress:
                progress(outcome)
    finally:
        con.close()
    return report


def _ingest_one(con: duckdb.DuckDBPyConnection, extract: _Extract) -> FileOutcome:
    entity, name = extract.entity, extract.path.name
    outcome = FileOutcome(name, "geladen", entity.bron, entity.entiteit, extract.peildatum)
    data = extract.path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    current = con.execute(
        "select laad_id, inhoud_hash from raw.laadlog "
        "where bron = ? and entiteit = ? and bestand_peildatum = ? and status = 'geladen'",
        [entity.bron, entity.entiteit, extract.peildatum],
    ).fetchone()
    if current and current[1] == digest:
        outcome.status = "ongewijzigd"
        return outcome
    try:
        sources = _read(con, data, entity, name)
    except FileRefused as refused:
        refused.reason = _BSN_LIKE.sub("*********", refused.reason)
        _refuse(extract.path, extract.inbox, refused.reason)
        outcome.status, outcome.reden = "geweigerd", refused.reason
        return outcome
    except duckdb.Error as error:
        reason = _BSN_LIKE.sub("*********", f"bestand kan niet als CSV worden gelezen: {error}".splitlines()[0])
        _refuse(extract.path, extract.inbox, reason)
        outcome.status, outcome.reden = "geweigerd", reason
        return outcome

    started = dt.datetime.now()
    con.execute("begin transaction")
    try:
        laad_id = con.execute("select coalesce(max(laad_id), 0) + 1 from raw.laadlog").fetchone()[0]
        if current:
            _retire(con, entity, old=current[0], new=laad_id)
            outcome.status = "correctie"
        for table, source in sources:
            _store(con, table, source, laad_id, extract, outcome)
        outcome.waarschuwingen.extend(_unknown_employers(con, entity, laad_id))
        con.execute(
            "insert into raw.laadlog values (?, ?, ?, ?, ?, ?, 'geladen', null, ?, ?, ?, ?, current_localtimestamp())",
            [
                laad_id,
                name,
                digest,
                entity.bron,
                entity.entiteit,
                extract.peildatum,
                outcome.rijen,
                outcome.quarantaine,
                " | ".join(outcome.waarschuwingen) or None,
                started,
            ],
        )
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    finally:
        con.execute("drop table if exists checked; drop table if exists src")
    return outcome


def _read(con: duckdb.DuckDBPyConnection, data: bytes, entity: Entity, name: str) -> list[tuple[Table, SourceTable]]:
    """Read and check every table of the file into temp tables; refuse the whole file on a read error."""
    if entity.extension == "csv":
        table = entity.tables[0]
        return [(table, read_csv(con, data, table, name))]
    sources = []
    for table_name, sheet in read_xlsx_sheets(data, entity.tables, name).items():
        temp = f"src_{table_name}"
        con.register("sheet_frame", sheet.frame)
        con.execute(f"create or replace temp table {temp} as select * from sheet_frame")
        con.unregister("sheet_frame")
        table = next(t for t in entity.tables if t.name == table_name)
        sources.append((table, SourceTable(temp, "either", "dd-mm-jjjj", sheet.extra_columns, (), sheet.frame.height)))
    return sources


def _retire(con: duckdb.DuckDBPyConnection, entity: Entity, *, old: int, new: int) -> None:
    """A correction replaces the earlier file of the same date whole, and nothing else."""
    for table in entity.tables:
        con.execute(f"delete from raw.{table.name} where laad_id = ?", [old])
    con.execute("delete from raw.quarantaine where laad_id = ?", [old])
    con.execute("update raw.laadlog set status = 'vervangen', vervangen_door = ? where laad_id = ?", [new, old])


def _store(
    con: duckdb.DuckDBPyConnection,
    table: Table,
    source: SourceTable,
    laad_id: int,
    extract: _Extract,
    outcome: FileOutcome,
) -> None:
    dialect = Dialect(source.decimal_style, source.date_hint, gemeentecodes())
    check(con, source.name, table, dialect)
    name = extract.path.name
    columns = ", ".join(f'"{column.stored_name}"' for column in table.columns)
    loaded = con.execute(
        f"insert into raw.{table.name} select ?, ?, ?, regelnummer, {columns} from checked "
        f"where {good_rows_filter(table)}",
        [laad_id, name, extract.peildatum],
    ).fetchone()[0]
    con.execute(
        f"insert into raw.quarantaine select ?, ?, ?, regelnummer, kolom, waarde, reden "
        f"from ({quarantine_select(table, source.name)})",
        [laad_id, name, table.name],
    )
    if source.structural_errors:
        con.executemany(
            "insert into raw.quarantaine values (?, ?, ?, ?, '*', null, ?)",
            [[laad_id, name, table.name, line, reason] for line, reason in source.structural_errors],
        )
    bad = con.execute(
        "select count(distinct regelnummer) from raw.quarantaine where laad_id = ? and tabel = ?",
        [laad_id, table.name],
    ).fetchone()[0]
    examples = con.execute(
        "select regelnummer, kolom, waarde, reden from raw.quarantaine where laad_id = ? and tabel = ? "
        "order by regelnummer, kolom limit ?",
        [laad_id, table.name, EXAMPLES_PER_FILE],
    ).fetchall()
    outcome.rijen += loaded
    outcome.quarantaine += bad
    outcome.voorbeelden.extend(
        f"{name}, regel {line}, kolom {column}" + (f", waarde '{value}'" if value is not None else "") + f": {reason}"
        for line, column, value, reason in examples
    )
    if source.extra_columns:
        outcome.waarschuwingen.append(
            f"{table.name}: onverwachte kolommen niet opgeslagen (dataminimalisatie): {', '.join(source.extra_columns)}"
        )


def _unknown_employers(con: duckdb.DuckDBPyConnection, entity: Entity, laad_id: int) -> list[str]:
    """Placements at a KvK number missing from the employer register load, as 'onbekende werkgever'."""
    if entity.key != "werkplein_plaatsingen":
        return []
    count, examples = con.execute(
        "select count(*), string_agg(distinct kvk, ', ') from raw.werkplein_plaatsingen p "
        "where laad_id = ? and kvk not in (select kvk from raw.werkgevers_register)",
        [laad_id],
    ).fetchone()
    if not count:
        return []
    shown = ", ".join((examples or "").split(", ")[:5])
    return [
        f"{count} plaatsing(en) bij een werkgever die niet in het werkgeversregister staat "
        f"(KvK {shown}): getoond als 'onbekende werkgever'"
    ]
