"""WSW & beschut werk: employees by arbeidsvorm and SW organisation, standaardeenheden, the waiting list."""

from __future__ import annotations

import plotly.express as px
import streamlit as st

from app import charts, filters, queries
from app.components import grafiek, leeg, tabel, uitleg

f = filters.huidig()
st.title("WSW & beschut werk")
st.caption(f"{f.beschrijving()} · Wsw-werknemers en de wachtlijst")

per = st.segmented_control(
    "Werknemers per",
    ["arbeidsvorm", "sw_bedrijf", "indicatie"],
    default="arbeidsvorm",
    key="wsw_per",
    format_func={"arbeidsvorm": "Arbeidsvorm", "sw_bedrijf": "SW-bedrijf", "indicatie": "Indicatie"}.get,
    bind="query-params",
)
werknemers = queries.wsw.werknemers(f, per or "arbeidsvorm")
if werknemers.is_empty():
    leeg(f"Wsw-werknemers ({f.beschrijving()})")
else:
    tabel(
        werknemers,
        f"wsw per {per}",
        telkolommen=["personen"],
        kolomnamen={"personen": "Werknemers", "se": "SE"},
        key="wsw",
    )
uitleg(queries.definitie("mart_wsw"))

reeks = queries.wsw.werknemers_reeks(f)
if not reeks.is_empty():
    figuur = px.area(reeks, x="peildatum", y="personen", color="arbeidsvorm", labels={"personen": "Werknemers"})
    grafiek(charts.maanden_as(figuur), f"wsw verloop {f.gemeente_naam}", key="wsw_reeks")

st.subheader("Wachtlijst")
wachtlijst = queries.wsw.wachtlijst(f)
if wachtlijst.is_empty():
    leeg(f"de wachtlijst in {f.gemeente_naam}")
else:
    tabel(
        wachtlijst,
        f"wachtlijst {f.gemeente_naam}",
        telkolommen=[c for c in wachtlijst.columns if c != "maand"],
        key="wachtlijst",
    )
    uitleg(queries.definitie("mart_wsw_wachtlijst"))
