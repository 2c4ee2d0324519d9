"""The pseudonym key inside a run: its HMAC pads for the SQL, and the guard that every run uses the same key.

The same BSN must give the same persoon_id in every load. A run with another key (SEMON_PSEUDONYM_KEY changed, or
SEMON_KEY_FILE missing on a new server, so that a new key file is made) would give every person a new persoon_id:
their history splits, and flows, herinstroom and durability count them twice without any error. So the raw layer
keeps a fingerprint of its key (`raw.sleutel`), and a run whose key has another fingerprint is refused whole.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from pathlib import Path

import duckdb

from ingest.errors import KeyMismatch
from semon import settings

# The fingerprint is the HMAC of this fixed text under the key: it tells keys apart and reveals nothing of the key
# or of any persoon_id (a BSN never has this form).
FINGERPRINT_TEXT = b"semon: vingerafdruk van de pseudoniemsleutel"


def fingerprint(key: bytes) -> str:
    return hmac.new(key, FINGERPRINT_TEXT, hashlib.sha256).hexdigest()


def check(con: duckdb.DuckDBPyConnection, key: bytes, warehouse: Path) -> None:
    """Raise KeyMismatch when the warehouse was filled with another key. A warehouse without a fingerprint (new,
    or from before the guard) accepts the key of its first run (`record`)."""
    recorded = _recorded(con)
    if recorded is None or recorded == fingerprint(key):
        return
    source = (
        "SEMON_PSEUDONYM_KEY is gezet"
        if settings.pseudonym_key_from_environment()
        else f"het sleutelbestand {settings.key_file_path()} (SEMON_KEY_FILE)"
    )
    raise KeyMismatch(
        f"de pseudoniemsleutel is niet de sleutel waarmee het warehouse {warehouse} is gevuld. Met een andere "
        "sleutel krijgt ieder persoon een nieuw persoon_id en tellen mensen dubbel, dus is er niets ingelezen en is "
        f"de inbox onaangeroerd. De sleutel kwam nu uit {source}. Zet SEMON_PSEUDONYM_KEY of SEMON_KEY_FILE op de "
        "sleutel van de eerdere ladingen (een kwijtgeraakte sleutel vraagt een nieuw warehouse, uit alle extracten)."
    )


def record(con: duckdb.DuckDBPyConnection, key: bytes) -> None:
    """Keep the key's fingerprint in a warehouse that has none yet (after `raw_schema.ensure` made its table)."""
    if _recorded(con) is None:
        con.execute("insert into raw.sleutel values (?, ?)", [fingerprint(key), dt.datetime.now()])


def load_pads(con: duckdb.DuckDBPyConnection, key: bytes) -> None:
    """Keep the HMAC pads in a temp table (memory only): the SQL in validate.py joins it."""
    if len(key) > 64:
        key = hashlib.sha256(key).digest()
    padded = key.ljust(64, b"\x00")
    ipad = bytes(b ^ 0x36 for b in padded)
    opad = bytes(b ^ 0x5C for b in padded)
    con.execute("create or replace temp table pseudonym_key as select ?::blob as ipad, ?::blob as opad", [ipad, opad])


def _recorded(con: duckdb.DuckDBPyConnection) -> str | None:
    exists = con.execute(
        "select count(*) from duckdb_tables() where database_name = current_database() and schema_name = 'raw' "
        "and table_name = 'sleutel'"
    ).fetchone()[0]
    return con.execute("select min(vingerafdruk) from raw.sleutel").fetchone()[0] if exists else None
