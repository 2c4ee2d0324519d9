"""Where things live: warehouse path, pseudonym key, project folders (from the environment)."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"
APP_ENTRYPOINT = PROJECT_ROOT / "app" / "main.py"
DEFAULT_WAREHOUSE = Path("warehouse") / "semon.duckdb"
DEMO_DATA_DIR = Path("data") / "demo"
DEFAULT_INBOX = Path("data") / "inbox"
OMGEVINGEN = ("production", "demo")


class OnbekendeOmgeving(ValueError):
    """SEMON_ENV holds something else than production or demo: refused rather than guessed."""


def omgeving() -> str:
    """`production` or `demo` (also when SEMON_ENV is unset), compared without case or surrounding spaces.

    Any other value, an empty one included, is refused: a typo such as `productie` or `Production ` must not
    quietly turn into demo mode with its role switcher.
    """
    raw = os.environ.get("SEMON_ENV")
    if raw is None:
        return "demo"
    value = raw.strip().lower()
    if value not in OMGEVINGEN:
        raise OnbekendeOmgeving(
            f"SEMON_ENV={raw!r} is onbekend; toegestaan zijn 'production', 'demo' of de variabele niet zetten"
        )
    return value


def inbox_path() -> Path:
    """Where the source systems drop their extracts for `semon refresh` / `semon watch`: `SEMON_INBOX`."""
    return Path(os.environ.get("SEMON_INBOX", str(DEFAULT_INBOX))).resolve()


def warehouse_path() -> Path:
    """The live warehouse file: `SEMON_WAREHOUSE`, else `warehouse/semon.duckdb` (relative to the cwd)."""
    return Path(os.environ.get("SEMON_WAREHOUSE", str(DEFAULT_WAREHOUSE))).resolve()


def duckdb_memory() -> str:
    """DuckDB's memory limit for ingest and build (`SEMON_DUCKDB_MEMORY`, default 3GB); past it, DuckDB spills to disk.

    Without a limit DuckDB takes up to 80 % of the machine's memory: a national build then used 10 GiB.
    """
    return os.environ.get("SEMON_DUCKDB_MEMORY", "3GB")


def key_file_path() -> Path:
    """Where the generated pseudonym key is kept: outside the repository, in the user's config."""
    if "SEMON_KEY_FILE" in os.environ:
        return Path(os.environ["SEMON_KEY_FILE"])
    config_home = Path(os.environ.get("XDG_CONFIG_HOME", Path.home() / ".config"))
    return config_home / "semon" / "pseudonym.key"


def pseudonym_key() -> bytes:
    """The HMAC key for persoon_id: `SEMON_PSEUDONYM_KEY` (hex or text), else a key file made on first use.

    The same key must be used for every load, or the same person gets a different persoon_id.
    """
    env = os.environ.get("SEMON_PSEUDONYM_KEY")
    if env:
        try:
            return bytes.fromhex(env)
        except ValueError:
            return env.encode("utf-8")
    path = key_file_path()
    if path.exists():
        return bytes.fromhex(path.read_text().strip())
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_bytes(32)
    # Create with 0600 from the start so the key is never world-readable, not even briefly.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key.hex() + "\n")
    return key
