"""Load extract files into the raw layer: every file whole or not at all, idempotent, corrections replace.

Entry point: `ingest_paths`. A file that cannot be read is refused whole (moved to `rejected/` beside
its inbox with a `.reason.txt`) and the warehouse is unchanged; a readable file loads its good rows and
quarantines the bad ones; the same bytes twice change nothing; a second file for the same source,
entity and date replaces the first one whole. The CSV files of one kind are read, checked and stored
together (`_batches`, one transaction for the batch, a laad_id per file); when a batch fails as a whole, its
files are loaded one by one, so one poisonous file still refuses only itself.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
import shutil
import traceback
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from ingest import pseudonym_key, raw_schema
from ingest.entities import Entity, Table
from ingest.errors import FileRefused
from ingest.masking import mask_bsn
from ingest.naming import identify, shown_name
from ingest.reading import CsvFile, SourceTable, csv_file, read_csv_files, read_xlsx_sheets
from ingest.reference import gemeentecodes
from ingest.stream import remove_leftovers
from ingest.validate import Dialect, check, good_rows_filter, quarantine_select
from semon.settings import OPERATOR_LOG, duckdb_memory

EXAMPLES_PER_FILE = 3
# CSV files of one kind are read, checked and stored together up to this size: big enough that DuckDB works on
# both cores through small files, small enough that a batch's temp tables stay in memory (docs/decisions.md).
BATCH_BYTES = 128 * 2**20
_NOT_SPACE = re.compile(rb"\S")
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


def _load_order(extract: _Extract) -> tuple[int, str, dt.date, str]:
    # The employer register first, so placements in the same run are checked against it; then kind by kind (the
    # files of a kind are read together), month by month.
    return (0 if extract.entity.bron == "werkgevers" else 1, extract.entity.key, extract.peildatum, extract.path.name)


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
        con = raw_schema.connect(warehouse)
        try:
            con.execute("set memory_limit = ?", [duckdb_memory()])
            con.execute("set checkpoint_threshold = '1GB'")  # one checkpoint at the end, not one per file
            # Before anything is changed, also the inbox: a run with another key is refused whole.
            pseudonym_key.check(con, key, warehouse)
            migrated = raw_schema.ensure(con)
            pseudonym_key.record(con, key)
            pseudonym_key.load_pads(con, key)
            extracts: list[_Extract] = []
            for path, inbox in found:
                try:
                    extracts.append(_identify(path, inbox))
                except FileRefused as refused:
                    reason = shown_name(refused.reason)  # it quotes parts of the name
                    _refuse(path, inbox, reason)
                    tell(FileOutcome(path.name, "geweigerd", reden=reason))
            known = _loaded_digests(con)
            batches = list(_batches(sorted(extracts, key=_load_order)))
            # The next batch's files are read, hashed and decoded in a thread while DuckDB checks and stores this
            # one (Python's part of a file ran on one core while DuckDB waited; DuckDB lets go of the GIL).
            with ThreadPoolExecutor(max_workers=1, thread_name_prefix="semon-lezen") as pool:

                def read(batch: list[_Extract]) -> list[Future[_Bytes]]:
                    return [pool.submit(_read_ahead, extract, n, known) for n, extract in enumerate(batch)]

                coming = read(batches[0]) if batches else []
                for k, batch in enumerate(batches):
                    ahead, coming = coming, read(batches[k + 1]) if k + 1 < len(batches) else []
                    for outcome in _ingest_batch(con, batch, ahead):
                        tell(outcome)
        finally:
            con.close()
        if migrated:  # an older warehouse: no old value left in its free blocks, every row group in the current size
            raw_schema.compact(warehouse)
    finally:
        log.removeHandler(handler)
        handler.close()
    return report


@dataclass
class _Ready:
    """A file that differs from its last load, decoded and its header checked: ready to be read and stored."""

    extract: _Extract
    bestand: int  # its number in the batch (`_bestand` in the temp tables)
    digest: str
    current: int | None  # the laad_id of the load it replaces (a correction)
    csv: CsvFile | None = None
    data: bytes | None = None  # a workbook's bytes
    kopie: str | None = None  # the warning when it is a copy of another date's file (`_a_copy`)


def _batches(extracts: list[_Extract]) -> Iterator[list[_Extract]]:
    """The extracts in load order, cut into batches: CSV files of one kind up to BATCH_BYTES together (a second file
    for the same date waits for the next batch, so it corrects the first); every workbook on its own."""
    batch: list[_Extract] = []
    size = 0
    for extract in extracts:
        try:
            bytes_ = extract.path.stat().st_size
        except OSError:  # gone or unreadable: reading it refuses it, in a batch of its own
            bytes_ = BATCH_BYTES
        joins = (
            batch
            and extract.entity.extension == "csv"
            and extract.entity.key == batch[0].entity.key
            and extract.peildatum not in {other.peildatum for other in batch}
            and size + bytes_ <= BATCH_BYTES
        )
        if batch and not joins:
            yield batch
            batch, size = [], 0
        batch.append(extract)
        size += bytes_
    if batch:
        yield batch


@dataclass(frozen=True)
class _Bytes:
    """A file read ahead: its digest and, for a CSV file that differs from its load known at the start of the run,
    its decoded text or why it cannot be decoded; otherwise its bytes (a workbook, or a file decoded only when it
    turns out to have changed after all)."""

    digest: str
    rows: bool  # anything after its first line (a workbook: always); a file without rows may be a copy
    data: bytes | None = None
    csv: CsvFile | None = None
    refused: FileRefused | None = None


def _loaded_digests(con: duckdb.DuckDBPyConnection) -> dict[tuple[str, str, dt.date], str]:
    rows = con.execute(
        "select bron, entiteit, bestand_peildatum, inhoud_hash from raw.laadlog where status = 'geladen'"
    ).fetchall()
    return {(bron, entiteit, peildatum): digest for bron, entiteit, peildatum, digest in rows}


def _read_ahead(extract: _Extract, bestand: int, known: dict[tuple[str, str, dt.date], str]) -> _Bytes:
    """Read, hash and (a CSV file that is not the one already loaded) decode a file; runs in a worker thread."""
    entity = extract.entity
    data = extract.path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    rows = entity.extension != "csv" or _rows_after_the_header(data)
    if entity.extension != "csv" or known.get((entity.bron, entity.entiteit, extract.peildatum)) == digest:
        return _Bytes(digest, rows, data)
    try:
        csv = csv_file(bestand, data, entity.tables[0], extract.path.name, str(extract.path))
        return _Bytes(digest, rows, csv=csv)
    except FileRefused as refused:
        return _Bytes(digest, rows, refused=refused)


def _rows_after_the_header(data: bytes) -> bool:
    """Anything but white space after the first line (a search from there: no copy of a large file)."""
    ends = [i for i in (data.find(b"\n"), data.find(b"\r")) if i >= 0]
    return bool(ends) and _NOT_SPACE.search(data, min(ends)) is not None


def _ingest_batch(
    con: duckdb.DuckDBPyConnection, batch: list[_Extract], ahead: list[Future[_Bytes]]
) -> list[FileOutcome]:
    """Ingest a batch, its files read ahead; whatever goes wrong with one file refuses that file only, and the rest
    goes on."""
    outcomes: dict[int, FileOutcome] = {}
    ready: list[_Ready] = []
    for bestand, extract in enumerate(batch):
        try:
            read = ahead[bestand].result()
            found = _prepare(con, extract, bestand, read)
            if isinstance(found, _Ready) and read.rows:
                found.kopie = _a_copy(con, extract, read.digest, ready)
        except Exception as error:  # _refused re-raises what is not about this file
            outcomes[bestand] = _refused(extract, error)
            continue
        if isinstance(found, FileOutcome):
            outcomes[bestand] = found
        else:
            ready.append(found)
    groups: dict[object, list[_Ready]] = {}
    for item in ready:
        groups.setdefault(item.csv.batch_key() if item.csv else item.bestand, []).append(item)
    for group in groups.values():
        outcomes.update(_load_guarded(con, group))
    return [outcomes[bestand] for bestand in range(len(batch))]


def _prepare(con: duckdb.DuckDBPyConnection, extract: _Extract, bestand: int, read: _Bytes) -> _Ready | FileOutcome:
    """Unchanged since its last load (an outcome), or ready to load; FileRefused when it cannot be decoded."""
    entity, name, digest = extract.entity, extract.path.name, read.digest
    # fetchall, not fetchone: a result left open makes a later con.register fail ("Resource In Use").
    found = con.execute(
        "select laad_id, inhoud_hash from raw.laadlog "
        "where bron = ? and entiteit = ? and bestand_peildatum = ? and status = 'geladen'",
        [entity.bron, entity.entiteit, extract.peildatum],
    ).fetchall()
    current = found[0] if found else None
    if current and current[1] == digest:
        return _outcome(extract, "ongewijzigd")
    ready = _Ready(extract, bestand, digest, current[0] if current else None)
    if read.refused:
        raise read.refused
    if entity.extension == "csv":
        assert read.csv is not None or read.data is not None
        ready.csv = read.csv or csv_file(bestand, read.data, entity.tables[0], name, str(extract.path))
    else:
        ready.data = read.data
    return ready


def _a_copy(con: duckdb.DuckDBPyConnection, extract: _Extract, digest: str, earlier: list[_Ready]) -> str | None:
    """Whether a file with rows is, byte for byte, a file of the same kind and another date: loaded before, or read
    before it in its batch. A measurement's copy is refused (FileRefused): the rows of a new month carry its peildata,
    so a copy is last month's file sent again (an export that did not run), and loaded it would show a month in which
    nobody was scored and no Wajong or Wsw stand was measured. A snapshot's copy loads with the warning returned: it
    is either that or a month in which nothing changed (a small entity may have one), and a month of thousands of
    clients without a change reads as a month nobody came or left until the next delivery. A correction has the date
    it corrects. Dates as dd-mm-jjjj: a reason is masked for BSN-shaped runs of digits, a name's date among them."""
    entity = extract.entity
    twins = [item.extract.peildatum for item in earlier if item.digest == digest]
    twins += [
        datum
        for (datum,) in con.execute(
            "select bestand_peildatum from raw.laadlog where bron = ? and entiteit = ? and inhoud_hash = ? "
            "and bestand_peildatum <> ? order by laad_id limit 1",
            [entity.bron, entity.entiteit, digest, extract.peildatum],
        ).fetchall()
    ]
    if not twins:
        return None
    same = f"inhoud is byte voor byte gelijk aan het extract van {twins[0]:%d-%m-%Y}"
    if entity.measurement:
        raise FileRefused(
            extract.path.name,
            f"{same}: waarschijnlijk is dat opnieuw verstuurd (een nieuwe maand heeft nieuwe peildata); lever het "
            f"extract van {extract.peildatum:%d-%m-%Y}",
        )
    return f"{same}: niets veranderd, of is dat extract opnieuw verstuurd?"


