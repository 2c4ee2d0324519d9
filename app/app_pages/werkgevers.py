"""Werkgevers & Pact: what pact employers committed and delivered, SROI contracts, social enterprises."""

from __future__ import annotations

import polars as pl
import streamlit as st

from app import charts, filters, queries, sroi
from app.components import grafiek, leeg, met_labels, tabel, uitleg, verstoord
from app.formatting import datum_lang, euro, getal, letterlijk, procent
from app.privacy import drempel
from app.privacy import label as verborgen
from app.woorden import UITLEG

f = filters.huidig()
st.title("Werkgevers & Pact")
st.caption("Werkgevers uit het werkgeversregister; plaatsingen zoals het Werkplein ze levert.")
verstoord()
filters.niet_toegepast(
    f,
    doelgroep="werkgevers, pacten en SROI-contracten gelden niet per doelgroep",
    leeftijd="werkgevers, pacten en SROI-contracten gelden niet per leeftijd",
    geslacht="werkgevers, pacten en SROI-contracten gelden niet per geslacht",
    periode="pacten tellen aan het eind van de periode; werkgevers en SROI zoals het nieuwste register ze kent",
)

st.subheader(f"Pacten: toegezegd en bezet eind {filters.maand_label(f.eind)}")
pacten = met_labels(queries.werkgevers.pacten(f.gemeente, f.eind), {"pact": "pact"})
if pacten.is_empty():
    leeg(f"pactwerkgevers in {f.gemeente_naam}")
# A municipality sees each pact's members established there: "9 leden" alone read as the pact's size (Pact MVO
# Hengelo has 130).
waar = f" in {f.gemeente_naam}" if f.gemeente else ""
kolommen = st.columns(max(1, pacten.height))
for kolom, rij in zip(kolommen, pacten.iter_rows(named=True), strict=False):
    with kolom.container(border=True):
        st.metric(rij["pact"], procent(rij["realisatie_pct"]))
        st.caption(
            f"{getal(rij['leden'])} leden{waar} · "
            f"{verborgen() if rij['gerealiseerd'] is None else getal(rij['gerealiseerd'])} van de "
            f"{getal(rij['toezegging_plekken'])} toegezegde plekken bezet"
        )
uitleg(UITLEG["pacten"])

st.subheader("Werkgevers")
links, rechts = st.columns([3, 1])
zoek = links.text_input("Zoek op naam of KvK-nummer", key="werkgever_zoek", bind="query-params")
alleen_pact = rechts.toggle("Alleen pactleden", key="alleen_pact", bind="query-params")
werkgevers = queries.werkgevers.werkgevers(f.gemeente, zoek.strip(), alleen_pact)
if werkgevers.is_empty():
    leeg(f"werkgevers die passen bij {letterlijk(zoek)}" if zoek else f"werkgevers in {f.gemeente_naam}")
else:
    tabel(
        werkgevers,
        f"werkgevers {f.gemeente_naam}",
        telkolommen=["plaatsingen_lopend", "plaatsingen_totaal", "plaatsingen_sinds_toetreding", "plekken_bezet"],
        labels={"sbi_sector": "sbi_sector", "vestigingsgemeente": "gemeente", "pact": "pact"},
        key="werkgevers",
    )

st.subheader("SROI-contracten")
st.caption(
    "Gewaardeerd met de bouwblokkenmethode van Oost-Nederland. Inkoop bij sociale ondernemingen is ook een bouwblok, "
    "maar staat niet in de extracten en telt hier dus niet mee."
)
contracten = queries.werkgevers.sroi_contracten(f.gemeente)
if contracten.is_empty():
    leeg("SROI-contracten")
