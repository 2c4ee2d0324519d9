"""The attacker's solver, shared by the attack tests: published values in, hidden values pinned down out.

A key is a tuple whose positions are dimensions; ALLE in a position means "all of that dimension". Every key whose
position holds ALLE is the total of the keys that differ only there (the parts). The attacker knows the noise
bound: each published term is at most `bound` off.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable

ALLE = "*"
Sleutel = tuple[Hashable, ...]


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
    bound: int,
    dims: Iterable[int],
    windows: Callable[[Sleutel], list[Sleutel]] | None = None,
) -> dict[Sleutel, set[int]]:
    """Hidden cells (1 to 4) pinned to a single value by the equations, each published term at most `bound` off."""
    feasible: dict[Sleutel, set[int]] = {}
    for total, parts in equations(published, dims, windows):
        cells = [total, *parts]
        hidden = [c for c in cells if published[c] is None]
        if len(hidden) != 1:
            continue
        (target,) = hidden
        if target == total:
            estimate = sum(published[p] for p in parts)
        else:
            estimate = published[total] - sum(published[p] for p in parts if p != target)
        slack = bound * (len(cells) - 1)
        values = {x for x in range(1, 5) if abs(estimate - x) <= slack}
        feasible[target] = feasible.get(target, set(range(1, 5))) & values
    return {cell: values for cell, values in feasible.items() if len(values) == 1}
