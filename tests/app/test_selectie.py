"""The selection every figure is filtered by (app.filters.huidig): kept per its inputs, never past them."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from app import filters, queries, toegang
from app.toegang import Toegang


def test_the_selection_follows_a_new_publish_and_the_viewer(
    built_warehouse: Path, demo_warehouse: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    live = tmp_path / "semon.duckdb"
    shutil.copyfile(built_warehouse, live)
    monkeypatch.setenv("SEMON_WAREHOUSE", str(live))
    story = filters.huidig()
    assert (story.gemeente, story.maand, story.laatste_maand) == (None, dt.date(2024, 6, 1), dt.date(2024, 6, 1))
    assert filters.huidig() is story  # asked again in the same run: worked out once

    # A publish puts another file in its place (a new inode): the same widgets now read its months.
    shutil.copyfile(demo_warehouse, tmp_path / "nieuw.duckdb")
    os.replace(tmp_path / "nieuw.duckdb", live)
    demo = filters.huidig()
    assert (demo.maand, demo.laatste_maand) == (dt.date(2026, 9, 1), dt.date(2026, 9, 1))

    # A municipality's viewer starts on their own municipality; the next viewer of the same file does not.
    with toegang.als(Toegang("demo", "gemeente", "GM0153", demo=True)):
        eigen = filters.huidig()
    assert (eigen.gemeente, eigen.gemeente_naam) == ("GM0153", "Enschede")
    assert filters.huidig().gemeente is None


def test_a_selection_worked_out_while_a_publish_landed_is_not_kept_for_the_old_version(
    built_warehouse: Path, demo_warehouse: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    live, kept = tmp_path / "semon.duckdb", tmp_path / "bewaard.duckdb"
    shutil.copyfile(built_warehouse, live)
    monkeypatch.setenv("SEMON_WAREHOUSE", str(live))
    maanden = queries.maanden

    def publish_first() -> object:  # the months are read just after a publish put the demo file in place
        os.rename(live, kept)  # kept as a generation: same inode and modification time
        shutil.copyfile(demo_warehouse, tmp_path / "nieuw.duckdb")
        os.replace(tmp_path / "nieuw.duckdb", live)
        monkeypatch.setattr(queries, "maanden", maanden)
        return maanden()

    monkeypatch.setattr(queries, "maanden", publish_first)
    assert filters.huidig().laatste_maand == dt.date(2026, 9, 1)  # asked again: the demo file's own selection
    os.replace(kept, live)  # a rollback: the story file's fingerprint is back
    assert filters.huidig().laatste_maand == dt.date(2024, 6, 1)  # not the demo months read under it
