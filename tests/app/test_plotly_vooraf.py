"""Every page has the browser load Streamlit's Plotly code early: the first chart page of a visit is fast (issue 15)."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit

from app.components import PLOTLY_CHUNK
from tests.helpers import open_app

STREAMLIT_JS = Path(streamlit.__file__).parent / "static" / "static" / "js"


def test_the_chunk_is_the_one_streamlit_imports_for_a_plotly_chart() -> None:
    # A Streamlit that renames its chunks would silently undo the early load: this says so instead.
    assert PLOTLY_CHUNK is not None
    assert (STREAMLIT_JS / PLOTLY_CHUNK).is_file()
    entry = next(STREAMLIT_JS.glob("index.*.js")).read_text(encoding="utf-8")
    assert f"./{PLOTLY_CHUNK}" in entry  # the lazy import behind st.plotly_chart


@pytest.mark.parametrize("page", ["overzicht", "datakwaliteit"])
def test_a_page_without_a_chart_loads_the_plotly_code(
    built_warehouse: Path, monkeypatch: pytest.MonkeyPatch, page: str
) -> None:
    at = open_app(built_warehouse, monkeypatch, page, gemeente="Enschede")
    scripts = [html.proto for html in at.sidebar.html if PLOTLY_CHUNK in html.value]
    assert len(scripts) == 1
    assert scripts[0].unsafe_allow_javascript  # else Streamlit shows the script without running it
    assert "import(" in scripts[0].body