def _outcome(extract: _Extract, status: str = "geladen", reden: str | None = None) -> FileOutcome:
    entity = extract.entity
    return FileOutcome(extract.path.name, status, entity.bron, entity.entiteit, extract.peildatum, reden=reden)


def _refused(extract: _Extract, error: Exception) -> FileOutcome:
    """Refuse one file for `error`: its reason to the sender, the technical detail to the operator log."""
    name = extract.path.name
    if isinstance(error, duckdb.FatalException):
        raise error  # the warehouse connection is gone: a failure of the run, not of this file
    if isinstance(error, FileRefused):
        reason = mask_bsn(error.reason)
        if error.technical:
            log.warning("%s geweigerd: %s | %s", shown_name(name), reason, mask_bsn(error.technical))
    else:  # one poisonous file must not stop the monitor
        trace = "".join(traceback.format_exception(error))
        log.error("%s: onverwachte fout\n%s", shown_name(name), mask_bsn(trace))
        reason = UNEXPECTED
    _refuse(extract.path, extract.inbox, reason)
    return _outcome(extract, "geweigerd", reason)


def _drop_temps(con: duckdb.DuckDBPyConnection) -> None:
    temps = con.execute(
        "select 'view', view_name from duckdb_views() where temporary and not internal union all "
        "select 'table', table_name from duckdb_tables() where temporary and table_name <> 'pseudoniemen' "
        "and table_name <> 'pseudonym_key'"
    ).fetchall()
    if temps:
        con.execute("; ".join(f'drop {kind} if exists "{name}"' for kind, name in temps))


