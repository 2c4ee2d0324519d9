"""UWV: the doelgroepregister (a snapshot) and Wajong benefits (a monthly measurement).

The register file dated D holds everyone in the register at D plus those removed in the 12 months before
D. Its people come from the other sources (same persons, same BSN): WSW employees (WSW_INDICATIE),
Wajong with arbeidsvermogen (WAJONG_AV), Werkplein clients with an indication (INDICATIE_BANENAFSPRAAK)
and school leavers from praktijkonderwijs / VSO / entree (PRO, VSO, ENTREE). Wajong: about 14 per
1,000 inhabitants, some of them also in the WSW.
"""

from __future__ import annotations

import datetime

import numpy as np
import polars as pl

from tools.synth import codes as c
from tools.synth import fmt
from tools.synth import gemeenten as gm
from tools.synth.dates import OPEN, day, shift_years, uniform_days, years_between
from tools.synth.people import Persons, ages_from_bands, birth_for_ages
from tools.synth.store import Store
from tools.synth.wsw import REGISTER_START, Wsw

WAJONG_TWENTE = 9000
WAJONG2010_START = day(datetime.date(2010, 1, 1))
ALSO_WSW = 0.15  # share of WSW employees that also have a Wajong benefit


def doelgroep_store() -> Store:
    return Store(person="i4", grondslag="i1", opname="i4", afvoer="i4")


class Wajong:
    def __init__(
        self,
        rng: np.random.Generator,
        persons: Persons,
        wsw: Wsw,
        scale: float,
        day0: int,
        last: int,
        doelgroep: Store,
    ) -> None:
        self.rng, self.persons = rng, persons
        weights = gm.INWONERS * gm.WSW_WEIGHT
        gemeente = np.repeat(np.arange(len(gm.CODES)), rng.poisson(scale * WAJONG_TWENTE * weights / weights.sum()))
        months = (last - day0) / 30.44
        fresh = np.repeat(np.arange(len(gm.CODES)), rng.poisson(scale * 4 * months * weights / weights.sum()))
        start_fresh = uniform_days(rng, day0, last, fresh.size)
        birth = np.concatenate(
            [
                birth_for_ages(
                    day0,
                    ages_from_bands(rng, gemeente.size, ((18, 27, 30), (27, 35, 25), (35, 50, 25), (50, 66.9, 20))),
                ),
                birth_for_ages(start_fresh, 18 + 3 * rng.random(fresh.size)),
            ]
        )
        person = persons.add(np.concatenate([gemeente, fresh]), birth, sex_v=0.42)
        young_wsw = wsw.emp["person"][years_between(persons["birth"][wsw.emp["person"]], day0) < 55]
        shared = rng.choice(young_wsw, size=min(young_wsw.size, round(ALSO_WSW * len(wsw.emp))), replace=False)
        person = np.concatenate([person, np.sort(shared)])
        n = person.size
        birth = persons["birth"][person]
        start = np.concatenate(
            [
                np.maximum(
                    day0 - rng.integers(90, 40 * 365, gemeente.size),
                    shift_years(persons["birth"][person[: gemeente.size]], 18),
                ),
                start_fresh,
                np.maximum(day0 - rng.integers(365, 30 * 365, shared.size), shift_years(persons["birth"][shared], 18)),
            ]
        ).astype(np.int32)
        end = np.minimum(
            np.maximum(start, day0) + rng.exponential(500 * 30.44, n).astype(np.int64), shift_years(birth, 67)
        )
        # The law in force when the benefit began decides the regeling.
        regeling = np.searchsorted(np.array([WAJONG2010_START, REGISTER_START]), start, side="right")
        av = np.where(regeling == 2, False, rng.random(n) < np.where(regeling == 1, 0.8, 0.55))
        working = rng.random(n) < np.where(av, 0.4, 0.05)
        flips = rng.random(n) < 0.1
        flip_day = np.where(flips, uniform_days(rng, day0, last, n), OPEN)
        self.table = Store(person="i4", start="i4", end="i4", regeling="i1", av="?", working="?", flip="i4")
        self.table.append(
            person=person,
            start=start,
            end=np.where(end > last + 400, OPEN, end),
            regeling=regeling,
            av=av,
            working=working,
            flip=flip_day,
        )
        # Wajong with arbeidsvermogen (not already there through the WSW) are in the doelgroepregister.
        in_wsw = np.isin(person, wsw.emp["person"])
        mine = np.flatnonzero(av & ~in_wsw)
        opname = np.maximum(start[mine], REGISTER_START) + rng.integers(30, 200, mine.size)
        afvoer = np.where(end[mine] > last + 400, OPEN, np.maximum(end[mine] + 60, opname))
        doelgroep.append(person=person[mine], grondslag=c.GRONDSLAG.index("WAJONG_AV"), opname=opname, afvoer=afvoer)

    def frame(self, peil: int) -> pl.DataFrame:
        t, pe = self.table, self.persons
        rows = np.flatnonzero((t["start"] < peil) & (t["end"] > peil))
        rows = rows[np.argsort(pe["bsn"][t["person"][rows]], kind="stable")]
        person = t["person"][rows]
        working = t["working"][rows] ^ (t["flip"][rows] <= peil)
        d = fmt.UWV
        return pl.DataFrame(
            {
                "bsn": fmt.bsns(pe["bsn"][person], None),
                "gemeentecode": fmt.gemeentecodes(pe["gemeente"][person], None),
                "peildatum": fmt.dates(np.full(rows.size, peil), d),
                "regeling": fmt.codes(c.WAJONG_REGELING, t["regeling"][rows]),
                "arbeidsvermogen": fmt.codes(c.JN, (~t["av"][rows]).astype(np.int64)),
                "werkend": fmt.codes(c.JN, (~working).astype(np.int64)),
            }
        )


def doelgroep_frame(store: Store, persons: Persons, peil: int) -> pl.DataFrame:
    """The register at `peil`: in it, or removed in the 12 months before."""
    rows = np.flatnonzero((store["opname"] < peil) & (store["afvoer"] >= peil - 365))
    rows = rows[np.argsort(store["opname"][rows], kind="stable")]
    person = store["person"][rows]
    d = fmt.UWV
    return pl.DataFrame(
        {
            "bsn": fmt.bsns(persons["bsn"][person], None),
            "gemeentecode": fmt.gemeentecodes(persons["gemeente"][person], None),
            "datum_opname": fmt.dates(store["opname"][rows], d),
            "datum_afvoer": fmt.dates(store["afvoer"][rows], d, before=peil),
            "grondslag": fmt.codes(c.GRONDSLAG, store["grondslag"][rows]),
        }
    )
