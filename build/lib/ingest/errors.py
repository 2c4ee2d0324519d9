"""Why a whole file is refused: the message goes to the sender in `rejected/<file>.reason.txt`."""

from __future__ import annotations


class FileRefused(Exception):
    """The file cannot be read as the contract says; the warehouse is left unchanged.

    `reason` is Dutch and for the sender; `technical` (English, optional) is for the operator log only.
    """

    def __init__(self, filename: str, reason: str, technical: str | None = None) -> None:
        super().__init__(f"{filename}: {reason}")
        self.filename = filename
        self.reason = reason
        self.technical = technical
