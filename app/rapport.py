"""Raadsrapportage: one municipality and one month as a PDF for the council (issue 14), from the same queries as the
screen, so the same figures under the same disclosure control (cell key, "< 5").

`inhoud(gemeente, maand)` gathers what the report says, as Dutch strings, through the query layer only (the tiles'
`app.tegels`, the goals of `queries.doelen` with `app.prognose`, the ladder, placements, pacts and SROI, the benchmark
per municipality, the notes of `semon.notities`, the definitions of seed `indicatoren`); `pdf(...)` sets it with
Typst (`app/rapport.typ`, the layout; the data goes in as JSON, so no text is ever read as markup) and draws the
charts with plotly's static export (kaleido on Debian's chromium). Who asks is fixed with `app.toegang.als`: the app
passes its viewer, `semon rapport` the role gemeente of the chosen municipality (docs/decisions.md).

The app layer: the Overzicht's button needs it, and the app may not import a layer above its own; `cli` imports this
module, and only this one, of the app (tests/unit/test_layers.py).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import getpass
import json
import logging
import sqlite3
from importlib import resources
from pathlib import Path

import plotly.graph_objects as go
import polars as pl

from app import afbeelding, charts, prognose, queries, toegang
from app import sroi as sroi_tekst
from app.formatting import datum_lang, euro, getal, maand, procent, tijdstip
from app.privacy import drempel
from app.privacy import label as verborgen
from app.selectie import Filters, maand_label, plus_maanden
from app.tegels import opmaak, tekst, verandering
from app.woorden import VERSTORING
from semon import auditlog, notities, settings

log = logging.getLogger("semon.rapport")
TITEL = "Raadsrapportage sociale economie"
# The Overzicht's tiles, in its order and with its titles (tests/app/test_rapport.py compares them number by number).
KERNCIJFERS = ("ladder_personen", "aandeel_trede_4_6", "stappen_omhoog", "stappen_omhoog_per_100", "plaatsingen",
               "duurzame_uitstroom_pct", "wsw_werknemers", "wsw_wachtlijst")  # fmt: skip
TITELS = {"stappen_omhoog": "Stappen omhoog ({periode})", "plaatsingen": "Plaatsingen gestart ({periode})",
          "wsw_werknemers": "Wsw-werknemers"}  # fmt: skip
ZONDER_VERANDERING = {"duurzame_uitstroom_pct", "aandeel_trede_4_6", "stappen_omhoog_per_100", "wsw_wachtlijst"}
BENCHMARK = ("aandeel_trede_4_6", "stappen_omhoog_per_100", "bijstand_per_10000_18plus", "uitstroom_werk_pct",
             "duurzame_uitstroom_pct", "plaatsingen_per_10000", "wsw_per_1000", "pact_realisatie_pct")  # fmt: skip


DIT_JAAR = {"stappen_omhoog": "Stappen omhoog", "plaatsingen": "Plaatsingen gestart"}  # a flow's year so far too


class RapportFout(Exception):
    """The report cannot be made for this choice (unknown municipality or month); the message is for the user."""


def selectie(gemeente: str, maand_: dt.date) -> Filters:
    """The report's selection: the whole municipality (every doelgroep, age and gender), one month."""
    gemeenten = queries.gemeenten()
    rij = gemeenten.filter(pl.col("gemeentecode") == gemeente)
    if rij.is_empty():
        raise RapportFout(f"Onbekende gemeente {gemeente!r}: kies een code als GM0153 (Enschede).")
    maanden = queries.maanden()["maand"]
    maand_ = maand_.replace(day=1)
    if maand_ not in maanden.to_list():
        raise RapportFout(
            f"Geen gegevens voor {maand_label(maand_)}: de monitor loopt van {maand_label(maanden.min())} "
            f"t/m {maand_label(maanden.max())}."
        )
    return Filters(
        gemeente=gemeente,
        gemeente_naam=rij["naam"].item(),
        doelgroepen=(),
        doelgroep_naam="Alle doelgroepen",
        maand=maand_,
        leeftijdsklasse=None,
        geslacht=None,
        periode="maand",
        laatste_maand=maanden.max(),
    )