def _load_guarded(con: duckdb.DuckDBPyConnection, group: list[_Ready]) -> dict[int, FileOutcome]:
    """Load a group; when it fails as a whole, load its files one by one, so only the file at fault is refused."""
    try:
        return _load(con, group)
    except Exception as error:  # _refused re-raises what is not about one file
        if isinstance(error, duckdb.FatalException):
            raise
        _drop_temps(con)
        if len(group) == 1:
            return {group[0].bestand: _refused(group[0].extract, error)}
        outcomes: dict[int, FileOutcome] = {}
        for item in group:
            outcomes.update(_load_guarded(con, [item]))
        return outcomes


def _load(con: duckdb.DuckDBPyConnection, group: list[_Ready]) -> dict[int, FileOutcome]:
    """Read a group in one statement per table, check it in one pass and store it in one transaction: every file
    whole or not at all (a refused one leaves no rows behind), each under its own laad_id."""
    entity = group[0].extract.entity
    refusals: dict[int, FileRefused] = {}
    if entity.extension == "csv":
        table = entity.tables[0]
        sources, refusals = read_csv_files(con, [item.csv for item in group if item.csv], table)
        tables = [(table, sources)]
    else:
        assert len(group) == 1 and group[0].data is not None
        tables = _read_workbook(con, group[0])
    # Made here, not kept on the file: when the batch fails, each file is loaded again with a fresh outcome.
    outcomes = {
        item.bestand: FileOutcome(
            item.extract.path.name,
            "geladen",
            entity.bron,
            entity.entiteit,
            item.extract.peildatum,
            waarschuwingen=[item.kopie] if item.kopie else [],
        )
        for item in group
        if item.bestand not in refusals
    }
    if outcomes:
        _store_batch(con, [item for item in group if item.bestand in outcomes], tables, outcomes)
    # Refused only now: had the batch failed, its files would be read again one by one, this one too.
    for item in group:
        if item.bestand in refusals:
            outcomes[item.bestand] = _refused(item.extract, refusals[item.bestand])
    return outcomes


