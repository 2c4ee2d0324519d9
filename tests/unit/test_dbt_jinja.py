"""dbt's Jinja work within `jinja_work_reused`: a text's compiled code is used again, and a node's macro namespace is
what dbt's own `build_namespace` makes (dbt's Macro nodes and namespace builder, packages made up here)."""

from __future__ import annotations

import gc
from types import SimpleNamespace
from typing import Any

import pytest
from dbt.clients.jinja import MacroGenerator, MacroStack
from dbt.context.macros import MacroNamespaceBuilder
from dbt.contracts.graph.nodes import DependsOn, Macro
from dbt.exceptions import DuplicateMacroNameError
from dbt.node_types import NodeType
from dbt_common.clients import jinja

from warehouse.build import _collector_less_often
from warehouse.dbt_jinja import jinja_work_reused

ROOT, ADAPTER = "sociale_economie_monitor", ["dbt_duckdb", "dbt"]  # dbt's order: the adapter's package first


def _macro(package: str, name: str, *, listed_under: str | None = None) -> Macro:
    return Macro(
        name=name,
        resource_type=NodeType.Macro,
        package_name=package,
        path=f"{name}.sql",
        original_file_path=f"macros/{name}.sql",
        unique_id=f"macro.{listed_under or package}.{name}",
        macro_sql=f"{{% macro {name}() %}}{package}.{name}{{% endmacro %}}",
    )


def _packages(*extra: Macro) -> dict[str, dict[str, Macro]]:
    """Macros as a manifest lists them by package: some names in several packages, so which one wins matters."""
    macros = [
        _macro("dbt", "ref"),
        _macro("dbt", "run_query"),
        _macro("dbt", "create_table_as"),
        _macro("dbt_duckdb", "create_table_as"),  # the adapter's own wins over dbt's
        _macro("dbt_duckdb", "duckdb__get_binding_char"),
        _macro("other", "run_query"),  # a package's macro: not in the namespace of a root node by its bare name
        _macro("other", "cents"),
        _macro("other", "open_at"),  # the node's own package wins over the project
        _macro(ROOT, "ref"),  # the project overrides dbt's
        _macro(ROOT, "open_at"),
        _macro(ROOT, "other"),  # a macro named as a package: the macro wins
        *extra,
    ]
    by_package: dict[str, dict[str, Macro]] = {}
    for macro in macros:
        by_package.setdefault(macro.unique_id.split(".")[1], {})[macro.name] = macro
    return by_package


def _same(a: Any, b: Any) -> bool:
    """The same generators (macro, context, node, call stack: the very objects) under the same names, in order."""
    if isinstance(a, MacroGenerator):
        fields = vars(a)
        return type(a) is type(b) and fields.keys() == vars(b).keys() and all(fields[k] is vars(b)[k] for k in fields)
    return isinstance(a, dict) and list(a) == list(b) and all(_same(a[k], b[k]) for k in a)


def _namespaces(search: str, by_package: dict[str, dict[str, Macro]]) -> tuple[Any, Any, dict, dict]:
    """dbt's namespace and the one made within the block for a node of package `search`, each merged into a
    context as dbt's ManifestContext.to_dict merges it."""
    ctx: dict[str, Any] = {}
    stack, node = MacroStack(), SimpleNamespace(depends_on=DependsOn())
    want = MacroNamespaceBuilder(ROOT, search, stack, ADAPTER, node).build_namespace(by_package, ctx)
    with jinja_work_reused():
        got = MacroNamespaceBuilder(ROOT, search, stack, ADAPTER, node).build_namespace(by_package, ctx)
    merged_want, merged_got = {"ref": "context's", "x": 1}, {"ref": "context's", "x": 1}
    merged_want.update(want)
    merged_got.update(got)
    return want, got, merged_want, merged_got


@pytest.mark.parametrize("search", [ROOT, "other"])
def test_a_nodes_macro_namespace_is_dbts_own(search: str) -> None:
    want, got, merged_want, merged_got = _namespaces(search, _packages())
    for part in ("local_namespace", "global_namespace", "packages", "global_project_namespace"):
        assert _same(getattr(want, part), getattr(got, part)), part
    assert sorted(got) == sorted(want) and len(got) == len(want)
    assert all(_same({name: want[name]}, {name: got[name]}) for name in want)
    assert merged_got.keys() == merged_want.keys()
    assert all(_same({k: merged_want[k]}, {k: merged_got[k]}) or merged_want[k] is merged_got[k] for k in merged_want)
    assert got.get_from_package("dbt", "create_table_as").macro is want.get_from_package("dbt", "create_table_as").macro