def _telling(waarde: int | None) -> str:
    return verborgen() if waarde is None else getal(waarde)


def _titel(indicator: str, ind: dict, periode: str) -> str:
    return TITELS.get(indicator, ind["naam"]).format(periode=periode)


def _twente(indicator: str, f: Filters) -> str:
    """The Twente value as the benchmark publishes it (every role may see it; Twente's detail is not for gemeente)."""
    u = queries.indicator.uitkomst(indicator, f, per_gemeente=True)
    return opmaak(u.indicator, u.twente) if u.bekend else "—"


def _kerncijfers(f: Filters) -> tuple[list[list[str]], list[str]]:
    rijen, noten = [], []
    for indicator in KERNCIJFERS:
        uitkomst = queries.indicator.uitkomst(indicator, f)
        ind = uitkomst.indicator
        delta = None if indicator in ZONDER_VERANDERING else verandering(uitkomst, f)
        twente = _twente(indicator, f)
        naam = _titel(indicator, ind, f.periode_naam)
        if uitkomst.periode_naam and uitkomst.periode_naam != f.periode_naam:
            naam += f" ({uitkomst.periode_naam})"
        rijen.append([naam, tekst(uitkomst), delta or "—", twente])
        if indicator in DIT_JAAR and f.periode == "maand":  # the Overzicht shows the year so far beside the month
            jaar = queries.indicator.uitkomst(indicator, dataclasses.replace(f, periode="lopend_jaar"))
            twente_jaar = _twente(indicator, dataclasses.replace(f, periode="lopend_jaar"))
            naam_jaar = f"{DIT_JAAR[indicator]} dit jaar tot nu ({jaar.periode_naam})"
            rijen.append([naam_jaar, tekst(jaar), "—", twente_jaar])
        if indicator == "duurzame_uitstroom_pct" and f.periode == "maand":  # and the 12 months beside the month
            twaalf = dataclasses.replace(f, periode="12m")
            jaar = queries.indicator.uitkomst(indicator, twaalf)
            if jaar.bekend:
                naam_12 = f"Duurzame uitstroom over 12 maanden ({jaar.periode_naam})"
                rijen.append([naam_12, tekst(jaar), "—", _twente(indicator, twaalf)])
        noten += [f"{ind['naam']}: {n}" for n in uitkomst.noten if n not in noten]
    return rijen, noten


def _doelen(f: Filters) -> tuple[list[list[str]], list[str]]:
    stand = queries.doelen.stand(f.gemeente, f.peildatum)
    if stand.is_empty():
        return [], []
    namen = dict(queries.labels("strategisch_doel").select("code", "label").iter_rows())
    prognoses = {
        (laatste["strategisch_doel"], laatste["variant"]): p
        for laatste, p in prognose.doelen(queries.prognose.doelen_reeks(f.gemeente, f.peildatum))
    }
    rijen, noten = [], []
    for rij in stand.iter_rows(named=True):
        p = prognoses.get((rij["strategisch_doel"], rij["variant"]))
        voorspeld = "—"
        if p is not None:
            voorspeld = (
                f"{getal(prognose.afgerond(p.verwacht[0]))} ({getal(prognose.afgerond(p.onder[0]))} – "
                f"{getal(prognose.afgerond(p.boven[0]))})"
            )
        rijen.append(
            [
                f"{rij['strategisch_doel']} {rij['variant'].lower()}",
                f"{namen.get(rij['strategisch_doel'], rij['strategisch_doel'])}: {rij['doel_omschrijving']}",
                f"{_telling(rij['gerealiseerd'])} ({procent(rij['realisatie_pct'])})",
                getal(rij["doel"]),
                getal(rij["verwacht"]),
                voorspeld,
                "—" if p is None or p.fout_pct is None else procent(p.fout_pct, 1),
            ]
        )
    eerste = stand.row(0, named=True)
    noten.append(
        f"Beleidsperiode {datum_lang(eerste['periode_begin'])} t/m {datum_lang(eerste['periode_einde'])}; "
        f"{procent(eerste['verstreken_pct'])} verstreken. Nu verwacht = het doel bij gelijkmatig tempo. Prognose = "
        "waar het huidige tempo (gemiddelde maandtoename van de laatste 12 maanden) op het eind van de periode "
        "uitkomt, "
        "met de marge waarbinnen vier op de vijf uitkomsten vallen, afgerond op 5; de fout in de terugtoets is die "
        "van dezelfde methode een jaar eerder."
    )
    if eerste["periode_verschoven"]:
        noten.append(
            f"Het plan gold {eerste['beleidsperiode_begin'].year}–{eerste['beleidsperiode_einde'].year}; even lang op "
            "de gemeten periode gelegd."
        )
    return rijen, noten


