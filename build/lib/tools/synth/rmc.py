"""RMC: early school leavers (VSV) and how they fare, as a snapshot.

About 1.5 % of the 16-23 age group drops out each year (Twente 1.49 % in 2016-17), more in the cities.
The file dated D lists everyone who dropped out in the two years before D, with their status at D: they
start as VSV_ACTIEF and may move twice (back to school, work, care, unknown, or back to VSV_ACTIEF).
"""

from __future__ import annotations

import numpy as np
import polars as pl

from tools.synth import codes as c
from tools.synth import fmt
from tools.synth import gemeenten as gm
from tools.synth.dates import OPEN, shift_years, uniform_days
from tools.synth.people import Persons
from tools.synth.store import Store

AGE_GROUP_SHARE = 0.12  # inhabitants aged 12-23 in education (the VSV denominator), roughly
VSV_RATE = 0.015
CITY = {"GM0153": 1.3, "GM0141": 1.3, "GM0164": 1.2}
FOLLOW_UP_DAYS = 730
AGE_P = np.array([8, 18, 22, 18, 14, 10, 6, 4], dtype=np.float64)  # ages 16..23 at dropping out
SOORT_P = np.array([0.04, 0.04, 0.12, 0.15, 0.30, 0.25, 0.10])  # codes.ONDERWIJSSOORT order
FIRST_MOVE = np.array([0.0, 0.35, 0.30, 0.10, 0.06, 0.04, 0.15])  # codes.VSV_STATUS order
SECOND_MOVE = np.array([0.40, 0.20, 0.20, 0.0, 0.0, 0.0, 0.20])


class Rmc:
    def __init__(
        self,
        rng: np.random.Generator,
        persons: Persons,
        scale: float,
        first: int,
        last: int,
        doelgroep: Store,
    ) -> None:
        self.rng, self.persons = rng, persons
        factor = np.array([CITY.get(code, 0.8) for code in gm.CODES])
        years = (last - first + FOLLOW_UP_DAYS) / 365.25
        gemeente = np.repeat(
            np.arange(len(gm.CODES)),
            rng.poisson(gm.INWONERS * scale * AGE_GROUP_SHARE * VSV_RATE * factor * years),
        )
        n = gemeente.size
        uitval = uniform_days(rng, first - FOLLOW_UP_DAYS, last, n)
        age = 16 + rng.choice(8, size=n, p=AGE_P / AGE_P.sum())
        # Born 1-364 days before the birthday that gives exactly `age` completed years at datum_uitval.
        birth = shift_years(uitval, -age) - rng.integers(1, 300, n)
        person = persons.add(gemeente, birth.astype(np.int32), sex_v=0.42)
        move1 = uitval + rng.exponential(8 * 30.44, n).astype(np.int64)
        move2 = move1 + rng.exponential(14 * 30.44, n).astype(np.int64)
        self.table = Store(
            person="i4",
            uitval="i4",
            soort="i1",
            brin="U4",
            move1="i4",
            s1="i1",
            move2="i4",
            s2="i1",
            diploma="f8",
        )
        letters = np.array(list("ABCDEFGHJKLMNPRSTVWXZ"))
        brin = np.char.add(
            np.char.add(
                np.char.zfill(rng.integers(0, 31, n).astype(str), 2),
                letters[rng.integers(0, letters.size, n)],
            ),
            letters[rng.integers(0, letters.size, n)],
        )
        soort = rng.choice(7, size=n, p=SOORT_P)
        self.table.append(
            person=person,
            uitval=uitval,
            soort=soort,
            brin=brin,
            move1=move1,
            s1=rng.choice(7, size=n, p=FIRST_MOVE),
            move2=move2,
            s2=rng.choice(7, size=n, p=SECOND_MOVE),
            diploma=rng.random(n),
        )
        # Leavers from praktijkonderwijs / VSO (and some from entree) are in the doelgroepregister.
        grondslag = np.select(
            [soort == 0, soort == 1, (soort == 3) & (rng.random(n) < 0.2)],
            [c.GRONDSLAG.index("PRO"), c.GRONDSLAG.index("VSO"), c.GRONDSLAG.index("ENTREE")],
            -1,
        )
        mine = np.flatnonzero(grondslag >= 0)
        doelgroep.append(
            person=person[mine],
            grondslag=grondslag[mine],
            opname=uitval[mine] + rng.integers(30, 200, mine.size),
            afvoer=OPEN,
        )

    def frame(self, peil: int, rng: np.random.Generator) -> pl.DataFrame:
        t, pe = self.table, self.persons
        rows = np.flatnonzero((t["uitval"] < peil) & (t["uitval"] >= peil - FOLLOW_UP_DAYS))
        rows = rows[np.argsort(t["uitval"][rows], kind="stable")]
        person = t["person"][rows]
        m1, m2 = t["move1"][rows], t["move2"][rows]
        status = np.where(m2 < peil, t["s2"][rows], np.where(m1 < peil, t["s1"][rows], 0))
        since = np.where(m2 < peil, m2, np.where(m1 < peil, m1, t["uitval"][rows]))
        # A startkwalificatie only for some who went back to school a year or more ago.
        schooling = np.isin(status, (1, 3)) & (peil - since > 300) & (t["diploma"][rows] < 0.4)
        d = fmt.WINDOWS
        return pl.DataFrame(
            {
                "bsn": fmt.bsns(pe["bsn"][person], pe["short_bsn"][person]),
                "geboortedatum": fmt.dates(pe["birth"][person], d),
                "gemeentecode": fmt.gemeentecodes(pe["gemeente"][person], rng),
                "brin": pl.Series(t["brin"][rows]),
                "onderwijssoort": fmt.codes(c.ONDERWIJSSOORT, t["soort"][rows]),
                "datum_uitval": fmt.dates(t["uitval"][rows], d),
                "status": fmt.codes(c.VSV_STATUS, status),
                "datum_status": fmt.dates(since, d),
                "startkwalificatie": fmt.codes(c.JN, np.where(schooling, 0, 1)),
            }
        )
