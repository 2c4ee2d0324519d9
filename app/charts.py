"""Charts in one visual language: colour-blind safe colours, the same colour per trede and municipality everywhere,
and Dutch on every axis and hover (8.000, 23,4 %, jul 2024)."""

from __future__ import annotations

import datetime as dt
import math
import numbers

import plotly.express as px
import plotly.graph_objects as go
import polars as pl

from app.formatting import datum_lang, maand, maand_kort

# Okabe-Ito, the colour-blind safe palette: trede 1 (geïsoleerd) to 6 (betaald werk), dark to green. The one place
# that gives a trede its colour: the stand, the transitions (matrix and Sankey), young people per trede.
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
LIJNSTIJLEN = ["solid", "dash", "dot"]
GETAL = ",~f"  # d3 format: thousands grouped (a dot, with separators ",."), no trailing zeros: 8.000, 23,4
MAX_TICKS = 12


def _luminantie(kleur: str) -> float:
    """Relative luminance of a #RRGGBB colour (WCAG 2.1)."""
    kanalen = [int(kleur.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in kanalen)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(voor: str, achter: str) -> float:
    """WCAG contrast ratio of two colours, 1 to 21; AA asks 4,5 for normal text."""
    licht, donker = sorted((_luminantie(voor), _luminantie(achter)), reverse=True)
    return (licht + 0.05) / (donker + 0.05)


def tekstkleur(achtergrond: str) -> str:
    """Black or white, whichever reads best on `achtergrond` (a tile, a bar with its value on it)."""
    return "#000000" if contrast("#000000", achtergrond) >= contrast("#FFFFFF", achtergrond) else "#FFFFFF"


def schaalkleuren(waarden: list[float], schaal: str) -> list[str]:
    """The #RRGGBB colour plotly gives each value on a continuous colour scale (min to max of `waarden`)."""
    from plotly.colors import get_colorscale, sample_colorscale, unlabel_rgb

    laag, hoog = min(waarden), max(waarden)
    posities = [0.5 if hoog == laag else (w - laag) / (hoog - laag) for w in waarden]
    kleuren = sample_colorscale(get_colorscale(schaal), posities, colortype="rgb")
    return ["#{:02X}{:02X}{:02X}".format(*(round(c) for c in unlabel_rgb(k))) for k in kleuren]


def _als_datum(waarde: object) -> dt.date | None:
    if isinstance(waarde, dt.datetime):
        return waarde.date()
    if isinstance(waarde, dt.date):
        return waarde
    tekst = str(waarde)  # numpy datetime64, pandas Timestamp, ISO text
    if len(tekst) >= 10 and tekst[4] == "-" and tekst[7] == "-" and tekst[:4].isdigit():
        try:
            return dt.date.fromisoformat(tekst[:10])
        except ValueError:
            return None
    return None


def _dag_of_maand(datum: dt.date) -> str:
    """A month (first day) reads `juli 2024`, a peildatum `31 juli 2024`."""
    return maand(datum) if datum.day == 1 else datum_lang(datum)


def nederlands(figuur: go.Figure, eenheid: str = "") -> go.Figure:
    """Dutch numbers on value axes (8.000, not 8k), Dutch month names on time axes, Dutch hover text.

    `eenheid` (e.g. " %") follows every value on the value axis and in the hover.
    """
    datum_assen: dict[str, set[dt.date]] = {}
    getal_assen: set[str] = set()
    for trace in figuur.data:
        if trace.type not in ("scatter", "bar"):
            continue
        xs = [] if trace.x is None else list(trace.x)
        ys = [] if trace.y is None else list(trace.y)
        x_as = "xaxis" + (trace.xaxis or "x")[1:]
        y_as = "yaxis" + (trace.yaxis or "y")[1:]
        horizontaal = trace.type == "bar" and trace.orientation == "h"
        waarde, as_waarde = ("x", x_as) if horizontaal else ("y", y_as)
        categorie = "y" if horizontaal else "x"
        if not all(
            v is None or (isinstance(v, numbers.Number) and not isinstance(v, bool))
            for v in (xs if horizontaal else ys)
        ):
            continue
        getal_assen.add(as_waarde)
        data = [_als_datum(v) for v in (ys if horizontaal else xs)]
        tijd = bool(data) and all(d is not None for d in data)
        if tijd:
            datum_assen.setdefault(y_as if horizontaal else x_as, set()).update(data)
        if trace.hoverinfo == "text" or (trace.hovertemplate and "=%{" not in trace.hovertemplate):
            continue  # a hover the chart wrote itself
        naam = f"{trace.name}: " if trace.name else ""
        if tijd:
            trace.customdata = [_dag_of_maand(d) for d in data]
            trace.hovertemplate = f"{naam}%{{{waarde}:{GETAL}}}{eenheid}<br>%{{customdata}}<extra></extra>"
        else:
            trace.hovertemplate = f"%{{{categorie}}}<br>{naam}%{{{waarde}:{GETAL}}}{eenheid}<extra></extra>"
    for as_naam in getal_assen:
        # Counts and shares start at 0: a bar or line that starts higher tells a bigger story than the data.
        # An axis that has its own format (an indicator's number of decimals) keeps it.
        formaat = figuur.layout[as_naam].tickformat or GETAL
        figuur.update_layout(
            {as_naam: {"tickformat": formaat, "ticksuffix": eenheid, "hoverformat": formaat, "rangemode": "tozero"}}
        )
    for as_naam, data in datum_assen.items():
        reeks = sorted(data)
        stap = max(1, math.ceil(len(reeks) / MAX_TICKS))
        ticks = reeks[::-1][::stap][::-1]  # always the newest month
        figuur.update_layout(
            {as_naam: {"tickmode": "array", "tickvals": ticks, "ticktext": [maand_kort(d) for d in ticks]}}
        )
    return figuur


def gemeente_kleuren(namen: list[str]) -> dict[str, str]:
    """A fixed colour per municipality (alphabetical order), the same on every page."""
    return {naam: GEMEENTE_PALET[i % len(GEMEENTE_PALET)] for i, naam in enumerate(sorted(namen))}


def _trede_naam(namen: dict[int, str] | None, trede: int) -> str:
    return (namen or {}).get(trede, f"Trede {trede}")


def trede_verloop(frame: pl.DataFrame, *, procent: bool, namen: dict[int, str] | None = None) -> go.Figure:
    """Stacked bars of people per trede over time, absolute or as a share of the month."""
    figuur = go.Figure()
    for trede in range(1, 7):
        rijen = frame.filter(pl.col("trede") == trede)
        figuur.add_trace(
            go.Bar(
                x=rijen["peildatum"].to_list(),
                y=rijen["aandeel_pct" if procent else "personen"].to_list(),
                name=_trede_naam(namen, trede),
                marker_color=TREDE_KLEUREN[trede],
            )
        )
    # The shares are the query layer's, of the published counts: a hidden trede is in neither part nor whole.
    figuur.update_layout(barmode="stack", yaxis_title="Aandeel van de mensen" if procent else "Mensen",
                         legend_traceorder="reversed")  # fmt: skip
    return figuur


def _gekleurd(namen: dict[int, str] | None, *, kort: bool = False) -> list[str]:
    """Trede names with a square in the trede's colour: the same colour key in the matrix as everywhere."""
    return [
        f"<span style='color:{TREDE_KLEUREN[t]}'>■</span> {t if kort else _trede_naam(namen, t)}" for t in range(1, 7)
    ]


def overgangsmatrix(frame: pl.DataFrame, namen: dict[int, str] | None = None) -> go.Figure:
    """Trede at the first score (rows) against trede at the next (columns); the diagonal is 'stayed'."""
    matrix: list[list[int | None]] = [[0] * 6 for _ in range(6)]  # no transition is 0; a hidden one is None
    for row in frame.iter_rows(named=True):
        matrix[row["trede_van"] - 1][row["trede_tot"] - 1] = row["personen"]
    labels, kort = _gekleurd(namen), _gekleurd(namen, kort=True)
    text = [["< 5" if v is None else f"{v:,}".replace(",", ".") for v in r] for r in matrix]
    figuur = go.Figure(
        go.Heatmap(
            z=matrix,
            x=kort,  # the columns by number (the rows name them): long names would squeeze the matrix
            y=labels,
            text=text,
            texttemplate="%{text}",
            colorscale="Blues",
            showscale=False,
            customdata=[[_trede_naam(namen, t) for t in range(1, 7)] for _ in range(6)],
            hovertemplate="Van %{y}<br>naar %{customdata}: %{text} overgangen<extra></extra>",
        )
    )
    figuur.update_layout(xaxis_title="Trede bij de volgende score", yaxis_title="Trede bij de eerste score")
    figuur.update_yaxes(autorange="reversed")
    return figuur


def _doorzichtig(kleur: str, alpha: float) -> str:
    r, g, b = (int(kleur.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"


def sankey(frame: pl.DataFrame, namen: dict[int, str] | None = None) -> go.Figure:
    """The same transitions as flows from the first trede (left) to the next (right); hidden cells are left out.
    The right-hand nodes are named by number, as the matrix's columns: in half the page a full name on both sides
    ran into the other ("…activiteiten3 Deelname…")."""
    shown = frame.drop_nulls("personen")
    source = [t - 1 for t in shown["trede_van"]]
    target = [t + 5 for t in shown["trede_tot"]]
    colours = [TREDE_KLEUREN[t] for t in range(1, 7)] * 2
    figuur = go.Figure(
        go.Sankey(
            node={
                "label": [_trede_naam(namen, t) for t in range(1, 7)] + [f"Trede {t}" for t in range(1, 7)],
                "color": colours,
                "pad": 12,
            },
            link={
                "source": source,
                "target": target,
                "value": list(shown["personen"]),
                "color": [_doorzichtig(TREDE_KLEUREN[t], 0.35) for t in shown["trede_van"]],
            },
            valueformat=GETAL,
            valuesuffix=" overgangen",
            textfont={"color": "#000000", "size": 12},  # black reads on every flow colour (WCAG AA)
        )
    )
    return figuur


def lijnen(
    frame: pl.DataFrame, x: str, ys: dict[str, str], *, y_titel: str, kleuren: dict[str, str] | None = None
) -> go.Figure:
    """A few measures over time as lines, with Dutch names; `kleuren` fixes a colour per column (e.g. per trede)."""
    figuur = go.Figure()
    palette = OKABE_ITO
    for i, (kolom, naam) in enumerate(ys.items()):
        kleur = (kleuren or {}).get(kolom, palette[i % len(palette)])
        figuur.add_trace(go.Scatter(x=frame[x].to_list(), y=frame[kolom].to_list(), name=naam, mode="lines+markers",
                                    line={"color": kleur}))  # fmt: skip
    if not kleuren:
        gestreept_na_palet(figuur)
    figuur.update_layout(yaxis_title=y_titel, xaxis_title="")
    return figuur


def gestreept_na_palet(figuur: go.Figure) -> go.Figure:
    """Lines coloured in turn from the palette: past its eight colours a line is dashed, then dotted, so that no two
    look the same (ten instruments had two pairs of lines in one colour each)."""
    for i, trace in enumerate(figuur.data):
        trace.line.dash = LIJNSTIJLEN[i // len(OKABE_ITO) % len(LIJNSTIJLEN)]
    return figuur


def staven(frame: pl.DataFrame, x: str, y: str, *, kleur: str = ACCENT, horizontaal: bool = False,
           titel: str = "", verborgen: str | None = None) -> go.Figure:  # fmt: skip
    """Plain bars in one colour. With `verborgen` (e.g. "< 5"), a hidden value (None) reads so on the baseline: an
    empty slot would read as zero. Horizontal, each bar's name and word has a line of its own (upright, the words of
    neighbouring hidden bars run into each other once there are more than a dozen)."""
    categorieen, waarden = frame[x].to_list(), frame[y].to_list()
    verborgen_x = frame.filter(pl.col(y).is_null())[x].to_list()
    woorden = {"mode": "text", "text": [verborgen] * len(verborgen_x), "showlegend": False, "hoverinfo": "skip"}
    if horizontaal:
        figuur = go.Figure(go.Bar(x=waarden, y=categorieen, orientation="h", marker_color=kleur))
        figuur.update_yaxes(autorange="reversed")
        if verborgen and verborgen_x:
            figuur.add_trace(
                go.Scatter(x=[0] * len(verborgen_x), y=verborgen_x, textposition="middle right", **woorden)
            )
    else:
        figuur = go.Figure(go.Bar(x=categorieen, y=waarden, marker_color=kleur))
        if verborgen and verborgen_x:
            figuur.add_trace(go.Scatter(x=verborgen_x, y=[0] * len(verborgen_x), textposition="top center", **woorden))
    figuur.update_layout(title=titel, showlegend=False)
    return figuur
