"""Plaatsingen & uitstroom: who got placed where, whether it lasted, and the client flow in and out of benefit."""

from __future__ import annotations

import polars as pl
import streamlit as st

from app import charts, filters, link, queries
from app.components import grafiek, leeg, maand_of_kwartaal, tabel, uitleg, verstoord
from app.formatting import getal, procent
from app.privacy import drempel
from app.privacy import label as verborgen
from app.toepassing import niet_van_toepassing
from app.woorden import UITLEG

STROMEN = ("instroom", "uitstroom", "uitstroom_werk")


def _verborgen_deel(stroom: pl.DataFrame) -> float:
    """The share of the flows (in, out, out to work) shown as hidden, over the months or quarters whose flows are
    known."""
    bekend = stroom.filter(pl.col("stromen_bekend"))
    return sum(bekend[k].null_count() for k in STROMEN) / max(1, len(STROMEN) * bekend.height)


f = filters.huidig()
st.title("Plaatsingen & uitstroom")
st.caption(f"{f.beschrijving()} · plaatsingen begonnen in {f.periode_naam}")
verstoord()

PER = {"soort": "Soort", "sector": "Sector", "werkgever": "Werkgever"}
with link.keuze("plaatsingen_per", "plaatsingen per", PER):
    per = st.segmented_control(
        "Plaatsingen per", list(PER), default="soort", format_func=PER.get, key="plaatsingen_per", bind="query-params"
    )
per = per or "soort"
verdeling = queries.stroom.plaatsingen_per(f, per)
if verdeling.is_empty():
    nvt = niet_van_toepassing("plaatsingen", f.doelgroep)
    if nvt:
        st.info(nvt)
    else:
        leeg(f"plaatsingen ({f.beschrijving()})")
else:
    zichtbaar = verdeling.drop_nulls("plaatsingen")
    if not zichtbaar.is_empty():  # a chart of hidden counts only would be empty axes
        figuur = charts.staven(zichtbaar.head(20), per, "plaatsingen", horizontaal=True)
        figuur.update_layout(xaxis_title="Plaatsingen", height=max(250, 30 * min(20, zichtbaar.height) + 100))
        grafiek(
            figuur,
            f"plaatsingen per {per} {f.beschrijving()}",
            key="verdeling",
            titel=f"Plaatsingen per {per}, begonnen in {f.periode_naam}",
            bron="werkplein",
            periode=f.periode_naam,
        )
    tabel(
        verdeling,
        f"plaatsingen per {per}",
        telkolommen=["plaatsingen", "personen"],
        key="verdeling",
    )
    if per == "werkgever":
        st.caption(
            f"Werkgevers met minder dan {drempel()} geplaatste mensen staan samen in één regel "
            f"“{queries.stroom.overige_werkgevers()}”: een eigen regel zou die mensen aanwijzen."
        )
uitleg(UITLEG["plaatsingen"])

links, rechts = st.columns(2)
with links:
    st.subheader("Loonwaarde")
    loonwaarde = queries.stroom.loonwaarde(f)
    if loonwaarde.is_empty():
        leeg("plaatsingen met loonwaarde")
    elif loonwaarde["plaatsingen"].null_count() == loonwaarde.height:  # a chart of hidden bands only: empty axes
        st.info(
            f"Elke loonwaardeband telt hier minder dan {drempel()} plaatsingen: te weinig om te tonen. Kies een "
            "langere periode of een ruimere selectie, zoals heel Twente of alle doelgroepen.",
            icon=":material/visibility_off:",
        )
    else:
        banden = loonwaarde.with_columns(
            pl.format("{}-{} %", pl.col("loonwaarde_van"), pl.col("loonwaarde_van") + 9).alias("loonwaarde_van")
        )
        figuur = charts.staven(banden, "loonwaarde_van", "plaatsingen", verborgen=verborgen())
        figuur.update_layout(xaxis_title="Loonwaarde", yaxis_title="Plaatsingen")
        grafiek(figuur, "loonwaarde", key="loonwaarde", titel="Plaatsingen naar loonwaarde", bron="werkplein")
        st.caption(
            "Plaatsingen met een loonwaarde, per 10 procentpunt. De loonwaarde is wat iemand in de functie "
            "presteert, als deel van wat een werknemer zonder beperking daar presteert."
        )
