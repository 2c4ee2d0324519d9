"""The perturbation table of the cell key method, worked by hand."""

from __future__ import annotations

import pytest

from app import celsleutel
from app.celsleutel import MODULUS, publiceer, ruis


@pytest.fixture(autouse=True)
def aan(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SEMON_CELSLEUTEL", "aan")


def test_the_key_picks_the_noise_by_its_place_in_the_table() -> None:
    # A count of 30: noise -2 … +2 (variance 0.8), cumulative from -2 up; the outer values are rare (about 4 %).
    rij = celsleutel.tabel(30)
    assert sorted(rij) == [-2, -1, 0, 1, 2] and rij[2] == rij[-2] and 0.03 < rij[2] < 0.05
    assert [ruis(30, int(p * MODULUS)) for p in (0.01, 0.10, 0.50, 0.80, 0.99)] == [-2, -1, 0, 1, 2]


def test_every_row_has_mean_zero_the_stated_variance_and_its_bound() -> None:
    for n, d, v in ((5, 4, 1.5), (19, 4, 1.5), (20, 2, 0.8), (59, 2, 0.8), (60, 3, 0.8), (240, 12, 0.8)):
        rij = celsleutel.tabel(n)
        assert max(rij) == d == celsleutel.grens(n) and min(rij) == -d
        assert abs(sum(rij.values()) - 1) < 1e-9 and abs(sum(x * p for x, p in rij.items())) < 1e-9
        assert abs(sum(x * x * p for x, p in rij.items()) - v) < 1e-6
        assert all(p > 0 for p in rij.values())  # no value up to the bound is ruled out


def test_a_large_count_gets_the_noise_of_its_whole_row_from_a_row_that_stops_at_twelve() -> None:
    # Beyond ±12 a noise value's probability is below 1e-39: no 32-bit key picks it, so the short row gives the
    # noise the whole row gives, for every key but 0 (which picked the far end, -D). The whole row of a national
    # count (bound 500 for 10,000) made a page's first visit take over a minute at scale 28.
    keys = [1, 2**31, MODULUS - 1, *(k * 2_654_435_761 % MODULUS for k in range(1, 3_000))]
    for n in (260, 400, 1_000, 10_000, 123_457):
        heel = celsleutel._tabel(celsleutel.grens(n), celsleutel.VARIANTIE)  # the whole row, as before
        assert len(heel) == 2 * celsleutel.grens(n) + 1 and len(celsleutel.tabel(n)) == 2 * celsleutel.TABEL_TOT + 1
        assert all(p < 1e-39 for x, p in heel if abs(x) > celsleutel.TABEL_TOT)
        assert [ruis(n, k) for k in keys] == [_lookup(heel, k) for k in keys], n


def _lookup(rij: tuple[tuple[int, float], ...], sleutel: int) -> int:
    """The noise the whole row gives: the first value whose cumulative probability exceeds the key's place."""
    plek, opgeteld = sleutel / MODULUS, 0.0
    for x, p in rij:
        opgeteld += p
        if plek < opgeteld:
            return x
    return rij[-1][0]


def test_the_promise_two_or_five_percent_from_twenty_on() -> None:
    assert [celsleutel.grens(n) for n in (5, 19, 20, 39, 40, 59, 60, 100, 367)] == [4, 4, 2, 2, 2, 2, 3, 5, 18]
    assert all(celsleutel.grens(n) <= max(2, 0.05 * n) for n in range(20, 5000))


def test_a_count_hides_when_its_perturbed_value_falls_below_the_threshold() -> None:
    # 5 with a negative noise would show 1-4: hidden instead; with 0 or more it is shown. No shown value is small.
    assert publiceer(5, 0, 5) is None  # place 0.0: the largest negative noise
    assert publiceer(5, MODULUS - 1, 5) == 9
    shown = [publiceer(n, k, 5) for n in range(5, 12) for k in range(0, MODULUS, MODULUS // 997)]
    assert all(v is None or v >= 5 for v in shown) and None in shown
    assert all(publiceer(n, k, 5) is not None for n in range(9, 60) for k in range(0, MODULUS, MODULUS // 97))


def test_what_the_public_method_tells_about_a_shown_or_hidden_value() -> None:
    assert celsleutel.mogelijk(0, 5) == range(0, 1)
    assert celsleutel.mogelijk(5, 5) == range(5, 10)  # 5 to 9 can be shown as 5 (noise 0 … -4)
    assert celsleutel.mogelijk(30, 5) == range(28, 33)
    assert celsleutel.verborgen_mogelijk(5) == range(1, 9)  # "< 5" holds 1 to 8 people
    for n in range(5, 200):
        for k in range(0, MODULUS, MODULUS // 53):
            v = publiceer(n, k, 5)
            assert (n in celsleutel.verborgen_mogelijk(5)) if v is None else (n in celsleutel.mogelijk(v, 5))


def test_zero_stays_zero_small_counts_are_hidden_and_the_same_cell_gets_the_same_value() -> None:
    assert publiceer(0, 12345, 5) == 0
    assert [publiceer(n, 12345, 5) for n in (1, 2, 3, 4)] == [None] * 4
    assert publiceer(40, 777, 5) == publiceer(40, 777, 5)
    assert publiceer(40, 777 + MODULUS, 5) == publiceer(40, 777, 5)  # keys add up modulo 2^32


def test_the_noise_averages_out_over_many_cells() -> None:
    noises = [publiceer(100, k, 5) - 100 for k in range(0, MODULUS, MODULUS // 10_000)]
    assert abs(sum(noises) / len(noises)) < 0.01
    assert max(noises) <= 5 and min(noises) >= -5  # 5 % of 100
    assert sum(abs(x) <= 2 for x in noises) > 0.99 * len(noises)  # beyond ±2 is rare


def test_off_only_outside_production(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SEMON_CELSLEUTEL", "uit")
    assert not celsleutel.aan()
    monkeypatch.setenv("SEMON_ENV", " Production ")
    assert celsleutel.aan()


def test_an_amount_moves_with_its_cell_and_hides_with_its_count() -> None:
    from app.celsleutel import publiceer_bedrag

    assert publiceer_bedrag(2100.0, 3, 123, 5) is None  # beside a hidden count
    assert publiceer_bedrag(2100.0, 5, 0, 5) is None  # beside a count hidden by its noise
    assert publiceer_bedrag(10_000.0, 20, int(0.99 * MODULUS), 5) == 10_400.0  # noise +2: +4 %, to € 100
    assert publiceer_bedrag(10_000.0, 20, int(0.50 * MODULUS), 5) == 10_000.0
    assert publiceer_bedrag(10_000.0, 400, MODULUS - 1, 5) == 10_400.0  # a larger noise moves it at most 4 %


def test_an_amount_beside_its_largest_contribution_moves_by_up_to_it() -> None:
    """Costs are moved by up to the largest cost of one person in them (docs/privacy.md), uniformly, up and down,
    independent of the count's own noise (else the amount would tell the count's noise)."""
    from app.celsleutel import publiceer_bedrag, ruis

    assert publiceer_bedrag(21_000.0, 3, 123, 5, 7_800.0) is None  # still hidden with its count
    assert publiceer_bedrag(0.0, 0, 0, 5, 0.0) == 0.0
    keys = range(0, MODULUS, MODULUS // 4000)
    shown = [publiceer_bedrag(50_000.0, 20, k, 5, 7_800.0) for k in keys]
    assert shown == [publiceer_bedrag(50_000.0, 20, k, 5, 7_800.0) for k in keys]  # the same key, the same amount
    assert all(s is not None and s % 100 == 0 and abs(s - 50_000) <= 7_850 for s in shown)
    up, down = sum(s > 53_900 for s in shown), sum(s < 46_100 for s in shown)  # beyond half of it: 1 in 4 each way
    assert 0.2 * len(keys) < up < 0.3 * len(keys) and 0.2 * len(keys) < down < 0.3 * len(keys)
    noise = [s - 50_000 for s in shown]
    counts = [ruis(20, k) for k in keys]
    mean_n, mean_c = sum(noise) / len(noise), sum(counts) / len(counts)
    cov = sum((a - mean_n) * (b - mean_c) for a, b in zip(noise, counts, strict=True)) / len(keys)
    sd_n = (sum((a - mean_n) ** 2 for a in noise) / len(keys)) ** 0.5
    sd_c = (sum((b - mean_c) ** 2 for b in counts) / len(keys)) ** 0.5
    assert abs(cov / (sd_n * sd_c)) < 0.05
    # One person's cost as the whole amount: anywhere from zero to twice it, never below zero.
    alone = [publiceer_bedrag(7_800.0, 20, k, 5, 7_800.0) or 0.0 for k in keys]
    assert min(alone) == 0.0 and 15_000 < max(alone) <= 15_600


def test_a_shown_amount_lies_within_its_margin_of_the_truth_for_every_key(monkeypatch: pytest.MonkeyPatch) -> None:
    """`bedrag_marge` bounds the noise from the shown amount alone, so a judgement against a threshold further away
    is the truth's (the SROI contracts together say "op koers" only then). Both methods, over 4,000 keys."""
    from app.celsleutel import bedrag_marge, publiceer_bedrag

    keys = range(0, MODULUS, MODULUS // 4000)
    for waar, aantal, grootste in ((50_000.0, 20, 7_800.0), (49_951.0, 20, None), (1_234_567.0, 400, None)):
        shown = [publiceer_bedrag(waar, aantal, k, 5, grootste) for k in keys]
        assert all(s is not None and abs(s - waar) <= bedrag_marge(s, grootste) for s in shown)
        # and not much more than that: the largest distance met is within € 150 of the margin of its shown amount
        assert min(bedrag_marge(s, grootste) - abs(s - waar) for s in shown if s is not None) < 150
    assert bedrag_marge(50_000.0, 7_800.0) == 7_850.0
    monkeypatch.setenv("SEMON_CELSLEUTEL", "uit")
    assert bedrag_marge(50_000.0, 7_800.0) == 0.0
