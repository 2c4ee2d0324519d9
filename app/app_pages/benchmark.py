"""Regionale benchmark Twente: the 14 municipalities side by side on one indicator, ranked, on a map and over time."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from app import charts, filters, queries
from app.components import grafiek, leeg, tabel
from app.formatting import getal
from app.privacy import afronden

# Twente as a tile grid (column, row), roughly as the municipalities lie: no base map to load from the internet.
TEGELS = {
    "Twenterand": (1, 0),
    "Tubbergen": (2, 0),
    "Hellendoorn": (0, 1),
    "Wierden": (1, 1),
    "Almelo": (2, 1),
    "Dinkelland": (3, 1),
    "Rijssen-Holten": (0, 2),
    "Borne": (2, 2),
    "Oldenzaal": (3, 2),
    "Losser": (4, 2),
    "Hof van Twente": (1, 3),
    "Hengelo": (2, 3),
    "Enschede": (3, 3),
    "Haaksbergen": (2, 4),
}

f = filters.huidig()
indicatoren = queries.indicatoren()
namen = dict(zip(indicatoren["naam"], indicatoren["indicator"], strict=True))
st.title("Regionale benchmark Twente")
links, rechts = st.columns([3, 1])
naam = links.selectbox("Indicator", list(namen), key="indicator", bind="query-params")
rechts.toggle(
    "Presentatiemodus", key="presentatie", bind="query-params", help="Groot, zonder zijbalk: voor een gedeeld scherm."
)
indicator = indicatoren.filter(pl.col("indicator") == namen[naam]).row(0, named=True)
st.caption(f"{indicator['omschrijving']} · {filters.maand_label(f.maand)}")

vergelijking = queries.benchmark.vergelijking(indicator["indicator"], f.maand)
if st.query_params.get("presentatie") == "true":  # a shared screen shows counts as CBS publishes them
    vergelijking = afronden(vergelijking, ["teller"])
if vergelijking["waarde"].drop_nulls().is_empty():
    leeg(f"{naam.lower()} in {filters.maand_label(f.maand)} (een stroom over 12 maanden is pas na 12 maanden bekend)")
    st.stop()

twente = vergelijking["twente_waarde"].drop_nulls()
if len(twente):
    st.metric(f"Twente ({indicator['eenheid']})", getal(float(twente[0]), 2))

kleuren = [charts.ACCENT if code == f.gemeente else charts.ANDERS for code in vergelijking["gemeentecode"]]
figuur = go.Figure(
    go.Bar(
        x=vergelijking["waarde"].to_list(),
        y=vergelijking["naam"].to_list(),
        orientation="h",
        marker_color=kleuren,
        text=[getal(float(v), 2) if v is not None else "< 5" for v in vergelijking["waarde"]],
        textposition="outside",
        cliponaxis=False,
    )
)
if len(twente):
    figuur.add_vline(x=float(twente[0]), line_color=charts.TWENTE_KLEUR, line_dash="dash", annotation_text="Twente")
figuur.update_yaxes(autorange="reversed")
figuur.update_layout(xaxis_title=indicator["eenheid"], height=520)
links, rechts = st.columns([3, 2])
with links:
    grafiek(figuur, f"benchmark {naam} {filters.maand_label(f.maand)}", key="rang")
with rechts:
    tegels = vergelijking.with_columns(
        pl.col("naam").replace_strict({k: v[0] for k, v in TEGELS.items()}, return_dtype=pl.Int32).alias("x"),
        pl.col("naam").replace_strict({k: v[1] for k, v in TEGELS.items()}, return_dtype=pl.Int32).alias("y"),
    )
    kaart = go.Figure()
    bekend, verborgen = tegels.filter(pl.col("waarde").is_not_null()), tegels.filter(pl.col("waarde").is_null())
    for deel, kleur in ((bekend, [float(v) for v in bekend["waarde"]]), (verborgen, charts.ANDERS)):
        if deel.is_empty():
            continue
        kaart.add_trace(
            go.Scatter(
                x=deel["x"].to_list(),
                y=deel["y"].to_list(),
                mode="markers+text",
                marker={
                    "symbol": "square",
                    "size": 70,
                    "color": kleur,
                    "colorscale": "Cividis",
                    "showscale": deel is bekend,
                    "line": {"color": "white", "width": 2},
                },
                text=[
                    f"{n}<br>{'< 5' if v is None else getal(float(v), 1)}"
                    for n, v in zip(deel["naam"], deel["waarde"], strict=True)
                ],
                textfont={"size": 10, "color": "white"},
                hoverinfo="text",
                showlegend=False,
            )
        )
    kaart.update_xaxes(visible=False, range=[-0.6, 4.6])
    kaart.update_yaxes(visible=False, autorange="reversed", range=[-0.6, 4.6])
    kaart.update_layout(height=520, plot_bgcolor="white")
    grafiek(kaart, f"kaart {naam}", key="kaart")

tabel(
    vergelijking.drop("gemeentecode"),
    f"benchmark {naam} {filters.maand_label(f.maand)}",
    telkolommen=["teller"],
    kolomnamen={
        "naam": "Gemeente",
        "teller": "Teller",
        "noemer": "Noemer",
        "waarde": indicator["eenheid"],
        "rang": "Rang",
        "twente_waarde": "Twente",
    },
    key="benchmark",
)

st.subheader("In de tijd")
reeks = queries.benchmark.reeks(indicator["indicator"]).drop_nulls("waarde")
if reeks.is_empty():
    leeg(f"{naam.lower()} over de tijd")
else:
    kleur = charts.gemeente_kleuren(list(TEGELS))
    lijnen = go.Figure()
    for (gemeente,), rijen in reeks.group_by(["naam"], maintain_order=True):
        gekozen = f.gemeente_naam == gemeente
        lijnen.add_trace(
            go.Scatter(
                x=rijen["periode"].to_list(),
                y=rijen["waarde"].to_list(),
                name=gemeente,
                mode="lines",
                line={"color": kleur[gemeente], "width": 4 if gekozen else 1.5},
            )
        )
    twente_reeks = reeks.group_by("periode").agg(pl.col("twente_waarde").first()).sort("periode")
    lijnen.add_trace(
        go.Scatter(
            x=twente_reeks["periode"].to_list(),
            y=twente_reeks["twente_waarde"].to_list(),
            name="Twente",
            line={"color": "black", "dash": "dash", "width": 3},
        )
    )
    lijnen.update_layout(yaxis_title=indicator["eenheid"], height=480)
    grafiek(charts.maanden_as(lijnen), f"benchmark {naam} verloop", key="verloop")
