"""Turn an entity's declared columns and rules into one SQL pass that parses, checks and pseudonymises.

For a source table with text columns, `check()` builds temp table `checked`: one row per input row with
the parsed value of every column (BSN replaced by `persoon_id`) and a `fout_<column>` holding the
reason when that cell is bad. Good rows and quarantine rows are then selected from it.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from ingest.entities import Column, Table

DATE_FORMATS = ("%d-%m-%Y", "%Y-%m-%d")
DECIMAL_PATTERNS = {"comma": r"-?\d+(,\d+)?", "point": r"-?\d+(\.\d+)?", "either": r"-?\d+([.,]\d+)?"}
DECIMAL_EXAMPLES = {"comma": "bv. 0,85", "point": "bv. 0.85", "either": "bv. 0,85"}


@dataclass(frozen=True)
class Dialect:
    decimal_style: str
    date_hint: str
    gemeentecodes: tuple[str, ...]


def _q(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _in_list(expression: str, values: tuple[str, ...]) -> str:
    return f"{expression} in ({', '.join(_q(value) for value in values)})"


def _elfproef(b: str) -> str:
    terms = [f"{9 - i} * cast(substr({b}, {i + 1}, 1) as integer)" for i in range(8)]
    return f"(({' + '.join(terms)} - cast(substr({b}, 9, 1) as integer)) % 11 = 0 and {b} <> '000000000')"


def _parse(column: Column, v: str, dialect: Dialect) -> tuple[str, str]:
    """(parsed expression, invalid-reason expression or NULL) for a non-empty value `v`."""
    kind = column.kind
    if kind == "text":
        return v, "null"
    if kind == "code":
        ok = _in_list(f"upper({v})", column.codes)
        return (
            f"case when {ok} then upper({v}) end",
            f"case when not ({ok}) then {_q('onbekende code; toegestaan: ' + ', '.join(column.codes))} end",
        )
    if kind == "date":
        formats = "coalesce(" + ", ".join(f"try_strptime({v}, {_q(f)})" for f in DATE_FORMATS) + ")"
        parsed = f"case when year({formats}) between 1900 and 2100 then cast({formats} as date) end"
        return (
            parsed,
            f"case when ({parsed}) is null then {_q('geen geldige datum; verwacht ' + dialect.date_hint)} end",
        )
    if kind == "bsn":
        # check() normalises the BSN once (_bsn_norm) and looks its pseudonym up in the run's map (m).
        return (
            "m.persoon_id",
            "case when not regexp_full_match(_bsn_norm, '\\d{9}') "
            "then 'BSN moet 9 cijfers zijn (8 mag: dan ontbreekt de voorloopnul)' "
            "when m.persoon_id is null then 'BSN voldoet niet aan de elfproef' end",
        )
    if kind == "gemeentecode":
        digits = f"regexp_extract(upper({v}), '^(?:GM)?(\\d{{1,4}})$', 1)"
        code = f"('GM' || lpad({digits}, 4, '0'))"
        ok = f"{digits} <> '' and {_in_list(code, dialect.gemeentecodes)}"
        return (
            f"case when {ok} then {code} end",
            f"case when not ({ok}) then 'onbekende gemeentecode; verwacht een Twentse gemeente als GM0153, "
            f"0153 of 153' end",
        )
    if kind == "postcode":
        ok = f"regexp_full_match(upper({v}), '[1-9][0-9]{{3}} ?([A-Z]{{2}})?')"
        return f"case when {ok} then left({v}, 4) end", f"case when not {ok} then 'geen postcode (1234 AB)' end"
    if kind == "kvk":
        ok = f"regexp_full_match({v}, '\\d{{1,8}}')"
        return (
            f"case when {ok} then lpad({v}, 8, '0') end",
            f"case when not {ok} then 'KvK-nummer moet uit 8 cijfers bestaan' end",
        )
    if kind == "brin":
        ok = f"regexp_full_match(upper({v}), '[0-9A-Z]{{4}}')"
        return f"case when {ok} then upper({v}) end", f"case when not {ok} then 'BRIN moet 4 tekens zijn' end"
    if kind == "jn":
        ok = _in_list(f"upper({v})", ("J", "N"))
        return f"case when {ok} then upper({v}) = 'J' end", f"case when not ({ok}) then 'verwacht J of N' end"
    if kind in ("integer", "decimal"):
        if kind == "integer":
            pattern, example, target = r"-?\d+", "een geheel getal", "bigint"
            text = v
        else:
            pattern = DECIMAL_PATTERNS[dialect.decimal_style]
            example = f"een getal ({DECIMAL_EXAMPLES[dialect.decimal_style]})"
            target, text = "decimal(18,4)", f"replace({v}, ',', '.')"
        number = f"try_cast({text} as {target})"
        in_range, range_words = _range(column, number)
        shape = f"regexp_full_match({v}, {_q(pattern)})"
        return (
            f"case when {shape} and {in_range} then cast({number} as {column.raw_type}) end",
            f"case when not {shape} or {number} is null then {_q('verwacht ' + example)} "
            f"when not ({in_range}) then {_q('buiten bereik: ' + range_words)} end",
        )
    raise ValueError(f"unknown column kind {kind}")


def _range(column: Column, number: str) -> tuple[str, str]:
    checks, words = [], []
    if column.minimum is not None:
        op = ">" if column.minimum_exclusive else ">="
        checks.append(f"{number} {op} {column.minimum}")
        words.append(f"{'groter dan' if column.minimum_exclusive else 'minstens'} {column.minimum:g}")
    if column.maximum is not None:
        checks.append(f"{number} <= {column.maximum}")
        words.append(f"hoogstens {column.maximum:g}")
    return (" and ".join(checks) or "true"), " en ".join(words).replace(".", ",")


def error_columns(table: Table) -> list[str]:
    return (
        [f"fout_{column.name}" for column in table.columns]
        + [f"fout_regel_{i}" for i in range(len(table.rules))]
        + (["fout_dubbel"] if table.unique_key else [])
    )


def _bsn_normalised(v: str) -> str:
    return f"(case when regexp_full_match({v}, '\\d{{8}}') then '0' || {v} else {v} end)"


def _pseudonyms(con: duckdb.DuckDBPyConnection, staged: str) -> None:
    """Add the pseudonyms of BSNs not seen before in this run to temp table `pseudoniemen` (memory only).

    Monthly snapshots repeat the same people, so each distinct BSN is hashed once per run, not once per row.
    Invalid BSNs get no pseudonym.
    """
    con.execute("create temp table if not exists pseudoniemen (bsn varchar primary key, persoon_id varchar)")
    b = "n._bsn_norm"
    hmac = f"sha256(k.opad || unhex(sha256(k.ipad || cast({b} as blob))))"
    con.execute(
        f"insert into pseudoniemen select distinct {b}, case when regexp_full_match({b}, '\\d{{9}}') "
        f"and {_elfproef(b)} then {hmac} end from {staged} n cross join pseudonym_key k "
        f"where {b} is not null and {b} not in (select bsn from pseudoniemen)"
    )


def check(con: duckdb.DuckDBPyConnection, source: str, table: Table, dialect: Dialect) -> None:
    """Build temp table `checked` from text table `source` (regelnummer + one column per contract column)."""
    bsn = next((c for c in table.columns if c.kind == "bsn"), None)
    staged = source
    if bsn is not None:
        v = f"nullif(trim(s.\"{bsn.name}\"), '')"
        con.execute(
            f"create or replace temp table bsn_staged as select s.*, {_bsn_normalised(v)} as _bsn_norm from {source} s"
        )
        _pseudonyms(con, "bsn_staged")
        staged = "bsn_staged"
    parts = []
    for column in table.columns:
        v = f"nullif(trim(s.\"{column.name}\"), '')"
        parsed, invalid = _parse(column, v, dialect)
        empty = _q("verplicht veld is leeg") if column.required else "null"
        parts.append(f'case when {v} is not null then {parsed} end as "{column.stored_name}"')
        parts.append(f'case when {v} is null then {empty} else {invalid} end as "fout_{column.name}"')
    join = ""
    if bsn is not None:
        parts.append("s._bsn_norm")
        join = " left join pseudoniemen m on m.bsn = s._bsn_norm"
    con.execute(
        f"create or replace temp table checked_cells as select s.regelnummer, {', '.join(parts)} from {staged} s{join}"
    )
    if bsn is not None:
        con.execute("drop table bsn_staged")
    cell_errors = [f'"fout_{column.name}"' for column in table.columns]
    clean = " and ".join(f"{name} is null" for name in cell_errors)
    extra = [
        f"case when {clean} and ({rule.bad_when}) then {_q(rule.reason)} end as fout_regel_{i}"
        for i, rule in enumerate(table.rules)
    ]
    if table.unique_key:
        key = ", ".join("_bsn_norm" if name == "bsn" else f'"{name}"' for name in table.unique_key)
        first = f"min(case when {clean} then regelnummer end) over (partition by {key})"
        words = _q(f"dubbel: {' + '.join(table.unique_key)} komt al voor op regel ")
        extra.append(f"case when {clean} and regelnummer > {first} then {words} || {first} end as fout_dubbel")
    hidden = " exclude (_bsn_norm)" if bsn is not None else ""
    added = "".join(f", {expression}" for expression in extra)
    con.execute(f"create or replace temp table checked as select *{hidden}{added} from checked_cells")
    con.execute("drop table checked_cells")


def quarantine_select(table: Table, source: str) -> str:
    """SQL for one row per bad cell: regelnummer, kolom, waarde (BSN masked), reden."""
    selects = []
    for column in table.columns:
        value = f's."{column.name}"'
        if column.kind == "bsn":
            value = f"repeat('*', length({value}))"  # never a BSN in quarantine, not even a wrong one
        selects.append(
            f"select c.regelnummer, {_q(column.name)} as kolom, {value} as waarde, "
            f'c."fout_{column.name}" as reden from checked c join {source} s using (regelnummer) '
            f'where c."fout_{column.name}" is not null'
        )
    for i, rule in enumerate(table.rules):
        selects.append(
            f'select c.regelnummer, {_q(rule.column)}, s."{rule.column}", c.fout_regel_{i} '
            f"from checked c join {source} s using (regelnummer) where c.fout_regel_{i} is not null"
        )
    if table.unique_key:
        first = table.unique_key[0]
        value = "'*********'" if first == "bsn" else f's."{first}"'
        selects.append(
            f"select c.regelnummer, {_q(first)}, {value}, c.fout_dubbel "
            f"from checked c join {source} s using (regelnummer) where c.fout_dubbel is not null"
        )
    return " union all ".join(selects)


def good_rows_filter(table: Table) -> str:
    return " and ".join(f"{name} is null" for name in error_columns(table))
