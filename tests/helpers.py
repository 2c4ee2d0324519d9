"""Helpers the test modules share: a read-only query on a warehouse file, fixtures made once per run, the README's
commands (the browser's are in helpers_browser)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import fcntl
import os
import pickle
import re
import shutil
import stat
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from app.selectie import Filters
from semon import settings
from semon.settings import APP_ENTRYPOINT
from semon.sqltext import quoted

REPO_ROOT = Path(__file__).resolve().parent.parent  # the checkout (the tests run from it)
STORY_EXTRACTS = REPO_ROOT / "tests" / "fixtures" / "extracts"
TEST_KEY = bytes.fromhex("00" * 16 + "7e57" * 8)  # persoon_id stable across the run, never the real key
T = TypeVar("T")
PLAUSIBLE_SCALE = 0.2  # a fifth of Twente: counts are a fifth, rates and shares as at full size

PAGES = {
    "overzicht": "Overzicht",
    "ladder": "Participatieladder",
    "plaatsingen": "Plaatsingen & uitstroom",
    "werkgevers": "Werkgevers & Pact",
    "jongeren": "Jongeren",
    "wsw": "WSW & beschut werk",
    "instrumenten": "Instrumenten & rendement",
    "prognoses": "Prognoses & scenario's",
    "benchmark": "Regionale benchmark Twente",
    "datakwaliteit": "Datakwaliteit",
}


_MEMORY: list[duckdb.DuckDBPyConnection] = []  # one in-memory DuckDB per test process, made on first use


@contextmanager
def attached(**files: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor with each warehouse file attached read-only under its name (`a=path`), the first one the default
    database; detached after. One in-memory DuckDB per test process holds them: a new DuckDB costs 12 ms here (its
    built-in extensions), an attach about 4 (the file's catalog), and the tests ask about a thousand questions."""
    if not _MEMORY:
        _MEMORY.append(duckdb.connect())
    cur = _MEMORY[0].cursor()
    names: list[str] = []
    try:
        for name, path in files.items():
            cur.execute(f"attach '{quoted(Path(path))}' as \"{name}\" (read_only)")
            names.append(f'"{name}"')
        cur.execute(f"use {names[0]}")
        yield cur
    finally:
        cur.execute("use memory")  # a database in use cannot be detached
        for name in names:
            cur.execute(f"detach {name}")
        cur.close()


def query(path: Path, sql: str, params: list[object] | None = None) -> list[tuple]:
    """`sql` on the warehouse file `path`, read-only, named after its stem as `duckdb.connect(path)` names it."""
    with attached(**{Path(path).stem: path}) as cur:
        return cur.execute(sql, params).fetchall()


def differing(a: Path, b: Path, table: str) -> tuple[int, int]:
    """Rows of `table` only in the warehouse `a`, and only in `b` (each row counted as often as it occurs)."""
    with attached(a=a, b=b) as cur:
        here, there = (
            cur.execute(f"select count(*) from (from {x}.{table} except all from {y}.{table})").fetchone()[0]
            for x, y in (("a", "b"), ("b", "a"))
        )
    return here, there


def open_app(
    warehouse: Path, monkeypatch: pytest.MonkeyPatch, page: str = "overzicht", *, rol: str = "beheer", **url: str
) -> AppTest:
    """The app on `page` in demo mode as `rol` (beheer: every page and municipality; demo mode starts as gemeente)."""
    monkeypatch.setenv("SEMON_WAREHOUSE", str(warehouse))
    at = AppTest.from_file(str(APP_ENTRYPOINT), default_timeout=60)
    at.session_state["rol"] = rol
    for name, value in url.items():
        at.query_params[name] = value
    at.run()
    if page != "overzicht":
        at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception, at.exception[0].message if at.exception else ""
    return at


def write_work(work: Path, value: int) -> None:
    """A minimal work database (warehouse/publish.py): one load in raw.laadlog and one mart holding `value`."""
    con = duckdb.connect(str(work))
    con.execute("create schema if not exists raw; create schema if not exists marts")
    con.execute("create or replace table raw.laadlog as select ? as laad_id", [value])
    con.execute("create or replace table marts.t as select ? as v", [value])
    con.close()


def newest_month(live: Path) -> str:
    """The newest month the published warehouse at `live` shows (the client flow's last month)."""
    return str(query(live, "select max(maand) from marts.mart_klantstroom")[0][0])


def metrics(at: AppTest) -> dict[str, str]:
    return {metric.label: metric.value for metric in at.metric}


