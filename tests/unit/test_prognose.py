"""The arithmetic of the prognoses and scenarios of issue 14 (app/prognose.py), on numbers worked out by hand."""

from __future__ import annotations

import numpy as np
import pytest

from app import prognose


def test_scenario_arithmetic_by_hand() -> None:
    """A budget of € 1.000.000 in three instruments, cost per durable outflow measured as
    A € 20.000, B € 10.000, C € 50.000; D has no known cost (nobody left durably) and cannot be in a mix.

    Today's mix from what was spent: A € 300.000, B € 100.000, C € 100.000, D € 500.000 (left out) → of the
    € 500.000 that can be counted, A 60 %, B 20 %, C 20 %.
    Current mix: A 0,6 × 1.000.000 / 20.000 = 30; B 0,2 × 1.000.000 / 10.000 = 20; C 0,2 × 1.000.000 / 50.000 = 4;
    together 54 durable outflows.
    The user's mix, entered as 50 / 30 / 20 / 40 (D ignored: no cost; the rest, 100, already adds up):
    A 500.000 / 20.000 = 25; B 300.000 / 10.000 = 30; C 200.000 / 50.000 = 4; together 59.
    Entered as 25 / 15 / 10 instead (adds up to 50): scaled to 100 %, the same 59.
    TNO scenario with 33 of 50 people with a measured loonwaarde inside its band: 66 % of the target group, and of
    the 59 durable outflows 59 × 33 / 50 = 38,94 fall inside the band. A hidden band count (None) or nobody with a
    loonwaarde: the data does not carry the scenario. A band published as 52 of 50 (each count with its own cell key
    noise) is the whole group: 100 %, all 59.
    """
    kosten = {"A": 20_000.0, "B": 10_000.0, "C": 50_000.0, "D": None}
    huidig = prognose.huidige_mix({"A": 300_000, "B": 100_000, "C": 100_000, "D": 500_000}, kosten)
    assert huidig == pytest.approx({"A": 0.6, "B": 0.2, "C": 0.2})
    nu = prognose.verwachte_uitstroom(1_000_000, huidig, kosten)
    assert nu == pytest.approx({"A": 30.0, "B": 20.0, "C": 4.0})
    assert sum(nu.values()) == pytest.approx(54.0)

    eigen = prognose.verwachte_uitstroom(1_000_000, {"A": 50, "B": 30, "C": 20, "D": 40}, kosten)
    assert eigen == pytest.approx({"A": 25.0, "B": 30.0, "C": 4.0})
    assert sum(eigen.values()) == pytest.approx(59.0)
    half = prognose.verwachte_uitstroom(1_000_000, {"A": 25, "B": 15, "C": 10}, kosten)
    assert sum(half.values()) == pytest.approx(59.0)

    assert prognose.scenario(59.0, 33, 50) == pytest.approx({"aandeel_pct": 66.0, "uitstroom": 38.94})
    assert prognose.scenario(59.0, 52, 50) == pytest.approx({"aandeel_pct": 100.0, "uitstroom": 59.0})
    assert prognose.scenario(59.0, None, 50) == {"aandeel_pct": None, "uitstroom": None}
    assert prognose.scenario(59.0, 0, 0) == {"aandeel_pct": None, "uitstroom": None}
    assert prognose.verwachte_uitstroom(1_000_000, {"D": 100}, kosten) == {}


def test_goal_at_current_pace_by_hand() -> None:
    """Realised (cumulative) at 14 month ends: 0, 10, 20, …, 130 — a steady 10 a month. With 6 months to go the goal
    ends at 130 + 6 × 10 = 190; every monthly increase was 10, so the interval is 190–190. The back-test from 12
    months earlier (0 and 10 shown then: pace 10 a month) predicts 10 + 12 × 10 = 130: error 0 %, inside.
    Hidden months at the start (a small count) are left out: the same answer."""
    reeks = [10 * i for i in range(14)]
    p = prognose.doel(reeks, 6)
    assert p is not None
    assert p.verwacht == pytest.approx([190.0])
    assert p.onder == pytest.approx([190.0]) and p.boven == pytest.approx([190.0])
    assert p.fout_pct == pytest.approx(0.0) and p.binnen_interval == 1.0
    assert prognose.doel([None, *reeks], 6).verwacht == pytest.approx([190.0])


def test_rounding_of_projected_counts() -> None:
    """Projected counts are shown as multiples of 5, never below 0; a missing value stays missing."""
    assert [prognose.afgerond(v) for v in (0.4, 2.4, 2.6, 12.5, 17.4, -3.0)] == [0, 0, 5, 10, 15, 0]
    assert prognose.afgerond(None) is None and prognose.afgerond(float("nan")) is None


def test_wsw_projection_of_a_closed_population() -> None:
    """1.000 people there from month 0, of whom 10 leave every month (last measured in month k − 1 for the leavers
    of month k), observed up to month 24, 760 left. The fitted blijfkansen project about 10 a month fewer, so
    ~640 after a year; the back-test from month 12 (880 there) meets the real stock of months 13–24 closely."""
    stays = [(0, k - 1, 10) for k in range(1, 25)] + [(0, 24, 760)]
    p = prognose.wsw(stays, 24, 760, jaren=2)
    assert p.verwacht[0] == pytest.approx(760 * (1 - 120 / 760 * 1.0), rel=0.1)
    assert p.onder[0] <= p.verwacht[0] <= p.boven[0]
    assert p.fout_pct is not None and p.fout_pct < 2


def test_the_interval_is_widened_until_it_held_the_held_out_months_by_hand() -> None:
    """Forecasts 100 for 5 held-out months with a model interval of ±2 (half-width 2); the outcomes were 101, 104,
    96, 110 and 100: |error| ÷ half-width = 0,5; 2; 2; 5; 0 → sorted 0; 0,5; 2; 2; 5, and the 80th percentile (the 4th
    of 5) is 2: the interval must be twice as wide for four of the five to fall inside. An interval that already
    held them is not narrowed (factor 1)."""
    voorspeld, onder, boven = [100.0] * 5, [98.0] * 5, [102.0] * 5
    assert prognose._verbreding(voorspeld, onder, boven, [101.0, 104.0, 96.0, 110.0, 100.0]) == pytest.approx(2.0)
    assert prognose._verbreding(voorspeld, onder, boven, [100.0, 101.0, 99.0, 100.0, 101.0]) == 1.0


def test_the_caseload_margin_shown_is_the_model_margin_widened_by_its_back_test() -> None:
    """A caseload that drifts down smoothly and then drops faster than its past: the model's own margin misses most
    held-out months, so the margin shown is the model's widened by the factor its back-test asks for."""
    reeks = [1000 - 2 * i for i in range(30)] + [940 - 8 * i for i in range(12)]
    p = prognose.bestand(reeks)
    assert p is not None and p.binnen_interval is not None and p.binnen_interval < 0.8
    terug, lo, hi, _ = prognose._ets_voorspel(np.asarray(reeks[:-12], dtype=float), 12)
    breder = prognose._verbreding(terug, lo, hi, [float(v) for v in reeks[-12:]])
    assert breder > 1 and p.extra["verbreding"] == pytest.approx(breder)
    verwacht, onder, boven, _ = prognose._ets_voorspel(np.asarray(reeks, dtype=float), 12)
    assert p.onder == pytest.approx([v - breder * (v - o) for v, o in zip(verwacht, onder, strict=True)])
    assert p.boven == pytest.approx([v + breder * (b - v) for v, b in zip(verwacht, boven, strict=True)])
