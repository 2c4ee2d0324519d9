"""dbt's Jinja work done once where dbt does it again for every node.

Per node dbt builds a context twice (to compile, to run), and each time gives every macro of the project and the
adapter (about 610) a generator of its own, sorted into the packages' namespaces, and merges those into the context
through a mapping that searches five of them per name (`MacroNamespaceBuilder.build_namespace`,
`MacroNamespace.__getitem__`). It also compiles every Jinja text it renders from scratch (a node's SQL, each test's
arguments), though the same texts come again in the next node and the next invocation. About a sixth of a whole build
of the story warehouse went to the two (docs/performance.md). Within `jinja_work_reused`:
- Jinja's compiled code for a text is kept and used again: what `Environment.compile` makes depends only on the text
  and the environment's class (dbt makes every environment in `get_environment` with the same extensions), not on
  the context a template is rendered in;
- a node's macro namespace is made from a plan worked out once per manifest, package and adapter: the same
  generators (macro, context, node, call stack) in the same dictionaries, in the same order, as dbt's own
  `build_namespace`, and a mapping that looks a name up in one dictionary (the adapter's macros in a second) where
  dbt's searches five in turn.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any
from unittest import mock

_CODE_KEPT = 4096  # compiled texts; a whole build of the project compiles about 350 different ones
_code: dict[tuple[Any, ...], Any] = {}
_plans: dict[tuple[Any, ...], tuple[Any, ...]] = {}  # of the manifest whose macros are `_planned`
_planned: Any = None
_MISSING = object()


@cache
def _namespace_class() -> type:
    from dbt.context.macros import MacroNamespace

    class FlatMacroNamespace(MacroNamespace):
        """dbt's MacroNamespace with most of its search order resolved once: `flat` holds what the node's package,
        the project and the packages (by their names, `dbt` among them) give, the later winning as in dbt's search;
        a name none of them has is looked up in the adapter's macros themselves, as dbt does, since dbt's unit tests
        replace macros there after the namespace is made."""

        def __init__(self, flat: dict[str, Any], **namespaces: Any) -> None:
            super().__init__(**namespaces)
            self.flat = flat

        def _keys(self) -> set[str]:
            return self.flat.keys() | self.global_project_namespace.keys()

        def __iter__(self) -> Iterator[str]:
            return iter(self._keys())

        def __len__(self) -> int:
            return len(self._keys())

        def __getitem__(self, key: str) -> Any:
            value = self.flat.get(key, _MISSING)
            return self.global_project_namespace[key] if value is _MISSING else value

        def keys(self) -> Any:  # dict.update(namespace), as dbt merges it into a context, asks for keys()
            return self._keys()

    return FlatMacroNamespace


def _plan(builder: Any, by_package: dict[str, dict[str, Any]], original: Any) -> tuple[Any, ...]:
    """Where each macro of `by_package` goes for this builder's packages: indices into one list of macros."""
    global _planned
    key = (builder.root_package, builder.search_package, tuple(builder.internal_package_names_order))
    if _planned is not by_package:  # another manifest: the old plans no longer hold
        _plans.clear()
        _planned = by_package
    if key in _plans:
        return _plans[key]
    # dbt's own build once, on a builder of its own: it raises what dbt raises (a macro defined twice in a package).
    copy = type(builder)(
        builder.root_package, builder.search_package, builder.thread_ctx, builder.internal_package_names_order
    )
    original(copy, by_package, {})
    macros: list[Any] = []
    internal: dict[str, list[tuple[str, int]]] = {}
    packages: dict[str, list[tuple[str, int]]] = {}
    local: list[tuple[str, int]] = []
    root: list[tuple[str, int]] = []
    for package in by_package.values():
        for macro in package.values():
            place = (macro.name, len(macros))
            macros.append(macro)
            if macro.package_name in builder.internal_package_names:
                internal.setdefault(macro.package_name, []).append(place)
            else:
                packages.setdefault(macro.package_name, []).append(place)
                if macro.package_name == builder.search_package:
                    local.append(place)
                elif macro.package_name == builder.root_package:
                    root.append(place)
    adapter: dict[str, int] = {}  # the internal packages, the first named winning, as dbt merges them
    for name in reversed(builder.internal_package_names_order):
        adapter.update(internal.get(name, ()))
    _plans[key] = plan = (macros, internal, packages, local, root, list(adapter.items()))
    return plan


@contextmanager
def jinja_work_reused() -> Iterator[None]:
    """Within this block dbt reuses compiled Jinja code and builds each node's macro namespace from a plan (see the
    module's doc). One dbt invocation at a time, as warehouse/build.py runs them."""
    from dbt.clients.jinja import MacroGenerator
    from dbt.context.macros import MacroNamespaceBuilder
    from dbt.include.global_project import PROJECT_NAME
    from dbt_common.clients import jinja

    compile_original = jinja.MacroFuzzEnvironment.compile
    build_original = MacroNamespaceBuilder.build_namespace
    flat_namespace = _namespace_class()
    new = object.__new__

    def compile(
        self: Any, source: Any, name: Any = None, filename: Any = None, raw: bool = False, defer_init: bool = False
    ) -> Any:
        if raw or not isinstance(source, str) or jinja.MACRO_DEBUGGING:  # debugging writes each text's code out
            return compile_original(self, source, name, filename, raw, defer_init)
        key = (type(self), source, name, filename, defer_init)
        code = _code.get(key)
        if code is None:
            if len(_code) >= _CODE_KEPT:
                _code.clear()
            code = _code[key] = compile_original(self, source, name, filename, raw, defer_init)
        return code

    def build_namespace(self: Any, by_package: dict[str, dict[str, Any]], ctx: dict[str, Any]) -> Any:
        macros, internal, packages, local, root, adapter = _plan(self, by_package, build_original)
        generators = []
        node, stack = self.node, self.thread_ctx
        for macro in macros:  # MacroGenerator(macro, ctx, node, stack) without its three __init__ calls
            generator = new(MacroGenerator)
            generator.context, generator.macro, generator.node, generator.stack = ctx, macro, node, stack
            generators.append(generator)
        self.internal_packages = {p: {n: generators[i] for n, i in places} for p, places in internal.items()}
        self.packages = {p: {n: generators[i] for n, i in places} for p, places in packages.items()}
        self.locals = {n: generators[i] for n, i in local}
        self.globals = {n: generators[i] for n, i in root}
        adapter_namespace = {n: generators[i] for n, i in adapter}
        flat = {PROJECT_NAME: adapter_namespace, **self.packages, **self.globals, **self.locals}
        return flat_namespace(
            flat,
            global_namespace=self.globals,
            local_namespace=self.locals,
            global_project_namespace=adapter_namespace,
            packages=self.packages,
        )

    with (
        mock.patch.object(jinja.MacroFuzzEnvironment, "compile", compile),
        mock.patch.object(MacroNamespaceBuilder, "build_namespace", build_namespace),
    ):
        yield
