"""The council report (issue 14, part 1): `semon rapport` makes a PDF whose pages render, whose headline figures are
the Overzicht's for the same municipality and month (number by number, change included), which carries the notes,
the data's date on every page, and whose making is audited."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from pathlib import Path

import polars as pl
import pypdfium2 as pdfium
import pytest

from app import rapport
from app.formatting import getal, procent
from app.formatting import maand as maand_naam
from app.queries import indicator, stroom
from app.selectie import Filters, maand_label
from app.tegels import opmaak
from cli.main import main
from semon import notities, settings
from tests.helpers import metrics, once, open_app, query, selectie

NOTITIE = "Nieuwe werkwijze jongerenloket per 1 maart"
MARKUP = "Geen opmaak: #pagebreak() *vet* $x$ @ref <label>"  # Typst markup in a note stays text
KOPPEN = ("Kerncijfers", "Strategische doelen", "Participatieladder", "Overgangen", "Plaatsingen en duurzaamheid",
          "Pacten en SROI", "Positie in de Twentse benchmark", "Notities",
          "Bijlage: definities en bronnen")  # fmt: skip


@pytest.fixture(scope="module")
def maand(demo_warehouse: Path) -> dt.date:
    return query(demo_warehouse, "select max(maand) from marts.mart_indicator_cellen")[0][0]


@pytest.fixture(scope="module")
def rapport_map(demo_warehouse: Path, maand: dt.date, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One report for the whole run (it takes some seconds; a module's fixture is made again each time a worker comes
    back to the module): a note written first, the audit log of its own. The tests only read the folder."""

    def make(folder: Path) -> None:
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("SEMON_WAREHOUSE", str(demo_warehouse))
            mp.setenv("SEMON_NOTITIES", str(folder / "notities.sqlite"))
            mp.setenv("SEMON_AUDIT", str(folder / "audit.log"))
            notities.schrijf("ladder_personen", "GM0153", maand, NOTITIE, auteur="beleid@enschede.nl", rol="gemeente")
            notities.schrijf("plaatsingen", "GM0153", maand, MARKUP, auteur="beheer", rol="beheer")
            notities.schrijf("plaatsingen", "GM0164", maand, "Alleen voor Hengelo", auteur="beheer", rol="beheer")
            uit = folder / "rapport.pdf"
            assert main(["rapport", "--gemeente", "GM0153", "--periode", f"{maand:%Y-%m}", "--uit", str(uit)]) == 0

    return once(tmp_path_factory, "rapport", make)


@pytest.fixture
def rapport_pdf(rapport_map: Path) -> Path:
    return rapport_map / "rapport.pdf"


def pagina_teksten(pdf: Path) -> list[str]:
    document = pdfium.PdfDocument(str(pdf))
    try:
        return [document[i].get_textpage().get_text_range() for i in range(len(document))]
    finally:
        document.close()


def regel(tekst: str, begin: str) -> str:
    """The line of the extracted text that starts with `begin` (a table row: label, value, change, Twente)."""
    gevonden = [r for r in tekst.splitlines() if r.startswith(begin)]
    assert gevonden, f"geen regel die begint met {begin!r}"
    return gevonden[0]


def test_the_report_renders_every_page_with_the_data_date(rapport_pdf: Path, tmp_path: Path) -> None:
    document = pdfium.PdfDocument(str(rapport_pdf))
    try:
        assert len(document) >= 4
        for i in range(len(document)):
            beeld = document[i].render(scale=1).to_pil().convert("L")
            png = tmp_path / f"pagina-{i + 1}.png"
            beeld.save(png)
            assert png.stat().st_size > 5_000
            assert beeld.getextrema()[0] < 100  # something dark on every page: text, not a blank sheet
    finally:
        document.close()
    teksten = pagina_teksten(rapport_pdf)
    assert all("Stand van de gegevens:" in t for t in teksten)
    alles = "\n".join(teksten)
    for kop in KOPPEN:
        assert kop in alles
    if settings.chromium().exists():  # the charts were drawn (kaleido on chromium), not replaced by a line
        assert "kon niet gemaakt worden" not in alles
        assert "Figuur 1" in alles