else:
    # Together first: most contracts hold a few placements and show no amount of their own (decisions.md).
    alle, klein = queries.werkgevers.sroi_samen(f.gemeente).iter_rows(named=True)
    links, midden, rechts = st.columns(3)
    with links.container(border=True):
        st.metric("Verplichting tot nu", euro(alle["verwacht_eur"]))
        st.caption(f"{sroi.contracten(alle['contracten'])}, samen {euro(alle['verplichting_eur'])} over de looptijd")
    with midden.container(border=True):
        st.metric("Gerealiseerd", euro(alle["gerealiseerd_eur"]))
        st.caption("tot de nieuwste plaatsingenlevering")
    with rechts.container(border=True):
        st.metric("Deel van de verplichting tot nu", procent(alle["realisatie_pct"]))
        st.caption(sroi.oordeel(alle["op_koers"], alle["rond"]))
    st.caption(sroi.bijschrift(alle, klein, drempel()))
    if contracten["realisatie_pct"].is_null().all():  # a chart of dashes only would be empty axes
        st.info(
            f"Van geen contract is het gerealiseerde deel te tonen (—: minder dan {drempel()} plaatsingen, of geen "
            "verplichting); de tabel hieronder toont ze.",
            icon=":material/visibility_off:",
        )
    else:
        # Every contract, a hidden one named so (the table says —): one bar of seven read as all of them. A line of
        # its own for each (Twente has dozens of contracts), and the obligation as a line to read them against.
        figuur = charts.staven(
            contracten, "contract_id", "realisatie_pct", horizontaal=True, verborgen="verborgen",
            titel="Gerealiseerd, als deel van de verplichting",
        )  # fmt: skip
        figuur.add_vline(x=100, line_dash="dot", line_width=1, annotation_text="verplichting")
        figuur.update_layout(height=max(250, 24 * contracten.height + 120), xaxis_title="% van de verplichting")
        grafiek(
            figuur,
            "sroi realisatie",
            key="sroi",
            titel="SROI-contracten: gerealiseerd, als deel van de verplichting",
            bron="werkgevers",
            periode="zoals het nieuwste werkgeversregister ze kent",
            eenheid=" %",
        )
    oordeel = pl.Series("oordeel", [sroi.contract_oordeel(r) for r in contracten.iter_rows(named=True)], pl.String)
    contracten = contracten.with_columns(pl.col("status").str.to_titlecase())
    tabel(
        contracten.with_columns(oordeel).drop("op_koers", "behaald", "rond", "peildatum"),
        "sroi contracten",
        kolomnamen={"werkgever": "Leverancier"},
        key="sroi",
    )
    st.caption(
        f"Geteld tot de plaatsingenlevering van {datum_lang(contracten['peildatum'].max())}. Lopend: op koers als "
        "gerealiseerd minstens de verplichting maal het verstreken deel van de looptijd is. "
        "Afgerond: het eindresultaat. Wat een contract met minder dan "
        f"{drempel()} plaatsingen opleverde staat er niet (—): het bedrag zou die mensen aanwijzen; de andere "
        "bedragen zijn licht verschoven en op € 100 afgerond; niet zeker: die verschuiving kan het verschil met de "
        "verplichting zijn."
    )
    st.markdown("**Gerealiseerd per bouwblok**")
    blokken = queries.werkgevers.sroi_bouwblokken(f.gemeente)
    if blokken.is_empty():
        leeg("plaatsingen die aan een SROI-contract hangen")
    else:
        tabel(blokken, "sroi per bouwblok", euros=[k for k in blokken.columns if k != "contract_id"],
              key="sroi_bouwblokken")  # fmt: skip
    uitleg(UITLEG["sroi"])

st.subheader("Sociale ondernemingen")
sociaal = queries.werkgevers.sociale_ondernemingen(f.gemeente).row(0, named=True)
lopend = verborgen() if sociaal["plaatsingen_lopend"] is None else getal(sociaal["plaatsingen_lopend"])
st.caption(
    f"{getal(sociaal['ondernemingen'])} sociale ondernemingen in {f.gemeente_naam}; {lopend} lopende plaatsingen."
)
