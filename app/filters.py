"""The global filters (gemeente, doelgroep, periode, maand, leeftijd, geslacht): one sidebar for every page, in the URL.

Each widget is bound to a query parameter, so a link reopens the same selection. The URL carries the labels
people read ("Hengelo", "juni 2024"); `huidig()` turns them into the codes the marts use.
"""

from __future__ import annotations

import datetime as dt
import functools

import polars as pl
import streamlit as st

from app import link, queries
from app.selectie import GESLACHTEN, PERIODES, Filters, maand_label
from app.toegang import Toegang
from app.toegang import huidig as huidig_toegang

TWENTE = "Twente (alle gemeenten)"
ALLE = "Alle"
ALLE_DOELGROEPEN = "Alle doelgroepen"
NIET_TOEGEPAST = "_niet_toegepast"  # this run's lines of niet_toegepast(), for the exported chart images
LEEFTIJDSKLASSEN = ["<27", "27-34", "35-44", "45-54", "55+", "onbekend"]
PAGINA = "_filters_pagina"  # the page of the previous run: a page switch hands the selection back (below)


def render(kijker: Toegang, pagina: str = "") -> list[str]:
    """Draw the filters in the sidebar (called once per run by the entrypoint, before the page `pagina`); returns a
    sentence for each value of the link that names no option (app/link.py), for the page to show.

    A municipality's users are offered their own municipality only; the query layer refuses the rest anyway.
    """
    st.session_state[NIET_TOEGEPAST] = []  # a new run of a page: its own lines only
    gemeenten = queries.gemeenten()
    if kijker.rol == "gemeente":
        keuzes = list(gemeenten.filter(gemeenten["gemeentecode"] == kijker.gemeente)["naam"])
    else:
        keuzes = [TWENTE, *gemeenten["naam"]]
    labels = queries.labels("doelgroep")
    opties = {
        "gemeente": keuzes,
        "doelgroep": list(labels.filter(labels["code"] != "ALLE")["label"]),
        "venster": list(PERIODES.values()),
        "periode": [maand_label(m) for m in queries.maanden()["maand"]],
        "leeftijd": [ALLE, *LEEFTIJDSKLASSEN],
        "geslacht": [ALLE, *GESLACHTEN.values()],
    }
    _bij_paginawissel(pagina, opties)
    maanden = list(queries.maanden()["maand"])
    onbekend = link.lees(opties, lambda: _spellingen(gemeenten, labels, maanden, opties["leeftijd"]))
    with st.sidebar:
        st.selectbox("Gemeente", opties["gemeente"], key="gemeente", bind="query-params")
        st.multiselect(
            "Doelgroep",
            opties["doelgroep"],
            key="doelgroep",
            bind="query-params",
            placeholder=ALLE_DOELGROEPEN,
            help="Leeg: alle doelgroepen. Meer doelgroepen samen telt iedereen die in minstens één ervan zit één keer.",
        )
        st.selectbox("Periode", opties["venster"], key="venster", bind="query-params")
        st.selectbox(
            "Maand",
            opties["periode"],
            key="periode",
            bind="query-params",
            help="De (laatste) maand van de periode. Standen gelden op de laatste dag van de maand.",
        )
        st.selectbox("Leeftijd", opties["leeftijd"], key="leeftijd", bind="query-params")
        st.selectbox("Geslacht", opties["geslacht"], key="geslacht", bind="query-params")
    if not onbekend:
        return []
    getoond = {k: _getoond(st.session_state[k]) for k in onbekend}
    waarom = {"periode": f"daarvan zijn geen gegevens (wel van {maand_label(min(maanden))} t/m {opties['periode'][0]})"}
    if kijker.rol == "gemeente":
        waarom["gemeente"] = f"met uw toegang ziet u alleen {keuzes[0]}"
    return link.meldingen(onbekend, getoond, waarom)


def _spellingen(
    gemeenten: pl.DataFrame, labels: pl.DataFrame, maanden: list[dt.date], leeftijden: list[str]
) -> dict[str, dict[str, str]]:
    """Per filter, the other spellings a link may carry for its options: the marts' codes, ISO months, any case."""
    return {
        "gemeente": link.spellingen(
            [("Twente", TWENTE), (TWENTE, TWENTE)]
            + [(s, naam) for code, naam in gemeenten.select("gemeentecode", "naam").iter_rows() for s in (code, naam)]
        ),
        "doelgroep": link.spellingen(
            (s, label) for code, label in labels.select("code", "label").iter_rows() for s in (code, label)
        ),
        "venster": link.spellingen((s, label) for code, label in PERIODES.items() for s in (code, label)),
        "periode": link.maand_spellingen(maanden),
        "leeftijd": link.spellingen((k, k) for k in leeftijden),
        "geslacht": link.spellingen((s, label) for code, label in GESLACHTEN.items() for s in (code, label)),
    }


def _getoond(waarde: object) -> str:
    """A widget's value as the page names it (the doelgroep multiselect gives a list, empty for all)."""
    if isinstance(waarde, list):
        return " of ".join(waarde) or ALLE_DOELGROEPEN.lower()
    return str(waarde)


def _bij_paginawissel(pagina: str, opties: dict[str, list[str]]) -> None:
    """On the first run of a newly chosen page, set each filter to its own value from code, so that Streamlit sends it
    to the browser and the URL binding writes it into the address.

    A click on a sidebar link just after a page has loaded, before the browser has bound the filters to the URL,
    opens the new page without them: the figures keep the selection (it lives in the session), but the sidebar showed
    the defaults and the address lost it (docs/decisions.md). A value no longer offered is left to the widget."""
    if st.session_state.get(PAGINA) == pagina:
        return
    st.session_state[PAGINA] = pagina
    for sleutel, keuzes in opties.items():
        waarde = st.session_state.get(sleutel)
        if waarde is not None and all(w in keuzes for w in (waarde if isinstance(waarde, list) else [waarde])):
            st.session_state[sleutel] = waarde


