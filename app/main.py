"""Entrypoint of the monitor: who is looking, navigation, the shared filters, and a word when there is no data."""

from __future__ import annotations

import streamlit as st

from app import audit, filters, queries, toegang
from app.components import afdrukweergave, plotly_vooraf
from app.formatting import letterlijk

st.set_page_config(
    page_title="Sociale Economie Monitor Twente", page_icon=":material/stacked_line_chart:", layout="wide"
)


def _page(path: str, title: str, icon: str, url: str, *, default: bool = False) -> st.Page:
    return st.Page(f"app_pages/{path}.py", title=title, icon=f":material/{icon}:", url_path=url, default=default)


def _gevraagd_adres(bekend: set[str], hoofdpagina: str) -> str | None:
    """The page address the browser asked for when it is none of this viewer's pages (a mistyped link, or a beheer
    page in a municipality's session), else None. Streamlit would answer it with its own English "Page not found"
    dialog; its intent is reset so that the main page runs and the app says why in Dutch (_adresmelding). The main
    page's own address is such an address too: it opens without a word."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    manager = getattr(ctx, "pages_manager", None)
    if not hasattr(manager, "set_script_intent"):
        return None  # no run, or a Streamlit without these internals: its own dialog rather than a broken app
    gevraagd = getattr(manager, "intended_page_name", None)
    if getattr(manager, "intended_page_script_hash", None) or not gevraagd or gevraagd in bekend:
        return None  # a click in the navigation (by hash), the root, or one of the pages shown
    manager.set_script_intent("", "")
    return None if gevraagd == hoofdpagina else gevraagd


def _adresmelding(gevraagd: str, beheerpagina: dict[str, str]) -> str:
    if gevraagd in beheerpagina:
        return f"De pagina {beheerpagina[gevraagd]} is alleen voor beheer. U ziet het overzicht."
    # The address as text: a link's `/[klik](…)` drew a link of someone's making in the monitor's own notice.
    return f"Er is geen pagina op het adres {letterlijk('/' + gevraagd, 60)}. U ziet het overzicht."


HOOFDPAGINA = "overzicht"  # the main page's own address; Streamlit serves it at the root
kijker = toegang.vaststellen()
pages = {
    "Monitor": [
        _page("overzicht", "Overzicht", "dashboard", HOOFDPAGINA, default=True),
        _page("ladder", "Participatieladder", "stairs", "participatieladder"),
        _page("plaatsingen", "Plaatsingen & uitstroom", "work", "plaatsingen"),
        _page("werkgevers", "Werkgevers & Pact", "handshake", "werkgevers"),
        _page("jongeren", "Jongeren", "school", "jongeren"),
        _page("wsw", "WSW & beschut werk", "factory", "wsw"),
        _page("instrumenten", "Instrumenten & rendement", "construction", "instrumenten"),
        _page("prognoses", "Prognoses & scenario's", "query_stats", "prognoses"),
    ],
    "Regio": [_page("benchmark", "Regionale benchmark Twente", "leaderboard", "benchmark")],
}
beheer = [
    _page("datakwaliteit", "Datakwaliteit", "fact_check", "datakwaliteit"),
    _page("audit", "Toegang & audit", "policy", "audit"),
]
if kijker.rol == "beheer":
    pages["Beheer"] = beheer
gevraagd = _gevraagd_adres({p.url_path for section in pages.values() for p in section}, HOOFDPAGINA)
page = st.navigation(pages)

# Presentation mode (benchmark sessions on a shared screen, 1280×720): no sidebar nor header, large type, and
# little room above the page's title, so that the benchmark's ranking and map fit on the first screen.
if st.query_params.get("presentatie") == "true":
    st.markdown(
        "<style>[data-testid='stSidebar'],[data-testid='stSidebarCollapsedControl'],[data-testid='stHeader']"
        "{display:none}html{font-size:20px}"
        "[data-testid='stMainBlockContainer']{padding-top:0.6rem;padding-bottom:2rem;max-width:100%}"
        "h1{font-size:1.6rem!important;padding:0 0 0.2rem 0!important}</style>",
        unsafe_allow_html=True,
    )

try:
    queries.versie()
    uit_de_link = filters.render(kijker, pagina=page.url_path)
    plotly_vooraf()  # every page: whichever a visit starts on, its first chart page is then fast too
    # An address the viewer may not open is worth a look on the audit page: it goes into the event.
    audit.log("pagina", pagina=page.title, **({"gevraagd": f"/{gevraagd}"} if gevraagd else {}))
    afdrukweergave(page.title)
    if gevraagd:
        st.info(_adresmelding(gevraagd, {p.url_path: p.title for p in beheer}), icon=":material/link_off:")
    if uit_de_link:
        st.info("\n\n".join(uit_de_link), icon=":material/link_off:")
    page.run()
except queries.WarehouseNotReady as not_ready:
    st.title("Sociale Economie Monitor")
    st.warning(str(not_ready))
except queries.GeenToegang as forbidden:
    st.warning(str(forbidden), icon=":material/lock:")
