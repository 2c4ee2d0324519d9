"""An incremental refresh gives exactly the tables a full build gives (issue 6).

On the tiny generated set (five months): load all months but the newest and build in full; then load the newest month
together with three corrections of earlier files (a ladder file with a changed and a dropped score, a
client file with a dropped client, a Wajong stand without one person) and build incrementally. A full
build of a copy of that warehouse must give the same rows in every mart and in the incremental models.
"""

from __future__ import annotations

import datetime as dt
import itertools
import shutil
import uuid
from pathlib import Path

import duckdb
import pytest

from ingest.load import ingest_paths
from semon.settings import DBT_PROJECT_DIR
from tests.helpers import TEST_KEY, differing, once, query
from warehouse.build import dbt_build

INCREMENTAL = [
    "staging.stg_werkplein__ladder",
    "staging.stg_uwv__wajong",
    "staging.stg_wsw__werknemers",
    "intermediate.int_werkplein__bestand",
    "intermediate.int_ladder__scores",
    "intermediate.int_doelgroep_maand",
    "intermediate.int_doelgroep_maand__persoon",
    "intermediate.int_doelgroep_maand__maand_invoer",
    "intermediate.int_ladder__stand",
    "intermediate.int_werkplein__stroom",
    "intermediate.int_ladder__overgangen",
    "intermediate.int_personen__bron",
    "intermediate.int_personen",
    "intermediate.int_werkplein__perioden",
    "intermediate.int_werkplein__trajecten",
    "intermediate.int_werkplein__plaatsingen",
    "intermediate.int_uwv__registerperioden",
    "intermediate.int_wsw__wachtlijstperioden",
    "intermediate.int_jongeren__bijstand",
    "intermediate.int_jongeren__vsv",
    "intermediate.int_werkplein__stroom__maand_invoer",
    "intermediate.int_werkplein__trajecten_persoon",
    "intermediate.int_werkplein__plaatsingen_persoon",
    "intermediate.int_doelen__gebeurtenissen",
    "intermediate.int_doelen__gebeurtenissen__invoer",
    # The newest file each snapshot model was made from (macro laatste_versie_gezien).
    "intermediate.int_werkplein__perioden__gezien",
    "intermediate.int_werkplein__trajecten__gezien",
    "intermediate.int_werkplein__plaatsingen__gezien",
    "intermediate.int_uwv__registerperioden__gezien",
    "intermediate.int_wsw__wachtlijstperioden__gezien",
]
STAND = "int_ladder__stand"
# Month-grain models written where they differ (macros/verschil_per_maand.sql), with the fingerprints they follow.
VERSCHIL = {STAND: "int_ladder__maand_invoer", "int_werkplein__stroom": "int_werkplein__stroom__maand_invoer"}


def _date(path: Path) -> str:
    return path.stem.rsplit("_", 1)[-1]


def _corrected(path: Path, out: Path, trede: bytes | None) -> None:
    """A correction of `path` into `out`: without its 3rd data line and, if given, a new trede on its 2nd."""
    lines = path.read_bytes().split(b"\n")
    if trede is not None:
        fields = lines[2].split(b";")
        fields[2] = trede
        lines[2] = b";".join(fields)
    del lines[3]
    (out / path.name).write_bytes(b"\n".join(lines))


FIRST_BUILD = "geladen door de eerste build"


