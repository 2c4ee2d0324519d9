"""The packages stay in their layers, and every setting is read in one place (issue 13).

Bottom to top: `semon` (settings, masking, permissions, audit log, code lists) → `ingest` → `warehouse` →
`app` (reads only the warehouse's reader modules) and `tools` (generator, local server) → `cli` (of the app only its
council report, `app.rapport`). A module may
import its own package and the packages below it; the check reads every import statement, also those inside
functions, so a lazy import cannot hide an upward dependency.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from semon import settings
from tests.helpers import REPO_ROOT

ALLOWED: dict[str, set[str]] = {
    "semon": {"semon"},
    "ingest": {"semon", "ingest"},
    "warehouse": {"semon", "ingest", "warehouse"},
    # The app reads the published warehouse and the refresh status; it never loads or builds.
    "app": {"semon", "app", "warehouse.connection", "warehouse.status"},
    "tools": {"semon", "tools"},
    # The CLI runs the app only as a server, with one exception: the council report (`semon rapport`), which lives
    # in the app layer because the Overzicht's button makes it too; it is the one app module the CLI may import.
    "cli": {"semon", "ingest", "warehouse", "tools", "cli", "app.rapport"},
}
PACKAGES = tuple(ALLOWED)


def imports(source: str) -> list[tuple[int, str]]:
    """(line, module) of every import of a project package in `source`."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            # `from warehouse import connection` imports warehouse.connection, not all of warehouse.
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
    return [(line, name) for line, name in found if name.split(".")[0] in PACKAGES]


def allowed(package: str, module: str) -> bool:
    return any(module == ok or module.startswith(ok + ".") for ok in ALLOWED[package])


def violations(package: str, source: str) -> list[str]:
    return [f"{line}: {module}" for line, module in imports(source) if not allowed(package, module)]


def modules() -> list[tuple[str, Path]]:
    return [(package, path) for package in PACKAGES for path in sorted((REPO_ROOT / package).rglob("*.py"))]


@pytest.mark.parametrize(("package", "path"), modules(), ids=lambda v: str(v).removeprefix(str(REPO_ROOT) + "/"))
def test_no_module_imports_a_higher_layer(package: str, path: Path) -> None:
    assert violations(package, path.read_text(encoding="utf-8")) == []


def test_the_check_catches_an_upward_import() -> None:
    """The check itself can fail: a lower layer importing a higher one, also lazily and by `from x import y`."""
    assert violations("semon", "import cli.main") == ["1: cli.main"]
    assert violations("ingest", "def f():\n    from warehouse.build import dbt_build\n") == [
        "2: warehouse.build.dbt_build"
    ]
    assert violations("app", "from warehouse import refresh") == ["1: warehouse.refresh"]
    assert violations("app", "from warehouse import connection, status") == []
    assert violations("tools", "from app.queries import ladder") == ["1: app.queries.ladder"]
    assert violations("cli", "from app import main") == ["1: app.main"]
    assert violations("cli", "from app import rapport") == []
    assert violations("cli", "from app.queries import indicator") == ["1: app.queries.indicator"]


def setting_reads(source: str) -> list[str]:
    """Reads of a SEMON_* variable from the environment (`os.environ.get`, `os.getenv`, `os.environ[...]`, `in`)."""

    def semon(node: ast.AST) -> bool:
        return isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.startswith("SEMON_")

    def read(node: ast.AST) -> bool:
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.args:
            return node.func.attr in ("get", "getenv", "pop") and semon(node.args[0])
        if isinstance(node, ast.Subscript):
            return isinstance(node.ctx, ast.Load) and semon(node.slice)
        return isinstance(node, ast.Compare) and semon(node.left) and isinstance(node.ops[0], ast.In)

    found = [f"{node.lineno}: {ast.unparse(node)}" for node in ast.walk(ast.parse(source)) if read(node)]
    return found


@pytest.mark.parametrize(("package", "path"), modules(), ids=lambda v: str(v).removeprefix(str(REPO_ROOT) + "/"))
def test_settings_are_read_only_in_semon_settings(package: str, path: Path) -> None:
    if path == REPO_ROOT / "semon" / "settings.py":
        return
    assert setting_reads(path.read_text(encoding="utf-8")) == []


def test_the_settings_check_catches_a_read() -> None:
    assert setting_reads('import os\nx = os.environ.get("SEMON_MIN_CEL", "5")') != []
    assert setting_reads('import os\nx = os.getenv("SEMON_ENV")') != []
    assert setting_reads('import os\nx = os.environ["SEMON_AUDIT"]') != []
    assert setting_reads('import os\nx = "SEMON_KEY_FILE" in os.environ') != []
    assert setting_reads('import os\nos.environ["SEMON_WAREHOUSE"] = "x"') == []  # setting one for a child is fine


def test_every_variable_is_declared_once_and_documented_in_the_readme() -> None:
    """The README's table of settings names each variable of semon.settings, and nothing else."""
    names = [v.name for v in settings.VARIABLES]
    assert len(names) == len(set(names))
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("<!-- settings:begin -->")[1].split("<!-- settings:end -->")[0]
    assert re.findall(r"^\| `(SEMON_[A-Z_]+)` \|", table, flags=re.MULTILINE) == names
    used = set()
    for _, path in modules():
        used |= set(re.findall(r"SEMON_[A-Z_]+[A-Z]", path.read_text(encoding="utf-8")))
    assert used <= set(names), f"not declared in semon.settings: {sorted(used - set(names))}"


def test_test_modules_share_helpers_only_through_helper_modules() -> None:
    """A test module imports what it shares from tests/helpers*.py, never from another test module (whose tests
    would then be collected twice, or whose helpers break when that test is moved)."""
    found = [
        f"{path.relative_to(REPO_ROOT)}: {name}"
        for path in sorted((REPO_ROOT / "tests").rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("tests.")
        for name in [node.module]
        if any(part.startswith("test_") for part in name.split("."))
    ]
    assert found == []
