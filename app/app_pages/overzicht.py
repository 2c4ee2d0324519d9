"""Overzicht: in ten seconds, how things go for the chosen municipality and month, each tile linking to its page."""

from __future__ import annotations

import dataclasses

import polars as pl
import streamlit as st

from app import audit, filters, queries, rapport, toegang
from app.components import tabel, verstoord
from app.formatting import datum_lang, getal, procent
from app.privacy import label as verborgen
from app.selectie import BRONNEN, maand_label
from app.tegels import rij, tegel, tekst
from app.toepassing import voor_indicator

OVERZICHT_KOLOMMEN = {
    "onderdeel": "Onderdeel",
    "naam": "Naam",
    "waarde": "Waarde",
    "verschil": "T.o.v. een maand eerder",
    "doel": "Doel",
    "realisatie": "Van het doel",
    "verwacht": "Nu verwacht",
    "periode": "Periode",
    "toelichting": "Toelichting",
}

f = filters.huidig()
rijen: list[dict] = []  # every tile, caption and goal as shown: the download at the bottom of the page


def dit_jaar_tot_nu(indicator: str) -> None:
    """Beside a month's flow (often "< 5" in a small municipality) the year so far, as the report's key figures."""
    if f.periode != "maand":
        return
    jaar = queries.indicator.uitkomst(indicator, dataclasses.replace(f, periode="lopend_jaar"))
    st.caption(f"Dit jaar tot nu ({jaar.periode_naam}): {tekst(jaar)}")
    rijen.append(rij("Tegel", f"{rapport.DIT_JAAR[indicator]} dit jaar tot nu", tekst(jaar), periode=jaar.periode_naam))


kop, knop = st.columns([3, 1], vertical_alignment="bottom")
kop.title("Overzicht")
if f.gemeente is None:
    knop.caption("Kies een gemeente voor de raadsrapportage (PDF).")
else:
    bestand = rapport.bestandsnaam(f.gemeente_naam, f.maand)
    kijker = toegang.huidig()  # fixed now: the file is made later, outside this run
    knop.download_button(
        "Raadsrapportage (PDF)",
        audit.bij_export(
            lambda: rapport.pdf(f.gemeente, f.maand, kijker=kijker),
            bestand=bestand,
            soort="raadsrapportage",
            maand=f.maand.isoformat(),
        ),
        file_name=bestand,
        mime="application/pdf",
        key="rapport_pdf",
        on_click="ignore",
        icon=":material/picture_as_pdf:",
        help=f"De cijfers van {f.gemeente_naam} voor {maand_label(f.maand)}, alle doelgroepen, met doelen, ladder, "
        "plaatsingen, pacten, benchmark, notities en definities; het maken duurt zo'n tien seconden.",
    )
st.caption(f"{f.beschrijving()} · standen op {datum_lang(f.peildatum)}")

kolommen = st.columns(3)
with kolommen[0].container(border=True):
    tegel("ladder_personen", f, rijen=rijen)
    aandeel = queries.indicator.uitkomst("aandeel_trede_4_6", f)
    st.caption(f"{tekst(aandeel)} op trede 4-6")
    rijen.append(rij("Tegel", "Aandeel op trede 4-6", tekst(aandeel), periode=aandeel.periode_naam or None))
    st.page_link("app_pages/ladder.py", label="Participatieladder", icon=":material/arrow_forward:")
with kolommen[1].container(border=True):
    tegel("stappen_omhoog", f, titel="Stappen omhoog", rijen=rijen, periode=True)
    per_100 = queries.indicator.uitkomst("stappen_omhoog_per_100", f)
    st.caption(f"{tekst(per_100)} per 100 mensen op de ladder")
    rijen.append(rij("Tegel", "Stappen omhoog per 100 mensen op de ladder", tekst(per_100), periode=f.periode_naam))
    dit_jaar_tot_nu("stappen_omhoog")
    st.page_link("app_pages/ladder.py", label="Overgangen", icon=":material/arrow_forward:")
with kolommen[2].container(border=True):
    tegel("plaatsingen", f, titel="Plaatsingen gestart", rijen=rijen, periode=True)
    dit_jaar_tot_nu("plaatsingen")
    st.page_link("app_pages/plaatsingen.py", label="Plaatsingen & uitstroom", icon=":material/arrow_forward:")

kolommen = st.columns(3)
with kolommen[0].container(border=True):
    duurzaam = tegel("duurzame_uitstroom_pct", f, verschil=False, rijen=rijen)
    if duurzaam.bekend and duurzaam.periode_naam:
        st.caption(f"van wie uitstroomde in {duurzaam.periode_naam}: 12 maanden niet terug")
    if f.periode == "maand":  # beside one month's few leavers (hidden in most municipalities), the twelve before it
        jaar = queries.indicator.uitkomst("duurzame_uitstroom_pct", dataclasses.replace(f, periode="12m"))
        if jaar.bekend:
            st.caption(f"Over 12 maanden ({jaar.periode_naam}): {tekst(jaar)}")
            rijen.append(rij("Tegel", "Duurzame uitstroom over 12 maanden", tekst(jaar), periode=jaar.periode_naam))
    st.page_link("app_pages/plaatsingen.py", label="Uitstroom", icon=":material/arrow_forward:")
