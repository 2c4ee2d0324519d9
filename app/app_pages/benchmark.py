"""Regionale benchmark Twente: the 14 municipalities side by side on one indicator, ranked, on a map and over time.

Presentation mode (`?presentatie=true`, a shared screen at 1280×720): the ranking and the map side by side on the
first screen, chart text of at least 18 px, black or white text on every tile (WCAG AA), counts rounded to 5.
One indicator reads with one number of decimals everywhere (seed `indicatoren`): bars, tiles, axes, table and
headline. A click on a municipality (bar or tile) opens it per doelgroep and over time.
"""

from __future__ import annotations

import dataclasses

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from app import charts, filters, link, notities, queries
from app.components import aangeklikt, grafiek, leeg, tabel, verstoord
from app.formatting import maand
from app.privacy import afronden
from app.privacy import label as verborgen_label
from app.selectie import Filters
from app.tegels import hulp, opmaak
from app.toepassing import samengevat, voor_indicator

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
KORT = {"Rijssen-Holten": "Rijssen-<br>Holten", "Hof van Twente": "Hof van<br>Twente"}  # two lines on a tile
HOOGTE = 480  # px of the ranking and the map in presentation mode: below the header, inside 720
PRESENTATIE_TEKST = 18  # px, the smallest chart text on a shared screen
GEWONE_TEKST = 12
DONKER = "#262730"  # chart text on a shared screen: Streamlit's grey ticks are too pale for a projector
ACHTER = "achter_een_gemeente"  # the key (and URL parameter) of the section behind one municipality


def richting(ind: dict) -> str:
    """Which way the rank runs, in words: `1 = hoogste` or `1 = laagste`, and whether that is good."""
    oordeel = {True: "hoger is beter", False: "lager is beter"}.get(ind["hoger_is_beter"], "geen oordeel")
    return f"1 = {'laagste' if ind['hoger_is_beter'] is False else 'hoogste'} waarde ({oordeel})"


def verborgen(ind: dict) -> str:
    """How a hidden value reads: a count "< 5"; a share or rate "—", as on the Overzicht's tiles ("< 5" beside a
    percentage would read as "less than 5 %")."""
    return verborgen_label() if not ind["noemer"] else "—"


def d3_formaat(ind: dict) -> str:
    """The indicator's decimals as a plotly axis format (with the app's separators: 21,7)."""
    return f",.{int(ind['decimalen'])}f"


def _klik(sleutel: str) -> None:
    """A click on a bar or a tile chooses that municipality below (its code is the point's customdata)."""
    code = aangeklikt(st.session_state.get(sleutel))
    gemeenten = queries.gemeenten()
    namen = dict(zip(gemeenten["gemeentecode"], gemeenten["naam"], strict=True))
    if code in namen:
        st.session_state["achter"] = namen[code]
        st.session_state[ACHTER] = True  # its section opened


