"""Participatieladder: the distribution over the treden over time, the steps between two peildata, step-ups."""

from __future__ import annotations

import polars as pl
import streamlit as st

from app import charts, filters, notities, queries
from app.components import grafiek, leeg, maand_of_kwartaal, tabel, trede_namen, uitleg, verstoord
from app.formatting import procent
from app.privacy import drempel
from app.selectie import plus_maanden
from app.toepassing import niet_van_toepassing
from app.woorden import UITLEG


def _zonder_cijfer(stappen: pl.DataFrame) -> float:
    """The share of months (or quarters) without a share up: too few people to show."""
    return stappen["omhoog_pct"].null_count() / max(1, stappen.height)


f = filters.huidig()
st.title("Participatieladder")
st.caption(f.beschrijving())
verstoord()

stand = queries.ladder.stand(f)
nvt = niet_van_toepassing("ladder", f.doelgroep)
if stand.is_empty():
    if nvt:
        st.info(nvt)
    else:
        leeg(f.beschrijving())
    st.stop()
if nvt:
    st.caption(f"{f.doelgroep_naam}: alleen wie ook Werkplein-klant is heeft een ladderscore.")

st.subheader("Verdeling over de treden")
als_procent = st.toggle("Als percentage", key="ladder_procent", bind="query-params")
treden = trede_namen()
NOTITIES = {"ladder_personen": "Mensen op de ladder", "aandeel_trede_4_6": "Aandeel op trede 4-6",
            "stappen_omhoog_per_100": "Stappen omhoog per 100 mensen op de ladder"}  # fmt: skip
notitielijst = notities.lees(NOTITIES, [f.gemeente] if f.gemeente else None)
verloop = charts.trede_verloop(stand, procent=als_procent, namen=treden)
notities.op_maanden(verloop, notitielijst, peildatum=True, indicatoren=["ladder_personen", "aandeel_trede_4_6"])
grafiek(
    verloop,
    f"ladder {f.beschrijving()}",
    key="verloop",
    titel="Verdeling over de treden",
    bron="werkplein",
    eenheid=" %" if als_procent else "",
)
if stand["personen"].is_null().any():  # a stacked bar without its hidden part is a little short: say so
    st.caption(
        f"Een trede met minder dan {drempel()} mensen is in die maand verborgen: de staaf mist dat stukje, en als "
        "percentage telt het niet mee."
    )
uitleg(UITLEG["ladder_stand"])
maand = queries.ladder.op_peildatum(stand, f.peildatum)
if f.periode != "maand":
    st.caption(f"De tabel toont de stand aan het eind van de periode ({filters.maand_label(f.eind)}).")
tabel(
    maand,
    f"ladder {f.beschrijving()}",
    telkolommen=["personen"],
    labels={"trede": "trede"},
    kolomnamen={"aandeel_pct": "Aandeel"},
    key="stand",
)

st.subheader("Overgangen tussen twee peildata")
peildata = stand["peildatum"].unique().sort().to_list()
labels = {filters.maand_label(p.replace(day=1)): p for p in peildata}
namen = list(labels)
# The steps of the chosen period: from the stand just before it to its end (a month: the three months up to it).
eind = filters.maand_label(f.eind)
begin = filters.maand_label(plus_maanden(f.begin, -1 if f.periode != "maand" else -3))
standaard = (begin if begin in namen else namen[0], eind) if eind in namen else (namen[0], namen[-1])
van_label, tot_label = st.select_slider(
    "Van en tot", options=namen, value=standaard, key=f"ladder_periode_{f.periode}_{eind}"
)
overgangen = queries.ladder.overgangen(f, labels[van_label], labels[tot_label])
if overgangen.is_empty():
    leeg(f"overgangen tussen {van_label} en {tot_label}")
else:
    links, rechts = st.columns(2)
    with links:
        grafiek(
            charts.overgangsmatrix(overgangen, treden),
            f"overgangen {van_label} {tot_label}",
            key="matrix",
            titel="Overgangen tussen treden",
            bron="werkplein",
            periode=f"{van_label} t/m {tot_label}",
        )
    with rechts:
        grafiek(
            charts.sankey(overgangen, treden),
            f"overgangen sankey {van_label} {tot_label}",
            key="sankey",
            titel="Overgangen tussen treden",
            bron="werkplein",
            periode=f"{van_label} t/m {tot_label}",
        )
    st.caption(
        f"Overgangen van een score naar de volgende, waarvan de volgende na het einde van {van_label} tot en met "
        f"{tot_label} valt. Wie in die tijd vaker gescoord werd, telt vaker mee: de cellen tellen overgangen, "
        f"geen mensen. Een cel met minder dan {drempel()} overgangen is verborgen."
    )
    uitleg(UITLEG["ladder_overgangen"])

st.subheader("Omhoog bij een nieuwe score")
stappen_per = maand_of_kwartaal("stappen_per", "Stappen per")
stappen = queries.ladder.stappen(f, stappen_per)
if stappen.drop_nulls("omhoog_pct").is_empty():
    leeg("stappen omhoog (te weinig opnieuw gescoorde mensen)")
else:
    if stappen_per == "kwartaal":  # the quarter's name on the axis and in the table: "okt–dec 2025"
        stappen = stappen.drop("peildatum").select("kwartaal", pl.exclude("kwartaal"))
    stappen_figuur = charts.lijnen(
        stappen, stappen_per if stappen_per == "kwartaal" else "peildatum",
        {"omhoog_pct": "Omhoog (% van de opnieuw gescoorden)"}, y_titel="% van de opnieuw gescoorden",
    )  # fmt: skip
    if stappen_per == "maand":  # a note belongs to a month
        notities.op_maanden(stappen_figuur, notitielijst, peildatum=True, indicatoren=["stappen_omhoog_per_100"])
    grafiek(
        stappen_figuur,
        f"stappen omhoog per {stappen_per} {f.beschrijving()}",
        key="stappen",
        titel="Omhoog, in % van de opnieuw gescoorde mensen",
        bron="werkplein",
        eenheid=" %",
    )
    if stappen_per == "maand":  # a small municipality's months are mostly hidden: say when its quarters read better
        per_maand = _zonder_cijfer(stappen)
        per_kwartaal = _zonder_cijfer(queries.ladder.stappen(f, "kwartaal"))
        if per_maand > 0.25 and per_kwartaal < per_maand / 2:
            st.caption(
                f"Per maand heeft {procent(100 * per_maand, 0)} van de maanden te weinig mensen voor een cijfer, per "
                f"kwartaal {procent(100 * per_kwartaal, 0)} van de kwartalen: kies hierboven Kwartaal."
            )
    tabel(
        stappen,
        f"stappen per {stappen_per} {f.beschrijving()}",
        telkolommen=["omhoog", "gelijk", "omlaag", "opnieuw_gescoord"],
        key="stappen",
    )
    uitleg(UITLEG["ladder_stappen"])

notities.sectie(NOTITIES, notitielijst, f, key="ladder")
