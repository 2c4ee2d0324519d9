"""The cell key method: the same set of people always gets the same published count, however it was asked.

As the Australian Bureau of Statistics' TableBuilder and the 2021 census of Eurostat and CBS do it:
- every counted unit (a person, or a placement) has a fixed random record key, a 32-bit number derived from its
  pseudonym in dbt (macro `record_sleutel`); a cell's key is the sum of its units' keys modulo 2^32, so keys add
  up over cells exactly as counts do, and any filter combination gets the key of exactly its set of units;
- a fixed perturbation table turns (count, cell key) into a small noise: the published count is count + noise;
- counts 1 to 4 are never published (shown as "< 5"), zero is published as zero, and no perturbed count falls
  below the threshold, so no exact small value is ever shown.
The same cell always gets the same noise, so asking again (another page, another month, a download) teaches
nothing; a difference of two published cells carries the noise of both. Parameters and threat model: docs/privacy.md.
"""

from __future__ import annotations

from semon import settings

MODULUS = 2**32
# Noise and its probabilities (zero mean, variance 0.8): the perturbation table for counts well above the threshold.
RUIS = {-2: 0.05, -1: 0.20, 0: 0.50, 1: 0.20, 2: 0.05}
MAX_RUIS = max(RUIS)


def aan() -> bool:
    """Whether published counts are perturbed (`SEMON_CELSLEUTEL`, default on; `uit` only outside production)."""
    return settings.celsleutel_aan()


def ruis(aantal: int, sleutel: int, minimum: int) -> int:
    """The noise for a count with this cell key: looked up in the table among the noises that keep the count at or
    above the threshold (so a published count is never small), by the key's place in [0, 1)."""
    toegestaan = {d: p for d, p in RUIS.items() if aantal + d >= minimum}
    totaal = sum(toegestaan.values())
    plek = (sleutel % MODULUS) / MODULUS
    opgeteld = 0.0
    for d in sorted(toegestaan):
        opgeteld += toegestaan[d] / totaal
        if plek < opgeteld:
            return d
    return max(toegestaan)


def publiceer(aantal: int | None, sleutel: int | None, minimum: int) -> int | None:
    """The count as it may be shown: 0 stays 0, 1 up to the threshold is hidden (None), the rest perturbed."""
    if aantal is None:
        return None
    if aantal == 0:
        return 0
    if aantal < minimum:
        return None
    if not aan() or sleutel is None:
        return aantal
    return aantal + ruis(aantal, sleutel, minimum)


def publiceer_bedrag(bedrag: float | None, aantal: int | None, sleutel: int | None, minimum: int) -> float | None:
    """An amount (costs, SROI euros) beside a count: hidden with its count, otherwise moved by 2 % per unit of the
    cell's noise (at most 4 %) and rounded to € 100, so that amount ÷ tariff no longer gives the count back."""
    if bedrag is None or aantal is None:
        return None
    if aantal == 0:
        return 0.0 if bedrag == 0 else None
    if aantal < minimum:
        return None
    if not aan() or sleutel is None:
        return float(bedrag)
    factor = 1 + 0.02 * ruis(aantal, sleutel, minimum)
    return float(round(float(bedrag) * factor, -2))
