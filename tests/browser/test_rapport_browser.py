"""In Chromium: the Overzicht's button hands out the council report as a PDF, made as the viewer's role, and audits it
(issue 14)."""

from __future__ import annotations

import json
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from playwright.sync_api import Page

from tests.helpers_browser import wait_for_app

pytestmark = pytest.mark.browser


def test_the_overzicht_downloads_the_council_report(
    page: Page, demo_url: str, demo_folder: Path, tmp_path: Path
) -> None:
    page.goto(f"{demo_url}/?gemeente=Enschede")
    wait_for_app(page)
    with page.expect_download(timeout=120_000) as wachten:
        page.get_by_role("button", name="Raadsrapportage (PDF)").click()
    download = wachten.value
    assert download.suggested_filename.startswith("raadsrapportage-enschede-")
    pdf = tmp_path / "rapport.pdf"
    download.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    document = pdfium.PdfDocument(str(pdf))
    try:
        eerste = document[0].get_textpage().get_text_range()
    finally:
        document.close()
    regels = [json.loads(r) for r in (demo_folder / "audit.log").read_text(encoding="utf-8").splitlines()]
    export = [r for r in regels if r.get("soort") == "raadsrapportage" and r["actie"] == "export"]
    assert export and export[-1]["bestand"] == download.suggested_filename
    assert "Enschede" in eerste and f"met de rol {export[-1]['rol']}" in eerste  # made as the viewer's role
