"""Access is enforced here, where the data is fetched, not by hiding widgets: a page cannot ask what its role
may not see."""

from __future__ import annotations

from app.toegang import huidig


class GeenToegang(Exception):
    """The viewer's role may not see this; the message says what it may see."""


def gemeente(code: str | None) -> None:
    """Detail of one municipality (or of all of Twente when `code` is None) for the current viewer."""
    toegang = huidig()
    if toegang.rol == "gemeente" and code != toegang.gemeente:
        raise GeenToegang(
            "Met de rol gemeente ziet u alleen de details van uw eigen gemeente; de andere gemeenten staan als "
            "totalen in de Regionale benchmark."
        )


def rol(*toegestaan: str) -> None:
    """Only these roles may ask."""
    if huidig().rol not in toegestaan:
        raise GeenToegang(f"Deze gegevens zijn alleen voor de rol {' of '.join(toegestaan)}.")
