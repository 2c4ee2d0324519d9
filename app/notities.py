"""Notes on the figures in the app: who may write them, the list and the form on a page, markers on a chart.

The store is `semon.notities` (a SQLite file beside the warehouse, outside what a publish or rollback replaces).
Rules (docs/decisions.md, issue 14): beheer writes and deletes notes for every municipality, gemeente for its own,
regio reads. Every role reads every note: a note explains a municipality's total, which every role sees in the
benchmark. Writing and deleting go to the audit log, with the text. The text is shown as plain text (a table
cell), never as Markdown or HTML; in a chart's hover it is HTML-escaped.
"""

from __future__ import annotations

import calendar
import datetime as dt
import html
import logging
import sqlite3
import textwrap
from collections.abc import Iterable, Mapping

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from app import audit, queries
from app.formatting import maand as maand_naam
from app.formatting import maand_kort, tijdstip
from app.queries import GeenToegang
from app.toegang import Toegang, huidig
from semon import notities
from semon.notities import MAX_TEKST, Notitie, OngeldigeNotitie

log = logging.getLogger("semon.notities")
KLEUR = "#000000"  # the marker: black reads on white and beside every line colour
SYMBOOL = "diamond"


def mag_schrijven(toegang: Toegang, gemeentecode: str | None) -> bool:
    """May this viewer write (or delete) a note on this municipality?"""
    if toegang.rol == "beheer":
        return gemeentecode is not None
    return toegang.rol == "gemeente" and gemeentecode is not None and gemeentecode == toegang.gemeente


def schrijfbare_gemeenten(toegang: Toegang) -> list[str]:
    if toegang.rol == "beheer":
        return list(queries.gemeenten()["gemeentecode"])
    return [toegang.gemeente] if toegang.rol == "gemeente" and toegang.gemeente else []


def schrijf(indicator: str, gemeentecode: str, maand: dt.date, tekst: str) -> Notitie:
    """Store a note for the current viewer (role checked here, not by hiding the form) and audit it."""
    toegang = huidig()
    if not mag_schrijven(toegang, gemeentecode):
        raise GeenToegang("Met uw rol kunt u geen notitie bij deze gemeente schrijven.")
    notitie = notities.schrijf(indicator, gemeentecode, maand, tekst, auteur=toegang.gebruiker, rol=toegang.rol)
    audit.log(
        "notitie",
        handeling="geschreven",
        notitie=notitie.id,
        indicator=indicator,
        notitie_gemeente=gemeentecode,  # not `gemeente`: that is the viewer's own
        maand=notitie.maand.isoformat(),
        tekst=notitie.tekst,
    )
    return notitie


def verwijder(id_: int) -> Notitie | None:
    """Delete a note the viewer may write, and audit it (with the text it had)."""
    toegang = huidig()
    notitie = notities.haal(id_)
    if notitie is None:
        return None
    if not mag_schrijven(toegang, notitie.gemeentecode):
        raise GeenToegang("Met uw rol kunt u deze notitie niet verwijderen.")
    weg = notities.verwijder(id_)
    if weg is not None:
        audit.log(
            "notitie",
            handeling="verwijderd",
            notitie=weg.id,
            indicator=weg.indicator,
            notitie_gemeente=weg.gemeentecode,
            maand=weg.maand.isoformat(),
            tekst=weg.tekst,
            auteur=weg.auteur,
        )
    return weg


def lees(indicatoren: Iterable[str], gemeenten: Iterable[str] | None = None) -> list[Notitie]:
    """The notes on these indicators (and municipalities), oldest month first; read fresh on every run.

    A store that cannot be read (permissions, a damaged file) costs the notes, never the page: a warning for the
    operator in the server's log, one line for the viewer."""
    gekozen, codes = list(indicatoren), None if gemeenten is None else list(gemeenten)
    try:
        uit = [n for i in gekozen for n in notities.lees(indicator=i, gemeenten=codes)]
    except (sqlite3.Error, OSError) as fout:
        log.warning("notities onleesbaar (%s): %s", notities.pad(), fout)
        st.caption("De notities zijn nu niet te lezen; beheer is gewaarschuwd (zie het log van de server).")
        return []
    return sorted(uit, key=lambda n: (n.maand, n.id))


