"""A link's filter values before the widgets read them: other spellings taken, unknown values named.

Streamlit's URL binding takes a value only as the widget's own option text and drops any other without a word, so a
link with `gemeente=GM0164` or `periode=2024-06` showed Twente and the newest month as if that was what it asked. The
codes the marts use, ISO months and another letter case are read as the option they name, for the sidebar's filters
(`lees`, from app/filters.py) and a page's own choices (`keuze`); a value that names no option is said on the page, with
what is shown instead (docs/decisions.md, "A link's values are read or named").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from urllib.parse import urlencode

import streamlit as st
from streamlit.errors import StreamlitAPIException

from app.formatting import letterlijk
from app.selectie import maand_label

NAMEN = {
    "gemeente": "gemeente",
    "doelgroep": "doelgroep",
    "venster": "periode",
    "periode": "maand",
    "leeftijd": "leeftijd",
    "geslacht": "geslacht",
}  # the widget's key -> the word on its label in the sidebar
MEERVOUDIG = {"doelgroep"}  # multiselect: repeated in the URL


def _sleutel(tekst: str) -> str:
    return tekst.strip().casefold()


def spellingen(paren: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Each spelling (a code, a label, in any letter case) -> the option it names."""
    return {_sleutel(spelling): optie for spelling, optie in paren}


def maand_spellingen(maanden: Iterable[dt.date]) -> dict[str, str]:
    """A month as `2024-06`, `2024-06-01` or `Juni 2024` -> its option `juni 2024`."""
    return spellingen(
        (spelling, maand_label(m)) for m in maanden for spelling in (maand_label(m), m.isoformat(), m.strftime("%Y-%m"))
    )


def lees(
    opties: Mapping[str, list[str]],
    andere: Callable[[], Mapping[str, dict[str, str]]],
    optie: Mapping[str, object] | None = None,
) -> dict[str, list[str]]:
    """Read the link's values of the filters `opties` (key -> the options offered) before their widgets are drawn.

    A value in another spelling of an offered option (`andere()`: key -> spelling -> option, asked for only when a
    value is not an option's own text) is put in the address as that option, so the widget takes it and the address
    is then the one the monitor makes itself. Returns per key the values that name no offered option: Streamlit drops
    those and the widget keeps its default. `optie` maps a text to the widget's option where the two differ (a
    `format_func`)."""
    overnemen: dict[str, list[str]] = {}
    onbekend: dict[str, list[str]] = {}
    spellingen_: Mapping[str, dict[str, str]] | None = None
    for sleutel, keuzes in opties.items():
        waarden = [w for w in st.query_params.get_all(sleutel) if w != ""]
        if not waarden or all(w in keuzes for w in waarden):
            continue
        spellingen_ = spellingen_ or andere()
        gelezen = [w if w in keuzes else spellingen_.get(sleutel, {}).get(_sleutel(w)) for w in waarden]
        genomen = list(dict.fromkeys(o for o in gelezen if o in keuzes))
        if genomen and genomen != [w for w in waarden if w in keuzes]:
            overnemen[sleutel] = genomen if sleutel in MEERVOUDIG else genomen[-1:]
        if niet := [w for w, o in zip(waarden, gelezen, strict=True) if o not in keuzes]:
            onbekend[sleutel] = niet
    if overnemen and not _in_het_adres(overnemen):
        for sleutel, genomen in overnemen.items():  # the page shows them; the address loses them
            gekozen = [(optie or {}).get(t, t) for t in genomen]
            st.session_state[sleutel] = gekozen if sleutel in MEERVOUDIG else gekozen[0]
    return onbekend


def _in_het_adres(overnemen: Mapping[str, list[str]]) -> bool:
    """Put the options in the address as if the link had carried them; False where this Streamlit does not allow it.

    A bound widget takes its first value from the address as the run began (Streamlit keeps it apart from
    st.query_params and offers no public way to change it); a value set from code would reach the address only on a
    later run after a user's action (Streamlit 1.67: `SessionState._handle_query_param_binding`)."""
    from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

    ctx = get_script_run_ctx()
    toestand = getattr(ctx, "session_state", None)
    if toestand is None or not hasattr(toestand, "query_params"):
        return False
    adres = {k: st.query_params.get_all(k) for k in st.query_params} | dict(overnemen)
    try:
        with toestand.query_params() as qp:
            if not hasattr(qp, "set_initial_query_params"):
                return False
            qp.set_initial_query_params(urlencode(adres, doseq=True))
        for sleutel, genomen in overnemen.items():
            st.query_params[sleutel] = genomen
    except StreamlitAPIException:  # a widget bound in an earlier run of this page: its value wins anyway
        return False
    return True


def meldingen(
    onbekend: Mapping[str, list[str]],
    getoond: Mapping[str, str],
    waarom: Mapping[str, str],
    namen: Mapping[str, str] = NAMEN,
) -> list[str]:
    """One Markdown sentence per filter whose value in the link was not taken: the value, why (`waarom`, default: the
    monitor does not know it) and what is shown instead (`getoond`)."""
    zinnen = []
    for sleutel, waarden in onbekend.items():
        genoemd = " en ".join(letterlijk(w) for w in waarden)
        reden = waarom.get(sleutel, "die kent de monitor niet")
        zinnen.append(f"De link noemt {namen[sleutel]} {genoemd}: {reden}. Getoond: {getoond[sleutel]}.")
    return zinnen


@contextmanager
def keuze(
    sleutel: str, woord: str, teksten: Mapping[object, str], codes: Iterable[tuple[str, str]] = ()
) -> Iterator[None]:
    """Around a page's own choice bound to the address: `teksten` maps each option to its text in the address and on
    the widget (`Werkgever` for `werkgever`); a link's option code, another `codes` spelling (code, text) or another
    case is taken as that text, an unknown value is named under the widget (as the sidebar's, above)."""
    paren = [*((t, t) for t in teksten.values()), *((str(o), t) for o, t in teksten.items() if o is not None), *codes]
    optie = {t: o for o, t in teksten.items()}
    onbekend = lees({sleutel: list(teksten.values())}, lambda: {sleutel: spellingen(paren)}, optie)
    yield
    if onbekend:
        getoond = {sleutel: teksten.get(st.session_state.get(sleutel), "")}
        st.info("\n\n".join(meldingen(onbekend, getoond, {}, {sleutel: woord})), icon=":material/link_off:")
