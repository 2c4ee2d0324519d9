"""A growable table of numpy columns: the generator's records are columns, never per-row Python objects."""

from __future__ import annotations

import numpy as np


class Store:
    """Named numpy columns of equal length; `append` adds rows and returns their indices."""

    def __init__(self, **dtypes: type | str) -> None:
        self._cols = {name: np.empty(0, dtype=dtype) for name, dtype in dtypes.items()}
        self._size = 0

    def __len__(self) -> int:
        return self._size

    def __getitem__(self, name: str) -> np.ndarray:
        return self._cols[name][: self._size]

    def append(self, **values: np.ndarray | int | float) -> np.ndarray:
        n = max((np.size(v) for v in values.values() if np.ndim(v) > 0), default=1)
        start = self._size
        for name, column in self._cols.items():
            if start + n > column.size:  # grow geometrically: amortised O(1) per row
                grown = np.empty(max(2 * column.size, start + n, 64), dtype=column.dtype)
                grown[:start] = column[:start]
                self._cols[name] = column = grown
            fill = values.get(name, _missing(column.dtype))
            column[start : start + n] = fill
        self._size = start + n
        return np.arange(start, start + n)


def _missing(dtype: np.dtype) -> int | float | bool:
    if np.issubdtype(dtype, np.floating):
        return np.nan
    if np.issubdtype(dtype, np.bool_):
        return False
    return -1