def _trede_namen() -> dict[int, str]:
    labels = queries.labels("trede")
    return {int(code): label for code, label in zip(labels["code"], labels["label"], strict=True)}


def _ladder(f: Filters, treden: dict[int, str]) -> tuple[pl.DataFrame, list[list[str]]]:
    stand = queries.ladder.stand(f)
    nu = queries.ladder.op_peildatum(stand, f.peildatum)
    rijen = [
        [treden.get(int(r["trede"]), str(r["trede"])), _telling(r["personen"]), procent(r["aandeel_pct"])]
        for r in nu.iter_rows(named=True)
    ]
    return stand, rijen


def _overgangen(f: Filters, treden: dict[int, str]) -> tuple[str, list[str], list[list[str]]]:
    """The transitions of the three months up to the chosen one, as the ladder page shows them by default."""
    van, tot = plus_maanden(f.begin, -3), f.eind
    van_eind = plus_maanden(van, 1) - dt.timedelta(days=1)
    frame = queries.ladder.overgangen(f, van_eind, f.peildatum)
    koppen = ["Van \\ naar", *[str(t) for t in sorted(treden)]]
    if frame.is_empty():
        return f"{maand_label(van)} – {maand_label(tot)}", koppen, []
    cellen = {(int(r["trede_van"]), int(r["trede_tot"])): r["personen"] for r in frame.iter_rows(named=True)}
    rijen = []
    for van_trede in sorted(treden):
        rij = [treden[van_trede]]
        for naar in sorted(treden):
            rij.append(_telling(cellen[(van_trede, naar)]) if (van_trede, naar) in cellen else "0")
        rijen.append(rij)
    return f"{maand_label(van)} – {maand_label(tot)}", koppen, rijen


def _plaatsingen(f: Filters) -> tuple[list[list[str]], str, list[list[str]]]:
    jaar = dataclasses.replace(f, periode="12m")
    rijen = []
    for indicator, g in (("plaatsingen", f), ("plaatsingen", jaar), ("duurzame_uitstroom_pct", f)):
        u = queries.indicator.uitkomst(indicator, g)
        rijen.append([u.indicator["naam"], tekst(u), u.periode_naam or "—"])
    per_soort = queries.stroom.plaatsingen_per(jaar, "soort")
    labels = dict(queries.labels("soort_plaatsing").select("code", "label").iter_rows())
    soort_rijen = [
        [labels.get(r["soort"], r["soort"] or "—"), _telling(r["plaatsingen"])] for r in per_soort.iter_rows(named=True)
    ]
    return rijen, jaar.periode_naam, soort_rijen


