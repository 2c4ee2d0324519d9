"""Unique synthetic BSNs that pass the elfproef, drawn in bulk with numpy (never Faker's repeating ssn)."""

from __future__ import annotations

import numpy as np

WEIGHTS = np.array([9, 8, 7, 6, 5, 4, 3, 2], dtype=np.int64)


def digits(numbers: np.ndarray, width: int) -> np.ndarray:
    """The decimal digits of each number as a (n, width) array, most significant first."""
    powers = 10 ** np.arange(width - 1, -1, -1, dtype=np.int64)
    return (numbers[:, None] // powers) % 10


def is_valid(bsn: np.ndarray) -> np.ndarray:
    """Elfproef on 9-digit numbers: 9·d1 + 8·d2 + … + 2·d8 − 1·d9 ≡ 0 (mod 11), and not all zero."""
    d = digits(np.asarray(bsn, dtype=np.int64), 9)
    total = d[:, :8] @ WEIGHTS - d[:, 8]
    return (total % 11 == 0) & (np.asarray(bsn) > 0)


class BsnPool:
    """Hands out BSNs that are valid and never handed out before in this run.

    An 8-digit prefix fixes the check digit, so unique prefixes give unique BSNs. Prefixes start at
    01000000: a leading zero is allowed (and written without it by some senders), a leading 00 is not,
    so an 8-digit BSN on a file always means exactly one lost zero.
    """

    def __init__(self, rng: np.random.Generator) -> None:
        self._rng = rng
        # One bit per possible prefix (12.5 MB): membership stays O(1) however many BSNs are handed out.
        self._issued = np.zeros(100_000_000 // 8, dtype=np.uint8)

    def take(self, n: int) -> np.ndarray:
        found = np.empty(0, dtype=np.int64)
        while found.size < n:
            want = int((n - found.size) * 1.15) + 16
            prefix = self._rng.integers(1_000_000, 100_000_000, size=want, dtype=np.int64)
            check = (digits(prefix, 8) @ WEIGHTS) % 11  # d9 with 9·d1+…+2·d8 − d9 ≡ 0 (mod 11)
            prefix = prefix[check < 10]
            prefix = prefix[(self._issued[prefix >> 3] >> (prefix & 7).astype(np.uint8)) & 1 == 0]
            _, first = np.unique(prefix, return_index=True)  # drop repeats within the draw, keep draw order
            prefix = prefix[np.sort(first)][: n - found.size]
            np.bitwise_or.at(self._issued, prefix >> 3, (1 << (prefix & 7)).astype(np.uint8))
            found = np.concatenate([found, prefix])
        check = (digits(found, 8) @ WEIGHTS) % 11
        return found * 10 + check