def _hover(nummer: int, n: Notitie, gemeente: str) -> str:
    """The hover text of a marker: plotly reads a subset of HTML, so the note is escaped, line by line."""
    regels = [html.escape(r) for regel in n.tekst.splitlines() for r in (textwrap.wrap(regel, 60) or [""])]
    kop = html.escape(f"Notitie {nummer} · {gemeente} · {maand_naam(n.maand)}")
    voet = html.escape(f"{n.auteur}, {tijdstip(n.gemaakt)}")
    return f"<b>{kop}</b><br>{'<br>'.join(regels)}<br><i>{voet}</i>"


def _namen() -> dict[str, str]:
    frame = queries.gemeenten()
    return dict(zip(frame["gemeentecode"], frame["naam"], strict=True))


def op_lijnen(figuur: go.Figure, lijst: list[Notitie], waarden: Mapping[tuple[str, dt.date], float | None]) -> None:
    """Markers on the lines of a chart per municipality: a note sits on its municipality's value in its month.

    `waarden` maps (gemeentecode, month) to the value drawn; a note whose value is hidden or unknown sits on
    `waarden[("TWENTE", month)]` when given, else it is only listed."""
    namen = _namen()
    punten = []
    for nummer, n in enumerate(lijst, start=1):
        y = waarden.get((n.gemeentecode, n.maand))
        if y is None:
            y = waarden.get(("TWENTE", n.maand))
        if y is not None:
            punten.append((nummer, n, y))
    if not punten:
        return
    figuur.add_trace(
        go.Scatter(
            x=[n.maand for _, n, _ in punten],
            y=[y for _, _, y in punten],
            name="Notitie",
            mode="markers+text",
            marker={"symbol": SYMBOOL, "size": 14, "color": "white", "line": {"color": KLEUR, "width": 2}},
            text=[str(nummer) for nummer, _, _ in punten],
            textposition="top center",
            textfont={"color": KLEUR},
            customdata=[_hover(nummer, n, namen.get(n.gemeentecode, n.gemeentecode)) for nummer, n, _ in punten],
            hovertemplate="%{customdata}<extra></extra>",
        )
    )


def op_maanden(
    figuur: go.Figure, lijst: list[Notitie], *, peildatum: bool = False, indicatoren: Iterable[str] | None = None
) -> None:
    """Markers on a chart with a month axis but no line per municipality: a dotted line at the note's month and
    its number above the plot (the note in its hover). `peildatum`: the axis shows month ends, not first days.
    `indicatoren`: only the notes on these (numbered as in the page's whole list)."""
    namen = _namen()
    alleen = None if indicatoren is None else set(indicatoren)
    for nummer, n in enumerate(lijst, start=1):
        if alleen is not None and n.indicator not in alleen:
            continue
        x = n.maand.replace(day=calendar.monthrange(n.maand.year, n.maand.month)[1]) if peildatum else n.maand
        figuur.add_vline(x=x, line_dash="dot", line_color=KLEUR, line_width=1)
        figuur.add_annotation(
            x=x,
            y=1,
            yref="paper",
            yanchor="bottom",
            text=f"◆ {nummer}",
            showarrow=False,
            font={"color": KLEUR},
            hovertext=_hover(nummer, n, namen.get(n.gemeentecode, n.gemeentecode)),
        )