def _duurzaamheid(f: Filters) -> tuple[str, list[list[str]], str]:
    """The six newest start months with a share, or quarters where the months hide what the quarters show (the page's
    rule, `duurzaamheid_zonder_aandeel`): a small municipality's report otherwise had no durability at all, or only
    its worst months. Returns the grain, the rows and the note under them."""
    per_maand, per_kwartaal, kwartaal_beter = queries.stroom.duurzaamheid_zonder_aandeel(f)
    per = "kwartaal" if kwartaal_beter else "maand"
    duurzaam = queries.stroom.duurzaamheid(f, per).sort("maand", descending=True)
    rijen = []
    for r in duurzaam.iter_rows(named=True):
        if r["duurzaam_6m_pct"] is None and r["duurzaam_12m_pct"] is None:
            continue
        periode = r["kwartaal"] if per == "kwartaal" else maand(r["maand"])
        rijen.append(
            [periode, _telling(r["plaatsingen"]), procent(r["duurzaam_6m_pct"]), procent(r["duurzaam_12m_pct"])]
        )
        if len(rijen) == 6:
            break
    noot = queries.stroom.duurzaamheid_verborgen(per)
    if kwartaal_beter:
        noot = (
            f"Per kwartaal: per maand is {procent(100 * per_maand, 0)} van de startmaanden te klein om te tonen, per "
            f"kwartaal {procent(100 * per_kwartaal, 0)}. {noot}"
        )
    return per, rijen, noot


def _pacten(f: Filters) -> list[list[str]]:
    pacten = queries.werkgevers.pacten(f.gemeente, f.eind)
    namen = dict(queries.labels("pact").select("code", "label").iter_rows())
    pact_rijen = [
        [
            namen.get(r["pact"], r["pact"]),
            getal(r["leden"]),
            getal(r["toezegging_plekken"]),
            _telling(r["gerealiseerd"]),
            procent(r["realisatie_pct"]),
        ]
        for r in pacten.iter_rows(named=True)
    ]
    return pact_rijen


def _sroi(f: Filters) -> tuple[list[list[str]], list[list[str]], str]:
    """One row per contract; the contracts together (and those without an amount of their own) as on the page, as a
    table of their own; and the page's note on them."""
    sroi = queries.werkgevers.sroi_contracten(f.gemeente)
    sroi_rijen = []
    for r in sroi.iter_rows(named=True):
        stand = {
            "lopend": f"lopend, {procent(r['verstreken_pct'])} verstreken: {sroi_tekst.contract_oordeel(r)}",
            "afgerond": f"afgerond: {sroi_tekst.contract_oordeel(r)}",
        }.get(r["status"], r["status"])  # nog niet begonnen
        sroi_rijen.append(
            [
                f"{r['contract_id']} {r['omschrijving'] or ''}".strip(),
                r["werkgever"] or "—",
                euro(r["verplichting_eur"]),
                f"{euro(r['gerealiseerd_eur'])} ({procent(r['realisatie_pct'])})",
                stand,
            ]
        )
    if not sroi_rijen:
        return [], [], ""
    alle, klein = queries.werkgevers.sroi_samen(f.gemeente).iter_rows(named=True)
    groepen = [(f"Alle ({sroi_tekst.contracten(alle['contracten'])})", alle)]
    if 0 < klein["contracten"] < alle["contracten"]:
        groepen.append((f"Zonder eigen bedrag ({sroi_tekst.contracten(klein['contracten'])})", klein))
    samen = [
        [naam, euro(g["verplichting_eur"]), euro(g["gerealiseerd_eur"]), sroi_tekst.stand(g)] for naam, g in groepen
    ]
    return sroi_rijen, samen, sroi_tekst.bijschrift(alle, klein, drempel())


def richting(ind: dict) -> str:
    """The rank's direction in words, as the benchmark page says it."""
    oordeel = {True: "hoger is beter", False: "lager is beter"}.get(ind["hoger_is_beter"], "geen oordeel")
    return f"1 = {'laagste' if ind['hoger_is_beter'] is False else 'hoogste'} ({oordeel})"


