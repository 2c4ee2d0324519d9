"""WSW & beschut werk: employees by arbeidsvorm and SW organisation, standaardeenheden, the waiting list."""

from __future__ import annotations

import plotly.express as px
import polars as pl
import streamlit as st

from app import charts, filters, link, notities, queries
from app.components import grafiek, leeg, maand_of_kwartaal, met_labels, tabel, uitleg, verstoord
from app.formatting import getal, procent
from app.privacy import drempel
from app.privacy import label as verborgen
from app.woorden import UITLEG, eerste_klein

f = filters.huidig()
st.title("WSW & beschut werk")
st.caption(f"{f.gemeente_naam} · {f.periode_naam} · Wsw-werknemers en de wachtlijst")
verstoord()
filters.niet_toegepast(
    f,
    doelgroep="deze pagina gaat over de Wsw zelf (kies Wsw-werknemers of de wachtlijst op Overzicht of Benchmark)",
    leeftijd="leeftijd en geslacht staan niet in de Wsw-bestanden",
    geslacht="leeftijd en geslacht staan niet in de Wsw-bestanden",
    periode="werknemers tellen aan het eind van de periode",
)

PER = {"arbeidsvorm": "Arbeidsvorm", "sw_bedrijf": "SW-bedrijf", "indicatie": "Indicatie"}
with link.keuze("wsw_per", "werknemers per", PER):
    per = st.segmented_control(
        "Werknemers per", list(PER), default="arbeidsvorm", key="wsw_per", format_func=PER.get, bind="query-params"
    )
werknemers = queries.wsw.werknemers(f, per or "arbeidsvorm")
if werknemers.is_empty():
    leeg(f"Wsw-werknemers ({f.beschrijving()})")
else:
    tabel(
        werknemers,
        f"wsw per {per}",
        telkolommen=["personen"],
        kolomnamen={"personen": "Werknemers"},
        labels={"arbeidsvorm": "arbeidsvorm", "sw_bedrijf": "sw_bedrijf", "indicatie": "indicatie"},
        key="wsw",
    )
uitleg(UITLEG["wsw"])

NOTITIES = {"wsw_werknemers": "Wsw-werknemers", "wsw_per_1000": "Wsw per 1.000 inwoners",
            "wsw_wachtlijst": "Wsw-wachtlijst"}  # fmt: skip
notitielijst = notities.lees(NOTITIES, [f.gemeente] if f.gemeente else None)
reeks = queries.wsw.werknemers_reeks(f)
if not reeks.is_empty():
    volgorde = list(queries.labels("arbeidsvorm")["label"])
    # Stacked, a hidden part (< 5) is drawn as 0 and every layer above it lower: the total seemed to drop by the
    # hidden few (Tubbergen, September 2026). With a part hidden in some month: lines, with a gap there.
    deels_verborgen = reeks["personen"].is_null().any()
    figuur = (px.line if deels_verborgen else px.area)(
        met_labels(reeks, {"arbeidsvorm": "arbeidsvorm"}),
        x="peildatum",
        y="personen",
        color="arbeidsvorm",
        category_orders={"arbeidsvorm": volgorde},
        labels={"personen": "Werknemers", "peildatum": "", "arbeidsvorm": "Arbeidsvorm"},
        **({"markers": True} if deels_verborgen else {}),
    )
    notities.op_maanden(figuur, notitielijst, peildatum=True, indicatoren=["wsw_werknemers", "wsw_per_1000"])
    grafiek(
        figuur, f"wsw verloop {f.gemeente_naam}", key="wsw_reeks", titel="Wsw-werknemers per arbeidsvorm", bron="wsw"
    )
    if deels_verborgen:
        st.caption(
            f"Een arbeidsvorm met minder dan {drempel()} werknemers in een maand staat daar niet (de lijn is "
            "onderbroken): gestapeld zou die maand het totaal te laag tekenen."
        )

st.subheader("Wachtlijst")
wachtlijst_per = maand_of_kwartaal("wachtlijst_per", "Wachtlijst per")
wachtlijst = queries.wsw.wachtlijst(f, wachtlijst_per)
if wachtlijst.is_empty():
    leeg(f"de wachtlijst in {f.gemeente_naam}")
