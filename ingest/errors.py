"""Why a whole file is refused: the message goes to the sender in `rejected/<file>.reason.txt`."""

from __future__ import annotations


class FileRefused(Exception):
    """The file cannot be read as the contract says; the warehouse is left unchanged."""

    def __init__(self, filename: str, reason: str) -> None:
        super().__init__(f"{filename}: {reason}")
        self.filename = filename
        self.reason = reason