def _benchmark(f: Filters) -> tuple[list[list[str]], pl.DataFrame | None, dict | None]:
    """The municipality among the 14 on the benchmark's indicators. For a month a flow is compared over the newest 12
    months (the row names them): one month's flow is a few people in most municipalities, so most rows read "—" (at
    Twente's size uitstroom naar werk in one month has a value for 4 of the 14). A stand stays at the month."""
    rijen, eerste = [], None
    jaar = dataclasses.replace(f, periode="12m") if f.periode == "maand" else f
    for indicator in BENCHMARK:
        stand = queries.indicator.definitie(indicator)["teller_soort"] == "stand"
        u = queries.indicator.uitkomst(indicator, f if stand else jaar, per_gemeente=True)
        ind = u.indicator
        if not u.bekend or u.waarden.is_empty():
            rijen.append([ind["naam"], "—", "—", "—", richting(ind)])
            continue
        frame = u.waarden.with_columns(
            pl.col("waarde").rank("min", descending=ind["hoger_is_beter"] is not False).cast(pl.Int32).alias("rang")
        )
        eigen = frame.filter(pl.col("gemeentecode") == f.gemeente)
        waarde = eigen["waarde"].item() if eigen.height else None
        rang = eigen["rang"].item() if eigen.height else None
        # Among the municipalities with a value: a rank "of 14" with most of them hidden would claim a place it has not.
        met_waarde = frame["waarde"].drop_nulls().len()
        rijen.append(
            [
                ind["naam"] + (f" ({u.periode_naam})" if u.periode_naam != f.periode_naam else ""),
                opmaak(ind, waarde),
                opmaak(ind, u.twente),
                "—" if rang is None else f"{rang} van {met_waarde}",
                richting(ind),
            ]
        )
        if eerste is None:
            eerste = (frame, ind, u.twente)
    return rijen, eerste


def _benchmark_onderschrift(bench: tuple[pl.DataFrame, dict, object]) -> str:
    """The benchmark chart's caption; it names the municipalities the chart leaves out (the page shows them as —)."""
    frame, ind, _ = bench
    zonder = frame.filter(pl.col("waarde").is_null()).sort("naam")["naam"].to_list()
    weg = f"; niet getoond (te weinig mensen): {', '.join(zonder)}" if zonder else ""
    return f"{ind['naam']} per gemeente; de stippellijn is Twente{weg}"


def _notities(f: Filters) -> tuple[list[list[str]], str]:
    namen = dict(queries.indicatoren().select("indicator", "naam").iter_rows())
    van = plus_maanden(f.maand, -11)
    try:
        lijst = notities.lees(gemeenten=[f.gemeente], van=van, tot=f.maand)
    except (OSError, sqlite3.Error) as fout:
        log.warning("notities onleesbaar (%s): %s", notities.pad(), fout)
        return [], "De notities konden niet gelezen worden."
    rijen = [[maand(n.maand), namen.get(n.indicator, n.indicator), n.tekst, datum_lang(n.gemaakt)] for n in lijst]
    return rijen, f"Geen notities voor {f.gemeente_naam} van {maand_label(van)} t/m {maand_label(f.maand)}."


def _opgemaakt(figuur: go.Figure, eenheid: str) -> go.Figure:
    """A chart in the report's style: Dutch separators and axis units, a plain white background."""
    figuur.update_layout(
        separators=",.", margin={"l": 10, "r": 10, "t": 30, "b": 10}, legend_title_text="", template="plotly_white"
    )
    charts.nederlands(figuur, eenheid)
    return figuur


