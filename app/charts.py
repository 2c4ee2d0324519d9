"""Charts in one visual language: colour-blind safe colours, the same colour per trede and municipality everywhere."""

from __future__ import annotations

import plotly.express as px
import plotly.graph_objects as go
import polars as pl

# Okabe-Ito, the colour-blind safe palette: trede 1 (geïsoleerd) to 6 (betaald werk), dark to green.
TREDE_KLEUREN = {1: "#000000", 2: "#CC79A7", 3: "#D55E00", 4: "#E69F00", 5: "#56B4E9", 6: "#009E73"}
ACCENT = "#0072B2"  # the chosen municipality, wherever it is compared
ANDERS = "#BBBBBB"  # the other municipalities
TWENTE_KLEUR = "#D55E00"
# Paul Tol's "muted" and "light" schemes: 14 colours distinguishable with the common colour deficiencies.
GEMEENTE_PALET = [
    "#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677",
    "#882255", "#AA4499", "#77AADD", "#EE8866", "#EEDD88", "#FFAABB", "#BBCC33",
]  # fmt: skip


OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442", "#000000"]
px.defaults.color_discrete_sequence = OKABE_ITO  # every plotly express chart of the app, colour-blind safe


def maanden_as(figuur: go.Figure) -> go.Figure:
    """A time axis that reads 06-2024 rather than plotly's English month names."""
    figuur.update_xaxes(tickformat="%m-%Y", hoverformat="%d-%m-%Y")
    return figuur


def gemeente_kleuren(namen: list[str]) -> dict[str, str]:
    """A fixed colour per municipality (alphabetical order), the same on every page."""
    return {naam: GEMEENTE_PALET[i % len(GEMEENTE_PALET)] for i, naam in enumerate(sorted(namen))}


def trede_verloop(frame: pl.DataFrame, *, procent: bool) -> go.Figure:
    """Stacked bars of people per trede over time, absolute or as a share of the month."""
    data = frame.with_columns(pl.col("trede").cast(pl.String))
    if procent:  # the shares come from the true counts (query layer), not from the visible ones
        data = data.with_columns(pl.col("aandeel_pct").alias("personen"))
    figuur = px.bar(
        data,
        x="peildatum",
        y="personen",
        color="trede",
        color_discrete_map={str(k): v for k, v in TREDE_KLEUREN.items()},
        category_orders={"trede": [str(t) for t in range(1, 7)]},
        labels={"peildatum": "Peildatum", "personen": "% van de mensen" if procent else "Mensen", "trede": "Trede"},
    )
    return maanden_as(figuur)


def overgangsmatrix(frame: pl.DataFrame) -> go.Figure:
    """Trede at the first score (rows) against trede at the next (columns); the diagonal is 'stayed'."""
    matrix: list[list[int | None]] = [[0] * 6 for _ in range(6)]  # no transition is 0; a hidden one is None
    for row in frame.iter_rows(named=True):
        matrix[row["trede_van"] - 1][row["trede_tot"] - 1] = row["personen"]
    labels = [str(t) for t in range(1, 7)]
    text = [["< 5" if v is None else f"{v:,}".replace(",", ".") for v in r] for r in matrix]
    figuur = go.Figure(
        go.Heatmap(z=matrix, x=labels, y=labels, text=text, texttemplate="%{text}", colorscale="Blues", showscale=False)
    )
    figuur.update_layout(xaxis_title="Trede bij de volgende score", yaxis_title="Trede bij de eerste score")
    figuur.update_yaxes(autorange="reversed")
    return figuur


def sankey(frame: pl.DataFrame) -> go.Figure:
    """The same transitions as flows from the first trede (left) to the next (right); hidden cells are left out."""
    shown = frame.drop_nulls("personen")
    source = [t - 1 for t in shown["trede_van"]]
    target = [t + 5 for t in shown["trede_tot"]]
    colours = [TREDE_KLEUREN[t] for t in range(1, 7)] * 2
    figuur = go.Figure(
        go.Sankey(
            node={"label": [f"Trede {t}" for t in range(1, 7)] * 2, "color": colours, "pad": 12},
            link={"source": source, "target": target, "value": list(shown["personen"])},
        )
    )
    return figuur


def lijnen(frame: pl.DataFrame, x: str, ys: dict[str, str], *, y_titel: str) -> go.Figure:
    """A few measures over time as lines, with Dutch names."""
    figuur = go.Figure()
    palette = OKABE_ITO
    for i, (kolom, naam) in enumerate(ys.items()):
        figuur.add_trace(go.Scatter(x=frame[x].to_list(), y=frame[kolom].to_list(), name=naam, mode="lines+markers",
                                    line={"color": palette[i % len(palette)]}))  # fmt: skip
    figuur.update_layout(yaxis_title=y_titel, xaxis_title="")
    return maanden_as(figuur) if frame.schema[x] == pl.Date else figuur


def staven(frame: pl.DataFrame, x: str, y: str, *, kleur: str = ACCENT, horizontaal: bool = False,
           titel: str = "") -> go.Figure:  # fmt: skip
    """Plain bars in one colour."""
    if horizontaal:
        figuur = go.Figure(go.Bar(x=frame[y].to_list(), y=frame[x].to_list(), orientation="h", marker_color=kleur))
        figuur.update_yaxes(autorange="reversed")
    else:
        figuur = go.Figure(go.Bar(x=frame[x].to_list(), y=frame[y].to_list(), marker_color=kleur))
    figuur.update_layout(title=titel)
    return figuur
