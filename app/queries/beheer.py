"""Questions only the role beheer may ask: the audit log."""

from __future__ import annotations

import json

import polars as pl

from app import audit
from app.queries import _toegang


def audit_log(limiet: int = 1000) -> pl.DataFrame:
    """The newest audit events first (at most `limiet`)."""
    _toegang.rol("beheer")
    path = audit.pad()
    if not path.exists():
        return pl.DataFrame()
    lines = path.read_text(encoding="utf-8").splitlines()[-limiet:]
    rows = [json.loads(line) for line in reversed(lines)]
    return pl.DataFrame(
        [
            {
                "tijd": r["tijd"],
                "gebruiker": r["gebruiker"],
                "rol": r["rol"],
                "gemeente": r.get("gemeente"),
                "actie": r["actie"],
                "pagina": r.get("pagina"),
                "bestand": r.get("bestand"),
                "filters": "&".join(f"{k}={v}" for k, v in (r.get("filters") or {}).items()),
            }
            for r in rows
        ]
    )
