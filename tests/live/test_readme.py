"""Every command line the README shows runs as written (issue 13: `semon serve --server.port 8501` did not).

The lines come from the README's ```bash blocks. Each runs in a fresh folder with the README's own `export`
lines applied (their /srv paths moved under that folder); commands that keep running (serve, watch, demo) run
until they answer and are then stopped. The refresh line ran once for the whole suite (`readme_refresh`, also
the crash test's clean reference). Three lines cannot run inside the suite and are checked otherwise: `make
test` (it is this suite) and `.venv/bin/pytest tests/unit` (a part of it) are collected, not run again; `make
demo` is `semon demo` on the full demo data (`make -n` shows it), and `semon demo` runs on a small set below.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import time
from pathlib import Path

from cli.main import EXIT_REFUSED
from tests.helpers import REPO_ROOT, readme_argv, readme_command_lines, readme_environment
from tools.local_server import free_port, healthy


def test_the_readme_shows_these_commands() -> None:
    """So a new command line in the README cannot slip past the test below."""
    assert readme_command_lines() == [
        "make demo",
        "make test",
        "export SEMON_WAREHOUSE=/srv/semon/semon.duckdb",
        "export SEMON_INBOX=/srv/semon/inbox",
        "export SEMON_PSEUDONYM_KEY=<64 hex characters>",
        ".venv/bin/semon refresh",
        ".venv/bin/semon watch --interval 300",
        ".venv/bin/semon serve --server.port 8501",
        "make test",
        ".venv/bin/pytest tests/unit",
        ".venv/bin/semon --help",
    ]


def _says(process: subprocess.Popen, log: Path, text: str, timeout: float = 120) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None and text not in log.read_text(errors="replace"):
        time.sleep(0.2)
    return text in log.read_text(errors="replace")


def _running(argv: list[str], home: Path, env: dict[str, str], check) -> None:
    log = home / f"{Path(argv[0]).name}-{argv[1]}.log"
    with log.open("w") as out:
        process = subprocess.Popen(argv, cwd=home, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        assert check(process, log), log.read_text(errors="replace")
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_every_readme_command_runs_as_written(readme_refresh: Path) -> None:
    home = readme_refresh
    env = readme_environment(home)
    ran = []
    for line in dict.fromkeys(readme_command_lines()):  # `make test` is shown twice
        argv = readme_argv(line)
        if line.startswith("export "):
            assert env[argv[1].split("=")[0]]  # applied in readme_environment
        elif line.startswith("make "):
            dry = subprocess.run(["make", "-n", argv[1]], cwd=REPO_ROOT, capture_output=True, text=True)
            assert dry.returncode == 0, dry.stderr
            assert ("bin/semon demo" if argv[1] == "demo" else "bin/pytest") in dry.stdout
        elif argv[1] == "refresh":
            outcome = json.loads((home / "refresh.json").read_text())
            # The generated set carries one misnamed file on purpose: done, and that file refused, named (exit 3).
            assert outcome["returncode"] == EXIT_REFUSED, outcome["stderr"]
            assert "nieuwe bestanden ingelezen, gebouwd en gepubliceerd. 1 bestand geweigerd" in outcome["stdout"]
            assert "werkplein_klanten_2025-12.csv: " in outcome["stdout"]
            assert (home / "srv" / "semon.duckdb").exists()
        elif argv[1] == "watch":
            _running(argv, home, env, lambda process, log: _says(process, log, "kijkt elke 300 s"))
        elif argv[1] == "serve":
            url = f"http://127.0.0.1:{argv[argv.index('--server.port') + 1]}"
            # Still running after it answered: not another server that already held the README's port.
            _running(argv, home, env, lambda process, _, url=url: healthy(url, process, 120) and process.poll() is None)
        elif argv[1] == "tests/unit":
            done = subprocess.run([*argv, "--collect-only", "-q", "-n", "0"], cwd=REPO_ROOT, env=env)
            assert done.returncode == 0
        else:
            done = subprocess.run(argv, cwd=home, env=env, capture_output=True, text=True, timeout=120)
            assert done.returncode == 0, f"{line}: {done.stderr}"
        ran.append(line)
    assert ran == list(dict.fromkeys(readme_command_lines()))


def test_semon_demo_prepares_and_serves_with_streamlit_options(tiny_extracts: Path, tmp_path: Path) -> None:
    """`make demo` runs `semon demo`: on a small set it ingests, builds and serves, its options passed on."""
    data = tmp_path / "demo"
    shutil.copytree(tiny_extracts, data)  # with its .manifest.json: semon demo does not generate again
    env = readme_environment(tmp_path)
    port = str(free_port())
    argv = [*readme_argv(".venv/bin/semon demo"), "--data", str(data), "--server.port", port]
    _running(argv, tmp_path, env, lambda process, _: healthy(f"http://127.0.0.1:{port}", process, 300))
    assert (tmp_path / "srv" / "semon.duckdb").exists()
