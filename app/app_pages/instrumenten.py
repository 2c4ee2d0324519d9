"""Instrumenten & rendement: running instruments, their cost and what followed them."""

from __future__ import annotations

import plotly.express as px
import polars as pl
import streamlit as st

from app import charts, filters, queries
from app.components import grafiek, leeg, met_labels, tabel, uitleg, verstoord
from app.woorden import RENDEMENT_BEGIN, UITLEG

f = filters.huidig()
st.title("Instrumenten & rendement")
st.caption(f"{f.beschrijving()} · lopend aan het eind van de periode; gestart, beëindigd en kosten in de periode")
verstoord()

per_instrument = queries.instrumenten.per_instrument(f)
if per_instrument.is_empty():
    leeg(f"instrumenten ({f.beschrijving()})")
    st.stop()
tabel(
    per_instrument,
    f"instrumenten {f.beschrijving()}",
    telkolommen=["lopend", "gestart", "beeindigd"],
    labels={"instrument": "instrument"},
    kolomnamen={"kosten_eur": "Kosten gestart", "kosten_eur_beeindigd": "Kosten beëindigd"},
    key="instrumenten",
)
uitleg(UITLEG["instrumenten"])

st.subheader("Rendement: uitstroom naar werk en kosten per duurzame uitstroom")
rendement = queries.instrumenten.rendement(f)
if rendement.is_empty():
    st.info(
        "Nog niet te weten: uitstroom tot 12 maanden na een traject en 12 maanden zonder terugkeer daarna vragen "
        "24 maanden na het einde; daarvoor zijn 36 maanden gegevens nodig."
    )
else:
    eerste = rendement.row(0, named=True)
    st.caption(
        f"Instrumenten beëindigd in {filters.maand_label(eerste['venster_begin'])} t/m "
        f"{filters.maand_label(eerste['venster_einde'])}, gevolgd tot "
        f"{filters.maand_label(eerste['gevolgd_tot'].replace(day=1))}: "
        "de nieuwste periode waarin de uitkomst bekend is."
    )
    if vanaf := queries.instrumenten.gegevens_vanaf(eerste["venster_begin"]):
        st.caption(RENDEMENT_BEGIN.format(maand=filters.maand_label(vanaf)))
    tabel(
        rendement.drop("venster_begin", "venster_einde", "gevolgd_tot"),
        f"rendement instrumenten {f.beschrijving()}",
        telkolommen=["beeindigd", "uitstroom_werk_12m", "duurzame_uitstroom"],
        labels={"instrument": "instrument"},
        euros=["kosten_per_duurzame_uitstroom"],
        key="rendement",
    )
    zonder = met_labels(rendement.filter(pl.col("kosten_eur") == 0), {"instrument": "instrument"})["instrument"]
    if not zonder.is_empty():
        st.caption(
            f"Kosten € 0 bij {', '.join(zonder.to_list())}: daar staan geen kosten per duurzame uitstroom, want € 0 "
            "zou lezen als gratis (een proefplaatsing kost geen budget: de uitkering loopt door)."
        )
    uitleg(UITLEG["rendement"])

reeks = queries.instrumenten.lopend_reeks(f)
figuur = px.line(
    met_labels(reeks, {"instrument": "instrument"}),
    x="maand",
    y="lopend",
    color="instrument",
    category_orders={"instrument": list(queries.labels("instrument")["label"])},
    labels={"lopend": "Lopende instrumenten", "maand": "", "instrument": "Instrument"},
)
charts.gestreept_na_palet(figuur)
grafiek(figuur, f"lopende instrumenten {f.gemeente_naam}", key="lopend", titel="Lopende instrumenten", bron="werkplein")
