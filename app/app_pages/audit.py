"""Toegang & audit (beheer): who viewed what with which filters, and who exported what."""

from __future__ import annotations

import streamlit as st

from app import queries
from app.components import leeg, tabel

st.title("Toegang & audit")
st.caption("Elke paginaweergave met de filters in de URL, en elke download. Het nieuwste eerst.")
log = queries.beheer.audit_log()
if log.is_empty():
    leeg("het auditlog")
else:
    tabel(log, "auditlog", key="audit")
