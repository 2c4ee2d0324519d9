"""Building blocks every page uses: a table with audited CSV and Excel downloads, a chart, words."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable
from pathlib import Path

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from app import afbeelding, audit, charts, export, link, queries
from app.formatting import ONBEKEND, datum, datum_lang, euro, getal, janee, maand, procent, tijdstip
from app.privacy import label as verborgen_label
from app.selectie import BRONNEN
from app.woorden import PER_PERIODE, VERSTORING, kolomnaam

# Excel shows these with the reader's own separators and month names (a Dutch Excel: 1.234, 1 juli 2024).
EXCEL_FORMATEN = {
    pl.Date: "d mmmm yyyy",
    pl.Datetime: "d mmmm yyyy hh:mm",
    pl.Float64: "#,##0.0",
    pl.Int64: "#,##0",
    pl.Int32: "#,##0",
}
# No PNG camera: an image made in the browser leaves the monitor unaudited and says nothing of its selection,
# period or source. Each chart has an audited "Afbeelding (PNG)" download instead, made on the server with all of
# that in the picture (app.afbeelding; docs/decisions.md, issues 11 and 14). Streamlit's table download is off.
PLOTLY_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["lasso2d", "select2d", "toImage"]}


# Streamlit's frontend fetches its Plotly code (one chunk of about 4.7 MB) only when a page first shows a chart, and
# compiling and running it takes the browser most of a second: the first chart page of a visit paid for it
# (docs/performance.md, issue 15). None if this Streamlit names the chunk otherwise; it then loads as before.
PLOTLY_CHUNK: str | None = next(
    (chunk.name for chunk in sorted((Path(st.__file__).parent / "static/static/js").glob("PlotlyChart.*.js"))),
    None,
)
# The chunk's URL is taken from Streamlit's own entry script, so that it is the very URL Streamlit imports later
# (one module, loaded once) also under a server.baseUrlPath. Loaded once the page's script has finished and the
# browser is idle: while the page itself loads, its running would hold up drawing the page.
PLOTLY_VOORAF = """<script type="module">
const entry = document.querySelector('script[type="module"][src*="/static/js/index."]');
const app = document.querySelector('[data-testid="stApp"]');
const idle = (f) => ("requestIdleCallback" in window ? requestIdleCallback(f, {timeout: 2000}) : setTimeout(f, 200));
const laden = () => idle(() => import(new URL("%s", entry.src).href).catch(() => {}));
const klaar = () => !app || app.dataset.testScriptState === "notRunning";
if (entry && klaar()) laden();
else if (entry) {
  const wacht = new MutationObserver(() => klaar() && (wacht.disconnect(), laden()));
  wacht.observe(app, {attributes: true, attributeFilter: ["data-test-script-state"]});
}
</script>"""


def plotly_vooraf() -> None:
    """Have the browser load Streamlit's Plotly code while the first page is being read, not when a chart opens."""
    if PLOTLY_CHUNK is not None:
        st.sidebar.html(PLOTLY_VOORAF % PLOTLY_CHUNK, unsafe_allow_javascript=True)


def verstoord() -> None:
    """The one sentence every page with protected figures shows: counts are perturbed, so totals may differ."""
    st.caption(VERSTORING)


