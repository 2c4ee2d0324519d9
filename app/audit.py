"""The audit log: who viewed which page with which filters, and who exported what (JSON lines, own file).

Kept beside the warehouse (`audit.log`) unless `SEMON_AUDIT` names another file; only the role beheer can
read it in the app (Beheer → Toegang & audit).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import streamlit as st

from app.toegang import huidig
from semon import permissions, settings


def pad() -> Path:
    return Path(os.environ.get("SEMON_AUDIT", settings.warehouse_path().with_name("audit.log")))


def log(actie: str, **details: object) -> None:
    """Append one event (a page view or an export) with the viewer and the filters in the URL."""
    toegang = huidig()
    entry = {
        "tijd": dt.datetime.now().isoformat(timespec="seconds"),
        "gebruiker": toegang.gebruiker,
        "rol": toegang.rol,
        "gemeente": toegang.gemeente,
        "actie": actie,
        "filters": {k: st.query_params.get(k) for k in st.query_params},
        **details,
    }
    path = pad()
    with permissions.open_append(path) as handle:  # one write per line: lines of two sessions never mix
        handle.write(json.dumps(entry, ensure_ascii=False, default=str) + "\n")
