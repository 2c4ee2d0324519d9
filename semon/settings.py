"""Every setting of the monitor in one place: each `SEMON_*` variable with its default and meaning, and where
the code's own resources live. The bottom of the stack: every package reads its settings here, and this
module imports nothing of the project.

Two kinds of place:
- resources that ship with the code (the dbt project, the app's entry point, the Streamlit config) are found
  next to the installed packages, so a non-editable install works outside the checkout;
- data (warehouse, inbox, role file) defaults to folders under the current working directory: the folder the
  monitor is run from is its home, in a checkout as in a deployment.
"""

from __future__ import annotations

import os
import secrets
import tomllib
from dataclasses import dataclass
from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parent.parent  # the checkout, or site-packages when installed
DBT_PROJECT_DIR = PACKAGE_ROOT / "dbt_project"
APP_ENTRYPOINT = PACKAGE_ROOT / "app" / "main.py"
# The Streamlit config `semon serve` passes on as options (in a checkout a link to .streamlit/config.toml).
STREAMLIT_CONFIG = PACKAGE_ROOT / "app" / "streamlit_config.toml"
DEMO_DATA_DIR = Path("data") / "demo"
OMGEVINGEN = ("production", "demo")


@dataclass(frozen=True)
class Variable:
    name: str
    default: str  # as the README shows it; "" when unset means something of its own (see meaning)
    meaning: str


VARIABLES = (
    Variable(
        "SEMON_WAREHOUSE",
        "warehouse/semon.duckdb",
        "the published warehouse file (the marts); the work database is beside it in `<file>.werk/`",
    ),
    Variable("SEMON_INBOX", "data/inbox", "where the source systems drop their extracts (refresh, watch)"),
    Variable(
        "SEMON_PSEUDONYM_KEY",
        "",
        "HMAC key of persoon_id (hex or text); unset: a key file made on first use (SEMON_KEY_FILE)",
    ),
    Variable("SEMON_KEY_FILE", "~/.config/semon/pseudonym.key", "the generated pseudonym key (owner-only)"),
    Variable("SEMON_ENV", "demo", "production (login required, demo mode refused) or demo; anything else stops"),
    Variable("SEMON_DEMO_ROL", "gemeente", "the role demo mode starts with: gemeente, regio or beheer"),
    Variable("SEMON_TOEGANG", "config/toegang.toml", "the role file: e-mail address → role (and gemeente)"),
    Variable("SEMON_MIN_CEL", "5", "the smallest count shown; smaller counts show as '< 5'"),
    Variable("SEMON_CELSLEUTEL", "aan", "cell key perturbation of published counts; 'uit' only outside production"),
    Variable("SEMON_GENERATIES", "3", "earlier published warehouses kept for a rollback"),
    Variable("SEMON_GROEP", "", "a group that may read the warehouse and its companions (else owner-only)"),
    Variable("SEMON_AUDIT", "audit.log beside the warehouse", "the audit log of views and exports"),
    Variable("SEMON_AUDIT_MAX_MB", "10", "size at which the audit log rotates"),
    Variable("SEMON_AUDIT_BEWAAR", "5", "rotated audit logs kept"),
    Variable(
        "SEMON_NOTITIES",
        "notities.sqlite beside the warehouse",
        "the notes on figures (SQLite): kept apart, so they survive every refresh and rollback",
    ),
    Variable(
        "SEMON_DBT_STATE",
        "dbt_project/target (checkout), ~/.cache/semon/dbt-target (installed)",
        "where dbt keeps its logs and, in a folder per warehouse file name, its manifest and partial parse; "
        "one folder per concurrent writer",
    ),
    Variable("SEMON_DUCKDB_MEMORY", "2.8GB", "DuckDB's memory limit for ingest and build (past it, it spills to disk)"),
    Variable(
        "SEMON_DUCKDB_ROW_GROUP_SIZE",
        "16384",
        "rows per row group in the work database (a multiple of 2048): a smaller table's month goes straight to the "
        "file, not through DuckDB's write-ahead log first; a change rewrites the file once",
    ),
    Variable(
        "SEMON_STOP_BIJ",
        "",
        "tests only: a refresh kills itself (SIGKILL) at this phase (ingest, build, publish) to test recovery",
    ),
    Variable(
        "SEMON_CHROMIUM",
        "/usr/bin/chromium",
        "the browser that draws the report's charts and a chart's PNG download (kaleido); in tests and bench also the "
        "one that drives the app",
    ),
)
_KNOWN = {v.name for v in VARIABLES}


def _get(name: str) -> str | None:
    assert name in _KNOWN, f"{name} is not declared in semon.settings.VARIABLES"
    return os.environ.get(name)


def _int(name: str, default: int, minimum: int | None = None) -> int:
    try:
        value = int(float(_get(name) or default))
    except ValueError:
        value = default
    return value if minimum is None else max(minimum, value)


class OnbekendeOmgeving(ValueError):
    """SEMON_ENV holds something else than production or demo: refused rather than guessed."""


