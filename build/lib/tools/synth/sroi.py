"""SROI: what a linked placement is worth (the bouwblokken seed, read here: one source) and which placements
the suppliers link to their contracts, so each contract realises what calibration.py aims at.

Valuation, as the monitor values a placement linked to a contract (sroi_contract_id), by soort and the
person's doelgroep at the placement's start: REGULIER / LOONKOSTENSUBSIDIE / DETACHERING count a
person-year (DGR_WSW_JAAR when the person is in the doelgroepregister, Wsw or Wajong at the start, else
PW_55_JAAR at 55 or older, else PW_JAAR); LEERWERKPLEK a leerwerkplek-year; PROEFPLAATSING once per
placement; KLIMOPBAAN nothing. Year values go pro rata the days the placement ran inside the contract
period up to the newest extract (both ends counted) / 365, times min(1, uren_per_week / 36).

Linking: each month the supplier of every running contract links new placements while what its linked
placements will have realised (by the contract's end, or by the newest extract if that comes first) is
behind a goal that grows with the contract period six months ahead, towards the contract's own target
(a share of its obligation drawn from calibration.SROI_REALISATION). A placement is only linked when it
fits: the projected total stays below the target plus a tenth of the (pro rata) obligation.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from semon.settings import DBT_PROJECT_DIR
from tools.synth import codes as c

SEED = DBT_PROJECT_DIR / "seeds" / "sroi_bouwblokken.csv"
GROUPS = ("PW", "PW_55PLUS", "DOELGROEPREGISTER")  # the seed's doelgroep values for the person-year blocks
FULL_TIME_HOURS = 36.0
LOOKAHEAD_DAYS = 183
OVERSHOOT = 0.10  # of the (pro rata) obligation: how far past its target one more placement may take a contract


@dataclass(frozen=True)
class Blocks:
    """Per soort (codes.SOORT order) and doelgroep group (GROUPS order): the block's value; per soort
    whether it is a year value (pro rata) or once per placement."""

    value: np.ndarray  # (soort, group) euro
    yearly: np.ndarray  # (soort,) bool


def load_blocks(path: Path = SEED) -> Blocks:
    """The bouwblokken seed as value tables; a soort the seed does not list is worth nothing (KLIMOPBAAN)."""
    value = np.zeros((len(c.SOORT), len(GROUPS)))
    yearly = np.zeros(len(c.SOORT), dtype=bool)
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            amount = float(row["waarde_eur"])
            per_year = row["eenheid"].strip().lower().startswith("per jaar")
            groups = [GROUPS.index(row["doelgroep"])] if row["doelgroep"] else list(range(len(GROUPS)))
            for soort in row["plaatsingssoort"].split("|"):
                k = c.SOORT.index(soort.strip())
                yearly[k] = per_year
                for g in groups:
                    value[k, g] = amount
    # A group without its own block takes the plain PW block (e.g. 55+ when the seed had no PW_55_JAAR).
    for g in range(1, len(GROUPS)):
        value[:, g] = np.where(value[:, g] == 0, value[:, 0], value[:, g])
    return Blocks(value, yearly)


def group_of(age_years: np.ndarray, in_register: np.ndarray) -> np.ndarray:
    """The doelgroep group at the start: the register (or Wsw, Wajong) first, then 55+, else PW."""
    return np.where(in_register, 2, np.where(age_years >= 55, 1, 0))


def value(
    blocks: Blocks,
    soort: np.ndarray,
    group: np.ndarray,
    start: np.ndarray,
    end: np.ndarray,
    hours: np.ndarray,
    begin: np.ndarray | int,
    until: np.ndarray | int,
    peil: int,
) -> np.ndarray:
    """What placements realise for a contract running [begin, until] (days), counted up to `peil`."""
    last = np.minimum(np.minimum(end, until), peil).astype(np.int64)
    days = np.maximum(0, last - np.maximum(start, begin) + 1)
    amount = blocks.value[soort, group]
    yearly = blocks.yearly[soort]
    fte = np.minimum(1.0, np.asarray(hours, dtype=np.float64) / FULL_TIME_HOURS)
    return np.where(yearly, amount * days / 365.0 * fte, np.where(days > 0, amount, 0.0))


class Linker:
    """Decides, month by month, which new placements each contract's supplier links to the contract."""

    def __init__(
        self,
        rng: np.random.Generator,
        blocks: Blocks,
        begin: np.ndarray,
        end: np.ndarray,
        obligation: np.ndarray,
        target: np.ndarray,
        peil: int,
    ) -> None:
        self.rng, self.blocks, self.peil = rng, blocks, peil
        self.begin, self.end, self.obligation = begin.astype(np.int64), end.astype(np.int64), obligation
        # The target at the newest extract: the share of the obligation, pro rata for a contract still running.
        span = (self.end - self.begin + 1).astype(np.float64)
        elapsed = np.clip((peil - self.begin + 1) / span, 0.0, 1.0)
        self.final = target * obligation * elapsed
        self.room = self.final + OVERSHOOT * obligation * elapsed
        self.target = target
        self.projected = np.zeros(begin.size)

    def link(
        self,
        on: int,
        running: np.ndarray,
        soort: np.ndarray,
        group: np.ndarray,
        start: np.ndarray,
        end: np.ndarray,
        hours: np.ndarray,
        eligible: np.ndarray,
    ) -> np.ndarray:
        """The contract per new placement (-1: none) for the contracts `running` on day `on`."""
        rng = self.rng
        contract = np.full(soort.size, -1, dtype=np.int64)
        free = eligible.copy()
        for k in rng.permutation(running):
            span = float(self.end[k] - self.begin[k] + 1)
            horizon = min(on + LOOKAHEAD_DAYS, self.peil, int(self.end[k]))
            goal = self.target[k] * self.obligation[k] * min(1.0, max(0.0, (horizon - self.begin[k] + 1) / span))
            room = self.room[k] - self.projected[k]
            if self.projected[k] >= goal or room <= 0 or not free.any():
                continue
            worth = value(self.blocks, soort, group, start, end, hours, self.begin[k], self.end[k], self.peil)
            while self.projected[k] < goal:
                fits = np.flatnonzero(free & (worth > 0) & (worth <= room))
                if fits.size == 0:
                    break
                i = fits[rng.integers(fits.size)]
                contract[i], free[i] = k, False
                self.projected[k] += worth[i]
                room -= worth[i]
        return contract
