"""One clean refresh of the tiny set (tests/conftest.py) run as the README shows, shared by the README test and
the crash test."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.helpers import once, readme_argv, readme_environment


@pytest.fixture(scope="session")
def readme_refresh(tiny_extracts: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder where the README's refresh block ran as written (its exports, /srv/semon under this folder) on
    every tiny file: `srv/semon.duckdb` is a clean refresh; `refresh.json` holds the command's exit code and
    output."""

    def make(home: Path) -> None:
        env = readme_environment(home)
        shutil.copytree(tiny_extracts, env["SEMON_INBOX"], ignore=shutil.ignore_patterns(".*"))
        argv = readme_argv(".venv/bin/semon refresh")
        done = subprocess.run(argv, cwd=home, env=env, capture_output=True, text=True, timeout=600)
        outcome = {"returncode": done.returncode, "stdout": done.stdout, "stderr": done.stderr}
        (home / "refresh.json").write_text(json.dumps(outcome))

    return once(tmp_path_factory, "readme_refresh", make)
