"""Every page that shows protected figures says once, in one sentence, why a total may differ from its parts."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.components import VERSTORING
from tests.helpers import PAGES, open_app

# The data-quality page counts rows of the refresh (beheer only), no people of the monitor: nothing is perturbed.
ZONDER_VERSTORING = {"datakwaliteit"}


@pytest.mark.parametrize("page", [p for p in PAGES if p not in ZONDER_VERSTORING])
def test_the_page_says_once_that_totals_may_differ(
    demo_warehouse: Path, monkeypatch: pytest.MonkeyPatch, page: str
) -> None:
    at = open_app(demo_warehouse, monkeypatch, page, gemeente="Enschede")
    assert at.title[0].value == PAGES[page]
    assert [caption.value for caption in at.caption].count(VERSTORING) == 1


def test_the_sentence_states_the_promise_of_docs_privacy() -> None:
    # One sentence, and the distance it states is the one the perturbation table keeps (app/celsleutel.grens).
    assert VERSTORING.count(". ") == 0 and VERSTORING.endswith(".")
    assert "hoogstens 2" in VERSTORING and "5 %" in VERSTORING