def sectie(indicatoren: Mapping[str, str], lijst: list[Notitie], f, *, key: str) -> None:
    """The notes of this page as a table (numbered as on the chart), and for a role that may write, a form to
    add one and a choice to delete one. `indicatoren` maps code → name (the indicators this page shows)."""
    toegang = huidig()
    namen = _namen()
    st.subheader("Notities", help="Wat verklaart een beweging: een korte duiding bij een indicator, gemeente en maand.")
    if lijst:
        frame = pl.DataFrame(
            {
                "Nr": list(range(1, len(lijst) + 1)),
                "Maand": [maand_naam(n.maand) for n in lijst],
                "Gemeente": [namen.get(n.gemeentecode, n.gemeentecode) for n in lijst],
                "Indicator": [indicatoren.get(n.indicator, n.indicator) for n in lijst],
                "Notitie": [n.tekst for n in lijst],
                "Door": [n.auteur for n in lijst],
                "Geschreven": [tijdstip(n.gemaakt) for n in lijst],
            }
        )
        st.dataframe(frame, hide_index=True, key=f"notities_{key}")  # plain text: no Markdown, no HTML
    else:
        st.caption("Nog geen notities bij deze figuur.")
    gemeenten = schrijfbare_gemeenten(toegang)
    if not gemeenten:
        st.caption("Met de rol regio leest u de notities; schrijven doen beheer en de gemeenten zelf.")
        return
    melding = st.session_state.pop(f"notitie_melding_{key}", None)
    if melding:
        st.success(melding, icon=":material/check:")
    with (
        st.expander("Notitie schrijven", icon=":material/edit_note:"),
        st.form(f"notitie_form_{key}", clear_on_submit=True),
    ):
        kolommen = st.columns(3)
        indicator = kolommen[0].selectbox(
            "Indicator", list(indicatoren), format_func=indicatoren.get, key=f"notitie_indicator_{key}"
        )
        standaard = f.gemeente if f.gemeente in gemeenten else gemeenten[0]
        gemeente = kolommen[1].selectbox(
            "Gemeente",
            gemeenten,
            index=gemeenten.index(standaard),
            format_func=lambda c: namen.get(c, c),
            key=f"notitie_gemeente_{key}",
        )
        maanden = list(queries.maanden()["maand"])
        maand = kolommen[2].selectbox(
            "Maand",
            maanden,
            index=maanden.index(f.maand) if f.maand in maanden else 0,
            format_func=maand_kort,
            key=f"notitie_maand_{key}",
        )
        tekst = st.text_area(
            "Notitie",
            max_chars=MAX_TEKST,
            placeholder="Bijvoorbeeld: nieuwe werkwijze jongerenloket per 1 maart",
            help="Geen namen of andere persoonsgegevens: iedere rol leest de notities. Een BSN wordt gemaskeerd.",
            key=f"notitie_tekst_{key}",
        )
        if st.form_submit_button("Notitie bewaren", icon=":material/save:"):
            try:
                notitie = schrijf(indicator, gemeente, maand, tekst or "")
            except (OngeldigeNotitie, GeenToegang) as fout:
                st.warning(str(fout))
            except (sqlite3.Error, OSError) as fout:
                log.error("notitie niet bewaard (%s): %s", notities.pad(), fout)
                st.error("De notitie kon niet worden bewaard; beheer is gewaarschuwd (zie het log van de server).")
            else:
                st.session_state[f"notitie_melding_{key}"] = (
                    f"Notitie bewaard bij {namen.get(gemeente, gemeente)}, {maand_naam(notitie.maand)}."
                )
                st.rerun()
    eigen = [(nummer, n) for nummer, n in enumerate(lijst, start=1) if mag_schrijven(toegang, n.gemeentecode)]
    if eigen:
        links, rechts = st.columns([3, 1], vertical_alignment="bottom")
        keuze = links.selectbox(
            "Notitie verwijderen",
            [n.id for _, n in eigen],
            format_func=lambda i: next(
                f"{nr} · {namen.get(n.gemeentecode, n.gemeentecode)} · {maand_kort(n.maand)} · {n.tekst[:40]}"
                for nr, n in eigen
                if n.id == i
            ),
            index=None,
            placeholder="Kies een notitie",
            key=f"notitie_weg_{key}",
        )
        weg = rechts.button(
            "Verwijderen", icon=":material/delete:", key=f"notitie_verwijder_{key}", disabled=keuze is None
        )
        if weg and keuze is not None:
            verwijder(int(keuze))
            st.session_state[f"notitie_melding_{key}"] = "Notitie verwijderd."
            st.rerun()