def omgeving() -> str:
    """`production` or `demo` (also when SEMON_ENV is unset), compared without case or surrounding spaces.

    Any other value, an empty one included, is refused: a typo such as `productie` or `Production ` must not
    quietly turn into demo mode with its role switcher.
    """
    raw = _get("SEMON_ENV")
    if raw is None:
        return "demo"
    value = raw.strip().lower()
    if value not in OMGEVINGEN:
        raise OnbekendeOmgeving(
            f"SEMON_ENV={raw!r} is onbekend; toegestaan zijn 'production', 'demo' of de variabele niet zetten"
        )
    return value


def is_production() -> bool:
    """Production as far as safety goes: an unreadable SEMON_ENV that mentions production counts too."""
    return (_get("SEMON_ENV") or "").strip().lower() == "production"


def inbox_path() -> Path:
    return Path(_get("SEMON_INBOX") or "data/inbox").resolve()


def warehouse_path() -> Path:
    return Path(_get("SEMON_WAREHOUSE") or "warehouse/semon.duckdb").resolve()


def audit_path() -> Path:
    audit = _get("SEMON_AUDIT")
    return Path(audit) if audit else warehouse_path().with_name("audit.log")


def notities_path() -> Path:
    notities = _get("SEMON_NOTITIES")
    return Path(notities).resolve() if notities else warehouse_path().with_name("notities.sqlite")


OPERATOR_LOG = "semon-ingest.log"  # beside the warehouse: the technical detail of refused files, BSNs masked


def operator_log_path(warehouse: Path) -> Path:
    return warehouse.with_name(OPERATOR_LOG)


def audit_max_bytes() -> int:
    try:
        return max(1, int(float(_get("SEMON_AUDIT_MAX_MB") or 10) * 1024 * 1024))
    except ValueError:
        return 10 * 1024 * 1024


def audit_bewaar() -> int:
    return _int("SEMON_AUDIT_BEWAAR", 5, minimum=1)


def generaties() -> int:
    return _int("SEMON_GENERATIES", 3)


def min_cel() -> int:
    return _int("SEMON_MIN_CEL", 5)


def celsleutel_aan() -> bool:
    """Never off in production, whatever the setting says."""
    return is_production() or (_get("SEMON_CELSLEUTEL") or "aan").strip().lower() != "uit"


def demo_rol() -> str:
    return (_get("SEMON_DEMO_ROL") or "gemeente").strip().lower()


def toegang_path() -> Path:
    return Path(_get("SEMON_TOEGANG") or "config/toegang.toml")


def groep() -> str:
    return (_get("SEMON_GROEP") or "").strip()


def stop_bij() -> str:
    return (_get("SEMON_STOP_BIJ") or "").strip().lower()


def chromium() -> Path:
    return Path(_get("SEMON_CHROMIUM") or "/usr/bin/chromium")


def duckdb_memory() -> str:
    """Without a limit DuckDB takes up to 80 % of the machine's memory: a national build then used 10 GiB. The
    process holds 0.7-1.0 GiB beyond DuckDB's limit (dbt, Python, allocations outside DuckDB's buffer pool), so 2.8 GB
    keeps the full build of 60 national months under 4 GiB with about 0.4 GiB to spare (docs/performance.md)."""
    return _get("SEMON_DUCKDB_MEMORY") or "2.8GB"


VECTOR_SIZE = 2048  # DuckDB's: a row group holds a whole number of vectors


def duckdb_row_group_size() -> int:
    """DuckDB commits an append of fewer rows than a row group to its write-ahead log, and copies it into the file at
    the next checkpoint: written twice. With its default of 122,880 rows that held for most of a national month
    (docs/decisions.md). Rounded down to whole vectors, as DuckDB requires."""
    rows = _int("SEMON_DUCKDB_ROW_GROUP_SIZE", 16_384, minimum=VECTOR_SIZE)
    return rows - rows % VECTOR_SIZE


def streamlit_options() -> list[str]:
    """The Streamlit config as `--section.key=value` options, so `semon serve` works from any folder."""
    document = tomllib.loads(STREAMLIT_CONFIG.read_text(encoding="utf-8"))
    options = []
    for section, values in document.items():
        for key, value in values.items():
            text = str(value).lower() if isinstance(value, bool) else str(value)
            options.append(f"--{section}.{key}={text}")
    return options


def dbt_state_dir() -> Path:
    """Where dbt keeps its target (manifest, partial parse): in the checkout's dbt project, else a user cache."""
    if _get("SEMON_DBT_STATE"):
        return Path(_get("SEMON_DBT_STATE") or "").resolve()
    if (PACKAGE_ROOT / "pyproject.toml").exists():
        return DBT_PROJECT_DIR / "target"
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "semon" / "dbt-target"


def key_file_path() -> Path:
    """Where the generated pseudonym key is kept: outside the repository, in the user's config."""
    path = _get("SEMON_KEY_FILE")
    if path:
        return Path(path)
    config_home = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return config_home / "semon" / "pseudonym.key"


def pseudonym_key_from_environment() -> bool:
    """True when the pseudonym key is given in SEMON_PSEUDONYM_KEY (not read from the key file)."""
    return bool(_get("SEMON_PSEUDONYM_KEY"))


def pseudonym_key() -> bytes:
    """The HMAC key for persoon_id: `SEMON_PSEUDONYM_KEY` (hex or text), else a key file made on first use.

    The same key must be used for every load, or the same person gets a different persoon_id.
    """
    env = _get("SEMON_PSEUDONYM_KEY")
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
