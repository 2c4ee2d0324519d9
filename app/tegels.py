"""An indicator as a tile: its value for the selection, the change since a month earlier, its definition and notes."""

from __future__ import annotations

import dataclasses

import streamlit as st

from app import queries
from app.formatting import getal, procent
from app.privacy import drempel
from app.privacy import label as verborgen
from app.queries.indicator import Uitkomst
from app.selectie import Filters, plus_maanden
from app.toepassing import voor_indicator


def opmaak(ind: dict, waarde: float | None) -> str:
    """A value in the indicator's own number of decimals: `1.234`, `23,4 %`, `12,5` (unit in the label)."""
    if waarde is None:
        return "—"
    if ind["eenheid"].startswith("%"):
        return procent(waarde, ind["decimalen"])
    return getal(waarde, ind["decimalen"])


def verborgen_aandeel(uitkomst: Uitkomst) -> bool:
    """A share or rate hidden because a few people, or none, are in or outside it (its count reads "< 5", the
    share itself "—")."""
    if not uitkomst.bekend or uitkomst.waarden.is_empty() or not uitkomst.indicator["noemer"]:
        return False
    return uitkomst.waarden["teller"][0] is None


def tekst(uitkomst: Uitkomst) -> str:
    """The tile's value: a number, "< 5" for a hidden count, "—" when unknown or a hidden share."""
    if not uitkomst.bekend or uitkomst.waarden.is_empty():
        return "—"
    rij = uitkomst.waarden.row(0, named=True)
    if rij["waarde"] is None:
        hidden_count = rij["teller"] is None and not uitkomst.indicator["noemer"]
        return verborgen() if hidden_count else "—"
    return opmaak(uitkomst.indicator, rij["waarde"])


def hulp(ind: dict) -> str:
    """The help text: what is counted, and the convention it follows."""
    return f"{ind['omschrijving']}\n\nBron en conventie: {ind['bron']}."


def verandering(uitkomst: Uitkomst, f: Filters) -> str | None:
    """The change since the period ending a month earlier, as the tile says it (`+12 t.o.v. een maand eerder`);
    None when either value is unknown or hidden, or when the period could not move (a follow-up figure)."""
    if uitkomst.eind is None or uitkomst.waarden.is_empty():
        return None
    eerder = dataclasses.replace(f, maand=plus_maanden(f.maand, -1), periode=f.periode)
    vorig = queries.indicator.uitkomst(uitkomst.indicator["indicator"], eerder)
    nu, toen = uitkomst.waarden["waarde"][0], None if vorig.waarden.is_empty() else vorig.waarden["waarde"][0]
    if nu is None or toen is None or vorig.eind == uitkomst.eind:
        return None
    verschil_waarde = nu - toen
    opgemaakt = opmaak(uitkomst.indicator, abs(verschil_waarde))
    # A change that shows as nothing ("0", "0,0 %") is no rise and no fall: no sign (and no arrow, `gelijk`).
    teken = "" if not any(c in "123456789" for c in opgemaakt) else "+" if verschil_waarde > 0 else "-"
    return f"{teken}{opgemaakt} t.o.v. een maand eerder"


def gelijk(delta: str | None) -> bool:
    """Whether a change from `verandering` shows as none (it then has no sign)."""
    return delta is not None and not delta.startswith(("+", "-"))


def tegel(
    indicator: str,
    f: Filters,
    *,
    titel: str | None = None,
    verschil: bool = True,
    rijen: list[dict] | None = None,
    periode: bool = False,
) -> Uitkomst:
    """Draw one indicator as a metric with its change since the period ending a month earlier.

    `rijen`, when given, gets what the tile shows (name, value, change, period) as one row: the page's download.
    `periode` writes the period of a flow under its value ("in juni 2024"): in the title, a period of 12 months
    was cut off ("Plaatsingen gestart (december 2025 t/m …").
    """
    uitkomst = queries.indicator.uitkomst(indicator, f)
    ind = uitkomst.indicator
    nvt = voor_indicator(ind, f.doelgroepen)
    leeg = not uitkomst.bekend or uitkomst.waarden.is_empty() or uitkomst.waarden["teller"][0] == 0
    if nvt and leeg:  # nothing from the Werkplein for another source's doelgroep: not applicable, not 0 or unknown
        st.metric(titel or ind["naam"], "n.v.t.", help=hulp(ind))
        st.caption(nvt)
        if rijen is not None:
            rijen.append(rij("Tegel", titel or ind["naam"], "n.v.t.", toelichting=nvt))
        return uitkomst
    delta = verandering(uitkomst, f) if verschil else None
    kleur = (
        "off" if ind["hoger_is_beter"] is None or gelijk(delta) else ("normal" if ind["hoger_is_beter"] else "inverse")
    )
    # Streamlit draws an arrow up for any change that does not start with a minus: none for no change.
    pijl = "off" if gelijk(delta) else "auto"
    st.metric(titel or ind["naam"], tekst(uitkomst), delta, delta_color=kleur, delta_arrow=pijl, help=hulp(ind))
    if periode:
        st.caption(f"in {uitkomst.periode_naam or f.periode_naam}")
    noten = list(uitkomst.noten)
    if verborgen_aandeel(uitkomst):
        # Also a part of none or all of its people (decisions.md): "rests on fewer than 5" alone would not be true.
        noten.insert(0, f"Verborgen: te weinig mensen om dit aandeel te tonen (minder dan {drempel()}, of geen, erin "
                        "of erbuiten).")  # fmt: skip
    for noot in noten:
        st.caption(noot)
    if rijen is not None:
        rijen.append(
            rij(
                "Tegel",
                titel or ind["naam"],
                tekst(uitkomst),
                verschil=delta.removesuffix(" t.o.v. een maand eerder") if delta else None,
                periode=uitkomst.periode_naam or None,
                toelichting=" ".join(noten) or None,
            )
        )
    return uitkomst


def rij(onderdeel: str, naam: str, waarde: str, **rest: str | None) -> dict[str, str | None]:
    """One row of the Overzicht's download, in the words and formats of the screen (text, never recomputed)."""
    kolommen = ("verschil", "doel", "realisatie", "verwacht", "periode", "toelichting")
    return {"onderdeel": onderdeel, "naam": naam, "waarde": waarde, **{k: rest.get(k) for k in kolommen}}
