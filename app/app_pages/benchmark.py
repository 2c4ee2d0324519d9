"""Regionale benchmark Twente: the 14 municipalities side by side on one indicator, ranked, on a map and over time."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from app import charts, filters, queries
from app.components import grafiek, leeg, tabel, verstoord
from app.formatting import maand
from app.privacy import afronden
from app.privacy import label as verborgen_label
from app.tegels import hulp, opmaak

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
indicatoren = queries.indicatoren().filter(pl.col("benchmark"))
namen = dict(zip(indicatoren["naam"], indicatoren["indicator"], strict=True))
st.title("Regionale benchmark Twente")
links, rechts = st.columns([3, 1])
naam = links.selectbox("Indicator", list(namen), key="indicator", bind="query-params")
rechts.toggle(
    "Presentatiemodus", key="presentatie", bind="query-params", help="Groot, zonder zijbalk: voor een gedeeld scherm."
)
uitkomst = queries.indicator.uitkomst(namen[naam], f, per_gemeente=True)
indicator = uitkomst.indicator
richting = {True: "rang 1 is de hoogste waarde (hoger is beter)", False: "rang 1 is de laagste waarde (lager is beter)"}
st.caption(
    f"{indicator['omschrijving']} · {f.doelgroep_naam} · {uitkomst.periode_naam or f.periode_naam} · "
    f"{richting.get(indicator['hoger_is_beter'], 'rang 1 is de hoogste waarde (geen oordeel)')}",
    help=hulp(indicator),
)
for noot in uitkomst.noten:
    st.caption(noot)
if f.periode != "maand" and indicator["teller_soort"] == "stand":
    st.caption(f"Een stand: de waarde aan het eind van de periode ({filters.maand_label(f.eind)}).")

vergelijking = uitkomst.waarden.with_columns(
    pl.col("waarde").rank("min", descending=indicator["hoger_is_beter"] is not False).cast(pl.Int32).alias("rang"),
).sort(["rang", "naam"], nulls_last=True)
if st.query_params.get("presentatie") == "true":  # a shared screen shows counts as CBS publishes them
    vergelijking = afronden(vergelijking, ["teller"])
if not uitkomst.bekend or vergelijking["waarde"].drop_nulls().is_empty():
    leeg(f"{naam.lower()} in {uitkomst.periode_naam or f.periode_naam}")
    st.stop()
verstoord()

if uitkomst.twente is not None:
    st.metric(f"Twente ({indicator['eenheid']})", opmaak(indicator, uitkomst.twente))

kleuren = [charts.ACCENT if code == f.gemeente else charts.ANDERS for code in vergelijking["gemeentecode"]]
figuur = go.Figure(
    go.Bar(
        x=vergelijking["waarde"].to_list(),
        y=vergelijking["naam"].to_list(),
        orientation="h",
        marker_color=kleuren,
        text=[opmaak(indicator, v) if v is not None else verborgen_label() for v in vergelijking["waarde"]],
        textposition="outside",
        cliponaxis=False,
        hovertemplate="%{y}: %{text}<extra></extra>",
    )
)
if uitkomst.twente is not None:
    figuur.add_vline(
        x=uitkomst.twente,
        line_color=charts.TWENTE_KLEUR,
        line_dash="dash",
        annotation_text="Twente",
        annotation_position="top right",
    )
figuur.update_yaxes(autorange="reversed")
figuur.update_layout(xaxis_title=indicator["eenheid"], height=520)
links, rechts = st.columns([3, 2])
with links:
    grafiek(figuur, f"benchmark {naam} {uitkomst.periode_naam}", key="rang")
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
        # Each tile's text in black or white, whichever reads best on its colour (WCAG AA, 4,5 : 1).
        vullingen = charts.schaalkleuren(kleur, "Cividis") if isinstance(kleur, list) else [kleur] * deel.height
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
                    "colorbar": {"thickness": 12, "tickformat": ",~f"},
                    "line": {"color": "white", "width": 2},
                },
                text=[
                    f"{n}<br>{verborgen_label() if v is None else opmaak(indicator, v)}"
                    for n, v in zip(deel["naam"], deel["waarde"], strict=True)
                ],
                textfont={"size": 10, "color": [charts.tekstkleur(v) for v in vullingen]},
                hoverinfo="text",
                showlegend=False,
            )
        )
    kaart.update_xaxes(visible=False, range=[-0.6, 4.6])
    kaart.update_yaxes(visible=False, autorange=False, range=[4.6, -0.6])  # north up, no tile cut off
    kaart.update_layout(height=520, plot_bgcolor="white")
    grafiek(kaart, f"kaart {naam}", key="kaart")

tabel(
    vergelijking.select("naam", "teller", "noemer", "waarde", "rang"),
    f"benchmark {naam} {uitkomst.periode_naam}",
    telkolommen=["teller"],
    decimalen={"waarde": indicator["decimalen"]},
    kolomnamen={
        "naam": "Gemeente",
        "teller": "Teller",
        "noemer": "Noemer",
        "waarde": indicator["eenheid"],
        "rang": "Rang",
    },
    key="benchmark",
)

st.subheader("In de tijd")
reeks = queries.indicator.reeks(indicator["indicator"], f, per_gemeente=True).drop_nulls("waarde")
if reeks.is_empty():
    leeg(f"{naam.lower()} over de tijd")
else:
    kleur = charts.gemeente_kleuren(list(TEGELS))
    lijnen = go.Figure()
    for (gemeente,), rijen in reeks.group_by(["naam"], maintain_order=True):
        gekozen = f.gemeente_naam == gemeente
        lijnen.add_trace(
            go.Scatter(
                x=rijen["maand"].to_list(),
                y=rijen["waarde"].to_list(),
                name=gemeente,
                mode="lines",
                line={"color": kleur[gemeente], "width": 4 if gekozen else 1.5},
                text=[opmaak(indicator, v) for v in rijen["waarde"]],
                customdata=[maand(m) for m in rijen["maand"]],
                hovertemplate=f"{gemeente}: %{{text}}<br>%{{customdata}}<extra></extra>",
            )
        )
    twente_reeks = reeks.group_by("maand").agg(pl.col("twente_waarde").first()).sort("maand")
    lijnen.add_trace(
        go.Scatter(
            x=twente_reeks["maand"].to_list(),
            y=twente_reeks["twente_waarde"].to_list(),
            name="Twente",
            line={"color": "black", "dash": "dash", "width": 3},
            text=[opmaak(indicator, v) for v in twente_reeks["twente_waarde"]],
            customdata=[maand(m) for m in twente_reeks["maand"]],
            hovertemplate="Twente: %{text}<br>%{customdata}<extra></extra>",
        )
    )
    lijnen.update_layout(yaxis_title=indicator["eenheid"], height=480)
    grafiek(lijnen, f"benchmark {naam} verloop", key="verloop")
