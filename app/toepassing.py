"""Which figures a doelgroep can have: one place that says when a figure is "niet van toepassing"."""

from __future__ import annotations

# Figures that only the Werkplein's client system feeds: ladder scores, placements, client flow.
WERKPLEIN_FIGUREN = ("ladder", "plaatsingen", "klantstroom")
# Doelgroepen that another source names (as it says it, and where the monitor shows what it delivers): their members
# have a ladder score, a placement or a benefit spell only when they are also Werkplein clients.
ANDERE_BRONNEN = {
    "DOELGROEPREGISTER": ("UWV", "WSW & beschut werk › UWV"),
    "WAJONG": ("UWV", "WSW & beschut werk › UWV"),
    "WSW": ("het SW-bedrijf", "WSW & beschut werk"),
    "WSW_WACHTLIJST": ("het SW-bedrijf", "WSW & beschut werk"),
    "VSV": ("het RMC", "Jongeren"),
}


def niet_van_toepassing(figuur: str, doelgroep: str) -> str | None:
    """One short line when `figuur` cannot describe `doelgroep` from its own source, else None."""
    if figuur in WERKPLEIN_FIGUREN and doelgroep in ANDERE_BRONNEN:
        bron, pagina = ANDERE_BRONNEN[doelgroep]
        return (
            f"Niet van toepassing: {bron} levert geen ladderscores, plaatsingen of uitkeringen; alleen wie ook "
            f"Werkplein-klant is telt hier mee. Zie {pagina} voor wat {bron} meldt."
        )
    return None


def niet_van_toepassing_voor(bron: str, doelgroepen: tuple[str, ...]) -> str | None:
    """The same for an indicator from `bron` and a choice of doelgroepen: only when every chosen one is another
    source's."""
    if bron == "werkplein" and doelgroepen and all(d in ANDERE_BRONNEN for d in doelgroepen):
        return niet_van_toepassing("ladder", doelgroepen[0])
    return None
