"""The employer register kept by the account managers: employers, pact membership and SROI contracts.

Made once for the whole run. Employers are added to the register over time and pact members join on
their `datum_toetreding`; each register file shows the state at its date. A placement may only use an
employer that a register file delivered by then lists, so the ingest finds every employer except the
few deliberately unknown KvK numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from tools.synth import calibration as cal
from tools.synth import codes as c
from tools.synth import gemeenten as gm
from tools.synth.dates import uniform_days
from tools.synth.store import Store

# Seed 002, Bijlage 3: the first inventory of the Arbeidsmarktpact Enschede (names as listed there),
# with an assumed SBI section, size class and municipality.
ENSCHEDE_PACT: tuple[tuple[str, str, int, str], ...] = (
    ("TKT", "C", 3, "GM0158"),
    ("Avis", "N", 1, "GM0153"),
    ("Jobra", "N", 2, "GM0153"),
    ("Kienhuis-Hoving", "M", 3, "GM0153"),
    ("Asito", "N", 4, "GM0141"),
    ("Bouwbrein", "F", 1, "GM0153"),
    ("Du Gardijn", "C", 1, "GM0153"),
    ("FCE", "R", 3, "GM0153"),
    ("Winkelhart", "G", 1, "GM0153"),
    ("Visschedijk Hoveniers", "N", 1, "GM0153"),
    ("Universiteit Twente, Nano Instituut", "P", 4, "GM0153"),
    ("Snelder Zijlstra Bedrijfsmakelaars", "L", 1, "GM0153"),
    ("Gebr. Van der Geest Schilder- en vastgoedonderhoud", "F", 2, "GM0153"),
    ("Landhuishotel Bloemenbeek", "I", 2, "GM0168"),
    ("HST", "H", 3, "GM0153"),
    ("Hankamp Gears", "C", 2, "GM0153"),
    ("Twente Milieu", "E", 3, "GM0153"),
    ("Diversey", "C", 3, "GM0153"),
    ("Ipskamp Groep", "C", 3, "GM0153"),
    ("WGV, Zorgselect", "Q", 3, "GM0153"),
    ("Zorgselect", "Q", 2, "GM0153"),
    ("Hartman Tuinmeubelen", "C", 3, "GM0183"),
    ("DCW", "N", 4, "GM0153"),
    ("KATO", "M", 1, "GM0153"),
    ("Grolsch", "C", 4, "GM0153"),
    ("ABN-AMRO Noord-Oost", "K", 3, "GM0153"),
    ("Surplus", "Q", 4, "GM0141"),
    ("Fiscaal juristen", "M", 0, "GM0153"),
    ("Connexxion Openbaar Vervoer", "H", 4, "GM0153"),
    ("B-Leave", "N", 1, "GM0153"),
)
# The Eaton-led working group of Pact MVO Hengelo commits to 50 extra (leerwerk)places (seed 000).
EATON_GROUP_PLACES = (12, 6, 6, 5, 5, 4, 4, 3, 3, 2)
HENGELO_PACT_MEMBERS = 130

SURNAMES = (
    "Müller",
    "Çelik",
    "Ĳzerman",
    "Öztürk",
    "Brinkhuis",
    "Nijhuis",
    "Oude Egberink",
    "Kamphuis",
    "Wolters",
    "Smit",
    "ter Horst",
    "Lammers",
    "Roelofs",
    "Bosch",
    "Heerink",
    "Scholten",
    "Hofman",
    "Groot Wassink",
    "Veldhuis",
    "Meijer",
    "Jansen",
    "Pieterse",
    "Dost",
    "Yılmaz",
    "Boerrigter",
    "Hesselink",
    "Leferink",
    "Oude Vrielink",
    "Rühl",
    "Kötter",
    "Ten Thije",
    "Bültman",
    "Lübbers",
)
ACTIVITIES = {
    "A": ("Loonbedrijf", "Kwekerij"),
    "C": ("Metaal", "Kunststoffen", "Textiel", "Machinebouw", "Bakkerij"),
    "E": ("Recycling",),
    "F": ("Bouw", "Installatietechniek", "Schilders"),
    "G": ("Groothandel", "Supermarkt", "Autobedrijf"),
    "H": ("Transport", "Logistiek", "Koeriers"),
    "I": ("Horeca", "Catering", "Hotel"),
    "J": ("ICT", "Software"),
    "K": ("Financieel Advies",),
    "L": ("Vastgoed",),
    "M": ("Advies", "Ingenieursbureau"),
    "N": ("Schoonmaak", "Uitzendbureau", "Groen"),
    "P": ("Opleidingen",),
    "Q": ("Zorg", "Thuiszorg", "Kinderopvang"),
    "R": ("Sport",),
    "S": ("Kapsalon",),
}
SECTOR_WEIGHT = {
    "A": 2,
    "C": 14,
    "E": 1,
    "F": 10,
    "G": 16,
    "H": 8,
    "I": 8,
    "J": 4,
    "K": 2,
    "L": 1,
    "M": 6,
    "N": 9,
    "P": 3,
    "Q": 12,
    "R": 2,
    "S": 2,
}
SIZE_WEIGHT = (0.35, 0.35, 0.14, 0.10, 0.06)  # 1-9, 10-49, 50-99, 100-249, 250+
SOCIAL_NAMES = (
    "De Werkplaats",
    "Het Leerbedrijf",
    "Kringloop Twente",
    "Fietsenmakerij Op Weg",
    "Lunchroom Samen",
    "Groenploeg Noord",
    "Textielatelier ’t Hoes",
    "Stadsboerderij",
    "Kaarsenmakerij Licht",
    "Wasserij De Zon",
    "Drukkerij Anders",
    "Klusbedrijf Mee",
)
TENDERS = (
    "Schoonmaak gemeentelijke gebouwen",
    "Uitzenddiensten",
    "Groenonderhoud wijk Noord",
    "Leerlingenvervoer",
    "ICT-werkplekbeheer",
    "Onderhoud openbare verlichting",
    "Catering; stadhuis en sporthallen",
    "Bouw sporthal Ĳsselweg",
    "Beveiliging",
    "Afvalinzameling",
)


@dataclass
class Register:
    """Employers (`emp`) and SROI contracts (`sroi`) over the whole run, plus the register file dates."""

    emp: Store
    names: list[str]
    sroi: Store
    sroi_ids: list[str]
    sroi_texts: list[str]
    file_days: np.ndarray  # days of the register files, ascending

    def listed_from(self, reg_day: np.ndarray) -> np.ndarray:
        """The first register file that lists a record registered on `reg_day` (a later file if none)."""
        pos = np.searchsorted(self.file_days, reg_day, side="right")
        return np.where(
            pos < self.file_days.size,
            self.file_days[np.minimum(pos, self.file_days.size - 1)],
            np.iinfo(np.int32).max,
        )

    def usable(self, reg_day: np.ndarray, on: int) -> np.ndarray:
        """Registered before `on` and listed by a file no later than `on` (or by the first file)."""
        return (reg_day < on) & (self.listed_from(reg_day) <= max(on, int(self.file_days[0])))


def _unique_numbers(rng: np.random.Generator, n: int, low: int, high: int) -> np.ndarray:
    out = np.empty(0, dtype=np.int64)
    while out.size < n:
        draw = rng.integers(low, high, size=2 * (n - out.size) + 8, dtype=np.int64)
        draw = draw[~np.isin(draw, out)]
        _, first = np.unique(draw, return_index=True)
        out = np.concatenate([out, draw[np.sort(first)]])
    return out[:n]


def build(rng: np.random.Generator, scale: float, first_day: int, last_day: int, file_days: np.ndarray) -> Register:
    """The register for a run whose files span [first_day, last_day]."""
    sectors = np.array(list(SECTOR_WEIGHT))
    sector_p = np.array(list(SECTOR_WEIGHT.values()), dtype=float)
    sector_p /= sector_p.sum()
    names: list[str] = []
    rows: dict[str, list] = {k: [] for k in ("sbi", "gemeente", "size", "pact", "join", "places", "social")}

    def add(name: str, sbi: str, size: int, gemeente: str, pact: int, join: int, places: int, social: bool) -> None:
        names.append(name)
        for key, value in zip(rows, (sbi, gm.CODES.index(gemeente), size, pact, join, places, social), strict=True):
            rows[key].append(value)

    enschede_join = uniform_days(rng, first_day - 13 * 365, first_day - 8 * 365, len(ENSCHEDE_PACT))
    for i, (name, sbi, size, gemeente) in enumerate(ENSCHEDE_PACT):
        places = int(rng.integers(1, 9)) if rng.random() < 0.5 else -1
        add(name, sbi, size, gemeente, 1, int(enschede_join[i]), places, name == "DCW")

    # Pact MVO Hengelo: Eaton and its working group first, then the other members; a few join during the run.
    hengelo_join = uniform_days(rng, first_day - 15 * 365, last_day, HENGELO_PACT_MEMBERS)
    hengelo_join[: HENGELO_PACT_MEMBERS * 9 // 10] = np.minimum(
        hengelo_join[: HENGELO_PACT_MEMBERS * 9 // 10], first_day - 30
    )
    for i in range(HENGELO_PACT_MEMBERS):
        sbi = str(rng.choice(sectors, p=sector_p))
        gemeente = "GM0164" if rng.random() < 0.75 else str(rng.choice(["GM0147", "GM1735", "GM0153", "GM0141"]))
        if i == 0:
            name, sbi, size, gemeente = "Eaton Industries (Hengelo)", "C", 4, "GM0164"
        else:
            name = f"{SURNAMES[rng.integers(len(SURNAMES))]} {rng.choice(ACTIVITIES[sbi])} Hengelo"
            size = int(rng.choice(5, p=SIZE_WEIGHT))
        places = EATON_GROUP_PLACES[i] if i < len(EATON_GROUP_PLACES) else -1
        join = int(min(hengelo_join[i], first_day - 30)) if i < len(EATON_GROUP_PLACES) else int(hengelo_join[i])
        add(name, sbi, size, gemeente, 0, join, places, False)

    for social in SOCIAL_NAMES:
        gemeente = str(rng.choice(gm.CODES, p=gm.INWONERS / gm.INWONERS.sum()))
        add(
            f"Sociale onderneming {social}",
            str(rng.choice(["C", "G", "I", "N", "S"])),
            int(rng.integers(0, 3)),
            gemeente,
            -1,
            -1,
            -1,
            True,
        )

    others = max(40, round(700 * scale))
    town = rng.choice(len(gm.CODES), size=others, p=gm.INWONERS / gm.INWONERS.sum())
    for i in range(others):
        sbi = str(rng.choice(sectors, p=sector_p))
        suffix = " B.V." if rng.random() < 0.4 else ""
        name = f"{SURNAMES[rng.integers(len(SURNAMES))]} {rng.choice(ACTIVITIES[sbi])}{suffix}"
        add(name, sbi, int(rng.choice(5, p=SIZE_WEIGHT)), gm.CODES[town[i]], -1, -1, -1, False)

    n = len(names)
    # Registered long before the run, except ~1 % per quarter of the others (the register grows).
    reg = uniform_days(rng, first_day - 12 * 365, first_day - 400, n)
    late = (np.arange(n) >= n - others) & (rng.random(n) < 0.04 * max(1, (last_day - first_day) / 365))
    reg[late] = uniform_days(rng, first_day - 365, last_day, int(late.sum()))
    join = np.array(rows["join"], dtype=np.int32)
    reg = np.where(join >= 0, np.minimum(reg, join - 30), reg)
    kvk = _unique_numbers(rng, n, 1_000_000, 100_000_000)  # some with a leading zero (< 10,000,000)
    emp = Store(
        kvk="i8",
        sbi="U1",
        gemeente="i1",
        size="i1",
        pact="i1",
        join="i4",
        places="i2",
        social="?",
        reg="i4",
        weight="f8",
        kvk_number="?",
        text_date="?",
    )
    size = np.array(rows["size"])
    weight = np.array([1.0, 3.0, 6.0, 10.0, 16.0])[size] * np.where(np.array(rows["pact"]) >= 0, 3.0, 1.0)
    weight *= np.where(np.array(rows["social"]), 4.0, 1.0)
    emp.append(
        kvk=kvk,
        sbi=np.array(rows["sbi"]),
        gemeente=np.array(rows["gemeente"]),
        size=size,
        pact=np.array(rows["pact"]),
        join=join,
        places=np.array(rows["places"]),
        social=np.array(rows["social"]),
        reg=reg,
        weight=weight,
        kvk_number=rng.random(n) < 0.3,
        text_date=rng.random(n) < 0.4,
    )

    sroi, ids, texts = _contracts(rng, scale, first_day, last_day, emp)
    return Register(emp, names, sroi, ids, texts, file_days)


def _contracts(
    rng: np.random.Generator, scale: float, first_day: int, last_day: int, emp: Store
) -> tuple[Store, list[str], list[str]]:
    """SROI contracts (calibration.py): awarded to larger employers, signed before they start.

    Every contract begins at most 11 months before the first delivery, so the placements that realise it
    are all in a delivered snapshot (a file lists the placements that ended in the 12 months before it).
    The first one ends early in the run and the second runs on past the newest extract (when the run is
    longer than eight months), so both kinds are always there.
    """
    n = max(4, round(cal.SROI_CONTRACTS_TWENTE * scale))
    big = np.flatnonzero((emp["size"] >= 2) & (emp["reg"] < first_day - 400))
    supplier = rng.choice(big, size=n, replace=big.size < n)
    begin = uniform_days(rng, first_day - 335, max(last_day - 60, first_day - 300), n)
    low, high = cal.SROI_YEARS
    end = begin + (365 * rng.uniform(low, high, n)).astype(np.int64)
    begin[0], end[0] = first_day - 300, first_day + 100
    if last_day - first_day > 240:  # and one that is still running at the newest extract
        begin[1] = last_day - 200
        end[1] = begin[1] + 2 * 365
    signed = begin - rng.integers(10, 90, n)
    median = cal.SROI_VALUE_MEDIAN
    value = np.clip(np.round(np.exp(rng.normal(np.log(median), 0.8, n)), -4), cal.SROI_VALUE_MIN, cal.SROI_VALUE_MAX)
    pct = rng.choice(cal.SROI_PCT, size=n, p=cal.SROI_PCT_P)
    target = rng.triangular(*cal.SROI_REALISATION, size=n)
    years = (np.datetime64("1970-01-01") + begin.astype("timedelta64[D]")).astype("datetime64[Y]").astype(int) + 1970
    seq: dict[int, int] = {}
    ids = []
    for year in years:
        seq[int(year)] = seq.get(int(year), 0) + 1
        ids.append(f"SROI-{year}-{seq[int(year)]:02d}")
    texts = [str(t) for t in rng.choice(TENDERS, size=n)]
    store = Store(
        supplier="i4",
        begin="i4",
        end="i4",
        signed="i4",
        value="f8",
        pct="f8",
        target="f8",
        text_date="?",
        kvk_number="?",
    )
    store.append(
        supplier=supplier,
        begin=begin,
        end=end.astype(np.int32),
        signed=signed.astype(np.int32),
        value=value,
        pct=pct,
        target=target,
        text_date=rng.random(n) < 0.5,
        kvk_number=rng.random(n) < 0.3,
    )
    return store, ids, texts


def werkgevers_frame(reg: Register, peil: int) -> pl.DataFrame:
    """The `werkgevers` sheet at `peil`: employers registered before it, pact membership as of then.

    Columns starting with `_` are how the account managers typed a cell (number or text, real date or
    text); the workbook writer reads and drops them.
    """
    emp = reg.emp
    rows = np.flatnonzero(emp["reg"] < peil)
    rows = rows[np.argsort(np.array(reg.names, dtype=object)[rows].astype(str), kind="stable")]
    member = (emp["pact"][rows] >= 0) & (emp["join"][rows] < peil)
    places = np.where(member, emp["places"][rows], -1)
    gem = np.array(gm.CODES)[emp["gemeente"][rows]]
    return pl.DataFrame(
        {
            "kvk": pl.Series(emp["kvk"][rows]).cast(pl.String).str.zfill(8),
            "naam": pl.Series(np.array(reg.names, dtype=object)[rows].astype(str)),
            "sbi_sector": pl.Series(emp["sbi"][rows]),
            "vestigingsgemeente": pl.Series(gem),
            "grootteklasse": pl.Series(np.array(c.GROOTTEKLASSE)[emp["size"][rows]]),
            "pact": pl.Series(np.where(member, np.array(["", *c.PACT])[emp["pact"][rows] + 1], "")).replace("", None),
            "datum_toetreding": pl.Series(np.where(member, emp["join"][rows], 0))
            .cast(pl.Int32)
            .cast(pl.Date)
            .dt.strftime("%d-%m-%Y")
            .scatter(np.flatnonzero(~member), None),
            "toezegging_plekken": pl.Series(places).cast(pl.String).scatter(np.flatnonzero(places < 0), None),
            "sociale_onderneming": pl.Series(np.where(emp["social"][rows], "J", "N")),
            "_kvk_number": pl.Series(emp["kvk_number"][rows]),
            "_text_date": pl.Series(emp["text_date"][rows]),
        }
    )


def sroi_frame(reg: Register, peil: int) -> pl.DataFrame:
    """The `sroi` sheet at `peil`: contracts signed before it."""
    con = reg.sroi
    rows = np.flatnonzero(con["signed"] < peil)
    rows = rows[np.argsort(con["begin"][rows], kind="stable")]
    kvk = reg.emp["kvk"][con["supplier"][rows]]

    def dates(days: np.ndarray) -> pl.Series:
        return pl.Series(days).cast(pl.Int32).cast(pl.Date).dt.strftime("%d-%m-%Y")

    return pl.DataFrame(
        {
            "contract_id": pl.Series(np.array(reg.sroi_ids, dtype=object)[rows].astype(str)),
            "kvk": pl.Series(kvk).cast(pl.String).str.zfill(8),
            "omschrijving": pl.Series(np.array(reg.sroi_texts, dtype=object)[rows].astype(str)),
            "contractwaarde_eur": pl.Series(con["value"][rows]).cast(pl.Int64).cast(pl.String),
            "sroi_pct": pl.Series(con["pct"][rows]).cast(pl.Int64).cast(pl.String),
            "begindatum": dates(con["begin"][rows]),
            "einddatum": dates(con["end"][rows]),
            "_kvk_number": pl.Series(con["kvk_number"][rows]),
            "_text_date": pl.Series(con["text_date"][rows]),
        }
    )
