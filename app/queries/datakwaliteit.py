"""Questions of the data-quality page: what is loaded and what was quarantined (mart_laadstatus, mart_quarantaine)."""

from __future__ import annotations

import dataclasses
import re

import polars as pl

from app.queries import _toegang
from app.queries._db import read
from semon import settings
from semon.masking import mask_bsn, mask_bsn_expr
from warehouse.status import RefreshStatus, read_status

# A file name that fits the extract contract holds one run of digits, its peildatum (issue 12: not masked);
# any other name in the warehouse is masked like every other text.
_CONTRACT_NAME = r"^[a-z]+_[a-z]+_[0-9]{8}\.[a-z]+$"


def gemaskeerd(frame: pl.DataFrame, *kolommen: str, bestanden: tuple[str, ...] = ()) -> pl.DataFrame:
    """`frame` with every BSN-shaped run in the text columns `kolommen` replaced by `*********`.

    Ingest masks before it stores (issue 12); this is the second line, for a warehouse loaded by an older
    version or a value that slipped through: nothing BSN-shaped reaches the page or a download from here.
    """
    present = [k for k in kolommen if k in frame.columns]
    names = [k for k in bestanden if k in frame.columns]
    return frame.with_columns(
        [mask_bsn_expr(k) for k in present]
        + [
            pl.when(pl.col(k).str.contains(_CONTRACT_NAME)).then(pl.col(k)).otherwise(mask_bsn_expr(k)).alias(k)
            for k in names
        ]
    )


def laadstatus() -> pl.DataFrame:
    """Per raw table: latest peildatum, files, rows and quarantined rows."""
    _toegang.rol("beheer")
    return read(
        """
        select bron, entiteit, tabel, omschrijving, soort, laatste_peildatum, laatste_bestand, bestanden, rijen,
               rijen_quarantaine, rijen_laatste_levering, rijen_quarantaine_laatste_levering, laatst_geladen_op,
               waarschuwingen_laatste_levering, verouderd_na_dagen
        from marts.mart_laadstatus
        order by volgorde
        """
    ).pipe(gemaskeerd, "waarschuwingen_laatste_levering", bestanden=("laatste_bestand",))


def actualiteit() -> pl.DataFrame:
    """The newest peildatum per source: every role may see how fresh the figures are (no detail)."""
    return read(
        "select bron, max(laatste_peildatum) as laatste_peildatum from marts.mart_laadstatus "
        "group by bron order by bron"
    )


def quarantaine_redenen(bron: str | None = None) -> pl.DataFrame:
    """Why rows were quarantined: per table, column and reason the number of bad cells and rows."""
    _toegang.rol("beheer")
    return read(
        """
        select bron, tabel, kolom, reden, cellen, regels, eerste_peildatum, laatste_peildatum
        from marts.mart_quarantaine_redenen
        where ?::varchar is null or bron = ?::varchar
        order by cellen desc, tabel, kolom, reden
        """,
        [bron, bron],
    ).pipe(gemaskeerd, "kolom", "reden")


def quarantaine_regels(bron: str | None = None, limiet: int = 5000) -> pl.DataFrame:
    """The bad cells themselves (file, line, column, value, reason), newest delivery first."""
    _toegang.rol("beheer")
    return read(
        """
        select bron, tabel, bestand, regelnummer, kolom, waarde, reden
        from marts.mart_quarantaine
        where ?::varchar is null or bron = ?::varchar
        order by bestand_peildatum desc, bestand, regelnummer, kolom
        limit ?
        """,
        [bron, bron, limiet],
    ).pipe(gemaskeerd, "kolom", "waarde", "reden", bestanden=("bestand",))


def verversing() -> RefreshStatus | None:
    """The last `semon refresh` attempt (its status file beside the warehouse), or None. Its message is masked but for
    the names of files that fit the contract (the refused files it names: their date is what the sender looks for)."""
    _toegang.rol("beheer")
    status = read_status(settings.warehouse_path())
    if status is None:
        return None
    # re.split with a group keeps the names: they are the odd pieces.
    delen = re.split(f"({_CONTRACT_NAME.strip('^$')})", status.melding)
    melding = "".join(deel if i % 2 else mask_bsn(deel) for i, deel in enumerate(delen))
    return dataclasses.replace(status, melding=melding)
