"""Write a synthetic Twente delivery: every extract of shared/extracts.md, month by month, and a manifest.

The simulation runs a year of history before `start` so the first snapshots already hold spells closed
in the previous 12 months. Each month's files are written as soon as the month is simulated, so memory
grows with the people simulated, never with the number of files.
"""

from __future__ import annotations

import datetime as dt
import json
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import polars as pl

from tools.synth import bad as b
from tools.synth import calibration as cal
from tools.synth import employers, fmt, uwv
from tools.synth import extracts as x
from tools.synth.dates import add_months, day, parse_month
from tools.synth.people import Persons
from tools.synth.rmc import Rmc
from tools.synth.store import Store
from tools.synth.werkplein import Werkplein
from tools.synth.wsw import Wsw
from tools.synth.xlsx import write_workbook

HISTORY_MONTHS = 24  # placements and instruments need about two years to reach a steady stock
MANIFEST = ".manifest.json"  # hidden: the ingest treats every non-hidden file in an inbox as an extract


@dataclass(frozen=True)
class FileSummary:
    name: str
    entity: str
    rows: int  # data rows written (bad ones included), over all sheets for the workbook
    bad_rows: int
    refused_whole: str | None = None  # the rule, for the one file the ingest must refuse whole


@dataclass
class GenerateSummary:
    out: Path
    files: list[FileSummary] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return sum(f.rows for f in self.files)

    @property
    def bad_rows(self) -> int:
        return sum(f.bad_rows for f in self.files)


class _Writer:
    """Corrupts, writes and records each file; per entity the bad-row rules take turns across files."""

    def __init__(self, out: Path, seed: int, bad_share: float, progress: Callable[[str], None] | None) -> None:
        self.out, self.seed, self.bad_share, self.progress = out, seed, bad_share, progress
        self.summary = GenerateSummary(out)
        self.manifest: dict[str, dict] = {}
        self._turn: dict[str, int] = {}

    def rng(self, name: str) -> np.random.Generator:
        return np.random.default_rng([self.seed, zlib.crc32(name.encode())])

    def _corrupt(
        self,
        key: str,
        frame: pl.DataFrame,
        rules: tuple[b.Rule, ...],
        name: str,
        peil: dt.date,
        dialect: fmt.Dialect | None,
        avoid: np.ndarray | None = None,
    ) -> tuple[pl.DataFrame, list[b.BadRow], np.ndarray]:
        turn = self._turn.get(key, 0)
        frame, bad, position = b.corrupt(
            frame,
            rules,
            self.bad_share,
            turn,
            self.rng("bad:" + name),
            date_format=dialect.date_format if dialect else "%d-%m-%Y",
            delimiter=dialect.delimiter if dialect else None,
            peil=peil,
            avoid=avoid,
        )
        self._turn[key] = turn + len(bad)
        return frame, bad, position

    def csv(self, spec: x.Spec, frame: pl.DataFrame, peil: dt.date, warn_rows: np.ndarray | None = None) -> None:
        assert spec.dialect is not None and tuple(frame.columns) == spec.columns
        name = f"{spec.key}_{peil:%Y%m%d}.{spec.extension}"
        avoid = None
        if warn_rows is not None:
            avoid = np.zeros(frame.height, dtype=bool)
            avoid[warn_rows] = True
        frame, bad, position = self._corrupt(spec.key, frame, spec.rules, name, peil, spec.dialect, avoid)
        fmt.write_csv(frame, self.out / name, spec.dialect)
        warnings = (
            []
            if warn_rows is None
            else [{"line": int(position[r]) + 2, "rule": "unknown_kvk", "column": "kvk"} for r in warn_rows]
        )
        self._record(name, spec.key, peil, frame.height, bad, warnings)

    def workbook(self, werkgevers: pl.DataFrame, sroi: pl.DataFrame, peil: dt.date) -> None:
        spec = x.REGISTER
        name = f"{spec.key}_{peil:%Y%m%d}.xlsx"
        werkgevers, bad_w, _ = self._corrupt("werkgevers", werkgevers, spec.rules, name + ":werkgevers", peil, None)
        sroi, bad_s, _ = self._corrupt("sroi", sroi, x.SROI_RULES, name + ":sroi", peil, None)
        write_workbook(self.out / name, {"werkgevers": werkgevers, "sroi": sroi})
        bad = [(row, "werkgevers") for row in bad_w] + [(row, "sroi") for row in bad_s]
        self._record(
            name,
            spec.key,
            peil,
            werkgevers.height + sroi.height,
            bad,
            [],
            sheets={
                "werkgevers": {"rows": werkgevers.height, "bad_rows": len(bad_w)},
                "sroi": {"rows": sroi.height, "bad_rows": len(bad_s)},
            },
        )

    def misnamed(self, spec: x.Spec, frame: pl.DataFrame, peil: dt.date) -> None:
        """One file whose date is not yyyymmdd: the ingest must refuse it whole and name the expected form."""
        assert spec.dialect is not None
        name = f"{spec.key}_{peil:%Y-%m}.{spec.extension}"
        fmt.write_csv(frame, self.out / name, spec.dialect)
        self._record(name, spec.key, peil, frame.height, [], [], refused_whole="bad_file_name")

    def _record(
        self,
        name: str,
        entity: str,
        peil: dt.date,
        rows: int,
        bad: list,
        warnings: list[dict],
        sheets: dict | None = None,
        refused_whole: str | None = None,
    ) -> None:
        entries = []
        for item in bad:
            row, sheet = item if isinstance(item, tuple) else (item, None)
            entry = {"line": row.line, "rule": row.rule, "column": row.column}
            entries.append({**entry, "sheet": sheet} if sheet else entry)
        record: dict = {
            "entity": entity,
            "peildatum": peil.isoformat(),
            "rows": rows,
            "bad_rows": len(entries),
            "bad": entries,
        }
        if sheets:
            record["sheets"] = sheets
        if warnings:
            record["warnings"] = warnings
        if refused_whole:
            record["refused_whole"] = refused_whole
        self.manifest[name] = record
        self.summary.files.append(FileSummary(name, entity, rows, len(entries), refused_whole))
        if self.progress:
            note = " (hoort geweigerd te worden)" if refused_whole else ""
            self.progress(f"{name}: {rows} rijen, {len(entries)} fout{note}")