else:
    if wachtlijst_per == "kwartaal":  # the quarter's name in the table: "okt–dec 2025"
        wachtlijst = wachtlijst.drop("maand").select("kwartaal", pl.exclude("kwartaal"))
    # The columns uitstroom_<reden> hold the reasons of the seed's list reden_af (GEPLAATST_WSW, ...).
    redenen = dict(queries.labels("reden_af").select("code", "label").iter_rows()) | {"ONBEKEND": "Onbekend"}
    tabel(
        wachtlijst,
        f"wachtlijst per {wachtlijst_per} {f.gemeente_naam}",
        telkolommen=[c for c in wachtlijst.columns if c not in ("maand", "kwartaal")],
        kolomnamen={f"uitstroom_{r}": f"Af: {eerste_klein(redenen.get(r.upper(), r))}" for r in queries.wsw.REDENEN}
        | {"instroom": "Op de lijst gekomen", "uitstroom": "Van de lijst af"}
        | ({"op_lijst": "Op de wachtlijst (laatste maand)"} if wachtlijst_per == "kwartaal" else {}),
        key="wachtlijst",
    )
    uitleg(UITLEG["wachtlijst"])

st.subheader("UWV: Wajong & doelgroepregister")
st.caption(
    f"{f.gemeente_naam} · zoals UWV het meldt; leeftijd en geslacht alleen bekend als de persoon ook "
    "Werkplein- of RMC-klant is"
)
uwv = queries.uwv.reeks(f)
nu = uwv.filter(uwv["peildatum"] == f.peildatum) if not uwv.is_empty() else uwv
if nu.is_empty():
    leeg(f"UWV-gegevens ({f.beschrijving()})")
else:
    rij = nu.row(0, named=True)

    def _telling(waarde: int | None) -> str:
        return verborgen() if waarde is None else getal(waarde)

    kolommen = st.columns(4)
    kolommen[0].metric("Wajong", _telling(rij["wajong"]), help=UITLEG["uwv"])
    werkend = rij["wajong_werkend"]
    aandeel = None if rij["aandeel_werkend_pct"] is None else procent(rij["aandeel_werkend_pct"])
    kolommen[1].metric("Van wie werkend", _telling(werkend), help=UITLEG["uwv_werkend"])
    if aandeel:
        kolommen[1].caption(f"{aandeel} van de Wajong")
    kolommen[2].metric(
        "Met arbeidsvermogen",
        _telling(rij["wajong_arbeidsvermogen"]),
        help=UITLEG["uwv_arbeidsvermogen"],
    )
    kolommen[3].metric("Doelgroepregister", _telling(rij["doelgroepregister"]), help=UITLEG["uwv"])
    grafiek(
        charts.lijnen(
            uwv,
            "peildatum",
            {
                "wajong": "Wajong",
                "wajong_werkend": "Wajong, werkend",
                "doelgroepregister": "Doelgroepregister",
            },
            y_titel="Mensen",
        ),
        f"uwv verloop {f.gemeente_naam}",
        key="uwv_reeks",
        titel="UWV: Wajong en doelgroepregister",
        bron="uwv",
    )
    # Working and work capacity are what UWV reports of the Wajong; for the register's grondslagen they are not
    # measured: "n.v.t.", not 0 (a row "Wsw-indicatie · werkend 0" read as if none of them worked).
    per_categorie = queries.uwv.per_categorie(f).with_columns(
        pl.when(pl.col("doelgroep") != "WAJONG")
        .then(pl.lit("n.v.t."))
        .when(pl.col(kolom).is_null())
        .then(pl.lit(verborgen()))
        .otherwise(pl.col(kolom).map_elements(getal, return_dtype=pl.String))
        .alias(kolom)
        for kolom in ("werkend", "met_arbeidsvermogen")
    )
    tabel(
        per_categorie,
        f"uwv per regeling en grondslag {f.gemeente_naam}",
        telkolommen=["personen"],
        labels={"doelgroep": "doelgroep"},
        key="uwv",
    )
    uitleg(UITLEG["uwv"])

notities.sectie(NOTITIES, notitielijst, f, key="wsw")
