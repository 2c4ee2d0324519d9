"""Prognoses and scenarios, free of Streamlit: where the goals end at the current pace, the Wsw population from its
blijfkansen, the caseload for the next twelve months, and what a budget buys at the measured cost per durable outflow.

Every prognosis comes with an interval (80 %: one in five outcomes falls outside it) and a back-test: the same method
run from twelve months before the origin, its error against what then happened. The inputs are the published
figures (app/queries/prognose.py), and every projected count is rounded to a multiple of `AFRONDING`, so a prognosis
is never mistaken for a count and gives no small cell away (docs/decisions.md, issue 14).
"""

from __future__ import annotations

import datetime as dt
import math
import warnings
from dataclasses import dataclass, field

import numpy as np
import polars as pl

AFRONDING = 5  # projected counts are rounded to a multiple of 5 (CBS rounds its published tables)
Z80 = 1.2815515655446004  # the normal quantile of an 80 % interval
TERUG = 12  # months held out in every back-test


def afgerond(waarde: float | None, op: int = AFRONDING) -> int | None:
    """A projected count as it may be shown: the nearest multiple of `op`, never below 0."""
    if waarde is None or not math.isfinite(waarde):
        return None
    return max(0, round(waarde / op) * op)


@dataclass(frozen=True)
class Prognose:
    """A projection: point values with an 80 % interval per step, and the error of the same method on held-out
    months (`fout_pct`: mean absolute percentage error; None when there is too little history)."""

    stappen: list[int]  # months after the origin
    verwacht: list[float]
    onder: list[float]
    boven: list[float]
    fout_pct: float | None = None
    binnen_interval: float | None = None  # share of the held-out months whose outcome fell inside the interval
    methode: str = ""
    extra: dict[str, object] = field(default_factory=dict)


def _mape(voorspeld: list[float], werkelijk: list[float]) -> float:
    paren = [(p, w) for p, w in zip(voorspeld, werkelijk, strict=True) if w]
    return 100 * sum(abs(p - w) / abs(w) for p, w in paren) / len(paren)


def _binnen(onder: list[float], boven: list[float], werkelijk: list[float]) -> float:
    return sum(lo <= w <= hi for lo, hi, w in zip(onder, boven, werkelijk, strict=True)) / len(werkelijk)


# ---------- the caseload: exponential smoothing (ETS) ----------


def _ets_fit(reeks: np.ndarray):
    """The ETS model with the smallest AICc among: level only, damped trend, and (with two years of history) level
    with additive seasonality of 12 months, all with additive errors (statsmodels' ETSModel)."""
    import pandas as pd
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

    endog = pd.Series(reeks, index=pd.RangeIndex(len(reeks)))  # its predictions need an index

    kandidaten: list[dict[str, object]] = [{"trend": None}, {"trend": "add", "damped_trend": True}]
    if len(reeks) >= 24:
        # Not the damped trend with seasonality: with three years of history it takes seconds and never won.
        kandidaten.append({"seasonal": "add", "seasonal_periods": 12})
    beste, beste_aicc, beste_naam = None, math.inf, ""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for kandidaat in kandidaten:
            try:
                fit = ETSModel(endog, error="add", **kandidaat).fit(disp=False)
            except (ValueError, np.linalg.LinAlgError):
                continue
            aicc = fit.aicc if math.isfinite(fit.aicc) else fit.aic
            if math.isfinite(aicc) and aicc < beste_aicc:
                beste, beste_aicc = fit, aicc
                beste_naam = "ETS(A," + ("Ad" if kandidaat.get("trend") else "N") + ","
                beste_naam += ("A" if kandidaat.get("seasonal") else "N") + ")"
    return beste, beste_naam


def _ets_voorspel(reeks: np.ndarray, h: int) -> tuple[list[float], list[float], list[float], str]:
    fit, naam = _ets_fit(reeks)
    if fit is None:
        raise ValueError("geen ETS-model past op deze reeks")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        frame = fit.get_prediction(start=len(reeks), end=len(reeks) + h - 1).summary_frame(alpha=0.2)
    kolommen = list(frame.columns)
    return (
        [float(v) for v in frame[kolommen[0]]],
        [float(v) for v in frame["pi_lower"]],
        [float(v) for v in frame["pi_upper"]],
        naam,
    )