def _reeks(indicator: dict, f: Filters) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The indicator per municipality and month, hidden ones included (a cached query: both sections below read
    it), and Twente per month: also in a month where every municipality is hidden, Twente as a whole may be shown."""
    reeks = queries.indicator.reeks(indicator["indicator"], f, per_gemeente=True)
    return reeks, reeks.group_by("maand").agg(pl.col("twente_waarde").first()).sort("maand")


def _twaalf_maanden_hint(uitkomst: queries.indicator.Uitkomst, f: Filters, periode: str) -> str | None:
    """For one month in which a quarter or more of the municipalities have too few people for a value, when the
    newest 12 months give a value to at least half of those: say so, with the way there. A month's flow is a few
    people in a small municipality (on the demo data at Twente's size, uitstroom naar werk in one month has a value
    for 4 of the 14, over 12 months for all 14)."""
    verborgen, gemeenten = uitkomst.waarden["waarde"].null_count(), uitkomst.waarden.height
    if f.periode != "maand" or not gemeenten / 4 <= verborgen < gemeenten:  # all hidden: the notice below says it
        return None
    jaar = queries.indicator.uitkomst(
        uitkomst.indicator["indicator"], dataclasses.replace(f, periode="12m"), per_gemeente=True
    )
    over_12 = jaar.waarden["waarde"].null_count()
    if not jaar.bekend or 2 * over_12 > verborgen:
        return None
    return (
        f"In {periode} hebben {verborgen} van de {gemeenten} gemeenten te weinig mensen voor een "
        f"waarde, over {jaar.periode_naam} {over_12 or 'geen'}: kies links Periode «Laatste 12 maanden»."
    )


def _niets_te_tonen(wat: str, verborgen: bool) -> None:
    """No line to draw: because every month has too few people (said so: "Geen gegevens" would be false), or none."""
    if verborgen:
        st.info(
            f"Geen waarde te tonen voor {wat}: elke maand heeft te weinig mensen. Kies een langere periode, zoals de "
            "laatste 12 maanden, of een ruimere doelgroep.",
            icon=":material/visibility_off:",
        )
    else:
        leeg(wat)


def _achter_een_gemeente(f: Filters, indicator: dict, naam: str, periode: str, tekst_px: int) -> None:
    """What lies behind one municipality: the same figure per doelgroep and over time (a click above, or a choice)."""
    gemeenten = queries.gemeenten()
    code_van = dict(zip(gemeenten["naam"], gemeenten["gemeentecode"], strict=True))
    if "achter" not in st.session_state and f.gemeente is not None:
        st.session_state["achter"] = f.gemeente_naam
    achter = st.selectbox(
        "Gemeente",
        list(code_van),
        key="achter",
        placeholder="Klik op een gemeente in de ranglijst of op de kaart, of kies hier",
        **({} if "achter" in st.session_state else {"index": None}),
    )
    if achter is not None:
        code = code_van[achter]
        links, rechts = st.columns(2)
        with links:
            _per_doelgroep(f, indicator, naam, periode, tekst_px, achter, code)
        with rechts:
            _verloop(f, indicator, tekst_px, achter, code)


def _per_doelgroep(f: Filters, indicator: dict, naam: str, periode: str, tekst_px: int, achter: str, code: str) -> None:
    """The indicator for municipality `code` per doelgroep, through the same disclosure control as the ranking."""
    niet = set(filter(None, (indicator["niet_toepasbaar"] or "").split("|")))
    if "doelgroep" in niet:
        st.caption(f"Per doelgroep: niet te splitsen ({indicator['reden_niet_toepasbaar']}).")
    else:
        soorten = queries.labels("doelgroep").filter(pl.col("code") != "ALLE")
        bits = queries.doelgroep_bits()
        rijen = []
        for dg, label in zip(soorten["code"], soorten["label"], strict=True):
            keuze = dataclasses.replace(
                f,
                doelgroepen=(dg,),
                doelgroep_naam=label,
                masker=bits.get(dg) or 0,
                jongeren=dg == "JONGEREN_U27",
            )
            deel = queries.indicator.uitkomst(indicator["indicator"], keuze, per_gemeente=True)
            rij = deel.waarden.filter(pl.col("gemeentecode") == code) if deel.bekend else None
            waarde = None if rij is None or rij.is_empty() else rij["waarde"][0]
            # As on the tiles: nothing for a doelgroep the indicator's source cannot name is "n.v.t.", not 0 or too few.
            rijen.append((dg, label, waarde, not waarde and voor_indicator(indicator, (dg,)) is not None))
        per_doelgroep = go.Figure(
            go.Bar(
                x=[0 if w is None else w for _, _, w, _ in rijen],
                y=[label for _, label, _, _ in rijen],
                orientation="h",
                marker_color=charts.ACCENT,
                text=["n.v.t." if nvt else "—" if w is None else opmaak(indicator, w) for _, _, w, nvt in rijen],
                textposition="outside",
                textfont={"size": tekst_px, "color": "#000000"},
                cliponaxis=False,
                hovertemplate="%{y}: %{text}<extra></extra>",
            )
        )
        grootste = max([w for _, _, w, _ in rijen if w is not None] or [1])
        per_doelgroep.update_yaxes(autorange="reversed")
        per_doelgroep.update_xaxes(range=[0, grootste * 1.3 or 1], tickformat=d3_formaat(indicator))
        per_doelgroep.update_layout(
            title=f"{achter}: {naam.lower()} per doelgroep",
            xaxis_title=indicator["eenheid"],
            font={"size": tekst_px},
            uniformtext={"minsize": tekst_px, "mode": "show"},
            height=420,
        )
        grafiek(
            per_doelgroep,
            f"benchmark {naam} {achter} per doelgroep",
            key="achter_doelgroep",
            bron=indicator["teller_bron"],
            periode=periode,
            selectie=filters.beschrijving_export(dataclasses.replace(f, gemeente_naam=achter)),
        )
        waarom = samengevat(indicator, [dg for dg, _, _, nvt in rijen if nvt])
        st.caption(f"Een doelgroep met een te kleine teller toont —.{f' {waarom}' if waarom else ''}")


def _verloop(f: Filters, indicator: dict, tekst_px: int, achter: str, code: str) -> None:
    """Municipality `code` against Twente over time, with its notes."""
    reeks, twente = _reeks(indicator, f)
    alle = reeks.filter(pl.col("gemeentecode") == code)
    eigen = alle.drop_nulls("waarde")
    if eigen.is_empty():
        _niets_te_tonen(f"{achter} over de tijd", alle["teller"].is_null().any())
    else:
        verloop = go.Figure(
            [
                go.Scatter(  # a hidden month breaks the line: a line through it would draw a value there
                    x=alle["maand"].to_list(),
                    y=alle["waarde"].to_list(),
                    name=achter,
                    mode="lines+markers",
                    line={"color": charts.ACCENT, "width": 4},
                    text=[opmaak(indicator, v) for v in alle["waarde"]],
                    customdata=[maand(m) for m in alle["maand"]],
                    hovertemplate=f"{achter}: %{{text}}<br>%{{customdata}}<extra></extra>",
                ),
                go.Scatter(
                    x=twente["maand"].to_list(),
                    y=twente["twente_waarde"].to_list(),
                    name="Twente",
                    mode="lines",
                    line={"color": "black", "dash": "dash", "width": 3},
                    text=[opmaak(indicator, v) for v in twente["twente_waarde"]],
                    customdata=[maand(m) for m in twente["maand"]],
                    hovertemplate="Twente: %{text}<br>%{customdata}<extra></extra>",
                ),
            ]
        )
        lijst = notities.lees([indicator["indicator"]], [code])
        notities.op_lijnen(verloop, lijst, {(code, m): w for m, w in zip(eigen["maand"], eigen["waarde"], strict=True)})
        verloop.update_yaxes(tickformat=d3_formaat(indicator))
        verloop.update_layout(
            title=f"{achter} en Twente in de tijd",
            yaxis_title=indicator["eenheid"],
            font={"size": tekst_px},
            height=420,
            legend={"orientation": "h", "y": -0.15},
        )
        grafiek(
            verloop,
            f"benchmark {naam} {achter} verloop",
            key="achter_verloop",
            bron=indicator["teller_bron"],
            selectie=filters.beschrijving_export(dataclasses.replace(f, gemeente_naam=f"{achter} en Twente")),
        )


def _in_de_tijd(f: Filters, indicator: dict, naam: str, tekst_px: int, alle_notities: list) -> None:
    """Every municipality and Twente over time, the notes on their lines."""
    alle, twente_reeks = _reeks(indicator, f)
    reeks = alle.drop_nulls("waarde")
    if reeks.is_empty():
        _niets_te_tonen(f"{naam.lower()} over de tijd", alle["teller"].is_null().any())
    else:
        kleur = charts.gemeente_kleuren(list(TEGELS))
        lijnen = go.Figure()
        getoond = set(reeks["naam"])
        for (gemeente,), rijen in alle.group_by(["naam"], maintain_order=True):
            if gemeente not in getoond:  # hidden in every month: no line
                continue
            gekozen = f.gemeente_naam == gemeente
            lijnen.add_trace(
                go.Scatter(  # a hidden month breaks the line; a month between two hidden ones is a dot
                    x=rijen["maand"].to_list(),
                    y=rijen["waarde"].to_list(),
                    name=gemeente,
                    mode="lines+markers",
                    marker={"size": 7 if gekozen else 4},
                    line={"color": kleur[gemeente], "width": 4 if gekozen else 1.5},
                    text=[opmaak(indicator, v) for v in rijen["waarde"]],
                    customdata=[maand(m) for m in rijen["maand"]],
                    hovertemplate=f"{gemeente}: %{{text}}<br>%{{customdata}}<extra></extra>",
                )
            )
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
        posities = {(g, m): w for g, m, w in zip(reeks["gemeentecode"], reeks["maand"], reeks["waarde"], strict=True)}
        posities |= {
            ("TWENTE", m): w for m, w in zip(twente_reeks["maand"], twente_reeks["twente_waarde"], strict=True)
        }
        notities.op_lijnen(lijnen, alle_notities, posities)
        lijnen.update_yaxes(tickformat=d3_formaat(indicator))
        lijnen.update_layout(yaxis_title=indicator["eenheid"], height=480, font={"size": tekst_px})
        grafiek(
            lijnen,
            f"benchmark {naam} verloop",
            key="verloop",
            titel=f"{naam} in de tijd",
            bron=indicator["teller_bron"],
            selectie=alle_gemeenten,
        )


def _onder_de_ranglijst(f: Filters, indicator: dict, naam: str, periode: str, tekst_px: int) -> None:
    """Below the ranking, on request: one municipality per doelgroep and over time, and all of them over time; then
    the notes. Drawn once opened (bound to the URL, so a link can open them; a click on a bar or a tile opens the
    first): drawn with every visit they made this the slowest page opened by its link at national size
    (docs/performance.md). Also when the period's ranking is hidden: other months may have values."""
    alle_notities = notities.lees([indicator["indicator"]])
    achter_open = st.expander("Achter een gemeente: per doelgroep en in de tijd", key=ACHTER, bind="query-params")
    with achter_open:
        if achter_open.open:
            _achter_een_gemeente(f, indicator, naam, periode, tekst_px)
    in_de_tijd = st.expander("In de tijd: de 14 gemeenten en Twente", key="in_de_tijd", bind="query-params")
    with in_de_tijd:
        if in_de_tijd.open:
            _in_de_tijd(f, indicator, naam, tekst_px, alle_notities)
    notities.sectie({indicator["indicator"]: naam}, alle_notities, f, key="benchmark")


