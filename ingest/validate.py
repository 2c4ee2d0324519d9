"""Turn an entity's declared columns and rules into one SQL pass that parses, checks and pseudonymises.

For a source table with text columns, `check()` builds temp table `checked`: one row per input row with
the parsed value of every column (a valid BSN as its number `bsn_nummer`) and `_fout`, whether any cell is bad;
`_pseudonyms()` then hashes each BSN the run has not seen yet, and the good rows are stored with their pseudonym
(`persoon_id`); `quarantine_select()` checks the rows not stored again, naming the reason of each bad cell. A
source table holds one or more files of the same kind (`_bestand` numbers them, `regelnummer` counts within each):
they are checked in one pass, and a duplicate is a duplicate within its own file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

import duckdb

from ingest.entities import BESTANDSDATUM, Column, Table
from ingest.masking import mask_bsn_sql

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


def _elfproef(n: str) -> str:
    """The eleven test on BSN number `n` (nine digits, the first may be a left-off zero): 9·d1 + 8·d2 + … + 2·d8
    − d9 divisible by 11, and not all zeros. Integer arithmetic on the number, no text."""
    digits = [f"({n} // {10 ** (8 - i)} % 10)" for i in range(9)]
    terms = " + ".join(f"{9 - i} * {digit}" for i, digit in enumerate(digits[:8]))
    return f"(({terms} - {digits[8]}) % 11 = 0 and {n} <> 0)"


def _gemeente_spellings(codes: tuple[str, ...]) -> dict[str, str]:
    """Every spelling of the accepted municipality codes (upper case) with its code: GM and four digits, with or
    without GM, and without the leading zeros of the number (GM0153, 0153, GM153 and 153 are all GM0153)."""
    spellings: dict[str, str] = {}
    for code in codes:
        digits = code.removeprefix("GM")
        for start in range(len(digits)):
            for prefix in ("", "GM"):
                spellings[prefix + digits[start:]] = code
            if digits[start] != "0":
                break
    return spellings


def _date_formats(dialect: Dialect) -> tuple[str, ...]:
    return DATE_FORMATS[::-1] if dialect.date_hint == "jjjj-mm-dd" else DATE_FORMATS


def _parse(column: Column, v: str, x: str, dialect: Dialect) -> tuple[str, str, str]:
    """(value, parsed, invalid) for a non-empty trimmed value `v`.

    `value` holds the costly step (a date parse, a regular expression, a cast) and is computed once per row
    as column `x`; `parsed` and `invalid` only read `x` and `v`, so no cell is parsed twice.
    """
    kind = column.kind
    if kind == "text":
        return v, x, "null"
    if kind == "code":
        ok = _in_list(x, column.codes)
        return (
            f"upper({v})",
            f"case when {ok} then {x} end",
            f"case when not ({ok}) then {_q('onbekende code; toegestaan: ' + ', '.join(column.codes))} end",
        )
    if kind == "date":
        ok = f"coalesce(year({x}) between 1900 and 2100, false)"
        return (
            # The sender's own format first: the second is parsed only where the first fails (coalesce is lazy).
            "coalesce(" + ", ".join(f"try_strptime({v}, {_q(f)})" for f in _date_formats(dialect)) + ")",
            f"case when {ok} then cast({x} as date) end",
            f"case when not {ok} then {_q('geen geldige datum; verwacht ' + dialect.date_hint)} end",
        )
    if kind == "bsn":
        # check() takes the BSN's number once (_bsn_nr); a valid one is kept as the number (_pseudonyms() then hashes
        # it, the raw insert looks its pseudonym up).
        return (
            _elfproef("_bsn_nr"),
            f"case when {x} then _bsn_nr end",
            "case when _bsn_nr is null "
            "then 'BSN moet 9 cijfers zijn (8 mag: dan ontbreekt de voorloopnul)' "
            f"when not {x} then 'BSN voldoet niet aan de elfproef' end",
        )
    if kind == "gemeentecode":
        # Each accepted spelling looked up in one map: a lookup costs a third of extracting the digits, padding them
        # and comparing the padded code with the list (a fifth of the clients' check; docs/performance.md).
        spellings = _gemeente_spellings(dialect.gemeentecodes)
        pairs = ", ".join(f"{_q(spelling)}: {_q(code)}" for spelling, code in spellings.items())
        return (
            f"MAP {{{pairs}}}[upper({v})]",
            x,
            f"case when {x} is null then 'onbekende gemeentecode; verwacht een Twentse gemeente als GM0153, "
            f"0153 of 153' end",
        )
    if kind == "postcode":
        return (
            f"regexp_full_match(upper({v}), '[1-9][0-9]{{3}} ?([A-Z]{{2}})?')",
            f"case when {x} then left({v}, 4) end",
            f"case when not {x} then 'geen postcode (1234 AB)' end",
        )
    if kind == "kvk":
        return (
            f"regexp_full_match({v}, '\\d{{1,8}}')",
            f"case when {x} then lpad({v}, 8, '0') end",
            f"case when not {x} then 'KvK-nummer moet uit 8 cijfers bestaan' end",
        )
    if kind == "brin":
        return (
            f"regexp_full_match(upper({v}), '[0-9A-Z]{{4}}')",
            f"case when {x} then upper({v}) end",
            f"case when not {x} then 'BRIN moet 4 tekens zijn' end",
        )
    if kind == "jn":
        ok = _in_list(x, ("J", "N"))
        return f"upper({v})", f"case when {ok} then {x} = 'J' end", f"case when not ({ok}) then 'verwacht J of N' end"
    if kind in ("integer", "decimal"):
        if kind == "integer":
            pattern, example, target, text = r"-?\d+", "een geheel getal", "bigint", v
        else:
            pattern = DECIMAL_PATTERNS[dialect.decimal_style]
            example = f"een getal ({DECIMAL_EXAMPLES[dialect.decimal_style]})"
            target, text = "decimal(18,4)", f"replace({v}, ',', '.')"
        in_range, range_words = _range(column, x)
        return (
            f"case when regexp_full_match({v}, {_q(pattern)}) then try_cast({text} as {target}) end",
            f"case when {in_range} then cast({x} as {column.raw_type}) end",
            f"case when {x} is null then {_q('verwacht ' + example)} "
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


def trimmed(value: str) -> str:
    """SQL for `value` trimmed, NULL when empty: what nullif(trim(value), '') gives, at a fraction of its cost.

    DuckDB's trim copies every string it is given. Among ASCII characters it removes only the space, so a value
    of ASCII alone (as many bytes as characters) that neither starts nor ends with one is already trimmed; any
    other value (a space at an end, or a character beyond ASCII such as a no-break space) still goes through trim.
    """
    return (
        f"nullif(case when {value} like ' %' or {value} like '% ' or strlen({value}) <> length({value}) "
        f"then trim({value}) else {value} end, '')"
    )


def _bsn_number(v: str) -> str:
    """A trimmed BSN text of 8 or 9 digits as a number (8 digits: the leading zero left off), else NULL.

    The number is the key of the run's pseudonym map: integers group and join at a fraction of the cost of text.
    """
    return f"case when regexp_full_match({v}, '\\d{{8,9}}') then cast({v} as bigint) end"


def _pseudonyms(con: duckdb.DuckDBPyConnection) -> None:
    """Add the pseudonyms of the valid BSNs in `checked` not seen before in this run to temp table `pseudoniemen`
    (memory only), keyed by the BSN as a number (`bsn_nummer`).

    Monthly snapshots repeat the same people, so each distinct BSN is hashed once per run, not once per row; and
    only after the check, from its number column, so the text of every row is not read a second time.
    """
    # No primary key: EXCEPT already keeps each BSN once, and an index would be kept up to date row by row.
    con.execute("create temp table if not exists pseudoniemen (bsn bigint, persoon_id uuid)")
    # The HMAC is over the nine digits with their leading zero, as the pseudonyms have always been made: its first
    # 128 bits (docs/raw-layer.md), so collisions stay out of reach (2^64 people).
    hmac = "left(sha256(k.opad || unhex(sha256(k.ipad || cast(lpad(cast(n.bsn as varchar), 9, '0') as blob)))), 32)"
    con.execute(
        f"insert into pseudoniemen select n.bsn, {hmac}::uuid from (select bsn_nummer as bsn from checked "
        "where bsn_nummer is not null except select bsn from pseudoniemen) n cross join pseudonym_key k"
    )


def _cells(table: Table, dialect: Dialect, source: str, *, reasons: bool) -> str:
    """SQL of CTEs over text table `source`, the last one `c`: _bestand, regelnummer and either every cell's parsed
    value and `_fout`, whether any cell of the row is bad, or (with `reasons`) every cell's text (`t<i>`) and reason
    (`fout_<column>`).

    Trim every cell once (a), compute each cell's costly value once (b), then the parsed values (p) and the flag (c),
    or the reasons (c). A bad cell is a required one without a parsed value, or a filled one without it: every parse
    gives NULL for a value it refuses.
    """
    bsn = next((c for c in table.columns if c.kind == "bsn"), None)
    texts, values, cells, bad = [], [], [], []
    for i, column in enumerate(table.columns):
        v, x, name = f"v{i}", f"x{i}", f'"{column.checked_name}"'
        value, parsed, invalid = _parse(column, v, x, dialect)
        quoted = f'"{column.name}"'
        texts.append(f"{trimmed(quoted)} as {v}")
        values.append(f"{v}, {value} as {x}")
        if reasons:  # the cell's text as it came (t<i>) and its reason
            texts.append(f"{quoted} as t{i}")
            values.append(f"t{i}")
            empty = _q("verplicht veld is leeg") if column.required else "null"
            cells += [f't{i}, case when {v} is null then {empty} else {invalid} end as "fout_{column.name}"']
        else:
            cells.append(f"case when {v} is not null then {parsed} end as {name}")
            bad.append(f"{name} is null" if column.required else f"({v} is not null and {name} is null)")
    if bsn is not None:
        # DuckDB reads an alias of the same select list: the BSN's trimmed text, v<i>.
        texts.append(f"{_bsn_number(f'v{table.columns.index(bsn)}')} as _bsn_nr")
        values.append("_bsn_nr")
    head = (
        f"with a as (select _bestand, regelnummer, {', '.join(texts)} from {source}), "
        f"b as (select a._bestand, a.regelnummer, {', '.join(values)} from a), "
    )
    if reasons:
        return head + f"c as (select _bestand, regelnummer, {', '.join(cells)} from b) "
    parsed = ", ".join(f'"{column.checked_name}"' for column in table.columns)
    filled = ", ".join(f"v{i}" for i, column in enumerate(table.columns) if not column.required)
    return head + (
        f"p as (select _bestand, regelnummer, {filled + ', ' if filled else ''}{', '.join(cells)} from b), "
        f"c as (select _bestand, regelnummer, {parsed}, ({' or '.join(bad)}) as _fout from p) "
    )


def check(
    con: duckdb.DuckDBPyConnection, source: str, table: Table, dialect: Dialect, bestandsdata: Mapping[int, dt.date]
) -> None:
    """Build temp table `checked` from text table `source` (regelnummer + one column per contract column): every
    cell's parsed value, whether any cell is bad (`_fout`), the rules across columns and the duplicate check
    (`_mark_duplicates`, afterwards). Why a cell is bad is worked out for the bad rows only (`quarantine_select`):
    with a reason per cell for every row the check took 1.5-1.8 times as long (docs/performance.md).
    `bestandsdata` gives each file (`_bestand`) the date in its name, which rules read as BESTANDSDATUM.
    """
    extra = [
        f"case when not _fout and ({rule.bad_when}) then {_q(rule.reason)} end as fout_regel_{i}"
        for i, rule in enumerate(table.rules)
    ]
    if table.unique_key:
        extra.append("cast(null as varchar) as fout_dubbel")
    rows, columns = "c", "c.*"
    if any(BESTANDSDATUM in rule.bad_when for rule in table.rules):
        # A batch's files have dates of their own: each row gets its file's, for the rules only (not stored). A list
        # indexed by the file's number: a third of the time of a CASE over 23 files (0.04 s for 6.4 million rows).
        first = min(bestandsdata)
        dates = (bestandsdata.get(bestand) for bestand in range(first, max(bestandsdata) + 1))
        listed = ", ".join(f"date '{datum.isoformat()}'" if datum else "null" for datum in dates)
        rows = f"(select *, [{listed}][_bestand - {first - 1}] as {BESTANDSDATUM} from c) as c"
        columns = f"c.* exclude ({BESTANDSDATUM})"
    con.execute(
        f"create or replace temp table checked as {_cells(table, dialect, source, reasons=False)}"
        f"select {columns}{''.join(f', {expression}' for expression in extra)} from {rows}"
    )
    if table.unique_key:
        _mark_duplicates(con, table, "not _fout")
    if any(column.kind == "bsn" for column in table.columns):
        _pseudonyms(con)


def _mark_duplicates(con: duckdb.DuckDBPyConnection, table: Table, clean: str) -> None:
    """Blame every clean row of `checked` whose key (within its file) an earlier clean row already has.

    Marked in the stored rows afterwards rather than in the statement that makes them: that statement would have
    to keep all of its rows aside to read them twice. A grouping on the key columns alone is much cheaper than a
    window over every column, and the update meets only the keys that occur more than once.
    """
    by_name = {column.name: column for column in table.columns}
    # A clean row's BSN is its number (one to one with its text and its pseudonym): an integer groups fastest.
    key = ["_bestand", *(f'"{by_name[name].checked_name}"' for name in table.unique_key)]
    grouped = ", ".join(f"{k} as _k{i}" for i, k in enumerate(key))
    on = " and ".join(f"checked.{k} is not distinct from d._k{i}" for i, k in enumerate(key))
    words = _q(f"dubbel: {' + '.join(table.unique_key)} komt al voor op regel ")
    con.execute(
        f"update checked set fout_dubbel = {words} || d._eerste "
        f"from (select {grouped}, min(regelnummer) as _eerste from checked where {clean} "
        "group by all having count(*) > 1) d "
        f"where {on} and checked.regelnummer > d._eerste and {clean}"
    )


def _shown(column: Column | None, value: str) -> str:
    """A cell as the quarantine shows it: nothing of a BSN column, and no BSN-shaped value anywhere else.

    A KvK number is 8 digits by contract and public: in a KvK column a value of at most 8 digits stays
    readable, so the sender can find the employer; anything longer is masked like elsewhere.
    """
    if column is not None and column.kind == "bsn":
        return f"repeat('*', length({value}))"  # never a BSN in quarantine, not even a wrong one
    if column is not None and column.kind == "kvk":
        return f"case when regexp_full_match(trim({value}), '[0-9]{{1,8}}') then {value} else {mask_bsn_sql(value)} end"
    return mask_bsn_sql(value)


def quarantine_select(table: Table, source: str, dialect: Dialect) -> str:
    """SQL for one row per bad cell: _bestand, regelnummer, kolom, waarde (BSN-shaped values masked), reden.

    The text of the rows not stored is taken once (a semi join) and checked again, now with each cell's reason; each
    row becomes one row per column that holds a reason, the rules' and the duplicate's from `checked`.
    """
    not_stored = f"select _bestand, regelnummer from checked where not ({good_rows_filter(table)})"
    bad = f"(select s.* from {source} s semi join ({not_stored}) k using (_bestand, regelnummer))"
    texts = {column.name: (column, f"c.t{i}") for i, column in enumerate(table.columns)}
    blamed = [(column.name, f'c."fout_{column.name}"') for column in table.columns]
    blamed += [(rule.column, f"k.fout_regel_{i}") for i, rule in enumerate(table.rules)]
    if table.unique_key:
        blamed.append((table.unique_key[0], "k.fout_dubbel"))
    cells = []
    for name, error in blamed:
        value = _shown(*texts[name])
        cells.append(f"{{'kolom': {_q(name)}, 'waarde': {value}, 'reden': {error}}}")
    return (
        f"{_cells(table, dialect, bad, reasons=True)}"
        f"select _bestand, regelnummer, e.kolom, e.waarde, e.reden from (select c._bestand, c.regelnummer, "
        f"unnest([{', '.join(cells)}]) as e from c join checked k using (_bestand, regelnummer)) "
        "where e.reden is not null"
    )


def good_rows_filter(table: Table) -> str:
    """SQL over `checked`: the row is stored (no bad cell, no broken rule, no duplicate)."""
    blamed = [f"fout_regel_{i}" for i in range(len(table.rules))] + (["fout_dubbel"] if table.unique_key else [])
    return " and ".join(["not _fout", *(f"{name} is null" for name in blamed)])
