"""Text for SQL that every layer writes: a file path as a string literal (ATTACH takes no parameter)."""

from __future__ import annotations

from pathlib import Path


def quoted(path: Path) -> str:
    """The path, absolute, for a string literal in SQL."""
    return str(path.resolve()).replace("'", "''")