def test_names_resolve_as_dbt_searches_them() -> None:
    """The node's own package first, then the project, the other packages by name, `dbt`, the adapter's macros."""
    _, got, _, merged = _namespaces("other", _packages())
    assert merged["run_query"].macro.unique_id == "macro.other.run_query"
    assert merged["ref"].macro.unique_id == f"macro.{ROOT}.ref"
    assert merged["create_table_as"].macro.unique_id == "macro.dbt_duckdb.create_table_as"
    assert merged["dbt"]["create_table_as"].macro.unique_id == "macro.dbt_duckdb.create_table_as"
    assert merged["open_at"].macro.unique_id == "macro.other.open_at"
    assert merged["other"].macro.unique_id == f"macro.{ROOT}.other"
    assert merged[ROOT]["open_at"].macro.unique_id == f"macro.{ROOT}.open_at"
    assert merged["x"] == 1
    assert got["cents"]() == "other.cents"  # a generator of the namespace renders its macro in the node's context
    assert got["cents"].node.depends_on.macros == ["macro.other.cents"]  # and the node depends on it, as in dbt


def test_a_dbt_macro_a_unit_test_replaces_after_the_namespace_is_made_is_found_as_dbt_finds_it() -> None:
    """dbt's unit tests replace `dbt.<macro>` in the namespace's dict of the adapter's macros once it is made
    (dbt/context/providers.py, generate_runtime_unit_test_context): a lookup by the bare name then gives the
    replacement, in dbt's namespace and in this one."""
    want, got, _, _ = _namespaces(ROOT, _packages())
    for namespace in (want, got):
        namespace["dbt"]["create_table_as"] = "vervangen"  # the same dict as global_project_namespace
        namespace["dbt"]["current_timestamp"] = "nieuw"
    for name in ("create_table_as", "current_timestamp"):
        assert (want[name], want.get_from_package(None, name)) == (got[name], got.get_from_package(None, name))
    assert got["create_table_as"] == "vervangen" and got["current_timestamp"] == "nieuw"
    assert _same({"ref": want["ref"]}, {"ref": got["ref"]}) and got["ref"].macro.package_name == ROOT
    assert set(got) == set(want) and len(got) == len(want) and "current_timestamp" in got


def test_a_macro_twice_in_a_package_is_refused_as_dbt_refuses_it() -> None:
    twice = _packages(_macro(ROOT, "open_at", listed_under="spare"))  # listed apart, but of the project
    with pytest.raises(DuplicateMacroNameError):
        MacroNamespaceBuilder(ROOT, ROOT, MacroStack(), ADAPTER).build_namespace(twice, {})
    with jinja_work_reused(), pytest.raises(DuplicateMacroNameError):
        MacroNamespaceBuilder(ROOT, ROOT, MacroStack(), ADAPTER).build_namespace(twice, {})


def test_another_manifests_macros_are_planned_again() -> None:
    with jinja_work_reused():
        first = MacroNamespaceBuilder(ROOT, ROOT, MacroStack(), ADAPTER).build_namespace(_packages(), {})
        changed = _packages(_macro(ROOT, "new_one"))
        second = MacroNamespaceBuilder(ROOT, ROOT, MacroStack(), ADAPTER).build_namespace(changed, {})
    assert "new_one" not in first and second["new_one"].macro is changed[ROOT]["new_one"]


def _code(text: str, *, native: bool = False) -> Any:
    return jinja.get_template(text, {}, native=native).root_render_func.__code__


def test_a_texts_compiled_code_is_used_again_and_renders_as_before() -> None:
    text = "select {{ 40 + n }} as antwoord"
    assert _code(text) is not _code(text)  # dbt compiles it each time
    with jinja_work_reused():
        assert _code(text) is _code(text)
        rendered = jinja.render_template(jinja.get_template(text, {}), {"n": 2})
        native = jinja.get_template("{{ 40 + n }}", {}, native=True).render({"n": 2})
        as_text = jinja.get_template("{{ 40 + n }}", {}).render({"n": 2})
    assert rendered == "select 42 as antwoord"
    assert native == 42 and as_text == "42"  # the same text compiled apart for each environment class


def test_with_macro_debugging_each_text_is_compiled_as_dbt_does(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jinja, "MACRO_DEBUGGING", "true")  # dbt then stores each text's code for the debugger
    with jinja_work_reused():
        assert _code("{{ 1 }}") is not _code("{{ 1 }}")


def test_the_collectors_thresholds_come_back_after_a_failed_invocation() -> None:
    before = gc.get_threshold()
    with pytest.raises(RuntimeError), _collector_less_often():
        assert gc.get_threshold()[0] == 20_000
        raise RuntimeError("dbt faalde")
    assert gc.get_threshold() == before
