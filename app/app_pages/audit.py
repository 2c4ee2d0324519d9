"""Toegang & audit (beheer): who viewed what with which filters, and who exported what."""

from __future__ import annotations

import polars as pl
import streamlit as st

from app import queries
from app.components import leeg, tabel

st.title("Toegang & audit")
st.caption(
    "Elke paginaweergave met de filters in de URL, elke download en elke notitie die geschreven of verwijderd is. "
    "Het nieuwste eerst."
)
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
        kolomnamen={"bestand": "Bestand", "notitie": "Notitie"},
        key="audit",
    )
