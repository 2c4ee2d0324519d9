"""Jongeren: early school leavers by their RMC status, young people on bijstand by trede, SD4."""

from __future__ import annotations

import polars as pl
import streamlit as st

from app import charts, filters, notities, queries
from app.components import grafiek, leeg, tabel, trede_namen, uitleg, verstoord
from app.formatting import datum_lang, getal, maand_kort
from app.privacy import label as verborgen
from app.woorden import UITLEG, eerste_klein

f = filters.huidig()
st.title("Jongeren")
st.caption(f"{f.gemeente_naam} · jongeren onder 27 · standen op {datum_lang(f.peildatum)}")
verstoord()
filters.niet_toegepast(
    f,
    doelgroep="deze pagina gaat over jongeren onder 27 (voortijdig schoolverlaters en jongeren in de bijstand)",
    leeftijd="alle jongeren hier zijn jonger dan 27",
    periode="standen aan het eind van de periode",
)

reeks = queries.jongeren.per_maand(f)
if reeks.is_empty():
    leeg(f"jongeren in {f.gemeente_naam}")
    st.stop()
deze_maand = reeks.filter(pl.col("peildatum") == f.peildatum)
nu = deze_maand.row(0, named=True) if deze_maand.height else None


def _getal(kolom: str) -> str:
    if nu is None:
        return "—"
    return verborgen() if nu[kolom] is None else getal(nu[kolom])


kolommen = st.columns(3)
kolommen[0].metric("Voortijdig schoolverlaters (RMC)", _getal("vsv_geregistreerd"))
kolommen[1].metric("Jongeren in de bijstand", _getal("jongeren_bijstand"))
# SD4 counts from the first month of the monitor on: without that month the number cannot be quoted. Short, as a
# tile's label is cut off at the end of its line.
kolommen[2].metric(
    f"SD4: geplaatst sinds {maand_kort(reeks['peildatum'].min())}",
    _getal("sd4_gerealiseerd"),
    help="Jongeren onder 27 met een plaatsing in een kansrijke sector (zorg, vervoer en logistiek, bouw, techniek, "
    "detailhandel, horeca), opgeteld vanaf de eerste maand van de monitor.",
)

st.subheader("Voortijdig schoolverlaters naar status")
# The columns vsv_<status> hold the RMC's codes: vsv_actief is VSV_ACTIEF, vsv_werk is WERK (seed codelijsten).
vsv_labels = dict(queries.labels("vsv_status").select("code", "label").iter_rows())
statussen = {
    f"vsv_{s}": vsv_labels.get(s.upper(), vsv_labels.get(f"VSV_{s.upper()}", s)) for s in queries.jongeren.VSV_STATUSSEN
}
NOTITIES = {"vsv_pct": "Nieuwe voortijdig schoolverlaters"}
notitielijst = notities.lees(NOTITIES, [f.gemeente] if f.gemeente else None)
vsv = charts.lijnen(reeks, "peildatum", statussen, y_titel="Jongeren")
notities.op_maanden(vsv, notitielijst, peildatum=True)
grafiek(vsv, f"vsv {f.gemeente_naam}", key="vsv", titel="Voortijdig schoolverlaters naar status", bron="rmc")
uitleg(UITLEG["jongeren_vsv"])

st.subheader("Jongeren in de bijstand naar trede")
namen = trede_namen()
treden = {f"jongeren_bijstand_trede_{t}": namen[t] for t in range(1, 7)}
kleuren = {f"jongeren_bijstand_trede_{t}": charts.TREDE_KLEUREN[t] for t in range(1, 7)}
grafiek(
    charts.lijnen(reeks, "peildatum", treden, y_titel="Jongeren", kleuren=kleuren),
    f"jongeren trede {f.gemeente_naam}",
    key="treden",
    titel="Jongeren in de bijstand naar trede",
    bron="werkplein",
)
tabel(
    reeks,
    f"jongeren {f.gemeente_naam}",
    telkolommen=queries.jongeren.KOLOMMEN,
    kolomnamen={k: f"Schoolverlaters: {eerste_klein(v)}" for k, v in statussen.items()}
    | {k: f"In de bijstand, trede {v}" for k, v in treden.items()},
    key="jongeren",
)
uitleg(UITLEG["jongeren"])

notities.sectie(NOTITIES, notitielijst, f, key="jongeren")