f = filters.huidig()
presentatie = st.query_params.get("presentatie") == "true"
tekst_px = PRESENTATIE_TEKST if presentatie else GEWONE_TEKST
indicatoren = queries.indicatoren().filter(pl.col("benchmark"))
namen = dict(zip(indicatoren["naam"], indicatoren["indicator"], strict=True))
st.title("Regionale benchmark Twente")
kop = st.columns([3, 2, 1.4] if presentatie else [3, 1], vertical_alignment="bottom")
with kop[0], link.keuze("indicator", "indicator", {n: n for n in namen}, ((c, n) for n, c in namen.items())):
    naam = st.selectbox("Indicator", list(namen), key="indicator", bind="query-params")
kop[-1].toggle(
    "Presentatiemodus", key="presentatie", bind="query-params", help="Groot, zonder zijbalk: voor een gedeeld scherm."
)
uitkomst = queries.indicator.uitkomst(namen[naam], f, per_gemeente=True)
indicator = uitkomst.indicator
periode = uitkomst.periode_naam or f.periode_naam
alle_gemeenten = filters.beschrijving_export(dataclasses.replace(f, gemeente_naam="alle 14 van Twente"))
rang_zin = f"Rang: {richting(indicator)}"
if indicator["noemer"] and uitkomst.waarden["waarde"].is_null().any():
    # The rank is among those with a value: with most hidden, "1." alone would claim the top of Twente.
    # Shorter on a shared screen, where the caption must stay one line above the ranking.
    met_waarde = uitkomst.waarden.drop_nulls("waarde")["naam"].to_list()
    if len(met_waarde) == 1:  # a rank among one says nothing: no "1." before the only name
        rang_zin = f"Geen rang: alleen {met_waarde[0]} heeft een waarde"
    elif met_waarde:
        rang_zin += f", onder de {len(met_waarde)} {'' if presentatie else 'gemeenten '}met een waarde"
    rang_zin += " · —: te weinig mensen" + ("" if presentatie else " om een aandeel te tonen")
