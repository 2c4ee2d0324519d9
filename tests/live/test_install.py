"""`pip install .` into a fresh venv outside the checkout, then the commands a deployment runs (issue 13).

The venv gets this project as a real (non-editable) install; its third-party packages come from the test's own
environment through a path entry, so the test checks what ships with the package (dbt project, app pages,
Streamlit config) without downloading the dependencies again. It runs in a folder outside the checkout, with
nothing of the checkout on the path: a module or file that only exists in the checkout makes it fail.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import textwrap
from pathlib import Path

import pytest

from cli.main import EXIT_REFUSED
from tests.helpers import REPO_ROOT
from tools.local_server import free_port, healthy

APP_RUN = textwrap.dedent(
    """
    from streamlit.testing.v1 import AppTest
    from semon import settings
    at = AppTest.from_file(str(settings.APP_ENTRYPOINT), default_timeout=120).run()
    assert not at.exception, [e.message for e in at.exception]
    print(settings.APP_ENTRYPOINT)
    print(at.title[0].value if at.title else "")
    """
)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A venv with `pip install .` of this checkout; returns its bin folder."""
    venv = tmp_path_factory.mktemp("venv")
    # Without a pip of its own (ensurepip costs 2 s): this environment's pip installs into it (`--python`).
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    site = next((venv / "lib").glob("python3*/site-packages"))
    # The dependencies from this environment, after the venv's own site-packages (so the install wins).
    (site / "_semon_test_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    # The checkout as a fresh clone has it: setuptools reuses an in-tree build/ folder, which a checkout that was
    # installed before may hold with files since moved.
    source = tmp_path_factory.mktemp("source") / "monitor"
    junk = shutil.ignore_patterns(
        ".git", ".venv", "build", "*.egg-info", "__pycache__", "target", "logs", "data", "*.duckdb*"
    )
    shutil.copytree(REPO_ROOT, source, ignore=junk, symlinks=True)
    pip = [sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install", "--quiet", "--no-deps"]
    subprocess.run([*pip, "--disable-pip-version-check", str(source)], check=True, cwd=venv)
    return venv / "bin"


def run(bin_dir: Path, home: Path, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SEMON_", "PYTHON"))}
    env |= {"SEMON_KEY_FILE": str(home / "key"), "XDG_CACHE_HOME": str(home / "cache"), "HOME": str(home)}
    return subprocess.run(
        [str(bin_dir / args[0]), *args[1:]], cwd=home, env=env, capture_output=True, text=True, timeout=timeout
    )


def test_installed_package_generates_refreshes_builds_and_serves(installed: Path, tmp_path: Path) -> None:
    home = tmp_path / "monitor"
    home.mkdir()
    where = run(installed, home, "python", "-c", "import semon, app, dbt_project; print(semon.__file__)")
    assert where.returncode == 0, where.stderr
    assert str(installed.parent) in where.stdout and str(REPO_ROOT) not in where.stdout

    generated = run(installed, home, "semon", "generate", "--out", "data/inbox", "--scale", "0.01", "--months", "3")
    assert generated.returncode == 0, generated.stderr
    refreshed = run(installed, home, "semon", "refresh")
    # The generated set carries one misnamed file on purpose: done, and that file refused and named (exit 3).
    assert refreshed.returncode == EXIT_REFUSED, refreshed.stderr
    assert "nieuwe bestanden ingelezen, gebouwd en gepubliceerd. 1 bestand geweigerd" in refreshed.stdout
    assert (home / "warehouse" / "semon.duckdb").exists()  # the data lives in the folder semon runs in
    built = run(installed, home, "semon", "build")
    assert built.returncode == 0, built.stderr
    assert not list(installed.parent.glob("lib/python3*/site-packages/dbt_project/target"))
    dbt_state = home / "cache" / "semon" / "dbt-target"  # dbt's state: outside it, a folder per warehouse name
    assert (dbt_state / "targets" / "werk" / "partial_parse.msgpack").exists()

    page = run(installed, home, "python", "-c", APP_RUN)
    assert page.returncode == 0, page.stderr
    assert str(installed.parent) in page.stdout

    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("SEMON_")} | {"HOME": str(home)}
    server = subprocess.Popen(
        [str(installed / "semon"), "serve", "--server.port", str(port)],
        cwd=home,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert healthy(f"http://127.0.0.1:{port}", server, 60), "semon serve answered no health check within 60 s"
    finally:
        server.terminate()
        server.wait(timeout=20)
