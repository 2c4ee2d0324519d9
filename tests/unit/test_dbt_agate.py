"""dbt's result tables within `type_testers_reused`: typed as dbt types them, with a tester made once per kind."""

from __future__ import annotations

from typing import Any

from dbt_common.clients import agate_helper

from warehouse.dbt_agate import type_testers_reused


def _typed(table: Any) -> tuple[list[str], list[str], list[tuple]]:
    return list(table.column_names), [type(t).__name__ for t in table.column_types], [tuple(r) for r in table.rows]


def test_a_query_result_is_typed_as_dbt_types_it() -> None:
    """A text column keeps its text ('005' and '' as they are); the others are typed from their values."""
    first = [{"code": "005", "aantal": 5, "leeg": ""}, {"code": "", "aantal": 7, "leeg": "null"}]
    second = [{"code": 5, "aantal": "007", "leeg": None}]  # now `aantal` is the text column
    want = [_typed(agate_helper.table_from_data_flat(rows, list(rows[0]))) for rows in (first, second)]
    with type_testers_reused():
        got = [_typed(agate_helper.table_from_data_flat(rows, list(rows[0]))) for rows in (first, second)]
    assert got == want
    assert got[0][1:] == (["Text", "Integer", "Text"], [("005", 5, ""), ("", 7, "null")])
    assert got[1][1:] == (["Integer", "Text", "Integer"], [(5, "007", None)])


def test_a_tester_is_made_once_per_kind() -> None:
    with type_testers_reused():
        once = agate_helper.build_type_tester(["code"], string_null_values=())
        again = agate_helper.build_type_tester({"code"}, string_null_values=[])
        other_nulls = agate_helper.build_type_tester(["code"])
    assert once is again and other_nulls is not once
    assert list(once._force["code"].null_values) == [] and list(other_nulls._force["code"].null_values) == ["null", ""]


def test_an_empty_result_is_dbts_empty_table() -> None:
    want = _typed(agate_helper.empty_table())
    with type_testers_reused():
        got = agate_helper.empty_table()
        assert agate_helper.empty_table().column_names == ()
    assert _typed(got) == want == ([], [], [])
