"""WSW: the employees of the SW organisations (a monthly measurement) and the waiting list (a snapshot).

The WSW has been closed to new entrants since 2015, so the employee stock only shrinks (pension at 67,
other leavers; calibration.py): no one joins it, and no one leaves the waiting list for it (reden_af
GEPLAATST_WSW stays in the code list for older records, but the generator does not write it). The
waiting-list file dated D holds everyone on the list at D plus those who left it in the 12 months
before D. Everything is drawn up front in closed form (start, end, one change of arbeidsvorm).
"""

from __future__ import annotations

import datetime

import numpy as np
import polars as pl

from tools.synth import calibration as cal
from tools.synth import codes as c
from tools.synth import fmt
from tools.synth import gemeenten as gm
from tools.synth.dates import OPEN, day, shift_years, uniform_days
from tools.synth.employers import Register
from tools.synth.people import Persons, ages_from_bands, birth_for_ages
from tools.synth.store import Store

WSW_TWENTE = cal.WSW_TWENTE  # people in the WSW in Twente at scale 1, at the first file
SHRINK_PER_YEAR = cal.WSW_SHRINK_PER_YEAR  # pension and other leavers; closed to newcomers since 2015
WAITING_TWENTE = 380
REGISTER_START = day(datetime.date(2015, 1, 1))  # the doelgroepregister began in 2015
# Arbeidsvorm mix (codes.ARBEIDSVORM order) by indicatie MATIG / ERNSTIG.
VORM_MIX = (np.array([0.45, 0.25, 0.18, 0.12]), np.array([0.85, 0.10, 0.03, 0.02]))
HOURS = np.array([36, 32, 28, 24, 20, 16])
HOURS_P = np.array([0.5, 0.2, 0.1, 0.1, 0.06, 0.04])
REDEN_AF_MIX = np.array([0.0, 0.15, 0.40, 0.17, 0.06, 0.22])  # no GEPLAATST_WSW: the WSW is closed


