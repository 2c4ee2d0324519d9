"""The Werkplein client system, simulated month by month: benefit spells, ladder, instruments, placements.

What a snapshot holds (klanten, trajecten, plaatsingen): the file dated D lists every spell, instrument
or placement that began before D and is still open at D, plus those that ended in the 12 months before D.
An end that lies on or after D is not known yet and is written empty, as is its reason.
Ladder (a measurement): every client is scored about once a quarter, on a day in "their" month of the
quarter; the file dated D carries the scores of the month before D (peildatum = the scoring day) plus a
few scores of the previous quarter that were registered late. The first file also carries the scores of
the 12 months before it, as the first delivery of a system with history would.

The dynamics are shaped so the stock keeps the shape of Enschede's 2010 ladder (seed 002, Bijlage 4):
most clients stay on their trede, some step up, a few down; people on treden 4-5 are placed at
employers and most of those placed in paid work leave benefit (reden WERK). Of those who leave, some come
back with a new spell (herinstroom) by reason, age and sex, at delays shaped on Divosa's figures. New
clients enter with the trede mix that keeps the ladder stationary (solved from the same transition rates,
see `_entry_mix`); their number follows the season and pulls the caseload towards its trend per
municipality. Young people (< 27) enter more often than their share of the stock, leave faster, are placed
more often, find work partly through a Werkplein match (a regular placement) and are led to the sectors of
Enschede's SD4. The published figures behind all this are in calibration.py.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from tools.synth import calibration as cal
from tools.synth import codes as c
from tools.synth import fmt
from tools.synth import gemeenten as gm
from tools.synth import sroi as sr
from tools.synth.dates import OPEN, YEAR, date, shift_years, uniform_days, years_between
from tools.synth.employers import Register
from tools.synth.people import LETTERS, Persons, ages_from_bands, birth_for_ages
from tools.synth.store import Store
from tools.synth.wsw import REGISTER_START

MONTH = 30.44
# Enschede's WWB caseload on the ladder, 1 July 2010 (treden 1..6): the shape the stock keeps.
LADDER_2010 = np.array([751, 1563, 1821, 1015, 188, 13], dtype=np.float64)
LADDER_SHARE = LADDER_2010 / LADDER_2010.sum()

# Monthly rates per trede 1..6: step up, step down, leave benefit for another reason than a placement.
UP = np.array([0.020, 0.015, 0.010, 0.010, 0.006, 0.0])
DOWN = np.array([0.0, 0.008, 0.008, 0.010, 0.020, 0.030])
# EXIT is scaled so all outflow (with placements, pensions and the returns leaving again) is about a quarter
# of the caseload a year (calibration.PW_OUTFLOW_PER_YEAR).
EXIT = np.array([0.008, 0.010, 0.013, 0.030, 0.050, 0.200]) * 1.12
PLACE = np.array([0.0, 0.0, 0.005, 0.020, 0.050, 0.0])  # trede 3: klimopbaan only

# Placements, by soort (codes.SOORT order: REGULIER, LKS, PROEF, LEERWERK, KLIMOPBAAN, DETACHERING).
SOORT_MIX = {
    2: (0, 0, 0, 0, 1.0, 0),
    3: (0.10, 0.15, 0.30, 0.30, 0.15, 0),
    4: (0.30, 0.40, 0.10, 0.05, 0, 0.15),
}
TREDE_AFTER = np.array([6, 5, 4, 4, 4, 5]) - 1  # trede index after the placement (if higher)
LEAVES_BENEFIT = np.array([0.9, 0.6, 0.0, 0.0, 0.0, 0.6])  # share of placements that end the spell (WERK)
HOURS = np.array([[24, 40], [20, 36], [16, 32], [16, 32], [8, 20], [20, 36]])
MONTHS = np.array([[12, 36], [6, 36], [1, 3], [6, 12], [6, 12], [6, 24]])
PAID = np.array([True, True, False, False, False, True])  # regular, wage subsidy, secondment: paid work
# A job ends early (a trial period, a contract not renewed) more often than the person comes back on benefit:
# of those who left bijstand for a job 82 % still worked after 6 months and 72 % after 18 (CBS; domain.md). The
# shares of paid placements that end within 6 months, and between 6 and 12 months, on top of the returns.
LOST_BY_6M = 0.16
LOST_BY_12M = 0.04
# A trial placement is meant to lead to a job at the employer, a learning place sometimes does: the share that is
# followed by a regular job there (an assumption: the source documents give no figure; docs/decisions.md).
TO_JOB = np.array([0.0, 0.0, 0.5, 0.3, 0.0, 0.0])

# Regelingen next to PW, relative to the PW stock; their age bands (low, high, weight).
REGELING_SHARE = np.array([1.0, 0.04, 0.008, 0.015, 0.12])  # PW, IOAW, IOAZ, BBZ, NUG
AGE_BANDS = {
    0: ((18, 27, 8), (27, 35, 17), (35, 45, 22), (45, 55, 25), (55, 66.9, 24)),  # calibration: young people
    1: ((50, 66.9, 1),),
    2: ((55, 66.9, 1),),
    3: ((25, 64, 1),),
    4: ((18, 27, 30), (27, 45, 40), (45, 60, 30)),
}
# Why a spell ends when no placement ended it (codes.REDEN_UITSTROOM order), low and high treden.
REASON_LOW = np.array([0.20, 0.05, 0.15, 0.05, 0.03, 0.15, 0.37])
REASON_HIGH = np.array([0.55, 0.08, 0.10, 0.01, 0.01, 0.10, 0.15])
# Herinstroom (who comes back, and when) follows calibration.RETURN_BY_REASON and RETURN_DELAY. A share of
# the inflow is such returns; the fresh inflow is what remains (RETURN_SHARE of the stationary inflow).
RETURN_SHARE = cal.HERINSTROOM_24M
LATE_SCORES = 0.02

# Instruments booked without a placement, by trede index: (instrument, SD index, weight).
INSTRUMENT_MIX = {
    0: ((9, 2, 0.5), (8, 2, 0.3), (7, 2, 0.2)),
    1: ((9, 2, 0.5), (8, 2, 0.3), (7, 2, 0.2)),
    2: ((0, 2, 0.35), (7, 1, 0.25), (2, 1, 0.25), (9, 2, 0.15)),
    3: ((6, 0, 0.3), (7, 0, 0.3), (2, 0, 0.2), (5, 0, 0.2)),
    4: ((6, 0, 0.3), (7, 0, 0.3), (2, 0, 0.2), (5, 0, 0.2)),
}
YOUTH_INSTRUMENTS = np.array([7, 1, 2])  # SD4: scholing, leerwerkplek, werkervaringsplaats
MONTHLY_COST = np.array([200, 300, 250, 0, 900, 100, 300, 0, 650, 120], dtype=np.float64)
ONE_OFF_COST = np.array([0, 0, 0, 0, 0, 0, 0, 2000, 0, 0], dtype=np.float64)
START_INSTRUMENT = 0.035

CONSULTANTS = (
    "H. ’t Hart",
    "A. Ünal",
    "J. van den Berg",
    "M. Çelik",
    "S. de Vries-Müller",
    "K. Öztürk",
    "R. Nijhuis",
    "B. ter Horst",
    "E. Kamphuis",
    "L. Brinkhuis",
    "Teamleider; M. Çelik",
    "D. Oude Egberink",
    "F. Hofman",
    "N. Smit",
    "P. Lübbers",
    "T. Bültman",
)


def _entry_mix() -> tuple[np.ndarray, float]:
    """The trede mix of new clients and the monthly inflow per client that keep the stock at LADDER_SHARE.

    With A the expected monthly transition of the stock (survival times moves), a stationary stock n
    needs inflow f = n (I - A); f's total is the inflow rate per client.
    """
    a = np.zeros((6, 6))
    for k in range(6):
        stay = 1 - EXIT[k]
        mix = np.array(SOORT_MIX.get(k, (0,) * 6))
        for soort, share in enumerate(mix):
            if share:
                a[k, max(k, TREDE_AFTER[soort])] += stay * PLACE[k] * share * (1 - LEAVES_BENEFIT[soort])
        rest = stay * (1 - PLACE[k])
        if k < 5:
            a[k, k + 1] += rest * UP[k]
        if k > 0:
            a[k, k - 1] += rest * DOWN[k]
        a[k, k] += rest * (1 - UP[k] - DOWN[k])
    inflow = np.clip(LADDER_SHARE @ (np.eye(6) - a), 0, None)
    return inflow / inflow.sum(), float(inflow.sum())


ENTRY_MIX, INFLOW_RATE = _entry_mix()


@dataclass(frozen=True)
class Scores:
    person: np.ndarray
    day: np.ndarray
    trede: np.ndarray


class Werkplein:
    """State of the client system; `step` simulates one month, the `*_frame` methods write a snapshot."""

    def __init__(
        self,
        rng: np.random.Generator,
        persons: Persons,
        register: Register,
        scale: float,
        doelgroep: Store,
        *,
        first: int,
        last: int,
    ) -> None:
        self.rng, self.persons, self.register, self.doelgroep = rng, persons, register, doelgroep
        # (gemeente, regeling) at the first delivery; the caseload follows a trend per municipality from there.
        self.target = gm.expected(gm.PW_PER_1000, scale)[:, None] * REGELING_SHARE[None, :]
        city = np.isin(np.array(gm.CODES), cal.CITIES)
        self.trend = np.where(city, cal.CASELOAD_TREND_CITY, cal.CASELOAD_TREND_TOWN)
        self.first = first
        con = register.sroi
        self.linker = sr.Linker(
            rng,
            sr.load_blocks(),
            con["begin"],
            con["end"],
            con["value"] * con["pct"] / 100,
            con["target"],
            last,
        )
        self.spells = Store(
            person="i4",
            regeling="i1",
            start="i4",
            end="i4",
            reason="i1",
            trede="i1",
            phase="i1",
            busy_until="i4",
            traject="i4",
            job_from="i4",  # the first day of a job after a trial or learning place: the trede goes to 6 then
        )
        # `linked`: the instrument that comes with a placement; it ends with the placement, not the benefit.
        self.trajecten = Store(person="i4", instrument="i1", sd="i1", start="i4", end="i4", cost="f8", linked="?")
        self.placements = Store(
            person="i4",
            employer="i4",
            kvk="i8",
            soort="i1",
            start="i4",
            end="i4",
            hours2="i2",
            loonwaarde="i2",
            sroi="i4",
        )
        self.comeback = Store(person="i4", day="i4", regeling="i1")
        self.scores: dict[int, list[Scores]] = {}  # month number of the file → scores to deliver in it
        self._unknown_kvk = self._kvks_outside_register(64)
        self._last_unknown = -(10**6)  # day of the last placement at an unknown employer

    # ---------- simulation ----------

    def target_on(self, day: int) -> np.ndarray:
        """The caseload (gemeente, regeling) the trend asks for on `day`."""
        years = (day - self.first) / YEAR
        return self.target * ((1 + self.trend) ** years)[:, None]

    def seed_stock(self, day0: int) -> None:
        """The clients on benefit at `day0`, with spell starts from the steady-state duration."""
        rng = self.rng
        counts = rng.poisson(self.target_on(day0))
        gemeente, regeling = np.nonzero(counts)
        gemeente, regeling = (
            np.repeat(gemeente, counts[gemeente, regeling]),
            np.repeat(regeling, counts[gemeente, regeling]),
        )
        n = gemeente.size
        birth = np.empty(n, dtype=np.int32)
        for r, bands in AGE_BANDS.items():
            mine = regeling == r
            birth[mine] = birth_for_ages(day0, ages_from_bands(rng, int(mine.sum()), bands))
        elapsed = rng.exponential(MONTH / INFLOW_RATE, n).astype(np.int64)
        start = np.maximum(day0 - 1 - elapsed, shift_years(birth, 18)).astype(np.int32)
        person = self.persons.add(gemeente, birth)
        trede = rng.choice(6, size=n, p=LADDER_SHARE)
        self._open_spells(person, regeling, start, trede)

    def _open_spells(
        self,
        person: np.ndarray,
        regeling: np.ndarray,
        start: np.ndarray,
        trede: np.ndarray,
        new_persons: bool = True,
    ) -> None:
        rng, n = self.rng, person.size
        self.spells.append(
            person=person,
            regeling=regeling,
            start=start,
            end=OPEN,
            reason=-1,
            trede=trede,
            phase=rng.integers(0, 3, n),
            busy_until=-1,
            traject=-1,
        )
        if not new_persons:
            return
        # Some clients with a work-limiting condition are in UWV's doelgroepregister (banenafspraak).
        indicated = (rng.random(n) < 0.06) & (trede >= 2)
        opname = np.maximum(start[indicated], REGISTER_START) + rng.integers(30, 400, int(indicated.sum()))
        self.doelgroep.append(
            person=person[indicated],
            grondslag=c.GRONDSLAG.index("INDICATIE_BANENAFSPRAAK"),
            opname=opname,
            afvoer=OPEN,
        )

    def step(self, a: int, b: int, month: int) -> None:
        """Everything that happens in [a, b); `month` numbers the simulated months from 0."""
        sp, rng = self.spells, self.rng
        season = date(a).month - 1
        live = np.flatnonzero((sp["start"] < a) & (sp["end"] >= a))
        cell = self.persons["gemeente"][sp["person"][live]].astype(np.int64) * len(c.REGELING) + sp["regeling"][live]
        open_now = np.bincount(cell, minlength=self.target.size).reshape(self.target.shape)
        unset = live[sp["end"][live] == OPEN]
        # Pension age ends bijstand (AOW from 67); no one comes back from it.
        pension = shift_years(self.persons["birth"][sp["person"][unset]], 67)
        retire = unset[pension < b]
        self._close(retire, np.maximum(pension[pension < b], a), c.REDEN_UITSTROOM.index("OVERIG"), returns=False)
        unset = unset[pension >= b]
        # Leaving for another reason than a placement (more in spring and autumn, less in summer and December).
        # Young people leave faster (calibration.YOUNG_EXIT); some of their outflow to work is a Werkplein match.
        trede = sp["trede"][unset]
        young = years_between(self.persons["birth"][sp["person"][unset]], a) < 27
        chance = EXIT[trede] * np.where(young, cal.YOUNG_EXIT, 1.0) * cal.SEASON_OUTFLOW[season]
        leaving = rng.random(unset.size) < chance
        leave, young = unset[leaving], young[leaving]
        high = sp["trede"][leave] >= 3
        reason = np.where(high, _draw(rng, REASON_HIGH, leave.size), _draw(rng, REASON_LOW, leave.size))
        reason = np.where(young, _draw(rng, cal.REASON_YOUNG, leave.size), reason)
        day = uniform_days(rng, np.maximum(a, sp["start"][leave] + 1), b)
        werk = reason == c.REDEN_UITSTROOM.index("WERK")
        match = young & werk & (rng.random(leave.size) < cal.YOUNG_WORK_VIA_MATCH)
        self._close(leave[~match], day[~match], reason[~match])
        self._match(leave[match], day[match], a)
        # Moving on the ladder: the month's trede applies to the scores taken in it.
        stay = live[sp["end"][live] >= b]
        t = sp["trede"][stay].astype(np.int64)
        u = rng.random(stay.size)
        moves = cal.SEASON_LADDER[season]  # fewer ladder movements and placements in the holiday months
        t = np.where(u < UP[t] * moves, t + 1, np.where(u < (UP[t] + DOWN[t]) * moves, t - 1, t))
        sp["trede"][stay] = t
        # A job after a trial or learning place: trede 6 from the month it begins, as a consultant would score it.
        hired = stay[(sp["job_from"][stay] >= 0) & (sp["job_from"][stay] < b)]
        sp["trede"][hired] = TREDE_AFTER[0]
        sp["job_from"][hired] = -1
        self._place(stay[(sp["end"][stay] == OPEN) & (sp["busy_until"][stay] < a)], a, b, moves)
        self._instruments(stay, a, b)
        self._inflow(a, b, open_now, season)
        self._score(a, b, month)

    def _close(self, spells: np.ndarray, day: np.ndarray, reason: np.ndarray | int, returns: bool = True) -> None:
        """End spells on `day`; cut their running instrument; maybe schedule a return (herinstroom)."""
        sp = self.spells
        day = np.broadcast_to(day, spells.shape)
        sp["end"][spells] = day
        sp["reason"][spells] = reason
        self._cut_instruments(spells, day)
        if returns:
            self._returns(spells, day)

    def _returns(self, spells: np.ndarray, day: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Schedule the herinstroom of ended spells (calibration.py): whether each comes back, and when."""
        sp, rng, pe, n = self.spells, self.rng, self.persons, spells.size
        person = sp["person"][spells]
        chance = cal.RETURN_BY_REASON[sp["reason"][spells]] * cal.RETURN_BY_SEX[pe["sex"][person]]
        chance = chance * np.where(years_between(pe["birth"][person], day) < 27, cal.RETURN_YOUNG, 1.0)
        back = rng.random(n) < chance
        band = _draw(rng, np.array([w for _, _, w in cal.RETURN_DELAY]), n)
        low = np.array([lo for lo, _, _ in cal.RETURN_DELAY])[band]
        high = np.array([hi for _, hi, _ in cal.RETURN_DELAY])[band]
        when = (day + low + (rng.random(n) * (high - low + 1)).astype(np.int64)).astype(np.int32)
        self.comeback.append(person=person[back], day=when[back], regeling=sp["regeling"][spells[back]])
        return back, when

    def _place(self, candidates: np.ndarray, a: int, b: int, season: float) -> None:
        sp, rng = self.spells, self.rng
        trede = sp["trede"][candidates]
        young = years_between(self.persons["birth"][sp["person"][candidates]], a) < 27
        chance = PLACE[trede] * np.where(young, cal.YOUNG_PLACE, 1.0) * season
        chosen = candidates[rng.random(candidates.size) < chance]
        if chosen.size == 0:
            return
        trede = sp["trede"][chosen]
        soort = np.empty(chosen.size, dtype=np.int64)
        for k, mix in SOORT_MIX.items():
            mine = trede == k
            soort[mine] = _draw(rng, np.array(mix), int(mine.sum()))
        n = chosen.size
        start = uniform_days(rng, np.maximum(a, sp["start"][chosen] + 1), b)
        end, hours2 = self._length_and_hours(soort, start)
        lks = soort == 1
        loonwaarde = np.where(
            lks | (np.isin(soort, (2, 5)) & (rng.random(n) < 0.3)),
            np.clip(np.round(20 + 80 * rng.beta(2.0, 2.6, n)), 20, 100),
            -1,
        )
        # Paid work usually ends the benefit; who comes back (herinstroom) has lost that job first.
        leaves = rng.random(n) < LEAVES_BENEFIT[soort]
        exit_day = start + rng.integers(0, 60, n)
        end[leaves] = self._close_later(chosen[leaves], exit_day[leaves], start[leaves], end[leaves])
        employer, sroi, kvk = self._employers(sp["person"][chosen], soort, start, end, hours2, a)
        self.placements.append(
            person=sp["person"][chosen],
            employer=employer,
            kvk=kvk,
            soort=soort,
            start=start,
            end=end,
            hours2=hours2,
            loonwaarde=loonwaarde,
            sroi=sroi,
        )
        sp["trede"][chosen] = np.maximum(trede, TREDE_AFTER[soort])
        sp["busy_until"][chosen] = end
        follow = (rng.random(n) < TO_JOB[soort]) & (employer >= 0)
        self._job_after(chosen[follow], employer[follow], kvk[follow], end[follow])
        # Placements that come with an instrument (wage subsidy, trial, learning place, klimopbaan).
        with_instrument = np.isin(soort, (1, 2, 3, 4))
        instrument = np.array([4, 4, 3, 1, 0, 4])[soort]
        sd = np.where(soort == 4, 2, 0)
        young = years_between(self.persons["birth"][sp["person"][chosen]], start) < 27
        sd = np.where(young & (rng.random(n) < 0.7), 3, sd)
        months = (end - start) / MONTH
        cost = MONTHLY_COST[instrument] * months * np.where(lks, (100 - loonwaarde) / 50, 1.0)
        self._book(
            chosen[with_instrument],
            instrument[with_instrument],
            sd[with_instrument],
            start[with_instrument],
            end[with_instrument],
            cost[with_instrument],
            linked=True,
        )

    def _job_after(self, spells: np.ndarray, employer: np.ndarray, kvk: np.ndarray, day: np.ndarray) -> None:
        """A regular job at the employer of a trial placement or learning place, from the day after it ended; most
        such jobs end the benefit (LEAVES_BENEFIT), a few weeks after they begin."""
        if spells.size == 0:
            return
        sp, rng, n = self.spells, self.rng, spells.size
        soort = np.zeros(n, dtype=np.int64)  # REGULIER
        start = (day + 1).astype(np.int32)
        end, hours2 = self._length_and_hours(soort, start)
        leaves = (rng.random(n) < LEAVES_BENEFIT[soort]) & (sp["end"][spells] == OPEN)
        exit_day = (start + rng.integers(0, 30, n)).astype(np.int32)
        end[leaves] = self._close_later(spells[leaves], exit_day[leaves], start[leaves], end[leaves])
        self._regular_job(spells, employer, kvk, start, end, hours2, np.full(n, -1))
        sp["job_from"][spells] = start

    def _length_and_hours(self, soort: np.ndarray, start: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        rng = self.rng
        length = rng.integers(MONTHS[soort, 0], MONTHS[soort, 1] + 1) * MONTH
        # Paid work that ends early (LOST_BY_6M, LOST_BY_12M): within 1 to 6 months, or 6 to 12.
        lost = rng.random(soort.size)
        early = rng.integers(1, 6, soort.size) * MONTH + rng.integers(0, 30, soort.size)
        later = rng.integers(6, 12, soort.size) * MONTH + rng.integers(0, 30, soort.size)
        length = np.where(PAID[soort] & (lost < LOST_BY_6M), early, length)
        length = np.where(PAID[soort] & (lost >= LOST_BY_6M) & (lost < LOST_BY_6M + LOST_BY_12M), later, length)
        end = (start + length.astype(np.int64)).astype(np.int32)
        hours2 = rng.integers(HOURS[soort, 0] * 2, HOURS[soort, 1] * 2 + 1)
        hours2 = np.where(rng.random(soort.size) < 0.7, hours2 // 4 * 4, hours2)  # mostly whole, even hours
        return end, hours2

    def _match(self, spells: np.ndarray, day: np.ndarray, a: int) -> None:
        """Young people who leave for work through the Werkplein's match (calibration.YOUNG_WORK_VIA_MATCH): a
        regular placement that starts in the month, on or before the day the benefit ends (reden WERK)."""
        if spells.size == 0:
            return
        sp, rng = self.spells, self.rng
        soort = np.zeros(spells.size, dtype=np.int64)  # REGULIER
        start = uniform_days(rng, np.maximum(a, sp["start"][spells] + 1), day + 1)
        end, hours2 = self._length_and_hours(soort, start)
        end = self._close_later(spells, np.maximum(day, start).astype(np.int32), start, end)
        employer, sroi, kvk = self._employers(sp["person"][spells], soort, start, end, hours2, a)
        self._regular_job(spells, employer, kvk, start, end, hours2, sroi)
        sp["trede"][spells] = TREDE_AFTER[0]

    def _regular_job(
        self,
        spells: np.ndarray,
        employer: np.ndarray,
        kvk: np.ndarray,
        start: np.ndarray,
        end: np.ndarray,
        hours2: np.ndarray,
        sroi: np.ndarray,
    ) -> None:
        """A regular placement (no loonwaarde) for the spells' people, busy until it ends."""
        sp = self.spells
        self.placements.append(
            person=sp["person"][spells],
            employer=employer,
            kvk=kvk,
            soort=np.zeros(spells.size, dtype=np.int64),
            start=start,
            end=end,
            hours2=hours2,
            loonwaarde=-1,
            sroi=sroi,
        )
        sp["busy_until"][spells] = np.maximum(sp["busy_until"][spells], end)

    def _close_later(self, spells: np.ndarray, day: np.ndarray, start: np.ndarray, end: np.ndarray) -> np.ndarray:
        """A scheduled end (reden WERK): files before `day` still show the spell open.

        Returns the placements' ends: the job of someone who will come back ends shortly before the return.
        """
        sp, rng = self.spells, self.rng
        sp["end"][spells] = day
        sp["reason"][spells] = c.REDEN_UITSTROOM.index("WERK")
        self._cut_instruments(spells, day)
        back, when = self._returns(spells, day)
        lost = np.maximum(when - rng.integers(1, 21, spells.size), start + 14)
        return np.where(back, np.minimum(end, lost), end).astype(np.int32)

    def _cut_instruments(self, spells: np.ndarray, day: np.ndarray) -> None:
        """An instrument booked for a client ends when the benefit does (unless a placement carries it)."""
        if len(self.trajecten) == 0:
            return
        tr = self.spells["traject"][spells]
        cut = (tr >= 0) & ~self.trajecten["linked"][np.maximum(tr, 0)]
        te = self.trajecten["end"]
        te[tr[cut]] = np.minimum(te[tr[cut]], day[cut])

    def _employers(
        self, person: np.ndarray, soort: np.ndarray, start: np.ndarray, end: np.ndarray, hours2: np.ndarray, a: int
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """An employer per placement: nearby and weighted by size and pact; some linked to an SROI contract
        by its supplier (sroi.Linker), as many as the contract needs to realise its target."""
        rng, reg, n = self.rng, self.register, person.size
        emp = reg.emp
        usable = reg.usable(emp["reg"], a)
        home = self.persons["gemeente"][person]
        # Young people are led to the sectors the plan names (calibration.YOUNG_KANSRIJK_SHARE).
        young = years_between(self.persons["birth"][person], start) < 27
        kansrijk = np.isin(emp["sbi"], cal.KANSRIJKE_SECTOREN)
        employer = np.empty(n, dtype=np.int64)
        for g in np.unique(home):
            w = emp["weight"] * usable * np.where(emp["gemeente"] == g, 4.0, 1.0)
            mine = np.flatnonzero((home == g) & ~young)
            employer[mine] = rng.choice(len(emp), size=mine.size, p=w / w.sum())
            mine = np.flatnonzero((home == g) & young)
            if mine.size:
                share = w[kansrijk].sum() / w.sum()
                target = cal.YOUNG_KANSRIJK_SHARE
                boost = target * (1 - share) / ((1 - target) * share) if 0 < share < target else 1.0
                wy = w * np.where(kansrijk, boost, 1.0)
                employer[mine] = rng.choice(len(emp), size=mine.size, p=wy / wy.sum())
        # A deliberate few employers the register does not know (a warning): 0.4 %, and at least one every
        # half year so a small run has them too.
        unknown = rng.random(n) < 0.004
        if n and not unknown.any() and a - self._last_unknown > 182:
            unknown[0] = True
        if unknown.any():
            self._last_unknown = a
        sroi = np.full(n, -1, dtype=np.int64)
        con = reg.sroi
        running = np.flatnonzero((con["begin"] <= a) & (con["end"] > a) & reg.usable(con["signed"], a))
        if running.size:
            group = sr.group_of(years_between(self.persons["birth"][person], start), self._in_register(person, start))
            sroi = self.linker.link(a, running, soort, group, start, end, hours2 / 2, (soort != 4) & ~unknown)
            via = sroi >= 0
            employer[via] = con["supplier"][sroi[via]]
        kvk = emp["kvk"][employer]
        employer[unknown] = -1
        kvk[unknown] = rng.choice(self._unknown_kvk, size=int(unknown.sum()))
        return employer, sroi, kvk

    def _in_register(self, person: np.ndarray, on: np.ndarray) -> np.ndarray:
        """In UWV's doelgroepregister on the day (opname on or before it, afvoer after it)."""
        dg = self.doelgroep
        rows = np.flatnonzero(np.isin(dg["person"], person))
        out = np.zeros(person.size, dtype=bool)
        for r in rows:
            mine = person == dg["person"][r]
            out |= mine & (dg["opname"][r] <= on) & (dg["afvoer"][r] > on)
        return out

    def _kvks_outside_register(self, n: int) -> np.ndarray:
        known = self.register.emp["kvk"]
        draw = self.rng.integers(10_000_000, 100_000_000, size=2 * n)
        return np.unique(draw[~np.isin(draw, known)])[:n]

    def _instruments(self, stay: np.ndarray, a: int, b: int) -> None:
        sp, rng = self.spells, self.rng
        tr = sp["traject"][stay]
        ends = self.trajecten["end"]
        running_until = ends[np.maximum(tr, 0)] if ends.size else np.full(tr.size, -1)
        idle = stay[(tr < 0) | (running_until < a)]
        idle = idle[(sp["trede"][idle] < 5) & (sp["end"][idle] >= b)]
        chosen = idle[rng.random(idle.size) < START_INSTRUMENT]
        if chosen.size == 0:
            return
        trede, n = sp["trede"][chosen], chosen.size
        instrument, sd = np.empty(n, dtype=np.int64), np.empty(n, dtype=np.int64)
        for k, mix in INSTRUMENT_MIX.items():
            mine = np.flatnonzero(trede == k)
            pick = _draw(rng, np.array([w for _, _, w in mix]), mine.size)
            instrument[mine] = np.array([i for i, _, _ in mix])[pick]
            sd[mine] = np.array([s for _, s, _ in mix])[pick]
        start = uniform_days(rng, np.maximum(a, sp["start"][chosen] + 1), b)
        young = np.flatnonzero(
            (years_between(self.persons["birth"][sp["person"][chosen]], start) < 27) & (rng.random(n) < 0.8)
        )
        instrument[young] = rng.choice(YOUTH_INSTRUMENTS, size=young.size)
        sd[young] = 3
        sd[rng.random(n) < 0.05] = -1  # booked without a strategic goal
        months = rng.integers(3, 13, n)
        end = start + (months * MONTH).astype(np.int64)
        cost = MONTHLY_COST[instrument] * months + ONE_OFF_COST[instrument] * rng.uniform(0.25, 1.75, n)
        self._book(chosen, instrument, sd, start, end, cost)

    def _book(
        self,
        spells: np.ndarray,
        instrument: np.ndarray,
        sd: np.ndarray,
        start: np.ndarray,
        end: np.ndarray,
        cost: np.ndarray,
        linked: bool = False,
    ) -> None:
        """Book instruments; one that comes with a placement runs on after the benefit ends."""
        rng, sp = self.rng, self.spells
        if not linked:
            end = np.minimum(end, np.where(sp["end"][spells] == OPEN, OPEN, np.maximum(sp["end"][spells], start)))
        cost = np.where((rng.random(spells.size) < 0.08) | (instrument == 3), np.nan, np.round(cost, 2))
        idx = self.trajecten.append(
            person=sp["person"][spells],
            instrument=instrument,
            sd=sd,
            start=start,
            end=end,
            cost=cost,
            linked=linked,
        )
        sp["traject"][spells] = idx

    def _inflow(self, a: int, b: int, open_now: np.ndarray, season: int) -> None:
        """New clients: the stationary inflow less the returns, by season, pulled towards the caseload trend."""
        rng = self.rng
        target = self.target_on(b)
        expected = target * INFLOW_RATE * (1 - RETURN_SHARE) * (b - a) / MONTH * cal.SEASON_INFLOW[season]
        counts = rng.poisson(np.maximum(expected + cal.CASELOAD_PULL * (target - open_now), 0))
        gemeente, regeling = np.nonzero(counts)
        gemeente, regeling = (
            np.repeat(gemeente, counts[gemeente, regeling]),
            np.repeat(regeling, counts[gemeente, regeling]),
        )
        start = uniform_days(rng, a, b, gemeente.size)
        birth = np.empty(gemeente.size, dtype=np.int32)
        for r, bands in {**AGE_BANDS, 0: cal.PW_INFLOW_AGE_BANDS}.items():  # PW's inflow is younger than its stock
            mine = regeling == r
            birth[mine] = birth_for_ages(start[mine], ages_from_bands(rng, int(mine.sum()), bands))
        person = self.persons.add(gemeente, birth)
        self._open_spells(person, regeling, start, rng.choice(6, size=gemeente.size, p=ENTRY_MIX))
        # Returns (herinstroom): the same person, a new spell.
        cb = self.comeback
        due = np.flatnonzero((cb["day"] >= a) & (cb["day"] < b))
        person = cb["person"][due]
        young_enough = shift_years(self.persons["birth"][person], 66) > b
        due = due[young_enough]
        if due.size:
            trede = np.maximum(rng.choice(6, size=due.size, p=ENTRY_MIX) - 1, 0)
            self._open_spells(cb["person"][due], cb["regeling"][due], cb["day"][due], trede, new_persons=False)

    def _score(self, a: int, b: int, month: int) -> None:
        sp, rng = self.spells, self.rng
        due = np.flatnonzero((sp["phase"] == month % 3) & (sp["start"] < b) & (sp["end"] > a))
        day = uniform_days(rng, a, b, due.size)
        ok = (day >= sp["start"][due]) & (day < sp["end"][due])
        due, day = due[ok], day[ok]
        late = rng.random(due.size) < LATE_SCORES
        for target, keep in ((month + 1, ~late), (month + 4, late)):  # delivered in the file after the month
            self.scores.setdefault(target, []).append(
                Scores(sp["person"][due[keep]], day[keep], sp["trede"][due[keep]] + 1)
            )

    # ---------- snapshot files ----------

    def klanten_frame(self, peil: int, rng: np.random.Generator) -> pl.DataFrame:
        sp, pe = self.spells, self.persons
        rows = _snapshot(sp["start"], sp["end"], peil)
        rows = rows[np.lexsort((sp["start"][rows], sp["person"][rows]))]
        person = sp["person"][rows]
        end = sp["end"][rows]
        known = end < peil
        d = fmt.WINDOWS
        postcode = pl.Series(pe["postcode"][person]).cast(pl.String)
        space = np.where(pe["pc_space"][person], " ", "")
        return pl.DataFrame(
            {
                "bsn": fmt.bsns(pe["bsn"][person], pe["short_bsn"][person]),
                "geboortedatum": fmt.dates(pe["birth"][person], d),
                "geslacht": fmt.codes(c.GESLACHT, pe["sex"][person]),
                "postcode": postcode + pl.Series(space) + pl.Series(LETTERS[pe["letters"][person]]),
                "gemeentecode": fmt.gemeentecodes(pe["gemeente"][person], rng),
                "regeling": fmt.codes(c.REGELING, sp["regeling"][rows]),
                "datum_instroom": fmt.dates(sp["start"][rows], d),
                "datum_uitstroom": fmt.dates(end, d, before=peil),
                "reden_uitstroom": fmt.codes(c.REDEN_UITSTROOM, np.where(known, sp["reason"][rows], -1)),
            }
        )

    def ladder_frame(self, month: int) -> pl.DataFrame:
        """The scores to deliver in the file of `month`, and any earlier ones not delivered yet (the first file)."""
        parts = [part for key in sorted(k for k in self.scores if k <= month) for part in self.scores.pop(key)]
        person = np.concatenate([p.person for p in parts]) if parts else np.empty(0, np.int32)
        day = np.concatenate([p.day for p in parts]) if parts else np.empty(0, np.int32)
        trede = np.concatenate([p.trede for p in parts]) if parts else np.empty(0, np.int8)
        order = np.lexsort((day, person))
        person, day, trede = person[order], day[order], trede[order]
        pe = self.persons
        consultant = pe["consultant"][person] % len(CONSULTANTS)
        name = np.where(consultant % 19 == 18, "", np.array(CONSULTANTS)[consultant])  # sometimes not recorded
        return pl.DataFrame(
            {
                "bsn": fmt.bsns(pe["bsn"][person], pe["short_bsn"][person]),
                "peildatum": fmt.dates(day, fmt.WINDOWS),
                "trede": pl.Series(trede.astype(np.int64)).cast(pl.String),
                "vastgesteld_door": fmt.quote(pl.Series("vastgesteld_door", name).replace("", None)),
            }
        )

    def trajecten_frame(self, peil: int) -> pl.DataFrame:
        tr, pe = self.trajecten, self.persons
        rows = _snapshot(tr["start"], tr["end"], peil)
        person = tr["person"][rows]
        d = fmt.WINDOWS_BOM
        return pl.DataFrame(
            {
                "traject_id": _ids("T-", rows + 100_001),
                "bsn": fmt.bsns(pe["bsn"][person], pe["short_bsn"][person]),
                "instrument": fmt.codes(c.INSTRUMENT, tr["instrument"][rows]),
                "begindatum": fmt.dates(tr["start"][rows], d),
                "einddatum": fmt.dates(tr["end"][rows], d, before=peil),
                "kosten_eur": fmt.decimals(tr["cost"][rows], d),
                "strategisch_doel": fmt.codes(c.STRATEGISCH_DOEL, tr["sd"][rows]),
            }
        )

    def plaatsingen_frame(self, peil: int, rng: np.random.Generator) -> tuple[pl.DataFrame, np.ndarray]:
        """The snapshot, and the row positions whose KvK is deliberately unknown to the register."""
        pl_, pe, reg = self.placements, self.persons, self.register
        rows = _snapshot(pl_["start"], pl_["end"], peil)
        person = pl_["person"][rows]
        d = fmt.WINDOWS_BOM
        sroi = pl_["sroi"][rows]
        sroi_ids = np.array([*reg.sroi_ids, ""])[np.where(sroi < 0, len(reg.sroi_ids), sroi)]
        frame = pl.DataFrame(
            {
                "plaatsing_id": _ids("PL-", rows + 501),
                "bsn": fmt.bsns(pe["bsn"][person], pe["short_bsn"][person]),
                "kvk": fmt.quote(fmt.kvks(pl_["kvk"][rows]).alias("kvk"), rng.random(rows.size) < 0.04),
                "soort": fmt.codes(c.SOORT, pl_["soort"][rows]),
                "begindatum": fmt.dates(pl_["start"][rows], d),
                "einddatum": fmt.dates(pl_["end"][rows], d, before=peil),
                "uren_per_week": fmt.decimals(pl_["hours2"][rows] / 2, d, places=1, trim=True),
                "loonwaarde_pct": fmt.integers(pl_["loonwaarde"][rows]),
                "sroi_contract_id": pl.Series(sroi_ids).replace("", None),
            }
        )
        return frame, np.flatnonzero(pl_["employer"][rows] < 0)


def _snapshot(start: np.ndarray, end: np.ndarray, peil: int) -> np.ndarray:
    """Begun before the peildatum, and open at it or ended in the 12 months before it."""
    return np.flatnonzero((start < peil) & (end >= peil - 365))


def _ids(prefix: str, numbers: np.ndarray) -> pl.Series:
    return pl.select(pl.lit(prefix) + pl.Series(numbers.astype(np.int64)).cast(pl.String)).to_series()


def _draw(rng: np.random.Generator, weights: np.ndarray, n: int) -> np.ndarray:
    p = np.asarray(weights, dtype=np.float64)
    return rng.choice(p.size, size=n, p=p / p.sum())
