"""Calibration of the demo data: the published dynamics the generator aims at, each with its source.

The figures come from shared/domain.md ("Published dynamics to calibrate on"); what is marked *choice*
is the generator's own assumption where no source gives a number. tests/unit/test_generator_calibration.py
measures every target on the generated files, and docs/decisions.md ("Issue 10: demo data calibration")
says what was chosen and why. The static shapes (bijstand density, Enschede's 2010 ladder, WSW size) stay
where they were: tools/synth/gemeenten.py, werkplein.py (LADDER_2010) and wsw.py.
"""

from __future__ import annotations

import numpy as np

# ---------- outflow from bijstand and the caseload ----------

# Divosa Benchmark Werk & Inkomen, jaarrapportage: uitstroompercentage 26 % (2022), 23.4 % (2023) of the
# caseload a year. The generator's exit rates (werkplein.EXIT and the placements) are scaled to this.
PW_OUTFLOW_PER_YEAR = 0.25

# Divosa jaarrapportage: the caseload moved −6.7 % (2022) and −0.5 % (2023), small towns rising while the
# cities fell. *Choice*: the three cities −3 % a year, the other municipalities +1.5 % a year (Twente as a
# whole about −2 % a year), anchored so the bijstand density of gemeenten.py holds at the first delivery.
CITIES = ("GM0153", "GM0141", "GM0164")  # Enschede, Almelo, Hengelo
CASELOAD_TREND_CITY = -0.03
CASELOAD_TREND_TOWN = 0.015
# *Choice*: each month a twentieth of the gap between the caseload and its trend is closed by more or
# less inflow, so the stock follows the trend without flattening the seasonal flows.
CASELOAD_PULL = 0.05

# ---------- herinstroom (return to bijstand) ----------

# Divosa-monitor factsheet in- en uitstroom 2014: of all who leave bijstand, about 15 % are back within
# 6 months, 22 % within a year, settling near 30 % after 1.5–2 years.
HERINSTROOM_6M, HERINSTROOM_12M, HERINSTROOM_24M = 0.15, 0.22, 0.30
# Same factsheet: after leaving for work, education or other income, 11 % or fewer within 6 months.
# CBS cohort study (2024): of those who left bijstand for a job in 2021, 91 % were still out of bijstand
# 18 months later.
HERINSTROOM_WERK_6M_MAX = 0.11
WERK_STILL_OUT_18M = 0.91

# When those who return do so: the delay after the outflow, as (from day, to day, share), uniform within a
# band. Shaped on the factsheet's 15 / 22 / 30 %: half of the returns within 6 months, three quarters
# within a year, the rest by two years. The first band starts after 35 days: a return within the same
# month is not an outflow in a monthly count (the monitor's, and the Divosa benchmark's).
RETURN_DELAY = ((35, 182, 0.50), (183, 365, 0.23), (366, 730, 0.27))

# The chance to return within two years per reden_uitstroom (codes.REDEN_UITSTROOM order: WERK,
# OPLEIDING, VERHUIZING, OVERLIJDEN, DETENTIE, PARTNER_INKOMEN, OVERIG). WERK 0.13: about 6.5 % within
# 6 months and 10–11 % within 18 months (CBS: 91 % still out). OPLEIDING like work (factsheet). *Choice*
# for the rest: a move out of the municipality rarely comes back to it, detention usually does, a
# partner's income often ends again, and OVERIG (the administrative ends: no longer entitled, not
# appearing, information duty) returns most; OVERIG's figure is what makes all outflow reach ~30 %.
RETURN_BY_REASON = np.array([0.13, 0.12, 0.05, 0.0, 0.75, 0.50, 0.80])

# Factsheet 2014: young people (< 27) and women return less often. *Choice*: the factors below, with men
# a little above average so the total stays on target.
RETURN_YOUNG = 0.75
RETURN_BY_SEX = np.array([1.18, 0.85, 1.0])  # codes.GESLACHT order: M, V, X

