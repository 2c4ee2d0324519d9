"""Notes on the figures ("duiding"): a short text on one indicator, one municipality and one month (issue 14).

They live in a small SQLite file of their own beside the warehouse (`notities.sqlite`, `SEMON_NOTITIES`), not in
the warehouse: that one is read-only for the app and replaced whole on every publish and rollback, and a note
must outlive both. The bottom layer, so the app (writes and shows them) and the report (prints them) read the
same store; who may write is the app's business (app/notities.py), not this module's.

The text is free: stripped of control characters, cut to `MAX_TEKST` characters and BSN-shaped runs of digits
masked (semon.masking) before it is stored. It is stored as plain text; whoever shows it escapes it for its
medium (the app shows it as text, plotly gets it HTML-escaped). The file is created owner-only
(semon/permissions.py) and uses SQLite's rollback journal (not WAL), so a reader needs no write access.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from semon import permissions, settings
from semon.masking import mask_bsn

MAX_TEKST = 280  # characters: a note says why a figure moved, it is not a memo
SCHEMA_VERSIE = 1
_CONTROLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u2028\u2029]")  # newline (\n) stays, \r\n becomes \n
_GEMEENTECODE = re.compile(r"GM[0-9]{4}")
_SCHEMA = """
create table if not exists notities (
    id integer primary key autoincrement,
    indicator text not null,
    gemeentecode text not null,
    maand text not null,          -- first day of the month, ISO (2026-03-01)
    tekst text not null,
    auteur text not null,
    rol text not null,
    gemaakt text not null         -- ISO timestamp, seconds
)
"""


class OngeldigeNotitie(ValueError):
    """A note that cannot be stored (empty, unknown municipality code); the message is for the user, in Dutch."""


@dataclass(frozen=True)
class Notitie:
    id: int
    indicator: str
    gemeentecode: str
    maand: dt.date
    tekst: str
    auteur: str
    rol: str
    gemaakt: dt.datetime


def pad() -> Path:
    return settings.notities_path()


def schoon(tekst: str) -> str:
    """The text as it is stored: no control characters, no BSN, at most `MAX_TEKST` characters, trimmed."""
    tekst = _CONTROLE.sub(" ", tekst.replace("\r\n", "\n").replace("\r", "\n"))
    tekst = mask_bsn(tekst).strip()
    if len(tekst) > MAX_TEKST:
        tekst = tekst[: MAX_TEKST - 1].rstrip() + "…"
    return tekst


@contextlib.contextmanager
def _verbinding(path: Path, *, schrijven: bool) -> Iterator[sqlite3.Connection | None]:
    """A connection to the store; None for a reader when there is no store yet (a reader never creates it)."""
    if not schrijven and not path.exists():
        yield None
        return
    if schrijven and not path.exists():
        permissions.private_dir(path.parent)
        # An empty file is an empty SQLite database, owner-only from the start. O_EXCL: two sessions writing the
        # first note at once must not have the second empty what the first already wrote.
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, permissions.file_mode()))
            permissions.secure(path)
        except FileExistsError:
            pass
    uri = f"{path.resolve().as_uri()}?mode={'rw' if schrijven else 'ro'}"
    con = sqlite3.connect(uri, uri=True, timeout=10, isolation_level=None)
    try:
        if schrijven:
            con.execute("begin immediate")
            con.execute(_SCHEMA)
            con.execute(f"pragma user_version = {SCHEMA_VERSIE}")
        yield con
        if schrijven:
            con.execute("commit")
    except BaseException:
        if schrijven and con.in_transaction:
            con.execute("rollback")
        raise
    finally:
        con.close()
    if schrijven:
        permissions.secure(path)


def _rij(rij: tuple) -> Notitie:
    id_, indicator, gemeentecode, maand, tekst, auteur, rol, gemaakt = rij
    return Notitie(
        int(id_),
        indicator,
        gemeentecode,
        dt.date.fromisoformat(maand),
        tekst,
        auteur,
        rol,
        dt.datetime.fromisoformat(gemaakt),
    )


_KOLOMMEN = "id, indicator, gemeentecode, maand, tekst, auteur, rol, gemaakt"


def schrijf(
    indicator: str, gemeentecode: str, maand: dt.date, tekst: str, *, auteur: str, rol: str, path: Path | None = None
) -> Notitie:
    """Store a note (text cleaned by `schoon`) and return it as stored."""
    tekst = schoon(tekst)
    if not tekst:
        raise OngeldigeNotitie("Een lege notitie wordt niet bewaard.")
    if not _GEMEENTECODE.fullmatch(gemeentecode or ""):
        raise OngeldigeNotitie(f"Onbekende gemeentecode {gemeentecode!r}.")
    if not indicator:
        raise OngeldigeNotitie("Kies een indicator.")
    maand = maand.replace(day=1)
    gemaakt = dt.datetime.now().replace(microsecond=0)
    with _verbinding(path or pad(), schrijven=True) as con:
        cursor = con.execute(
            "insert into notities (indicator, gemeentecode, maand, tekst, auteur, rol, gemaakt) "
            "values (?, ?, ?, ?, ?, ?, ?)",
            (indicator, gemeentecode, maand.isoformat(), tekst, auteur, rol, gemaakt.isoformat()),
        )
        return Notitie(int(cursor.lastrowid), indicator, gemeentecode, maand, tekst, auteur, rol, gemaakt)


def lees(
    *,
    indicator: str | None = None,
    gemeenten: Iterable[str] | None = None,
    van: dt.date | None = None,
    tot: dt.date | None = None,
    path: Path | None = None,
) -> list[Notitie]:
    """Notes, oldest month first: of one indicator, some municipalities and months from `van` to `tot` (inclusive)."""
    clauses, params = [], []
    if indicator is not None:
        clauses.append("indicator = ?")
        params.append(indicator)
    if gemeenten is not None:
        codes = list(gemeenten)
        if not codes:
            return []
        clauses.append(f"gemeentecode in ({', '.join('?' * len(codes))})")
        params += codes
    if van is not None:
        clauses.append("maand >= ?")
        params.append(van.replace(day=1).isoformat())
    if tot is not None:
        clauses.append("maand <= ?")
        params.append(tot.replace(day=1).isoformat())
    where = f"where {' and '.join(clauses)}" if clauses else ""
    with _verbinding(path or pad(), schrijven=False) as con:
        if con is None:
            return []
        try:
            rijen = con.execute(f"select {_KOLOMMEN} from notities {where} order by maand, id", params).fetchall()
        except sqlite3.OperationalError as error:  # created but never written: no table yet
            if "no such table" in str(error):
                return []
            raise
    return [_rij(r) for r in rijen]


def haal(id_: int, *, path: Path | None = None) -> Notitie | None:
    with _verbinding(path or pad(), schrijven=False) as con:
        if con is None:
            return None
        try:
            rij = con.execute(f"select {_KOLOMMEN} from notities where id = ?", (id_,)).fetchone()
        except sqlite3.OperationalError:
            return None
    return None if rij is None else _rij(rij)


def verwijder(id_: int, *, path: Path | None = None) -> Notitie | None:
    """Delete one note; return it as it was (None when it was not there)."""
    with _verbinding(path or pad(), schrijven=True) as con:
        rij = con.execute(f"select {_KOLOMMEN} from notities where id = ?", (id_,)).fetchone()
        if rij is None:
            return None
        con.execute("delete from notities where id = ?", (id_,))
    return _rij(rij)
