"""Prognoses & scenario's: where the goals end at the current pace, the Wsw population in five years, the caseload in
twelve months (each with an 80 % interval and its back-test error), and what next year's instrument budget buys."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from app import charts, filters, prognose, queries
from app.components import grafiek, leeg, tabel, uitleg, verstoord
from app.formatting import euro, getal, procent
from app.privacy import drempel, label
from app.queries.prognose import TNO_SCENARIOS
from app.selectie import maand_label, plus_maanden
from app.woorden import RENDEMENT_BEGIN, UITLEG

f = filters.huidig()
st.title("Prognoses & scenario's")
st.caption(
    f"{f.gemeente_naam} · gerekend vanaf {maand_label(f.eind)} · elke prognose met een marge (80 %) en de fout "
    "die dezelfde methode maakte op de twaalf maanden daarvoor"
)
verstoord()  # the prognoses start from published (perturbed) counts
filters.niet_toegepast(
    f,
    doelgroep="de doelen en de Wsw hebben hun eigen doelgroep en het bestand kiest u hieronder; de keuze geldt voor "
    "de scenario's",
    leeftijd="de doelen en de Wsw-bestanden kennen geen leeftijd; de keuze geldt voor het bestand en de scenario's",
    geslacht="de doelen en de Wsw-bestanden kennen geen geslacht; de keuze geldt voor het bestand en de scenario's",
    periode="een prognose rekent vanaf de laatste maand van de periode",
)
st.info(
    "Een prognose zegt wat er gebeurt **als het gaat zoals het ging**. Nieuw beleid, een andere economie of een "
    "wetswijziging zitten er niet in. De marge is de bandbreedte waarbinnen de uitkomst in vier van de vijf gevallen "
    "valt; de *fout in de terugtoets* is hoe ver dezelfde methode ernaast zat toen we haar twaalf maanden geleden "
    "lieten rekenen en met wat er daarna echt gebeurde vergeleken. Aantallen zijn afgerond op "
    f"{prognose.AFRONDING}: het zijn schattingen, geen tellingen.",
    icon=":material/insights:",
)


def marge(onder: float, boven: float) -> str:
    return f"{getal(prognose.afgerond(onder))} – {getal(prognose.afgerond(boven))}"


def terugtoets(p: prognose.Prognose | None, decimalen: int = 1) -> str:
    return "te weinig historie" if p is None or p.fout_pct is None else procent(p.fout_pct, decimalen)


# ---------- 1. the strategic goals ----------
st.subheader("Strategische doelen: waar eindigen we bij het huidige tempo?")
doelen = queries.prognose.doelen_reeks(f.gemeente, f.peildatum)
if doelen.is_empty():
    st.info(f"{f.gemeente_naam} heeft geen strategische doelen in de monitor (alleen Enschede).")
else:
    rijen = []
    for laatste, p in prognose.doelen(doelen):
        sd, variant = laatste["strategisch_doel"], laatste["variant"]
        rijen.append(
            {
                "doel": f"{sd} {'basis' if variant == 'BASIS' else 'groei'}",
                "omschrijving": laatste["doel_omschrijving"],
                "streefwaarde": laatste["doel"],
                "nu": laatste["gerealiseerd"],
                "einde_periode": maand_label(laatste["periode_einde"].replace(day=1)),
                "prognose": None if p is None else prognose.afgerond(p.verwacht[0]),
                "marge": "—" if p is None else marge(p.onder[0], p.boven[0]),
                "prognose_pct": None
                if p is None
                else round(100 * prognose.afgerond(p.verwacht[0]) / laatste["doel"], 1),
                "fout_terugtoets": terugtoets(p),
            }
        )
    tabel(
        pl.DataFrame(rijen),
        f"prognose doelen {f.gemeente_naam}",
        telkolommen=["nu"],
        kolomnamen={
            "doel": "Doel",
            "omschrijving": "Omschrijving",
            "streefwaarde": "Streefwaarde",
            "nu": "Nu gerealiseerd",
            "einde_periode": "Einde periode",
            "prognose": "Prognose einde periode",
            "marge": "Marge (80 %)",
            "prognose_pct": "Prognose (% van doel)",
            "fout_terugtoets": "Fout in terugtoets",
        },
        key="prognose_doelen",
    )
    uitleg(UITLEG["prognose_doelen"])

# ---------- 2. the Wsw population ----------
st.subheader("Wsw-populatie per SW-bedrijf: de komende vijf jaar")
verblijf = queries.prognose.wsw_verblijf(f)
stand = queries.prognose.wsw_stand(f)
if verblijf.is_empty() or stand.is_empty():
    leeg(f"Wsw-werknemers ({f.gemeente_naam})")
else:
    namen = dict(queries.labels("sw_bedrijf").select("code", "label").iter_rows())
    rijen, lijnen = [], []
    for org, personen, p in prognose.wsw_bedrijven(
        verblijf, stand, f.peildatum, queries.prognose.wsw_verblijf_twente()
    ):
        if p is None:
            rijen.append({"sw_bedrijf": namen.get(org, org), "nu": personen})
            continue
        rij: dict[str, object] = {"sw_bedrijf": namen.get(org, org), "nu": personen}
        for jaar, (v, lo, hi) in enumerate(zip(p.verwacht, p.onder, p.boven, strict=True), start=1):
            rij[f"over_{jaar}_jaar"] = f"{getal(prognose.afgerond(v))} ({marge(lo, hi)})"
        rij["blijfkans_pct"] = round(100 * float(p.extra["blijfkans_12m"]))
        # Whole percents: the Wsw back-test compares with the exact stays (the fit's own input), not a published count.
        rij["fout_terugtoets"] = terugtoets(p, 0)
        rijen.append(rij)
        lijnen.append((namen.get(org, org), personen, p))
    tabel(
        pl.DataFrame(rijen),
        f"prognose wsw {f.gemeente_naam}",
        telkolommen=["nu"],
        kolomnamen={
            "sw_bedrijf": "SW-bedrijf",
            "nu": f"Nu ({maand_label(f.eind)})",
            **{f"over_{j}_jaar": f"Over {j} jaar (marge 80 %)" for j in range(1, 6)},
            "blijfkans_pct": "Blijfkans komend jaar (%)",
            "fout_terugtoets": "Fout in terugtoets",
        },
        decimalen={"blijfkans_pct": 0},
        key="prognose_wsw",
    )
    figuur = go.Figure()
    for kleur, (naam, personen, p) in zip(charts.OKABE_ITO * 3, lijnen, strict=False):
        x = [f.eind, *(plus_maanden(f.eind, m) for m in p.stappen)]
        figuur.add_scatter(
            mode="lines",
            x=x + x[::-1],
            y=[personen, *map(prognose.afgerond, p.boven), *map(prognose.afgerond, reversed(p.onder)), personen],
            fill="toself",
            fillcolor=charts._doorzichtig(kleur, 0.15),
            line={"width": 0},
            hoverinfo="skip",
            showlegend=False,
        )
        figuur.add_scatter(
            mode="lines",
            x=x,
            y=[personen, *[prognose.afgerond(v) for v in p.verwacht]],
            name=naam,
            line={"color": kleur},
        )
    figuur.update_layout(yaxis_title="Wsw-werknemers (prognose)", xaxis_title="")
    grafiek(
        figuur,
        f"prognose wsw {f.gemeente_naam}",
        key="prognose_wsw_grafiek",
        titel="Prognose Wsw-populatie per SW-bedrijf (blijfkansen)",
        bron="wsw",
    )
    uitleg(UITLEG["prognose_wsw"])

# ---------- 3. the caseload ----------
st.subheader("Bestand per doelgroep: de komende twaalf maanden")
regelingen = queries.labels("regeling")
keuzes = {"WERKPLEIN": "Alle Werkplein-regelingen", **dict(regelingen.select("code", "label").iter_rows())}
gekozen = st.selectbox(
    "Doelgroep",
    list(keuzes),
    format_func=keuzes.get,
    index=list(keuzes).index("PW") if "PW" in keuzes else 0,
    key="prognose_doelgroep",
)
bestand = queries.prognose.bestand_per_doelgroep(f)
reeks = bestand.filter(pl.col("doelgroep") == gekozen).sort("maand")


@st.cache_data(show_spinner="De prognose wordt berekend …", max_entries=200)
def bestand_prognose(waarden: tuple[int | None, ...]) -> prognose.Prognose | None:
    return prognose.bestand(list(waarden))


if reeks.is_empty():
    leeg(f"het bestand ({keuzes[gekozen]}, {f.gemeente_naam})")
else:
    p = bestand_prognose(tuple(reeks["bestand"].to_list()))
    if p is None:
        st.info(
            "Geen prognose: daarvoor zijn 24 maanden nodig waarin het bestand groot genoeg is om te tonen "
            f"(een maand met minder dan {drempel()} mensen is verborgen)."
        )
    else:
        laatste = reeks.row(-1, named=True)
        links, midden, rechts = st.columns(3)
        links.metric(
            f"Verwacht in {maand_label(plus_maanden(laatste['maand'], 12))} (nu {getal(laatste['bestand'])})",
            getal(prognose.afgerond(p.verwacht[-1])),
        )
        midden.metric("Marge (80 %)", marge(p.onder[-1], p.boven[-1]))
        rechts.metric(
            "Fout in terugtoets",
            terugtoets(p),
            help="Gemiddelde afwijking (MAPE) op de twaalf maanden vóór de prognose, toen voorspeld met dezelfde "
            "methode zonder die maanden.",
        )
        toekomst = [plus_maanden(laatste["maand"], s) for s in p.stappen]
        figuur = go.Figure()
        figuur.add_scatter(
            mode="lines",
            x=toekomst + toekomst[::-1],
            y=[prognose.afgerond(v) for v in p.boven + p.onder[::-1]],
            fill="toself",
            fillcolor=charts._doorzichtig(charts.ACCENT, 0.2),
            line={"width": 0},
            name="Marge (80 %)",
            hoverinfo="skip",
        )
        figuur.add_scatter(
            mode="lines",
            x=reeks["maand"].to_list(),
            y=reeks["bestand"].to_list(),
            name="Gemeten",
            line={"color": charts.ACCENT},
        )
        figuur.add_scatter(
            mode="lines",
            x=[laatste["maand"], *toekomst],
            y=[laatste["bestand"], *[prognose.afgerond(v) for v in p.verwacht]],
            name="Prognose",
            line={"dash": "dash", "color": charts.TWENTE_KLEUR},
        )
        figuur.update_layout(yaxis_title=f"In de uitkering ({keuzes[gekozen]})", xaxis_title="")
        grafiek(
            figuur,
            f"prognose bestand {keuzes[gekozen]} {f.gemeente_naam}",
            key="prognose_bestand",
            titel=f"Prognose bestand {keuzes[gekozen]}, twaalf maanden",
            bron="werkplein",
        )
        breder = float(p.extra.get("verbreding", 1.0))
        geijkt = (
            f" De marge van het model is daarom {getal(breder, 1)} keer zo breed getoond: zo breed dat vier van de "
            "vijf maanden van de terugtoets erbinnen waren gevallen."
            if breder > 1
            else ""
        )
        binnen = round(12 * (p.binnen_interval or 0))
        st.caption(
            f"Model: {p.methode} (exponentiële afvlakking, gekozen op AICc). In de terugtoets "
            f"{'viel' if binnen == 1 else 'vielen'} {getal(binnen)} van de 12 maanden binnen de marge van het model."
            f"{geijkt}"
        )
uitleg(UITLEG["prognose_bestand"])

# ---------- 4. scenarios ----------
st.subheader("Scenario's: wat levert het instrumentenbudget op?")
rendement = queries.instrumenten.rendement(f)
if rendement.is_empty():
    st.info(
        "Nog niet te rekenen: de kosten per duurzame uitstroom zijn pas bekend met 36 maanden gegevens "
        "(zie Instrumenten & rendement)."
    )
    st.stop()
instrumenten = dict(queries.labels("instrument").select("code", "label").iter_rows())
kosten = {
    r["instrument"]: r["kosten_per_duurzame_uitstroom"]
    for r in rendement.iter_rows(named=True)
    if r["kosten_per_duurzame_uitstroom"]
}
uitgaven = {r["instrument"]: r["kosten_eur"] for r in rendement.iter_rows(named=True)}
if not kosten:
    st.info(
        f"Niet te rekenen voor {f.gemeente_naam}: van geen enkel instrument zijn de kosten per duurzame uitstroom "
        "bekend (te weinig mensen om te tonen, of niemand duurzaam uitgestroomd). Kies een grotere gemeente of heel "
        "Twente."
    )
    st.markdown(UITLEG["scenario_grenzen"])
    st.stop()
# Today's mix in whole percentages, as the inputs below start from it: the same mix gives the same number. Whole,
# because Streamlit writes a decimal input with a point (27.50), in a page that writes 27,5 everywhere else.
huidig = {k: round(100 * v) / 100 for k, v in prognose.huidige_mix(uitgaven, kosten).items()}
eerste = rendement.row(0, named=True)
st.caption(
    f"Kosten per duurzame uitstroom gemeten aan instrumenten beëindigd in {maand_label(eerste['venster_begin'])} "
    f"t/m {maand_label(eerste['venster_einde'])} (Instrumenten & rendement). Instrumenten zonder bekende kosten per "
    "duurzame uitstroom (niemand duurzaam uitgestroomd, te weinig mensen om te tonen, of kosten € 0) kunnen "
    "niet in de mix."
)
if vanaf := queries.instrumenten.gegevens_vanaf(eerste["venster_begin"]):
    st.caption(RENDEMENT_BEGIN.format(maand=maand_label(vanaf)))
totaal_nu = sum(v for v in uitgaven.values() if v)
budget = st.number_input(
    "Instrumentenbudget volgend jaar (€)",
    min_value=0,
    value=int(round(totaal_nu, -3)) if totaal_nu else 1_000_000,
    step=100_000,
    key="scenario_budget",
)
st.caption(f"Dat is {euro(budget)}.")
st.markdown("**Uw mix** (aandeel van het budget per instrument, in %; wordt naar 100 % geschaald)")
eigen: dict[str, int] = {}
kolommen = st.columns(4)
for i, code in enumerate(kosten):
    eigen[code] = kolommen[i % 4].number_input(
        instrumenten.get(code, code),
        min_value=0,
        max_value=100,
        value=round(100 * huidig.get(code, 0.0)),
        step=5,
        key=f"mix_{code}",
    )
nu_uit = prognose.verwachte_uitstroom(budget, huidig, kosten)
eigen_uit = prognose.verwachte_uitstroom(budget, eigen, kosten)
schaal = sum(v for v in eigen.values() if v) or 1.0
rijen = [
    {
        "instrument": instrumenten.get(code, code),
        "kosten_per_duurzame_uitstroom_eur": kosten[code],
        "huidige_mix_pct": round(100 * huidig.get(code, 0.0)),
        "uitstroom_huidig": round(nu_uit.get(code, 0.0), 1),
        "eigen_mix_pct": round(100 * eigen.get(code, 0.0) / schaal, 1),
        "uitstroom_eigen": round(eigen_uit.get(code, 0.0), 1),
    }
    for code in kosten
]
links, rechts = st.columns(2)
links.metric("Verwachte duurzame uitstroom, huidige mix", getal(sum(nu_uit.values()), 0))
rechts.metric(
    "Verwachte duurzame uitstroom, uw mix",
    getal(sum(eigen_uit.values()), 0),
    # No arrow for a difference that rounds to nothing (the mix's whole percents differ a little from the current).
    delta=getal(verschil) if (verschil := round(sum(eigen_uit.values()) - sum(nu_uit.values()))) else None,
)
tabel(
    pl.DataFrame(rijen),
    f"scenario instrumenten {f.gemeente_naam}",
    kolomnamen={
        "instrument": "Instrument",
        "kosten_per_duurzame_uitstroom_eur": "Kosten per duurzame uitstroom",
        "huidige_mix_pct": "Huidige mix (%)",
        "uitstroom_huidig": "Duurzame uitstroom (huidige mix)",
        "eigen_mix_pct": "Uw mix (%)",
        "uitstroom_eigen": "Duurzame uitstroom (uw mix)",
    },
    decimalen={"huidige_mix_pct": 0, "uitstroom_huidig": 1, "uitstroom_eigen": 1},
    key="scenario_mix",
)

st.markdown("**De vier TNO-scenario's voor de sociale economie**")
banden = queries.prognose.loonwaarde_banden(f)
keuze = st.selectbox(
    "Scenario",
    ["GEEN", *TNO_SCENARIOS],
    format_func=lambda c: "Geen: de hele doelgroep" if c == "GEEN" else TNO_SCENARIOS[c][0],
    key="scenario_tno",
)
rijen = []
for r in banden.iter_rows(named=True):
    uitkomst = prognose.scenario(sum(eigen_uit.values()), r["personen"], r["personen_met_loonwaarde"])
    rijen.append(
        {
            "scenario": r["naam"],
            "loonwaarde": f"{r['loonwaarde_van']}–{r['loonwaarde_tot']} %",
            "personen": r["personen"],
            "aandeel_pct": None if uitkomst["aandeel_pct"] is None else round(uitkomst["aandeel_pct"], 1),
            "uitstroom": None if uitkomst["uitstroom"] is None else round(uitkomst["uitstroom"], 0),
        }
    )
van, tot = banden["van"][0], banden["tot"][0]
if keuze != "GEEN":
    gekozen_rij = next(r for r in rijen if r["scenario"] == TNO_SCENARIOS[keuze][0])
    if gekozen_rij["uitstroom"] is None:
        st.warning("De gegevens zijn te beperkt voor dit scenario: te weinig mensen met een gemeten loonwaarde.")
    else:
        st.metric(
            f"Verwachte duurzame uitstroom, uw mix, scenario {TNO_SCENARIOS[keuze][0].lower()}",
            getal(gekozen_rij["uitstroom"], 0),
            help="Het deel van de verwachte duurzame uitstroom dat binnen de loonwaardeband van het scenario valt, als "
            "de uitstroom over de loonwaarde verdeeld is zoals de mensen met een vastgestelde loonwaarde nu.",
        )
tabel(
    pl.DataFrame(rijen),
    f"tno scenarios {f.gemeente_naam}",
    telkolommen=["personen"],
    kolomnamen={
        "scenario": "Scenario",
        "loonwaarde": "Loonwaarde",
        "personen": "Mensen in de band",
        "aandeel_pct": "Deel van de doelgroep (%)",
        "uitstroom": "Daarvan duurzame uitstroom binnen de band (uw mix)",
    },
    decimalen={"uitstroom": 0},
    key="scenario_tno_tabel",
)
st.caption(
    f"Doelgroep: de mensen die in {maand_label(van.replace(day=1))} t/m {maand_label(tot.replace(day=1))} zijn "
    "geplaatst met een vastgestelde loonwaarde ("
    + (getal(banden["personen_met_loonwaarde"][0]) if banden["personen_met_loonwaarde"][0] is not None else label())
    + " mensen); alleen van hen is de loonwaarde bekend."
)
st.markdown(UITLEG["scenario_grenzen"])
