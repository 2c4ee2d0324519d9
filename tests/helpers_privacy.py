"""The attacker's solver, shared by the attack tests: published values in, hidden values pinned down out.

A key is a tuple whose positions are dimensions; ALLE in a position means "all of that dimension". Every key whose
position holds ALLE is the total of the keys that differ only there (the parts). The attacker knows the method and
its parameters (app/celsleutel.py is public): which true counts can be shown as a given value (`mogelijk`: a zero is
exact, a shown count lies within its noise bound and at or above the threshold) and which a hidden cell can hold
(`verborgen_mogelijk`). Against per-query suppression (`bound=0`) a shown count is exact and a hidden one is 1 to 4.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from pathlib import Path
from typing import Generic, TypeVar

import polars as pl
import pytest

from app import celsleutel
from tests.helpers import once_value

ALLE = "*"
Sleutel = tuple[Hashable, ...]
T = TypeVar("T")


def doelgroep_keuzes(protected: bool) -> list[tuple[tuple[str, ...], int]]:
    """The doelgroep selections an attack enumerates, with their bit masks: all, and bijstand on its own. The pass
    without protection only has to show that the solver has teeth (it recovers many hidden counts from part of the
    space), so it takes "all" only; the protected pass is attacked over the whole space."""
    return [((), 0), (("PW",), 1)] if protected else [((), 0)]


def gemeente_keuzes(protected: bool, gemeenten: list[str]) -> list[str | None]:
    """The municipalities an attack enumerates: Twente (None) and all of them when protected. The pass without
    protection takes four and leaves Twente out: Twente is the total of all fourteen, so with four the solver
    would read a wrong equation; age band and gender give it enough to show its teeth."""
    return [None, *gemeenten] if protected else gemeenten[:4]


class Enumeration(Generic[T]):
    """What an attack module publishes with the protection off (`[False]`) and on (`[True]`). Each pass is
    enumerated when a test first asks for it, once per run for all workers: the module's tests may run on
    different workers, and a test of one side does not wait for the other.

    The protection works on the query layer's answers, not in its SQL, so the pass without it asks a part of the
    questions of the pass with it. The protected pass keeps its answers and enumerates the other pass right after it
    from them, unless a worker did so already (under 1.7 s then, against 3–12 s on its own)."""

    def __init__(
        self,
        factory: pytest.TempPathFactory,
        name: str,
        warehouse: Path,
        publish_all: Callable[[Path, pytest.MonkeyPatch, bool], T],
    ) -> None:
        self._factory, self._name, self._warehouse, self._publish_all = factory, name, warehouse, publish_all
        self._passes: dict[bool, T] = {}
        self._answers: dict[tuple[object, ...], pl.DataFrame] = {}

    def _publish(self, protected: bool) -> T:
        from app.queries import _db

        ask = _db._vraag

        def remembered(versie: object, vraag: tuple[str, tuple[object, ...]]) -> pl.DataFrame:
            if (versie, vraag) not in self._answers:
                self._answers[(versie, vraag)] = ask(versie, vraag)
            return self._answers[(versie, vraag)].clone()  # a caller's change never reaches the next one

        with pytest.MonkeyPatch.context() as monkeypatch:
            monkeypatch.setattr(_db, "_vraag", remembered)
            # Each question is asked once here: Streamlit's cache would only store (pickle) every answer again.
            monkeypatch.setattr(_db, "_cached", _db._cached.__wrapped__)
            return self._publish_all(self._warehouse, monkeypatch, protected)

    def _pass(self, protected: bool) -> T:
        name = f"{self._name}-{'aan' if protected else 'uit'}"
        return once_value(self._factory, name, lambda: self._publish(protected))

    def __getitem__(self, protected: bool) -> T:
        if protected not in self._passes:
            self._passes[protected] = self._pass(protected)
            if protected and False not in self._passes:
                self._passes[False] = self._pass(False)
            if len(self._passes) == 2:
                self._answers.clear()
        return self._passes[protected]


def equations(
    published: dict[Sleutel, int | None], dims: Iterable[int], windows: Callable[[Sleutel], list[Sleutel]] | None = None
) -> list[tuple[Sleutel, list[Sleutel]]]:
    """Every (total, parts) pair the filter space offers: totals over each position in `dims`, and for each key
    the keys `windows` says it sums (e.g. a 12-month window and its months; empty when none)."""
    found = []
    by_dim: dict[int, dict[tuple, list[Sleutel]]] = {d: defaultdict(list) for d in dims}
    for key in published:
        for dim in by_dim:
            if key[dim] != ALLE:
                by_dim[dim][(*key[:dim], ALLE, *key[dim + 1 :])].append(key)
    for groups in by_dim.values():
        found += [(total, parts) for total, parts in groups.items() if total in published]
    for key in published if windows else ():
        parts = windows(key)
        if parts and all(p in published for p in parts):
            found.append((key, parts))
    return found


def recovered(
    published: dict[Sleutel, int | None],
    bound: int | None,
    dims: Iterable[int],
    windows: Callable[[Sleutel], list[Sleutel]] | None = None,
    minimum: int = 5,
) -> dict[Sleutel, set[int]]:
    """Hidden cells pinned to a single value by the equations. `bound=None`: the cell key method as published (each
    shown term within what `celsleutel.mogelijk` allows, a hidden cell one of `celsleutel.verborgen_mogelijk`);
    a number: each shown term at most that far off (0: exact), a hidden cell 1 to 4."""
    if bound is None:
        prior = set(celsleutel.verborgen_mogelijk(minimum))

        def interval(value: int) -> tuple[int, int]:
            possible = celsleutel.mogelijk(value, minimum)
            return possible.start, possible.stop - 1
    else:
        prior = set(range(1, minimum))

        def interval(value: int) -> tuple[int, int]:
            return (0, 0) if value == 0 else (value - bound, value + bound)

    feasible: dict[Sleutel, set[int]] = {}
    for total, parts in equations(published, dims, windows):
        hidden = [c for c in (total, *parts) if published[c] is None]
        if len(hidden) != 1:
            continue
        (target,) = hidden
        if target == total:
            low = sum(interval(published[p])[0] for p in parts)
            high = sum(interval(published[p])[1] for p in parts)
        else:
            others = [interval(published[p]) for p in parts if p != target]
            low = interval(published[total])[0] - sum(hi for _, hi in others)
            high = interval(published[total])[1] - sum(lo for lo, _ in others)
        feasible[target] = feasible.get(target, prior) & {x for x in prior if low <= x <= high}
    return {cell: values for cell, values in feasible.items() if len(values) == 1}
