"""Would a wethouder quote it? Every headline figure on three years of demo data against a real-world range.

Each range names its source (domain.md, "Published dynamics"); where no published figure exists the range is a
sanity bound and says so. The demo is a fifth of Twente (`PLAUSIBLE_SCALE`): counts per inhabitant and goal
progress are scaled back to full size, shares and rates are not. Indicator values come from the query layer,
so they are the numbers the pages show.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.queries import indicator
from app.queries.referentie import maanden
from app.selectie import Filters
from tests.helpers import PLAUSIBLE_SCALE, query

# indicator: (low, high, per inhabitant (scaled), source)
RANGES = {
    "uitstroom_pct": (18, 32, False, "Divosa Benchmark: 26 % (2022), 23,4 % (2023) of the caseload a year"),
    "herinstroom_6m_pct": (10, 20, False, "Divosa-monitor 2014: about 15 % back within 6 months"),
    "duurzame_uitstroom_pct": (70, 85, False, "Divosa-monitor 2014: 22 % back within a year"),
    "uitstroom_werk_pct": (20, 60, False, "sanity bound: work is one reason among several"),
    "aandeel_trede_4_6": (10, 40, False, "Enschede 2010 (seed 002): 22,7 % on treden 4-6"),
    "bijstand_per_10000_18plus": (150, 600, True, "sanity bound around Twente's density of the seeds"),
    "wsw_per_1000": (2, 8, True, "Wsw-statistiek: about 3,250 in Twente in 2016 (5 per 1,000), shrinking"),
    "vsv_pct": (0.5, 3, True, "RMC: Twente 1,49 % a school year (2016-17)"),
    "pact_realisatie_pct": (10, 100, False, "sanity bound: a commitment can be filled, not overfilled"),
}


@pytest.fixture
def twente(plausible_warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> Filters:
    monkeypatch.setenv("SEMON_WAREHOUSE", str(plausible_warehouse))
    monkeypatch.setenv("SEMON_MIN_CEL", "1")
    newest = maanden()["maand"].max()
    return Filters(
        gemeente=None,
        gemeente_naam="Twente",
        doelgroepen=(),
        doelgroep_naam="Alle doelgroepen",
        maand=newest,
        leeftijdsklasse=None,
        geslacht=None,
        periode="12m",
        laatste_maand=newest,
    )


@pytest.mark.parametrize("naam", list(RANGES))
def test_headline_indicator_lies_in_its_real_world_range(twente: Filters, naam: str) -> None:
    low, high, per_inwoner, source = RANGES[naam]
    value = indicator.uitkomst(naam, twente).waarden["waarde"][0]
    assert value is not None, naam
    full_size = value / PLAUSIBLE_SCALE if per_inwoner else value
    assert low <= full_size <= high, f"{naam} = {full_size:.2f}, expected {low}-{high} ({source})"


def test_sroi_contracts_deliver_half_to_one_and_a_half_times(plausible_warehouse: Path) -> None:
    # Oost-Nederland bouwblokken: a supplier is held to the obligation; far below or far above it means the
    # valuation or the linking is wrong. Running contracts against the pro-rata part that is due by now.
    rows = query(
        plausible_warehouse,
        """select contract_id, status, gerealiseerd_eur / nullif(case when status = 'afgerond' then verplichting_eur
                  else verwacht_eur end, 0)
           from marts.mart_sroi_contracten where status in ('afgerond', 'lopend') and plaatsingen > 0""",
    )
    assert rows
    assert all(0.5 <= ratio <= 1.5 for _, _, ratio in rows), rows


def test_a_quarter_to_a_half_of_wajong_works(plausible_warehouse: Path) -> None:
    # UWV: about a quarter of the Wajong population works (sanity bound 15-45 %).
    personen, werkend = query(
        plausible_warehouse,
        """select sum(personen), sum(werkend) from marts.mart_uwv
           where doelgroep = 'WAJONG' and peildatum = (select max(peildatum) from marts.mart_uwv)""",
    )[0]
    assert 0.15 <= werkend / personen <= 0.45


def test_goal_progress_is_near_the_pace_of_the_policy_period(plausible_warehouse: Path) -> None:
    # Enschede's targets (seed 002) are for the whole city: scaled back, each goal's progress is within a factor
    # of two of the share of the policy period that has passed.
    rows = query(
        plausible_warehouse,
        """select strategisch_doel, variant, gerealiseerd / ? / doel * 100, verstreken_pct from marts.mart_doelen
           where gemeentecode = 'GM0153' and peildatum = (select max(peildatum) from marts.mart_doelen)
           order by all""".replace("?", str(PLAUSIBLE_SCALE)),
    )
    off = [(d, v, round(p, 1), float(t)) for d, v, p, t in rows if not 0.5 * float(t) <= p <= 2 * float(t)]
    assert not off, off


def test_cost_per_durable_outflow_of_work_instruments(plausible_warehouse: Path) -> None:
    # Sanity bound € 1.000 - € 150.000 per person durably off benefit after an instrument aimed at work.
    rows = query(
        plausible_warehouse,
        """select instrument, sum(kosten_eur) / nullif(sum(duurzame_uitstroom), 0)
           from marts.mart_instrumenten_rendement
           where maand = (select max(maand) from marts.mart_instrumenten_rendement)
               and instrument in ('JOBCOACH', 'LOONKOSTENSUBSIDIE', 'WERKERVARINGSPLAATS', 'LEERWERKPLEK', 'SCHOLING')
           group by instrument""",
    )
    assert len(rows) == 5
    assert all(cost is not None and 1_000 <= cost <= 150_000 for _, cost in rows), rows
