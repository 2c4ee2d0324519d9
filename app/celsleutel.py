"""The cell key method: the same set of people always gets the same published count, however it was asked.

As the Australian Bureau of Statistics' TableBuilder and the 2021 census of Eurostat and CBS do it:
- every counted unit (a person, or a placement) has a fixed random record key, a 32-bit number derived from its
  pseudonym in dbt (macro `record_sleutel`); a cell's key is the sum of its units' keys modulo 2^32, so keys add
  up over cells exactly as counts do, and any filter combination gets the key of exactly its set of units;
- a fixed perturbation table turns (count, cell key) into a small noise: the published count is count + noise;
- counts 1 to 4 are never published, nor is a count whose perturbed value falls below the threshold (both shown as
  "< 5", which so holds 1 to 8 people); zero is published as zero, so no exact small value is ever shown.
The same cell always gets the same noise, so asking again (another page, another month, a download) teaches
nothing; a difference of two published cells carries the noise of both. Parameters and threat model: docs/privacy.md.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import itertools

from semon import settings

MODULUS = 2**32
# The perturbation table (docs/privacy.md, "Disclosure control"). Counts from KLEIN on carry the utility promise: at
# most 2 off, or 5 % of the count where that is more (grens); their noise has variance VARIANTIE. Counts between the
# threshold and KLEIN carry no promise and get more noise (VARIANTIE_KLEIN, up to GRENS_KLEIN): they are the counts
# beside hidden ones, where differencing starts.
KLEIN = 20
VARIANTIE = 0.8
VARIANTIE_KLEIN = 1.5
GRENS_KLEIN = 4
# The largest noise a published count of 20 to 59 can carry: every published count of 20 or more is at most this far
# from its true count, or 5 % of the count where that is more (grens).
MAX_RUIS = 2
# Where a row of the table stops in practice: beyond ±12 a noise value has a probability below 1e-39 (variance 0.8),
# which no 32-bit cell key can pick (its resolution is 2^-32) and which does not change the row's sums in double
# precision. A count of 10,000 has the bound 500: without this, its row had 1,001 entries, each national count a
# row of its own, and a page's first visit took over a minute (tests/unit/test_celsleutel.py checks the equality).
TABEL_TOT = 12


def grens(aantal: int) -> int:
    """The largest noise a count can get: 4 below KLEIN, else 2 or 5 % of the count, whichever is more."""
    if aantal < KLEIN:
        return GRENS_KLEIN
    return max(MAX_RUIS, aantal // 20)


@functools.cache
def _tabel(d: int, variantie: float) -> tuple[tuple[int, float], ...]:
    """The maximum-entropy noise distribution on -d … d with mean 0 and the given variance (Giessing 2016, as the
    sdcTools ptable package builds it; without a threshold it is a discrete Gaussian, p(x) ∝ a^(x²)): the outer
    values get a small but positive probability, so no noise value is ruled out below the bound."""
    laag, hoog = 1e-12, 1.0 - 1e-12
    for _ in range(200):
        a = (laag + hoog) / 2
        gewicht = {x: a ** (x * x) for x in range(-d, d + 1)}
        v = sum(x * x * w for x, w in gewicht.items()) / sum(gewicht.values())
        laag, hoog = (a, hoog) if v < variantie else (laag, a)
    totaal = sum(gewicht.values())
    return tuple((x, w / totaal) for x, w in sorted(gewicht.items()))


def _rij(aantal: int) -> tuple[tuple[int, float], ...]:
    if aantal < KLEIN:
        return _tabel(GRENS_KLEIN, VARIANTIE_KLEIN)
    return _tabel(min(grens(aantal), TABEL_TOT), VARIANTIE)


def tabel(aantal: int) -> dict[int, float]:
    """The noise distribution for a true count (a row of the perturbation table)."""
    return dict(_rij(aantal))


@functools.cache
def _opgeteld(rij: tuple[tuple[int, float], ...]) -> tuple[list[float], list[int]]:
    """A row's cumulative probabilities and its noise values, in order: the lookup of `ruis` as a bisection."""
    return list(itertools.accumulate(p for _, p in rij)), [d for d, _ in rij]


def aan() -> bool:
    """Whether published counts are perturbed (`SEMON_CELSLEUTEL`, default on; `uit` only outside production)."""
    return settings.celsleutel_aan()


