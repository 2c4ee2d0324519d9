"""Overzicht: in ten seconds, how things go for the chosen municipality and month, each tile linking to its page."""

from __future__ import annotations

import polars as pl
import streamlit as st

from app import filters, queries, toegang
from app.formatting import datum_lang, getal, procent
from app.privacy import label as verborgen
from app.selectie import BRONNEN

f = filters.huidig()
st.title("Overzicht")
st.caption(f"{f.beschrijving()} · standen op {datum_lang(f.peildatum)}")


def _waarde(frame: pl.DataFrame, kolom: str, maand_kolom: str, maand: object) -> int | str | None:
    """The value in the chosen month: a number, None when hidden (< 5), '' when there is no such month."""
    rij = frame.filter(pl.col(maand_kolom) == maand)
    return "" if rij.is_empty() else rij[kolom].item()


def _tekst(value: int | str | None) -> str:
    return "—" if value == "" else verborgen() if value is None else getal(value)


def _verschil(nu: int | str | None, vorig: int | str | None) -> str | None:
    if isinstance(nu, int) and isinstance(vorig, int):
        return f"{nu - vorig:+,}".replace(",", ".") + " t.o.v. vorige maand"
    return None


maanden = queries.maanden()
vorige = maanden.filter(pl.col("maand") < f.maand)["maand"].max()
vorige_peildatum = maanden.filter(pl.col("maand") == vorige)["peildatum"].max() if vorige else None

kolommen = st.columns(3)
with kolommen[0].container(border=True):
    totaal = queries.ladder.totaal(f)
    nu = _waarde(totaal, "personen", "peildatum", f.peildatum)
    nu = 0 if nu == "" else nu  # no one with a recent score in this selection
    vorig = _waarde(totaal, "personen", "peildatum", vorige_peildatum)
    st.metric("Mensen op de ladder", _tekst(nu), _verschil(nu, vorig), help=queries.definitie("mart_ladder_stand"))
    aandeel = _waarde(totaal, "aandeel_4_6_pct", "peildatum", f.peildatum)
    if isinstance(aandeel, float):
        st.caption(f"{procent(aandeel)} op trede 4-6")
    st.page_link("app_pages/ladder.py", label="Participatieladder", icon=":material/arrow_forward:")
with kolommen[1].container(border=True):
    stappen = queries.ladder.stappen(f)
    nu = _waarde(stappen, "omhoog", "peildatum", f.peildatum)
    nu = 0 if nu == "" else nu  # no one scored again this month
    st.metric(
        "Stappen omhoog deze maand",
        _tekst(nu),
        _verschil(nu, _waarde(stappen, "omhoog", "peildatum", vorige_peildatum)),
        help=queries.definitie("mart_ladder_overgangen"),
    )
    per_100 = _waarde(stappen, "omhoog_per_100", "peildatum", f.peildatum)
    if isinstance(per_100, float):
        st.caption(f"{getal(per_100, 1)} per 100 opnieuw gescoorde mensen")
    st.page_link("app_pages/ladder.py", label="Overgangen", icon=":material/arrow_forward:")
with kolommen[2].container(border=True):
    geplaatst = queries.stroom.plaatsingen_per_maand(f)
    nu = _waarde(geplaatst, "plaatsingen", "maand", f.maand)
    nu = 0 if nu == "" else nu
    st.metric(
        "Plaatsingen gestart",
        _tekst(nu),
        _verschil(nu, _waarde(geplaatst, "plaatsingen", "maand", vorige)),
        help="Plaatsingen bij een werkgever die in deze maand begonnen. " + queries.definitie("mart_plaatsingen"),
    )
    st.page_link("app_pages/plaatsingen.py", label="Plaatsingen & uitstroom", icon=":material/arrow_forward:")

kolommen = st.columns(3)
with kolommen[0].container(border=True):
    stroom = queries.stroom.klantstroom(f)
    bekend = stroom.drop_nulls("duurzame_uitstroom_pct").filter(pl.col("maand") <= f.maand) if stroom.height else stroom
    if bekend.height:
        laatste = bekend.row(-1, named=True)
        st.metric(
            "Duurzame uitstroom",
            procent(laatste["duurzame_uitstroom_pct"]),
            help=queries.definitie("mart_klantstroom", "duurzame_uitstroom_pct"),
        )
        st.caption(f"van wie in {filters.maand_label(laatste['maand'])} uitstroomde: binnen 12 maanden niet terug")
    else:
        st.metric("Duurzame uitstroom", "—")
        st.caption("Nog niet te weten of te weinig uitstroom voor deze selectie.")
    st.page_link("app_pages/plaatsingen.py", label="Uitstroom", icon=":material/arrow_forward:")
with kolommen[1].container(border=True):
    waarde = _tekst(queries.wsw.totaal(f)["personen"].item())
    st.metric("Wsw-werknemers", waarde, help=queries.definitie("mart_wsw"))
    wachtlijst = queries.wsw.wachtlijst(f)
    op_lijst = _waarde(wachtlijst, "op_lijst", "maand", f.maand)
    st.caption(f"Wachtlijst: {_tekst(op_lijst if op_lijst != '' else 0)}")
    st.page_link("app_pages/wsw.py", label="WSW & beschut werk", icon=":material/arrow_forward:")
with kolommen[2].container(border=True):
    st.markdown("**Data van**")
    for rij in queries.actualiteit().iter_rows(named=True):
        st.caption(f"{BRONNEN[rij['bron']]}: {datum_lang(rij['laatste_peildatum'])}")
    if toegang.huidig().rol == "beheer":  # only beheer has the data-quality page
        st.page_link("app_pages/datakwaliteit.py", label="Datakwaliteit", icon=":material/arrow_forward:")

st.subheader("Strategische doelen")
doelen = queries.doelen.stand(f.gemeente, f.peildatum)
if doelen.is_empty():
    st.info(f"Voor {f.gemeente_naam} zijn geen strategische doelen vastgelegd (seed strategische_doelen).")
else:
    namen = dict(queries.gemeenten().select("gemeentecode", "naam").iter_rows())
    for (gemeente, doel), rijen in doelen.group_by(["gemeentecode", "strategisch_doel"], maintain_order=True):
        wie = "" if f.gemeente else f"{namen.get(gemeente, gemeente)} · "
        with st.container(border=True):
            eerste = rijen.row(0, named=True)
            st.markdown(f"{wie}**{doel}** · {eerste['doelgroep_omschrijving']}")
            for rij in rijen.iter_rows(named=True):
                gehaald = rij["gerealiseerd"]
                tekst = verborgen() if gehaald is None else getal(gehaald)
                fractie = 0.0 if rij["realisatie_pct"] is None else min(1.0, float(rij["realisatie_pct"]) / 100)
                variant = rij["variant"].capitalize()
                st.progress(fractie, text=f"{variant}: {tekst} van {getal(rij['doel'])} — {rij['doel_omschrijving']}")
st.page_link("app_pages/benchmark.py", label="Vergelijk met de rest van Twente", icon=":material/leaderboard:")
