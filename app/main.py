"""Entrypoint of the Sociale Economie Monitor: page setup, navigation, and a clear word when there is no data."""

from __future__ import annotations

import streamlit as st

from app import queries

st.set_page_config(
    page_title="Sociale Economie Monitor Twente", page_icon=":material/stacked_line_chart:", layout="wide"
)

pages = {
    "Beheer": [
        st.Page(
            "app_pages/datakwaliteit.py", title="Datakwaliteit", icon=":material/fact_check:", url_path="datakwaliteit"
        ),
    ],
}
page = st.navigation(pages)

try:
    queries.versie()
    page.run()
except queries.WarehouseNotReady as not_ready:
    st.title("Sociale Economie Monitor")
    st.warning(str(not_ready))