with rechts:
    st.subheader("Duurzaamheid")
    duurzaam_per = maand_of_kwartaal("duurzaam_per", "Duurzaamheid per")
    per_periode = queries.stroom.duurzaamheid(f, duurzaam_per)
    duurzaam = per_periode.drop_nulls("duurzaam_6m_pct")
    te_weinig = queries.stroom.duurzaamheid_verborgen(duurzaam_per)
    if duurzaam.is_empty() and per_periode["bekend_6m"].ne_missing(0).any():  # known, but every one too small
        elk = "elke maand: kies Kwartaal hierboven of" if duurzaam_per == "maand" else "elk kwartaal: kies"
        st.info(
            f"{te_weinig} Dat geldt hier voor {elk} een ruimere selectie, zoals heel Twente of alle doelgroepen.",
            icon=":material/visibility_off:",
        )
    elif duurzaam.is_empty():
        leeg("plaatsingen waarvan 6 maanden al voorbij zijn")
    else:
        # A hidden month between two shown ones stays, as a gap: a line drawn through it would draw a value there.
        van_tot = pl.col("maand").is_between(duurzaam["maand"].min(), duurzaam["maand"].max())
        getoond = per_periode.filter(van_tot)
        if duurzaam_per == "kwartaal":  # the quarter's name on the axis: "okt–dec 2025"
            getoond = getoond.drop("maand").select("kwartaal", pl.exclude("kwartaal"))
        grafiek(
            charts.lijnen(
                getoond,
                duurzaam_per,
                {"duurzaam_6m_pct": "Na 6 maanden", "duurzaam_12m_pct": "Na 12 maanden"},
                y_titel="Nog aan het werk",
            ),
            "duurzaamheid plaatsingen",
            key="duurzaam",
            titel="Duurzaamheid: na 6 en 12 maanden nog aan het werk (plaatsingen in betaald werk)",
            bron="werkplein",
            eenheid=" %",
        )
        st.caption(te_weinig)
        if duurzaam_per == "maand":  # a few months left are the ones where many jobs did not last: point to quarters
            per_maand, per_kwartaal, kwartaal_beter = queries.stroom.duurzaamheid_zonder_aandeel(f)
            if kwartaal_beter:
                st.caption(
                    f"Per maand is {procent(100 * per_maand, 0)} van de startmaanden te klein om te tonen, per "
                    f"kwartaal {procent(100 * per_kwartaal, 0)}: kies hierboven Kwartaal. De maanden die overblijven "
                    f"zijn die met ten minste {drempel()} banen die niet bleven: ze lezen vaak lager dan het geheel."
                )
    uitleg(UITLEG["duurzaamheid"])

st.subheader("Instroom, uitstroom en herinstroom")
if f.meerdere_doelgroepen:
    st.caption(f"De klantstroom toont één doelgroep tegelijk: {filters.doelgroep_label(f.doelgroep)}.")
stroom_per = maand_of_kwartaal("stroom_per", "Klantstroom per")
stroom = queries.stroom.klantstroom(f, stroom_per)
if stroom.is_empty():
    nvt = niet_van_toepassing("klantstroom", f.doelgroep)
    if nvt:
        st.info(nvt)
    else:
        leeg(f"de klantstroom van {f.doelgroep_naam} (alleen Werkplein-doelgroepen)")
else:
    verborgen_deel = _verborgen_deel(stroom)
    stroom = stroom.filter(pl.col("stromen_bekend")).drop("stromen_bekend")
    if stroom_per == "kwartaal":  # the quarter's name on the axis and in the table: "okt–dec 2025"
        stroom = stroom.drop("maand").select("kwartaal", pl.exclude("kwartaal"))
    grafiek(
        charts.lijnen(
            stroom,
            stroom_per,
            {
                "instroom": "Instroom",
                "uitstroom": "Uitstroom",
                "uitstroom_werk": "Uitstroom naar werk",
                "herinstroom_6m": "Herinstroom binnen 6 maanden",
            },
            y_titel="Mensen",
        ),
        f"klantstroom {f.beschrijving()}",
        key="stroom",
        titel="Instroom, uitstroom en herinstroom",
        bron="werkplein",
    )
    if stroom_per == "maand":  # a small municipality's months are mostly hidden: say when its quarters read better
        per_maand, per_kwartaal = verborgen_deel, _verborgen_deel(queries.stroom.klantstroom(f, "kwartaal"))
        if per_maand > 0.25 and per_kwartaal < per_maand / 2:
            st.caption(
                f"Per maand is {procent(100 * per_maand, 0)} van deze aantallen te klein om te tonen ({verborgen()}), "
                f"per kwartaal {procent(100 * per_kwartaal, 0)}: kies hierboven Kwartaal."
            )
    # Herinstroom is unknown until 6 / 12 months have passed: say so, rather than "< 5" or empty.
    for kolom in ("herinstroom_6m", "herinstroom_12m"):
        stroom = stroom.with_columns(
            pl.when(~pl.col(f"{kolom}_bekend"))
            .then(pl.lit("nog onbekend"))
            .when(pl.col(kolom).is_null())
            .then(pl.lit(verborgen()))
            .otherwise(pl.col(kolom).map_elements(getal, return_dtype=pl.String))
            .alias(kolom)
        ).drop(f"{kolom}_bekend")
    tabel(
        stroom,
        f"klantstroom per {stroom_per} {f.beschrijving()}",
        telkolommen=["bestand", "instroom", "uitstroom", "uitstroom_werk"],
        kolomnamen={"bestand": "In de uitkering (laatste maand)"} if stroom_per == "kwartaal" else None,
        key="stroom",
    )
    uitleg(UITLEG["klantstroom"])