with kolommen[1].container(border=True):
    tegel("wsw_werknemers", f, titel="Wsw-werknemers", rijen=rijen)
    wachtlijst = queries.indicator.uitkomst("wsw_wachtlijst", f)
    # Not applicable as the tile above is (Jongeren onder 27 in a source without age), then the tile's line says why.
    wachtlijst_tekst = "n.v.t." if voor_indicator(wachtlijst.indicator, f.doelgroepen) else tekst(wachtlijst)
    st.caption(f"Wachtlijst: {wachtlijst_tekst}")
    rijen.append(rij("Tegel", "Wsw-wachtlijst", wachtlijst_tekst, periode=wachtlijst.periode_naam or None))
    st.page_link("app_pages/wsw.py", label="WSW & beschut werk", icon=":material/arrow_forward:")
with kolommen[2].container(border=True):
    st.markdown("**Data van**")
    for bron in queries.actualiteit().iter_rows(named=True):
        st.caption(f"{BRONNEN[bron['bron']]}: {datum_lang(bron['laatste_peildatum'])}")
        rijen.append(rij("Data van", BRONNEN[bron["bron"]], datum_lang(bron["laatste_peildatum"])))
    if toegang.huidig().rol == "beheer":  # only beheer has the data-quality page
        st.page_link("app_pages/datakwaliteit.py", label="Datakwaliteit", icon=":material/arrow_forward:")

verstoord()

st.subheader("Strategische doelen")
doelen = queries.doelen.stand(f.gemeente, f.peildatum)
if doelen.is_empty():
    st.info(f"Voor {f.gemeente_naam} zijn geen strategische doelen vastgelegd.")
else:
    namen = dict(queries.gemeenten().select("gemeentecode", "naam").iter_rows())
    doel_namen = dict(queries.labels("strategisch_doel").select("code", "label").iter_rows())
    for (gemeente, doel), doel_rijen in doelen.group_by(["gemeentecode", "strategisch_doel"], maintain_order=True):
        wie = "" if f.gemeente else f"{namen.get(gemeente, gemeente)} · "
        doel_regels: list[tuple[str, dict, str]] = []
        with st.container(border=True):
            eerste = doel_rijen.row(0, named=True)
            st.markdown(f"{wie}**{doel_namen.get(doel, doel)}** · {eerste['doelgroep_omschrijving']}")
            for stand in doel_rijen.iter_rows(named=True):
                gehaald = stand["gerealiseerd"]
                gehaald_tekst = verborgen() if gehaald is None else getal(gehaald)
                fractie = 0.0 if stand["realisatie_pct"] is None else min(1.0, float(stand["realisatie_pct"]) / 100)
                variant = stand["variant"].capitalize()
                st.progress(
                    fractie,
                    text=f"{variant}: {gehaald_tekst} van {getal(stand['doel'])} ({procent(stand['realisatie_pct'])}) "
                    f"· nu verwacht {getal(stand['verwacht'])} — {stand['doel_omschrijving']}",
                )
                doel_regels.append(
                    (
                        f"{wie}{doel_namen.get(doel, doel)} · {eerste['doelgroep_omschrijving']} · {variant}",
                        stand,
                        gehaald_tekst,
                    )
                )
            periode = f"Beleidsperiode {datum_lang(eerste['periode_begin'])} t/m {datum_lang(eerste['periode_einde'])}"
            if eerste["periode_verschoven"]:
                periode += (
                    f" (het plan gold {eerste['beleidsperiode_begin'].year}–{eerste['beleidsperiode_einde'].year}; "
                    "even lang op de gemeten periode gelegd)"
                )
            st.caption(
                f"{periode}; {procent(eerste['verstreken_pct'])} verstreken. Verwacht = het doel bij gelijkmatig tempo."
            )
        for naam, stand, gehaald_tekst in doel_regels:
            rijen.append(
                rij(
                    "Strategisch doel",
                    naam,
                    gehaald_tekst,
                    doel=getal(stand["doel"]),
                    realisatie=procent(stand["realisatie_pct"]),
                    verwacht=getal(stand["verwacht"]),
                    periode=f"{periode}; {procent(eerste['verstreken_pct'])} verstreken",
                    toelichting=stand["doel_omschrijving"],
                )
            )
st.page_link("app_pages/benchmark.py", label="Vergelijk met de rest van Twente", icon=":material/leaderboard:")

with st.expander("Tegels en doelen als tabel (CSV, Excel)", icon=":material/table:"):
    st.caption(f"{f.beschrijving()} · standen op {datum_lang(f.peildatum)}. Dezelfde waarden als hierboven.")
    tabel(
        pl.DataFrame(rijen, schema={k: pl.String for k in rij("", "", "")}),
        f"overzicht {f.beschrijving()}",
        kolomnamen=OVERZICHT_KOLOMMEN,
        key="overzicht",
    )
