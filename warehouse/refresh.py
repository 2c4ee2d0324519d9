"""Refresh without downtime: ingest what is new, build and test, and publish only a warehouse that passed.

Ingest and build run on the work database inside one writer lock, and only marts that passed every test are
published (warehouse/publish.py), so readers see either the old marts or the new ones, never a mix. Every attempt is
recorded in `<live>.status.json` beside the warehouse (a failed attempt leaves the published file untouched), which
the data-quality page shows.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from semon import settings
from semon.crashpoint import crash_point
from warehouse.publish import built_loads, loads, publish_marts, published_loads, recording_build, writing
from warehouse.status import RefreshStatus, read_status, write_status

if TYPE_CHECKING:
    from ingest.load import FileOutcome


class NothingNew(Exception):
    """The inbox holds nothing the warehouse does not have: nothing to build or publish."""


def refresh(live: Path, inbox: Path, key: bytes) -> RefreshStatus:
    """Ingest the inbox, build with every dbt test, publish; record the outcome. Raises on failure."""
    from ingest.load import ingest_paths
    from warehouse.build import dbt_build, project_built, project_fingerprint

    new, built, whole, first = 0, False, False, True
    refused: list[FileOutcome] = []
    try:
        with writing(live) as work:
            report = ingest_paths(
                [inbox],
                warehouse=work,
                key=key,
                progress=lambda _: crash_point("ingest"),
                operator_log=settings.operator_log_path(live),  # beside the published file, where the README says
            )
            new = len(report.with_status("geladen")) + len(report.with_status("correctie"))
            refused = report.with_status("geweigerd")
            # Also build when nothing arrived but the work database is ahead of what it last published (a refresh
            # that failed a test, or one killed before it published; not ahead of `live`: a rollback stays), or when
            # its last build that passed ran another version of the monitor: an upgrade shows at once.
            newest, published = loads(work), published_loads(work)
            upgraded = project_built(work) != project_fingerprint()
            if new == 0 and published == newest and not upgraded:
                raise NothingNew
            # A refresh killed after its build passed: publish that build (unless the monitor was upgraded since).
            built = built_loads(work) == newest and not upgraded
            first = published is None  # nothing built before: whole, and nothing to say about it
            if not built:
                with recording_build(work):
                    # Only what the new loads changed, with the same result as a full build; whole after an upgrade.
                    whole = dbt_build(work, full=False).whole
            publish_marts(work, live)
    except NothingNew:
        melding, weigering = "Niets nieuws in de inbox; het warehouse is ongewijzigd.", _refused(refused)
        if refused:
            melding = f"Niets nieuws ingelezen; het warehouse is ongewijzigd. {weigering}"
        elif (vorige := read_status(live)) is not None and vorige.weigering:
            weigering = vorige.weigering
            eerder = dt.datetime.fromisoformat(vorige.tijd)
            melding = f"{melding} Eerder, op {eerder:%d-%m-%Y} om {eerder:%H:%M}: {weigering}"
        status = RefreshStatus(_now(), True, melding, 0, len(refused), weigering)
    except Exception as failure:
        status = RefreshStatus(_now(), False, f"Verversing mislukt; het vorige warehouse blijft staan. {failure}", new)
        write_status(live, status)
        raise
    else:
        if built:
            done = "gepubliceerd (al gebouwd en getest door een onderbroken verversing)"
        elif whole and not first:
            done = "alles opnieuw gebouwd (nieuwe rekenregels sinds de vorige bouw) en gepubliceerd"
        else:
            done = "gebouwd en gepubliceerd"
        bestanden = "1 nieuw bestand" if new == 1 else f"{new} nieuwe bestanden"
        melding = f"{bestanden} ingelezen, {done}. {_refused(refused)}".strip()
        status = RefreshStatus(_now(), True, melding, new, len(refused), _refused(refused))
    write_status(live, status)
    return status


SHOWN_REFUSALS = 3


def _refused(outcomes: list[FileOutcome]) -> str:
    """The files refused, with their reasons (the first few): a refresh run by cron or `semon watch` has no one
    reading the ingest's own lines, and the data-quality page shows this status."""
    if not outcomes:
        return ""
    shown = "; ".join(f"{o.bestand}: {o.reden}" for o in outcomes[:SHOWN_REFUSALS])
    more = f"; en {len(outcomes) - SHOWN_REFUSALS} meer" if len(outcomes) > SHOWN_REFUSALS else ""
    files = "1 bestand" if len(outcomes) == 1 else f"{len(outcomes)} bestanden"
    return f"{files} geweigerd (naar rejected/ naast de inbox, met de reden): {shown}{more}."


def watch(
    live: Path,
    inbox: Path,
    key: bytes,
    *,
    interval: float,
    iterations: int | None = None,
    report: Callable[[str], None] = print,
) -> None:
    """Poll the inbox and refresh when its contents changed and have settled.

    A file still being written changes between two looks, so the inbox must look the same twice in a row
    before a refresh. A refresh that failed on its content waits for the next change; one that found another
    writer busy is tried again on the next look.
    """
    from warehouse.publish import WriterBusy

    done: tuple[tuple[str, int, int], ...] | None = None
    previous: tuple[tuple[str, int, int], ...] | None = None
    count = 0
    while iterations is None or count < iterations:
        count += 1
        current = _signature(inbox)
        if current != done and current == previous:
            try:
                status = refresh(live, inbox, key)
                report(f"{status.tijd} {status.melding}")
                done = current
            except WriterBusy as busy:
                report(f"{_now()} {busy}; volgende keer opnieuw")
            except Exception as failure:  # keep watching: the next delivery may fix it
                report(f"{_now()} verversing mislukt: {str(failure).splitlines()[0]}")
                done = current
        previous = current
        if iterations is None or count < iterations:
            time.sleep(interval)


def _signature(inbox: Path) -> tuple[tuple[str, int, int], ...]:
    if not inbox.exists():
        return ()
    return tuple(sorted((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in inbox.iterdir() if p.is_file()))


def _now() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")