def bestand(reeks: list[int | None], h: int = 12) -> Prognose | None:
    """The caseload for the next `h` months from its monthly history (oldest first), with an 80 % prediction
    interval, and the back-test: the same selection of model fitted without the last 12 months, its MAPE over them.
    None when the history has a hidden month or is shorter than 24 months."""
    if len(reeks) < 24 or any(v is None for v in reeks):
        return None
    y = np.asarray(reeks, dtype=float)
    verwacht, onder, boven, naam = _ets_voorspel(y, h)
    fout = binnen = None
    breder = 1.0
    if len(y) - TERUG >= 24:
        p, lo, hi, _ = _ets_voorspel(y[:-TERUG], TERUG)
        werkelijk = [float(v) for v in y[-TERUG:]]
        fout, binnen = _mape(p, werkelijk), _binnen(lo, hi, werkelijk)
        # A smooth caseload gives ETS small residuals, and its own interval then held far fewer than four in five
        # held-out months (one in twelve for PW on the demo data): widen it until it would have held them.
        breder = _verbreding(p, lo, hi, werkelijk)
        onder = [v - breder * (v - lo) for v, lo in zip(verwacht, onder, strict=True)]
        boven = [v + breder * (hi - v) for v, hi in zip(verwacht, boven, strict=True)]
    return Prognose(list(range(1, h + 1)), verwacht, onder, boven, fout, binnen, naam, {"verbreding": breder})


def _verbreding(voorspeld: list[float], onder: list[float], boven: list[float], werkelijk: list[float]) -> float:
    """By how much the model's interval must widen (at least not at all) for 80 % of the held-out months to fall
    inside it: the 80th percentile of |error| ÷ half-width (a split-conformal calibration on the back-test)."""
    verhoudingen = sorted(
        abs(w - v) / max((hi - lo) / 2, 1e-9) for v, lo, hi, w in zip(voorspeld, onder, boven, werkelijk, strict=True)
    )
    return max(1.0, verhoudingen[math.ceil(0.8 * len(verhoudingen)) - 1])


# ---------- the strategic goals: the current pace to the end of the period ----------


def doel(gerealiseerd: list[int | None], resterend: int, venster: int = 12) -> Prognose | None:
    """Where a goal ends when the realisation (cumulative, one value per month end, oldest first) goes on at the pace
    of the last `venster` months for `resterend` more months. The interval (80 %) comes from how much the monthly
    increase varied: the sum of `resterend` such months, plus the uncertainty of the pace itself. The back-test runs
    the same from 12 months before the end of the history and compares with the realisation at the end."""
    # A cumulative count only grows, so a hidden (small) value can only come first: those months are left out.
    while gerealiseerd and gerealiseerd[0] is None:
        gerealiseerd = gerealiseerd[1:]
    if len(gerealiseerd) < 2 or any(v is None for v in gerealiseerd):
        return None

    def vooruit(reeks: list[int], r: int) -> tuple[float, float, float]:
        # The increases of the last `venster` months, or of all months shown so far when there are fewer.
        toenames = np.diff(np.asarray(reeks[-(venster + 1) :], dtype=float))
        tempo = float(toenames.mean())
        spreiding = float(toenames.std(ddof=1)) if len(toenames) > 1 else 0.0
        sd = spreiding * math.sqrt(r + r * r / len(toenames))
        punt = reeks[-1] + tempo * r
        return punt, max(reeks[-1], punt - Z80 * sd), punt + Z80 * sd

    reeks = [int(v) for v in gerealiseerd]  # type: ignore[arg-type]
    punt, lo, hi = vooruit(reeks, resterend)
    fout = binnen = None
    if len(reeks) >= TERUG + 2:
        oud = reeks[:-TERUG]
        p, plo, phi = vooruit(oud, TERUG)
        werkelijk = reeks[-1]
        if werkelijk > 0:
            fout = 100 * abs(p - werkelijk) / werkelijk
            binnen = float(plo <= werkelijk <= phi)
    tempo = (punt - reeks[-1]) / resterend if resterend else 0.0
    return Prognose([resterend], [punt], [lo], [hi], fout, binnen, "huidig tempo", {"tempo_per_maand": tempo})


