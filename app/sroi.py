"""The SROI contracts together in words: the Werkgevers page's and the council report's (one wording for both)."""

from __future__ import annotations

from app.formatting import euro, getal, procent

VERWACHT = (
    "Verplichting tot nu: de verplichting maal het verstreken deel van de looptijd (van een afgerond contract de hele"
    " verplichting). De totalen zijn licht verschoven, zoals de bedragen per contract; waar hun verschil met de "
    "getoonde bedragen een verborgen contract zou prijsgeven, met hoogstens de waarde van één plaatsing, en waar dat "
    "meer dan een tiende kan zijn staat er geen totaal. Op koers of achter staat er alleen waar de verschuiving het "
    "verschil met de verplichting niet kan maken."
)


def contracten(aantal: int) -> str:
    """ "1 contract", "7 contracten"."""
    return f"{getal(aantal)} {'contract' if aantal == 1 else 'contracten'}"


def oordeel(op_koers: bool | None, rond: bool = False) -> str:
    """Realised against what was due by now: on track or behind; "niet zeker" where the noise could be the
    difference; "—" when the amount is hidden or nothing is due."""
    if rond:
        return "niet zeker (binnen de verstoring)"
    return "—" if op_koers is None else "op koers" if op_koers else "achter"


def contract_oordeel(contract: dict) -> str:
    """A contract's own judgement (a row of `sroi_contracten`): op koers or achter while it runs, behaald or niet
    behaald once ended, "niet zeker" where the noise could make it, "—" where its amount is hidden or it has not
    begun."""
    if contract["rond"]:
        return oordeel(None, rond=True)
    if contract["status"] == "lopend":
        return oordeel(contract["op_koers"])
    if contract["status"] == "afgerond" and contract["behaald"] is not None:
        return "behaald" if contract["behaald"] else "niet behaald"
    return "—"


def stand(groep: dict) -> str:
    """A group's realisation against what was due by now, as one phrase: "102,2 % van de verplichting tot nu
    (€ 1.861.500): op koers"."""
    if groep["onzeker"]:
        return "te weinig plaatsingen voor een betrouwbaar totaal"
    if groep["gerealiseerd_eur"] is None:
        return "te weinig plaatsingen om te tonen"
    tot_nu = f"{procent(groep['realisatie_pct'])} van de verplichting tot nu ({euro(groep['verwacht_eur'])})"
    return f"{tot_nu}: {oordeel(groep['op_koers'], groep['rond'])}"


def bijschrift(alle: dict, klein: dict, drempel: int) -> str:
    """What the totals are, and what the contracts without an amount of their own realised together."""
    if alle["onzeker"]:
        zin = "De contracten hebben samen te weinig plaatsingen voor een betrouwbaar totaal. "
    elif alle["gerealiseerd_eur"] is None:
        zin = f"De contracten hebben samen minder dan {drempel} plaatsingen: hun bedrag staat er niet. "
    elif klein["contracten"] == 0:
        zin = ""
    elif klein["contracten"] == alle["contracten"]:
        zin = (
            f"Geen contract heeft {drempel} of meer plaatsingen, dus staat er geen bedrag per contract in de tabel: "
            "de totalen zijn van hen samen. "
        )
    else:
        zin = (
            f"Van {getal(klein['contracten'])} van de {contracten(alle['contracten'])} staat geen bedrag in de "
            f"tabel (minder dan {drempel} plaatsingen elk); "
            + (
                f"samen realiseerden ze {euro(klein['gerealiseerd_eur'])}, {stand(klein)}. "
                if klein["gerealiseerd_eur"] is not None
                else "ook samen zijn het te weinig plaatsingen voor een betrouwbaar totaal. "
                if klein["onzeker"]
                else "ook samen zijn hun plaatsingen te weinig om hun bedrag te tonen. "
            )
        )
    return zin + VERWACHT
