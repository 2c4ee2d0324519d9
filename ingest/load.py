"""Load extract files into the raw layer: one transaction per file, idempotent, corrections replace.

Entry point: `ingest_paths`. A file that cannot be read is refused whole (moved to `rejected/` beside
its inbox with a `.reason.txt`) and the warehouse is unchanged; a readable file loads its good rows and
quarantines the bad ones; the same bytes twice change nothing; a second file for the same source,
entity and date replaces the first one whole.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import shutil
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from ingest import raw_schema
from ingest.entities import Entity, Table
from ingest.errors import FileRefused
from ingest.masking import mask_bsn
from ingest.naming import identify, shown_name
from ingest.reading import SourceTable, read_csv, read_xlsx_sheets
from ingest.reference import gemeentecodes
from ingest.stream import remove_leftovers
from ingest.validate import Dialect, check, good_rows_filter, quarantine_select
from semon.settings import OPERATOR_LOG, duckdb_memory

EXAMPLES_PER_FILE = 3
QUARANTAINE_COLUMNS = "laad_id, bestand, tabel, regelnummer, kolom, waarde, reden"
log = logging.getLogger("semon.ingest")
UNEXPECTED = (
    "dit bestand kon door een onverwachte fout niet worden gelezen of gecontroleerd; de rest van de inbox is "
    "wel ingelezen. Controleer of het een gewone export is (CSV of Excel-werkmap, zoals in het extractcontract) en "
    "lever het opnieuw aan; blijft dit gebeuren, meld het dan bij de beheerder van de monitor (technische details in "
    f"{OPERATOR_LOG})"
)


@dataclass(slots=True)
class FileOutcome:
    """What happened to one file; the ingest summary is made of these."""

    bestand: str
    status: str  # geladen | correctie | ongewijzigd | geweigerd | overgeslagen (left in the inbox, not a file)
    bron: str | None = None
    entiteit: str | None = None
    peildatum: dt.date | None = None
    rijen: int = 0
    quarantaine: int = 0
    waarschuwingen: list[str] = field(default_factory=list)
    reden: str | None = None
    voorbeelden: list[str] = field(default_factory=list)  # the first quarantine messages

    def __post_init__(self) -> None:
        self.bestand = shown_name(self.bestand)  # printed and listed: no BSN typed into a file name


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


def collect_files(paths: Iterable[Path]) -> tuple[list[tuple[Path, Path]], list[tuple[Path, str]]]:
    """(file, its inbox) for every file named or found directly in a folder named; and what was skipped, why."""
    found: list[tuple[Path, Path]] = []
    skipped: list[tuple[Path, str]] = []
    for path in paths:
        if path.is_dir():
            for child in sorted(path.iterdir()):
                reason = _skip_reason(child)
                if reason:
                    skipped.append((child, reason))
                else:
                    found.append((child, path))
        elif path.is_file():
            found.append((path, path.parent))
        else:
            raise FileNotFoundError(f"{path}: bestand of map bestaat niet")
    return found, skipped


def _skip_reason(child: Path) -> str | None:
    """Why an entry of the inbox is not read (None: it is read). It stays where it is."""
    if child.name.startswith("."):
        return "verborgen bestand (naam begint met een punt), niet gelezen"
    if child.is_symlink() and not child.exists():
        return "snelkoppeling (symlink) naar een bestand dat niet bestaat, niet gelezen"
    if child.is_dir():
        return "map in de inbox, niet gelezen: zet extracten direct in de inbox"
    if not child.is_file():
        return "geen gewoon bestand (bv. een pipe of apparaat), niet gelezen"
    return None


def _identify(path: Path, inbox: Path) -> _Extract:
    found = identify(path.name)
    return _Extract(path, inbox, found.entity, found.peildatum)


def _load_order(extract: _Extract) -> tuple[int, dt.date, str]:
    # The employer register first, so placements in the same batch are checked against it.
    return (0 if extract.entity.bron == "werkgevers" else 1, extract.peildatum, extract.path.name)


def _refuse(path: Path, inbox: Path, reason: str) -> None:
    rejected = inbox.resolve().parent / "rejected"
    try:
        rejected.mkdir(parents=True, exist_ok=True)
        shutil.move(str(path), rejected / path.name)
        (rejected / f"{path.name}.reason.txt").write_text(reason + "\n", encoding="utf-8")
    except OSError as error:  # a read-only inbox must not stop the run; the refusal is still reported
        log.error("%s kon niet naar %s worden verplaatst: %s", shown_name(path.name), rejected, shown_name(str(error)))


def _operator_log(path: Path) -> logging.Handler:
    handler = logging.FileHandler(path, encoding="utf-8", delay=True)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    return handler


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
    operator_log: Path | None = None,
) -> IngestReport:
    """Load every extract in `paths` (files or inbox folders) into `warehouse`; return what happened. The technical
    detail of a refusal goes to `operator_log` (default: `semon-ingest.log` beside `warehouse`)."""
    report = IngestReport()

    def tell(outcome: FileOutcome) -> None:
        report.files.append(outcome)
        if progress:
            progress(outcome)

    remove_leftovers()
    found, skipped = collect_files(paths)
    for path, reason in skipped:
        tell(FileOutcome(path.name, "overgeslagen", reden=reason))
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    handler = _operator_log(operator_log or warehouse.parent / OPERATOR_LOG)
    try:
        extracts: list[_Extract] = []
        for path, inbox in found:
            try:
                extracts.append(_identify(path, inbox))
            except FileRefused as refused:
                reason = shown_name(refused.reason)  # it quotes parts of the name
                _refuse(path, inbox, reason)
                tell(FileOutcome(path.name, "geweigerd", reden=reason))
        con = duckdb.connect(str(warehouse))
        try:
            con.execute("set memory_limit = ?", [duckdb_memory()])
            con.execute("set checkpoint_threshold = '1GB'")  # one checkpoint at the end, not one per file
            migrated = raw_schema.ensure(con)
            set_pseudonym_key(con, key)
            for extract in sorted(extracts, key=_load_order):
                tell(_ingest_guarded(con, extract))
        finally:
            con.close()
        if migrated:  # a warehouse from before issue 11: no full birth date left in its free blocks
            raw_schema.compact(warehouse)
    finally:
        log.removeHandler(handler)
        handler.close()
    return report


def _ingest_guarded(con: duckdb.DuckDBPyConnection, extract: _Extract) -> FileOutcome:
    """Ingest one file; whatever goes wrong with it refuses that file only, and the run goes on."""
    name = extract.path.name
    try:
        return _ingest_one(con, extract)
    except FileRefused as refused:
        reason = mask_bsn(refused.reason)
        if refused.technical:
            log.warning("%s geweigerd: %s | %s", shown_name(name), reason, mask_bsn(refused.technical))
    except duckdb.FatalException:
        raise  # the warehouse connection is gone: a failure of the run, not of this file
    except Exception:  # one poisonous file must not stop the monitor
        log.error("%s: onverwachte fout\n%s", shown_name(name), mask_bsn(traceback.format_exc()))
        reason = UNEXPECTED
    for temp in ("checked", "src", "src_rejects", "src_scans"):
        con.execute(f"drop table if exists {temp}")
    _refuse(extract.path, extract.inbox, reason)
    entity = extract.entity
    return FileOutcome(name, "geweigerd", entity.bron, entity.entiteit, extract.peildatum, reden=reason)


def _ingest_one(con: duckdb.DuckDBPyConnection, extract: _Extract) -> FileOutcome:
    entity, name = extract.entity, extract.path.name
    outcome = FileOutcome(name, "geladen", entity.bron, entity.entiteit, extract.peildatum)
    data = extract.path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    # fetchall, not fetchone: a result left open makes a later con.register fail ("Resource In Use").
    found = con.execute(
        "select laad_id, inhoud_hash from raw.laadlog "
        "where bron = ? and entiteit = ? and bestand_peildatum = ? and status = 'geladen'",
        [entity.bron, entity.entiteit, extract.peildatum],
    ).fetchall()
    current = found[0] if found else None
    if current and current[1] == digest:
        outcome.status = "ongewijzigd"
        return outcome
    sources = _read(con, data, extract)

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
        temps = dict.fromkeys(["checked", "src", *(source.name for _, source in sources)])
        con.execute("; ".join(f"drop table if exists {temp}" for temp in temps))
    return outcome


def _read(con: duckdb.DuckDBPyConnection, data: bytes, extract: _Extract) -> list[tuple[Table, SourceTable]]:
    """Read and check every table of the file into temp tables; refuse the whole file on a read error."""
    entity, name = extract.entity, extract.path.name
    if entity.extension == "csv":
        table = entity.tables[0]
        return [(table, read_csv(con, data, table, name, str(extract.path)))]
    sources = []
    for table_name, sheet in read_xlsx_sheets(data, entity.tables, name).items():
        temp = f"src_{table_name}"
        frame = sheet.frame.to_arrow()  # noqa: F841 - read by DuckDB's replacement scan below
        con.execute(f"create or replace temp table {temp} as select * from frame")
        table = next(t for t in entity.tables if t.name == table_name)
        sources.append(
            (
                table,
                SourceTable(
                    temp, "either", "dd-mm-jjjj", sheet.extra_columns, (), sheet.frame.height, warnings=sheet.warnings
                ),
            )
        )
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
    names = ", ".join(f'"{column.stored_name}"' for column in table.columns)
    values = ", ".join(column.stored_sql for column in table.columns)
    loaded = con.execute(
        f"insert into raw.{table.name} (laad_id, bron_bestand, bestand_peildatum, regelnummer, {names}) "
        f"select ?, ?, ?, regelnummer, {values} from checked "
        f"where {good_rows_filter(table)}",
        [laad_id, name, extract.peildatum],
    ).fetchone()[0]
    outcome.rijen += loaded
    outcome.waarschuwingen.extend(source.warnings)
    if source.extra_columns:
        outcome.waarschuwingen.append(
            f"{table.name}: onverwachte kolommen niet opgeslagen (dataminimalisatie): {', '.join(source.extra_columns)}"
        )
    if loaded == source.rows and not source.structural_errors:
        return  # every row loaded: nothing to quarantine (a clean file skips the join of its rows with their text)
    con.execute(
        f"insert into raw.quarantaine ({QUARANTAINE_COLUMNS}) select ?, ?, ?, regelnummer, kolom, waarde, reden "
        f"from ({quarantine_select(table, source.name)})",
        [laad_id, name, table.name],
    )
    if source.record_numbers:  # a quoted field spans lines: also keep the row a spreadsheet shows
        con.execute(
            "update raw.quarantaine q set recordnummer = s.recordnummer "
            f"from (select distinct regelnummer, recordnummer from {source.name}) s "
            "where q.laad_id = ? and q.tabel = ? and q.regelnummer = s.regelnummer and s.recordnummer <> s.regelnummer",
            [laad_id, table.name],
        )
    if source.structural_errors:
        con.executemany(
            f"insert into raw.quarantaine ({QUARANTAINE_COLUMNS}, recordnummer) values (?, ?, ?, ?, '*', null, ?, ?)",
            [
                [laad_id, name, table.name, line, mask_bsn(reason), record]
                for line, reason, record in source.structural_errors
            ],
        )
    # The first examples and, on each, the number of quarantined rows (none when nothing was quarantined).
    examples = con.execute(
        "select regelnummer, kolom, waarde, reden, recordnummer, count(distinct regelnummer) over () "
        "from raw.quarantaine where laad_id = ? and tabel = ? order by regelnummer, kolom limit ?",
        [laad_id, table.name, EXAMPLES_PER_FILE],
    ).fetchall()
    outcome.quarantaine += examples[0][-1] if examples else 0
    outcome.voorbeelden.extend(_example(name, *example[:-1]) for example in examples)


def _example(name: str, line: int, column: str, value: str | None, reason: str, record: int | None) -> str:
    row = f" (rij {record} in een spreadsheet)" if record is not None else ""
    if column == "*":  # a row that could not be split: the reason names the line
        return f"{name}: {reason}{row}"
    shown = f", waarde '{value}'" if value is not None else ""
    return f"{name}, regel {line}{row}, kolom {column}{shown}: {reason}"


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
