"""Building blocks every page uses: a table with CSV and Excel downloads, a chart with PNG export, words."""

from __future__ import annotations

import io
import re

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from app import audit
from app.formatting import datum, getal
from app.privacy import label as verborgen_label

PLOTLY_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["lasso2d", "select2d"]}


def _bestandsnaam(naam: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", naam.lower()).strip("-")


def _weergave(frame: pl.DataFrame, telkolommen: list[str], decimalen: dict[str, int] | None = None) -> pl.DataFrame:
    """Dutch formatting for the screen; a hidden count reads "< 5", not as empty."""
    columns = []
    for name, dtype in frame.schema.items():
        column = pl.col(name)
        if decimalen and name in decimalen:
            places = decimalen[name]
            columns.append(
                column.map_elements(lambda v, d=places: getal(float(v), d), return_dtype=pl.String)
                .fill_null("—")
                .alias(name)
            )
        elif name in telkolommen:
            columns.append(column.map_elements(getal, return_dtype=pl.String).fill_null(verborgen_label()).alias(name))
        elif dtype.is_integer():
            columns.append(column.map_elements(getal, return_dtype=pl.String).fill_null("—").alias(name))
        elif dtype.is_numeric():
            columns.append(
                column.map_elements(lambda v: getal(float(v), 1), return_dtype=pl.String).fill_null("—").alias(name)
            )
        elif dtype == pl.Date:
            columns.append(column.map_elements(datum, return_dtype=pl.String).fill_null("—").alias(name))
        else:
            columns.append(column)
    return frame.select(columns)


def _excel(frame: pl.DataFrame, naam: str, telkolommen: list[str]) -> bytes:
    """Numbers stay numbers in Excel (a memo calculates with them); a hidden count is an empty cell, explained."""
    import xlsxwriter

    buffer = io.BytesIO()
    with xlsxwriter.Workbook(buffer) as workbook:
        frame.write_excel(workbook, worksheet="data", autofit=True)
        notes = workbook.add_worksheet("toelichting")
        notes.write(0, 0, naam)
        if telkolommen:
            notes.write(1, 0, f"Een lege cel in {', '.join(telkolommen)} is een aantal {verborgen_label()}: verborgen.")
    return buffer.getvalue()


def tabel(
    frame: pl.DataFrame,
    naam: str,
    *,
    telkolommen: list[str] = (),
    kolomnamen: dict[str, str] | None = None,
    decimalen: dict[str, int] | None = None,
    hoogte: int | None = None,
    key: str,
) -> None:
    """Show a table in Dutch format with CSV and Excel downloads of exactly what is shown.

    The files are made only when someone clicks (deferred data), not on every rerun of the page.
    """
    shown = _weergave(frame, list(telkolommen), decimalen)
    export = frame
    if kolomnamen:
        shown = shown.rename({k: v for k, v in kolomnamen.items() if k in shown.columns})
        export = frame.rename({k: v for k, v in kolomnamen.items() if k in frame.columns})
    st.dataframe(shown, hide_index=True, height=hoogte or "auto", key=f"tabel_{key}")
    bestand = _bestandsnaam(naam)
    hidden = [(kolomnamen or {}).get(k, k) for k in telkolommen]
    downloads = {
        "CSV": ("csv", "text/csv", lambda: shown.write_csv(separator=";")),
        "Excel": (
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            lambda: _excel(export, naam, hidden),
        ),
    }
    for column, (label, (extension, mime, data)) in zip(st.columns([1, 1, 4]), downloads.items(), strict=False):
        column.download_button(
            label,
            data,
            file_name=f"{bestand}.{extension}",
            mime=mime,
            key=f"{extension}_{key}",
            on_click=audit.log,
            args=("export",),
            kwargs={"bestand": f"{bestand}.{extension}", "rijen": shown.height},
            icon=":material/download:",
        )


def grafiek(figuur: go.Figure, naam: str, *, key: str) -> None:
    """Show a plotly chart; its toolbar saves it as PNG under a readable name."""
    figuur.update_layout(separators=",.", margin={"l": 10, "r": 10, "t": 40, "b": 10}, legend_title_text="")
    config = {**PLOTLY_CONFIG, "toImageButtonOptions": {"format": "png", "filename": _bestandsnaam(naam), "scale": 2}}
    st.plotly_chart(figuur, config=config, key=f"grafiek_{key}")


def uitleg(tekst: str) -> None:
    """The definition of a figure, in the dbt docs' words, at hand but out of the way."""
    if tekst:
        with st.expander("Wat telt hier?", icon=":material/info:"):
            st.markdown(tekst)


def leeg(wat: str) -> None:
    """An empty selection says so in words."""
    st.info(f"Geen gegevens voor {wat}. Kies een andere gemeente, doelgroep of periode.", icon=":material/search_off:")
