"""Questions only the role beheer may ask: the audit log."""

from __future__ import annotations

import json

import polars as pl

from app import audit
from app.queries import _toegang
from semon import auditlog


def _paren(values: dict | None) -> str:
    """`k=v&k=v1,v2` for a mapping from the log (a list as its items, nothing for an empty value)."""
    parts = []
    for key, value in (values or {}).items():
        if isinstance(value, list):
            value = ",".join(map(str, value))
        if value not in (None, ""):
            parts.append(f"{key}={value}")
    return "&".join(parts)


def _notitie(r: dict) -> str:
    """A note written or deleted, in one line: `geschreven · GM0153 · aandeel_trede_4_6 · 2026-03-01 · text`."""
    delen = [r.get("handeling"), r.get("notitie_gemeente"), r.get("indicator"), r.get("maand"), r.get("tekst")]
    return " · ".join(str(d) for d in delen if d)


KOLOMMEN = ("tijd", "gebruiker", "rol", "gemeente", "actie", "pagina", "bestand", "notitie", "filters", "selectie",
            "logbestand")  # fmt: skip


def _pagina(r: dict) -> str | None:
    """The page shown, with the address asked for when it was none the viewer may open (app/main._gevraagd_adres)."""
    return f"{r.get('pagina')} (gevraagd: {r['gevraagd']})" if r.get("gevraagd") else r.get("pagina")


def audit_log(limiet: int = 1000) -> pl.DataFrame:
    """The newest audit events first (at most `limiet`), from the log and, when it has fewer, its rotated copies
    (`audit.log.1` … `.N`, newest first); `logbestand` names the file each came from."""
    _toegang.rol("beheer")
    rows = []
    for file in reversed(auditlog.bestanden(audit.pad())):  # audit.log, then audit.log.1, .2, …
        for line in reversed(auditlog.regels(file)):
            if len(rows) >= limiet:
                break
            try:
                event = json.loads(line)
            except json.JSONDecodeError:  # a damaged line is shown as such (semon audit-check says where)
                event = {"tijd": None, "gebruiker": "?", "rol": "?", "actie": "onleesbare regel"}
            rows.append((file.name, event))
    return pl.DataFrame(
        [
            {
                "tijd": r["tijd"],
                "gebruiker": r["gebruiker"],
                "rol": r["rol"],
                "gemeente": r.get("gemeente"),
                "actie": r["actie"],
                "pagina": _pagina(r),
                "bestand": r.get("bestand"),
                "notitie": _notitie(r) if r.get("actie") == "notitie" else None,
                "filters": _paren(r.get("filters")),
                "selectie": _paren(r.get("selectie")),
                "logbestand": naam,
            }
            for naam, r in rows
        ],
        # Every column text: a long log may start with hundreds of events without a municipality or file.
        schema=dict.fromkeys(KOLOMMEN, pl.String),
    )


def audit_keten() -> auditlog.Controle:
    """The hash chain over the log and its rotated copies (what `semon audit-check` reports)."""
    _toegang.rol("beheer")
    return auditlog.controleer(audit.pad())