# ---------- the Wsw: blijfkansen (survival) of the employees ----------


@dataclass(frozen=True)
class Verblijf:
    """Stays in months since the first monitored month: entry (0 = there from the start), the month the stay ended
    or was censored, whether it ended (left the Wsw), and how many people share exactly that stay."""

    intrede: np.ndarray
    duur: np.ndarray
    vertrokken: np.ndarray
    personen: np.ndarray


def verblijven(stays: list[tuple[int, int, int]], grens: int) -> Verblijf:
    """Stays (first month, last month, people; months counted from the first monitored month = 0) as known at month
    `grens`: a stay that began after it is unknown then; one that was last measured before it ended the month after
    (left), the rest are censored at `grens`."""
    rijen = [(e, la, n) for e, la, n in stays if e <= grens]
    intrede = np.array([e for e, _, _ in rijen], dtype=float)
    laatst = np.array([la for _, la, _ in rijen], dtype=float)
    vertrokken = laatst < grens
    duur = np.where(vertrokken, laatst + 1, grens).astype(float)
    return Verblijf(intrede, duur, vertrokken, np.array([n for _, _, n in rijen], dtype=float))


def _weibull(verblijf: Verblijf) -> tuple[np.ndarray, np.ndarray]:
    """Maximum likelihood fit of a Weibull survival S(t) = exp(-(t/λ)^ρ) on months since the first monitored month,
    with late entry (left truncation) and frequency weights (statsmodels GenericLikelihoodModel); returns the
    parameters (log λ, log ρ) and their covariance."""
    from statsmodels.base.model import GenericLikelihoodModel

    v = verblijf

    class Weibull(GenericLikelihoodModel):
        def loglikeobs(self, params: np.ndarray) -> np.ndarray:
            log_schaal, log_vorm = params
            schaal, vorm = math.exp(log_schaal), math.exp(log_vorm)
            kans = (v.duur / schaal) ** vorm - (v.intrede / schaal) ** vorm
            dichtheid = log_vorm - log_schaal + (vorm - 1) * np.log(v.duur / schaal)
            return v.personen * (np.where(v.vertrokken, dichtheid, 0.0) - kans)

    model = Weibull(endog=np.zeros(len(v.duur)), exog=np.ones((len(v.duur), 1)))
    vertrokken = float((v.personen * v.vertrokken).sum())
    blootgesteld = float((v.personen * (v.duur - v.intrede)).sum())
    start = np.array([math.log(max(blootgesteld / max(vertrokken, 1.0), 1.0)), 0.0])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fit = model.fit(start_params=start, method="bfgs", maxiter=500, disp=False)
        cov = np.asarray(fit.cov_params(), dtype=float)
    if not np.all(np.isfinite(cov)):
        cov = np.zeros((2, 2))
    return np.asarray(fit.params, dtype=float), cov


def _overleving(params: np.ndarray, t: np.ndarray) -> np.ndarray:
    schaal, vorm = np.exp(params[..., :1]), np.exp(params[..., 1:])
    return np.exp(-((t / schaal) ** vorm))


