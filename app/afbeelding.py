"""A chart as an image that stands on its own: title, selection, period, source and data date in the picture.

Free of Streamlit: `app.components.grafiek` collects the words while the page runs and hands them over; the PNG is
made only when someone clicks its download (a deferred download runs outside the page's script, without session
state), server-side by plotly's static export (kaleido) in Debian's chromium, offline.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import html
import logging
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import plotly.graph_objects as go

from app.selectie import periode_label

BREEDTE, HOOGTE = 1200, 700  # pixels of the image: fits an A4 page or a slide
KOP_PX, ONDER_PX = 110, 110  # room for the title and selection above, source and data date below
MAKER = "Sociale Economie Monitor Twente"
TIJDSLIMIET_S = 60.0  # chromium's start and the first chart, on a slow machine
TIJD_PER_FIGUUR_S = 10.0
_log = logging.getLogger("semon.afbeelding")


@dataclass(frozen=True)
class Bijschrift:
    """What an exported chart says about itself, in Dutch."""

    titel: str
    selectie: str  # "Gemeente: Enschede · Doelgroep: Alle doelgroepen · Leeftijd: alle · Geslacht: alle"
    periode: str  # "juli 2025" or "november 2024 t/m oktober 2025"
    bron: str  # "Werkplein (gegevens t/m 31 oktober 2025)"
    noten: tuple[str, ...] = ()  # a filter the page cannot apply, the perturbation of counts

    @property
    def onder_titel(self) -> str:
        """The line under the title: what was chosen, for which period."""
        return f"{self.selectie} · Periode: {self.periode}"

    @property
    def onder(self) -> list[str]:
        """The lines at the bottom of the image."""
        return [f"Bron: {self.bron} · {MAKER}", *self.noten]


def periode_van(figuur: go.Figure) -> str | None:
    """The months a time axis of `figuur` spans (`november 2024 t/m oktober 2025`); None without a time axis."""
    from app.charts import _als_datum

    datums: list[dt.date] = []
    for trace in figuur.data:
        for waarden in (getattr(trace, "x", None), getattr(trace, "y", None)):
            if waarden is None or not len(waarden):
                continue
            reeks = [_als_datum(v) for v in waarden]
            if all(d is not None for d in reeks):
                datums += reeks
    if not datums:
        return None
    begin, eind = min(datums), max(datums)
    return periode_label(begin.replace(day=1), eind.replace(day=1))


def _regels(tekst: str, breedte: int = 150) -> str:
    """Plain text for plotly's pseudo-HTML: escaped (a label may hold `<`, e.g. leeftijd <27), wrapped between
    its parts (` · `) where it can, between words where a part alone is too long."""
    regels: list[str] = []
    regel = ""
    for deel in tekst.split(" · "):
        kandidaat = f"{regel} · {deel}" if regel else deel
        if len(kandidaat) <= breedte or not regel:
            regel = kandidaat
        else:
            regels.append(regel)
            regel = deel
        while len(regel) > breedte and " " in regel[:breedte]:
            knip = regel.rindex(" ", 0, breedte)
            regels.append(regel[:knip])
            regel = regel[knip + 1 :]
    regels.append(regel)
    return "<br>".join(html.escape(r, quote=False) for r in regels)


def voor_export(figuur: go.Figure | dict, bijschrift: Bijschrift) -> go.Figure:
    """A copy of `figuur` (a figure or its `to_dict()`) at export size with the title above and selection, period,
    source and data date below."""
    kopie = go.Figure(figuur)
    onder = "<br>".join(_regels(r) for r in bijschrift.onder)
    regels = onder.count("<br>") + 1
    onder_px = max(ONDER_PX, 20 * regels + 90)  # the axis' ticks and title first, then these lines
    plot_px = HOOGTE - KOP_PX - onder_px
    kopie.update_layout(
        title={
            "text": f"<b>{_regels(bijschrift.titel, 90)}</b>",
            "subtitle": {"text": _regels(bijschrift.onder_titel, 130), "font": {"size": 15, "color": "#333333"}},
            "x": 0.01,
            "xanchor": "left",
            "y": 1 - 20 / HOOGTE,
            "yanchor": "top",
            "font": {"size": 22, "color": "#000000"},
        },
        width=BREEDTE,
        height=HOOGTE,
        margin={"l": 70, "r": 30, "t": KOP_PX, "b": onder_px},
        paper_bgcolor="white",
        showlegend=kopie.layout.showlegend,
    )
    kopie.update_xaxes(automargin=True)  # long tick labels (municipality names) inside the image
    kopie.update_yaxes(automargin=True)
    kopie.add_annotation(
        text=onder,
        xref="paper",
        yref="paper",
        x=0,
        y=-(onder_px - 12) / plot_px,  # its last line 12 px above the image's bottom edge
        xanchor="left",
        yanchor="bottom",
        align="left",
        showarrow=False,
        font={"size": 14, "color": "#333333"},
        name="bijschrift",
    )
    return kopie


def png(figuur: go.Figure) -> bytes:
    """The PNG of `figuur` as laid out (voor_export), drawn in chromium."""
    return tekenen([(figuur, {"format": "png", "width": BREEDTE, "height": HOOGTE, "scale": 1})])[0]


def tekenen(figuren: Sequence[tuple[go.Figure, dict[str, object]]]) -> list[bytes]:
    """Each figure drawn with its options (format, width, height, scale) by plotly's static export, all in one
    chromium (the one SEMON_CHROMIUM names; no MathJax, so nothing is fetched). Starting the browser is most of the
    cost (seconds), so a report's charts share one.

    Once in a while the browser's first answer cannot be read (choreographer's JSONError, seen once in many
    renders): the images are then asked once more before the error reaches the caller.
    """
    werk = [(figuur.to_dict(), opties) for figuur, opties in figuren]
    if not werk:
        return []
    try:
        return _in_eigen_lus(werk)
    except Exception as fout:  # logged, then tried once more; a second failure is raised
        _log.warning("afbeelding: eerste poging mislukt (%s), opnieuw", type(fout).__name__)
        return _in_eigen_lus(werk)


def _in_eigen_lus(werk: list[tuple[dict, dict[str, object]]]) -> list[bytes]:
    """kaleido is asynchronous: run it in a thread with an event loop of its own, as its own `*_sync` functions do
    (the caller may be inside a loop)."""
    import kaleido

    from semon import settings

    async def teken() -> list[bytes]:
        k = kaleido.Kaleido(n=1, mathjax=False, path=str(settings.chromium()))
        try:
            await k.open()
            return [await k.calc_fig(figuur, opts=opties) for figuur, opties in werk]
        finally:
            # Also a browser stopped while it started: `async with` closes only one that opened, and one left running
            # kept a thread that the process waits for when it exits (a report that timed out never ended).
            await k.close()

    # A chromium that dies or never answers leaves kaleido waiting forever (seen once, in a report): a time limit
    # turns that into an error, which `tekenen` tries once more and then raises.
    grens = TIJDSLIMIET_S + TIJD_PER_FIGUUR_S * len(werk)

    async def binnen_de_tijd() -> list[bytes]:
        taak = asyncio.ensure_future(teken())
        klaar, _ = await asyncio.wait({taak}, timeout=grens)
        if not klaar:
            taak.cancel()  # closes the browser; what that raises is not the news
            with contextlib.suppress(BaseException):
                await taak
            raise TimeoutError(f"chromium tekende de grafieken niet binnen {grens:.0f} s")
        return taak.result()

    draad = ThreadPoolExecutor(max_workers=1)
    try:
        return draad.submit(asyncio.run, binnen_de_tijd()).result(timeout=grens + 30)
    finally:
        draad.shutdown(wait=False, cancel_futures=True)  # a thread stuck past its limit must not hold the caller
