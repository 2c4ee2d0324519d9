"""The outcome of the last refresh, in `<live>.status.json` beside the warehouse: written by a refresh, read by
the data-quality page. A reader module: the app may import it (it never imports the writer modules)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from semon import permissions


@dataclass(frozen=True)
class RefreshStatus:
    tijd: str  # ISO timestamp of the attempt's end
    gelukt: bool
    melding: str  # one paragraph, Dutch
    nieuwe_bestanden: int
    geweigerde_bestanden: int = 0  # moved to rejected/ by this refresh (a status written before session 80 has none)
    # The sentence naming the files the last refresh that refused any refused, kept while refreshes find nothing new:
    # under cron or `semon watch` the next one comes minutes later and would otherwise wipe it from the page.
    weigering: str = ""


def status_path(live: Path) -> Path:
    return live.with_name(live.name + ".status.json")


def read_status(live: Path) -> RefreshStatus | None:
    """The last refresh attempt, or None when there was none."""
    try:
        return RefreshStatus(**json.loads(status_path(live).read_text(encoding="utf-8")))
    except FileNotFoundError:
        return None


def write_status(live: Path, status: RefreshStatus) -> None:
    path = status_path(live)
    temporary = path.with_suffix(".tmp")
    permissions.create_private(temporary)  # owner-only (or SEMON_GROEP) from the start
    temporary.write_text(json.dumps(asdict(status), ensure_ascii=False), encoding="utf-8")
    temporary.replace(path)  # readers never see half a status
