"""Which figures a doelgroep can have: one place that says when a figure is "niet van toepassing"."""

from __future__ import annotations

# Figures that only the Werkplein's client system feeds: ladder scores, placements, client flow.
WERKPLEIN_FIGUREN = ("ladder", "plaatsingen", "klantstroom")
# Doelgroepen known from UWV: their members have a ladder score, a placement or a benefit spell only when they
# are also Werkplein clients.
UWV_DOELGROEPEN = ("WAJONG", "DOELGROEPREGISTER")


def niet_van_toepassing(figuur: str, doelgroep: str) -> str | None:
    """One short line when `figuur` cannot describe `doelgroep` from its own source, else None."""
    if figuur in WERKPLEIN_FIGUREN and doelgroep in UWV_DOELGROEPEN:
        return (
            "Niet van toepassing: UWV levert geen ladderscores, plaatsingen of uitkeringen; alleen wie ook "
            "Werkplein-klant is telt hier mee. Zie WSW & beschut werk › UWV voor wat UWV meldt."
        )
    return None


def niet_van_toepassing_voor(bron: str, doelgroepen: tuple[str, ...]) -> str | None:
    """The same for an indicator from `bron` and a choice of doelgroepen: only when every chosen one is UWV's."""
    if bron == "werkplein" and doelgroepen and all(d in UWV_DOELGROEPEN for d in doelgroepen):
        return niet_van_toepassing("ladder", doelgroepen[0])
    return None
