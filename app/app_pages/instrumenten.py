"""Instrumenten & rendement: running instruments, their cost and what followed them."""

from __future__ import annotations

import plotly.express as px
import streamlit as st

from app import charts, filters, queries
from app.components import grafiek, leeg, tabel, uitleg

f = filters.huidig()
st.title("Instrumenten & rendement")
st.caption(f"{f.beschrijving()} · lopend op de peildatum; gestart, beëindigd en kosten over de 12 maanden ervoor")

per_instrument = queries.instrumenten.per_instrument(f)
if per_instrument.is_empty():
    leeg(f"instrumenten ({f.beschrijving()})")
    st.stop()
tabel(
    per_instrument,
    f"instrumenten {f.beschrijving()}",
    telkolommen=["lopend", "gestart", "beeindigd", "uitstroom_werk_12m_na_einde", "duurzame_uitstroom"],
    kolomnamen={
        "instrument": "Instrument",
        "lopend": "Lopend",
        "gestart": "Gestart",
        "beeindigd": "Beëindigd",
        "kosten_eur": "Kosten gestart €",
        "kosten_eur_beeindigd": "Kosten beëindigd €",
        "uitstroom_werk_12m_na_einde": "Naar werk ≤ 12 mnd",
        "duurzame_uitstroom": "Duurzaam",
        "kosten_per_duurzame_uitstroom": "Kosten per duurzame uitstroom €",
    },
    key="instrumenten",
)
uitleg(queries.definitie("mart_instrumenten"))

reeks = queries.instrumenten.lopend_reeks(f)
figuur = px.line(reeks, x="maand", y="lopend", color="instrument", labels={"lopend": "Lopend", "maand": ""})
grafiek(charts.maanden_as(figuur), f"lopende instrumenten {f.gemeente_naam}", key="lopend")