def _doelgroep_keuze(waarde: object) -> list[str]:
    """The multiselect's value; an old link carries one label as text (`doelgroep=Wajong`)."""
    if waarde is None:
        return []
    return [waarde] if isinstance(waarde, str) else list(waarde)


_WIDGETS = ("gemeente", "doelgroep", "periode", "venster", "leeftijd", "geslacht")
_NIET_GETEKEND = object()  # a widget not drawn (yet): its default applies


def huidig() -> Filters:
    """The current selection as codes (defaults where a widget has not been drawn, e.g. in a unit test)."""
    state = st.session_state
    widgets = tuple(_bevroren(state[k]) if k in state else _NIET_GETEKEND for k in _WIDGETS)
    eigen = huidig_toegang().gemeente
    for _ in range(2):
        try:
            return _bewaard(queries.versie(), eigen, widgets)
        except _Gepubliceerd:
            continue
    return _selectie(eigen, widgets)


class _Gepubliceerd(Exception):
    """A publish landed while the selection was worked out: it may mix two versions, so it is not kept."""


def _bevroren(waarde: object) -> object:
    """A widget's value as part of a key: the doelgroep multiselect gives a list."""
    return tuple(waarde) if isinstance(waarde, list) else waarde


@functools.lru_cache(maxsize=256)
def _bewaard(versie: object, eigen: str | None, widgets: tuple[object, ...]) -> Filters:
    """The selection, kept per published warehouse, viewer's municipality and widget values: a run asks for it once
    per audit event and export button too, and each time read four cached answers (a copy each) and filtered them,
    about a sixth of the app's script time in the AppTest modules (docs/decisions.md)."""
    selectie = _selectie(eigen, widgets)
    if queries.versie() != versie:  # a rollback would bring this fingerprint back: never keep another version here
        raise _Gepubliceerd
    return selectie


def _selectie(eigen: str | None, widgets: tuple[object, ...]) -> Filters:
    """The selection for the widgets' values on the published warehouse (its labels, municipalities and months) for
    a viewer of municipality `eigen`."""
    gemeenten = queries.gemeenten()
    doelgroepen = queries.labels("doelgroep")
    maanden = queries.maanden()
    state = {k: waarde for k, waarde in zip(_WIDGETS, widgets, strict=True) if waarde is not _NIET_GETEKEND}
    standaard = TWENTE if eigen is None else gemeenten.filter(gemeenten["gemeentecode"] == eigen)["naam"].item()
    naam = state.get("gemeente", standaard)
    code = None if naam == TWENTE else gemeenten.filter(gemeenten["naam"] == naam)["gemeentecode"].item()
    codes = dict(zip(doelgroepen["label"], doelgroepen["code"], strict=True))
    gekozen = [n for n in _doelgroep_keuze(state.get("doelgroep")) if n in codes and codes[n] != "ALLE"]
    bits = queries.doelgroep_bits()
    masker = 0
    for naam_doelgroep in gekozen:
        masker |= bits.get(codes[naam_doelgroep]) or 0
    by_label = {maand_label(m): m for m in maanden["maand"]}
    maand = by_label.get(state.get("periode", ""), maanden["maand"][0])
    periode = next((k for k, v in PERIODES.items() if v == state.get("venster")), "maand")
    leeftijd = state.get("leeftijd", ALLE)
    geslacht_naam = state.get("geslacht", ALLE)
    geslacht = next((c for c, n in GESLACHTEN.items() if n == geslacht_naam), None)
    return Filters(
        gemeente=code,
        gemeente_naam=naam,
        doelgroepen=tuple(codes[n] for n in gekozen),
        doelgroep_naam=" of ".join(gekozen) if gekozen else ALLE_DOELGROEPEN,
        maand=maand,
        leeftijdsklasse=None if leeftijd == ALLE else leeftijd,
        geslacht=geslacht,
        periode=periode,
        laatste_maand=maanden["maand"].max(),
        masker=masker,
        jongeren="JONGEREN_U27" in (codes[n] for n in gekozen),
    )


def doelgroep_label(code: str) -> str:
    """The name of one doelgroep on screen."""
    labels = queries.labels("doelgroep")
    return labels.filter(labels["code"] == code)["label"].item()


def niet_toegepast(f: Filters, **redenen: str) -> None:
    """One short line for each chosen filter this page (or part of it) cannot apply, with why.

    `redenen` maps a filter (doelgroep, leeftijd, geslacht, periode) to the reason; filters left at "all" say nothing.
    """
    for naam, reden in redenen.items():
        if naam in f.gekozen():
            regel = f"{naam.capitalize()} niet toegepast: {reden}."
            st.caption(regel, help="De andere filters gelden wel.")
            st.session_state.setdefault(NIET_TOEGEPAST, []).append(regel)


def beschrijving_export(f: Filters) -> str:
    """The selection in full words, as an exported chart carries it."""
    leeftijd = f.leeftijdsklasse or ALLE.lower()
    geslacht = GESLACHTEN[f.geslacht].lower() if f.geslacht else ALLE.lower()
    return f"Gemeente: {f.gemeente_naam} · Doelgroep: {f.doelgroep_naam} · Leeftijd: {leeftijd} · Geslacht: {geslacht}"


def niet_toegepast_nu() -> tuple[str, ...]:
    """The lines niet_toegepast() wrote in this run of the page."""
    return tuple(st.session_state.get(NIET_TOEGEPAST, ()))
