"""Datakwaliteit: what is loaded per source and entity, how fresh it is, and why rows were refused."""

from __future__ import annotations

import datetime as dt

import polars as pl
import streamlit as st

from app import audit, export, filters, link, queries
from app.components import tabel
from app.formatting import datum, datum_kort, datum_lang, getal, procent
from app.selectie import BRONNEN


def _status(row: dict, vandaag: dt.date) -> str:
    if row["bestanden"] == 0:
        return "Nog niets geleverd"
    # One threshold per source (seed bronnen), the same as dbt's source freshness.
    return "Verouderd" if (vandaag - row["laatste_peildatum"]).days > row["verouderd_na_dagen"] else "Actueel"


def _overzicht(status: pl.DataFrame, vandaag: dt.date) -> pl.DataFrame:
    rows = []
    for row in status.iter_rows(named=True):
        totaal = row["rijen"] + row["rijen_quarantaine"]
        rows.append(
            {
                "Bron": BRONNEN[row["bron"]],
                "Entiteit": row["omschrijving"],
                "Laatste peildatum": datum(row["laatste_peildatum"]),
                "Status": _status(row, vandaag),
                "Bestanden": getal(row["bestanden"]),
                "Regels": getal(row["rijen"]),
                "In quarantaine": getal(row["rijen_quarantaine"]),
                "% quarantaine": procent(100 * row["rijen_quarantaine"] / totaal, 2) if totaal else "—",
                "Waarschuwingen": row["waarschuwingen_laatste_levering"] or "",
            }
        )
    return pl.DataFrame(rows)


def _regels_zelf(regels: pl.DataFrame, entiteiten: dict[str, str]) -> None:
    """The bad cells themselves, BSNs masked, and their download."""
    # As ingest writes the quarantine (ingest/validate._shown): what this line promises is what the table holds.
    st.caption(
        "Geen BSN op deze pagina: een waarde in een BSN-kolom staat er als sterretjes, en een reeks van 8 of meer "
        "cijfers in een andere kolom ook (het kan een verschoven BSN zijn)."
    )
    st.dataframe(
        regels.with_columns(
            pl.col("bron").replace_strict(BRONNEN),
            pl.col("tabel").replace_strict(entiteiten, default=pl.col("tabel")),
        ).rename(
            {
                "bron": "Bron",
                "tabel": "Entiteit",
                "bestand": "Bestand",
                "regelnummer": "Regel",
                "kolom": "Kolom",
                "waarde": "Waarde",
                "reden": "Reden",
            }
        ),
        hide_index=True,
        key="regels",
    )
    st.download_button(
        "Download als CSV",
        # Made when asked for, not on every rerun; BSNs masked, formulas inert.
        audit.bij_export(lambda: export.csv(regels), bestand="quarantaine.csv", rijen=len(regels)),
        file_name="quarantaine.csv",
        mime="text/csv",
        on_click="ignore",
    )


st.title("Datakwaliteit")
st.caption(
    "Wat er is ingelezen, per bron en extract: de laatste peildatum, het aantal regels en de regels die in "
    "quarantaine gingen. Alleen actuele leveringen tellen; een correctie vervangt de levering van dezelfde datum."
)
_over_bestanden = "deze pagina gaat over de geleverde bestanden, niet over personen"
filters.niet_toegepast(
    filters.huidig(),
    doelgroep=_over_bestanden,
    leeftijd=_over_bestanden,
    geslacht=_over_bestanden,
    periode="de pagina toont alle leveringen",
)

laatste = queries.verversing()
if laatste is not None:
    tijd = dt.datetime.fromisoformat(laatste.tijd)
    tekst = f"Laatste verversing {datum_lang(tijd.date())} om {tijd:%H:%M}: {laatste.melding}"
    # Refused files are the operator's to follow up: said in yellow, also when the rest loaded.
    melden = st.error if not laatste.gelukt else st.warning if laatste.weigering else st.success
    melden(tekst, icon=":material/sync:")

BRON = {None: "Alle bronnen", **BRONNEN}
with link.keuze("bron", "bron", BRON):
    bron = st.selectbox("Bron", list(BRON), format_func=BRON.get, key="bron", bind="query-params")

status = queries.laadstatus()
if bron is not None:
    status = status.filter(pl.col("bron") == bron)
vandaag = dt.date.today()

geladen = int(status["rijen"].sum())
fout = int(status["rijen_quarantaine"].sum())
peildata = status["laatste_peildatum"].drop_nulls()
kolommen = st.columns(4)
kolommen[0].metric("Bestanden", getal(int(status["bestanden"].sum())))
kolommen[1].metric("Regels geladen", getal(geladen))
kolommen[2].metric(
    "Regels in quarantaine", getal(fout), help="Foute regels kwamen niet in de monitor; de reden staat hieronder."
)
# Short: "1 december 2026" did not fit a quarter of the page at 1400 px ("1 december …").
kolommen[3].metric("Laatste peildatum", datum_kort(peildata.max() if len(peildata) else None))

st.subheader("Per extract")
overzicht = _overzicht(status, vandaag)
tabel(overzicht, "datakwaliteit per extract", hoogte=35 * (len(overzicht) + 1) + 3, key="overzicht")  # no scroll

st.subheader("Redenen van quarantaine")
redenen = queries.quarantaine_redenen(bron)
if redenen.is_empty():
    st.success("Geen regels in quarantaine" + ("" if bron is None else f" voor {BRONNEN[bron]}") + ".")
else:
    entiteiten = dict(queries.laadstatus().select("tabel", "omschrijving").iter_rows())
    tabel(
        redenen.select(
            pl.col("bron").replace_strict(BRONNEN).alias("Bron"),
            pl.col("tabel").replace_strict(entiteiten, default=pl.col("tabel")).alias("Entiteit"),
            pl.col("kolom").alias("Kolom"),
            pl.col("reden").alias("Reden"),
            pl.col("regels").alias("Regels"),
            pl.col("cellen").alias("Cellen"),
        ),
        "redenen van quarantaine",
        key="redenen",
    )
    regels = queries.quarantaine_regels(bron)
    zelf = st.expander(
        f"De foute regels zelf ({getal(len(regels))}{' of meer' if len(regels) == 5000 else ''})",
        key="foute_regels",
        bind="query-params",
    )
    with zelf:
        # Drawn once opened: up to 5,000 rows sent with every visit made this page the slowest opened by its link at
        # national size (1.3-1.65 s against 0.8-1.0 s without them, docs/performance.md).
        if zelf.open:
            _regels_zelf(regels, entiteiten)
