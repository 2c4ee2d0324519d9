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


class KeyMismatch(Exception):
    """The pseudonym key is not the one the warehouse was filled with: the whole run is refused, nothing is read.

    A different key gives every person a new persoon_id, so their history would split and flows, herinstroom and
    durability would count them twice. The message is Dutch and for the operator."""
