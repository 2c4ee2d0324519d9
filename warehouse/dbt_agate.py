"""dbt's result tables without a new agate type tester for each.

dbt turns each query's result into an agate table, even a statement's empty one, and gives each a new type tester:
a tester makes its date and datetime types, and each of those a parsedatetime calendar, which compiles its regular
expressions. About a twentieth of a whole build of the story warehouse went to that (docs/performance.md). Within
`type_testers_reused` a tester is made once per set of text columns and null values and shared, as dbt already
shares its default one (`DEFAULT_TYPE_TESTER`): a tester keeps no state between the tables it types.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any
from unittest import mock

_TESTERS_KEPT = 256  # sets of text columns and null values; a whole build of the project uses about 20
_testers: dict[tuple[frozenset[str], tuple[str, ...] | None], Any] = {}


@contextmanager
def type_testers_reused() -> Iterator[None]:
    """Within this block dbt's result tables share their type testers (see the module's doc)."""
    import agate
    from dbt_common.clients import agate_helper

    original = agate_helper.build_type_tester
    empty_types = agate.TypeTester()  # what agate.Table makes when given no column types

    def build_type_tester(
        text_columns: Iterable[str], string_null_values: Iterable[str] | None = ("null", "")
    ) -> agate.TypeTester:
        columns = frozenset(text_columns)
        nulls = None if string_null_values is None else tuple(string_null_values)
        key = (columns, nulls)
        if key not in _testers:
            if len(_testers) >= _TESTERS_KEPT:
                _testers.clear()
            _testers[key] = original(columns, nulls)
        return _testers[key]

    def empty_table() -> agate.Table:
        return agate.Table(rows=[], column_types=empty_types)

    with (
        mock.patch.object(agate_helper, "build_type_tester", build_type_tester),
        mock.patch.object(agate_helper, "empty_table", empty_table),
    ):
        yield