@pytest.fixture(scope="session")
def incremental_and_full(tiny_extracts: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The incremental and the full warehouse, built once for every worker of the run (the module's tests may run on
    different workers; each would otherwise build its own)."""

    def make(folder: Path) -> None:
        files = sorted(p for p in tiny_extracts.iterdir() if p.is_file() and not p.name.startswith("."))
        newest = max(_date(p) for p in files if _date(p).isdigit())
        first, last = folder / "first", folder / "last"
        first.mkdir()
        last.mkdir()
        for path in files:
            shutil.copy(path, (last if _date(path) == newest else first) / path.name)
        months = sorted({_date(p) for p in files if _date(p).isdigit()})
        ladder = next(p for p in files if p.name == f"werkplein_ladder_{months[2]}.csv")
        klanten = next(p for p in files if p.name == f"werkplein_klanten_{months[-2]}.csv")
        # The first month: its ladder scores stay as they were, so only its memberships tell the month-grain ladder
        # models (int_ladder__maand_invoer) to recompute it.
        wajong = next(p for p in files if p.name == f"uwv_wajong_{months[0]}.csv")
        _corrected(ladder, last, trede=b"6")
        _corrected(klanten, last, trede=None)
        _corrected(wajong, last, trede=None)  # a monthly stand: only that month changes

        incremental = folder / "incremental" / "semon.duckdb"
        incremental.parent.mkdir()
        ingest_paths([first], warehouse=incremental, key=TEST_KEY)
        dbt_build(incremental, unit_tests=False)
        with duckdb.connect(str(incremental)) as con:  # gone if the refresh loads the seed again (a new table)
            con.execute(f"comment on table ref.treden is '{FIRST_BUILD}'")
        report = ingest_paths([last], warehouse=incremental, key=TEST_KEY)
        corrections = {ladder.name, klanten.name, wajong.name}
        assert [o.status for o in report.files if o.bestand in corrections] == ["correctie"] * 3
        dbt_build(incremental, full=False)

        full = folder / "full" / "semon.duckdb"
        full.parent.mkdir()
        shutil.copy(incremental, full)
        dbt_build(full, unit_tests=False)

    folder = once(tmp_path_factory, "incremental_and_full", make)
    return folder / "incremental" / "semon.duckdb", folder / "full" / "semon.duckdb"


def _tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    marts = con.execute(
        "select table_schema || '.' || table_name from information_schema.tables "
        "where table_catalog = 'inc' and table_schema = 'marts' order by 1"
    ).fetchall()
    return [name for (name,) in marts] + INCREMENTAL


def test_incremental_refresh_equals_a_full_build_in_every_mart(incremental_and_full: tuple[Path, Path]) -> None:
    incremental, full = incremental_and_full
    con = duckdb.connect()
    con.execute(f"attach '{incremental}' as inc (read_only); attach '{full}' as ful (read_only)")
    tables = _tables(con)
    marts = list((DBT_PROJECT_DIR / "models" / "marts").rglob("mart_*.sql"))
    assert len(tables) == len(marts) + len(INCREMENTAL)  # every mart is compared
    for table in tables:
        rows = con.execute(f"select count(*) from inc.{table}").fetchone()[0]
        assert rows == con.execute(f"select count(*) from ful.{table}").fetchone()[0], table
        only_incremental = con.execute(
            f"select count(*) from (select * from inc.{table} except all select * from ful.{table})"
        ).fetchone()[0]
        only_full = con.execute(
            f"select count(*) from (select * from ful.{table} except all select * from inc.{table})"
        ).fetchone()[0]
        assert (only_incremental, only_full) == (0, 0), table
    # not a vacuous comparison: thousands of person-months on the tiny set
    assert con.execute("select count(*) from inc.intermediate.int_doelgroep_maand").fetchone()[0] > 2_000
    # The fingerprints kept for the next refresh, rewritten only where they changed, are those the refresh built with.
    assert _vorige_is_invoer(con, "inc") == (0, 0)
    # Each month-grain model's register (macros/maanden_te_doen.sql) holds exactly the fingerprints of its rows.
    models = {p.stem: p.read_text() for p in (DBT_PROJECT_DIR / "models").rglob("*.sql")}
    per_maand = {model for model, sql in models.items() if "**per_maand(" in sql}
    assert {model for model, sql in models.items() if "**verschil_per_maand(" in sql} == set(VERSCHIL)
    registers = con.execute(
        "select table_name from information_schema.tables where table_catalog = 'inc' "
        "and table_schema = 'intermediate' and table_name like '%\\_\\_maanden' escape '\\' order by 1"
    ).fetchall()
    assert sorted(name.removesuffix("__maanden") for (name,) in registers) == sorted({*per_maand, *VERSCHIL})
    # The models written where they differ keep no fingerprint per row: their registers hold every month's.
    for (model, fingerprints), catalog in itertools.product(VERSCHIL.items(), ("inc", "ful")):
        invoer = f"select maand, invoer_hash from {catalog}.intermediate.{fingerprints}"
        register = f"select maand, maand_invoer from {catalog}.intermediate.{model}__maanden"
        differing = con.execute(
            f"select (select count(*) from ({invoer} except all {register})), "
            f"(select count(*) from ({register} except all {invoer}))"
        ).fetchone()
        assert differing == (0, 0), (catalog, model)
    for model in per_maand:
        table = next(t for t in tables if t.split(".")[1] == model)
        column = "peildatum" if "**per_maand('peildatum'" in models[model] else "maand"  # keyed on the month end
        held = f"select distinct {column}, maand_invoer from {{0}}.{table} where maand_invoer is not null"
        register = f"select maand, maand_invoer from {{0}}.intermediate.{model}__maanden"
        for catalog in ("inc", "ful"):
            differing = con.execute(
                f"select (select count(*) from ({held} except all {register})), "
                f"(select count(*) from ({register} except all {held}))".format(catalog)
            ).fetchone()
            assert differing == (0, 0), (catalog, model)


def _vorige_is_invoer(con: duckdb.DuckDBPyConnection, catalog: str) -> tuple[int, int]:
    """Rows only in int_doelgroep_maand's kept fingerprints, and only in the fingerprints it was built with."""
    columns = "soort, persoon_id, maand, invoer_hash, datum_begin, datum_einde"
    vorige = f"(select {columns} from {catalog}.intermediate.int_doelgroep_maand__vorige_invoer)"
    invoer = f"(select {columns} from {catalog}.intermediate.int_doelgroep_maand__invoer)"
    return tuple(  # type: ignore[return-value]
        con.execute(f"select count(*) from ({a} except all {b})").fetchone()[0]
        for a, b in ((vorige, invoer), (invoer, vorige))
    )


def _fingerprint_follows(
    wh: Path, model: str, changes: list[tuple[str, set[dt.date]]], between: tuple[str, ...] = ()
) -> None:
    """Each change (SQL on one input) gives a new fingerprint in `model` to exactly the months given, to no other
    (`between`: the fingerprints `model` reads, made again first)."""
    _fingerprints_follow(wh, model, [(change, {"invoer_hash": months}) for change, months in changes], between)


def _fingerprints_follow(
    wh: Path, model: str, changes: list[tuple[str, dict[str, set[dt.date]]]], between: tuple[str, ...] = ()
) -> None:
    """As _fingerprint_follows, for a model with a fingerprint per part: each change gives a new value in each column
    to exactly the months given for it."""
    from warehouse.build import run_dbt

    for change, expected in changes:
        fingerprints = f"select maand, {', '.join(expected)} from intermediate.{model}"
        old = {row[0]: row[1:] for row in query(wh, fingerprints)}
        con = duckdb.connect(str(wh))
        con.execute(change)
        con.close()
        run_dbt(wh, ["run", "--select", *between, model])
        new = {row[0]: row[1:] for row in query(wh, fingerprints)}
        changed = {
            column: {month for month in new if new[month][i] != (old[month][i] if month in old else None)}
            for i, column in enumerate(expected)
        }
        assert changed == expected, change


def _month_with(wh: Path, sql: str) -> tuple[dt.date, dt.date]:
    """The first month after the first that `sql` (a list of months) gives, and the month before it."""
    months = [m for (m,) in query(wh, "select maand from intermediate.int_maanden order by 1")]
    m = min(m for (m,) in query(wh, sql) if m > months[0])
    return m, months[months.index(m) - 1]


def _pick(wh: Path, model: str, key: str, wheres: tuple[str, ...]) -> list[str]:
    """For each condition in turn, the first row's `key` that meets it, of a person none of the rows before has."""
    taken: list[str] = []
    for where in wheres:
        taken += query(
            wh,
            f"select {key} from {model} where {where} and persoon_id not in "
            f"(select persoon_id from {model} where {key} in (select unnest(?::varchar[]))) order by {key} limit 1",
            [taken],
        )[0]
    return taken


def _refreshed(wh: Path, model: str, *changes: tuple[str, list[object]]) -> dict[str, tuple]:
    """The rows of `model` (by their first column) after `changes` (SQL, parameters) and a refresh of it, checked
    against a full build of it on the same inputs."""
    from warehouse.build import run_dbt

    with duckdb.connect(str(wh)) as con:
        for sql, params in changes:
            con.execute(sql, params)
    name = model.split(".")[1]
    run_dbt(wh, ["run", "--select", name])
    rows = {row[0]: row for row in query(wh, f"select * from {model}")}
    run_dbt(wh, ["run", "--select", name, "--full-refresh"])
    assert rows == {row[0]: row for row in query(wh, f"select * from {model}")}
    return rows


def _full_build_agrees(wh: Path, model: str) -> None:
    """`model` (schema.name) as a refresh left it has the rows a full build of it on the same inputs gives, each as
    often (for a model whose first column is no key, where _refreshed's rows by key would not do)."""
    from warehouse.build import run_dbt

    refreshed = sorted(query(wh, f"from {model}"), key=repr)
    run_dbt(wh, ["run", "--select", model.split(".")[1], "--full-refresh"])
    assert sorted(query(wh, f"from {model}"), key=repr) == refreshed


def _bump(fingerprint: str, months: str, params: list[object]) -> tuple[str, list[object]]:
    """The change a fingerprint model would make: a new fingerprint for the `months` (SQL) given."""
    return f"update intermediate.{fingerprint} set invoer_hash = invoer_hash + 1 where maand in ({months})", params


MEMBERS = "intermediate.int_doelgroep_maand__persoon"
DOELGROEPEN = "int_doelgroep_maand__maand_invoer"


def test_the_cell_marts_fingerprint_of_a_month_follows_each_of_its_inputs(
    incremental_and_full: tuple[Path, Path], tmp_path: Path
) -> None:
    """int_indicator_cellen__maand_invoer: a change in one input of month m gives a new fingerprint to exactly the
    months that count it (the doelgroepen of m − 1 also count for the uitstroom of m; a waiting-list spell counts in
    every month it is open at the end of; a person's gender in every month they are a new early school leaver), and to
    no other month; in the fingerprint of the part that reads it (invoer_hash_uitstroom for the uitstroom,
    invoer_hash_vsv for the early school leavers, invoer_hash for the rest), not in the others'."""
    wh = tmp_path / "semon.duckdb"
    shutil.copyfile(incremental_and_full[1], wh)
    new_leaver = "date_trunc('month', datum_uitval) = maand"
    m, before = _month_with(  # a month with a bijstand uitstroom, a bestand, a WSW stand and a new early school leaver
        wh,
        "select maand from intermediate.int_werkplein__stroom where doelgroep = 'PW' and stroom = 'uitstroom' "
        "intersect select maand from intermediate.int_werkplein__bestand where doelgroep = 'PW' "
        "intersect select date_trunc('month', peildatum - 1)::date from staging.stg_wsw__werknemers "
        f"intersect select maand from intermediate.int_rmc__vsv_maand where {new_leaver}",
    )
    # int_rmc__vsv_maand is a view: its row of a new early school leaver in m is changed in the snapshot m reads.
    ((leaver, uitval),) = query(
        wh, f"select persoon_id, datum_uitval from intermediate.int_rmc__vsv_maand where {new_leaver} and maand = ? "
        "order by persoon_id limit 1", [m],
    )  # fmt: skip
    leaver_months = {  # the months in which that person is a new early school leaver
        month for (month,) in query(
            wh, f"select maand from intermediate.int_rmc__vsv_maand where {new_leaver} and persoon_id = ?", [leaver]
        )
    }  # fmt: skip
    snapshot_of_m = (
        f"(select max(bestand_peildatum) from raw.rmc_vsv where bestand_peildatum <= last_day(date '{m}') + 1)"
    )
    # A waiting-list spell open at every month end (so at m's end too) now begins in month m: it is open at the
    # ends of m and later as before, and no longer at the earlier ones.
    spell = (
        "(select min(p.rowid) from intermediate.int_wsw__wachtlijstperioden as p where p.datum_op_wachtlijst <= "
        "(select min(maandeinde) from intermediate.int_maanden) and p.datum_af is null)"
    )
    earlier = {month for (month,) in query(wh, f"select maand from intermediate.int_maanden where maand < '{m}'")}

    def parts(rest: set[dt.date], uitstroom: set[dt.date], vsv: frozenset[dt.date] = frozenset()) -> dict[str, set]:
        return {"invoer_hash": rest, "invoer_hash_uitstroom": uitstroom, "invoer_hash_vsv": set(vsv)}

    _fingerprints_follow(
        wh,
        "int_indicator_cellen__maand_invoer",
        [
            (f"update intermediate.int_ladder__maand_invoer set invoer_hash = invoer_hash + 1 where maand = '{before}'",
             parts({before}, set())),
            ("update intermediate.int_doelgroep_maand__maand_invoer set invoer_hash = invoer_hash + 1 "
             f"where maand = '{before}'",
             parts(set(), {m}, {before})),
            ("update intermediate.int_werkplein__stroom set reden_uitstroom = 'ANDERS-TEST' where rowid = (select "
             "min(rowid) from intermediate.int_werkplein__stroom where doelgroep = 'PW' and stroom = 'uitstroom' "
             f"and maand = '{m}')",
             parts(set(), {m})),
            ("update intermediate.int_werkplein__bestand set geslacht = 'X-TEST' where rowid = (select min(rowid) from "
             f"intermediate.int_werkplein__bestand where doelgroep = 'PW' and maand = '{m}')",
             parts({m}, set())),
            ("update staging.stg_wsw__werknemers set gemeentecode = 'GM-TEST' where rowid = (select min(rowid) from "
             f"staging.stg_wsw__werknemers where date_trunc('month', peildatum - 1) = '{m}')",
             parts({m}, set())),
            (f"update intermediate.int_wsw__wachtlijstperioden set datum_op_wachtlijst = '{m}' where rowid = {spell}",
             parts(earlier, set())),
            (f"update raw.rmc_vsv set gemeentecode = 'GM-TEST' where persoon_id = '{leaver}' "
             f"and datum_uitval = date '{uitval}' and bestand_peildatum = {snapshot_of_m}",
             parts(set(), set(), {m})),
            (f"update intermediate.int_personen set geslacht = 'X-TEST' where persoon_id = '{leaver}'",
             parts(set(), set(), leaver_months)),
        ],
    )  # fmt: skip


def test_the_doelgroepen_fingerprint_of_a_month_follows_its_members_and_not_the_ladder(
    incremental_and_full: tuple[Path, Path], tmp_path: Path
) -> None:
    """int_doelgroep_maand__maand_invoer (read by int_doelgroep_maand__persoon and int_werkplein__bestand): a member
    changed in month m gives a new fingerprint to m alone, a ladder score to no month; it reads again the months
    int_doelgroep_maand recorded as computed again (macro doelgroep_maand_geraakt), a person's from their first on.
    The ladder's fingerprint (int_ladder__maand_invoer) follows both: the score in every month whose 12 months up to
    the 1st of the next month hold it."""
    wh = tmp_path / "semon.duckdb"
    shutil.copyfile(incremental_and_full[1], wh)
    m, _ = _month_with(
        wh,
        "select maand from intermediate.int_doelgroep_maand "
        "intersect select date_trunc('month', peildatum)::date from intermediate.int_ladder__scores",
    )
    member = (  # with the record int_doelgroep_maand makes of the month it computed again (macros/ongetest.sql)
        "update intermediate.int_doelgroep_maand set geslacht = 'X-TEST' where rowid = (select min(rowid) from "
        f"intermediate.int_doelgroep_maand where maand = '{m}'); "
        f"insert into intermediate.ongetest values ('int_doelgroep_maand', 'maand', null, '{m}')"
    )
    score_of_m = (
        f"(select min(rowid) from intermediate.int_ladder__scores where date_trunc('month', peildatum) = '{m}')"
    )
    score = f"update intermediate.int_ladder__scores set trede = trede % 6 + 1 where rowid = {score_of_m}"
    counted = {  # the month ends the score counts for (int_ladder__stand)
        month
        for (month,) in query(
            wh,
            "select m.maand from intermediate.int_maanden as m, intermediate.int_ladder__scores as s "
            f"where s.rowid = {score_of_m} and m.maandeinde + 1 >= s.peildatum "
            "and m.maandeinde + 1 - interval 12 month < s.peildatum",
        )
    }
    assert m in counted and len(counted) > 1
    # A person int_doelgroep_maand computed again from the third month on: their rows of the fourth month are read
    # again, those of the second not (their change here stands for one no refresh would make).
    months = [month for (month,) in query(wh, "select maand from intermediate.int_maanden order by 1")]
    person = query(
        wh,
        "select persoon_id from intermediate.int_doelgroep_maand where maand = ? intersect "
        "select persoon_id from intermediate.int_doelgroep_maand where maand = ? order by 1 limit 1",
        [months[1], months[3]],
    )[0][0]
    from_third = (  # after a build that passed: the record of the member's month forgotten
        "delete from intermediate.ongetest; "
        f"update intermediate.int_doelgroep_maand set geslacht = 'X-TEST' where persoon_id = '{person}' "
        f"and maand in ('{months[1]}', '{months[3]}'); "
        f"insert into intermediate.ongetest values ('int_doelgroep_maand', 'persoon', '{person}', '{months[2]}')"
    )
    _fingerprint_follows(
        wh, "int_doelgroep_maand__maand_invoer", [(member, {m}), (score, set()), (from_third, {months[3]})]
    )
    shutil.copyfile(incremental_and_full[1], wh)
    _fingerprint_follows(
        wh,
        "int_ladder__maand_invoer",
        [(member, {m}), (score, counted)],
        between=("int_doelgroep_maand__maand_invoer",),
    )


def test_young_people_on_bijstand_are_counted_again_in_a_month_whose_ladder_changed(
    incremental_and_full: tuple[Path, Path], tmp_path: Path
) -> None:
    """int_jongeren__bijstand keeps a month while the ladder's fingerprint of it (int_ladder__maand_invoer: the
    doelgroepen and the scores) is unchanged: a young person's new trede in month m, with m's new fingerprint, moves
    them to that trede in m and changes no other month."""
    from warehouse.build import run_dbt

    wh = tmp_path / "semon.duckdb"
    shutil.copyfile(incremental_and_full[0], wh)
    young = (
        "select members.persoon_id, members.maand, members.gemeentecode, members.geslacht, stand.trede "
        "from intermediate.int_doelgroep_maand as members inner join intermediate.int_ladder__stand as stand "
        "using (persoon_id, maand) where members.doelgroep = 'PW' and members.leeftijdsklasse = '<27' "
        "order by members.maand, members.persoon_id limit 1"
    )
    person, m, gemeente, geslacht, trede = query(wh, young)[0]
    new = trede % 6 + 1
    counts = "select * exclude (maand_invoer) from intermediate.int_jongeren__bijstand"
    cell = (
        f"select jongeren_bijstand, jongeren_bijstand_trede_{trede}, jongeren_bijstand_trede_{new} "
        "from intermediate.int_jongeren__bijstand where gemeentecode = ? and maand = ? and geslacht = ?"
    )
    before, ((total, at_old, at_new),) = set(query(wh, counts)), query(wh, cell, [gemeente, m, geslacht])
    with duckdb.connect(str(wh)) as con:
        con.execute("update intermediate.int_ladder__stand set trede = ? where persoon_id = ? and maand = ?",
                    [new, person, m])  # fmt: skip
        con.execute("update intermediate.int_ladder__maand_invoer set invoer_hash = invoer_hash + 1 where maand = ?",
                    [m])  # fmt: skip
    run_dbt(wh, ["run", "--select", "int_jongeren__bijstand"])
    after = set(query(wh, counts))
    assert {row[1] for row in before ^ after} == {m}
    assert query(wh, cell, [gemeente, m, geslacht]) == [(total, at_old - 1, at_new + 1)]


def test_a_new_bit_for_a_doelgroep_computes_every_month_of_the_masks_again(
    incremental_and_full: tuple[Path, Path], tmp_path: Path
) -> None:
    """The doelgroepen' bits (seed) are in every month's fingerprint (int_doelgroep_maand, whose ALLE rows carry the
    masks, computes every month again, and int_doelgroep_maand__maand_invoer reads every month again, when they
    changed): two doelgroepen that swap bits swap them in every month's masks of int_doelgroep_maand__persoon, as a
    full build has them, not only in the newest month."""
    from warehouse.build import run_dbt

    wh = tmp_path / "semon.duckdb"
    shutil.copyfile(incremental_and_full[0], wh)
    (a, bit_a), (b, bit_b) = query(wh, "select doelgroep, bit from ref.doelgroepen where bit is not null order by bit "
                                       "limit 2")  # fmt: skip
    masks = f"select persoon_id, maand, doelgroepen from {MEMBERS}"
    before = {(p, m): mask for p, m, mask in query(wh, masks)}
    with duckdb.connect(str(wh)) as con:
        con.execute("update ref.doelgroepen set bit = if(doelgroep = ?, ?, ?) where doelgroep in (?, ?)",
                    [a, bit_b, bit_a, a, b])  # fmt: skip
    models = ["int_doelgroep_maand", DOELGROEPEN, MEMBERS.split(".")[1]]
    run_dbt(wh, ["run", "--select", *models])
    after = {(p, m): mask for p, m, mask in query(wh, masks)}
    run_dbt(wh, ["run", "--select", *models, "--full-refresh"])
    assert after == {(p, m): mask for p, m, mask in query(wh, masks)}

    def swapped(mask: int) -> int:
        return mask & ~(bit_a | bit_b) | (bit_b if mask & bit_a else 0) | (bit_a if mask & bit_b else 0)

    assert after == {key: swapped(mask) for key, mask in before.items()}
    months = {m for (_, m), mask in before.items() if mask & (bit_a | bit_b) and swapped(mask) != mask}
    assert len(months) == len({m for _, m in before})  # the swap changed masks in every month


def test_a_refresh_of_the_persons_writes_the_changed_the_new_and_drops_the_gone(
    incremental_and_full: tuple[Path, Path], tmp_path: Path
) -> None:
    """int_personen derives every person again but writes only the rows that differ: a person whose newest Werkplein
    row moved municipality, a person no source knows any more (gone), a new person: as a full build has them."""
    wh = tmp_path / "semon.duckdb"
    shutil.copyfile(incremental_and_full[0], wh)
    bron = "intermediate.int_personen__bron"
    (moved, gemeente), (gone,) = (
        query(wh, f"select persoon_id, gemeentecode from {bron} where voorrang = 1 order by persoon_id limit 1")[0],
        query(wh, f"select persoon_id from {bron} where voorrang = 1 order by persoon_id desc limit 1")[0],
    )
    other = query(wh, "select gemeentecode from marts.mart_gemeenten where gemeentecode <> ? limit 1", [gemeente])[0][0]
    new = "00000000-0000-0000-0000-00000000feed"
    rows = _refreshed(
        wh,
        "intermediate.int_personen",
        (f"update {bron} set gemeentecode = ? where persoon_id = ? and voorrang = 1", [other, moved]),
        (f"delete from {bron} where persoon_id = ?", [gone]),
        (f"insert into {bron} values (1, ?, date '2001-05-01', 'V', ?)", [new, gemeente]),
    )
    assert rows[moved][3] == other
    assert gone not in rows
    assert rows[uuid.UUID(new)][1:] == (dt.date(2001, 5, 1), "V", gemeente)


def test_a_refresh_of_the_newest_versions_writes_only_the_records_that_differ(
    incremental_and_full: tuple[Path, Path], tmp_path: Path
) -> None:
    """int_werkplein__perioden reads its newest file again on a refresh, but writes only the records whose newest
    version differs from the row there: of the newest file's few hundred spells, the one that moved municipality (in
    the raw file itself, as a changed delivery would have it). What the refresh's query returns is what it writes
    (delete+insert on the key); the rows after it are those of a full build."""
    from warehouse.build import run_dbt, target_path

    wh = tmp_path / "semon.duckdb"
    shutil.copyfile(incremental_and_full[0], wh)
    table, raw = "intermediate.int_werkplein__perioden", "raw.werkplein_klanten"
    newest = f"bestand_peildatum = (select max(bestand_peildatum) from {raw})"
    persoon, instroom, gemeente = query(
        wh, f"select persoon_id, datum_instroom, gemeentecode from {raw} where {newest} order by all limit 1"
    )[0]
    other = query(wh, "select gemeentecode from marts.mart_gemeenten where gemeentecode <> ? limit 1", [gemeente])[0][0]
    with duckdb.connect(str(wh)) as con:
        con.execute(
            f"update {raw} set gemeentecode = ? where persoon_id = ? and datum_instroom = ? and {newest}",
            [other, persoon, instroom],
        )
    assert query(wh, f"select count(*) from {raw} where {newest}")[0][0] > 100

    run_dbt(wh, ["compile", "--select", "int_werkplein__perioden"])
    model = "compiled/semon/models/intermediate/werkplein/int_werkplein__perioden.sql"
    written = query(
        wh, f"select persoon_id, datum_instroom, gemeentecode from ({(target_path(wh) / model).read_text()})"
    )
    assert written == [(persoon, instroom, other)]

    run_dbt(wh, ["run", "--select", "int_werkplein__perioden"])
    rows = set(query(wh, f"select * from {table}"))
    run_dbt(wh, ["run", "--select", "int_werkplein__perioden", "--full-refresh"])
    assert rows == set(query(wh, f"select * from {table}"))
    assert query(
        wh, f"select gemeentecode from {table} where persoon_id = ? and datum_instroom = ?", [persoon, instroom]
    ) == [(other,)]


def test_the_flows_fingerprint_of_a_month_follows_each_of_its_inputs(
    incremental_and_full: tuple[Path, Path], tmp_path: Path
) -> None:
    """int_werkplein__stroom__maand_invoer: a changed bestand row in month m gives a new fingerprint to m and to the
    month after it (its flows compare with m), and, where herinstroom is known, to the months whose 6 or 12 months after
    include m; a spell that ended in m, to m alone; a new month, to itself and to the months 6 and 12 before it
    (whose herinstroom it makes known), not to the rest of the year before it. The bestand's rows are hashed again
    only under a new doelgroepen fingerprint of the month, from which int_werkplein__bestand makes the month again."""
    from warehouse.build import run_dbt

    wh = tmp_path / "semon.duckdb"
    shutil.copyfile(incremental_and_full[1], wh)
    months = [m for (m,) in query(wh, "select maand from intermediate.int_maanden order by 1")]
    ended = "select date_trunc('month', datum_uitstroom)::date from intermediate.int_werkplein__perioden"
    spell = min(month for (month,) in query(wh, ended) if month in months)
    doelgroepen = (
        "update intermediate.int_doelgroep_maand__maand_invoer set invoer_hash = invoer_hash + 1 where maand = '{0}';"
    )
    row = (
        "update intermediate.int_werkplein__bestand set geslacht = geslacht || '-TEST' where rowid = (select "
        "min(rowid) from intermediate.int_werkplein__bestand where maand = '{0}');"
    )
    bestand = row + doelgroepen  # as a refresh makes a month of the bestand again
    perioden = (
        "update intermediate.int_werkplein__perioden set reden_uitstroom = 'ANDERS-TEST' where rowid = (select "
        f"min(rowid) from intermediate.int_werkplein__perioden where date_trunc('month', datum_uitstroom) = '{spell}')"
    )
    # Five months: no herinstroom known yet.
    _fingerprint_follows(
        wh,
        "int_werkplein__stroom__maand_invoer",
        [
            (bestand.format(months[2]), {months[2], months[3]}),
            (perioden, {spell}),
            # The doelgroepen' fingerprint (every doelgroep's) without a changed bestand row: no month.
            (doelgroepen.format(months[2]), set()),
            # A changed row under the same doelgroepen fingerprint (which a refresh never makes): kept, no month.
            (row.format(months[2]), set()),
            (doelgroepen.format(months[2]), {months[2], months[3]}),
        ],
    )
    # Eight months more (without a bestand) make 13: herinstroom within 6 months is known for the first 7, within
    # 12 months for the first; the 14th makes it known for the 8th and the 2nd.
    with duckdb.connect(str(wh)) as con:
        con.execute(
            "insert into intermediate.int_maanden (maand, maandeinde) select m::date, last_day(m::date) "
            "from generate_series(?::date + interval 1 month, ?::date + interval 8 month, interval 1 month) as t(m)",
            [months[-1], months[-1]],
        )
    months = [m for (m,) in query(wh, "select maand from intermediate.int_maanden order by 1")]
    assert len(months) == 13
    run_dbt(wh, ["run", "--select", "int_werkplein__stroom__maand_invoer"])
    fourteenth = (months[-1] + dt.timedelta(days=31)).replace(day=1)
    _fingerprint_follows(
        wh,
        "int_werkplein__stroom__maand_invoer",
        [
            (bestand.format(months[2]), {months[0], months[1], months[2], months[3]}),
            ("insert into intermediate.int_maanden (maand, maandeinde) "
             f"values ('{fourteenth}', last_day(date '{fourteenth}'))", {fourteenth, months[7], months[1]}),
        ],
    )  # fmt: skip


def test_the_client_flow_is_counted_again_in_a_month_whose_flows_fingerprint_changed(
    incremental_and_full: tuple[Path, Path], tmp_path: Path
) -> None:
    """mart_klantstroom keeps a month while the flows' fingerprint of it (int_werkplein__stroom__maand_invoer, which
    covers the month's bestand too) is unchanged: a client of month m with another gender, with m's new fingerprint,
    moves from one bestand cell to the other in m and changes no other month."""
    from warehouse.build import run_dbt

    wh = tmp_path / "semon.duckdb"
    shutil.copyfile(incremental_and_full[0], wh)
    months = [m for (m,) in query(wh, "select maand from intermediate.int_maanden order by 1")]
    m = months[2]
    person, doelgroep, gemeente, leeftijd, geslacht = query(
        wh,
        "select persoon_id, doelgroep, gemeentecode, leeftijdsklasse, geslacht "
        "from intermediate.int_werkplein__bestand where maand = ? and geslacht in ('M', 'V') "
        "order by persoon_id, doelgroep limit 1",
        [m],
    )[0]
    other = "V" if geslacht == "M" else "M"
    rows = "select * exclude (maand_invoer) from marts.mart_klantstroom"
    cell = (
        "select coalesce(sum(bestand), 0) from marts.mart_klantstroom where gemeentecode = ? and maand = ? "
        "and doelgroep = ? and leeftijdsklasse = ? and geslacht = ?"
    )
    counts = [query(wh, cell, [gemeente, m, doelgroep, leeftijd, g])[0][0] for g in (geslacht, other)]
    before = set(query(wh, rows))
    with duckdb.connect(str(wh)) as con:
        con.execute("update intermediate.int_werkplein__bestand set geslacht = ? where persoon_id = ? and maand = ?",
                    [other, person, m])  # fmt: skip
        con.execute("update intermediate.int_werkplein__stroom__maand_invoer set invoer_hash = invoer_hash + 1 "
                    "where maand = ?", [m])  # fmt: skip
    run_dbt(wh, ["run", "--select", "mart_klantstroom"])
    assert {row[1] for row in set(query(wh, rows)) ^ before} == {m}
    after = [query(wh, cell, [gemeente, m, doelgroep, leeftijd, g])[0][0] for g in (geslacht, other)]
    assert after == [counts[0] - 1, counts[1] + 1]


def test_a_refresh_computes_an_instrument_again_when_its_record_person_situation_or_outflow_changed(
    incremental_and_full: tuple[Path, Path], tmp_path: Path
) -> None:
    """int_werkplein__trajecten_persoon computes again only the instruments whose inputs may have changed
    (macros/gebeurtenissen_opnieuw.sql). One change per rule, each on another person's instrument, with the
    fingerprint of the month it touches changed as the fingerprint models would: the refresh gives what a full build
    gives, and each change shows in its instrument's row. In two rounds: the second gives a person without a situation
    before the start (after the first took it away) one in an earlier month than the one before the start."""
    wh = tmp_path / "semon.duckdb"
    shutil.copyfile(incremental_and_full[0], wh)
    model = "intermediate.int_werkplein__trajecten_persoon"
    first, second = [m for (m,) in query(wh, "select maand from intermediate.int_maanden order by 1 limit 2")]
    taken = _pick(wh, model, "traject_id", (
        "true",  # its record: the cost
        "true",  # its record, gone
        f"maand_voor_start is null and begindatum < date '{second}'",  # its person's newest municipality
        "true",  # its person's gender
        "true",  # its person's birth month
        "true",  # its person, gone
        "maand_voor_start is not null",  # the situation it was taken from
        f"maand_voor_start >= date '{first}' + interval 1 month",  # a situation taken away, then one from longer ago
        # an outflow while the instrument runs (as a wage subsidy's job ends the benefit)
        f"maand_uitstroom_werk is null and begindatum < date '{second}' "
        f"and einddatum >= date '{second}' + interval 1 month",
        "maand_uitstroom_werk is not null",  # the outflow found, gone
    ))  # fmt: skip
    kosten, weg, gemeente, geslacht, geboren, persoon_weg, situatie, eerder, uitstroom, terug = taken
    before = {row[0]: row for row in query(wh, f"select * from {model}")}
    person = {t: row[1] for t, row in before.items()}
    other = [g for (g,) in query(wh, "select gemeentecode from marts.mart_gemeenten order by 1 limit 2")]
    stroom = "intermediate.int_werkplein__stroom"
    werkplein_uitstroom = "doelgroep = 'WERKPLEIN' and stroom = 'uitstroom'"
    flows = "int_werkplein__stroom__maand_invoer"
    situation, outflow = before[situatie][3], before[terug][-1]
    round_1 = _refreshed(
        wh, model,
        ("update intermediate.int_werkplein__trajecten set kosten_eur = kosten_eur + 1 where traject_id = ?", [kosten]),
        ("delete from intermediate.int_werkplein__trajecten where traject_id = ?", [weg]),
        ("update intermediate.int_personen set gemeentecode = if(gemeentecode = ?, ?, ?) where persoon_id = ?",
         [other[0], other[1], other[0], person[gemeente]]),
        ("update intermediate.int_personen set geslacht = if(geslacht = 'M', 'V', 'M') where persoon_id = ?",
         [person[geslacht]]),
        ("update intermediate.int_personen set geboortemaand = geboortemaand - interval 30 year where persoon_id = ?",
         [person[geboren]]),
        ("delete from intermediate.int_personen where persoon_id = ?", [person[persoon_weg]]),
        (f"update {MEMBERS} set doelgroepen = doelgroepen + 1024 where persoon_id = ? and maand = ?",
         [person[situatie], situation]),
        _bump(DOELGROEPEN, "?", [situation]),
        _bump(DOELGROEPEN, f"select maand from {MEMBERS} where persoon_id = ?", [person[eerder]]),
        (f"delete from {MEMBERS} where persoon_id = ?", [person[eerder]]),
        (f"insert into {stroom} select * replace (? as persoon_id, 'WERKPLEIN' as doelgroep, 'WERK' as "
         f"reden_uitstroom) from {stroom} where maand = ? and stroom = 'uitstroom' limit 1",
         [person[uitstroom], second]),
        _bump(flows, "?", [second]),
        (f"delete from {stroom} where persoon_id = ? and maand = ? and {werkplein_uitstroom}",
         [person[terug], outflow]),
        _bump(flows, "?", [outflow]),
    )  # fmt: skip
    assert weg not in round_1 and persoon_weg not in round_1
    taken = [t for t in taken if t not in (weg, persoon_weg)]
    assert [t for t in taken if round_1[t] != before[t]] == taken
    assert round_1[eerder][3] is None  # no situation before the start left
    round_2 = _refreshed(
        wh, model,
        (f"insert into {MEMBERS} select * replace (? as persoon_id) from {MEMBERS} where maand = ? limit 1",
         [person[eerder], first]),
        _bump(DOELGROEPEN, "?", [first]),
    )  # fmt: skip
    assert round_2[eerder][3] == first


def test_a_refresh_computes_a_placement_again_when_its_record_person_situation_or_sector_changed(
    incremental_and_full: tuple[Path, Path], tmp_path: Path
) -> None:
    """int_werkplein__plaatsingen_persoon, by the rules it shares with the instruments
    (macros/gebeurtenissen_opnieuw.sql: the record, the person, the situation before the start) and its own: the
    person's age in whole years at the start, and the employer's sector. One change per rule on another person's
    placement (the sector's on an employer of none of the others): the refresh gives what a full build gives, and each
    change shows in its placement's row."""
    wh = tmp_path / "semon.duckdb"
    shutil.copyfile(incremental_and_full[0], wh)
    model = "intermediate.int_werkplein__plaatsingen_persoon"
    second = query(wh, "select maand from intermediate.int_maanden order by 1 limit 2")[1][0]
    [sector] = _pick(wh, model, "plaatsing_id", ("sbi_sector is not null",))
    kvk = query(wh, f"select kvk from {model} where plaatsing_id = ?", [sector])[0][0]
    taken = _pick(wh, model, "plaatsing_id", (
        f"plaatsing_id = '{sector}'",
        *(f"kvk <> '{kvk}' and {where}" for where in (
            "true",  # its record: the hours
            "true",  # its record, gone
            f"maand_voor_start is null and begindatum < date '{second}'",  # its person's newest municipality
            "leeftijd_bij_start between 36 and 43",  # a year older, in the same age band
            "maand_voor_start is not null",  # the situation it was taken from
        )),
    ))  # fmt: skip
    _, uren, weg, gemeente, leeftijd, situatie = taken
    before = {row[0]: row for row in query(wh, f"select * from {model}")}
    person = {t: row[1] for t, row in before.items()}
    situation = before[situatie][10]
    other = [g for (g,) in query(wh, "select gemeentecode from marts.mart_gemeenten order by 1 limit 2")]
    after = _refreshed(
        wh, model,
        ("update intermediate.int_werkgevers__register set sbi_sector = if(sbi_sector = 'A', 'B', 'A') where kvk = ?",
         [kvk]),
        ("update intermediate.int_werkplein__plaatsingen set uren_per_week = uren_per_week + 1 where plaatsing_id = ?",
         [uren]),
        ("delete from intermediate.int_werkplein__plaatsingen where plaatsing_id = ?", [weg]),
        ("update intermediate.int_personen set gemeentecode = if(gemeentecode = ?, ?, ?) where persoon_id = ?",
         [other[0], other[1], other[0], person[gemeente]]),
        ("update intermediate.int_personen set geboortemaand = geboortemaand - interval 1 year where persoon_id = ?",
         [person[leeftijd]]),
        (f"update {MEMBERS} set doelgroepen = doelgroepen + 1024 where persoon_id = ? and maand = ?",
         [person[situatie], situation]),
        _bump(DOELGROEPEN, "?", [situation]),
    )  # fmt: skip
    assert weg not in after
    taken.remove(weg)
    assert [t for t in taken if after[t] != before[t]] == taken
    assert before[leeftijd][13] == after[leeftijd][13]  # the same age band


def test_a_refresh_computes_a_persons_placements_again_when_one_of_them_an_employer_or_the_horizon_changed(
    incremental_and_full: tuple[Path, Path], tmp_path: Path
) -> None:
    """mart_plaatsingen, per person (macros/plaatsingen_opnieuw.sql): a placement's row changed or gone; a new paid
    job of a person whose placement was not durable, which makes that other placement durable; an employer's name in
    the register; and the newest placements extract a month earlier, which makes a durability unknown again. One change
    per rule, each on another person: the refresh gives what a full build gives, and each change shows."""
    wh = tmp_path / "semon.duckdb"
    shutil.copyfile(incremental_and_full[0], wh)
    model = "marts.mart_plaatsingen"
    (newest,), (previous,) = query(
        wh, "select distinct bestand_peildatum from staging.stg_werkplein__plaatsingen order by 1 desc limit 2"
    )
    in_window = f"(begindatum + interval 6 month)::date > date '{previous}' and duurzaam_6m is not null"
    [horizon] = _pick(wh, model, "plaatsing_id", (in_window,))
    [kvk] = query(wh, f"select kvk from {model} where plaatsing_id = ?", [horizon])[0]
    taken = _pick(wh, model, "plaatsing_id", (
        f"kvk <> '{kvk}' and {where}" for where in (
            "true",  # its row: the hours
            "true",  # its row, gone
            # another placement of the person: a paid job from the same day, not ended
            f"duurzaam_6m = false and (begindatum + interval 6 month)::date <= date '{previous}'",
        )
    ))  # fmt: skip
    uren, weg, ander = taken
    [employer] = _pick(wh, model, "kvk", (f"kvk <> '{kvk}' and plaatsing_id not in ('{uren}', '{weg}', '{ander}')",))
    before = {row[0]: row for row in query(wh, f"select * from {model}")}
    kolommen = [k for (k,) in query(wh, f"select column_name from (describe {model})")]
    hours, durable, kvk_at, name_at = (kolommen.index(k) for k in ("uren_per_week", "duurzaam_6m", "kvk", "werkgever"))
    source = "intermediate.int_werkplein__plaatsingen_persoon"
    after = _refreshed(
        wh, model,
        (f"update {source} set uren_per_week = uren_per_week + 1 where plaatsing_id = ?", [uren]),
        (f"delete from {source} where plaatsing_id = ?", [weg]),
        (f"insert into {source} select * replace ('{ander}-nieuw' as plaatsing_id, 'REGULIER' as soort, "
         f"null::date as einddatum) from {source} where plaatsing_id = ?", [ander]),
        ("update intermediate.int_werkgevers__register set naam = naam || ' (nieuw)' where kvk = ?", [employer]),
        ("delete from raw.werkplein_plaatsingen where bestand_peildatum = ?", [newest]),
    )  # fmt: skip
    assert weg not in after
    assert after[uren][hours] == before[uren][hours] + 1
    assert (before[ander][durable], after[ander][durable]) == (False, True)  # durable through the new job
    assert after[f"{ander}-nieuw"][durable] is True
    names = {row[name_at] for row in before.values() if row[kvk_at] == employer}
    assert {row[name_at] for row in after.values() if row[kvk_at] == employer} == {f"{n} (nieuw)" for n in names}
    assert (before[horizon][durable] is None, after[horizon][durable] is None) == (False, True)  # unknown again


def test_a_refresh_of_the_quarantine_drops_a_replaced_load_and_adds_a_new_one(
    incremental_and_full: tuple[Path, Path], tmp_path: Path
) -> None:
    """mart_quarantaine, per load: a load replaced by a correction loses its rows, a new load's rows are added, the
    rest stays; the refresh gives what a full build gives."""
    from warehouse.build import run_dbt

    wh = tmp_path / "semon.duckdb"
    shutil.copyfile(incremental_and_full[0], wh)
    mart = "select * from marts.mart_quarantaine order by all"
    before = query(wh, mart)
    ((vervangen, bestand, klaar_op, aantal),) = query(
        wh, "select laad_id, bestand, klaar_op, count(*) from raw.quarantaine join raw.laadlog "
        "using (laad_id, bestand) where status = 'geladen' group by all order by 1 limit 1",
    )  # fmt: skip
    with duckdb.connect(str(wh)) as con:
        con.execute("update raw.laadlog set status = 'vervangen' where laad_id = ?", [vervangen])
        con.execute(
            "insert into raw.laadlog select * replace ((select max(laad_id) + 1 from raw.laadlog) as laad_id, "
            "'klanten_nieuw.csv' as bestand, 'geladen' as status, klaar_op + interval 1 day as klaar_op) "
            "from raw.laadlog where laad_id = ?", [vervangen],
        )  # fmt: skip
        con.execute(
            "insert into raw.quarantaine select * replace ((select max(laad_id) from raw.laadlog) as laad_id, "
            "'klanten_nieuw.csv' as bestand) from raw.quarantaine where laad_id = ?", [vervangen],
        )  # fmt: skip
    run_dbt(wh, ["run", "--select", "mart_quarantaine"])
    after = query(wh, mart)
    run_dbt(wh, ["run", "--select", "mart_quarantaine", "--full-refresh"])
    assert after == query(wh, mart)
    assert len(after) == len(before)  # as many rows replaced as added
    assert len([row for row in before if (row[3], row[9]) == (bestand, klaar_op)]) == aantal
    assert not [row for row in after if (row[3], row[9]) == (bestand, klaar_op)]
    assert len([row for row in after if row[3] == "klanten_nieuw.csv"]) == aantal


def test_the_uwv_marts_fingerprint_of_a_month_follows_each_of_its_inputs(
    incremental_and_full: tuple[Path, Path], tmp_path: Path
) -> None:
    """int_uwv__maand_invoer: a membership, a Wajong measurement or a register period changed in month m gives a new
    fingerprint to exactly the months it counts for. The memberships through the doelgroepen' fingerprint, which
    follows the months int_doelgroep_maand recorded as computed again."""
    wh = tmp_path / "semon.duckdb"
    shutil.copyfile(incremental_and_full[1], wh)
    m, _ = _month_with(  # a month with Wajong and register members and a Wajong measurement
        wh,
        "select maand from intermediate.int_doelgroep_maand where doelgroep = 'WAJONG' "
        "intersect select maand from intermediate.int_doelgroep_maand where doelgroep = 'DOELGROEPREGISTER' "
        "intersect select date_trunc('month', peildatum - 1)::date from staging.stg_uwv__wajong",
    )
    periode = query(  # a register period and the month ends at which it is open
        wh,
        "select p.rowid, list(m.maand order by m.maand) from intermediate.int_uwv__registerperioden as p "
        "inner join intermediate.int_maanden as m on p.datum_opname <= m.maandeinde "
        "and (p.datum_afvoer is null or p.datum_afvoer > m.maandeinde) group by p.rowid order by 1 limit 1",
    )[0]
    _fingerprint_follows(
        wh,
        "int_uwv__maand_invoer",
        [
            ("update intermediate.int_doelgroep_maand set geslacht = 'X-TEST' where rowid = (select min(rowid) from "
             f"intermediate.int_doelgroep_maand where doelgroep = 'WAJONG' and maand = '{m}'); "
             f"insert into intermediate.ongetest values ('int_doelgroep_maand', 'maand', null, '{m}')",
             {m}),
            ("update staging.stg_uwv__wajong set werkend = not werkend where rowid = (select min(rowid) from "
             f"staging.stg_uwv__wajong where date_trunc('month', peildatum - 1) = '{m}' and werkend is not null)",
             {m}),
            (f"update intermediate.int_uwv__registerperioden set grondslag = 'TEST' where rowid = {periode[0]}",
             set(periode[1])),
        ],
        between=("int_doelgroep_maand__maand_invoer",),
    )  # fmt: skip


def test_the_wsw_marts_fingerprint_of_a_month_follows_its_measurements_and_their_people(
    incremental_and_full: tuple[Path, Path], tmp_path: Path
) -> None:
    """int_wsw__maand_invoer: a WSW measurement changed in month m gives a new fingerprint to m alone, a new gender
    of its person to every month they were measured for; and mart_wsw, refreshed, counts the change as a full build
    does."""
    from warehouse.build import run_dbt

    wh = tmp_path / "semon.duckdb"
    shutil.copyfile(incremental_and_full[1], wh)
    m, _ = _month_with(wh, "select date_trunc('month', peildatum - 1)::date from staging.stg_wsw__werknemers")
    measurement = (
        "(select min(rowid) from staging.stg_wsw__werknemers "
        f"where date_trunc('month', peildatum - 1) = '{m}' and se is not null)"
    )
    [(person,)] = query(wh, f"select persoon_id from staging.stg_wsw__werknemers where rowid = {measurement}")
    measured = {  # the months the person's measurements count for, all monitored
        month for (month,) in query(
            wh,
            "select date_trunc('month', peildatum - 1)::date from staging.stg_wsw__werknemers where persoon_id = ? "
            "intersect select maand from intermediate.int_maanden",
            [person],
        )
    }  # fmt: skip
    assert m in measured and len(measured) > 1
    se = (
        "select sum(se) from marts.mart_wsw where peildatum = (select maandeinde from intermediate.int_maanden "
        f"where maand = '{m}')"
    )
    [(se_before,)] = query(wh, se)
    _fingerprint_follows(
        wh,
        "int_wsw__maand_invoer",
        [
            (f"update staging.stg_wsw__werknemers set se = se + 1 where rowid = {measurement}", {m}),
            (f"update intermediate.int_personen set geslacht = 'X-TEST' where persoon_id = '{person}'", measured),
        ],
    )
    run_dbt(wh, ["run", "--select", "mart_wsw"])
    assert query(wh, se) == [(se_before + 1,)]
    assert query(wh, "select count(distinct peildatum) from marts.mart_wsw where geslacht = 'X-TEST'") == [
        (len(measured),)
    ]
    _full_build_agrees(wh, "marts.mart_wsw")


def test_the_vsv_fingerprint_of_a_month_follows_its_school_leavers_and_their_people(
    incremental_and_full: tuple[Path, Path], tmp_path: Path
) -> None:
    """int_rmc__maand_invoer: a status changed in the RMC snapshot that month m reads gives a new fingerprint to m
    alone, a new gender of the person to every month they are listed in; int_jongeren__vsv, refreshed, then has what
    a full build gives."""
    from warehouse.build import run_dbt

    wh = tmp_path / "semon.duckdb"
    shutil.copyfile(incremental_and_full[1], wh)
    m, _ = _month_with(wh, "select maand from intermediate.int_rmc__vsv_maand")
    ((leaver, uitval),) = query(
        wh, "select persoon_id, datum_uitval from intermediate.int_rmc__vsv_maand where maand = ? "
        "order by persoon_id limit 1", [m],
    )  # fmt: skip
    listed = {month for (month,) in query(
        wh, "select maand from intermediate.int_rmc__vsv_maand where persoon_id = ?", [leaver]
    )}  # fmt: skip
    assert len(listed) > 1
    snapshot_of_m = (
        f"(select max(bestand_peildatum) from raw.rmc_vsv where bestand_peildatum <= last_day(date '{m}') + 1)"
    )
    _fingerprint_follows(
        wh,
        "int_rmc__maand_invoer",
        [
            (f"update raw.rmc_vsv set status = 'VSV_TEST' where persoon_id = '{leaver}' "
             f"and datum_uitval = date '{uitval}' and bestand_peildatum = {snapshot_of_m}", {m}),
            (f"update intermediate.int_personen set geslacht = 'X-TEST' where persoon_id = '{leaver}'", listed),
        ],
    )  # fmt: skip
    run_dbt(wh, ["run", "--select", "int_jongeren__vsv"])
    assert query(wh, "select count(distinct maand) from intermediate.int_jongeren__vsv where geslacht = 'X-TEST'") == [
        (len(listed),)
    ]
    _full_build_agrees(wh, "intermediate.int_jongeren__vsv")


def test_a_refresh_of_the_instruments_outcomes_counts_again_only_the_windows_whose_instruments_changed(
    plausible_warehouse: Path, tmp_path: Path
) -> None:
    """mart_instrumenten_rendement, per window (int_instrumenten__venster_invoer): an instrument that ended in a
    window gives that window a new fingerprint, and the refresh counts it again as a full build would; one that
    ended before the window changes nothing. Three years of data, so one window (the tiny set has none)."""
    from warehouse.build import run_dbt

    wh = tmp_path / "semon.duckdb"
    shutil.copyfile(plausible_warehouse, wh)
    [(m, begin, end)] = query(
        wh, "select maand, venster_begin, venster_einde from intermediate.int_instrumenten__venster_invoer"
    )
    source = "intermediate.int_werkplein__trajecten_persoon"
    [(inside, before)] = query(
        wh,
        f"select min(rowid) filter (where date_trunc('month', einddatum) between ? and ?), "
        f"min(rowid) filter (where einddatum < ?) from {source} where gemeentecode is not null and kosten_eur > 0",
        [begin, end, begin],
    )
    assert inside is not None and before is not None
    kosten = "select sum(kosten_eur) from marts.mart_instrumenten_rendement where maand = ?"
    [(kosten_before,)] = query(wh, kosten, [m])
    _fingerprint_follows(
        wh,
        "int_instrumenten__venster_invoer",
        [
            (f"update {source} set kosten_eur = kosten_eur + 1000 where rowid = {inside}", {m}),
            (f"update {source} set kosten_eur = kosten_eur + 1000 where rowid = {before}", set()),
        ],
    )
    run_dbt(wh, ["run", "--select", "mart_instrumenten_rendement"])
    assert query(wh, kosten, [m]) == [(kosten_before + 1000,)]
    _full_build_agrees(wh, "marts.mart_instrumenten_rendement")


def test_the_instruments_fingerprint_of_a_month_follows_its_running_begun_and_ended_instruments(
    plausible_warehouse: Path, tmp_path: Path
) -> None:
    """int_instrumenten__maand_invoer: a change to an instrument gives a new fingerprint to exactly the months
    mart_instrumenten counts it in (its cost: the month it began and the month it ended; its cell: those and every
    month it ran at the end of; a new end: the months from that end on, where it no longer runs), and to no other;
    an instrument that ended before the first month changes none. The refresh counts those months again as a full
    build does."""
    from warehouse.build import run_dbt

    wh = tmp_path / "semon.duckdb"
    shutil.copyfile(plausible_warehouse, wh)
    months = [m for (m,) in query(wh, "select maand from intermediate.int_maanden order by 1")]
    source = "intermediate.int_werkplein__trajecten_persoon"
    begin, end = "date_trunc('month', begindatum)::date", "date_trunc('month', einddatum)::date"
    [(closed, b, e)] = query(
        wh,
        f"select traject_id, {begin}, {end} from {source} where {begin} > ? and {end} > {begin} + interval 2 month "
        f"and {end} < ? order by traject_id limit 1",
        [months[0], months[-1]],
    )
    [(running, started)] = query(
        wh,
        f"select traject_id, {begin} from {source} where einddatum is null and {begin} between ? and ? "
        "order by traject_id limit 1",
        [months[1], months[-4]],
    )
    [(old,)] = query(wh, f"select min(traject_id) from {source} where einddatum < ?", [months[0]])
    ended = months[-2]
    lopend = "select sum(lopend) from marts.mart_instrumenten where maand = ?"
    [(lopend_before,)] = query(wh, lopend, [ended])
    _fingerprint_follows(
        wh,
        "int_instrumenten__maand_invoer",
        [
            (f"update {source} set kosten_eur = coalesce(kosten_eur, 0) + 1000 where traject_id = '{closed}'", {b, e}),
            (f"update {source} set geslacht = 'X' where traject_id = '{closed}'", {m for m in months if b <= m <= e}),
            (
                f"update {source} set einddatum = '{ended}'::date + 3 where traject_id = '{running}'",
                {m for m in months if m >= ended},
            ),
            (f"update {source} set kosten_eur = coalesce(kosten_eur, 0) + 1000 where traject_id = '{old}'", set()),
        ],
    )
    assert started < ended
    run_dbt(wh, ["run", "--select", "mart_instrumenten"])
    assert query(wh, lopend, [ended]) == [(lopend_before - 1,)]
    _full_build_agrees(wh, "marts.mart_instrumenten")


def test_the_waiting_lists_fingerprint_of_a_month_follows_its_periods_and_their_people(
    plausible_warehouse: Path, tmp_path: Path
) -> None:
    """int_wsw__wachtlijst_maand_invoer: a change to a waiting-list period gives a new fingerprint to exactly the
    months mart_wsw_wachtlijst counts it in (its reason: the month it ended; its person's gender: the month it began,
    every month it was open at the end of and the month it ended; a new end: the months from that end on, where the
    person is no longer on the list), and to no other; a period that ended before the first month changes none. The
    refresh counts those months again as a full build does."""
    from warehouse.build import run_dbt

    wh = tmp_path / "semon.duckdb"
    shutil.copyfile(plausible_warehouse, wh)
    months = [m for (m,) in query(wh, "select maand from intermediate.int_maanden order by 1")]
    source = "intermediate.int_wsw__wachtlijstperioden"
    begin, end = "date_trunc('month', datum_op_wachtlijst)::date", "date_trunc('month', datum_af)::date"
    single = f"persoon_id in (select persoon_id from {source} group by all having count(*) = 1)"
    [(closed, b, e)] = query(
        wh,
        f"select persoon_id, {begin}, {end} from {source} where {single} and {begin} > ? "
        f"and {end} > {begin} + interval 2 month and {end} < ? order by persoon_id limit 1",
        [months[0], months[-1]],
    )
    [(waiting,)] = query(
        wh,
        f"select persoon_id from {source} where {single} and datum_af is null and {begin} < ? "
        "order by persoon_id limit 1",
        [months[-4]],
    )
    [(old,)] = query(wh, f"select min(persoon_id) from {source} where datum_af < ?", [months[0]])
    ended = months[-2]
    op_lijst = "select sum(op_lijst) from marts.mart_wsw_wachtlijst where maand = ?"
    [(op_lijst_before,)] = query(wh, op_lijst, [ended])
    _fingerprint_follows(
        wh,
        "int_wsw__wachtlijst_maand_invoer",
        [
            (f"update {source} set reden_af = 'OVERIG-TEST' where persoon_id = '{closed}'", {e}),
            (
                f"update intermediate.int_personen set geslacht = 'X-TEST' where persoon_id = '{closed}'",
                {m for m in months if b <= m <= e},
            ),
            (
                f"update {source} set datum_af = '{ended}'::date + 3 where persoon_id = '{waiting}'",
                {m for m in months if m >= ended},
            ),
            (
                f"update {source} set reden_af = 'OVERIG-TEST' where persoon_id = '{old}' and datum_af < '{months[0]}'",
                set(),
            ),
        ],
    )
    run_dbt(wh, ["run", "--select", "mart_wsw_wachtlijst"])
    assert query(wh, op_lijst, [ended]) == [(op_lijst_before - 1,)]
    _full_build_agrees(wh, "marts.mart_wsw_wachtlijst")


@pytest.mark.parametrize(
    "lost",
    [
        "drop table intermediate.int_doelgroep_maand__vorige_invoer",
        "create or replace table intermediate.int_doelgroep_maand__vorige_invoer as "
        "select soort, persoon_id, maand, invoer_hash from intermediate.int_doelgroep_maand__vorige_invoer "
        "where soort <> 'periode'",
    ],
    ids=["none", "before-spell-rows"],
)
def test_without_the_fingerprints_of_its_last_build_int_doelgroep_maand_is_computed_whole(
    incremental_and_full: tuple[Path, Path], tmp_path: Path, lost: str
) -> None:
    """A warehouse built before int_doelgroep_maand kept its last fingerprints beside it (or one where they are
    lost), or before they had a row per spell: its next refresh computes every person and month again, so even rows
    that went missing come back."""
    from warehouse.build import run_dbt

    incremental, full = incremental_and_full
    wh = tmp_path / "semon.duckdb"
    shutil.copyfile(incremental, wh)
    con = duckdb.connect(str(wh))
    con.execute(lost)
    con.execute(  # rows a refresh of the changed people and months alone would not bring back
        "delete from intermediate.int_doelgroep_maand where persoon_id = (select min(persoon_id) from "
        "intermediate.int_doelgroep_maand) or maand = (select max(maand) from intermediate.int_maanden)"
    )
    con.close()
    run_dbt(wh, ["run", "--select", "int_doelgroep_maand"])
    assert differing(wh, full, "intermediate.int_doelgroep_maand") == (0, 0)
    con = duckdb.connect(str(wh), read_only=True)
    assert _vorige_is_invoer(con, "semon") == (0, 0)  # made again whole
    con.close()


def test_a_refresh_computes_a_persons_months_again_from_the_first_one_a_changed_spell_touches(
    incremental_and_full: tuple[Path, Path], tmp_path: Path
) -> None:
    """int_doelgroep_maand computes a person's months again from the month of the earlier end date when only a spell's
    end changed, from the month of its begin date when a spell came or went, and all of them when the birth month or
    gender changed; it keeps their earlier months. Each person's rows are marked before the refresh: the marks left
    are the months kept, the rest is what a full build has. A person new to the last build gets all their months
    (from their spells' begin)."""
    from warehouse.build import run_dbt

    incremental, full = incremental_and_full
    wh = tmp_path / "semon.duckdb"
    shutil.copyfile(incremental, wh)
    months = [m for (m,) in query(wh, "select maand from intermediate.int_maanden order by 1")]
    rows = (
        "select persoon_id, maand, doelgroep, gemeentecode, leeftijdsklasse, geslacht "
        "from intermediate.int_doelgroep_maand where persoon_id = ?"
    )

    def before(person: str, bound: dt.date) -> set[tuple[str, dt.date]]:
        return {(p, m) for (p, m, *_) in query(full, rows, [person]) if m < bound}

    spells = (
        "select persoon_id, max(datum_instroom), max(datum_uitstroom) from intermediate.int_werkplein__perioden "
        "group by persoon_id having count(*) = ? order by persoon_id"
    )
    # One spell, ended in or after the fourth month: the last build saw it end two months earlier.
    ended, end = next(
        (p, e) for p, _, e in query(wh, spells, [1]) if e and e.replace(day=1) in months[3:] and before(p, months[1])
    )
    bound_ended = months[months.index(end.replace(day=1)) - 2]
    # Two spells, the later begun in or after the third month: the last build did not have it.
    came, later = next((p, b) for p, b, _ in query(wh, spells, [2]) if b >= months[2] and before(p, b.replace(day=1)))
    personal = query(
        wh, "select min(persoon_id) from intermediate.int_doelgroep_maand where persoon_id not in (?, ?)", [ended, came]
    )[0][0]
    # One spell begun before the second month, new to the last build: it had neither the person nor their rows.
    new = next(p for p, b, _ in query(wh, spells, [1]) if b < months[1] and p not in (ended, came, personal))
    con = duckdb.connect(str(wh))
    vorige = "intermediate.int_doelgroep_maand__vorige_invoer"
    con.execute(
        f"update {vorige} set datum_einde = datum_einde - interval 2 month where soort = 'periode' and persoon_id = ?",
        [ended],
    )
    con.execute(f"delete from {vorige} where soort = 'periode' and persoon_id = ? and datum_begin = ?", [came, later])
    con.execute(
        f"update {vorige} set invoer_hash = invoer_hash + 1 where soort = 'persoon' and persoon_id = ?", [personal]
    )
    con.execute(f"delete from {vorige} where persoon_id = ?", [new])
    # A person without spells (only measurements) new to the last build: their fingerprint must be kept all the same.
    con.execute(
        f"delete from {vorige} where soort = 'persoon' and persoon_id = (select min(persoon_id) from "
        f"intermediate.int_doelgroep_maand where persoon_id not in (select persoon_id from {vorige} "
        "where soort = 'periode') and persoon_id not in (?, ?, ?, ?))",
        [ended, came, personal, new],
    )
    con.execute("delete from intermediate.int_doelgroep_maand where persoon_id = ?", [new])
    people = [ended, came, personal]
    con.execute(
        "update intermediate.int_doelgroep_maand set gemeentecode = 'GM-TEST' where persoon_id in (?, ?, ?)", people
    )
    con.close()
    people.append(new)
    run_dbt(wh, ["run", "--select", "int_doelgroep_maand"])

    kept = before(ended, bound_ended) | before(came, later.replace(day=1))
    assert {(p, m) for (p, m, _, gemeente, *_) in _rows(wh, rows, people) if gemeente == "GM-TEST"} == kept
    assert sorted(r for r in _rows(wh, rows, people) if r[3] != "GM-TEST") == sorted(
        r for r in _rows(full, rows, people) if (r[0], r[1]) not in kept
    )
    con = duckdb.connect(str(wh), read_only=True)
    assert _vorige_is_invoer(con, "semon") == (0, 0)  # every fingerprint kept, the new people's too
    con.close()


def test_the_fingerprints_int_doelgroep_maand_keeps_are_written_only_where_they_differ(
    incremental_and_full: tuple[Path, Path], tmp_path: Path
) -> None:
    """int_doelgroep_maand's record of its last build's fingerprints (macros/doelgroep_maand_opnieuw.sql): a refresh
    deletes the fingerprints that are gone and appends the new ones; the rest stay where they are, in the table's
    order, the other fingerprints of a changed person too. What it holds is what the build was made with."""
    from warehouse.build import run_dbt

    incremental, _ = incremental_and_full
    wh = tmp_path / "semon.duckdb"
    shutil.copyfile(incremental, wh)
    vorige = "intermediate.int_doelgroep_maand__vorige_invoer"
    columns = "soort, persoon_id, maand, invoer_hash, datum_begin, datum_einde"
    in_order = f"select {columns} from {vorige} order by rowid"
    con = duckdb.connect(str(wh))
    # A person with an ended spell and another: the last build saw the ended one end a month earlier.
    person = con.execute(
        f"select persoon_id from {vorige} where soort = 'periode' "
        "group by persoon_id having count(datum_einde) >= 1 and count(*) >= 2 order by persoon_id limit 1"
    ).fetchone()[0]
    changed = con.execute(
        f"select {columns} from {vorige} where soort = 'periode' and persoon_id = ? and datum_einde is not null "
        "order by datum_begin limit 1",
        [person],
    ).fetchone()
    con.execute(
        f"update {vorige} set datum_einde = datum_einde - interval 1 month "
        "where soort = 'periode' and persoon_id = ? and datum_begin = ?",
        [person, changed[4]],
    )
    gone = ("maand", None, dt.date(2000, 1, 1), 1, None, None)  # a month no longer monitored
    con.execute(f"insert into {vorige} values (?, ?, ?, ?, ?, ?)", list(gone))
    before = [row for row in con.execute(in_order).fetchall() if row[1] != person or row[4] != changed[4]]
    con.close()

    run_dbt(wh, ["run", "--select", "int_doelgroep_maand"])

    after = query(wh, in_order)
    assert after == [row for row in before if row != gone] + [changed]
    assert sum(row[1] == person for row in before) >= 2  # the person's other fingerprints stayed where they were
    con = duckdb.connect(str(wh), read_only=True)
    assert _vorige_is_invoer(con, "semon") == (0, 0)
    con.close()


def _rows(wh: Path, sql: str, people: list[str]) -> list[tuple]:
    return [row for person in people for row in query(wh, sql, [person])]


def test_a_refresh_tests_what_no_build_that_passed_has_tested(
    incremental_and_full: tuple[Path, Path], tmp_path: Path
) -> None:
    """The heavy tests (the uniqueness of int_doelgroep_maand, of the scores, of the steps and of the month-grain
    models, the two reconciliations of the ladder mart) read the people and months computed again since the last build
    that passed (macros/ongetest.sql): after a passed build nothing is left to test, a fault elsewhere is not read, and
    it is caught once its person, its month or everything is recorded, as a refresh (or a failed one before it) does.
    The steps record the month of their second score (maand_tot)."""
    from warehouse.build import BuildFailed, run_dbt

    wh = tmp_path / "semon.duckdb"
    shutil.copyfile(incremental_and_full[0], wh)  # its refresh recorded people and months; its passing build forgot
    assert query(wh, "select count(*) from intermediate.ongetest") == [(0,)]
    duplicate, miscount = (
        "insert into {t} from {t} where {first}",
        "update {t} set personen = personen + 1000 where {first}",
    )
    maand, persoon = ("maand", "null, maand"), ("persoon", "persoon_id, null")
    # The duplicates can add a person to the ladder's counts in the same month as the miscount: hence 1000, not 1.
    cases = [  # model, a fault in its first row, the tests that must catch it, what to record of that row
        ("intermediate.int_werkplein__bestand", duplicate, ["unique_combination_int_werkplein__bestand_"], maand),
        ("intermediate.int_werkplein__stroom", duplicate, ["unique_combination_int_werkplein__stroom_"], maand),
        ("intermediate.int_doelgroep_maand__persoon", duplicate, ["unique_combination_int_doelgroep_maand__persoon_"],
         maand),
        ("intermediate.int_ladder__stand", duplicate, ["unique_combination_int_ladder__stand_"], maand),
        ("marts.mart_ladder_stand", miscount,
         ["assert_ladder_doelgroep_mask_matches_members", "assert_ladder_alle_counts_every_scored_person_once"],
         ("maand", "null, date_trunc('month', peildatum)::date")),
        ("intermediate.int_ladder__scores", duplicate, ["unique_combination_int_ladder__scores_"], persoon),
        ("intermediate.int_ladder__overgangen", duplicate, ["unique_combination_int_ladder__overgangen_"],
         ("maand", "null, maand_tot")),
        ("intermediate.int_doelgroep_maand", duplicate, ["unique_combination_int_doelgroep_maand_persoon_id_"], None),
    ]  # fmt: skip

    def first(table: str) -> str:
        return f"rowid = (select min(rowid) from {table} where {'doelgroepen <> 0' if 'mart' in table else 'true'})"

    def record(records: list[tuple[str, str, str]]) -> None:
        with duckdb.connect(str(wh)) as con:
            con.execute("delete from intermediate.ongetest")
            for table, soort, waarde in records:
                con.execute(f"insert into intermediate.ongetest select '{table.split('.')[1]}', '{soort}', {waarde} "
                            f"from {table} where {first(table)}")  # fmt: skip

    with duckdb.connect(str(wh)) as con:
        for table, fault, _, _ in cases:
            con.execute(fault.format(t=table, first=first(table)))
    uniqueness = [f"{table.split('.')[1]},test_name:unique_combination" for table, *_ in cases if "int_" in table]
    reconciliations = next(names for table, _, names, _ in cases if table == "marts.mart_ladder_stand")
    every = ["test", "--select", *uniqueness, *reconciliations]
    run_dbt(wh, every)  # nothing recorded: no fault read
    # The month-grain models and the scores: each fault caught once its month or person is recorded (one run).
    record([(table, *soort_waarde) for table, _, _, soort_waarde in cases if soort_waarde])
    with pytest.raises(BuildFailed) as failed:
        run_dbt(wh, every)
    for _, _, names, waarde in cases:
        assert all(name in str(failed.value) for name in names) == (waarde is not None), (names, str(failed.value))
    # int_doelgroep_maand: once its person, its month or everything is recorded; and once its person is recorded
    # from the fault's month beside a later month (the test reads from the earliest month recorded, not the latest).
    t = "intermediate.int_doelgroep_maand"
    for records in (
        [(t, *persoon)],
        [(t, *maand)],
        [(t, "alles", "null, null")],
        [(t, "persoon", "persoon_id, maand"), (t, "maand", "null, (maand + interval 1 month)::date")],
    ):
        record(records)
        with pytest.raises(BuildFailed, match="unique_combination_int_doelgroep_maand_"):
            run_dbt(wh, ["test", "--select", "int_doelgroep_maand,test_name:unique_combination"])
    record([(t, "persoon", "persoon_id, (maand + interval 1 month)::date")])  # from the month after the fault
    run_dbt(wh, ["test", "--select", "int_doelgroep_maand,test_name:unique_combination"])
    # Its months' relationship with int_maanden reads the same rows: a month outside them is caught once recorded.
    with duckdb.connect(str(wh)) as con:
        con.execute(f"update {t} set maand = date '1999-01-01' where {first(t)}")
    relationships = ["test", "--select", "int_doelgroep_maand,test_name:relationships"]
    record([])
    run_dbt(wh, relationships)
    record([(t, *persoon)])
    with pytest.raises(BuildFailed, match="relationships_int_doelgroep_maand_maand"):
        run_dbt(wh, relationships)


def test_a_refresh_records_exactly_the_people_and_months_it_computes_again(
    incremental_and_full: tuple[Path, Path], tmp_path: Path
) -> None:
    """What the pre-hooks record for the tests (macros/ongetest.sql) is what the models compute again: one person and
    one month of int_doelgroep_maand whose last fingerprints no longer match, the person of the scores with a score
    from a load no longer loaded (from that score's month), one month of each month-grain model whose fingerprint no
    longer matches; what they compute is what a full build has; and the ladder's reconciliations pass on a late month
    alone (the scores of the year before it still count)."""
    from warehouse.build import run_dbt

    incremental, full = incremental_and_full
    wh = tmp_path / "semon.duckdb"
    shutil.copyfile(incremental, wh)
    months = [m for (m,) in query(wh, "select maand from intermediate.int_maanden order by 1")]
    persoon = query(wh, "select min(persoon_id) from intermediate.int_doelgroep_maand")[0][0]
    scored = query(  # someone without a score in the newest load: only they are computed again
        wh,
        "select min(persoon_id) from intermediate.int_ladder__scores where persoon_id not in (select persoon_id from "
        "intermediate.int_ladder__scores where laad_id = (select max(laad_id) from intermediate.int_ladder__scores))",
    )[0][0]
    # Below, all their scores are marked as from a replaced load: their first score is the first changed one.
    first_score = query(wh, "select min(maand) from intermediate.int_ladder__scores where persoon_id = ?", [scored])
    first_score = first_score[0][0]
    vorige = "update intermediate.int_doelgroep_maand__vorige_invoer set invoer_hash = invoer_hash + 1 where "
    stale = "update {} set maand_invoer = maand_invoer + 1 where {} = ?"
    per_maand = {  # a month-grain model, its month column, the month whose fingerprint no longer matches
        "intermediate.int_werkplein__bestand": ("maand", months[2]),
        "intermediate.int_werkplein__stroom": ("maand", months[1]),
        "intermediate.int_doelgroep_maand__persoon": ("maand", months[4]),
        "intermediate.int_ladder__stand": ("maand", months[0]),
        "marts.mart_ladder_stand": ("date_trunc('month', peildatum)", months[3]),
    }
    con = duckdb.connect(str(wh))
    con.execute(vorige + "soort = 'persoon' and persoon_id = ?", [persoon])
    con.execute(vorige + "soort = 'maand' and maand = ?", [months[1]])
    for table, (column, month) in per_maand.items():  # the rows and the register of the fingerprints they hold
        if table.split(".")[1] not in VERSCHIL:  # their rows hold none (macros/verschil_per_maand.sql)
            con.execute(stale.format(table, column), [month])
        con.execute(stale.format(f"intermediate.{table.split('.')[1]}__maanden", "date_trunc('month', maand)"), [month])
    # A score from a load that is no longer loaded (replaced): its person's scores are computed again.
    con.execute("update intermediate.int_ladder__scores set laad_id = -1 where persoon_id = ?", [scored])
    con.close()
    tables = ["intermediate.int_doelgroep_maand", "intermediate.int_ladder__scores", *per_maand]
    run_dbt(wh, ["run", "--select", *(t.split(".")[1] for t in tables)])  # a run, not a build: nothing is forgotten
    assert sorted(query(wh, "from intermediate.ongetest"), key=str) == sorted(
        [("int_doelgroep_maand", "persoon", persoon, None), ("int_doelgroep_maand", "maand", None, months[1]),
         ("int_ladder__scores", "persoon", scored, first_score),
         *((table.split(".")[1], "maand", None, month) for table, (_, month) in per_maand.items())],
        key=str,
    )  # fmt: skip
    for table in tables:
        assert differing(wh, full, table) == (0, 0), table
    con = duckdb.connect(str(wh), read_only=True)
    assert _vorige_is_invoer(con, "semon") == (0, 0)  # the person's and the month's fingerprints written again
    con.close()
    run_dbt(wh, ["test", "--select", "assert_ladder_doelgroep_mask_matches_members",
                 "assert_ladder_alle_counts_every_scored_person_once"])  # fmt: skip


@pytest.mark.parametrize(
    ("model", "key", "wrong"),
    [
        (STAND, "persoon_id, maand", "trede = trede % 6 + 1"),
        ("int_werkplein__stroom", "persoon_id, doelgroep, gemeentecode, maand, stroom", "leeftijdsklasse = 'X'"),
    ],
)
def test_a_month_computed_again_is_written_only_where_it_differs(
    incremental_and_full: tuple[Path, Path], tmp_path: Path, model: str, key: str, wrong: str
) -> None:
    """int_ladder__stand and int_werkplein__stroom (macros/verschil_per_maand.sql): a month whose fingerprint changed
    is computed again, but of its rows only the one that differs is deleted and appended; the others stay where they
    are, in the table's order (rowids do not: DuckDB renumbers them when it compacts deleted rows). The rows of a
    month no longer monitored go, with its entry in the register. What it holds is what a full build has."""
    from warehouse.build import run_dbt

    incremental, full = incremental_and_full
    wh = tmp_path / "semon.duckdb"
    shutil.copyfile(incremental, wh)
    table, register = f"intermediate.{model}", f"intermediate.{model}__maanden"
    in_order = f"select {key} from {table} order by rowid"
    con = duckdb.connect(str(wh))
    month = con.execute(f"select min(maand) from {table}").fetchone()[0]
    first = f"rowid = (select min(rowid) from {table} where maand = ?)"
    changed = con.execute(f"select {key} from {table} where {first}", [month]).fetchone()
    con.execute(f"update {table} set {wrong} where {first}", [month])
    con.execute(f"update {register} set maand_invoer = maand_invoer + 1 where maand = ?", [month])
    before = [row for row in con.execute(in_order).fetchall() if row != changed]
    gone = dt.date(2000, 1, 1)  # as a month that left the monitored window: rows and a register entry
    con.execute(f"insert into {table} select * replace (?::date as maand) from {table} where maand = ?", [gone, month])
    con.execute(f"insert into {register} values (?, 1)", [gone])
    con.close()

    run_dbt(wh, ["run", "--select", model])

    assert differing(wh, full, table) == (0, 0)
    after = query(wh, in_order)
    assert after == [*before, changed] and sum(row[key.split(", ").index("maand")] == month for row in before) > 10
    assert query(wh, f"select count(*) from {register} where maand = ?", [gone]) == [(0,)]


def test_a_refresh_computes_a_persons_events_again_when_their_placements_instruments_or_scores_changed(
    plausible_warehouse: Path, tmp_path: Path
) -> None:
    """int_doelen__gebeurtenissen (macros/doelen_opnieuw.sql) computes again only the people whose placements or
    instruments have a new fingerprint, or whose scores int_ladder__scores recorded as computed again, and everyone
    when the seed of promising sectors changed: a wrong row of anyone else stays (nothing reads it again), a wrong row
    of one of them is made right. What the table then holds is what a full build has."""
    from warehouse.build import run_dbt

    wh = tmp_path / "semon.duckdb"
    shutil.copyfile(plausible_warehouse, wh)
    table = "intermediate.int_doelen__gebeurtenissen"
    placements = "intermediate.int_werkplein__plaatsingen_persoon"
    sector = "(select sbi_sector from ref.kansrijke_sectoren)"
    sd4 = "(select persoon_id from intermediate.int_werkplein__trajecten_persoon where strategisch_doel = 'SD4')"
    [(b,)] = query(  # a young person whose events in the promising sectors come from their one placement
        wh,
        f"select min(persoon_id) from {table} where meting = 'JONGEREN_KANSRIJKE_SECTOR' and persoon_id in (select "
        f"persoon_id from {placements} group by all having count(*) = 1 and bool_and(sbi_sector in {sector})) "
        f"and persoon_id not in {sd4}",
    )
    [(a, c)] = query(wh, f"select min(persoon_id), max(persoon_id) from {table} where persoon_id <> ?", [b])
    assert b is not None and a != c

    def wrong(person: str) -> None:  # one of the person's rows a day off
        with duckdb.connect(str(wh)) as con:
            con.execute(f"update {table} set datum = datum + 1 where rowid = (select min(rowid) from {table} "
                        f"where persoon_id = '{person}')")  # fmt: skip

    events = f"select * from {table} where persoon_id = ? order by all"
    before = {p: query(wh, events, [p]) for p in (a, b, c)}
    for p in (a, b, c):
        wrong(p)
    run_dbt(wh, ["run", "--select", "int_doelen__gebeurtenissen"])  # nothing changed: every wrong row stays
    assert all(query(wh, events, [p]) != before[p] for p in (a, b, c))
    with duckdb.connect(str(wh)) as con:  # a's scores computed again, b's placement out of the promising sectors
        con.execute(f"insert into intermediate.ongetest values ('int_ladder__scores', 'persoon', '{a}', null)")
        con.execute(f"update {placements} set sbi_sector = 'N' where persoon_id = '{b}'")
    run_dbt(wh, ["run", "--select", "int_doelen__gebeurtenissen"])
    assert query(wh, events, [a]) == before[a]
    young = ("JONGEREN_KANSRIJKE_SECTOR", "JONGEREN_KANSRIJKE_SECTOR_WERK")
    assert query(wh, events, [b]) == [row for row in before[b] if row[0] not in young]
    assert query(wh, events, [c]) != before[c]
    with duckdb.connect(str(wh)) as con:  # a sector more: everyone
        con.execute("delete from intermediate.ongetest")
        con.execute("insert into ref.kansrijke_sectoren by name select 'ZZ' as sbi_sector")
    run_dbt(wh, ["run", "--select", "int_doelen__gebeurtenissen"])
    assert query(wh, events, [c]) == before[c]
    _full_build_agrees(wh, table)


def test_a_refresh_computes_again_exactly_the_steps_whose_person_or_months_were_computed_again(
    incremental_and_full: tuple[Path, Path], tmp_path: Path
) -> None:
    """int_ladder__overgangen (macro overgangen_opnieuw) computes again the steps of a person whose scores were
    computed again, of a person whose doelgroep months were (those ending in or after the first month computed again
    when one is recorded), and the steps spanning a month whose doelgroepen or whose people's cells
    (int_doelgroep_maand__persoon) were; every step when any of them computed everything; it keeps every other step,
    and computes what a full build has. Each rule reaches steps the others do not, so leaving one out fails."""
    from warehouse.build import run_dbt

    incremental, full = incremental_and_full
    wh = tmp_path / "semon.duckdb"
    shutil.copyfile(incremental, wh)
    steps = "intermediate.int_ladder__overgangen"
    every_step = set(query(full, f"from {steps}"))
    month = query(wh, f"select max(maand_van) from {steps}")[0][0]  # spanned by some steps, not by all
    scored, member = (
        str(person)
        for (person,) in query(
            wh,
            f"select distinct persoon_id from {steps} where persoon_id not in (select persoon_id from {steps} "
            f"where maand_van <= '{month}' and maand_tot >= '{month}') order by 1 limit 2",
        )
    )

    def recompute(*recorded: tuple) -> set[tuple]:
        """The steps computed again when int_ladder__scores and int_doelgroep_maand computed `recorded` again: (model,
        soort, person or month) or (model, 'persoon', person, their first month computed again)."""
        with duckdb.connect(str(wh)) as con:
            con.execute(f"update {steps} set trede_van = 99")  # no trede: a step computed again loses it
            con.execute("delete from intermediate.ongetest")
            for model, soort, value, *vanaf in recorded:
                person, maand = (value, *vanaf, None)[:2] if soort == "persoon" else (None, value)
                con.execute("insert into intermediate.ongetest values (?, ?, ?, ?)", [model, soort, person, maand])
        run_dbt(wh, ["run", "--select", "int_ladder__overgangen"])
        computed = set(query(wh, f"from {steps} where trede_van <> 99"))
        assert computed <= every_step  # computed as a full build computes them
        assert query(wh, f"select count(*) from {steps}") == [(len(every_step),)]  # and the old ones deleted
        return computed

    computed = recompute(
        ("int_ladder__scores", "persoon", scored),
        ("int_doelgroep_maand", "persoon", member),
        ("int_doelgroep_maand", "maand", month),
    )
    expected = {step for step in every_step if str(step[0]) in (scored, member) or step[3] <= month <= step[4]}
    assert computed == expected
    assert {str(step[0]) for step in computed} > {scored, member}  # the month reached other people too
    assert 0 < len(expected) < len(every_step)
    # Two people recorded from their last step's month on: that step is computed again, those before are kept.
    last = dict(query(
        wh, f"select persoon_id::varchar, max(maand_tot) from {steps} group by 1 having count(distinct maand_tot) > 1 "
        "order by 1 limit 2",
    ))  # fmt: skip
    rescored, regrouped = last
    theirs = {step for step in every_step if str(step[0]) in last}
    bounded = recompute(
        ("int_ladder__scores", "persoon", rescored, last[rescored]),
        ("int_doelgroep_maand", "persoon", regrouped, last[regrouped]),
    )
    assert bounded == {step for step in theirs if step[4] >= last[str(step[0])]}
    assert {str(step[0]) for step in bounded} == {rescored, regrouped} and bounded < theirs
    cells_month = query(wh, f"select min(maand_tot) from {steps}")[0][0]
    spanning = {step for step in every_step if step[3] <= cells_month <= step[4]}
    assert recompute(("int_doelgroep_maand__persoon", "maand", cells_month)) == spanning
    assert 0 < len(spanning) < len(every_step)
    for model in ("int_doelgroep_maand", "int_ladder__scores", "int_doelgroep_maand__persoon"):
        assert recompute((model, "alles", None)) == every_step


def test_the_steps_mart_counts_again_exactly_the_months_whose_steps_were_deleted_or_computed_again(
    incremental_and_full: tuple[Path, Path], tmp_path: Path
) -> None:
    """int_ladder__overgangen records the months (of the second score) of the steps it deletes and of those it appends
    (macro overgangen_maanden_vastleggen); mart_ladder_overgangen counts exactly those months again and keeps the
    others as they are, and counts every month again after a full build of the steps ('alles')."""
    from warehouse.build import run_dbt

    incremental, full = incremental_and_full
    wh = tmp_path / "semon.duckdb"
    shutil.copyfile(incremental, wh)
    steps, mart = "intermediate.int_ladder__overgangen", "marts.mart_ladder_overgangen"
    every = {m for (m,) in query(full, f"select distinct maand_tot from {steps}")}
    # Its people's cells computed again: the newest month, which only the steps that end in it span.
    month = query(wh, f"select max(maand_tot) from {steps}")[0][0]
    spanning = {
        m for (m,) in query(full, f"select maand_tot from {steps} where ? between maand_van and maand_tot", [month])
    }
    # Someone whose steps end in some months, not in all, and in one that spans no `month`: each rule then records
    # months the other does not, and together they leave a month out.
    per_person = f"select persoon_id, list(distinct maand_tot) from {steps} group by 1 order by 1"
    person, theirs = next(
        (person, set(months))
        for person, months in query(full, per_person)
        if set(months) - spanning and spanning - set(months) and set(months) | spanning != every
    )
    gone = dt.date(2000, 1, 1)  # a step the person no longer has, in a month without any other: only deleted
    with duckdb.connect(str(wh)) as con:
        con.execute(f"insert into {steps} select * replace (?::date as maand_tot) from {steps} "
                    "where persoon_id = ? limit 1", [gone, person])  # fmt: skip
        con.execute(f"insert into {mart} select * replace (last_day(?::date) as peildatum_tot) from {mart} limit 1",
                    [gone])  # fmt: skip
        con.execute(f"update {mart} set personen = personen + 1000")  # a month counted again comes out right
        con.execute("delete from intermediate.ongetest")
        con.execute("insert into intermediate.ongetest values ('int_ladder__scores', 'persoon', ?, null)", [person])
        con.execute("insert into intermediate.ongetest values ('int_doelgroep_maand__persoon', 'maand', null, ?)",
                    [month])  # fmt: skip
    run_dbt(wh, ["run", "--select", "int_ladder__overgangen", "mart_ladder_overgangen"])

    records = "select maand from intermediate.ongetest where model = 'int_ladder__overgangen'"
    recorded = {m for (m,) in query(wh, records)}
    assert recorded == {gone, *theirs, *spanning} and 0 < len(recorded) - 1 < len(every)
    assert spanning - theirs and theirs - spanning  # each rule records months the other does not

    def cells(path: Path, counted: bool, added: int = 0) -> list[tuple]:
        """The mart's rows in the recorded months (counted) or in the others, without `added` on their count."""
        in_recorded = "list_contains(?::date[], date_trunc('month', peildatum_tot)::date)"
        sql = f"select * replace (personen - ? as personen) from {mart} where {in_recorded} = ?"
        return sorted(query(path, sql, [added, sorted(recorded), counted]))

    assert cells(wh, counted=True) == cells(full, counted=True) != []  # the gone month's row gone too
    assert cells(wh, counted=False, added=1000) == cells(full, counted=False) != []
    with duckdb.connect(str(wh)) as con:
        con.execute("delete from intermediate.ongetest")
        con.execute("insert into intermediate.ongetest values ('int_ladder__overgangen', 'alles', null, null)")
    run_dbt(wh, ["run", "--select", "mart_ladder_overgangen"])
    assert differing(wh, full, mart) == (0, 0)


def test_each_persons_newest_row_per_source_follows_new_files_and_is_made_again_after_a_late_one_or_a_correction(
    incremental_and_full: tuple[Path, Path], tiny_extracts: Path, tmp_path: Path
) -> None:
    """int_personen__bron (macro personen_nieuw), int_personen, the measurements' tables they read (macro
    meting_per_sleutel) and int_werkplein__perioden (macro laatste_versie_per_sleutel) give what a full build gives
    after a refresh with a client file for the month before the first, every municipality changed and a spell of its
    own (a late delivery: the rows kept are newer, so everything is computed again); one with such a file for the
    month after the newest that no longer lists one client with an open spell (it ends) and brings a new spell for
    another, a Wajong file of that month with every municipality changed that also delivers the newest month's
    measurements again, and a first ladder score of someone scored never before (the new rows win where they
    differ); and one with corrections of those files, without every line of that other client and without the
    measurements delivered again (rows taken away: the older ones count again, the new spell is gone), after that
    build failed. The loads of the other refreshes count as tested afterwards, as after a whole build that passed,
    so the next one merges only its own files."""
    from warehouse.build import run_dbt

    wh = tmp_path / "semon.duckdb"
    shutil.copyfile(incremental_and_full[0], wh)
    # with the measurements' staging tables they read, kept up to date per key as they are
    models = [
        "stg_werkplein__ladder",
        "stg_uwv__wajong",
        "stg_wsw__werknemers",
        "int_ladder__scores",
        "int_personen__bron",
        "int_personen",
        "int_werkplein__perioden",
    ]

    def refreshed_equals_full(delivery: Path, passed: bool = True) -> None:
        report = ingest_paths([delivery], warehouse=wh, key=TEST_KEY)
        assert all(o.status in ("geladen", "correctie") and o.rijen > 0 for o in report.files)
        run_dbt(wh, ["build", "--select", *models])
        if passed:  # as on-run-end of a whole build that passed (macro getest_laden_na_build)
            con = duckdb.connect(str(wh))
            con.execute("delete from intermediate.getest_laden")
            con.execute("insert into intermediate.getest_laden select max(laad_id) from raw.laadlog")
            con.close()
        full = tmp_path / "volledig.duckdb"
        shutil.copyfile(wh, full)
        run_dbt(full, ["run", "--full-refresh", "--select", *models])
        for model in models:
            schema = "staging" if model.startswith("stg_") else "intermediate"
            assert differing(wh, full, f"{schema}.{model}") == (0, 0), model

    clients = sorted(p for p in tiny_extracts.glob("werkplein_klanten_*.csv") if _date(p).isdigit())
    first, newest = clients[0], clients[-1]

    def moved(path: Path, months: int, folder: Path, without: str = "") -> dt.date:
        """`path` as the client file `months` months later (earlier when negative), every municipality changed, without
        the lines of client `without`; its date."""
        date = dt.datetime.strptime(_date(path), "%Y%m%d").date()
        month = date.year * 12 + date.month - 1 + months
        header, *lines = path.read_text(encoding="latin-1").splitlines()
        codes = sorted({line.split(";")[4] for line in lines})
        assert len(codes) > 1
        rows = [line.split(";") for line in lines if line.split(";")[0] != without]
        rows = [[*f[:4], codes[(codes.index(f[4]) + 1) % len(codes)], *f[5:]] for f in rows]
        text = "\n".join([header, *(";".join(f) for f in rows)]) + "\n"
        folder.mkdir()
        moved_to = dt.date(month // 12, month % 12 + 1, 1)
        (folder / f"werkplein_klanten_{moved_to:%Y%m%d}.csv").write_text(text, encoding="latin-1")
        return moved_to

    # The rows kept are newer: computed whole. With a spell only this file lists: it ended before the next file.
    late = moved(first, -1, tmp_path / "late")
    late_file = tmp_path / "late" / f"werkplein_klanten_{late:%Y%m%d}.csv"
    header, *lines = late_file.read_text(encoding="latin-1").splitlines()
    old_spell = [*lines[0].split(";")[:6], f"{late - dt.timedelta(days=400):%d-%m-%Y}", "", ""]
    late_file.write_text("\n".join([header, *lines, ";".join(old_spell)]) + "\n", encoding="latin-1")
    refreshed_equals_full(tmp_path / "late")

    # The new rows are newer: they replace the rows kept. One client with an open spell is no longer listed: the spell
    # ended the day before (int_werkplein__perioden reads the newest file it holds and the new one).
    ended = next(
        f[0] for f in (line.split(";") for line in newest.read_text(encoding="latin-1").splitlines()[-5:]) if f[7] == ""
    )
    later = moved(newest, 1, tmp_path / "next", without=ended)
    # and a new spell of one client, only in this file: the correction below takes it away again, every line of theirs
    klanten_later = tmp_path / "next" / f"werkplein_klanten_{later:%Y%m%d}.csv"
    header, *lines = klanten_later.read_text(encoding="latin-1").splitlines()
    gone = lines[2].split(";")[0]
    new_spell = [*lines[2].split(";")[:6], f"{later - dt.timedelta(days=5):%d-%m-%Y}", "", ""]
    klanten_later.write_text("\n".join([header, *lines, ";".join(new_spell)]) + "\n", encoding="latin-1")
    # and a first score for someone without one: a new row for a source that only shows the person exists
    ladder = [line for path in tiny_extracts.glob("werkplein_ladder_*.csv") for line in path.read_bytes().splitlines()]
    scored = {line.split(b";")[0] for line in ladder}
    clients = newest.read_bytes().splitlines()[1:]
    unscored = min(bsn for bsn in (line.split(b";")[0] for line in clients) if bsn not in scored).decode()
    (tmp_path / "next" / f"werkplein_ladder_{later:%Y%m%d}.csv").write_text(
        f"bsn;peildatum;trede;vastgesteld_door\n{unscored};{later - dt.timedelta(days=5):%d-%m-%Y};3;A. Test\n"
    )
    # and a Wajong measurement of that month, every municipality changed: a measurement's new rows are read from their
    # earliest peildatum on (a constant, so that DuckDB skips the older rows before the staging view's window)
    wajong = max(p for p in tiny_extracts.glob("uwv_wajong_*.csv") if _date(p).isdigit())
    header, *lines = wajong.read_text(encoding="latin-1").splitlines()
    rows = [line.split(",") for line in lines]
    codes = sorted({f[1] for f in rows})
    rows = [[f[0], codes[(codes.index(f[1]) + 1) % len(codes)], *f[2:]] for f in rows]
    moved_rows = [[*f[:2], f"{later:%Y-%m-%d}", *f[3:]] for f in rows]
    # and the measurements of the newest file again, with that changed municipality: a newer file's row of the same
    # key wins, until a correction of that file leaves it out (below)
    wajong_later = tmp_path / "next" / f"uwv_wajong_{later:%Y%m%d}.csv"
    wajong_later.write_text("\n".join([header, *(",".join(f) for f in moved_rows + rows)]) + "\n", encoding="latin-1")
    # As if another test of that build failed: its load stays untested, and the correction below replaces a load
    # whose rows this model merged but no build that passed has seen.
    refreshed_equals_full(tmp_path / "next", passed=False)

    # A correction of that file without that client, every line of theirs: their row of the month before counts again,
    # and their new spell is gone.
    corrected = klanten_later
    header, *lines = corrected.read_text(encoding="latin-1").splitlines()
    assert any(line.split(";")[0] == gone for line in newest.read_text(encoding="latin-1").splitlines())
    correction = tmp_path / "correction"
    correction.mkdir()
    kept = [line for line in lines if line.split(";")[0] != gone]
    (correction / corrected.name).write_text("\n".join([header, *kept]) + "\n", encoding="latin-1")
    # and of the Wajong file without the measurements it delivered again: those of the newest file count again
    wajong_header = wajong_later.read_text(encoding="latin-1").splitlines()[0]
    (correction / wajong_later.name).write_text(
        "\n".join([wajong_header, *(",".join(f) for f in moved_rows)]) + "\n", encoding="latin-1"
    )
    refreshed_equals_full(correction)


def test_a_build_of_some_nodes_counts_nothing_as_tested(
    incremental_and_full: tuple[Path, Path], tmp_path: Path
) -> None:
    """A `dbt build --select ...` that passes (as someone might run by hand) tested only what it selected: the loads
    after the last whole build stay untested for the staging tests, and what the models computed again stays recorded
    for theirs (macro build_geslaagd)."""
    from warehouse.build import run_dbt

    wh = tmp_path / "semon.duckdb"
    shutil.copyfile(incremental_and_full[0], wh)
    with duckdb.connect(str(wh)) as con:
        con.execute("update intermediate.getest_laden set laad_id = 1")
        con.execute("insert into intermediate.ongetest values ('int_ladder__stand', 'alles', null, null)")
    run_dbt(wh, ["build", "--select", "stg_uwv__wajong"])
    assert query(wh, "from intermediate.getest_laden") == [(1,)]
    assert query(wh, "select model, soort from intermediate.ongetest") == [("int_ladder__stand", "alles")]


def test_a_refresh_leaves_the_seeds_the_last_build_loaded_and_is_still_a_whole_build(
    incremental_and_full: tuple[Path, Path],
) -> None:
    """Seeds as the last build that passed loaded them: the fixture's refresh left them (and the tests on them alone)
    out, and still counted as a whole build that passed (macro build_geslaagd): every load it saw is tested, and what
    it computed again is no longer recorded as untested."""
    from warehouse.build import project_built, project_fingerprint

    wh = incremental_and_full[0]
    comment = "select comment from duckdb_tables() where schema_name = 'ref' and table_name = 'treden'"
    assert query(wh, comment) == [(FIRST_BUILD,)]  # the first build's table: not loaded again
    assert project_built(wh) == project_fingerprint()
    assert query(wh, "from intermediate.getest_laden") == query(wh, "select max(laad_id) from raw.laadlog")
    # ... the loads of the refresh's delivery among them (its corrections replaced loads the first build tested)
    assert query(wh, "select max(vervangen_door) from raw.laadlog") <= query(wh, "from intermediate.getest_laden")
    assert query(wh, "from intermediate.ongetest") == []


@pytest.mark.parametrize("built_by", ["een oudere versie", "onbekend"])
def test_a_refresh_after_an_upgrade_builds_everything_anew(
    incremental_and_full: tuple[Path, Path], tmp_path: Path, built_by: str
) -> None:
    """The last build that passed ran another version of the monitor (or one from before the version was kept, with
    its seeds' fingerprint): a refresh builds every model anew, as a full build, so no month keeps what an older rule
    computed. Here the instruments' outflows to work as an older rule might have left them (none), tables of an older
    shape (a column under a former name, one no longer kept), an emptied mart and a seed edited by hand: all come out
    as a full build gives them, and the bookkeeping of what is tested moves on (macro build_geslaagd)."""
    from warehouse.build import dbt_build, project_built, project_fingerprint

    wh = tmp_path / "semon.duckdb"
    shutil.copyfile(incremental_and_full[0], wh)
    naam = "select naam from ref.treden where trede = 1"
    (shipped,) = query(wh, naam)
    outflow = "intermediate.int_werkplein__trajecten_persoon"
    with duckdb.connect(str(wh)) as con:
        if built_by == "onbekend":
            con.execute("drop table intermediate.project_gebouwd")
            con.execute("create table intermediate.seeds_geladen as select 'de seeds van toen' as vingerafdruk")
        else:
            con.execute("update intermediate.project_gebouwd set vingerafdruk = ?", [built_by])
        con.execute("update ref.treden set naam = 'ander' where trede = 1")  # not from the seed file
        (changed,) = con.execute(
            f"update {outflow} set maand_uitstroom_werk = null where maand_uitstroom_werk is not null"
        ).fetchone()
        # Tables of the older shape: a column under its former name (before session 75), one no longer kept.
        con.execute("alter table marts.mart_instrumenten rename uitstroom_werk_12m to uitstroom_werk_12m_na_einde")
        con.execute("delete from marts.mart_instrumenten")
        con.execute("alter table intermediate.int_doelgroep_maand add column invoer_hash ubigint default 1")
        con.execute("update intermediate.getest_laden set laad_id = 1")
        con.execute("insert into intermediate.ongetest values ('int_ladder__stand', 'alles', null, null)")
    assert changed > 0  # the fixture has outflows to work to lose
    assert dbt_build(wh, full=False).whole
    columns = "select table_name, column_name, data_type from duckdb_columns() where schema_name <> 'raw' order by all"
    assert query(wh, columns) == query(incremental_and_full[1], columns)
    for table in (outflow, "marts.mart_instrumenten", "intermediate.int_doelgroep_maand"):
        assert differing(wh, incremental_and_full[1], table) == (0, 0), table
    assert query(wh, naam) == [shipped]
    assert project_built(wh) == project_fingerprint()
    assert query(wh, "select count(*) from duckdb_tables() where table_name = 'seeds_geladen'") == [(0,)]
    assert query(wh, "from intermediate.getest_laden") == query(wh, "select max(laad_id) from raw.laadlog")
    assert query(wh, "from intermediate.ongetest") == []


def test_a_refresh_tests_the_school_leavers_of_the_months_new_rmc_loads_describe(
    incremental_and_full: tuple[Path, Path], tmp_path: Path
) -> None:
    """The uniqueness test of int_rmc__vsv_maand (a month's school leavers from its snapshot) reads, after a passed
    build, the months whose snapshot can be an untested load's and the newest month (macros/nieuwe_laden.sql): a
    duplicate in the first month is read once the oldest RMC load is untested, one in the newest month always."""
    from warehouse.build import BuildFailed, run_dbt

    wh = tmp_path / "semon.duckdb"
    shutil.copyfile(incremental_and_full[0], wh)
    months = [m for (m,) in query(wh, "select maand from intermediate.int_maanden order by 1")]
    oldest = query(wh, "select min(laad_id) from raw.laadlog where bron = 'rmc'")[0][0]
    view, test = "intermediate.int_rmc__vsv_maand", ["test", "--select", "int_rmc__vsv_maand"]

    def duplicated(month: dt.date) -> None:  # the view with its rows of `month` twice
        with duckdb.connect(str(wh)) as con:
            con.execute(f"create or replace view {view} as select * from {view}_zoals_gebouwd "
                        f"union all select * from {view}_zoals_gebouwd where maand = '{month}'")  # fmt: skip

    with duckdb.connect(str(wh)) as con:
        con.execute(f"alter view {view} rename to int_rmc__vsv_maand_zoals_gebouwd")
        assert con.execute(f"select count(*) from {view}_zoals_gebouwd where maand = ?", [months[0]]).fetchone()[0]
    duplicated(months[0])
    run_dbt(wh, test)  # every load tested: the first month not read
    with duckdb.connect(str(wh)) as con:
        con.execute("update intermediate.getest_laden set laad_id = ?", [oldest - 1])
    with pytest.raises(BuildFailed, match="unique_combination_int_rmc__vsv_maand_"):
        run_dbt(wh, test)
    with duckdb.connect(str(wh)) as con:
        con.execute("update intermediate.getest_laden set laad_id = (select max(laad_id) from raw.laadlog)")
    duplicated(months[-1])
    with pytest.raises(BuildFailed, match="unique_combination_int_rmc__vsv_maand_"):
        run_dbt(wh, test)


def test_a_refresh_tests_the_staging_rows_of_the_loads_no_passed_build_has_tested(
    incremental_and_full: tuple[Path, Path], tmp_path: Path
) -> None:
    """The staging tests read the loads after the highest one a passed build saw (macros/nieuwe_laden.sql): a fault in
    a tested load is not read; it is caught once its load is untested (a snapshot by its date, a measurement from its
    load's earliest peildatum on), once any untested load corrected another (a measurement, every row), and by a full
    build, which a failure leaves forgotten so the next build tests every load again."""
    from warehouse.build import BuildFailed, run_dbt

    wh = tmp_path / "semon.duckdb"
    shutil.copyfile(incremental_and_full[0], wh)
    newest = query(wh, "select max(laad_id) from raw.laadlog")[0][0]
    assert query(wh, "from intermediate.getest_laden") == [(newest,)]  # its last build passed
    # A fault in the first row still shown by its staging model: of the oldest klanten load (a snapshot), and of the
    # newest Wajong load (a measurement: an older one is read anyway, as the fixture's refresh corrected the oldest
    # Wajong month after it, delivering that month's peildatum again).
    faults = {}
    with duckdb.connect(str(wh)) as con:
        for table, model, which in [("werkplein_klanten", "stg_werkplein__klanten", "min"),
                                    ("uwv_wajong", "stg_uwv__wajong", "max")]:  # fmt: skip
            laad_id, regel = con.execute(
                f"select laad_id, min(regelnummer) from raw.{table} where laad_id = (select {which}(laad_id) from "
                f"raw.{table}) and (persoon_id, regelnummer) in (select persoon_id, regelnummer from staging.{model}) "
                "group by 1"
            ).fetchone()
            for where in [f"raw.{table}"] + ([f"staging.{model}"] if model == "stg_uwv__wajong" else []):
                # and in a measurement's table, as the refresh of its load made it (macro meting_per_sleutel)
                con.execute(f"update {where} set regeling = 'ONBEKEND' where laad_id = ? and regelnummer = ?",
                            [laad_id, regel])  # fmt: skip
            faults[model] = laad_id
        # A run loads kind by kind (uwv before werkplein), so the refresh corrected its klanten and ladder months
        # after its Wajong loads: any untested correction makes every measurement row read (the rule tested last).
        # For the rules before it, those two are forgotten; the refresh's correction of a Wajong month stays.
        con.execute(
            "update raw.laadlog set vervangen_door = null where vervangen_door > ?", [faults["stg_uwv__wajong"]]
        )

    def untested_after(laad_id: int) -> None:
        with duckdb.connect(str(wh)) as con:
            con.execute("update intermediate.getest_laden set laad_id = ?", [laad_id])

    both = ["test", "--select", *faults]
    run_dbt(wh, both)  # in tested loads: not read
    for model, laad_id in faults.items():
        untested_after(laad_id - 1)  # that load and the later ones untested (for Wajong: no correction among them)
        with pytest.raises(BuildFailed, match=f"in_codelijst_{model}_regeling"):
            run_dbt(wh, ["test", "--select", model])
    untested_after(max(faults.values()))  # only the loads after both: neither read
    run_dbt(wh, both)
    # From the newest klanten load on untested (no Wajong load among them): no Wajong row read, until one of those
    # loads corrected an earlier one.
    newest_klanten = query(wh, "select max(laad_id) from raw.laadlog where entiteit = 'klanten'")[0][0]
    assert newest_klanten > faults["stg_uwv__wajong"]
    untested_after(newest_klanten - 1)
    run_dbt(wh, ["test", "--select", "stg_uwv__wajong"])
    with duckdb.connect(str(wh)) as con:
        con.execute("update raw.laadlog set vervangen_door = ? where laad_id = 1", [newest_klanten])
    with pytest.raises(BuildFailed, match="in_codelijst_stg_uwv__wajong_regeling"):
        run_dbt(wh, ["test", "--select", "stg_uwv__wajong"])
    # A full build tests every load; failing, it leaves no load counted as tested.
    untested_after(newest)
    with pytest.raises(BuildFailed, match="in_codelijst_stg_werkplein__klanten_regeling"):
        run_dbt(wh, ["build", "--full-refresh", "--select", "stg_werkplein__klanten"])
    assert query(wh, "from intermediate.getest_laden") == []
