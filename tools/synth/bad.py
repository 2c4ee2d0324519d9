"""Deliberately bad rows: a share of every file breaks one rule of shared/extracts.md, recorded per line.

A bad row is a corrupted copy of a good row, inserted somewhere after it, so the good data stays complete
(the warehouse built from the files matches the generator's truth) and the copy never makes its source a
"later duplicate". Rules are taken in turn per entity across files, so a run covers all of them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import polars as pl

from tools.synth.codes import UNKNOWN

Row = dict[str, str | None]


@dataclass(frozen=True)
class Ctx:
    """What a rule may look at: the row's frame, the source row, the file's date style and peildatum."""

    frame: pl.DataFrame
    source: int
    date_format: str
    delimiter: str | None  # None for a spreadsheet (no field count to break)
    peil: dt.date
    rng: np.random.Generator

    def fmt(self, value: dt.date) -> str:
        return value.strftime(self.date_format)

    def parse(self, text: str | None) -> dt.date | None:
        for pattern in (self.date_format, "%d-%m-%Y", "%Y-%m-%d"):
            try:
                return dt.datetime.strptime(text or "", pattern).date()
            except ValueError:
                continue
        return None

    def pick(self, values: tuple[str, ...]) -> str:
        return values[int(self.rng.integers(len(values)))]


# A rule: (name in the manifest, column blamed, change to the copied row or None if it cannot apply).
Change = Callable[[Row, Ctx], Row | None]


@dataclass(frozen=True)
class Rule:
    name: str
    column: str
    change: Change


def bsn_elfproef(column: str = "bsn") -> Rule:
    def change(row: Row, ctx: Ctx) -> Row:
        value = row[column] or "123456782"
        last = (int(value[-1]) + int(ctx.rng.integers(1, 10))) % 10  # any other last digit fails the check
        return {column: value[:-1] + str(last)}

    return Rule("bsn_elfproef", column, change)


def bsn_length(column: str = "bsn") -> Rule:
    def change(row: Row, ctx: Ctx) -> Row:
        value = (row[column] or "123456782").zfill(9)
        return {column: value[2:] if ctx.rng.random() < 0.5 else value + str(int(ctx.rng.integers(10)))}

    return Rule("bsn_length", column, change)


def bsn_letters(column: str = "bsn") -> Rule:
    def change(row: Row, ctx: Ctx) -> Row:
        value = (row[column] or "123456782").zfill(9)
        return {column: ctx.pick((value[:4] + "O" + value[5:], value[:8] + "X", "onbekend"))}

    return Rule("bsn_letters", column, change)


def unknown_code(column: str, key: str | None = None, also: Callable[[Row, Ctx], Row] | None = None) -> Rule:
    def change(row: Row, ctx: Ctx) -> Row:
        return {**(also(row, ctx) if also else {}), column: ctx.pick(UNKNOWN[key or column])}

    return Rule("unknown_code", column, change)


def bad_date(column: str, also: Callable[[Row, Ctx], Row] | None = None) -> Rule:
    def change(row: Row, ctx: Ctx) -> Row:
        y = ctx.peil.year
        text = ctx.pick((f"31-02-{y}", f"30-02-{y - 1}", f"15.03.{y}", f"{y}/03/15", f"{y}-13-01", "00-00-0000"))
        return {**(also(row, ctx) if also else {}), column: text}

    return Rule("bad_date", column, change)


def bad_gemeentecode(column: str = "gemeentecode") -> Rule:
    return Rule(
        "bad_gemeentecode",
        column,
        lambda row, ctx: {column: ctx.pick(("GM9999", "0363", "GM0200", "Enschede", "GM01530"))},
    )


def bad_postcode(column: str = "postcode") -> Rule:
    return Rule("bad_postcode", column, lambda row, ctx: {column: ctx.pick(("7511-AB", "ABCD", "0751 AB"))})


def bad_kvk(column: str = "kvk") -> Rule:
    return Rule("bad_kvk", column, lambda row, ctx: {column: ctx.pick(("1234567A", "123456789", "KVK0801"))})


def bad_brin(column: str = "brin") -> Rule:
    return Rule("bad_brin", column, lambda row, ctx: {column: ctx.pick(("25L", "25LH1", "2-LH"))})


def bad_jn(column: str) -> Rule:
    return Rule("bad_jn", column, lambda row, ctx: {column: ctx.pick(UNKNOWN["jn"])})


def out_of_range(column: str, *values: str, also: Callable[[Row, Ctx], Row] | None = None) -> Rule:
    return Rule(
        "out_of_range",
        column,
        lambda row, ctx: {**(also(row, ctx) if also else {}), column: ctx.pick(values)},
    )


def bad_number(column: str, *values: str) -> Rule:
    return Rule("bad_number", column, lambda row, ctx: {column: ctx.pick(values)})


def missing_required(column: str) -> Rule:
    return Rule("missing_required", column, lambda row, ctx: {column: None})


def set_values(name: str, column: str, **values: str | None) -> Rule:
    return Rule(name, column, lambda row, ctx: dict(values))


def end_before_start(start: str, end: str, **also: str) -> Rule:
    def change(row: Row, ctx: Ctx) -> Row | None:
        begin = ctx.parse(row[start])
        if begin is None:
            return None
        return {**also, end: ctx.fmt(begin - dt.timedelta(days=int(ctx.rng.integers(1, 90))))}

    return Rule("end_before_start", end, change)


def closed_on_eve(end: str) -> Callable[[Row, Ctx], Row]:
    """Make the copy a closed record (end = day before the peildatum), so a reason may be filled."""
    return lambda row, ctx: {end: ctx.fmt(ctx.peil - dt.timedelta(days=1))}


def reden_without_datum(end: str, reason: str, value: str) -> Rule:
    return Rule("reden_without_datum", reason, lambda row, ctx: {end: None, reason: value})


def datum_without_reden(end: str, reason: str) -> Rule:
    return Rule(
        "datum_without_reden",
        reason,
        lambda row, ctx: {end: ctx.fmt(ctx.peil - dt.timedelta(days=1)), reason: None},
    )


def age_out_of_range(birth: str, event: str) -> Rule:
    def change(row: Row, ctx: Ctx) -> Row | None:
        when = ctx.parse(row[event])
        if when is None:
            return None
        years = int(ctx.pick(("14", "15", "24", "27")))
        born = (
            when.replace(year=when.year - years) - dt.timedelta(days=10)
            if (when.month, when.day) != (2, 29)
            else dt.date(when.year - years, 2, 18)
        )
        return {birth: ctx.fmt(born)}

    return Rule("age_out_of_range", birth, change)


def duplicate_key(column: str) -> Rule:
    """An exact copy of an earlier row: the key (`column` first) repeats."""
    return Rule("duplicate_key", column, lambda row, ctx: {})


def wrong_field_count(column: str) -> Rule:
    def change(row: Row, ctx: Ctx) -> Row | None:
        if ctx.delimiter is None:
            return None
        return {column: (row[column] or "") + ctx.delimiter + "extra"}

    return Rule("wrong_field_count", column, change)


@dataclass(frozen=True)
class BadRow:
    line: int  # 1-based line in the file (header = 1) or row in the sheet
    rule: str
    column: str


def corrupt(
    frame: pl.DataFrame,
    rules: tuple[Rule, ...],
    share: float,
    turn: int,
    rng: np.random.Generator,
    *,
    date_format: str,
    delimiter: str | None,
    peil: dt.date,
    avoid: np.ndarray | None = None,
    header_lines: int = 1,
) -> tuple[pl.DataFrame, list[BadRow], np.ndarray]:
    """Insert round(share·n) (at least one) corrupted copies; returns the frame, the bad rows, and where
    each original row ended up (its new 0-based position)."""
    n = frame.height
    k = 0 if n == 0 or share <= 0 else max(1, round(n * share))
    if k == 0:
        return frame, [], np.arange(n)
    eligible = np.flatnonzero(~avoid) if avoid is not None and (~avoid).any() else np.arange(n)
    sources = np.sort(rng.choice(eligible, size=k, replace=eligible.size < k))
    copies: list[Row] = []
    used: list[Rule] = []
    for m, source in enumerate(sources):
        row = frame.row(int(source), named=True)
        ctx = Ctx(frame, int(source), date_format, delimiter, peil, rng)
        for attempt in range(len(rules)):  # the rule whose turn it is, else the next that applies
            rule = rules[(turn + m + attempt) % len(rules)]
            change = rule.change(row, ctx)
            if change is not None:
                copies.append({**row, **change})
                used.append(rule)
                break
    # Each copy goes somewhere after its source: before original row p, with source < p <= n.
    before = np.array([rng.integers(s + 1, n + 1) for s in sources[: len(copies)]], dtype=np.float64)
    keys = np.concatenate([np.arange(n, dtype=np.float64), before - 0.5])
    tiebreak = np.concatenate([np.zeros(n), np.arange(1, len(copies) + 1)])
    order = np.lexsort((tiebreak, keys))
    bad_frame = pl.DataFrame(copies, schema=frame.schema, orient="row")
    combined = pl.concat([frame, bad_frame])[order]
    position = np.empty(order.size, dtype=np.int64)
    position[order] = np.arange(order.size)
    bad = [BadRow(int(position[n + m]) + 1 + header_lines, rule.name, rule.column) for m, rule in enumerate(used)]
    return combined, sorted(bad, key=lambda b: b.line), position[:n]
