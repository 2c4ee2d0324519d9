"""Words and formats a wethouder reads: no code, column name, None/True/nan or ungrouped number on any page."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import openpyxl
import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from app import charts, components
from app.formatting import datum, datum_lang, euro, getal, janee, maand, maand_kort, procent
from tests.helpers import open_app
from tests.helpers_words import ALL_PAGES, CODES, problems, shown_texts


def test_the_problem_finder_knows_the_words_it_hunts() -> None:
    assert {"BEGELEID_WERKEN", "TERUG_NAAR_SCHOOL", "JONGEREN_U27", "OLDENZAAL"} <= CODES
    assert "IOAW" not in CODES  # its own label
    for bad in ("BEGELEID_WERKEN", "vsv_terug_naar_school", "op_lijst", "None", "true", "nan", "8000", "1720550,0"):
        assert problems(f"x {bad} y"), bad
    for good in ("Begeleid werken", "€ 1.720.550", "8.000", "23,4 %", "1 juli 2024", "jul 2024", "< 5", "2024", "—"):
        assert not problems(good), good


# A page's own choices beyond its default: the placements' groupings, the Wsw's, and months or quarters.
KEUZES = {
    "plaatsingen": [("plaatsingen_per", "sector"), ("plaatsingen_per", "werkgever"), ("stroom_per", "kwartaal")],
    "wsw": [("wsw_per", "sw_bedrijf"), ("wsw_per", "indicatie"), ("wachtlijst_per", "kwartaal")],
    "ladder": [("stappen_per", "kwartaal")],
}


@pytest.mark.parametrize("page", list(ALL_PAGES))
def test_every_page_speaks_dutch_words_and_numbers(
    demo_warehouse: Path, monkeypatch: pytest.MonkeyPatch, page: str
) -> None:
    monkeypatch.setenv("SEMON_MIN_CEL", "1")  # show every count, so that large ungrouped numbers would show too
    at = open_app(demo_warehouse, monkeypatch, page, gemeente="Enschede")
    assert at.title[0].value == ALL_PAGES[page]
    for sleutel, keuze in KEUZES.get(page, []):  # every grouping and period a page offers
        at.segmented_control(key=sleutel).set_value(keuze).run()
        wrong = [(where, text, problems(text)) for where, text in shown_texts(at, page) if problems(text)]
        assert not wrong, (sleutel, keuze, wrong)
    texts = shown_texts(at, page)
    assert texts
    wrong = [(where, text, problems(text)) for where, text in texts if problems(text)]
    assert not wrong, wrong
    assert not same_looking_lines(at), same_looking_lines(at)


def same_looking_lines(at: AppTest) -> dict[str, list[list[str]]]:
    """Per chart: the names of lines in its legend that share colour and dash (a reader cannot tell them apart)."""
    found = {}
    for chart in at.get("plotly_chart"):
        looks: dict[tuple, list[str]] = {}
        for trace in json.loads(chart.proto.spec)["data"]:
            lijn = trace.get("type", "scatter") == "scatter" and "lines" in trace.get("mode", "lines")
            if lijn and trace.get("showlegend") is not False:
                line = trace.get("line", {})
                looks.setdefault((line.get("color"), line.get("dash") or "solid"), []).append(trace.get("name"))
        if same := [names for names in looks.values() if len(names) > 1]:
            found[chart.proto.id] = same
    return found


def test_whole_twente_and_the_ladder_in_percent_read_dutch_too(
    demo_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_app(demo_warehouse, monkeypatch, "ladder", ladder_procent="true")
    wrong = [(where, text, problems(text)) for where, text in shown_texts(at, "ladder") if problems(text)]
    assert not wrong, wrong


# Formatting helpers


def test_euros_have_no_decimals_from_a_thousand_and_a_dot_for_thousands() -> None:
    assert euro(1_720_550) == "€ 1.720.550"
    assert euro(1_720_550.4) == "€ 1.720.550"
    assert euro(27_500.0) == "€ 27.500"
    assert euro(850) == "€ 850"
    assert euro(12.5) == "€ 12,50"
    assert euro(-2_500) == "−€ 2.500"
    assert euro(None) == "—"


def test_numbers_and_percentages_are_grouped_with_a_dot_and_a_decimal_comma() -> None:
    assert getal(8000) == "8.000"
    assert getal(1_234_567.891, 1) == "1.234.567,9"
    assert getal(None) == "—"
    assert (getal(-0.3), getal(-0.04, 1), getal(-0.6), getal(-1_234.5, 1)) == ("0", "0,0", "-1", "-1.234,5")  # no -0
    assert procent(23.44) == "23,4 %"
    assert procent(1.49, 2) == "1,49 %"


def test_dates_and_months_use_dutch_month_names() -> None:
    assert datum(dt.date(2024, 7, 1)) == "1 juli 2024"
    assert datum_lang(dt.date(2024, 3, 31)) == "31 maart 2024"
    assert maand(dt.date(2024, 10, 1)) == "oktober 2024"
    assert maand_kort(dt.date(2024, 3, 1)) == "mrt 2024"
    assert maand_kort(dt.date(2024, 5, 31)) == "mei 2024"


def test_yes_no_and_unknown_read_as_words() -> None:
    assert (janee(True), janee(False), janee(None)) == ("ja", "nee", "onbekend")


# Tables and their downloads


def test_a_table_shows_and_exports_dutch_headers_and_formats() -> None:
    frame = pl.DataFrame(
        {
            "maand": [dt.date(2024, 7, 1), dt.date(2024, 8, 1)],
            "einddatum": [dt.date(2024, 7, 31), None],
            "personen": [8000, None],
            "sociale_onderneming": [True, False],
            "verplichting_eur": [1_720_550, 999],
            "realisatie_pct": [23.44, None],
            "status": ["Lopend", None],
        }
    )
    shown = components._weergave(frame, ["personen"], euros={"verplichting_eur"})
    assert shown.rows() == [
        ("juli 2024", "31 juli 2024", "8.000", "ja", "€ 1.720.550", "23,4 %", "Lopend"),
        ("augustus 2024", "—", "< 5", "nee", "€ 999", "—", "—"),
    ]
    headers = [components.kolomnaam(k) for k in frame.columns]
    assert headers == ["Maand", "Einde", "Mensen", "Sociale onderneming", "Verplichting", "Van de verplichting (%)",
                       "Status"]  # fmt: skip
    export = components._excel_frame(frame).rename(dict(zip(frame.columns, headers, strict=True)))
    workbook = openpyxl.load_workbook(io.BytesIO(components._excel(export, "test", ["Mensen"], ["Verplichting"])))
    rows = list(workbook["data"].iter_rows(values_only=True))
    assert rows[0] == tuple(headers)
    assert rows[1][2] == 8000 and rows[1][4] == 1_720_550  # numbers stay numbers
    assert rows[1][3] == "ja" and rows[2][3] == "nee"
    assert workbook["data"].cell(row=2, column=5).number_format == "€ #,##0"


# Colours


def test_every_trede_has_one_colour_and_readable_text_on_it() -> None:
    assert sorted(charts.TREDE_KLEUREN) == [1, 2, 3, 4, 5, 6]
    assert len(set(charts.TREDE_KLEUREN.values())) == 6
    for kleur in charts.TREDE_KLEUREN.values():
        assert charts.contrast(charts.tekstkleur(kleur), kleur) >= 4.5  # WCAG AA for normal text


def test_benchmark_tiles_have_readable_text_on_every_colour_of_the_scale() -> None:
    for kleur in charts.schaalkleuren([i / 20 for i in range(21)], "Cividis"):
        assert charts.contrast(charts.tekstkleur(kleur), kleur) >= 4.5
