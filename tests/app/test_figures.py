"""The figures a wethouder can quote (issue 10) on their pages, checked against the story."""

from __future__ import annotations

import base64
import json
import math
import re
from pathlib import Path

import numpy as np
import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from app.queries import indicator
from app.selectie import maand_label
from tests.helpers import open_app, query, selectie


@pytest.fixture(autouse=True)
def exact(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests check the figures' logic number by number: without the cell key's noise (the protection is
    checked in tests/app/test_privacy_attack.py)."""
    monkeypatch.setenv("SEMON_CELSLEUTEL", "uit")


def test_goal_bars_show_percentage_and_where_we_should_be(
    built_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SEMON_MIN_CEL", "1")
    at = open_app(built_warehouse, monkeypatch, gemeente="Enschede", periode="juni 2024")
    bars = [bar.proto.text for bar in at.get("progress")]
    # 1.000 × 61 / 1.461 = 41,8 → 42 (tests/dbt/test_marts_story.py)
    assert bars[0].startswith("Basis: 1 van 1.000 (0,1 %) · nu verwacht 42 — ")
    assert bars[1].startswith("Groei: 1 van 1.200 (0,1 %) · nu verwacht 50 — ")
    captions = [caption.value for caption in at.caption]
    assert any(c.startswith("Beleidsperiode 1 mei 2024 t/m 30 april 2028 (het plan gold 2011–2014") for c in captions)


@pytest.mark.parametrize(
    ("doelgroep", "bron"),
    [("Wajong", "UWV"), ("Wsw-werknemers", "het SW-bedrijf"), ("Voortijdig schoolverlaters", "het RMC")],
)
def test_a_doelgroep_of_another_source_says_not_applicable_instead_of_zero_on_werkplein_tiles(
    built_warehouse: Path, monkeypatch: pytest.MonkeyPatch, doelgroep: str, bron: str
) -> None:
    at = open_app(built_warehouse, monkeypatch, gemeente="Hof van Twente", doelgroep=doelgroep, periode="juni 2024")
    tiles = {metric.label: metric.value for metric in at.metric}
    assert tiles["Mensen op de ladder"] == "n.v.t."
    assert tiles["Plaatsingen gestart"] == "n.v.t."
    assert tiles["Duurzame uitstroom"] == "n.v.t."
    assert any(c.value.startswith(f"Niet van toepassing: {bron} levert geen ladderscores") for c in at.caption)


def test_uwv_section_counts_wajong_and_who_works(built_warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SEMON_MIN_CEL", "1")
    at = open_app(built_warehouse, monkeypatch, "wsw", gemeente="Hof van Twente", periode="juni 2024")
    tiles = {metric.label: metric.value for metric in at.metric}
    # June: P12 (Wajong 2010, not working) and P13 (Wajong 2015, working); P12 in the register.
    assert (tiles["Wajong"], tiles["Van wie werkend"], tiles["Met arbeidsvermogen"]) == ("2", "1", "2")
    assert tiles["Doelgroepregister"] == "1"
    # Per regeling and grondslag: working and work capacity are Wajong measures, "n.v.t." for the register (not 0).
    tabel = next(t.value for t in at.dataframe if "Regeling of grondslag" in t.value.columns)
    assert tabel.drop(columns="Doelgroep").values.tolist() == [
        ["Wajong 2010", "1", "0", "1"],
        ["Wajong 2015", "1", "1", "1"],
        ["Wajong met arbeidsvermogen", "1", "n.v.t.", "n.v.t."],
    ]


def test_sroi_table_shows_status_and_verdict(built_warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The story's contracts have a few placements each: their amounts show only without the threshold.
    monkeypatch.setenv("SEMON_MIN_CEL", "1")
    at = open_app(built_warehouse, monkeypatch, "werkgevers")
    sroi = next(frame.value for frame in at.dataframe if "Oordeel" in frame.value.columns)
    assert list(sroi["Contract"]) == ["SROI-1", "SROI-2"]
    assert list(sroi["Status"]) == ["Lopend", "Afgerond"]
    assert list(sroi["Oordeel"]) == ["op koers", "behaald"]
    assert list(sroi["Gerealiseerd"]) == ["€ 14.471", "€ 15.103"]
    assert any("Inkoop bij sociale ondernemingen" in caption.value for caption in at.caption)


def test_the_sroi_contracts_together_say_what_those_without_an_amount_realised(
    built_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The story's two contracts (4 and 2 placements) show no amount of their own at the threshold of 5, but together
    # they hold 6: € 14.471,08 + € 15.102,74 = € 29.573,82 realised of € 10.437,50 + € 10.000 due by now (→ € 20.400),
    # 145,0 %. tests/dbt/test_marts_story.py has the contracts' figures.
    def samen(at: AppTest) -> tuple[dict[str, str], str]:
        tiles = {m.label: m.value for m in at.metric if m.label in SROI_TEGELS}
        (zin,) = [c.value for c in at.caption if c.value.endswith("het verschil met de verplichting niet kan maken.")]
        return tiles, zin

    tiles, zin = samen(open_app(built_warehouse, monkeypatch, "werkgevers"))
    assert tiles == {
        "Verplichting tot nu": "€ 20.400", "Gerealiseerd": "€ 29.574", "Deel van de verplichting tot nu": "145,0 %"
    }  # fmt: skip
    assert zin.startswith("Geen contract heeft 5 of meer plaatsingen, dus staat er geen bedrag per contract in de")
    monkeypatch.setenv("SEMON_MIN_CEL", "3")  # SROI-1's 4 placements shown, SROI-2's 2 hidden, alone too few
    tiles, zin = samen(open_app(built_warehouse, monkeypatch, "werkgevers"))
    assert tiles["Gerealiseerd"] == "€ 29.574"
    assert zin.startswith(
        "Van 1 van de 2 contracten staat geen bedrag in de tabel (minder dan 3 plaatsingen elk); ook samen zijn hun "
        "plaatsingen te weinig om hun bedrag te tonen. Verplichting tot nu:"
    )
    monkeypatch.setenv("SEMON_MIN_CEL", "1")  # every contract shown: only what the figures are
    assert samen(open_app(built_warehouse, monkeypatch, "werkgevers"))[1].startswith("Verplichting tot nu: de ")


SROI_TEGELS = ("Verplichting tot nu", "Gerealiseerd", "Deel van de verplichting tot nu")


def test_the_sroi_chart_shows_a_hidden_contract_as_hidden(
    built_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The story's two contracts have a few placements each (4 and 2). A contract whose realisation is hidden stands
    # on the chart as "verborgen" rather than being left out (one bar of seven read as all); all hidden, no chart.
    # One line per contract (upright, Twente's forty contracts' words ran into each other), the obligation at 100 %.
    def sroi(at: AppTest) -> list[tuple]:
        (chart,) = [c for c in at.get("plotly_chart") if c.proto.id.endswith("grafiek_sroi")]
        spec = json.loads(chart.proto.spec)
        assert spec["layout"]["height"] == 250  # 24 px a contract, at least 250
        assert [(s["type"], s["x0"]) for s in spec["layout"]["shapes"]] == [("line", 100)]
        return [
            (t["type"], t.get("orientation"), t["y"], t["x"], t.get("text"), t.get("textposition"))
            for t in spec["data"]
        ]

    at = open_app(built_warehouse, monkeypatch, "werkgevers")  # both hidden: said in words, no chart of dashes
    assert [c for c in at.get("plotly_chart") if c.proto.id.endswith("grafiek_sroi")] == []
    assert at.info[0].value == (
        "Van geen contract is het gerealiseerde deel te tonen (—: minder dan 5 plaatsingen, of geen verplichting); de "
        "tabel hieronder toont ze."
    )
    monkeypatch.setenv("SEMON_MIN_CEL", "3")  # SROI-1's 4 placements shown, SROI-2's 2 hidden
    assert sroi(open_app(built_warehouse, monkeypatch, "werkgevers")) == [
        ("bar", "h", ["SROI-1", "SROI-2"], [23.2, None], None, None),  # € 14.471 of € 62.500
        ("scatter", None, ["SROI-2"], [0], ["verborgen"], "middle right"),
    ]
    monkeypatch.setenv("SEMON_MIN_CEL", "1")
    (staaf,) = sroi(open_app(built_warehouse, monkeypatch, "werkgevers"))
    assert staaf == ("bar", "h", ["SROI-1", "SROI-2"], [23.2, 151.0], None, None)  # € 15.103 of € 10.000


def test_instrument_outcomes_say_when_they_cannot_be_known(
    built_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_app(built_warehouse, monkeypatch, "instrumenten", gemeente="Enschede", periode="juni 2024")
    assert any(info.value.startswith("Nog niet te weten") for info in at.info)


def _loonwaarde(at: AppTest) -> list[dict]:
    """The traces of the Plaatsingen page's loonwaarde chart (none when it is not drawn)."""
    charts = [c for c in at.get("plotly_chart") if c.proto.id.endswith("grafiek_loonwaarde")]
    return [trace for chart in charts for trace in json.loads(chart.proto.spec)["data"]]


def test_a_loonwaarde_chart_of_hidden_bands_only_says_so_instead_of_drawing_empty_axes(
    built_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The story's one placement with a loonwaarde: Enschede, June 2024, 55 % (band 50-59 %), one placement.
    at = open_app(built_warehouse, monkeypatch, "plaatsingen", gemeente="Enschede", periode="juni 2024")
    assert _loonwaarde(at) == []
    assert "Elke loonwaardeband telt hier minder dan 5 plaatsingen: te weinig om te tonen." in at.info[0].value
    monkeypatch.setenv("SEMON_MIN_CEL", "1")  # shown: the same selection has the band, as a bar
    at = open_app(built_warehouse, monkeypatch, "plaatsingen", gemeente="Enschede", periode="juni 2024")
    assert [(t["type"], t["x"], t["y"]) for t in _loonwaarde(at)] == [("bar", ["50-59 %"], [1])]


def test_a_hidden_loonwaarde_band_reads_as_hidden_on_the_chart_not_as_zero(
    demo_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Enschede's placements with a loonwaarde in the 12 months to the newest month, per band, counted in the mart:
    # a band of one placement is hidden at a threshold of 2 and reads "< 2" where its bar would stand.
    monkeypatch.setenv("SEMON_MIN_CEL", "2")
    at = open_app(demo_warehouse, monkeypatch, "plaatsingen", gemeente="Enschede", venster="Laatste 12 maanden")
    staven, verborgen = _loonwaarde(at)
    f = selectie(demo_warehouse, gemeente="GM0153", periode="12m")
    counts = dict(
        query(
            demo_warehouse,
            """select least(loonwaarde_pct // 10 * 10, 90), count(*) from marts.mart_plaatsingen
               where gemeentecode = 'GM0153' and loonwaarde_pct is not null and begindatum between ? and ?
               group by 1""",
            [f.begin, f.peildatum],
        )
    )
    banden = sorted(counts)
    assert staven["x"] == [f"{b}-{b + 9} %" for b in banden]
    assert staven["y"] == [counts[b] if counts[b] >= 2 else None for b in banden]
    ones = [f"{b}-{b + 9} %" for b in banden if counts[b] == 1]
    assert ones and len(ones) < len(banden)  # the demo has both
    assert verborgen["mode"] == "text" and verborgen["x"] == ones and verborgen["text"] == ["< 2"] * len(ones)


def test_a_durability_share_of_none_or_all_is_left_out_like_one_of_a_few(
    demo_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A share of none (0 %) or all (100 %) says of each of its people whether they still work: it is left out as one
    # of a few is, else a small selection's chart shows only its months at 0 or 100 %. Enschede's jobs per start month
    # in the demo, counted in the mart: at a threshold of 5 every month has fewer than 5 that lasted or that did not.
    at = open_app(demo_warehouse, monkeypatch, "plaatsingen", gemeente="Enschede")
    assert [c for c in at.get("plotly_chart") if c.proto.id.endswith("grafiek_duurzaam")] == []
    assert at.info[1].value.startswith("Een startmaand waarin minder dan 5 mensen nog, of minder dan 5 niet meer,")
    assert at.info[1].value.endswith("Dat geldt hier voor elke maand: kies Kwartaal hierboven of een ruimere "
                                     "selectie, zoals heel Twente of alle doelgroepen.")  # fmt: skip
    at.segmented_control(key="duurzaam_per").set_value("kwartaal").run()  # its quarters: three months' jobs each
    assert at.info[1].value.startswith("Een startkwartaal waarin minder dan 5 mensen nog, of minder dan 5 niet meer,")
    assert at.info[1].value.endswith("Dat geldt hier voor elk kwartaal: kies een ruimere selectie, zoals heel Twente "
                                     "of alle doelgroepen.")  # fmt: skip
    # All of Twente at a threshold of 2: a month whose jobs all lasted is a gap, as one where one did not.
    monkeypatch.setenv("SEMON_MIN_CEL", "2")
    at = open_app(demo_warehouse, monkeypatch, "plaatsingen")
    (chart,) = [c for c in at.get("plotly_chart") if c.proto.id.endswith("grafiek_duurzaam")]
    na_6 = dict(zip(*(json.loads(chart.proto.spec)["data"][0][k] for k in ("x", "y")), strict=True))
    per_month = query(
        demo_warehouse,
        """select strftime(date_trunc('month', begindatum), '%Y-%m-%d'), count(duurzaam_6m),
                  count(*) filter (duurzaam_6m)
           from marts.mart_plaatsingen where betaald_werk group by 1""",
    )
    expected = {
        m: round(100 * d / n, 1) if d >= 2 and n - d >= 2 else None for m, n, d in per_month if m in na_6 and n >= 2
    }
    all_lasted = [m for m, n, d in per_month if m in na_6 and n >= 2 and d == n]
    assert all_lasted and any(expected.values())  # the demo has both
    assert {m: na_6[m] for m in expected} == expected  # a gap in the line, not a point at 100 %
    at.segmented_control(key="duurzaam_per").set_value("kwartaal").run()
    (chart,) = [c for c in at.get("plotly_chart") if c.proto.id.endswith("grafiek_duurzaam")]
    kwartalen = json.loads(chart.proto.spec)["data"][0]
    assert all(re.fullmatch(r"[a-z]{3}(–[a-z]{3})? \d{4}", x) for x in kwartalen["x"]), kwartalen["x"]
    assert any(y is not None for y in kwartalen["y"])


def test_the_youth_page_names_the_date_of_its_stands_and_where_sd4_counts_from(
    built_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A tile without its date cannot be quoted; SD4 adds up from the story's first month (May 2024) on.
    monkeypatch.setenv("SEMON_MIN_CEL", "1")
    at = open_app(built_warehouse, monkeypatch, "jongeren", gemeente="Enschede", periode="juni 2024")
    assert at.caption[0].value == "Enschede · jongeren onder 27 · standen op 30 juni 2024"
    assert {m.label: m.value for m in at.metric}["SD4: geplaatst sinds mei 2024"] == "1"


def test_jongeren_onder_27_read_not_applicable_where_the_source_has_no_age(
    built_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The Wsw files have no age. Leeftijd < 27 is left out there with a note (the total stands); the doelgroep
    # "Jongeren onder 27" is an age band, so it cannot be picked out: n.v.t., not 0.
    monkeypatch.setenv("SEMON_MIN_CEL", "1")
    at = open_app(built_warehouse, monkeypatch, gemeente="Enschede", periode="juni 2024", leeftijd="<27")
    assert {m.label: m.value for m in at.metric}["Wsw-werknemers"] == "1"  # P11 at DCW
    assert "Filter leeftijd niet toegepast: leeftijd en geslacht staan niet in het Wsw-bestand." in [
        c.value for c in at.caption
    ]
    at = open_app(built_warehouse, monkeypatch, gemeente="Enschede", periode="juni 2024", doelgroep="Jongeren onder 27")
    assert {m.label: m.value for m in at.metric}["Wsw-werknemers"] == "n.v.t."
    captions = [c.value for c in at.caption]
    waarom = "Niet van toepassing: jongeren onder 27 zijn een leeftijdsgroep, en leeftijd en geslacht staan niet"
    assert f"{waarom} in het Wsw-bestand." in captions and "Wachtlijst: n.v.t." in captions


def test_a_benchmark_with_every_municipality_hidden_says_so_and_shows_twente(
    plausible_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Herinstroom by month on Twente at a fifth of its size: in most months each municipality's is a few people back,
    # or none, or a few not. "Geen gegevens" would be false: the figures are there, too small to show one by one. The
    # newest such month as the query layer publishes it, chosen in the sidebar.
    monkeypatch.setenv("SEMON_MIN_CEL", "5")
    monkeypatch.setenv("SEMON_WAREHOUSE", str(plausible_warehouse))
    maanden = [m for (m,) in query(plausible_warehouse, "select distinct maand from marts.mart_indicator_cellen")]
    for maand in sorted(maanden, reverse=True):
        gekozen = selectie(plausible_warehouse, maand=maand)
        uitkomst = indicator.uitkomst("herinstroom_6m_pct", gekozen, per_gemeente=True)
        if uitkomst.bekend and uitkomst.twente is not None and uitkomst.waarden["waarde"].is_null().all():
            break
    else:
        pytest.fail("no month in which every municipality's herinstroom is hidden")
    at = open_app(plausible_warehouse, monkeypatch, "benchmark", indicator="Terug in de bijstand binnen 6 maanden",
                  periode=maand_label(maand))  # fmt: skip
    assert [i.value for i in at.info] == [
        f"Geen gemeente heeft in {uitkomst.periode_naam} genoeg mensen om een waarde te tonen. Kies een langere "
        "periode, zoals de laatste 12 maanden, of een ruimere doelgroep."
    ]
    assert [m.label for m in at.metric] == ["Twente (% van de uitstroom)"] and at.metric[0].value.endswith(" %")
    # The sections below stay: other months have values. Twente's line has every month it is known, also those in
    # which every municipality is hidden; Borne, hidden in every month, says so.
    at = open_app(plausible_warehouse, monkeypatch, "benchmark", indicator="Terug in de bijstand binnen 6 maanden",
                  gemeente="Borne", in_de_tijd="true", achter_een_gemeente="true")  # fmt: skip
    assert (
        "Geen waarde te tonen voor Borne over de tijd: elke maand heeft te weinig mensen. Kies een langere periode, "
        "zoals de laatste 12 maanden, of een ruimere doelgroep."
    ) in [i.value for i in at.info]
    (verloop,) = [json.loads(c.proto.spec) for c in at.get("plotly_chart") if c.proto.id.endswith("grafiek_verloop")]
    lijnen = {t["name"]: [m for m, v in zip(t["x"], t["y"], strict=True) if v is not None] for t in verloop["data"]}
    gemeenten = {m for naam, maanden in lijnen.items() if naam != "Twente" for m in maanden}
    twente = indicator.reeks("herinstroom_6m_pct", selectie(plausible_warehouse)).drop_nulls("waarde")
    assert len(lijnen["Twente"]) == twente.height > len(gemeenten)
    # A hidden month breaks a municipality's line (a line through it would draw a value there).
    (enschede,) = [t for t in verloop["data"] if t["name"] == "Enschede"]
    per_gemeente = indicator.reeks("herinstroom_6m_pct", selectie(plausible_warehouse), per_gemeente=True)
    eigen = per_gemeente.filter(pl.col("gemeentecode") == "GM0153")
    assert 0 < eigen["waarde"].null_count() < eigen.height  # some months hidden, some shown
    assert enschede["y"] == eigen["waarde"].to_list() and enschede["mode"] == "lines+markers"
    at = open_app(plausible_warehouse, monkeypatch, "benchmark", indicator="Terug in de bijstand binnen 6 maanden",
                  venster="Laatste 12 maanden")  # fmt: skip
    assert at.info == [] and len(at.get("plotly_chart")) >= 1


def test_a_tile_says_why_a_share_is_hidden_also_when_it_is_all_of_them(
    plausible_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Borne, outflow in September 2025: 2 left, neither came back (100 % durable). At a threshold of 2 that is no
    # longer a part of a few, but of all of them: hidden, and the note may not claim it rests on fewer than 2.
    monkeypatch.setenv("SEMON_MIN_CEL", "2")
    at = open_app(plausible_warehouse, monkeypatch, gemeente="Borne")
    assert {m.label: m.value for m in at.metric}["Duurzame uitstroom"] == "—"
    assert "Verborgen: te weinig mensen om dit aandeel te tonen (minder dan 2, of geen, erin of erbuiten)." in [
        c.value for c in at.caption
    ]
    assert "Voor Borne zijn geen strategische doelen vastgelegd." in [i.value for i in at.info]


def test_a_ranking_of_one_municipality_has_no_rank(plausible_warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Outflow to work in September 2026 on Twente at a fifth of its size: only Enschede has enough people. "1.
    # Enschede" would read as the top of Twente; the others are hidden, not lower.
    monkeypatch.setenv("SEMON_CELSLEUTEL", "aan")  # as in production
    monkeypatch.setenv("SEMON_MIN_CEL", "5")
    at = open_app(plausible_warehouse, monkeypatch, "benchmark", indicator="Uitstroom naar werk")
    assert "Geen rang: alleen Enschede heeft een waarde" in at.caption[0].value
    (rang,) = [json.loads(c.proto.spec) for c in at.get("plotly_chart") if c.proto.id.endswith("grafiek_rang")]
    namen = rang["data"][0]["y"]
    assert "Enschede" in namen and not any(naam[0].isdigit() for naam in namen)
    assert set(at.dataframe[0].value["Rang (1 = hoogste)"]) == {"—"}  # the table has no rank either


def test_the_wsw_chart_stacks_only_when_no_part_is_hidden(
    plausible_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Stacked, a hidden arbeidsvorm is drawn as 0 and the layers above it lower: the total seemed to drop.
    def reeks(at: AppTest) -> list[dict]:
        (chart,) = [c for c in at.get("plotly_chart") if c.proto.id.endswith("grafiek_wsw_reeks")]
        return [t for t in json.loads(chart.proto.spec)["data"] if t["name"] != "Notitie"]

    def verborgen(trace: dict) -> bool:  # plotly express sends y as a typed array: a hidden count is NaN
        y = trace["y"]
        waarden = np.frombuffer(base64.b64decode(y["bdata"]), dtype=y["dtype"]) if isinstance(y, dict) else y
        return any(v is None or math.isnan(v) for v in waarden)

    monkeypatch.setenv("SEMON_MIN_CEL", "5")
    twente = reeks(open_app(plausible_warehouse, monkeypatch, "wsw"))
    assert all(t.get("stackgroup") and not verborgen(t) for t in twente)
    at = open_app(plausible_warehouse, monkeypatch, "wsw", gemeente="Tubbergen")
    lijnen = reeks(at)
    assert not any(t.get("stackgroup") for t in lijnen) and any(verborgen(t) for t in lijnen)
    assert all(t["mode"] == "lines+markers" for t in lijnen)
    assert "staat daar niet (de lijn is onderbroken)" in " ".join(c.value for c in at.caption)


def test_the_ladder_table_has_every_trede_also_one_nobody_stands_on(
    built_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Enschede at the end of June 2024 (the story): four people with a recent score, on treden 1, 2, 3 and 5; nobody
    # on 4 or 6, which read 0 rather than missing from the table.
    monkeypatch.setenv("SEMON_MIN_CEL", "1")
    at = open_app(built_warehouse, monkeypatch, "ladder", gemeente="Enschede", periode="juni 2024")
    tabel = at.dataframe[0].value
    assert list(tabel["Mensen"]) == ["1", "1", "1", "0", "1", "0"]
    assert list(tabel["Aandeel"]) == ["25,0 %", "25,0 %", "25,0 %", "0,0 %", "25,0 %", "0,0 %"]


def test_the_ladder_chart_says_when_a_trede_is_hidden(built_warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The story's Enschede has one to four people per trede: hidden at the threshold of 5, shown at 1.
    bijschrift = "Een trede met minder dan 5 mensen is in die maand verborgen: de staaf mist dat stukje"
    at = open_app(built_warehouse, monkeypatch, "ladder", gemeente="Enschede", periode="juni 2024")
    assert any(c.value.startswith(bijschrift) for c in at.caption)
    monkeypatch.setenv("SEMON_MIN_CEL", "1")
    at = open_app(built_warehouse, monkeypatch, "ladder", gemeente="Enschede", periode="juni 2024")
    assert not any(c.value.startswith("Een trede met minder dan") for c in at.caption)


def test_a_pact_card_says_its_members_are_those_in_the_municipality(
    built_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # "9 leden" on Enschede's page read as the size of Pact MVO Hengelo (130 members): they are the ones in Enschede.
    monkeypatch.setenv("SEMON_MIN_CEL", "1")
    kaarten = [c.value for c in open_app(built_warehouse, monkeypatch, "werkgevers", gemeente="Enschede").caption]
    assert any(re.match(r"^\d+ leden in Enschede · ", c) for c in kaarten), kaarten
    kaarten = [c.value for c in open_app(built_warehouse, monkeypatch, "werkgevers").caption]
    assert any(re.match(r"^\d+ leden · ", c) for c in kaarten), kaarten
