"""Persons shared by all sources: one BSN, birth date, sex and address per person, so sources link."""

from __future__ import annotations

import numpy as np

from tools.synth import gemeenten as gm
from tools.synth.bsn import BsnPool
from tools.synth.store import Store

# Two-letter postcode suffixes; real postcodes never use SA, SD or SS.
_LETTERS = [a + b for a in "ABCDEFGHJKLMNPRSTVWXZ" for b in "ABCDEFGHJKLMNPRSTVWXZ" if a + b not in ("SA", "SD", "SS")]
LETTERS = np.array(_LETTERS)


class Persons:
    """Everyone the generator invents. Attributes are fixed per person; sources refer to persons by index."""

    def __init__(self, rng: np.random.Generator) -> None:
        self._rng = rng
        self._bsn = BsnPool(rng)
        self.table = Store(
            bsn="i8",
            birth="i4",
            sex="i1",
            gemeente="i1",
            postcode="i2",
            letters="i2",
            short_bsn="?",
            pc_space="?",
            consultant="i2",
        )

    def __getitem__(self, name: str) -> np.ndarray:
        return self.table[name]

    def add(self, gemeente: np.ndarray, birth: np.ndarray, sex_v: float = 0.51) -> np.ndarray:
        """New persons living in `gemeente` (index into GEMEENTEN), born on `birth`; returns their indices."""
        rng, n = self._rng, len(gemeente)
        gemeente = np.asarray(gemeente, dtype=np.int64)
        area = gm.AREA_TABLE[gm.AREA_OFFSET[gemeente] + (rng.random(n) * gm.AREA_COUNT[gemeente]).astype(np.int64)]
        u = rng.random(n)
        sex = np.where(u < sex_v, 1, np.where(u < 0.992, 0, 2))  # a few X
        bsn = self._bsn.take(n)
        # A BSN with a leading zero loses it in some senders' spreadsheets: decided once per person.
        short = (bsn < 100_000_000) & (rng.random(n) < 0.5)
        return self.table.append(
            bsn=bsn,
            birth=birth,
            sex=sex,
            gemeente=gemeente,
            postcode=area,
            letters=rng.integers(0, LETTERS.size, n),
            short_bsn=short,
            pc_space=rng.random(n) < 0.7,
            consultant=rng.integers(0, 1000, n),
        )


def draw_municipalities(rng: np.random.Generator, expected: np.ndarray) -> np.ndarray:
    """Poisson counts per municipality turned into one municipality index per person."""
    counts = rng.poisson(expected)
    return np.repeat(np.arange(len(expected)), counts)


def birth_for_ages(on_day: int | np.ndarray, ages: np.ndarray) -> np.ndarray:
    """A birth date giving each person age `ages` (fractional years) on `on_day`."""
    return (np.asarray(on_day) - (ages * 365.25)).astype(np.int32)


def ages_from_bands(rng: np.random.Generator, n: int, bands: tuple[tuple[int, int, float], ...]) -> np.ndarray:
    """Fractional ages drawn from (low, high, weight) bands, uniform within a band."""
    weights = np.array([w for _, _, w in bands], dtype=np.float64)
    pick = rng.choice(len(bands), size=n, p=weights / weights.sum())
    low = np.array([lo for lo, _, _ in bands])[pick]
    high = np.array([hi for _, hi, _ in bands])[pick]
    return low + rng.random(n) * (high - low)