def _grafieken(stand: pl.DataFrame, treden: dict[int, str], bench: tuple | None, f: Filters) -> tuple[dict, dict]:
    bestanden, fouten = {}, {}
    figuren, eenheden = {}, {}
    if not stand.is_empty():
        figuren["ladder"] = charts.trede_verloop(stand, procent=False, namen=treden)
    if bench is not None:
        frame, ind, twente = bench
        eenheden["benchmark"] = " %" if ind["eenheid"].startswith("%") else ""
        frame = frame.filter(pl.col("waarde").is_not_null()).sort("waarde")
        kleuren = ["#1f3a5f" if c == f.gemeente else "#9db4cf" for c in frame["gemeentecode"]]
        figuur = go.Figure(
            go.Bar(x=frame["waarde"].to_list(), y=frame["naam"].to_list(), orientation="h", marker_color=kleuren)
        )
        if twente is not None:
            figuur.add_vline(x=twente, line_dash="dash", line_color="#A03F00", annotation_text="Twente")
        figuren["benchmark"] = figuur
    hoogte = {"ladder": 340, "benchmark": 420}
    opdracht = [
        (_opgemaakt(figuur, eenheden.get(naam, "")), {"format": "svg", "width": 900, "height": hoogte[naam]})
        for naam, figuur in figuren.items()
    ]
    try:
        bestanden = dict(zip(figuren, afbeelding.tekenen(opdracht), strict=True))
    except Exception as fout:  # no browser, a crashed export: the report without its charts, said in it
        log.warning("grafieken %s niet gemaakt: %s", ", ".join(figuren), fout)
        fouten = {
            naam: "Deze grafiek kon niet gemaakt worden (geen browser voor de export); de cijfers staan in de tabel."
            for naam in figuren
        }
    return bestanden, fouten


def inhoud(gemeente: str, maand_: dt.date) -> tuple[dict, dict[str, bytes]]:
    """What the report says (strings, ready for Typst) and its chart images."""
    f = selectie(gemeente, maand_)
    treden = _trede_namen()
    actualiteit = queries.actualiteit()
    datadatum = actualiteit["laatste_peildatum"].max()
    kerncijfers, kern_noten = _kerncijfers(f)
    doelen, doel_noten = _doelen(f)
    stand, ladder = _ladder(f, treden)
    overgangen_periode, overgangen_koppen, overgangen = _overgangen(f, treden)
    plaatsingen, plaatsingen_periode, soorten = _plaatsingen(f)
    duurzaam_per, duurzaamheid, duurzaamheid_noot = _duurzaamheid(f)
    pacten = _pacten(f)
    sroi, sroi_samen, sroi_noot = _sroi(f)
    benchmark, bench = _benchmark(f)
    notitie_rijen, geen_notities = _notities(f)
    bestanden, fouten = _grafieken(stand, treden, bench, f)
    kijker = toegang.huidig()
    data = {
        "titel": TITEL,
        "gemeente": f.gemeente_naam,
        "periode": f.periode_naam,
        "datadatum": f"{datum_lang(datadatum)} (nieuwste extract) · cijfers t/m {maand_label(f.laatste_maand)}",
        "onderschrift": (
            f"{f.gemeente_naam}, alle doelgroepen, {f.periode_naam}; standen op {datum_lang(f.peildatum)}. Gemaakt "
            f"{tijdstip(dt.datetime.now())} door de Sociale Economie Monitor Twente met de rol {kijker.rol} "
            f"({'eigen cijfers, de andere gemeenten als totalen' if kijker.rol == 'gemeente' else 'alle cijfers'}). "
            f"Dezelfde cijfers als op het scherm: {VERSTORING} Aantallen onder {drempel()} staan als “{verborgen()}”."
        ),
        "kerncijfers": kerncijfers,
        "kerncijfer_noten": kern_noten,
        "doelen": doelen,
        "doel_noten": doel_noten,
        "geen_doelen": f"Voor {f.gemeente_naam} zijn geen strategische doelen vastgelegd.",
        "ladder": ladder,
        "overgangen_periode": overgangen_periode,
        "overgangen_koppen": overgangen_koppen,
        "overgangen": overgangen,
        "plaatsingen": plaatsingen,
        "plaatsingen_periode": plaatsingen_periode,
        "soorten": soorten,
        "duurzaamheid_per": duurzaam_per,
        "duurzaamheid": duurzaamheid,
        "duurzaamheid_noot": duurzaamheid_noot,
        "pacten": pacten,
        "pacten_leden": f"Leden in {f.gemeente_naam}",  # the pact's members established there, not all of them
        "sroi": sroi,
        "sroi_samen": sroi_samen,
        "sroi_noot": sroi_noot,
        "benchmark": benchmark,
        "benchmark_uitleg": (
            f"{f.gemeente_naam} tussen de 14 Twentse gemeenten, {f.periode_naam}"
            f"{' (een stroom over de 12 maanden tot en met die maand)' if f.periode == 'maand' else ''}"
            ", alle doelgroepen. Twente = alle "
            "gemeenten samen (Σ teller / Σ noemer). De rang loopt zoals de richting zegt, onder de gemeenten met een "
            "waarde."
        ),
        "benchmark_grafiek": "" if bench is None else _benchmark_onderschrift(bench),
        "notities": notitie_rijen,
        "geen_notities": geen_notities,
        "verborgen": f"“{verborgen()}”",
        "definities": [
            [r["naam"], r["omschrijving"] or "", r["bron"] or ""] for r in queries.indicatoren().iter_rows(named=True)
        ],
        "bronnen": [[r["bron"], datum_lang(r["laatste_peildatum"])] for r in actualiteit.iter_rows(named=True)],
        "privacy": (
            f"{VERSTORING} Een aantal onder {drempel()} staat als “{verborgen()}”, een aandeel dat op zo’n aantal rust "
            "(of op niemand of iedereen van een groep mensen) als “—”. Prognoses zijn afgerond op 5. De definities "
            "staan ook in docs/definitions.md van de monitor; notities zijn van de gebruikers zelf (met de datum "
            "waarop ze geschreven zijn)."
        ),
        "grafieken": {naam: f"{naam}.svg" for naam in bestanden},
        "grafiek_fouten": fouten,
    }
    return data, {f"{naam}.svg": svg for naam, svg in bestanden.items()}


