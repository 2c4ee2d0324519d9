"""The 14 municipalities of Twente as the generator sees them: CBS code, population, SW organisation, rates.

This is the one place in tools/synth that holds these figures. The population is the rounded
1 January 2024 figure of shared/domain.md (CBS StatLine 03759ned); the dbt seed
dbt_project/seeds/gemeenten.csv ships the same numbers for normalisation, but the generator does not
read it, so it works before (and without) dbt. The rates are calibration targets, not facts:
bijstand (PW) density follows domain.md (Enschede ~50 per 1,000, Almelo and Hengelo next, rural
municipalities ~7-15); WSW and Wajong densities are shaped so Twente totals about 3,250 WSW employees
and ~9,000 Wajong benefits at scale 1.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Gemeente:
    code: str  # CBS code, GM + 4 digits
    naam: str
    sw_bedrijf: str  # the SW organisation that employs its WSW people (configurable assumption)
    inwoners: int  # 1 January 2024, rounded to hundreds
    pw_per_1000: float  # target: open PW spells per 1,000 inhabitants
    wsw_weight: float  # relative WSW density (cities higher)
    postcodes: tuple[int, ...]  # 4-digit postcode areas in the municipality


GEMEENTEN: tuple[Gemeente, ...] = (
    Gemeente("GM0141", "Almelo", "SOWECO", 74_000, 40.0, 1.3, tuple(range(7601, 7610))),
    Gemeente("GM0147", "Borne", "SWB", 24_500, 15.0, 0.8, (7621, 7622, 7623)),
    Gemeente("GM1774", "Dinkelland", "DINKELLAND", 26_600, 8.0, 0.7, (7588, 7590, 7591, 7595, 7596, 7597, 7631)),
    Gemeente("GM0153", "Enschede", "DCW", 161_000, 50.0, 1.3, tuple(range(7511, 7549))),
    Gemeente("GM0158", "Haaksbergen", "HAAKSBERGEN", 24_500, 15.0, 0.8, (7481, 7482, 7483)),
    Gemeente("GM0163", "Hellendoorn", "SOWECO", 36_700, 12.0, 0.8, tuple(range(7441, 7449))),
    Gemeente("GM0164", "Hengelo", "SWB", 82_000, 30.0, 1.1, tuple(range(7550, 7560))),
    Gemeente("GM1735", "Hof van Twente", "SWB", 35_400, 12.0, 0.8, (7471, 7472, 7475, 7478, 7491, 7495, 7496)),
    Gemeente("GM0168", "Losser", "LOSSER", 22_900, 14.0, 0.8, (7581, 7582, 7585, 7586)),
    Gemeente("GM0173", "Oldenzaal", "OLDENZAAL", 32_300, 20.0, 1.0, tuple(range(7570, 7578))),
    Gemeente("GM1742", "Rijssen-Holten", "SOWECO", 38_800, 9.0, 0.7, (7451, 7452, 7461, 7462, 7463)),
    Gemeente("GM0183", "Tubbergen", "SOWECO", 21_800, 7.0, 0.7, (7651, 7655, 7661, 7662, 7663, 7664, 7665)),
    Gemeente("GM1700", "Twenterand", "SOWECO", 34_100, 13.0, 0.9, (7671, 7672, 7676, 7678, 7681, 7683, 7685)),
    Gemeente("GM0189", "Wierden", "SOWECO", 25_000, 11.0, 0.8, (7641, 7642, 7468)),
)

CODES = tuple(g.code for g in GEMEENTEN)
INWONERS = np.array([g.inwoners for g in GEMEENTEN], dtype=np.float64)
PW_PER_1000 = np.array([g.pw_per_1000 for g in GEMEENTEN])
WSW_WEIGHT = np.array([g.wsw_weight for g in GEMEENTEN])
ENSCHEDE = CODES.index("GM0153")
HENGELO = CODES.index("GM0164")

# Postcode areas as one flat table, so a municipality's area can be drawn with one vectorised lookup.
_AREAS = [np.array(g.postcodes, dtype=np.int16) for g in GEMEENTEN]
AREA_OFFSET = np.cumsum([0] + [len(a) for a in _AREAS[:-1]]).astype(np.int32)
AREA_COUNT = np.array([len(a) for a in _AREAS], dtype=np.int32)
AREA_TABLE = np.concatenate(_AREAS)


def expected(per_1000: np.ndarray | float, scale: float) -> np.ndarray:
    """Expected people per municipality for a density per 1,000 inhabitants at a population scale."""
    return INWONERS * scale * np.asarray(per_1000, dtype=np.float64) / 1000.0
