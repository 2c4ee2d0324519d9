"""The perturbation table of the cell key method, worked by hand."""

from __future__ import annotations

import pytest

from app import celsleutel
from app.celsleutel import MODULUS, publiceer, ruis


@pytest.fixture(autouse=True)
def aan(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SEMON_CELSLEUTEL", "aan")


def test_the_key_picks_the_noise_by_its_place_in_the_table() -> None:
    # Cumulative: -2 below 0.05, -1 below 0.25, 0 below 0.75, +1 below 0.95, +2 above.
    assert [ruis(100, int(p * MODULUS), 5) for p in (0.01, 0.10, 0.50, 0.80, 0.99)] == [-2, -1, 0, 1, 2]


def test_no_published_count_falls_below_the_threshold() -> None:
    # 5 can only go up or stay: the table is renormalised over 0, +1, +2 (0.5 + 0.2 + 0.05 = 0.75).
    assert ruis(5, 0, 5) == 0  # place 0.0 < 0.5 / 0.75
    assert ruis(5, int(0.95 * MODULUS), 5) == 2
    assert all(publiceer(n, k, 5) >= 5 for n in range(5, 9) for k in range(0, MODULUS, MODULUS // 97))


def test_zero_stays_zero_small_counts_are_hidden_and_the_same_cell_gets_the_same_value() -> None:
    assert publiceer(0, 12345, 5) == 0
    assert [publiceer(n, 12345, 5) for n in (1, 2, 3, 4)] == [None] * 4
    assert publiceer(40, 777, 5) == publiceer(40, 777, 5)
    assert publiceer(40, 777 + MODULUS, 5) == publiceer(40, 777, 5)  # keys add up modulo 2^32


def test_the_noise_averages_out_over_many_cells() -> None:
    noises = [publiceer(100, k, 5) - 100 for k in range(0, MODULUS, MODULUS // 10_000)]
    assert abs(sum(noises) / len(noises)) < 0.01
    assert max(noises) == 2 and min(noises) == -2


def test_off_only_outside_production(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SEMON_CELSLEUTEL", "uit")
    assert not celsleutel.aan()
    monkeypatch.setenv("SEMON_ENV", " Production ")
    assert celsleutel.aan()


def test_an_amount_moves_with_its_cell_and_hides_with_its_count() -> None:
    from app.celsleutel import publiceer_bedrag

    assert publiceer_bedrag(2100.0, 3, 123, 5) is None  # beside a hidden count
    assert publiceer_bedrag(10_000.0, 20, int(0.99 * MODULUS), 5) == 10_400.0  # noise +2: +4 %, to € 100
    assert publiceer_bedrag(10_000.0, 20, int(0.50 * MODULUS), 5) == 10_000.0