def zetten(data: dict, afbeeldingen: dict[str, bytes]) -> bytes:
    """The PDF: Typst's compiler on the layout with the data and the images as files of its own."""
    import typst

    layout = resources.files("app").joinpath("rapport.typ").read_bytes()
    bestanden = {"main.typ": layout, "data.json": json.dumps(data, ensure_ascii=False).encode(), **afbeeldingen}
    return typst.compile(bestanden, format="pdf")


def pdf(gemeente: str, maand_: dt.date, *, kijker: toegang.Toegang | None = None) -> bytes:
    """The report as PDF bytes, made as `kijker` (the app's viewer; default: whoever asks now)."""
    with toegang.als(kijker or toegang.huidig()):
        data, afbeeldingen = inhoud(gemeente, maand_)
        return zetten(data, afbeeldingen)


def bestandsnaam(gemeente_naam: str, maand_: dt.date) -> str:
    return f"raadsrapportage-{gemeente_naam.lower().replace(' ', '-')}-{maand_:%Y-%m}.pdf"


def vanaf_opdrachtregel(gemeente: str, maand_: dt.date | None, uit: Path | None) -> Path:
    """`semon rapport`: the report as role gemeente of `gemeente` (what that municipality's users see), written to
    `uit` (default: the file name in the current folder) and audited as an export by the operator."""
    gebruiker = f"cli:{getpass.getuser()}"
    kijker = toegang.Toegang(gebruiker, "gemeente", gemeente, demo=False)
    with toegang.als(kijker):
        maand_ = maand_ or queries.maanden()["maand"].max()
        f = selectie(gemeente, maand_)
        inhoud_pdf = zetten(*inhoud(gemeente, f.maand))
    doel = uit or Path(bestandsnaam(f.gemeente_naam, f.maand))
    doel.parent.mkdir(parents=True, exist_ok=True)
    doel.write_bytes(inhoud_pdf)
    auditlog.schrijf(
        settings.audit_path(),
        {
            "tijd": dt.datetime.now().isoformat(timespec="seconds"),
            "gebruiker": gebruiker,
            "rol": kijker.rol,
            "gemeente": gemeente,
            "actie": "export",
            "filters": {},
            "selectie": {"gemeente": gemeente, "doelgroepen": [], "periode": "maand", "maand": f.maand.isoformat()},
            "bestand": doel.name,
            "soort": "raadsrapportage",
            "via": "semon rapport",
        },
    )
    return doel