def wsw_projectie(
    verblijf: Verblijf, nu: int, start: int, maanden: list[int], trekkingen: int = 2000
) -> tuple[list[float], list[float], list[float], float]:
    """The expected stock `maanden` after month `nu` of `start` people there at `nu`, from the fitted blijfkansen:
    start × S(nu + k) / S(nu). The interval (80 %) draws the parameters from their estimated distribution and the
    leavers from a binomial (each person stays or not). Also returns the blijfkans over the next 12 months."""
    params, cov = _weibull(verblijf)
    t = np.array(maanden, dtype=float)
    verwacht = start * _overleving(params, nu + t) / _overleving(params, np.array([float(nu)]))
    rng = np.random.default_rng(14)
    getrokken = rng.multivariate_normal(params, cov, size=trekkingen, check_valid="ignore")
    with np.errstate(all="ignore"):
        kans = _overleving(getrokken, nu + t[None, :]) / _overleving(getrokken, np.array([[float(nu)]]))
    kans = kans[np.all(np.isfinite(kans), axis=1)]  # a draw far out in the tail can underflow: left out
    blijvers = rng.binomial(start, np.clip(kans, 0.0, 1.0))
    onder, boven = np.percentile(blijvers, [10, 90], axis=0)
    jaar = float((_overleving(params, np.array([nu + 12.0])) / _overleving(params, np.array([float(nu)])))[0])
    return [float(x) for x in verwacht], [float(x) for x in onder], [float(x) for x in boven], jaar


# Fewer leavers than this in the history: the blijfkansen of all of Twente are used. A Weibull's shape is poorly
# known from a few dozen leavers, and five years out it rules: at 10, Hengelo's 72 employees on the plausible data
# fell to 19 and Tubbergen's 51 on the demo data to 11, a fifth and more every year, because their histories lost a
# few people more each year (86 → 84 → 80 → 72; 64 → 62 → 56 → 50). Twente as a whole loses 6-7 % a year, steadily.
# The pooled curve did as well or better in nearly every back-test (decisions.md).
MIN_VERTREK = 50


def _vertrekkers(stays: list[tuple[int, int, int]], grens: int) -> int:
    return sum(n for e, la, n in stays if e <= grens and la < grens)


def wsw(
    stays: list[tuple[int, int, int]],
    nu: int,
    start: int,
    jaren: int = 5,
    *,
    samen: list[tuple[int, int, int]] | None = None,
) -> Prognose:
    """The Wsw stock of one SW organisation at the end of each of the next `jaren` years, from blijfkansen fitted on
    its employees' stays up to month `nu` (a Weibull, so the curve reaches beyond the observed years); with fewer
    than MIN_VERTREK leavers, on the stays of all of Twente (`samen`). The back-test fits on the stays known 12
    months earlier and projects the stock of the organisation's people then, MAPE against its real stock."""
    maanden = [12 * j for j in range(1, jaren + 1)]

    def basis(grens: int) -> list[tuple[int, int, int]]:
        return stays if samen is None or _vertrekkers(stays, grens) >= MIN_VERTREK else samen

    gedeeld = basis(nu) is not stays
    verwacht, onder, boven, jaar = wsw_projectie(verblijven(basis(nu), nu), nu, start, maanden)
    fout = binnen = None
    oorsprong = nu - TERUG
    if oorsprong >= 12:
        aanwezig = sum(n for e, la, n in stays if e <= oorsprong <= la)  # there at the back-test's origin
        if aanwezig:
            stappen = list(range(1, TERUG + 1))
            p, lo, hi, _ = wsw_projectie(verblijven(basis(oorsprong), oorsprong), oorsprong, aanwezig, stappen)
            werkelijk = [float(sum(n for e, la, n in stays if e <= oorsprong + k <= la)) for k in stappen]
            if all(werkelijk):
                fout, binnen = _mape(p, werkelijk), _binnen(lo, hi, werkelijk)
    extra = {"blijfkans_12m": jaar, "gedeeld": gedeeld}
    return Prognose(maanden, verwacht, onder, boven, fout, binnen, "Weibull-blijfkansen", extra)


def _maand(d: dt.date) -> int:
    return d.year * 12 + d.month - 1


