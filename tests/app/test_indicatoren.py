"""One definition per indicator (issue 10): every selection is a sum of the indicator cells, the same on every page.

The expected numbers are counted here from the intermediate layer with SQL of their own, not with the query
layer's code; small cells are shown (SEMON_MIN_CEL=1) so that exact values can be compared.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import shutil
from pathlib import Path

import polars as pl
import pytest

from app import toegang
from app.queries import GeenToegang, indicator, stroom
from app.queries.referentie import maanden
from app.selectie import Filters, maand_label, plus_maanden
from tests.helpers import BITS, metrics, open_app, query, selectie


@pytest.fixture(autouse=True)
def exact(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests check the figures' logic number by number: without the cell key's noise (the protection is
    checked in tests/app/test_privacy_attack.py)."""
    monkeypatch.setenv("SEMON_CELSLEUTEL", "uit")


@pytest.fixture
def demo(demo_warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SEMON_WAREHOUSE", str(demo_warehouse))
    monkeypatch.setenv("SEMON_MIN_CEL", "1")
    return demo_warehouse


def waarde(naam: str, f: Filters) -> float | None:
    return indicator.uitkomst(naam, f).waarden["waarde"][0]


def test_several_doelgroepen_count_each_person_once(demo: Path) -> None:
    f = selectie(demo, doelgroepen=("PW", "WSW", "DOELGROEPREGISTER"))
    # Distinct people in any of the three with a recent ladder score, straight from the memberships.
    expected = query(
        demo,
        f"""select count(distinct members.persoon_id) from intermediate.int_doelgroep_maand as members
            inner join intermediate.int_ladder__stand as stand using (persoon_id, maand)
            where members.doelgroep in ('PW', 'WSW', 'DOELGROEPREGISTER') and members.maand = '{f.maand}'""",
    )[0][0]
    apart = sum(waarde("ladder_personen", dataclasses.replace(f, doelgroepen=(d,), masker=BITS[d])) for d in BITS)
    assert waarde("ladder_personen", f) == expected
    assert expected < apart  # people in two of them would be counted twice by adding the doelgroepen up


def test_jongeren_onder_27_are_the_people_of_age_band_under_27(demo: Path) -> None:
    for naam in ("ladder_personen", "bijstand_bestand", "plaatsingen", "stappen_omhoog"):
        for periode in ("maand", "12m"):
            jong = selectie(demo, doelgroepen=("JONGEREN_U27",), periode=periode)
            leeftijd = selectie(demo, leeftijdsklasse="<27", periode=periode)
            assert waarde(naam, jong) == waarde(naam, leeftijd), (naam, periode)


def test_a_period_sums_its_flows_and_takes_its_stocks_at_the_end(demo: Path) -> None:
    f = selectie(demo, periode="12m")
    months = [plus_maanden(f.maand, -i) for i in range(12)]
    per_month = [waarde("plaatsingen", dataclasses.replace(f, maand=m, periode="maand")) for m in months]
    assert waarde("plaatsingen", f) == sum(per_month)
    started = query(
        demo,
        f"""select count(*) from marts.mart_plaatsingen
            where begindatum between '{months[-1]}' and last_day(date '{f.maand}')""",
    )[0][0]
    assert waarde("plaatsingen", f) == started
    stock = waarde("ladder_personen", dataclasses.replace(f, periode="maand"))
    assert waarde("ladder_personen", f) == stock  # a stock is the one at the end of the period
    year = selectie(demo, periode="lopend_jaar")
    assert indicator.uitkomst("plaatsingen", year).begin == dt.date(year.maand.year, 1, 1)


def test_durable_outflow_shows_the_newest_period_that_is_followed_12_months(
    plausible_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SEMON_WAREHOUSE", str(plausible_warehouse))
    monkeypatch.setenv("SEMON_MIN_CEL", "1")
    demo = plausible_warehouse  # three years: the 12-month follow-up is over for two of them
    f = selectie(demo)
    uitkomst = indicator.uitkomst("duurzame_uitstroom_pct", f)
    assert uitkomst.eind == plus_maanden(maanden()["maand"].max(), -12)
    assert any("12 maanden later" in noot for noot in uitkomst.noten)
    month = uitkomst.eind
    left, stayed = query(
        demo,
        f"""select count(*), count(*) filter (where not herinstroom_12m) from intermediate.int_werkplein__stroom
            where doelgroep = 'PW' and stroom = 'uitstroom' and maand = '{month}'""",
    )[0]
    assert uitkomst.waarden["waarde"][0] == (round(100 * stayed / left, 1) if left else None)


def test_a_filter_the_source_cannot_apply_is_named_not_silently_zero(demo: Path) -> None:
    f = selectie(demo, geslacht="V")
    uitkomst = indicator.uitkomst("wsw_werknemers", f)
    assert uitkomst.noten == ["Filter geslacht niet toegepast: leeftijd en geslacht staan niet in het Wsw-bestand."]
    assert uitkomst.waarden["waarde"][0] == waarde("wsw_werknemers", selectie(demo)) > 0


SELECTIES = [
    {"gemeente": "Enschede"},
    {"gemeente": "Hengelo", "doelgroep": "Bijstand (Participatiewet)", "venster": "Laatste 12 maanden"},
    {"gemeente": "Almelo", "geslacht": "Vrouw", "venster": "Lopend jaar"},
]


@pytest.mark.parametrize("keuze", SELECTIES, ids=lambda k: "-".join(k.values()))
def test_overview_and_benchmark_show_the_same_value(
    plausible_warehouse: Path, monkeypatch: pytest.MonkeyPatch, keuze: dict[str, str]
) -> None:
    monkeypatch.setenv("SEMON_MIN_CEL", "1")
    demo_warehouse = plausible_warehouse  # three years: durable outflow is known there
    overzicht = metrics(open_app(demo_warehouse, monkeypatch, **keuze))
    for naam, tegel in (("Duurzame uitstroom", "Duurzame uitstroom"), ("Aandeel op trede 4-6", None)):
        at = open_app(demo_warehouse, monkeypatch, "benchmark", indicator=naam, **keuze)
        rows = at.dataframe[0].value
        shown = dict(zip(rows["Gemeente"], rows.iloc[:, 3], strict=True))[keuze["gemeente"]]
        if tegel:
            assert overzicht[tegel].removesuffix(" %") == shown, naam
        else:  # the share on treden 4-6 is the caption under the ladder tile
            tile = open_app(demo_warehouse, monkeypatch, **keuze)
            assert f"{shown} % op trede 4-6" in [c.value for c in tile.caption], naam
    # The ladder tile is the ladder page's table added up; the Wsw tile the WSW page's table added up.
    ladder = open_app(demo_warehouse, monkeypatch, "ladder", **keuze).dataframe[0].value
    assert overzicht["Mensen op de ladder"] == _som(ladder["Mensen"])
    if "geslacht" not in keuze and "doelgroep" not in keuze:  # the WSW page applies neither (and says so)
        wsw = open_app(demo_warehouse, monkeypatch, "wsw", **keuze).dataframe[0].value
        assert overzicht["Wsw-werknemers"] == _som(wsw["Werknemers"])


def _som(shown: object) -> str:
    """A column of Dutch-formatted counts added up, written the Dutch way."""
    return f"{sum(int(n.replace('.', '')) for n in shown):,}".replace(",", ".")


FILTERS = {
    "doelgroep": ["Bijstand (Participatiewet)"],
    "leeftijd": "<27",
    "geslacht": "Vrouw",
    "venster": "Laatste 12 maanden",
}
PAGINAS = [
    "overzicht",
    "ladder",
    "plaatsingen",
    "werkgevers",
    "jongeren",
    "wsw",
    "instrumenten",
    "prognoses",
    "benchmark",
]


def _beeld(at: object) -> tuple[object, ...]:
    """What a page shows in figures: its tiles and its tables."""
    return (
        tuple((m.label, m.value) for m in at.metric),
        tuple(frame.value.to_csv() for frame in at.dataframe),
    )


@pytest.mark.parametrize("pagina", PAGINAS)
def test_every_filter_changes_the_figures_or_says_it_does_not_apply(
    demo_warehouse: Path, monkeypatch: pytest.MonkeyPatch, pagina: str
) -> None:
    at = open_app(demo_warehouse, monkeypatch, pagina, gemeente="Enschede")
    zonder = _beeld(at)
    for naam, waarde in FILTERS.items():
        widget = at.multiselect(key=naam) if naam == "doelgroep" else at.selectbox(key=naam)
        widget.set_value(waarde).run()
        regels = [c.value for c in at.caption] + [i.value for i in at.info]
        gezegd = any(
            "niet toegepast" in r or "één doelgroep" in r or "Niet van toepassing" in r or "eind van de periode" in r
            for r in regels
        )
        assert gezegd or _beeld(at) != zonder, f"{pagina}: filter {naam} changes nothing and says nothing"
        widget = at.multiselect(key=naam) if naam == "doelgroep" else at.selectbox(key=naam)
        widget.set_value([] if naam == "doelgroep" else ("Maand" if naam == "venster" else "Alle")).run()


# The answers are kept per published version (app/queries/indicator.py: _bewaard); what they depend on beyond the
# selection must be in the key, and the viewer's access must still be checked on every call.


def test_a_kept_answer_is_still_refused_to_a_municipality_that_may_not_see_it(demo: Path) -> None:
    hengelo = selectie(demo, gemeente="GM0164", gemeente_naam="Hengelo")
    assert indicator.uitkomst("plaatsingen", hengelo).bekend  # as beheer: computed and kept
    assert not indicator.reeks("plaatsingen", hengelo).is_empty()
    enschede = toegang.Toegang("wethouder", "gemeente", "GM0153", demo=False)
    with toegang.als(enschede):
        with pytest.raises(GeenToegang):
            indicator.uitkomst("plaatsingen", hengelo)
        with pytest.raises(GeenToegang):
            indicator.reeks("plaatsingen", hengelo)
        per_gemeente = indicator.uitkomst("plaatsingen", hengelo, per_gemeente=True)  # the benchmark's totals
    assert set(per_gemeente.waarden["gemeentecode"]) >= {"GM0153", "GM0164"}


@pytest.mark.parametrize("functie", ["uitkomst", "reeks"])
def test_a_kept_answer_follows_the_cell_key_and_the_threshold(
    demo: Path, monkeypatch: pytest.MonkeyPatch, functie: str
) -> None:
    f = selectie(demo, periode="12m")
    antwoorden = []
    for celsleutel, minimum in (("uit", "1"), ("aan", "1"), ("aan", "10")):
        monkeypatch.setenv("SEMON_CELSLEUTEL", celsleutel)
        monkeypatch.setenv("SEMON_MIN_CEL", minimum)
        gevraagd = getattr(indicator, functie)("plaatsingen", f, per_gemeente=True)
        vers = getattr(indicator, f"_{functie}")("plaatsingen", f, True)  # computed now, nothing kept
        gevraagd, vers = (x.waarden if functie == "uitkomst" else x for x in (gevraagd, vers))
        assert gevraagd.equals(vers), (celsleutel, minimum)
        antwoorden.append(gevraagd)
    assert not antwoorden[0].equals(antwoorden[1])  # the noise moved some count
    assert not antwoorden[1].equals(antwoorden[2])  # the threshold hid some count


def test_an_answer_computed_while_a_publish_lands_is_not_kept(
    demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A publish changes the file's fingerprint; a rollback can bring the old one back. An answer whose computation
    saw the fingerprint change may mix two versions: it is computed again, and not kept under the old one."""
    live = tmp_path / "semon.duckdb"
    shutil.copy2(demo, live)
    monkeypatch.setenv("SEMON_WAREHOUSE", str(live))
    oud = live.stat().st_mtime_ns
    berekend = []

    def publish_during_the_first(*args: object) -> object:
        berekend.append(args)
        antwoord = echt(*args)
        if len(berekend) == 1:
            os.utime(live, ns=(oud + 10**9, oud + 10**9))  # a publish: another fingerprint
        return antwoord

    echt = indicator._uitkomst
    monkeypatch.setattr(indicator, "_uitkomst", publish_during_the_first)
    f = selectie(demo)
    eerste = indicator.uitkomst("plaatsingen", f)
    assert len(berekend) == 2  # computed again on the new version
    assert indicator.uitkomst("plaatsingen", f).waarden.equals(eerste.waarden)
    assert len(berekend) == 2  # then kept
    os.utime(live, ns=(oud, oud))  # a rollback: the first fingerprint back
    indicator.uitkomst("plaatsingen", f)
    assert len(berekend) == 3  # nothing was kept under it


def test_a_share_of_none_or_all_of_its_people_is_hidden_a_rate_of_none_is_not(
    plausible_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With only the few hidden, a small municipality's month of outflow showed herinstroom at 0 % or durable outflow at
    100 % and little else: the months shown leaned to the extremes (decisions.md, "A share of none or all of its
    people"). A part of none or all of its people now hides the share like a part of a few. A rate is no part of its
    noemer: its true zero (nobody left the bijstand this month) still shows."""
    monkeypatch.setenv("SEMON_WAREHOUSE", str(plausible_warehouse))
    monkeypatch.setenv("SEMON_MIN_CEL", "1")  # the true counts
    f = selectie(plausible_warehouse, periode="maand")
    delen = ["uitstroom_werk_pct", "herinstroom_6m_pct", "duurzame_uitstroom_pct", "aandeel_trede_4_6"]
    waar = {naam: indicator.reeks(naam, f, per_gemeente=True) for naam in [*delen, "uitstroom_pct"]}
    monkeypatch.setenv("SEMON_MIN_CEL", "5")  # as in production
    monkeypatch.setenv("SEMON_CELSLEUTEL", "aan")
    getoond = {naam: indicator.reeks(naam, f, per_gemeente=True) for naam in waar}

    def rijen(naam: str, conditie: pl.Expr) -> pl.DataFrame:
        gekozen = waar[naam].filter(conditie).select("maand", "gemeentecode")
        return gekozen.join(getoond[naam], on=["maand", "gemeentecode"], how="left")

    geen_of_alle = 0
    for naam in delen:
        extreem = rijen(
            naam, (pl.col("noemer") >= 5) & ((pl.col("teller") == 0) | (pl.col("teller") == pl.col("noemer")))
        )
        assert extreem["waarde"].null_count() == extreem.height, naam
        geen_of_alle += extreem.height
    assert geen_of_alle >= 20  # so the check above checked something
    nul = rijen("uitstroom_pct", (pl.col("noemer") >= 10) & (pl.col("teller") == 0))  # noise keeps 10 above 5
    assert nul.height >= 20 and nul["waarde"].to_list() == [0.0] * nul.height


def test_the_client_flows_durable_share_of_none_or_all_is_hidden_too(
    plausible_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Rijssen-Holten's client flow showed one month with a durable share, 100 % (6 out, none back), every other
    # month hidden. The flow's share is the indicator's duurzame_uitstroom_pct, month by month: the same rule.
    monkeypatch.setenv("SEMON_WAREHOUSE", str(plausible_warehouse))
    monkeypatch.setenv("SEMON_MIN_CEL", "1")
    basis = selectie(plausible_warehouse)
    per_gemeente = [dataclasses.replace(basis, gemeente=g) for g in indicator.gemeenten()["gemeentecode"]]
    waar = [stroom.klantstroom(f) for f in per_gemeente]
    monkeypatch.setenv("SEMON_MIN_CEL", "5")
    monkeypatch.setenv("SEMON_CELSLEUTEL", "aan")
    extreem, getoond = 0, 0
    for f, wel in zip(per_gemeente, waar, strict=True):
        shown = stroom.klantstroom(f).select("maand", "duurzame_uitstroom_pct")
        paar = wel.select("maand", "uitstroom", "duurzame_uitstroom_pct").join(shown, on="maand", suffix="_getoond")
        geen_of_alle = paar.filter((pl.col("uitstroom") >= 5) & pl.col("duurzame_uitstroom_pct").is_in([0.0, 100.0]))
        assert geen_of_alle["duurzame_uitstroom_pct_getoond"].null_count() == geen_of_alle.height, f.gemeente
        extreem += geen_of_alle.height
        getoond += paar["duurzame_uitstroom_pct_getoond"].drop_nulls().len()
    assert extreem >= 5 and getoond >= 20


def test_an_indicator_whose_extract_is_not_delivered_yet_shows_its_last_delivered_month_and_says_so(
    lagging_warehouse: Path, exact: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The monitor's newest month is that of the newest delivery of any source; the WSW employees' and the ladder's
    file of that month are not in yet. Their indicators show the month before, with a note, not a Wsw of 0 people or a
    month without steps; the rest show the newest month, and a year to date stays in its year."""
    monkeypatch.setenv("SEMON_WAREHOUSE", str(lagging_warehouse))
    newest = maanden()["maand"].max()
    before = plus_maanden(newest, -1)
    f, f_before = selectie(lagging_warehouse), selectie(lagging_warehouse, maand=before)
    for naam, bron in (("wsw_werknemers", "WSW"), ("ladder_personen", "Werkplein"), ("stappen_omhoog", "Werkplein")):
        nu, toen = indicator.uitkomst(naam, f), indicator.uitkomst(naam, f_before)
        assert (nu.begin, nu.eind, nu.twente) == (before, before, toen.twente), naam
        assert nu.noten == [
            f"De {bron}-gegevens over {maand_label(newest)} zijn nog niet geleverd: getoond is {maand_label(before)}."
        ]
        assert indicator.reeks(naam, f)["maand"].max() == before
    assert indicator.uitkomst("wsw_werknemers", f).twente > 0  # the month shown has its people
    bijstand = indicator.uitkomst("bijstand_bestand", f)  # the clients are delivered: the newest month
    assert (bijstand.eind, bijstand.noten) == (newest, [])
    jaar = indicator.uitkomst("stappen_omhoog", dataclasses.replace(f, periode="lopend_jaar"))
    assert (jaar.begin, jaar.eind) == (dt.date(before.year, 1, 1), before)  # not the months before it