def _bestandsnaam(naam: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", naam.lower()).strip("-")


def met_labels(frame: pl.DataFrame, kolommen: dict[str, str]) -> pl.DataFrame:
    """Codes in `kolommen` (column → list in mart_labels) replaced by their Dutch label; a missing code stays
    missing (a table shows "—"), a code the seed does not know stays as delivered."""
    for kolom, lijst in kolommen.items():
        if kolom not in frame.columns:
            continue
        labels = queries.labels(lijst)
        mapping = dict(zip(labels["code"], labels["label"], strict=True))
        frame = frame.with_columns(
            pl.col(kolom)
            .cast(pl.String)
            .replace_strict(mapping, default=pl.col(kolom).cast(pl.String), return_dtype=pl.String)
            .alias(kolom)
        )
    return frame


def trede_namen() -> dict[int, str]:
    """Each trede's name as a legend says it: `1 Geïsoleerd` (seed treden via mart_labels)."""
    labels = queries.labels("trede")
    return {int(code): label for code, label in zip(labels["code"], labels["label"], strict=True)}


def _is_euro(name: str) -> bool:
    """An amount by its name: kosten_eur, kosten_eur_beeindigd, sroi_verplichting_eur."""
    return re.search(r"(^|_)eur(_|$)", name) is not None


def _soort(name: str, dtype: pl.DataType, euros: set[str], procenten: set[str]) -> str:
    if name in euros or _is_euro(name):
        return "euro"
    if (name in procenten or name.endswith("_pct")) and dtype.is_numeric():
        return "procent"
    if dtype == pl.Boolean:
        return "janee"
    if dtype == pl.Date:
        return "maand" if name == "maand" else "datum"
    if isinstance(dtype, pl.Datetime):
        return "tijdstip"
    if dtype.is_integer():
        return "getal"
    if dtype.is_numeric():
        return "decimaal"
    return "tekst"


def _weergave(
    frame: pl.DataFrame,
    telkolommen: list[str],
    decimalen: dict[str, int] | None = None,
    euros: set[str] = frozenset(),
    procenten: set[str] = frozenset(),
) -> pl.DataFrame:
    """Dutch formatting for the screen and the CSV; a hidden count reads "< 5", an unknown value "—"."""
    columns = []
    for name, dtype in frame.schema.items():
        column = pl.col(name)
        soort = _soort(name, dtype, euros, procenten)
        leeg = verborgen_label() if name in telkolommen else ONBEKEND
        if decimalen and name in decimalen:
            places = decimalen[name]
            opmaak = (
                (lambda v, d=places: procent(float(v), d))
                if soort == "procent"
                else (lambda v, d=places: getal(float(v), d))
            )
        else:
            opmaak = {
                "euro": euro,
                "procent": lambda v: procent(float(v), 1),
                "janee": janee,
                "maand": maand,
                "datum": datum,
                "tijdstip": tijdstip,
                "getal": getal,
                "decimaal": lambda v: getal(float(v), 1),
            }.get(soort)
        if opmaak is None:
            columns.append(column.fill_null(leeg) if dtype == pl.String else column.cast(pl.String).fill_null(leeg))
        else:
            columns.append(column.map_elements(opmaak, return_dtype=pl.String).fill_null(leeg).alias(name))
    return frame.select(columns)


def _excel_frame(frame: pl.DataFrame) -> pl.DataFrame:
    """What Excel gets: numbers and dates stay what they are, yes/no and decimals as a reader needs them."""
    return frame.with_columns(
        [pl.col(n).map_elements(janee, return_dtype=pl.String) for n, t in frame.schema.items() if t == pl.Boolean]
        + [pl.col(n).cast(pl.Float64) for n, t in frame.schema.items() if isinstance(t, pl.Decimal)]
    )


def _excel(frame: pl.DataFrame, naam: str, telkolommen: list[str], euros: list[str]) -> bytes:
    """Numbers stay numbers in Excel (a memo calculates with them); a hidden count is an empty cell, explained.

    Text stays text: the workbook never turns a string into a formula or a link (app.export).
    """

    def schrijf(workbook: object) -> None:
        frame.write_excel(
            workbook,
            worksheet="data",
            autofit=True,
            column_formats={k: "€ #,##0" for k in euros},
            dtype_formats=EXCEL_FORMATEN,
        )
        notes = workbook.add_worksheet("toelichting")
        notes.write_string(0, 0, naam)
        if telkolommen:
            notes.write_string(
                1, 0, f"Een lege cel in {', '.join(telkolommen)} is een aantal {verborgen_label()}: verborgen."
            )

    return export.excel(schrijf)


def tabel(
    frame: pl.DataFrame,
    naam: str,
    *,
    telkolommen: list[str] = (),
    kolomnamen: dict[str, str] | None = None,
    decimalen: dict[str, int] | None = None,
    labels: dict[str, str] | None = None,
    euros: list[str] = (),
    procenten: list[str] = (),
    hoogte: int | None = None,
    key: str,
) -> None:
    """Show a table in Dutch words and format, with CSV and Excel downloads of exactly what is shown.

    Codes in `labels` (column → list in mart_labels) become their labels; headers come from `kolomnamen`, else
    `app.woorden.KOLOMNAMEN`. Columns named `…_eur…` read as euros, `_pct` as percentages, booleans as ja/nee.
    The files are made only when someone clicks (deferred data), not on every rerun of the page.
    """
    if labels:
        frame = met_labels(frame, labels)
    euro_kolommen = {k for k in frame.columns if k in euros or _is_euro(k)}
    shown = _weergave(frame, list(telkolommen), decimalen, euro_kolommen, set(procenten))
    koppen = {k: (kolomnamen or {}).get(k) or kolomnaam(k) for k in frame.columns}
    shown = shown.rename(koppen)
    voor_excel = _excel_frame(frame).rename(koppen)
    st.dataframe(shown, hide_index=True, height=hoogte or "auto", key=f"tabel_{key}")
    bestand = _bestandsnaam(naam)
    hidden = [koppen.get(k, k) for k in telkolommen]
    downloads = {
        "CSV": ("csv", "text/csv", lambda: export.csv(shown)),
        "Excel": (
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            lambda: _excel(voor_excel, naam, hidden, [koppen[k] for k in euro_kolommen]),
        ),
    }
    for column, (label, (extension, mime, data)) in zip(st.columns([1, 1, 4]), downloads.items(), strict=False):
        column.download_button(
            label,
            audit.bij_export(data, bestand=f"{bestand}.{extension}", rijen=shown.height),
            file_name=f"{bestand}.{extension}",
            mime=mime,
            key=f"{extension}_{key}",
            on_click="ignore",
            icon=":material/download:",
        )


def bronnen(bron: str | tuple[str, ...] | None = None) -> str:
    """The source(s) of a figure with how fresh each is: `Werkplein (gegevens t/m 31 oktober 2025)`.

    `bron` is one of app.selectie.BRONNEN or several; None names every source (a figure that mixes them).
    """
    gekozen = (bron,) if isinstance(bron, str) else bron
    delen = []
    for rij in queries.actualiteit().iter_rows(named=True):
        if gekozen is None or rij["bron"] in gekozen:
            naam = BRONNEN.get(rij["bron"], rij["bron"])
            datum_tekst = datum_lang(rij["laatste_peildatum"]) if rij["laatste_peildatum"] else ONBEKEND
            delen.append(f"{naam} (gegevens t/m {datum_tekst})")
    return "; ".join(delen) or ONBEKEND


def bijschrift(
    figuur: go.Figure,
    naam: str,
    *,
    titel: str | None = None,
    bron: str | tuple[str, ...] | None = None,
    periode: str | None = None,
    selectie: str | None = None,
) -> afbeelding.Bijschrift:
    """What the exported image of `figuur` says of itself, from the selection in effect now (the page's run)."""
    from app import filters

    f = filters.huidig()
    eigen_titel = figuur.layout.title.text if figuur.layout.title and figuur.layout.title.text else None
    return afbeelding.Bijschrift(
        titel=titel or eigen_titel or naam[:1].upper() + naam[1:],
        selectie=selectie or filters.beschrijving_export(f),
        periode=periode or afbeelding.periode_van(figuur) or f.periode_naam,
        bron=bronnen(bron),
        noten=filters.niet_toegepast_nu(),
    )


# The print view (a browser's Print or "Save as PDF"): no sidebar, header, toolbar, buttons or chart toolbars; the
# page full width; charts and bordered boxes not cut across pages; at the top a line with the selection and the data
# date that the screen shows in the sidebar. On screen that line is hidden.
AFDRUK_CSS = """
.semon-afdrukkop{display:none}
[data-testid='stElementContainer']:has(.semon-afdrukkop){display:none}
@media print{
  [data-testid='stElementContainer']:has(.semon-afdrukkop){display:block}
  [data-testid='stSidebar'],[data-testid='stSidebarCollapsedControl'],[data-testid='stHeader'],
  [data-testid='stToolbar'],[data-testid='stDecoration'],[data-testid='stStatusWidget'],
  [data-testid='stDownloadButton'],[data-testid='stButton'],[data-testid='stBaseButton-secondary'],
  [data-testid='stPageLink'],[data-testid='stElementToolbar'],.modebar-container{display:none!important}
  .semon-afdrukkop{display:block;font-size:11pt;border-bottom:1px solid #000;margin:0 0 0.8rem 0;padding:0 0 0.4rem 0}
  [data-testid='stMainBlockContainer']{padding:0!important;max-width:100%!important}
  [data-testid='stMain']{margin-left:0!important}
  .js-plotly-plot,[data-testid='stVerticalBlockBorderWrapper']{break-inside:avoid}
  @page{size:A4 landscape;margin:12mm}
}
"""


# A Dutch button for the print view on every page, in the sidebar under the filters: Streamlit's own menu (Print,
# "Record screen") speaks English, so the toolbar shows none (client.toolbarMode "minimal"). It calls the browser's
# print at once, without a rerun; styled as Streamlit's own buttons, with its icon font. st.html strips a button's
# onclick (DOMPurify) but runs a script: one listener on the document, added once, serves the button of every page.
AFDRUKKNOP = """<style>
.semon-afdrukknop{display:inline-flex;align-items:center;gap:0.5rem;font:inherit;color:inherit;background:#fff;
  border:1px solid rgba(47,45,43,0.2);border-radius:0.5rem;padding:0.25rem 0.75rem;min-height:2.5rem;cursor:pointer}
.semon-afdrukknop:hover,.semon-afdrukknop:focus-visible{border-color:#0b6e4f;color:#0b6e4f}
.semon-afdrukknop span{font-family:'Material Symbols Rounded';font-size:1.1rem;line-height:1}
</style>
<button type="button" class="semon-afdrukknop"
  title="Met de selectie en de datum van de gegevens bovenaan; kies in het afdrukvenster 'Opslaan als PDF' voor een PDF"
><span aria-hidden="true" translate="no">print</span>Afdrukken of PDF</button>
<script>
if (!window.semonAfdrukknop) {
  window.semonAfdrukknop = true;
  document.addEventListener("click", (e) => { if (e.target.closest(".semon-afdrukknop")) window.print(); });
}
</script>"""


def afdrukweergave(pagina: str) -> None:
    """The print view of every page: the CSS above and the selection and data date at the top (only in print)."""
    from app import filters

    f = filters.huidig()
    regels = [
        f"Sociale Economie Monitor Twente · {pagina}",
        f"{filters.beschrijving_export(f)} · Periode: {f.periode_naam}",
        f"Bronnen: {bronnen()}",
        f"Afgedrukt {datum_lang(dt.date.today())}",
    ]
    kop = "<br>".join(html.escape(r) for r in regels)
    st.markdown(f"<style>{AFDRUK_CSS}</style><div class='semon-afdrukkop'>{kop}</div>", unsafe_allow_html=True)
    st.sidebar.html(AFDRUKKNOP, unsafe_allow_javascript=True)


def grafiek(
    figuur: go.Figure,
    naam: str,
    *,
    key: str,
    eenheid: str = "",
    bij_klik: Callable[[], None] | None = None,
    titel: str | None = None,
    bron: str | tuple[str, ...] | None = None,
    periode: str | None = None,
    selectie: str | None = None,
) -> None:
    """Show a plotly chart in Dutch (8.000, 23,4 %, jul 2024) with an audited "Afbeelding (PNG)" download.

    `eenheid` follows every value on the axis and in the hover, e.g. " %". `bij_klik` is called when someone
    clicks a point (its selection is in `st.session_state[f"grafiek_{key}"]`). The image carries `titel` (else the
    figure's own title, else `naam`), the selection (`selectie` overrides the sidebar's), the period (`periode`,
    else the months of its time axis, else the sidebar's), the source `bron` with its data date, and the filters
    the page could not apply. It is drawn only when someone clicks (deferred data): pages stay fast.
    """
    # Tick labels may pass the chart's edge: plotly's default ("hide past div") measures every label in the
    # browser, a quarter of its drawing time (a Chromium trace, docs/performance.md); the margins keep them inside.
    figuur.update_layout(
        separators=",.",
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        legend_title_text="",
        xaxis_ticklabeloverflow="allow",
        yaxis_ticklabeloverflow="allow",
    )
    charts.nederlands(figuur, eenheid)
    if bij_klik is None:
        st.plotly_chart(figuur, config=dict(PLOTLY_CONFIG), key=f"grafiek_{key}")
    else:
        st.plotly_chart(
            figuur, config=dict(PLOTLY_CONFIG), key=f"grafiek_{key}", on_select=bij_klik, selection_mode="points"
        )
    # The caption now (the deferred call has no session to ask); the image's figure only on a click: laying it out
    # for every chart cost a quarter of the benchmark's run (plotly validates every property of the copy). A plain
    # dict of the chart as shown keeps it from what the page may change afterwards, at a twentieth of that cost.
    woorden = bijschrift(figuur, naam, titel=titel, bron=bron, periode=periode, selectie=selectie)
    getoond = figuur.to_dict()
    bestand = f"{_bestandsnaam(naam)}.png"

    def png() -> bytes:
        return afbeelding.png(afbeelding.voor_export(getoond, woorden))

    st.download_button(
        "Afbeelding (PNG)",
        audit.bij_export(png, bestand=bestand, soort="afbeelding", titel=woorden.titel),
        file_name=bestand,
        mime="image/png",
        key=f"png_{key}",
        on_click="ignore",
        icon=":material/image:",
        help="Met titel, selectie, periode, bron en datum van de gegevens in de afbeelding.",
    )


def aangeklikt(selectie: object) -> str | None:
    """The customdata (first value) of the first point a click selected in a chart, None when there is none."""
    try:
        punten = selectie["selection"]["points"]  # a dict in a callback, an attribute dict after the run
    except (KeyError, TypeError):
        return None
    for punt in punten or []:
        data = punt.get("customdata")
        waarde = data[0] if isinstance(data, list | tuple) and data else data
        if isinstance(waarde, str):
            return waarde
    return None


def uitleg(tekst: str) -> None:
    """What a figure counts, in a policy adviser's words (app.woorden.UITLEG), at hand but out of the way."""
    if tekst:
        with st.expander("Wat telt hier?", icon=":material/info:"):
            st.markdown(tekst)


def leeg(wat: str) -> None:
    """An empty selection says so in words."""
    st.info(f"Geen gegevens voor {wat}. Kies een andere gemeente, doelgroep of periode.", icon=":material/search_off:")


def maand_of_kwartaal(sleutel: str, label: str) -> str:
    """A page's choice between months and calendar quarters ("maand" or "kwartaal"), bound to the address as
    `sleutel`: a small municipality's months are mostly hidden, its quarters often not."""
    with link.keuze(sleutel, label.lower(), PER_PERIODE):
        per = st.segmented_control(
            label, list(PER_PERIODE), default="maand", format_func=PER_PERIODE.get, key=sleutel, bind="query-params"
        )
    return per or "maand"