class Wsw:
    def __init__(
        self,
        rng: np.random.Generator,
        persons: Persons,
        register: Register,
        scale: float,
        day0: int,
        last: int,
        doelgroep: Store,
        *,
        first: int,
    ) -> None:
        self.rng, self.persons, self.register = rng, persons, register
        # Start the history with more people, so that about WSW_TWENTE remain at the first file.
        history_years = (first - day0) / 365.25
        weights = gm.INWONERS * gm.WSW_WEIGHT
        self.emp = Store(
            person="i4",
            start="i4",
            end="i4",
            ernstig="?",
            vorm0="i1",
            vorm1="i1",
            change="i4",
            employer="i4",
            hours="i1",
        )
        self.wait = Store(person="i4", indicatie="i4", on_list="i4", off="i4", reason="i1")
        self._waiting_list(scale * WAITING_TWENTE * weights / weights.sum(), day0, last)
        gemeente = np.repeat(
            np.arange(len(gm.CODES)),
            rng.poisson(scale * WSW_TWENTE / (1 - SHRINK_PER_YEAR) ** history_years * weights / weights.sum()),
        )
        birth = birth_for_ages(
            day0,
            ages_from_bands(rng, gemeente.size, ((25, 35, 10), (35, 45, 20), (45, 55, 35), (55, 66.9, 35))),
        )
        person = persons.add(gemeente, birth, sex_v=0.4)
        start = np.maximum(day0 - rng.integers(365, 25 * 365, person.size), shift_years(birth, 19))
        self._employ(person, np.minimum(start, REGISTER_START - 1), day0, last)
        # Everyone with a WSW indication is in UWV's doelgroepregister; they leave it with the WSW.
        e = self.emp
        afvoer = np.where(e["end"] == OPEN, OPEN, e["end"] + rng.integers(30, 120, len(e)))
        opname = np.maximum(e["start"], REGISTER_START) + rng.integers(0, 180, len(e))
        doelgroep.append(
            person=e["person"],
            grondslag=c.GRONDSLAG.index("WSW_INDICATIE"),
            opname=opname,
            afvoer=np.maximum(afvoer, opname),
        )

    def _waiting_list(self, expected: np.ndarray, day0: int, last: int) -> None:
        rng = self.rng
        stock = np.repeat(np.arange(len(gm.CODES)), rng.poisson(expected))
        months = (last - day0) / 30.44
        fresh = np.repeat(np.arange(len(gm.CODES)), rng.poisson(expected * 0.015 * months))
        gemeente = np.concatenate([stock, fresh])
        on_list = np.concatenate(
            [
                uniform_days(rng, day0 - 9 * 365, day0 - 30, stock.size),
                uniform_days(rng, day0, last, fresh.size),
            ]
        )
        indicatie = on_list - rng.integers(0, 90, gemeente.size)
        birth = birth_for_ages(on_list, ages_from_bands(rng, gemeente.size, ((18, 30, 5), (30, 50, 3), (50, 64, 2))))
        person = self.persons.add(gemeente, birth, sex_v=0.4)
        # Leaving the list: about 2 % a month; the stock was on it at day0 by construction.
        off = np.maximum(on_list, day0) + rng.exponential(50 * 30.44, gemeente.size).astype(np.int64)
        self.wait.append(
            person=person,
            indicatie=indicatie,
            on_list=on_list,
            off=off.astype(np.int32),
            reason=rng.choice(6, size=gemeente.size, p=REDEN_AF_MIX),
        )

    def _employ(self, person: np.ndarray, start: np.ndarray, day0: int, last: int) -> None:
        rng, n = self.rng, person.size
        birth = self.persons["birth"][person]
        leave = np.maximum(start, day0) + rng.exponential(400 * 30.44, n).astype(np.int64)
        end = np.minimum(leave, shift_years(birth, 67)).astype(np.int64)
        ernstig = rng.random(n) < 0.35
        vorm0 = np.where(ernstig, rng.choice(4, size=n, p=VORM_MIX[1]), rng.choice(4, size=n, p=VORM_MIX[0]))
        changes = rng.random(n) < 0.1
        vorm1 = np.where(changes, rng.choice(4, size=n, p=VORM_MIX[0]), vorm0)
        change = np.where(changes, uniform_days(rng, day0, last, n), OPEN)
        employer = self._employer(self.persons["gemeente"][person], day0)
        self.emp.append(
            person=person,
            start=start,
            end=np.where(end > last + 400, OPEN, end),
            ernstig=ernstig,
            vorm0=vorm0,
            vorm1=vorm1,
            change=change,
            employer=employer,
            hours=rng.choice(HOURS, size=n, p=HOURS_P),
        )

    def _employer(self, gemeente: np.ndarray, day0: int) -> np.ndarray:
        """The employer a seconded or supported worker works at (in the register from the first file)."""
        emp = self.register.emp
        ok = self.register.usable(emp["reg"], day0) & (emp["size"] >= 1)
        out = np.empty(gemeente.size, dtype=np.int64)
        for g in np.unique(gemeente):
            mine = np.flatnonzero(gemeente == g)
            w = emp["weight"] * ok * np.where(emp["gemeente"] == g, 5.0, 1.0)
            out[mine] = self.rng.choice(len(emp), size=mine.size, p=w / w.sum())
        return out

    def werknemers_frame(self, peil: int, rng: np.random.Generator) -> pl.DataFrame:
        e, pe = self.emp, self.persons
        rows = np.flatnonzero((e["start"] < peil) & (e["end"] > peil))
        person = e["person"][rows]
        rows, person = rows[np.argsort(person, kind="stable")], np.sort(person, kind="stable")
        vorm = np.where(e["change"][rows] <= peil, e["vorm1"][rows], e["vorm0"][rows])
        hours = e["hours"][rows].astype(np.float64)
        se = np.clip(hours / 36 * np.where(e["ernstig"][rows], 1.2, 1.0), 0.3, 1.5)
        gemeente = pe["gemeente"][person]
        sw = np.array([c.SW_BEDRIJF.index(g.sw_bedrijf) for g in gm.GEMEENTEN])[gemeente]
        kvk = fmt.kvks(self.register.emp["kvk"][e["employer"][rows]])
        kvk = kvk.scatter(np.flatnonzero(vorm == 0), None) if (vorm == 0).any() else kvk
        d = fmt.WINDOWS
        return pl.DataFrame(
            {
                "bsn": fmt.bsns(pe["bsn"][person], pe["short_bsn"][person]),
                "gemeentecode": fmt.gemeentecodes(gemeente, rng),
                "sw_bedrijf": fmt.codes(c.SW_BEDRIJF, sw),
                "peildatum": fmt.dates(np.full(rows.size, peil), d),
                "indicatie": fmt.codes(c.INDICATIE, e["ernstig"][rows].astype(np.int64)),
                "arbeidsvorm": fmt.codes(c.ARBEIDSVORM, vorm),
                "kvk": fmt.quote(kvk.alias("kvk"), rng.random(rows.size) < 0.03),
                "uren_per_week": fmt.decimals(hours, d, places=1, trim=True),
                "se": fmt.decimals(se, d),
            }
        )

    def wachtlijst_frame(self, peil: int, rng: np.random.Generator) -> pl.DataFrame:
        w, pe = self.wait, self.persons
        rows = np.flatnonzero((w["on_list"] < peil) & (w["off"] >= peil - 365))
        person = w["person"][rows]
        known = w["off"][rows] < peil
        d = fmt.WINDOWS
        return pl.DataFrame(
            {
                "bsn": fmt.bsns(pe["bsn"][person], pe["short_bsn"][person]),
                "gemeentecode": fmt.gemeentecodes(pe["gemeente"][person], rng),
                "datum_indicatie": fmt.dates(w["indicatie"][rows], d),
                "datum_op_wachtlijst": fmt.dates(w["on_list"][rows], d),
                "datum_af": fmt.dates(w["off"][rows], d, before=peil),
                "reden_af": fmt.codes(c.REDEN_AF, np.where(known, w["reason"][rows], -1)),
            }
        )