# ---------- young people (< 27) ----------
# Without these the generator treats a 20-year-old like a 50-year-old: the same inflow share (12 %), the same
# exit and placement rates and the same employers. Then a fifth of Twente places 154 of 1,299 people under 27
# in three years, Enschede 6 of them in the six sectors of SD4 during the policy period, where the plan
# (seed 002, SD4) counts 750 young people in four years (about 190 a year at full size, 116 by now at 0.2).
#
# CBS kwartaalcijfers bijstand: 39,000 of 403,000 people in bijstand were under 27 (end of March 2024,
# 9.7 %), while Divosa Benchmark "In-, uit- en herinstroom bijstand 2016-2021": people under 35 are about half
# of the inflow (55 % in 2020) and over-represented in the outflow, and the CBS cohort study (2024): people
# under 35 relatively often leave bijstand for a job. A small stock share with a large inflow share means a
# fast outflow. The bands below give PW's new clients 55 % under 35, as Divosa's 2020, and 30 % under 27
# (*choice*); with returners (older) the inflow is 45 % under 35 and 23 % under 27. The stock at the first
# delivery is drawn with werkplein.AGE_BANDS (8 % under 27: with the years of history before it, 9.7-10 % at the
# first file). Together they keep the share under 27 where CBS has it, month after month: with 25 % of the new
# clients and 12 % of the stock the young stock fell by a fifth in three years while the caseload fell by 5 %,
# which the Jongeren page showed as a trend (session 78).
PW_INFLOW_AGE_BANDS = ((18, 27, 30), (27, 35, 25), (35, 45, 20), (45, 55, 17), (55, 66.9, 13))
# *Choice*, from the same stock/inflow ratio (a quarter of the inflow, a tenth of the stock, less those who
# turn 27 on benefit): people under 27 leave benefit twice as often as their trede alone would say.
YOUNG_EXIT = 2.0
# *Choice*: the Werkplein places young people twice as often from the same trede (the plan gives them "een
# status aparte" and their own approach, the Actieplan Jeugdwerkloosheid; CBS: under-35s find a job most).
YOUNG_PLACE = 2.0
# Why young people leave when no placement ended it (codes.REDEN_UITSTROOM order: WERK, OPLEIDING, VERHUIZING,
# OVERLIJDEN, DETENTIE, PARTNER_INKOMEN, OVERIG), in place of werkplein.REASON_LOW/HIGH. *Choice*, after
# Divosa (2016-2021: young people often leave on their own strength for work) and the plan's second spoor
# (back to school): half to work, more to education, hardly any deaths, fewer administrative ends.
REASON_YOUNG = np.array([0.50, 0.15, 0.10, 0.0, 0.02, 0.08, 0.15])
# Plan, SD4 aanpak: "resultaatgerichte afspraken met bedrijfsleven en onderwijsinstellingen" so that 750 young
# people get "een match tussen vraag en aanbod". *Choice*: of the young people who leave benefit for work
# without a placement already running, 70 % do so through such a match, registered as a regular placement
# at the employer; the others find work on their own (Divosa: young people often leave on their own strength).
YOUNG_WORK_VIA_MATCH = 0.7
# The sectors the plan names for young people (zorg Q, vervoer/logistiek H, bouw F, techniek/industrie C,
# detailhandel G, horeca I) take about half of all placements by employer weight alone. *Choice*: the youth
# approach leads 80 % of the placements of young people there (the rest: schoonmaak, groen, uitzend, …).
KANSRIJKE_SECTOREN = ("Q", "H", "F", "C", "G", "I")
YOUNG_KANSRIJK_SHARE = 0.80

# ---------- seasonality (January first) ----------
# *Choice*, after the pattern the monthly CBS bijstand figures show: more inflow in January (contracts
# that end with the year) and after the summer; more outflow in spring and autumn (seasonal work,
# the school year), less in summer and December; fewer ladder movements (and placements) in the holiday
# months July, August and December. Each has mean 1, so the yearly totals keep their calibration.


def _mean_one(values: tuple[float, ...]) -> np.ndarray:
    a = np.array(values, dtype=np.float64)
    return a / a.mean()


SEASON_INFLOW = _mean_one((1.30, 1.05, 0.95, 0.90, 0.90, 0.90, 0.95, 1.05, 1.20, 1.05, 0.95, 0.80))
SEASON_OUTFLOW = _mean_one((0.90, 0.95, 1.10, 1.15, 1.10, 1.00, 0.85, 0.85, 1.05, 1.15, 1.10, 0.80))
SEASON_LADDER = _mean_one((1.00, 1.05, 1.10, 1.10, 1.05, 1.00, 0.60, 0.60, 1.10, 1.15, 1.10, 0.70))

# ---------- ladder ----------
# Participatieladder (Regioplan/VNG 2008): measured at least twice a year, so a score older than about
# 12 months is stale (the monitor's stand counts scores of the last 12 months). A real first delivery of
# a system with history carries that history: the first ladder file holds the scores of the 12 months
# before it, so the monitor's first month is as complete as any later one.
LADDER_HISTORY_MONTHS = 12

# ---------- WSW ----------
# About 3,250 people worked in the WSW in Twente in 2016 (seed 004); the WSW is closed to newcomers since
# 2015, so the population only shrinks (national Wsw-statistiek: about 5–7 % a year through pension and
# other leavers, forecast with "blijfkansen").
WSW_TWENTE = 3250
WSW_SHRINK_PER_YEAR = 0.06

# ---------- SROI ----------
# Enschede's SROI clause is 5 % of the contract value (seed 002); other buyers in the region ask 3 or 4 %.
# *Choice*: 70 % of the contracts at 5 %, 15 % each at 3 and 4 %.
SROI_PCT = np.array([3.0, 4.0, 5.0])
SROI_PCT_P = np.array([0.15, 0.15, 0.70])
# *Choice*: municipal tenders with an SROI clause between € 0.3 M and € 10 M (log-normal, median € 1.5 M),
# running one to three years.
SROI_VALUE_MIN, SROI_VALUE_MEDIAN, SROI_VALUE_MAX = 300_000, 1_500_000, 10_000_000
SROI_YEARS = (1.0, 3.0)
# Realisation of the obligation (contractwaarde × sroi_pct / 100) at the contract's end, or pro rata
# at the newest extract for a running contract, valued with the bouwblokken of
# dbt_project/seeds/sroi_bouwblokken.csv (tools/synth/sroi.py). *Choice*: suppliers mostly meet their
# obligation (70–120 %), a few fall short or do much more (50–150 % in all): a triangular draw.
SROI_REALISATION = (0.55, 0.95, 1.35)  # low, mode, high
SROI_CONTRACTS_TWENTE = 40  # contracts with an SROI clause in the register at scale 1 (choice)