if presentatie:  # one line; the definition is behind the (?)
    st.caption(f"{f.doelgroep_naam} · {periode} · {rang_zin}", help=hulp(indicator))
else:
    st.caption(f"{indicator['omschrijving']} · {f.doelgroep_naam} · {periode} · {rang_zin}", help=hulp(indicator))
for noot in uitkomst.noten:
    st.caption(noot)
if not presentatie and (hint := _twaalf_maanden_hint(uitkomst, f, periode)):
    st.caption(hint)
if f.periode != "maand" and indicator["teller_soort"] == "stand":
    st.caption(f"Een stand: de waarde aan het eind van de periode ({filters.maand_label(f.eind)}).")

vergelijking = uitkomst.waarden.with_columns(
    pl.col("waarde").rank("min", descending=indicator["hoger_is_beter"] is not False).cast(pl.Int32).alias("rang"),
).sort(["rang", "naam"], nulls_last=True)
if vergelijking["waarde"].drop_nulls().len() < 2:  # one value, or none: no rank (see the line above)
    vergelijking = vergelijking.with_columns(pl.lit(None, pl.Int32).alias("rang"))
if presentatie:  # a shared screen shows counts as CBS publishes them
    vergelijking = afronden(vergelijking, ["teller"])
twente = f"Twente ({indicator['eenheid']})", opmaak(indicator, uitkomst.twente)
if not uitkomst.bekend or vergelijking["waarde"].drop_nulls().is_empty():
    if uitkomst.bekend and vergelijking["teller"].is_null().any():  # hidden, not absent: "Geen gegevens" would be false
        if uitkomst.twente is not None:
            (kop[1] if presentatie else st).metric(*twente)
        st.info(
            f"Geen gemeente heeft in {periode} genoeg mensen om een waarde te tonen. Kies een langere "
            "periode, zoals de laatste 12 maanden, of een ruimere doelgroep.",
            icon=":material/visibility_off:",
        )
        _onder_de_ranglijst(f, indicator, naam, periode, tekst_px)  # other months may have values
    else:
        leeg(f"{naam.lower()} in {periode}")
    st.stop()
