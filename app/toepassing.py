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


def voor_indicator(ind: dict, doelgroepen: tuple[str, ...]) -> str | None:
    """The same for indicator `ind` (a row of mart_indicatoren): also "Jongeren onder 27" on its own where the
    indicator's source has no age (the Wsw files): the doelgroep is an age band, so it cannot be picked out there.
    The age filter is left out with a note instead (queries.indicator._toepasbaar); a doelgroep has no "all" to fall
    back to."""
    if nvt := niet_van_toepassing_voor(ind["teller_bron"], doelgroepen):
        return nvt
    niet = set(filter(None, (ind["niet_toepasbaar"] or "").split("|")))
    if "leeftijd" in niet and tuple(doelgroepen) == ("JONGEREN_U27",):
        return f"Niet van toepassing: jongeren onder 27 zijn een leeftijdsgroep, en {ind['reden_niet_toepasbaar']}."
    return None


def samengevat(ind: dict, doelgroepen: list[str]) -> str | None:
    """One line for the doelgroepen among `doelgroepen` that `ind` cannot describe (under a chart per doelgroep)."""
    bronnen = list(dict.fromkeys(ANDERE_BRONNEN[d][0] for d in doelgroepen if d in ANDERE_BRONNEN))
    if ind["teller_bron"] == "werkplein" and bronnen:
        wie = bronnen[0] if len(bronnen) == 1 else f"{', '.join(bronnen[:-1])} en {bronnen[-1]}"
        levert = "levert" if len(bronnen) == 1 else "leveren"
        return (
            f"n.v.t.: {wie} {levert} geen ladderscores, plaatsingen of uitkeringen; alleen wie ook Werkplein-klant is "
            "telt mee."
        )
    return next(filter(None, (voor_indicator(ind, (d,)) for d in doelgroepen)), None)
