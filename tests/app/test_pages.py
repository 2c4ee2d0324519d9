"""Every page of the dashboard (AppTest, headless): it renders, and the shared filters change its numbers exactly."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from app import rapport
from app.privacy import te_verbergen
from app.queries import indicator
from app.selectie import maand_label
from app.tegels import opmaak, tekst
from tests.helpers import GEMEENTEN, PAGES, metrics, open_app, query, selectie


@pytest.fixture(autouse=True)
def exact(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests check the figures' logic number by number: without the cell key's noise (the protection is
    checked in tests/app/test_privacy_attack.py)."""
    monkeypatch.setenv("SEMON_CELSLEUTEL", "uit")


def dutch(number: int) -> str:
    return f"{number:,}".replace(",", ".") if number >= 5 or number == 0 else "< 5"


def shown_group(numbers: list[int]) -> list[str]:
    """A group of counts as the page must show it: small ones and what would give them away read "< 5"."""
    hidden = te_verbergen(numbers, 5)
    return ["< 5" if i in hidden else dutch(n) for i, n in enumerate(numbers)]


@pytest.mark.parametrize("page", list(PAGES))
def test_every_page_renders_on_the_demo_data(demo_warehouse: Path, monkeypatch: pytest.MonkeyPatch, page: str) -> None:
    at = open_app(demo_warehouse, monkeypatch, page, gemeente="Enschede")
    assert at.title[0].value == PAGES[page]
    assert at.selectbox(key="gemeente").value == "Enschede"  # the shared filter survives the page switch