if not presentatie:  # on a shared screen the ranking comes first; the sentence goes below the table
    verstoord()

if uitkomst.twente is not None:
    (kop[1] if presentatie else st).metric(*twente)

# The ranking: one bar per municipality, its value in the indicator's decimals, the rank before its name.
waarden = vergelijking["waarde"].to_list()
hoogste = max(v for v in waarden if v is not None)
labels = [f"{r}. {n}" if r is not None else n for r, n in zip(vergelijking["rang"], vergelijking["naam"], strict=True)]
figuur = go.Figure(
    go.Bar(
        x=[0 if v is None else v for v in waarden],  # a hidden value: its label "< 5" at zero
        y=labels,
        orientation="h",
        marker_color=[charts.ACCENT if code == f.gemeente else charts.ANDERS for code in vergelijking["gemeentecode"]],
        text=[opmaak(indicator, v) if v is not None else verborgen(indicator) for v in waarden],
        textposition="outside",
        textfont={"size": tekst_px, "color": "#000000"},
        cliponaxis=False,
        customdata=vergelijking["gemeentecode"].to_list(),
        hovertemplate="%{y}: %{text}<extra></extra>",
    )
)
if uitkomst.twente is not None:
    # The Twente line is labelled above the plot, where no bar is: never over a bar or its value.
    figuur.add_vline(x=uitkomst.twente, line_color=charts.TWENTE_KLEUR, line_dash="dash", line_width=3)
    figuur.add_annotation(
        x=uitkomst.twente,
        y=1,
        yref="paper",
        yanchor="bottom",
        text=f"Twente {opmaak(indicator, uitkomst.twente)}",
        showarrow=False,
        font={"color": "#A03F00", "size": tekst_px},  # Twente's orange, darkened: 6,6 : 1 on white (AA)
    )
figuur.update_yaxes(autorange="reversed", tickfont={"size": tekst_px, **({"color": DONKER} if presentatie else {})})
bovengrens = max(hoogste, uitkomst.twente or 0) * 1.25 or 1  # room for the value beside the longest bar
figuur.update_xaxes(
    range=[0, bovengrens],
    tickformat=d3_formaat(indicator),
    tickfont={"size": tekst_px, **({"color": DONKER} if presentatie else {})},
)
figuur.update_layout(
    xaxis_title={
        "text": indicator["eenheid"],
        "font": {"size": tekst_px, **({"color": DONKER} if presentatie else {})},
    },
    height=HOOGTE if presentatie else 520,
    font={"size": tekst_px, **({"color": DONKER} if presentatie else {})},
    uniformtext={"minsize": tekst_px, "mode": "show"},
    showlegend=False,
    dragmode=False,
)

