"""Small-cell suppression (app/privacy.py): what is hidden can never be worked back from what is shown."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.privacy import afronden, binnen_geheel, te_verbergen, verberg, verberg_aandeel, verberg_rijen

counts = st.lists(st.integers(min_value=0, max_value=60), min_size=1, max_size=9)


def feasible_values(values: list[int], hidden: set[int], cell: int) -> set[int]:
    """What an attacker who sees the visible cells and the group's total can conclude about one hidden cell.

    Hidden cells add up to total − visible, and each is at least 0 (a zero can be hidden as a partner).
    """
    rest = sum(values[i] for i in hidden)
    return set(range(0, rest + 1)) if cell in hidden else {values[cell]}


@settings(max_examples=500, deadline=None)
@given(values=counts, minimum=st.integers(min_value=2, max_value=10))
def test_no_hidden_value_can_be_recovered_from_the_total(values: list[int], minimum: int) -> None:
    hidden = te_verbergen(values, minimum)
    assert {i for i, v in enumerate(values) if 0 < v < minimum} <= hidden  # every small count is hidden
    if any(values[i] == 0 for i in hidden):  # a zero is hidden only as the partner of a small count
        assert any(0 < values[i] < minimum for i in hidden)
    if sum(values) >= minimum:  # a smaller total is itself hidden, so it tells nothing
        for cell in hidden:
            assert len(feasible_values(values, hidden, cell)) >= 2, (values, hidden, cell)


@settings(max_examples=200, deadline=None)
@given(values=counts)
def test_only_what_must_be_hidden_is_hidden(values: list[int]) -> None:
    hidden = te_verbergen(values, 5)
    if not any(0 < v < 5 for v in values):
        assert hidden == set()
    # Secondary cells are the smallest ones left: no visible cell is smaller than a secondary one.
    secondary = [values[i] for i in hidden if not 0 < values[i] < 5]
    visible = [v for i, v in enumerate(values) if i not in hidden]
    if secondary and visible:
        assert max(secondary) <= min(visible)


def test_groups_are_suppressed_separately_and_shown_values_are_untouched() -> None:
    frame = pl.DataFrame({"maand": [1, 1, 1, 2, 2], "trede": [1, 2, 3, 1, 2], "personen": [3, 10, 20, 8, 9]})
    shown = verberg(frame, ["personen"], groep=["maand"])
    assert shown["personen"].to_list() == [None, None, 20, 8, 9]  # 3 primary, 10 its partner; month 2 intact


def test_parts_of_a_row_total_are_suppressed_together() -> None:
    frame = pl.DataFrame({"omhoog": [2, 12, 3], "gelijk": [40, 30, 40], "omlaag": [9, 7, 0], "totaal": [51, 49, 43]})
    shown = verberg_rijen(frame, ["omhoog", "gelijk", "omlaag"])
    # A zero is the cheapest partner: 3 up with 0 down hides both, not the 40.
    assert shown.rows() == [(None, 40, None, 51), (12, 30, 7, 49), (None, 40, None, 43)]


@pytest.mark.parametrize(("value", "rounded"), [(0, 0), (7, 5), (8, 10), (12, 10), (13, 15), (None, None)])
def test_presentation_rounds_to_multiples_of_five(value: int | None, rounded: int | None) -> None:
    assert afronden(pl.DataFrame({"teller": [value]}, schema={"teller": pl.Int64}), ["teller"])["teller"][0] == rounded


def test_a_share_is_hidden_when_it_would_give_a_small_count_away() -> None:
    frame = pl.DataFrame({"uitstroom": [40, 40, 40], "terug": [3, 0, 20], "pct": [92.5, 100.0, 50.0]})
    terug = pl.col("terug")
    shown = verberg_aandeel(frame, "pct", [terug, pl.col("uitstroom") - terug])
    assert shown["pct"].to_list() == [None, 100.0, 50.0]  # 3 of 40 would be 40 × 7,5 %; zero reveals no one
    # A part of its whole of people: none back (100 % durable) says it of every one of the 40 (decisions.md).
    geen = verberg_aandeel(frame, "pct", [terug, pl.col("uitstroom") - terug], ook_geen=True)
    assert geen["pct"].to_list() == [None, None, 50.0]


def test_a_part_is_never_shown_above_its_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    # Published values, as the cell key left them: uitstroom, of whom to work, of whom back within 12 and 6 months.
    monkeypatch.setenv("SEMON_CELSLEUTEL", "aan")
    frame = pl.DataFrame(
        {
            "uit": [9, 9, None, None, 12, 7, None],
            "werk": [12, 6, 6, 0, None, 8, None],
            "terug_12": [7, 10, None, 5, 14, None, None],
            "terug_12_bekend": [True, True, True, True, True, False, True],
            "terug_6": [8, 3, 5, 5, 5, 6, None],
        }
    )
    shown = binnen_geheel(frame, {"werk": "uit", "terug_12": "uit"})
    shown = binnen_geheel(shown, {"terug_6": "terug_12"}, bekend="terug_12_bekend")
    assert shown["werk"].to_list() == [9, 6, None, 0, None, 7, None]  # capped; beside a hidden whole hidden, a 0 kept
    assert shown["terug_12"].to_list() == [7, 9, None, None, 12, None, None]
    # The chain: after its whole was capped (row 2: 10 -> 9); a null 12 not yet known (row 6) hides nothing.
    assert shown["terug_6"].to_list() == [7, 3, None, None, 5, 6, None]
    monkeypatch.setenv("SEMON_CELSLEUTEL", "uit")  # suppression alone shows exact counts: nothing to correct
    assert binnen_geheel(frame, {"werk": "uit"}).equals(frame)