def once(factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]) -> Path:
    """The folder `name`, filled by `make(folder)` by the first worker of this run that asks for it."""
    root = factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # basetemp/popen-gw0 → the folder all workers of this run share
    folder = root / f"shared-{name}"
    with open(root / f"shared-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not folder.exists():
            # Made aside and renamed when complete: a `make` that failed leaves no half-made folder for the next
            # worker, which tries again and fails with the same, first error.
            work = root / f"shared-{name}.{os.getpid()}"
            shutil.rmtree(work, ignore_errors=True)
            work.mkdir()
            make(work)
            work.rename(folder)
    return folder


def once_value(factory: pytest.TempPathFactory, name: str, compute: Callable[[], T]) -> T:
    """`compute()`, worked out by the first worker of this run that asks and read back (pickled) by the others."""

    def make(folder: Path) -> None:
        (folder / "value.pickle").write_bytes(pickle.dumps(compute()))

    return pickle.loads((once(factory, name, make) / "value.pickle").read_bytes())


def months_of(extracts: Path) -> list[str]:
    return sorted({p.stem.rsplit("_", 1)[-1] for p in extracts.iterdir() if p.is_file() and p.stem[-8:].isdigit()})


def deliver(extracts: Path, inbox: Path, months: list[str]) -> None:
    """Drop the files of these months (and every employer register up to them) into the inbox."""
    inbox.mkdir(parents=True, exist_ok=True)
    for source in extracts.iterdir():
        stamp = source.stem.rsplit("_", 1)[-1]
        if source.is_file() and stamp.isdigit() and stamp <= months[-1] and not (inbox / source.name).exists():
            shutil.copyfile(source, inbox / source.name)


def env_for(live: Path, inbox: Path) -> dict[str, str]:
    return {**os.environ, "SEMON_WAREHOUSE": str(live), "SEMON_INBOX": str(inbox)}


README = REPO_ROOT / "README.md"


def readme_command_lines() -> list[str]:
    """The command lines of the README's ```bash blocks, without their comments."""
    blocks = re.findall(r"```bash\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.DOTALL)
    lines = [line.split(" #")[0].strip() for block in blocks for line in block.splitlines()]
    return [line for line in lines if line]


def readme_environment(home: Path) -> dict[str, str]:
    """This environment with the README's `export` lines applied, their /srv/semon paths moved under `home`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SEMON_")}
    for line in readme_command_lines():
        if line.startswith("export "):
            name, value = line.removeprefix("export ").split("=", 1)
            value = value.replace("/srv/semon", str(home / "srv"))
            env[name] = "ab" * 32 if value.startswith("<") else value  # the placeholder: a key as described
    return env | {"SEMON_DBT_STATE": os.environ["SEMON_DBT_STATE"]}


def readme_argv(line: str) -> list[str]:
    """A README command line as arguments; `.venv/` is the environment these tests run in."""
    argv = line.split()
    return [argv[0].replace(".venv", sys.prefix, 1) if argv[0].startswith(".venv/") else argv[0], *argv[1:]]


def assert_private(live: Path, group: int | None) -> None:
    """The warehouse, its work database, status, operator log and generations: 0600 (0640 and the group with one)."""
    from warehouse.publish import generations, generations_dir, work_path
    from warehouse.status import status_path

    for path in [live, work_path(live), status_path(live), settings.operator_log_path(live), *generations(live)]:
        if path.exists():
            assert oct(stat.S_IMODE(path.stat().st_mode)) == oct(0o640 if group is not None else 0o600), path
            assert group is None or path.stat().st_gid == group, path
    if work_path(live).parent.exists():  # owner-only whatever the group: no reader needs the person-level rows
        assert oct(stat.S_IMODE(work_path(live).parent.stat().st_mode)) == oct(0o700)
    folder = generations_dir(live)
    if folder.exists():
        assert oct(stat.S_IMODE(folder.stat().st_mode)) == oct(0o750 if group is not None else 0o700)
    assert not live.with_name(live.name + ".building").exists()


# The 14 municipalities' codes in the seed's order (by name): every municipality an attacker or a check goes through.
GEMEENTEN = [
    r.split(",")[0] for r in (settings.DBT_PROJECT_DIR / "seeds" / "gemeenten.csv").read_text().splitlines()[1:]
]

# The doelgroepen' bits in the mart's mask (dbt_project/seeds/doelgroepen.csv), for a selection made by hand.
BITS = {"PW": 1, "DOELGROEPREGISTER": 32, "WAJONG": 64, "WSW": 128}


def ware_aantallen(warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The query layer on `warehouse` with nothing hidden and nothing moved: the true counts, to compare with SQL."""
    monkeypatch.setenv("SEMON_WAREHOUSE", str(warehouse))
    monkeypatch.setenv("SEMON_CELSLEUTEL", "uit")
    monkeypatch.setenv("SEMON_MIN_CEL", "1")


KORT = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]


def kwartaal_label(begin: dt.date, eind: dt.date) -> str:
    """A quarter as a page names it, by the first and last of its months in the data: "okt–dec 2025", "okt 2026"."""
    maanden = KORT[begin.month - 1] if begin.month == eind.month else f"{KORT[begin.month - 1]}–{KORT[eind.month - 1]}"
    return f"{maanden} {begin.year}"


def selectie(warehouse: Path, **keuze: object) -> Filters:
    """Twente, every doelgroep (or `doelgroepen`), the warehouse's newest month: the filters as the sidebar makes
    them, changed by `keuze` (periode, gemeente, …)."""
    newest = query(warehouse, "select max(maand) from marts.mart_indicator_cellen")[0][0]
    doelgroepen = tuple(keuze.pop("doelgroepen", ()))
    basis = Filters(
        gemeente=None,
        gemeente_naam="Twente",
        doelgroepen=doelgroepen,
        doelgroep_naam="",
        maand=newest,
        leeftijdsklasse=None,
        geslacht=None,
        laatste_maand=newest,
        masker=sum(BITS.get(d, 0) for d in doelgroepen),
        jongeren="JONGEREN_U27" in doelgroepen,
    )
    return dataclasses.replace(basis, **keuze)
