"""The audit log: who viewed which page with which filters, and who exported what (JSON lines, own file).

Kept beside the warehouse (`audit.log`) unless `SEMON_AUDIT` names another file; only the role beheer can
read it in the app (Beheer → Toegang & audit). Each event holds the URL parameters as given (cut to a sane
length) and the selection the page really used (`selectie`, defaults included), so the month and group a
person looked at can be reconstructed. Writing, rotation and the hash chain are in `semon.auditlog`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import streamlit as st

from app.toegang import huidig
from semon import auditlog, settings
from semon.masking import mask_bsn

T = TypeVar("T")


def pad() -> Path:
    return settings.audit_path()


def _url() -> dict[str, object]:
    """The URL parameters; a repeated one (several doelgroepen) as a list."""
    params = {}
    for key in list(st.query_params)[: auditlog.MAX_ITEMS + 1]:
        values = st.query_params.get_all(key)
        values = [mask_bsn(v) for v in values]  # a BSN typed into a URL is not kept either
        params[key] = values[0] if len(values) == 1 else values
    return params


def selectie() -> dict[str, object]:
    """The effective selection (app.filters.huidig: codes, with the defaults of widgets not touched)."""
    from app import filters  # here: filters → queries → beheer imports this module

    try:
        f = filters.huidig()
    except Exception as error:  # the event is written all the same, with why the selection is missing
        return {"onbekend": type(error).__name__}
    return {
        "gemeente": f.gemeente,
        "doelgroepen": list(f.doelgroepen),
        "periode": f.periode,
        "maand": f.maand.isoformat(),
        "begin": f.begin.isoformat(),
        "eind": f.eind.isoformat(),
        "leeftijd": f.leeftijdsklasse,
        "geslacht": f.geslacht,
    }


def _event(actie: str, **details: object) -> dict[str, object]:
    toegang = huidig()
    return {
        "tijd": _nu(),
        "gebruiker": toegang.gebruiker,
        "rol": toegang.rol,
        "gemeente": toegang.gemeente,
        "actie": actie,
        "filters": _url(),
        "selectie": selectie(),
        **details,
    }


def _nu() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


def log(actie: str, **details: object) -> None:
    """Append one event (a page view, a note) with the viewer, the URL and the selection in effect."""
    auditlog.schrijf(pad(), _event(actie, **details))


def bij_export(maak: Callable[[], T], **details: object) -> Callable[[], T]:
    """`maak`, a download button's deferred data, that logs the export when the file is made (the click).

    The viewer, URL and selection are taken now, in the run that draws the button: the file is made outside any
    run. The button then needs no rerun on a click (`on_click="ignore"`): with one, Streamlit could drop the
    button's file before the browser asked for it, and the click did nothing.
    """
    event = _event("export", **details)

    def maak_en_log() -> T:
        data = maak()
        auditlog.schrijf(pad(), {**event, "tijd": _nu()})
        return data

    return maak_en_log
