"""The SROI contracts together in words (app/sroi.py): which sentence each state of the totals gets."""

from __future__ import annotations

import pytest

from app import sroi


def groep(contracten: int, gerealiseerd: int | None = 100_000, *, onzeker: bool = False, **rest: object) -> dict:
    return {"contracten": contracten, "gerealiseerd_eur": gerealiseerd, "verwacht_eur": 80_000,
            "realisatie_pct": None if gerealiseerd is None else 125.0, "op_koers": True, "rond": False,
            "onzeker": onzeker, **rest}  # fmt: skip


@pytest.mark.parametrize(
    ("alle", "klein", "begin"),
    [
        (groep(3, None, onzeker=True), groep(2, None), "De contracten hebben samen te weinig plaatsingen voor een "
         "betrouwbaar totaal. Verplichting"),
        (groep(1, None), groep(1, None), "De contracten hebben samen minder dan 5 plaatsingen: hun bedrag staat er "
         "niet. Verplichting"),
        (groep(3), groep(0, 0), "Verplichting tot nu: "),
        (groep(3), groep(3), "Geen contract heeft 5 of meer plaatsingen, dus staat er geen bedrag per contract in"),
        (groep(3), groep(2), "Van 2 van de 3 contracten staat geen bedrag in de tabel (minder dan 5 plaatsingen elk); "
         "samen realiseerden ze € 100.000, 125,0 % van de verplichting tot nu (€ 80.000): op koers. Verplichting"),
        (groep(3), groep(2, None, onzeker=True), "Van 2 van de 3 contracten staat geen bedrag in de tabel (minder dan "
         "5 plaatsingen elk); ook samen zijn het te weinig plaatsingen voor een betrouwbaar totaal."),
        (groep(3), groep(1, None), "Van 1 van de 3 contracten staat geen bedrag in de tabel (minder dan 5 "
         "plaatsingen elk); ook samen zijn hun plaatsingen te weinig om hun bedrag te tonen."),
    ],
)  # fmt: skip
def test_each_state_of_the_totals_has_its_sentence(alle: dict, klein: dict, begin: str) -> None:
    assert sroi.bijschrift(alle, klein, 5).startswith(begin)


def test_a_judgement_is_said_only_where_the_noise_cannot_make_it() -> None:
    assert [sroi.oordeel(True), sroi.oordeel(False), sroi.oordeel(None), sroi.oordeel(None, rond=True)] == [
        "op koers", "achter", "—", "niet zeker (binnen de verstoring)"
    ]  # fmt: skip
    assert sroi.stand(groep(3, rond=True, op_koers=None)).endswith(": niet zeker (binnen de verstoring)")
    assert sroi.contracten(1) == "1 contract" and sroi.contracten(1200) == "1.200 contracten"


@pytest.mark.parametrize(
    ("status", "op_koers", "behaald", "rond", "woord"),
    [
        ("lopend", True, None, False, "op koers"), ("lopend", False, None, False, "achter"),
        ("lopend", None, None, False, "—"), ("lopend", None, None, True, "niet zeker (binnen de verstoring)"),
        ("afgerond", None, True, False, "behaald"), ("afgerond", None, False, False, "niet behaald"),
        ("afgerond", None, None, False, "—"), ("afgerond", None, None, True, "niet zeker (binnen de verstoring)"),
        ("nog niet begonnen", None, None, False, "—"),
    ],
)  # fmt: skip
def test_a_contracts_own_judgement_follows_its_status(
    status: str, op_koers: bool | None, behaald: bool | None, rond: bool, woord: str
) -> None:
    contract = {"status": status, "op_koers": op_koers, "behaald": behaald, "rond": rond}
    assert sroi.contract_oordeel(contract) == woord