def wsw_bedrijven(
    verblijf: pl.DataFrame, stand: pl.DataFrame, peildatum: dt.date, twente: pl.DataFrame | None = None
) -> list[tuple[str, object, object]]:
    """Per SW organisation of `stand` (sw_bedrijf, personen: the published stock at `peildatum`): its stock and its
    prognosis from the stays in `verblijf` (app.queries.prognose.wsw_verblijf); an organisation with few leavers
    gets the blijfkansen of all of `twente` (app.queries.prognose.wsw_verblijf_twente; without it, of `verblijf`).
    None where the stock is hidden or 0."""
    if verblijf.is_empty():
        return []
    samen_frame = verblijf if twente is None or twente.is_empty() else twente
    oorsprong = _maand(min(verblijf["eerste_peildatum"].min(), samen_frame["eerste_peildatum"].min()))
    nu = min(_maand(peildatum), _maand(verblijf["nieuwste_peildatum"].max())) - oorsprong

    def stays(frame: pl.DataFrame) -> list[tuple[int, int, int]]:
        return [
            (_maand(e) - oorsprong, _maand(la) - oorsprong, int(n))
            for e, la, n in frame.select("eerste_peildatum", "laatste_peildatum", "personen").iter_rows()
        ]

    samen = stays(samen_frame)
    uitkomst = []
    for org, personen in stand.select("sw_bedrijf", "personen").iter_rows():
        eigen = stays(verblijf.filter(pl.col("sw_bedrijf") == org))
        p = wsw(eigen, nu, int(personen), samen=samen) if personen and eigen else None
        uitkomst.append((org, personen, p))
    return uitkomst


def doelen(reeks: pl.DataFrame) -> list[tuple[dict[str, object], Prognose | None]]:
    """Per goal and variant of `reeks` (app.queries.prognose.doelen_reeks): its newest row and where it ends at the
    current pace by the end of its (laid-on) policy period."""
    uitkomst = []
    for _, deel in reeks.group_by(["gemeentecode", "strategisch_doel", "variant"], maintain_order=True):
        laatste = deel.row(-1, named=True)
        resterend = max(0, _maand(laatste["periode_einde"]) - _maand(laatste["peildatum"]))
        uitkomst.append((laatste, doel(deel["gerealiseerd"].to_list(), resterend)))
    return uitkomst


# ---------- scenarios: what a budget buys ----------


def verwachte_uitstroom(budget: float, mix: dict[str, float], kosten: dict[str, float]) -> dict[str, float]:
    """Expected durable outflows per instrument when `budget` is spread by `mix` (shares, normalised to add up to 1)
    at the measured cost per durable outflow: budget × share / cost. Instruments without a known cost are left out
    (the caller says so)."""
    bruikbaar = {k: w for k, w in mix.items() if w > 0 and kosten.get(k)}
    totaal = sum(bruikbaar.values())
    if not totaal:
        return {}
    return {k: budget * w / totaal / kosten[k] for k, w in bruikbaar.items()}


def huidige_mix(uitgaven: dict[str, float | None], kosten: dict[str, float | None]) -> dict[str, float]:
    """Today's mix: each instrument's share of what was spent (on the instruments whose cost per durable outflow is
    known), as shares adding up to 1."""
    bruikbaar = {k: float(v) for k, v in uitgaven.items() if v and kosten.get(k)}
    totaal = sum(bruikbaar.values())
    return {k: v / totaal for k, v in bruikbaar.items()} if totaal else {}


def scenario(uitstroom: float, in_band: int | None, met_loonwaarde: int | None) -> dict[str, float | None]:
    """A TNO scenario serves only the people in its loonwaarde band: its share of today's target group (the people
    placed with a measured loonwaarde), and the part of the budget's expected durable outflow that falls inside the
    band when the outflow is spread over loonwaarde as that group is: outflow × share. None where the data cannot say
    (the band's count hidden, or nobody with a loonwaarde)."""
    if in_band is None or not met_loonwaarde:
        return {"aandeel_pct": None, "uitstroom": None}
    aandeel = min(1.0, in_band / met_loonwaarde)  # both published with their own noise: a band may pass the total
    return {"aandeel_pct": 100 * aandeel, "uitstroom": uitstroom * aandeel}