def _store_batch(
    con: duckdb.DuckDBPyConnection,
    group: list[_Ready],
    tables: list[tuple[Table, list[SourceTable]]],
    outcomes: dict[int, FileOutcome],
) -> None:
    """Store the read files of a group in one transaction, each under its own laad_id."""
    entity = group[0].extract.entity
    started = dt.datetime.now()
    con.execute("begin transaction")
    try:
        first = con.execute("select coalesce(max(laad_id), 0) + 1 from raw.laadlog").fetchone()[0]
        laad_ids = {item.bestand: first + k for k, item in enumerate(group)}
        for item in group:
            if item.current is not None:
                _retire(con, entity, old=item.current, new=laad_ids[item.bestand])
                outcomes[item.bestand].status = "correctie"
        con.execute(
            "create or replace temp table laden as select unnest(?::integer[]) as _bestand, "
            "unnest(?::integer[]) as _laad_id, unnest(?::varchar[]) as _bron_bestand, "
            "unnest(?::date[]) as _bestand_peildatum",
            [
                [item.bestand for item in group],
                [laad_ids[item.bestand] for item in group],
                [item.extract.path.name for item in group],
                [item.extract.peildatum for item in group],
            ],
        )
        for table, sources in tables:
            if sources:
                _store(
                    con, table, sources, outcomes, laad_ids, {item.bestand: item.extract.peildatum for item in group}
                )
        for item in group:
            outcomes[item.bestand].waarschuwingen.extend(_unknown_employers(con, entity, laad_ids[item.bestand]))
        con.executemany(
            "insert into raw.laadlog values (?, ?, ?, ?, ?, ?, 'geladen', null, ?, ?, ?, ?, current_localtimestamp())",
            [
                [
                    laad_ids[item.bestand],
                    item.extract.path.name,
                    item.digest,
                    entity.bron,
                    entity.entiteit,
                    item.extract.peildatum,
                    outcomes[item.bestand].rijen,
                    outcomes[item.bestand].quarantaine,
                    " | ".join(outcomes[item.bestand].waarschuwingen) or None,
                    started,
                ]
                for item in group
            ],
        )
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    finally:
        _drop_temps(con)