def test_headline_figures_are_the_overzichts_number_by_number(
    rapport_pdf: Path, demo_warehouse: Path, maand: dt.date, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_app(demo_warehouse, monkeypatch, rol="gemeente", periode=maand_label(maand))
    tegels = metrics(at)
    deltas = {m.label: m.delta for m in at.metric}
    tekst = pagina_teksten(rapport_pdf)[0]
    assert len(tegels) >= 5
    vergeleken = 0
    for label, waarde in tegels.items():
        rij = regel(tekst, label)
        cellen = rij.removeprefix(label).split()
        assert cellen, rij
        # label (and period), value, change, Twente: the value is the first cell after the label's period
        na_label = re.sub(r"^\s*\([^)]*\)", "", rij.removeprefix(label)).strip()
        assert na_label.startswith(waarde), (label, waarde, rij)
        verandering = deltas[label]
        if verandering:
            assert verandering in rij, (label, verandering, rij)
        else:
            assert f"{waarde} —" in na_label, (label, rij)
        vergeleken += 1
    captions = [c.value for c in at.caption]
    aandeel = next(c for c in captions if c.endswith(" op trede 4-6")).removesuffix(" op trede 4-6")
    assert regel(tekst, "Aandeel op trede 4-6").removeprefix("Aandeel op trede 4-6").strip().startswith(aandeel)
    wachtlijst = next(c for c in captions if c.startswith("Wachtlijst: ")).removeprefix("Wachtlijst: ")
    assert regel(tekst, "Wsw-wachtlijst").removeprefix("Wsw-wachtlijst").strip().startswith(wachtlijst)
    assert vergeleken == len(tegels)


def test_the_note_is_in_the_report(rapport_pdf: Path) -> None:
    alles = " ".join(" ".join(pagina_teksten(rapport_pdf)).split())
    assert NOTITIE in alles
    assert "beleid@enschede.nl" not in alles  # a council document names no official's address
    assert MARKUP in alles
    assert "Alleen voor Hengelo" not in alles  # the municipality's own notes


def test_the_report_is_audited_as_an_export_of_role_gemeente(rapport_map: Path) -> None:
    regels = [json.loads(r) for r in (rapport_map / "audit.log").read_text(encoding="utf-8").splitlines()]
    export = [r for r in regels if r.get("soort") == "raadsrapportage"]
    assert len(export) == 1
    assert export[0]["actie"] == "export"
    assert export[0]["rol"] == "gemeente" and export[0]["gemeente"] == "GM0153"
    assert export[0]["bestand"] == "rapport.pdf"


def test_without_a_browser_the_report_is_made_and_says_its_charts_are_missing(
    demo_warehouse: Path, maand: dt.date, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("SEMON_WAREHOUSE", str(demo_warehouse))
    monkeypatch.setenv("SEMON_AUDIT", str(tmp_path / "audit.log"))
    monkeypatch.setenv("SEMON_CHROMIUM", str(tmp_path / "geen-chromium"))
    uit = tmp_path / "rapport.pdf"
    assert main(["rapport", "--gemeente", "GM0153", "--periode", f"{maand:%Y-%m}", "--uit", str(uit)]) == 0
    alles = "\n".join(pagina_teksten(uit))
    assert alles.count("Deze grafiek kon niet gemaakt worden (geen browser voor de export)") == 2  # ladder, benchmark
    assert "Kerncijfers" in alles and "Figuur 1" not in alles


def test_a_month_without_data_is_a_usage_error(
    demo_warehouse: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setenv("SEMON_WAREHOUSE", str(demo_warehouse))
    monkeypatch.setenv("SEMON_AUDIT", str(tmp_path / "audit.log"))
    assert main(["rapport", "--gemeente", "GM0153", "--periode", "1999-01", "--uit", str(tmp_path / "x.pdf")]) == 2
    assert "Geen gegevens voor januari 1999" in capsys.readouterr().err
    assert main(["rapport", "--gemeente", "GM9999", "--uit", str(tmp_path / "x.pdf")]) == 2
    assert not (tmp_path / "x.pdf").exists()


def test_the_overzicht_offers_the_report_for_a_municipality(
    demo_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_app(demo_warehouse, monkeypatch, rol="gemeente")
    knoppen = at.get("download_button")
    assert any("Raadsrapportage" in str(k.proto) for k in knoppen)


def test_the_twente_column_is_the_overzicht_for_twente(
    rapport_pdf: Path, demo_warehouse: Path, maand: dt.date, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The report's Twente column (the benchmark's totals, which role gemeente may see) against the Overzicht of all
    of Twente as beheer sees it: the same published numbers, larger than the municipality's, so none hidden."""
    at = open_app(demo_warehouse, monkeypatch, rol="beheer", periode=maand_label(maand))
    assert any(c.value.startswith("Twente (alle gemeenten)") for c in at.caption)
    tekst = pagina_teksten(rapport_pdf)[0]
    vergeleken = 0
    for label, waarde in metrics(at).items():
        if waarde in ("—", "n.v.t."):
            continue
        assert regel(tekst, label).split()[-1] == waarde, (label, waarde, regel(tekst, label))
        vergeleken += 1
    assert vergeleken >= 3


def test_the_durability_section_says_which_start_months_it_leaves_out(
    rapport_pdf: Path, demo_warehouse: Path, maand: dt.date, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Enschede's start months in the demo: most have fewer than 5 placements that lasted, or that did not. Whether the
    # report then takes months or quarters is the page's rule; what it found is in the PDF, with the note that says why.
    monkeypatch.setenv("SEMON_WAREHOUSE", str(demo_warehouse))
    f = selectie(demo_warehouse, gemeente="GM0153", maand=maand)
    per, rijen, noot = rapport._duurzaamheid(f)
    alles = " ".join(" ".join(pagina_teksten(rapport_pdf)).split())
    if rijen:
        assert "4.2. Duurzaamheid Gestart in " in alles and " ".join(rijen[0]) in alles
    else:
        assert f"4.2. Duurzaamheid Geen start{per} met genoeg plaatsingen om een aandeel te tonen." in alles
    assert (
        f"Een start{per} waarin minder dan 5 mensen nog, of minder dan 5 niet meer, aan het werk waren, staat er niet "
        "bij: het aandeel zou die mensen aanwijzen." in alles
    )
    assert noot in alles


def test_where_the_months_hide_the_durability_the_report_takes_the_quarters(
    plausible_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Enschede at a fifth of its size has fewer than 5 jobs that did not last in nearly every start month, so its
    months hide nearly every share and its quarters about half: the report gives the six newest quarters with a share,
    the page's figures, and says why. With a threshold of 2 Twente's months show their shares, so its report keeps the
    months."""
    monkeypatch.setenv("SEMON_WAREHOUSE", str(plausible_warehouse))
    f = selectie(plausible_warehouse, gemeente="GM0153")
    maanden, kwartalen = stroom.duurzaamheid(f), stroom.duurzaamheid(f, "kwartaal")

    def zonder_aandeel(frame: pl.DataFrame) -> float:  # of the start periods with jobs whose 6 months are over
        bekend = frame.filter(pl.col("bekend_6m").ne_missing(0))
        return bekend["duurzaam_6m_pct"].null_count() / bekend.height

    per_maand, per_kwartaal = zonder_aandeel(maanden), zonder_aandeel(kwartalen)
    assert per_maand > 0.5 and 1 - per_kwartaal >= 2 * (1 - per_maand)  # the case: quarters show twice the part
    getoond = kwartalen.filter(pl.col("duurzaam_6m_pct").is_not_null() | pl.col("duurzaam_12m_pct").is_not_null())
    assert getoond.height >= 6

    per, rijen, noot = rapport._duurzaamheid(f)
    assert per == "kwartaal"
    verwacht = [
        [r["kwartaal"], getal(r["plaatsingen"]), procent(r["duurzaam_6m_pct"]), procent(r["duurzaam_12m_pct"])]
        for r in getoond.sort("maand", descending=True).head(6).iter_rows(named=True)
    ]
    assert rijen == verwacht
    assert all(re.fullmatch(r"[a-z]{3}–[a-z]{3} \d{4}", rij[0]) for rij in rijen)
    assert noot.startswith(
        f"Per kwartaal: per maand is {procent(100 * per_maand, 0)} van de startmaanden te klein om te tonen, per "
        f"kwartaal {procent(100 * per_kwartaal, 0)}. "
    )
    assert "Een startkwartaal waarin minder dan 5 mensen nog" in noot

    monkeypatch.setenv("SEMON_MIN_CEL", "2")
    twente = selectie(plausible_warehouse)
    per, rijen, noot = rapport._duurzaamheid(twente)
    getoond = stroom.duurzaamheid(twente).drop_nulls("duurzaam_6m_pct").sort("maand", descending=True)
    assert per == "maand"
    assert [rij[0] for rij in rijen][:3] == [maand_naam(m) for m in getoond["maand"].head(3)]
    assert noot.startswith("Een startmaand waarin minder dan 2 mensen nog")


def _trede_4_6(warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> pl.DataFrame:
    """The benchmark's share on treden 4-6 per municipality for Enschede's newest month, as the page publishes it."""
    monkeypatch.setenv("SEMON_WAREHOUSE", str(warehouse))
    return indicator.uitkomst("aandeel_trede_4_6", selectie(warehouse, gemeente="GM0153"), per_gemeente=True).waarden


def test_the_benchmark_chart_names_the_municipalities_it_leaves_out(
    rapport_pdf: Path, demo_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # In the demo's newest month several municipalities have too few people for a share on treden 4-6 (the page shows
    # them as —); the chart leaves them out and its caption says which.
    waarden = _trede_4_6(demo_warehouse, monkeypatch)
    zonder = sorted(waarden.filter(pl.col("waarde").is_null())["naam"])
    assert 0 < len(zonder) < 14
    alles = " ".join(" ".join(pagina_teksten(rapport_pdf)).split())
    assert (
        "Aandeel op trede 4-6 per gemeente; de stippellijn is Twente; niet getoond (te weinig mensen): "
        + ", ".join(zonder)
        in alles
    )


def test_a_rank_counts_only_the_municipalities_with_a_value(
    rapport_pdf: Path, demo_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Enschede's rank on the share on treden 4-6 among the municipalities that have one, not "of 14"; all 14 have a
    # bijstand rate.
    waarden = _trede_4_6(demo_warehouse, monkeypatch)["gemeentecode", "waarde"].drop_nulls()
    eigen = waarden.filter(pl.col("gemeentecode") == "GM0153")["waarde"].item()
    rang = 1 + waarden.filter(pl.col("waarde") > eigen).height
    assert waarden.height < 14
    alles = " ".join(" ".join(pagina_teksten(rapport_pdf)).split())
    assert re.search(rf"Aandeel op trede 4-6 [\d,]+ % [\d,]+ % {rang} van {waarden.height} 1 = hoogste", alles)
    assert re.search(r"Bijstand per 10\.000 inwoners van 18\+ [\d,]+ [\d,]+ 14 van 14 1 = laagste", alles)


def test_the_reports_ladder_table_has_every_trede(built_warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # As on the page (queries.ladder.op_peildatum): Enschede, end of June 2024 in the story, nobody on treden 4 and 6.
    monkeypatch.setenv("SEMON_WAREHOUSE", str(built_warehouse))
    monkeypatch.setenv("SEMON_MIN_CEL", "1")
    monkeypatch.setenv("SEMON_CELSLEUTEL", "uit")
    juni = dt.date(2024, 6, 1)
    f = Filters(gemeente="GM0153", gemeente_naam="Enschede", doelgroepen=(), doelgroep_naam="", maand=juni,
                leeftijdsklasse=None, geslacht=None, laatste_maand=juni)  # fmt: skip
    _, rijen = rapport._ladder(f, {t: f"trede {t}" for t in range(1, 7)})
    assert [(naam, aantal) for naam, aantal, _ in rijen] == [
        ("trede 1", "1"), ("trede 2", "1"), ("trede 3", "1"), ("trede 4", "0"), ("trede 5", "1"), ("trede 6", "0")
    ]  # fmt: skip


def test_the_reports_sroi_section_has_the_contracts_together(
    built_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As on the Werkgevers page (tests/app/test_figures.py), Twente at a threshold of 3: SROI-1's 4 placements have an
    # amount of their own, SROI-2's 2 do not, and too few to show alone; together € 29.573,82 of € 20.437,50 due.
    monkeypatch.setenv("SEMON_WAREHOUSE", str(built_warehouse))
    monkeypatch.setenv("SEMON_MIN_CEL", "3")
    monkeypatch.setenv("SEMON_CELSLEUTEL", "uit")
    juni = dt.date(2024, 6, 1)
    f = Filters(gemeente=None, gemeente_naam="Twente", doelgroepen=(), doelgroep_naam="", maand=juni,
                leeftijdsklasse=None, geslacht=None, laatste_maand=juni)  # fmt: skip
    rijen, samen, noot = rapport._sroi(f)
    assert [r[0].split()[0] for r in rijen] == ["SROI-1", "SROI-2"]
    assert samen == [
        ["Alle (2 contracten)", "€ 72.500", "€ 29.574", "145,0 % van de verplichting tot nu (€ 20.400): op koers"],
        ["Zonder eigen bedrag (1 contract)", "€ 10.000", "—", "te weinig plaatsingen om te tonen"],
    ]
    assert noot.startswith("Van 1 van de 2 contracten staat geen bedrag in de tabel (minder dan 3 plaatsingen elk)")
    monkeypatch.setenv("SEMON_MIN_CEL", "1")  # both with an amount: the total alone
    assert [r[0] for r in rapport._sroi(f)[1]] == ["Alle (2 contracten)"]


def test_the_reports_pact_table_counts_the_members_in_the_municipality(rapport_pdf: Path) -> None:
    # The report is Enschede's: its pact members there, not all of a pact's (Pact MVO Hengelo has 130).
    alles = " ".join(" ".join(pagina_teksten(rapport_pdf)).split())
    assert "Pact Leden in Enschede Toegezegde plekken Bezet Realisatie" in alles


def test_the_reports_benchmark_compares_a_flow_over_12_months_and_a_stand_at_the_month(
    demo_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A report of one month compared one month's flows: a few people in most municipalities, so a small one's flow
    rows read "—" (Tubbergen at Twente's size) and Enschede's uitstroom naar werk ranked "3 van 4". A flow is now
    compared over the 12 months up to the month, and its row says so; a stand (the share on treden 4-6) stays."""
    monkeypatch.setenv("SEMON_WAREHOUSE", str(demo_warehouse))
    basis = selectie(demo_warehouse)

    def uitkomst(code: str, periode: str, f: Filters = basis) -> indicator.Uitkomst:
        return indicator.uitkomst(code, dataclasses.replace(f, periode=periode), per_gemeente=True)

    # A municipality hidden in the month and shown over 12 months: the case this is about.
    maand, jaar = (uitkomst("uitstroom_werk_pct", p).waarden for p in ("maand", "12m"))
    beter = sorted(
        set(maand.filter(maand["waarde"].is_null())["gemeentecode"]) & set(jaar.drop_nulls("waarde")["gemeentecode"])
    )
    assert beter
    f = dataclasses.replace(basis, gemeente=beter[0], gemeente_naam="")
    rijen = {r[0].split(" (")[0]: r for r in rapport._benchmark(f)[0]}
    for code, periode in (
        ("uitstroom_werk_pct", "12m"),
        ("plaatsingen_per_10000", "12m"),
        ("aandeel_trede_4_6", "maand"),
    ):
        u = uitkomst(code, periode, f)
        naam = u.indicator["naam"]
        eigen = u.waarden.filter(u.waarden["gemeentecode"] == f.gemeente)["waarde"].item()
        assert rijen[naam][0] == (f"{naam} ({u.periode_naam})" if periode == "12m" else naam)
        assert rijen[naam][1:3] == [opmaak(u.indicator, eigen), opmaak(u.indicator, u.twente)]
    assert rijen["Uitstroom naar werk"][1] != "—"


def test_the_reports_key_figures_give_the_durable_outflow_of_12_months_beside_the_month(
    plausible_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As the Overzicht's tile: beside one month's durable outflow (hidden in a small municipality) its 12 months."""
    monkeypatch.setenv("SEMON_WAREHOUSE", str(plausible_warehouse))
    basis = selectie(plausible_warehouse)
    for gemeente in ("GM0153", "GM0183"):
        f = dataclasses.replace(basis, gemeente=gemeente)
        jaar = indicator.uitkomst("duurzame_uitstroom_pct", dataclasses.replace(f, periode="12m"))
        twente = indicator.uitkomst("duurzame_uitstroom_pct", dataclasses.replace(f, periode="12m"), per_gemeente=True)
        assert jaar.bekend
        rijen = rapport._kerncijfers(f)[0]
        assert [f"Duurzame uitstroom over 12 maanden ({jaar.periode_naam})", opmaak(jaar.indicator, jaar.twente), "—",
                opmaak(twente.indicator, twente.twente)] in rijen  # fmt: skip
