"""Share of persons unique on the quasi-identifiers, before and after issue 11 (docs/privacy.md).

    .venv/bin/semon generate --scale 0.2 --out /tmp/demo
    .venv/bin/python bench/uniciteit.py /tmp/demo [warehouse.duckdb]

Reads the extracts (the layout before issue 11 is no longer in a warehouse): per person the newest Werkplein
record, else the newest RMC record, as `int_personen` chooses; persons without a valid birth date left out.
With a built warehouse, also the share on `int_personen` itself (birth month, gender, municipality).
"""

from __future__ import annotations

import sys

import duckdb

DATES = "['%d-%m-%Y', '%Y-%m-%d']"  # the formats ingest accepts
GEMEENTE = "'GM' || lpad(regexp_extract(upper(trim(gemeentecode)), '(\\d{1,4})$', 1), 4, '0')"
PEILDATUM = "try_cast(regexp_extract(filename, '_([0-9]{8})[.]', 1) as integer)"


def persons(con: duckdb.DuckDBPyConnection, folder: str) -> None:
    con.execute(
        f"""create table kl as select bsn, try_strptime(geboortedatum, {DATES})::date as gd,
                upper(trim(geslacht)) as g, left(trim(postcode), 4) as pc, {GEMEENTE} as gm, {PEILDATUM} as f, 1 as src
            from read_csv('{folder}/werkplein_klanten_*.csv', all_varchar=true, filename=true, ignore_errors=true)"""
    )
    con.execute(
        f"""create table rm as select bsn, try_strptime(geboortedatum, {DATES})::date as gd, null as g, null as pc,
                {GEMEENTE} as gm, {PEILDATUM} as f, 2 as src
            from read_csv('{folder}/rmc_vsv_*.csv', all_varchar=true, filename=true, ignore_errors=true)"""
    )
    con.execute(
        """create table p as select bsn, arg_min(gd, (src, -f)) as gd, arg_min(g, (src, -f)) as g,
               arg_min(pc, (src, -f)) as pc, arg_min(gm, (src, -f)) as gm
           from (select * from kl union all select * from rm)
           where gd is not null and bsn is not null and f is not null group by bsn"""
    )


def unique(con: duckdb.DuckDBPyConnection, table: str, columns: str) -> tuple[int, int]:
    return con.execute(
        f"select count(*), count(*) filter (where k = 1) from "
        f"(select count(*) over (partition by {columns}) as k from {table})"
    ).fetchone()


def main() -> None:
    con = duckdb.connect()
    persons(con, sys.argv[1])
    for label, columns in (
        ("before: birth date, gender, postcode, municipality", "gd, g, pc, gm"),
        ("after: birth month, gender, municipality", "date_trunc('month', gd), g, gm"),
        ("birth date, gender, municipality", "gd, g, gm"),
        ("birth month, gender, postcode, municipality", "date_trunc('month', gd), g, pc, gm"),
        ("birth year, gender, municipality", "year(gd), g, gm"),
    ):
        n, u = unique(con, "p", columns)
        print(f"{label}: {u} of {n} unique ({100 * u / n:.1f} %)")
    if len(sys.argv) > 2:
        con.execute(f"attach '{sys.argv[2]}' as wh (read_only)")
        table = "(select * from wh.intermediate.int_personen where geboortemaand is not null)"
        n, u = unique(con, table, "geboortemaand, geslacht, gemeentecode")
        print(f"warehouse int_personen, birth month, gender, municipality: {u} of {n} unique ({100 * u / n:.1f} %)")


if __name__ == "__main__":
    main()