def _read_workbook(con: duckdb.DuckDBPyConnection, item: _Ready) -> list[tuple[Table, list[SourceTable]]]:
    """Read every sheet of a workbook into its own temp table; refuse the whole file on a read error."""
    assert item.data is not None
    entity, name = item.extract.entity, item.extract.path.name
    sources = []
    for table_name, sheet in read_xlsx_sheets(item.data, entity.tables, name).items():
        temp = f"src_{table_name}"
        frame = sheet.frame.to_arrow()  # noqa: F841 - read by DuckDB's replacement scan below
        con.execute(f"create or replace temp table {temp} as select {item.bestand} as _bestand, * from frame")
        table = next(t for t in entity.tables if t.name == table_name)
        source = SourceTable(
            temp,
            item.bestand,
            "either",
            "dd-mm-jjjj",
            sheet.extra_columns,
            (),
            sheet.frame.height,
            warnings=sheet.warnings,
        )
        sources.append((table, [source]))
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
    sources: list[SourceTable],
    outcomes: dict[int, FileOutcome],
    laad_ids: dict[int, int],
    bestandsdata: dict[int, dt.date],
) -> None:
    """Check the files of temp table `sources[0].name` in one pass and store their good rows and quarantine; temp
    table `laden` gives each file (`_bestand`) its laad_id, name and date."""
    first = sources[0]
    dialect = Dialect(first.decimal_style, first.date_hint, gemeentecodes())
    check(con, first.name, table, dialect, bestandsdata)
    good = good_rows_filter(table)
    names = ", ".join(f'"{column.stored_name}"' for column in table.columns)
    values = ", ".join(column.stored_sql for column in table.columns)
    # A good row's BSN is valid, so the run's map has its pseudonym (Column.stored_sql reads it as p.persoon_id).
    bsn = next((c.checked_name for c in table.columns if c.kind == "bsn"), None)
    pseudonym = f' left join pseudoniemen p on p.bsn = checked."{bsn}"' if bsn else ""
    loaded = dict(con.execute(f"select _bestand, count(*) filter (where {good}) from checked group by 1").fetchall())
    # DuckDB takes the filter on the good rows for a selective one and would turn the join around: the checked rows
    # held in a hash table, the rows stored in the map's order instead of the file's. Kept as written: the map is
    # the hash table, the checked rows stream past it in their order.
    con.execute("set disabled_optimizers = 'build_side_probe_side'")
    try:
        con.execute(
            f"insert into raw.{table.name} (laad_id, bron_bestand, bestand_peildatum, regelnummer, {names}) "
            f"select _laad_id, _bron_bestand, _bestand_peildatum, regelnummer, {values} "
            f"from checked join laden using (_bestand){pseudonym} where {good}"
        )
    finally:
        con.execute("reset disabled_optimizers")
    for source in sources:
        outcome = outcomes[source.bestand]
        outcome.rijen += loaded.get(source.bestand, 0)
        outcome.waarschuwingen.extend(source.warnings)
        if source.extra_columns:
            outcome.waarschuwingen.append(
                f"{table.name}: onverwachte kolommen niet opgeslagen (dataminimalisatie): "
                f"{', '.join(source.extra_columns)}"
            )
    # A clean file has nothing to quarantine (and a batch of clean files skips the join of its rows with their text).
    flawed = [s for s in sources if loaded.get(s.bestand, 0) < s.rows or s.structural_errors]
    if not flawed:
        return
    con.execute(
        f"insert into raw.quarantaine ({QUARANTAINE_COLUMNS}) "
        "select _laad_id, _bron_bestand, ?, regelnummer, kolom, waarde, reden "
        f"from ({quarantine_select(table, first.name, dialect)}) join laden using (_bestand)",
        [table.name],
    )
    for source in flawed:
        laad_id, name = laad_ids[source.bestand], outcomes[source.bestand].bestand
        if source.record_numbers:  # a quoted field spans lines: also keep the row a spreadsheet shows
            con.execute(
                "update raw.quarantaine q set recordnummer = s.recordnummer "
                f"from (select distinct regelnummer, recordnummer from {source.name} where _bestand = ?) s "
                "where q.laad_id = ? and q.tabel = ? and q.regelnummer = s.regelnummer "
                "and s.recordnummer <> s.regelnummer",
                [source.bestand, laad_id, table.name],
            )
        if source.structural_errors:
            # One statement over lists: executemany runs a statement per row (0.75 ms each, 1.6 s for the ladder's
            # 2,123 rows with a field too many at scale 28).
            lines, reasons, records = zip(*source.structural_errors, strict=True)
            con.execute(
                f"insert into raw.quarantaine ({QUARANTAINE_COLUMNS}, recordnummer) "
                "select ?, ?, ?, unnest(?::integer[]), '*', null, unnest(?::varchar[]), unnest(?::integer[])",
                [laad_id, name, table.name, list(lines), [mask_bsn(reason) for reason in reasons], list(records)],
            )
        # The first examples and, on each, the number of quarantined rows (none when nothing was quarantined).
        examples = con.execute(
            "select regelnummer, kolom, waarde, reden, recordnummer, count(distinct regelnummer) over () "
            "from raw.quarantaine where laad_id = ? and tabel = ? order by regelnummer, kolom limit ?",
            [laad_id, table.name, EXAMPLES_PER_FILE],
        ).fetchall()
        outcomes[source.bestand].quarantaine += examples[0][-1] if examples else 0
        outcomes[source.bestand].voorbeelden.extend(_example(name, *example[:-1]) for example in examples)


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
        "select count(*), string_agg(distinct kvk, ', ' order by kvk) from raw.werkplein_plaatsingen p "
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