def test_overzicht_tiles_count_the_story(built_warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SEMON_MIN_CEL", "1")  # show every count, to check it against the story by hand
    at = open_app(built_warehouse, monkeypatch, gemeente="Enschede", periode="juni 2024")
    tiles = {metric.label: (metric.value, metric.delta) for metric in at.metric}
    # End of June in Enschede, all doelgroepen: P01, P02, P05, P06 have a recent score (end of May: P01, P02).
    assert tiles["Mensen op de ladder"] == ("4", "+2 t.o.v. een maand eerder")
    assert tiles["Stappen omhoog"][0] == "2"  # P01 2→3 and P02 4→5, second score 1 July (June)
    assert tiles["Plaatsingen gestart"][0] == "2"  # PL-1 (1 June) and PL-8 (3 June)
    assert tiles["Wsw-werknemers"][0] == "1"  # P11 at DCW
    # A flow's period under its value, not in its title (where 12 months were cut off on a laptop's screen).
    assert [c.value for c in at.caption].count("in juni 2024") == 2
    at = open_app(built_warehouse, monkeypatch, gemeente="Enschede", periode="juni 2024", venster="Laatste 12 maanden")
    assert [c.value for c in at.caption].count("in juli 2023 t/m juni 2024") == 2


def test_small_counts_are_shown_as_less_than_five(built_warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_app(built_warehouse, monkeypatch, gemeente="Enschede", periode="juni 2024")
    tiles = {metric.label: (metric.value, metric.delta) for metric in at.metric}
    # 4, 2 and 1 people: hidden, and no change against last month either (a difference would reveal them).
    assert tiles["Mensen op de ladder"] == ("< 5", "")
    assert tiles["Stappen omhoog"] == ("< 5", "")
    assert tiles["Plaatsingen gestart"] == ("< 5", "")


def test_choosing_another_municipality_changes_the_overview(
    demo_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    newest = query(demo_warehouse, "select max(peildatum) from marts.mart_ladder_stand")[0][0]
    expected = {
        code: query(
            demo_warehouse,
            "select sum(personen) from marts.mart_ladder_stand "
            f"where gemeentecode = '{code}' and peildatum = '{newest}'",
        )[0][0]
        for code in ("GM0153", "GM0164")
    }
    at = open_app(demo_warehouse, monkeypatch, gemeente="Enschede")
    assert metrics(at)["Mensen op de ladder"] == dutch(expected["GM0153"])
    at.selectbox(key="gemeente").set_value("Hengelo").run()
    assert metrics(at)["Mensen op de ladder"] == dutch(expected["GM0164"])


def test_a_page_that_arrives_without_the_selection_in_its_address_sends_it_back(
    built_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A sidebar click right after a page loads reaches the server before the browser has bound the filters to the
    URL: the new page arrives without them (seen in Chromium: the sidebar then showed Twente while the figures were
    Enschede's, docs/decisions.md). The filters send their values to the browser, so the sidebar shows them and the
    address carries them again. Without app/filters.py's _bij_paginawissel, the address stays empty."""
    at = open_app(built_warehouse, monkeypatch, gemeente="Enschede", leeftijd="<27")
    at.switch_page("app_pages/ladder.py")
    at.query_params.clear()  # as the browser sent the page switch
    at.run()
    gemeente = at.selectbox(key="gemeente")
    assert gemeente.value == "Enschede" and gemeente.proto.set_value  # sent to the browser, which shows it
    assert dict(at.query_params) == {"gemeente": "Enschede", "leeftijd": "<27"}
    assert at.caption[0].value.startswith("Enschede · ")


def test_ladder_table_follows_the_age_and_doelgroep_filters(
    demo_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    newest = query(demo_warehouse, "select max(peildatum) from marts.mart_ladder_stand")[0][0]
    rows = query(
        demo_warehouse,
        "select trede, sum(personen) from marts.mart_ladder_stand where gemeentecode = 'GM0153' "
        "and doelgroepen & 1 <> 0 "
        f"and leeftijdsklasse = '<27' and peildatum = '{newest}' group by trede order by trede",
    )
    at = open_app(demo_warehouse, monkeypatch, "ladder", gemeente="Enschede")
    at.multiselect(key="doelgroep").set_value(["Bijstand (Participatiewet)"]).run()
    at.selectbox(key="leeftijd").set_value("<27").run()
    shown = at.dataframe[0].value
    names = dict(query(demo_warehouse, "select code, label from marts.mart_labels where lijst = 'trede'"))
    assert list(shown["Trede"]) == [names[str(t)] for t in range(1, 7)]  # every trede, also one nobody is on
    geteld = dict(zip([t for t, _ in rows], shown_group([n for _, n in rows]), strict=True))
    assert list(shown["Mensen"]) == [geteld.get(t, "0") for t in range(1, 7)]


def test_placements_per_soort_are_those_of_the_last_12_months(
    demo_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    newest = query(demo_warehouse, "select max(peildatum) from marts.mart_ladder_stand")[0][0]
    rows = query(
        demo_warehouse,
        "select label, count(*) from marts.mart_plaatsingen inner join marts.mart_labels "
        "on lijst = 'soort_plaatsing' and code = soort where gemeentecode = 'GM0153' "
        f"and begindatum > date '{newest}' - interval 12 month and begindatum <= '{newest}' "
        "group by label order by count(*) desc, label",
    )
    at = open_app(demo_warehouse, monkeypatch, "plaatsingen", gemeente="Enschede", venster="Laatste 12 maanden")
    shown = at.dataframe[0].value
    # Ordered by the published counts, hidden ones last by name: their true order would tell them apart.
    counts = [n for _, n in rows]
    published = [None if s == "< 5" else n for s, n in zip(shown_group(counts), counts, strict=True)]
    expected = sorted(zip(published, [s for s, _ in rows], shown_group(counts), strict=True),
                      key=lambda r: (r[0] is None, -(r[0] or 0), r[1]))  # fmt: skip
    assert list(shown["Soort"]) == [s for _, s, _ in expected]
    assert list(shown["Plaatsingen"]) == [v for _, _, v in expected]


def twente_value(warehouse: Path, teller: str, noemer: str, factor: int, decimals: int) -> str:
    """factor × the sum of one count over the sum of another in the newest month, written the Dutch way."""
    value = query(
        warehouse,
        f"""select {factor} * sum(aantal) filter (where maat = '{teller}')
                / sum(aantal) filter (where maat = '{noemer}')
            from marts.mart_indicator_cellen where maand = (select max(maand) from marts.mart_indicator_cellen)""",
    )[0][0]
    return f"{value:.{decimals}f}".replace(".", ",")


def test_benchmark_shows_the_twente_value_of_the_chosen_indicator(
    demo_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_app(demo_warehouse, monkeypatch, "benchmark", indicator="Bijstand per 10.000 inwoners van 18+")
    assert at.metric[0].value == twente_value(demo_warehouse, "bijstand_bestand", "inwoners_18_plus", 10_000, 1)
    at.selectbox(key="indicator").set_value("Wsw per 1.000 inwoners").run()
    assert at.metric[0].value == twente_value(demo_warehouse, "wsw_werknemers", "inwoners", 1_000, 2)
    assert len(at.dataframe[0].value) == 14


def test_wsw_table_counts_employees_per_arbeidsvorm(demo_warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    newest = query(demo_warehouse, "select max(peildatum) from marts.mart_wsw")[0][0]
    rows = query(
        demo_warehouse,
        "select label, sum(personen) from marts.mart_wsw inner join marts.mart_labels on lijst = 'arbeidsvorm' "
        f"and code = arbeidsvorm where gemeentecode = 'GM0153' and peildatum = '{newest}' group by 1 order by 1",
    )
    at = open_app(demo_warehouse, monkeypatch, "wsw", gemeente="Enschede")
    shown = at.dataframe[0].value
    assert list(shown["Arbeidsvorm"]) == [a for a, _ in rows]
    assert list(shown["Werknemers"]) == shown_group([n for _, n in rows])


def test_a_doelgroep_without_client_flow_says_so(demo_warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_app(demo_warehouse, monkeypatch, "plaatsingen", gemeente="Enschede", doelgroep="Wajong")
    # UWV delivers no benefit spells: "niet van toepassing" (app/toepassing.py) instead of an empty flow.
    assert any(info.value.startswith("Niet van toepassing") for info in at.info)


def test_employer_search_and_municipality_filter_the_table(
    demo_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hengelo = query(demo_warehouse, "select count(*) from marts.mart_werkgevers where vestigingsgemeente = 'GM0164'")[
        0
    ][0]
    at = open_app(demo_warehouse, monkeypatch, "werkgevers", gemeente="Hengelo")
    assert len(at.dataframe[0].value) == hengelo
    name = query(
        demo_warehouse,
        "select werkgever from marts.mart_werkgevers where vestigingsgemeente = 'GM0164' "
        "and werkgever <> 'Onbekende werkgever' order by kvk limit 1",
    )[0][0]
    at.text_input(key="werkgever_zoek").set_value(name).run()
    assert set(at.dataframe[0].value["Werkgever"]) == {name}


def test_youth_measures_follow_the_municipality(demo_warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    newest = query(demo_warehouse, "select max(peildatum) from marts.mart_jongeren")[0][0]
    expected = dict(
        query(
            demo_warehouse,
            f"select gemeentecode, sum(jongeren_bijstand) from marts.mart_jongeren where peildatum = '{newest}' "
            "group by 1",
        )
    )
    at = open_app(demo_warehouse, monkeypatch, "jongeren", gemeente="Enschede")
    assert metrics(at)["Jongeren in de bijstand"] == dutch(expected["GM0153"])
    at.selectbox(key="gemeente").set_value("Almelo").run()
    assert metrics(at)["Jongeren in de bijstand"] == dutch(expected["GM0141"])


def test_running_instruments_follow_the_municipality(demo_warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    newest = query(demo_warehouse, "select max(maand) from marts.mart_instrumenten")[0][0]
    rows = query(
        demo_warehouse,
        "select label, sum(lopend) filter (where maand = ?) from marts.mart_instrumenten "
        "inner join marts.mart_labels on lijst = 'instrument' and code = instrument "
        "where gemeentecode = 'GM0164' and maand > ? - interval 12 month and maand <= ? group by instrument, label "
        "order by instrument".replace("?", f"date '{newest}'"),
    )
    at = open_app(demo_warehouse, monkeypatch, "instrumenten", gemeente="Hengelo", venster="Laatste 12 maanden")
    shown = at.dataframe[0].value
    assert list(shown["Instrument"]) == [i for i, _ in rows]
    assert list(shown["Lopend"]) == shown_group([n or 0 for _, n in rows])


def test_presentation_mode_rounds_the_benchmark_counts_to_fives(
    demo_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    enschede = query(
        demo_warehouse,
        "select sum(aantal) from marts.mart_indicator_cellen where maat = 'bijstand_bestand' "
        "and gemeentecode = 'GM0153' and maand = (select max(maand) from marts.mart_indicator_cellen)",
    )[0][0]
    at = open_app(
        demo_warehouse, monkeypatch, "benchmark", presentatie="true", indicator="Bijstand per 10.000 inwoners van 18+"
    )
    shown = at.dataframe[0].value
    teller = dict(zip(shown["Gemeente"], shown["Teller"], strict=True))
    assert teller["Enschede"] == dutch(5 * round(enschede / 5))
    assert all(value == "< 5" or int(value.replace(".", "")) % 5 == 0 for value in teller.values())


def test_a_tile_that_did_not_change_says_so_without_a_sign_or_an_arrow(
    demo_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A count equal to the month before reads "0 t.o.v. een maand eerder", grey and without an arrow: an arrow up
    beside "+0" told a reader it had gone up. A change with a sign keeps its arrow."""
    # The newest month in which a municipality's employees (enough to be shown) were as many as a month before.
    maand, naam = query(
        demo_warehouse,
        "with n as (select gemeentecode, peildatum, sum(personen) as n from marts.mart_wsw group by all) "
        "select date_trunc('month', peildatum)::date, g.naam from n join marts.mart_gemeenten g using (gemeentecode) "
        "window w as (partition by gemeentecode order by peildatum) "
        "qualify n >= 5 and lag(n) over w = n and lag(peildatum) over w = last_day(peildatum - interval 1 month) "
        "order by peildatum desc, gemeentecode limit 1",
    )[0]
    at = open_app(demo_warehouse, monkeypatch, gemeente=naam, periode=maand_label(maand))
    tegels = {metric.label: metric for metric in at.metric}
    wsw = tegels["Wsw-werknemers"]
    assert wsw.delta == "0 t.o.v. een maand eerder"
    assert wsw.proto.direction == wsw.proto.MetricDirection.NONE
    assert wsw.proto.color == wsw.proto.MetricColor.GRAY
    for metric in tegels.values():  # a change with a sign keeps its arrow
        if metric.delta.startswith(("+", "-")):
            omhoog = metric.delta.startswith("+")
            richting = metric.proto.MetricDirection.UP if omhoog else metric.proto.MetricDirection.DOWN
            assert metric.proto.direction == richting, metric.label


def test_the_durable_outflow_tile_gives_the_twelve_months_beside_the_month(
    plausible_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One month's leavers are a few people in a small municipality, whose tile then reads "—" every month; the tile
    gives the 12 months up to that month too (the durable share is known 12 months later: both lie a year back)."""
    monkeypatch.setenv("SEMON_WAREHOUSE", str(plausible_warehouse))
    maand = selectie(plausible_warehouse)

    def waarde(gemeente: str, periode: str) -> indicator.Uitkomst:
        return indicator.uitkomst(
            "duurzame_uitstroom_pct", dataclasses.replace(maand, gemeente=gemeente, periode=periode)
        )

    # A municipality whose month is hidden and whose 12 months are shown: the case this is about.
    gemeente, jaar = next(
        (g, waarde(g, "12m")) for g in GEMEENTEN
        if waarde(g, "maand").twente is None and waarde(g, "12m").twente is not None
    )  # fmt: skip
    naam = query(plausible_warehouse, f"select naam from marts.mart_gemeenten where gemeentecode = '{gemeente}'")[0][0]
    at = open_app(plausible_warehouse, monkeypatch, gemeente=naam)
    assert metrics(at)["Duurzame uitstroom"] == "—"
    regel = f"Over 12 maanden ({jaar.periode_naam}): {opmaak(jaar.indicator, jaar.twente)}"
    assert regel in [c.value for c in at.caption]
    at = open_app(plausible_warehouse, monkeypatch, gemeente=naam, venster="Laatste 12 maanden")
    assert not [c.value for c in at.caption if c.value.startswith("Over 12 maanden")]  # the tile itself is 12 months


def test_the_flow_tiles_give_the_year_so_far_beside_the_month(
    plausible_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A month's steps up and placements are often "< 5" or 0 in a small municipality: both tiles give the year so
    far, whose figures are the query layer's for the running year (and the council report's rows say the same)."""
    monkeypatch.setenv("SEMON_WAREHOUSE", str(plausible_warehouse))
    f = dataclasses.replace(selectie(plausible_warehouse), gemeente="GM0183", gemeente_naam="Tubbergen")
    jaar = {
        code: indicator.uitkomst(code, dataclasses.replace(f, periode="lopend_jaar"))
        for code in ("stappen_omhoog", "plaatsingen")
    }
    verwacht = {code: f"Dit jaar tot nu ({u.periode_naam}): {tekst(u)}" for code, u in jaar.items()}
    at = open_app(plausible_warehouse, monkeypatch, gemeente="Tubbergen")
    bijschriften = [c.value for c in at.caption]
    assert verwacht["stappen_omhoog"] in bijschriften and verwacht["plaatsingen"] in bijschriften
    rijen = [r[:2] for r in rapport._kerncijfers(f)[0]]
    assert [
        f"Plaatsingen gestart dit jaar tot nu ({jaar['plaatsingen'].periode_naam})",
        verwacht["plaatsingen"].split(": ")[1],
    ] in rijen
