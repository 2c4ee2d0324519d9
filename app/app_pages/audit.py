"""Toegang & audit (beheer): who viewed what with which filters, and who exported what."""

from __future__ import annotations

import polars as pl
import streamlit as st

from app import queries
from app.components import leeg, tabel

st.title("Toegang & audit")
st.caption(
    "Elke paginaweergave met de filters in de URL, elke download en elke notitie die geschreven of verwijderd is. "
    "Het nieuwste eerst, ook uit de geroteerde bestanden (audit.log.1 en verder)."
)
if st.button(
    "Keten controleren", key="keten", help="Controleert de hashketen over het log en zijn geroteerde bestanden."
):
    keten = queries.beheer.audit_keten()
    if keten.in_orde:
        st.success(f"Keten in orde: {keten.regels} regels; laatste hash {keten.laatste_hash}.")
    else:
        st.error("Keten gebroken: " + "; ".join(keten.fouten[:20]))
log = queries.beheer.audit_log()
if log.is_empty():
    leeg("het auditlog")
else:
    # The log keeps ISO times and codes (it is read by machines too); the page shows them in words.
    log = log.with_columns(
        pl.col("tijd").str.to_datetime(strict=False),
        pl.col("actie").replace({"pagina": "Pagina bekeken", "export": "Download", "notitie": "Notitie"}),
    )
    tabel(
        log,
        "auditlog",
        labels={"gemeente": "gemeente"},
        kolomnamen={"bestand": "Bestand", "notitie": "Notitie", "logbestand": "Logbestand"},
        key="audit",
    )