# The map: a tile per municipality in data coordinates (it scales with the chart), coloured by value.
tegels = vergelijking.with_columns(
    pl.col("naam").replace_strict({k: v[0] for k, v in TEGELS.items()}, return_dtype=pl.Int32).alias("x"),
    pl.col("naam").replace_strict({k: v[1] for k, v in TEGELS.items()}, return_dtype=pl.Int32).alias("y"),
)
bekend = [float(v) for v in tegels["waarde"].drop_nulls()]
schaal = iter(charts.schaalkleuren(bekend, "Cividis")) if bekend else iter(())
vullingen = [charts.ANDERS if v is None else next(schaal) for v in tegels["waarde"]]
# The tiles in one go: plotly validates every shape again on each add_shape.
kaart = go.Figure(
    layout={
        "shapes": [
            {
                "type": "rect",
                "x0": x - 0.48,
                "x1": x + 0.48,
                "y0": y - 0.46,
                "y1": y + 0.46,
                "fillcolor": vulling,
                "line": {"color": "white", "width": 2},
                "layer": "below",
            }
            for x, y, vulling in zip(tegels["x"], tegels["y"], vullingen, strict=True)
        ]
    }
)
kaart.add_trace(
    go.Scatter(
        x=tegels["x"].to_list(),
        y=tegels["y"].to_list(),
        mode="markers+text",
        marker={"size": 40, "opacity": 0},  # what a click or hover catches; the tile is the shape beneath
        text=[
            f"{KORT.get(n, n)}<br>{verborgen(indicator) if v is None else opmaak(indicator, v)}"
            for n, v in zip(tegels["naam"], tegels["waarde"], strict=True)
        ],
        # Each tile's text in black or white, whichever reads best on its colour (WCAG AA, 4,5 : 1).
        textfont={"size": tekst_px, "color": [charts.tekstkleur(v) for v in vullingen]},
        customdata=tegels["gemeentecode"].to_list(),
        hovertext=[
            f"{n}: {verborgen(indicator) if v is None else opmaak(indicator, v)}"
            for n, v in zip(tegels["naam"], tegels["waarde"], strict=True)
        ],
        hoverinfo="text",
        showlegend=False,
    )
)
kaart.update_xaxes(visible=False, range=[-0.52, 4.52], fixedrange=True)
kaart.update_yaxes(visible=False, autorange=False, range=[4.5, -0.5], fixedrange=True)  # north up
kaart.update_layout(
    height=HOOGTE if presentatie else 520, plot_bgcolor="white", font={"size": tekst_px}, dragmode=False
)

links, rechts = st.columns(2)
with links:
    grafiek(
        figuur,
        f"benchmark {naam} {periode}",
        key="rang",
        bij_klik=lambda: _klik("grafiek_rang"),
        titel=f"{naam}: de 14 gemeenten van Twente",
        bron=indicator["teller_bron"],
        periode=periode,
        selectie=alle_gemeenten,
    )
with rechts:
    grafiek(
        kaart,
        f"kaart {naam}",
        key="kaart",
        bij_klik=lambda: _klik("grafiek_kaart"),
        titel=f"{naam}: kaart van Twente",
        bron=indicator["teller_bron"],
        periode=periode,
        selectie=alle_gemeenten,
    )

tabel(
    vergelijking.select("naam", "teller", "noemer", "waarde", "rang"),
    f"benchmark {naam} {periode}",
    telkolommen=["teller"],
    decimalen={"waarde": indicator["decimalen"]},
    kolomnamen={
        "naam": "Gemeente",
        "teller": "Teller",
        "noemer": "Noemer",
        "waarde": indicator["eenheid"],
        "rang": f"Rang ({richting(indicator).split(' waarde')[0]})",
    },
    key="benchmark",
)
if presentatie:
    verstoord()
_onder_de_ranglijst(f, indicator, naam, periode, tekst_px)