def ruis(aantal: int, sleutel: int) -> int:
    """The noise for a count with this cell key: the key's place in [0, 1) looked up in the count's row."""
    plek = (sleutel % MODULUS) / MODULUS
    opgeteld, waarden = _opgeteld(_rij(aantal))
    # The first noise value whose cumulative probability exceeds the key's place (rounding may leave the last
    # cumulative value just below 1: the largest value then).
    return waarden[min(bisect.bisect_right(opgeteld, plek), len(waarden) - 1)]


def publiceer(aantal: int | None, sleutel: int | None, minimum: int) -> int | None:
    """The count as it may be shown: 0 stays 0; a count below the threshold, or one whose perturbed value falls
    below it, is hidden (None); the rest is shown perturbed. So a hidden cell may hold 1 up to minimum − 1 + 4
    people, and a shown value is never below the threshold."""
    if aantal is None:
        return None
    if aantal == 0:
        return 0
    if aantal < minimum:
        return None
    if not aan() or sleutel is None:
        return aantal
    getoond = aantal + ruis(aantal, sleutel)
    return getoond if getoond >= minimum else None


def mogelijk(getoond: int, minimum: int) -> range:
    """What the public method says about a shown value: the true counts that can be published as it (the attacker's
    knowledge; the attack tests use it). A zero is exact."""
    if getoond == 0:
        return range(0, 1)
    kandidaten = [n for n in range(max(minimum, getoond - getoond // 10 - GRENS_KLEIN), getoond + getoond // 10 + 5)
                  if n >= minimum and abs(getoond - n) <= max(tabel(n))]  # fmt: skip
    return range(min(kandidaten), max(kandidaten) + 1)


def verborgen_mogelijk(minimum: int) -> range:
    """The true counts a hidden cell ("< 5") can hold: 1 up to the largest count whose noise can take it below."""
    return range(1, minimum + GRENS_KLEIN)


def _bedrag_ruis(sleutel: int) -> float:
    """A value in [-1, 1) from the cell key, independent of the count's noise (a hash of the key, not its place):
    the same set of units always gets the same value."""
    h = hashlib.blake2b((sleutel % MODULUS).to_bytes(4, "little"), digest_size=8, person=b"semon-bedrag")
    return 2 * int.from_bytes(h.digest(), "little") / 2**64 - 1


def publiceer_bedrag(
    bedrag: float | None, aantal: int | None, sleutel: int | None, minimum: int, grootste: float | None = None
) -> float | None:
    """An amount (costs, SROI euros) beside a count, rounded to € 100: hidden with its count (also when the count's
    perturbed value is below the threshold).
    - With `grootste`, the largest contribution of one person to the amount (the magnitude method of the ABS
      TableBuilder): moved by up to that contribution, up or down, by the cell key. A whole minus its shown parts
      then carries the noise of several people's amounts, so it cannot give a hidden part's amount back (an amount
      moved by a few per cent could: docs/privacy.md).
    - Without: moved by 2 % per unit of the count's noise (at most 4 %), so amount ÷ tariff no longer gives the
      count back; only for amounts that no filter splits into parts (SROI, whose parts have their own rule)."""
    if bedrag is None or aantal is None:
        return None
    if aantal == 0:
        return 0.0 if bedrag == 0 else None
    if publiceer(aantal, sleutel, minimum) is None:
        return None
    if not aan() or sleutel is None:
        return float(bedrag)
    if grootste is not None:
        return float(max(0.0, round(float(bedrag) + float(grootste) * _bedrag_ruis(sleutel), -2)))
    factor = 1 + 0.02 * max(-MAX_RUIS, min(MAX_RUIS, ruis(aantal, sleutel)))
    return float(round(float(bedrag) * factor, -2))


def bedrag_marge(getoond: float, grootste: float | None = None) -> float:
    """How far a shown amount (from `publiceer_bedrag`) can lie from the truth: up to `grootste` and € 50 of rounding,
    or without it 4 % of the truth and € 50, the truth being at most (shown + 50) / 0.96; nothing without the cell
    key. A judgement against a threshold closer than this could be the noise's."""
    if not aan():
        return 0.0
    if grootste is not None:
        return float(grootste) + 50
    return 0.02 * MAX_RUIS * (float(getoond) + 50) / (1 - 0.02 * MAX_RUIS) + 50
