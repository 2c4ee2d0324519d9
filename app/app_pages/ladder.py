"""Participatieladder: the distribution over the treden over time, the steps between two peildata, step-ups."""

from __future__ import annotations

import streamlit as st

from app import charts, filters, notities, queries
from app.components import grafiek, leeg, tabel, trede_namen, uitleg, verstoord
from app.privacy import drempel
from app.selectie import plus_maanden
from app.toepassing import niet_van_toepassing
from app.woorden import UITLEG

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
procent = st.toggle("Als percentage", key="ladder_procent", bind="query-params")
treden = trede_namen()
NOTITIES = {"ladder_personen": "Mensen op de ladder", "aandeel_trede_4_6": "Aandeel op trede 4-6",
            "stappen_omhoog_per_100": "Stappen omhoog per 100 mensen op de ladder"}  # fmt: skip
notitielijst = notities.lees(NOTITIES, [f.gemeente] if f.gemeente else None)
verloop = charts.trede_verloop(stand, procent=procent, namen=treden)
notities.op_maanden(verloop, notitielijst, peildatum=True, indicatoren=["ladder_personen", "aandeel_trede_4_6"])
grafiek(
    verloop,
    f"ladder {f.beschrijving()}",
    key="verloop",
    titel="Verdeling over de treden",
    bron="werkplein",
    eenheid=" %" if procent else "",
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

st.subheader("Stappen omhoog per 100 opnieuw gescoorde mensen")
stappen = queries.ladder.stappen(f)
if stappen.drop_nulls("omhoog_per_100").is_empty():
    leeg("stappen omhoog (te weinig opnieuw gescoorde mensen)")
else:
    stappen_figuur = charts.lijnen(
        stappen, "peildatum", {"omhoog_per_100": "Stappen omhoog per 100"}, y_titel="Per 100"
    )
    notities.op_maanden(stappen_figuur, notitielijst, peildatum=True, indicatoren=["stappen_omhoog_per_100"])
    grafiek(
        stappen_figuur,
        f"stappen omhoog {f.beschrijving()}",
        key="stappen",
        titel="Stappen omhoog per 100 opnieuw gescoorde mensen",
        bron="werkplein",
    )
    tabel(
        stappen,
        f"stappen {f.beschrijving()}",
        telkolommen=["omhoog", "gelijk", "omlaag", "opnieuw_gescoord"],
        key="stappen",
    )
    uitleg(UITLEG["ladder_stappen"])

notities.sectie(NOTITIES, notitielijst, f, key="ladder")