def generate(
    out: Path,
    *,
    seed: int = 20241001,
    scale: float = 1.0,
    start: str = "2023-10",
    months: int = 37,
    bad_share: float = 0.003,
    progress: Callable[[str], None] | None = None,
    misnamed: bool = True,
) -> GenerateSummary:
    """Write `months` monthly deliveries from `start` (YYYY-MM) into `out`; same arguments, same bytes.

    `scale` multiplies the population (1 = Twente; 28 ≈ the Netherlands); `bad_share` of the rows of every
    file are bad (at least one per file); with `misnamed`, one extra file has a name the ingest must refuse.
    The manifest `out/.manifest.json` lists, per file, the rows, the bad rows and the rule each breaks.
    """
    if months < 1 or scale <= 0:
        raise ValueError("months must be at least 1 and scale positive")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    writer = _Writer(out, seed, bad_share, progress)
    first = parse_month(start)
    history = add_months(first, -HISTORY_MONTHS)
    file_months = [add_months(first, j) for j in range(months)]
    day0, last = day(history), day(file_months[-1])
    register_dates = [m for j, m in enumerate(file_months) if j == 0 or m.month in (1, 4, 7, 10)]

    persons = Persons(writer.rng("persons"))
    register = employers.build(
        writer.rng("register"),
        scale,
        day(first),
        last,
        np.array([day(m) for m in register_dates], dtype=np.int32),
    )
    doelgroep = uwv.doelgroep_store()
    wsw = Wsw(writer.rng("wsw"), persons, register, scale, day0, last, doelgroep, first=day(first))
    wajong = uwv.Wajong(writer.rng("wajong"), persons, wsw, scale, day0, last, doelgroep)
    rmc = Rmc(writer.rng("rmc"), persons, scale, day(first), last, doelgroep)
    werkplein = Werkplein(writer.rng("werkplein"), persons, register, scale, doelgroep, first=day(first), last=last)
    werkplein.seed_stock(day0)
    misnamed_month = file_months[len(file_months) // 2] if misnamed else None

    for month in range(HISTORY_MONTHS + months - 1):
        a, b_ = day(add_months(history, month)), day(add_months(history, month + 1))
        werkplein.step(a, b_, month)
        j = month + 1 - HISTORY_MONTHS
        if j < 0:
            # The first ladder file carries the scores of the 12 months before it (calibration.py);
            # older scores of the history months are never delivered.
            if month + 1 <= HISTORY_MONTHS - cal.LADDER_HISTORY_MONTHS:
                werkplein.ladder_frame(month + 1)
            continue
        peil = file_months[j]
        _write_month(
            writer,
            peil,
            month + 1,
            register if peil in register_dates else None,
            werkplein,
            wsw,
            wajong,
            rmc,
            doelgroep,
            persons,
            misnamed_month,
        )
    manifest = {
        "generator": "tools.synth",
        "seed": seed,
        "scale": scale,
        "start": start,
        "months": months,
        "bad_share": bad_share,
        "files": writer.manifest,
    }
    (out / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return writer.summary


def _write_month(
    writer: _Writer,
    peil: dt.date,
    month: int,
    register: employers.Register | None,
    werkplein: Werkplein,
    wsw: Wsw,
    wajong: uwv.Wajong,
    rmc: Rmc,
    doelgroep: Store,
    persons: Persons,
    misnamed_month: dt.date | None,
) -> None:
    p = day(peil)
    rng = writer.rng(f"write:{peil}")
    if register is not None:
        writer.workbook(employers.werkgevers_frame(register, p), employers.sroi_frame(register, p), peil)
    klanten = werkplein.klanten_frame(p, rng)
    writer.csv(x.KLANTEN, klanten, peil)
    if peil == misnamed_month:
        writer.misnamed(x.KLANTEN, klanten, peil)
    writer.csv(x.LADDER, werkplein.ladder_frame(month), peil)
    writer.csv(x.TRAJECTEN, werkplein.trajecten_frame(p), peil)
    plaatsingen, unknown = werkplein.plaatsingen_frame(p, rng)
    writer.csv(x.PLAATSINGEN, plaatsingen, peil, warn_rows=unknown)
    writer.csv(x.DOELGROEPREGISTER, uwv.doelgroep_frame(doelgroep, persons, p), peil)
    writer.csv(x.WAJONG, wajong.frame(p), peil)
    writer.csv(x.WERKNEMERS, wsw.werknemers_frame(p, rng), peil)
    writer.csv(x.WACHTLIJST, wsw.wachtlijst_frame(p, rng), peil)
    writer.csv(x.VSV, rmc.frame(p, rng), peil)
