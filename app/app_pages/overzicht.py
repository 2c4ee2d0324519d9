"""Overzicht: in ten seconds, how things go for the chosen municipality and month, each tile linking to its page."""

from __future__ import annotations

import polars as pl
import streamlit as st

from app import filters, queries, toegang
from app.formatting import datum_lang, getal, procent
from app.privacy import label as verborgen
from app.selectie import BRONNEN
from app.toepassing import niet_van_toepassing

f = filters.huidig()
st.title("Overzicht")
st.caption(f"{f.beschrijving()} · standen op {datum_lang(f.peildatum)}")


def _waarde(frame: pl.DataFrame, kolom: str, maand_kolom: str, maand: object) -> int | str | None:
    """The value in the chosen month: a number, None when hidden (< 5), '' when there is no such month."""
    rij = frame.filter(pl.col(maand_kolom) == maand)
    return "" if rij.is_empty() else rij[kolom].item()


def _tekst(value: int | str | None) -> str:
    return "—" if value == "" else verborgen() if value is None else getal(value)


def _nvt(figuur: str, nu: int | str | None) -> bool:
    """A Werkplein-only figure that is 0 for a UWV doelgroep says "n.v.t." instead of 0."""
    if nu == 0 and niet_van_toepassing(figuur, f.doelgroep):
        st.caption("Niet van toepassing: UWV levert dit niet.")
        return True
    return False


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
    nvt = nu == 0 and niet_van_toepassing("ladder", f.doelgroep)
    st.metric(
        "Mensen op de ladder",
        "n.v.t." if nvt else _tekst(nu),
        None if nvt else _verschil(nu, vorig),
        help=queries.definitie("mart_ladder_stand"),
    )
    _nvt("ladder", nu)
    aandeel = _waarde(totaal, "aandeel_4_6_pct", "peildatum", f.peildatum)
    if isinstance(aandeel, float):
        st.caption(f"{procent(aandeel)} op trede 4-6")
    st.page_link("app_pages/ladder.py", label="Participatieladder", icon=":material/arrow_forward:")
with kolommen[1].container(border=True):
    stappen = queries.ladder.stappen(f)
    nu = _waarde(stappen, "omhoog", "peildatum", f.peildatum)
    nu = 0 if nu == "" else nu  # no one scored again this month
    nvt = nu == 0 and niet_van_toepassing("ladder", f.doelgroep)
    st.metric(
        "Stappen omhoog deze maand",
        "n.v.t." if nvt else _tekst(nu),
        None if nvt else _verschil(nu, _waarde(stappen, "omhoog", "peildatum", vorige_peildatum)),
        help=queries.definitie("mart_ladder_overgangen"),
    )
    _nvt("ladder", nu)
    per_100 = _waarde(stappen, "omhoog_per_100", "peildatum", f.peildatum)
    if isinstance(per_100, float):
        st.caption(f"{getal(per_100, 1)} per 100 opnieuw gescoorde mensen")
    st.page_link("app_pages/ladder.py", label="Overgangen", icon=":material/arrow_forward:")
with kolommen[2].container(border=True):
    geplaatst = queries.stroom.plaatsingen_per_maand(f)
    nu = _waarde(geplaatst, "plaatsingen", "maand", f.maand)
    nu = 0 if nu == "" else nu
    nvt = nu == 0 and niet_van_toepassing("plaatsingen", f.doelgroep)
    st.metric(
        "Plaatsingen gestart",
        "n.v.t." if nvt else _tekst(nu),
        None if nvt else _verschil(nu, _waarde(geplaatst, "plaatsingen", "maand", vorige)),
        help="Plaatsingen bij een werkgever die in deze maand begonnen. " + queries.definitie("mart_plaatsingen"),
    )
    _nvt("plaatsingen", nu)
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
    elif niet_van_toepassing("klantstroom", f.doelgroep):
        st.metric("Duurzame uitstroom", "n.v.t.")
        st.caption("Niet van toepassing: UWV levert dit niet.")
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
                st.progress(
                    fractie,
                    text=f"{variant}: {tekst} van {getal(rij['doel'])} ({procent(rij['realisatie_pct'])}) · "
                    f"nu verwacht {getal(rij['verwacht'])} — {rij['doel_omschrijving']}",
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
st.page_link("app_pages/benchmark.py", label="Vergelijk met de rest van Twente", icon=":material/leaderboard:")
