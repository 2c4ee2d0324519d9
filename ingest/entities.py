"""The extract contract of shared/extracts.md, declared once per entity: columns, code lists, row rules.

Code lists are not written here: `codelijst("regeling")` reads them from the dbt seed (semon/codelists.py).

Validation SQL is generated from these declarations (ingest/validate.py); nothing is checked per column
by hand elsewhere. Raw table layouts follow docs/raw-layer.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from semon.codelists import codelijst, treden

Kind = Literal["bsn", "date", "code", "gemeentecode", "postcode", "kvk", "decimal", "integer", "jn", "text", "brin"]


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind
    required: bool = True
    codes: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    minimum_exclusive: bool = False
    sql_type: str = ""  # for decimals: DECIMAL(p,s); other kinds derive theirs
    month_only: bool = False  # data minimisation: a date checked whole, stored as the 1st of its month

    @property
    def raw_type(self) -> str:
        """The column's type in the raw table (docs/raw-layer.md)."""
        if self.sql_type:
            return self.sql_type
        # A BSN is stored as its pseudonym: 128 bits of the HMAC in DuckDB's fixed-width UUID type (issue 15),
        # half the width of the 64 hex characters it was, so every join and grouping on persoon_id is cheaper.
        return {"date": "DATE", "integer": "INTEGER", "jn": "BOOLEAN", "bsn": "UUID"}.get(self.kind, "VARCHAR")

    @property
    def checked_name(self) -> str:
        """The column in the checked rows: a valid BSN as its number (`bsn_nummer`; its pseudonym is looked up only
        for the rows stored), every other column under its own name."""
        return "bsn_nummer" if self.kind == "bsn" else self.name

    @property
    def stored_name(self) -> str:
        """The column in the raw table: a BSN is stored as `persoon_id`, a month-only date `geboortedatum` as
        `geboortemaand`."""
        if self.kind == "bsn":
            return "persoon_id"
        return self.name.replace("datum", "maand") if self.month_only else self.name

    @property
    def stored_sql(self) -> str:
        """SQL over the checked rows for the value stored in the raw table (a BSN: its pseudonym, from the run's
        map `pseudoniemen` joined as `p`; ingest/load.py)."""
        if self.kind == "bsn":
            return "p.persoon_id"
        if self.month_only:
            return f"cast(date_trunc('month', \"{self.checked_name}\") as date)"
        return f'"{self.checked_name}"'


# In a rule's SQL: the date in the name of the row's file (the extract's peildatum).
BESTANDSDATUM = "_bestandsdatum"


@dataclass(frozen=True)
class RowRule:
    """A check across columns. `bad_when` is SQL over the parsed columns and BESTANDSDATUM; the blame goes to
    `column`."""

    column: str
    bad_when: str
    reason: str


@dataclass(frozen=True)
class Table:
    name: str  # raw table name
    columns: tuple[Column, ...]
    unique_key: tuple[str, ...] = ()  # unique within one file; later duplicates are quarantined
    rules: tuple[RowRule, ...] = ()
    sheet: str | None = None  # the Excel sheet, for xlsx entities
    dropped: tuple[str, ...] = ()  # contract columns we deliberately do not keep (data minimisation)


@dataclass(frozen=True)
class Entity:
    bron: str
    entiteit: str
    extension: Literal["csv", "xlsx"]
    measurement: bool  # rows carry their own peildatum and accumulate over files
    tables: tuple[Table, ...] = field(default_factory=tuple)

    @property
    def key(self) -> str:
        return f"{self.bron}_{self.entiteit}"


def _bsn() -> Column:
    return Column("bsn", "bsn")


def _geboortedatum() -> Column:
    """Checked as a whole date (the RMC's age rule reads it), stored as `geboortemaand`: the 1st of the month."""
    return Column("geboortedatum", "date", month_only=True)


def _gemeente(name: str = "gemeentecode") -> Column:
    return Column(name, "gemeentecode")


def _not_after_the_file(column: str, what: str) -> RowRule:
    """A date of something that has happened by the extract's date (a measurement, a birth): a later one is a typo
    (a year off, day and month swapped). Kept, it would stay: a measurement is never deleted by a later file, and a
    score dated a year ahead would be the person's score once that month is counted. Planned dates (an einddatum, a
    begindatum ahead) are not checked: a snapshot's next file replaces them."""
    return RowRule(column, f"{column} > {BESTANDSDATUM}", f"ligt na de datum in de bestandsnaam: {what}")


def _geboortedatum_rule() -> RowRule:
    return _not_after_the_file("geboortedatum", "geboren na de levering")


def _peildatum_rule() -> RowRule:
    return _not_after_the_file("peildatum", "een meting na de levering")


def _end_not_before_start(start: str, end: str) -> RowRule:
    return RowRule(end, f"{end} < {start}", f"{end} ligt vóór {start}")


def _filled_iff(column: str, trigger: str, trigger_words: str) -> tuple[RowRule, RowRule]:
    """`column` must be filled exactly when `trigger` is: e.g. a reason for leaving only once someone left."""
    return (
        RowRule(column, f"{trigger} is null and {column} is not null", f"moet leeg zijn zolang {trigger_words}"),
        RowRule(column, f"{trigger} is not null and {column} is null", f"verplicht zodra {trigger} gevuld is"),
    )


ENTITIES: tuple[Entity, ...] = (
    Entity(
        "werkplein",
        "klanten",
        "csv",
        measurement=False,
        tables=(
            Table(
                "werkplein_klanten",
                (
                    _bsn(),
                    _geboortedatum(),
                    Column("geslacht", "code", codes=codelijst("geslacht")),
                    _gemeente(),
                    Column("regeling", "code", codes=codelijst("regeling")),
                    Column("datum_instroom", "date"),
                    Column("datum_uitstroom", "date", required=False),
                    Column("reden_uitstroom", "code", required=False, codes=codelijst("reden_uitstroom")),
                ),
                unique_key=("bsn", "datum_instroom"),
                dropped=("postcode",),  # no mart uses it (docs/privacy.md)
                rules=(
                    _geboortedatum_rule(),
                    _end_not_before_start("datum_instroom", "datum_uitstroom"),
                    *_filled_iff("reden_uitstroom", "datum_uitstroom", "de uitkering loopt (datum_uitstroom leeg)"),
                ),
            ),
        ),
    ),
    Entity(
        "werkplein",
        "ladder",
        "csv",
        measurement=True,
        tables=(
            Table(
                "werkplein_ladder",
                (
                    _bsn(),
                    Column("peildatum", "date"),
                    Column("trede", "integer", minimum=min(treden()), maximum=max(treden())),
                ),
                unique_key=("bsn", "peildatum"),
                rules=(_peildatum_rule(),),
                dropped=("vastgesteld_door",),
            ),
        ),
    ),
    Entity(
        "werkplein",
        "trajecten",
        "csv",
        measurement=False,
        tables=(
            Table(
                "werkplein_trajecten",
                (
                    Column("traject_id", "text"),
                    _bsn(),
                    Column("instrument", "code", codes=codelijst("instrument")),
                    Column("begindatum", "date"),
                    Column("einddatum", "date", required=False),
                    Column("kosten_eur", "decimal", required=False, minimum=0, sql_type="DECIMAL(12,2)"),
                    Column("strategisch_doel", "code", required=False, codes=codelijst("strategisch_doel")),
                ),
                unique_key=("traject_id",),
                rules=(_end_not_before_start("begindatum", "einddatum"),),
            ),
        ),
    ),
    Entity(
        "werkplein",
        "plaatsingen",
        "csv",
        measurement=False,
        tables=(
            Table(
                "werkplein_plaatsingen",
                (
                    Column("plaatsing_id", "text"),
                    _bsn(),
                    Column("kvk", "kvk"),
                    Column("soort", "code", codes=codelijst("soort_plaatsing")),
                    Column("begindatum", "date"),
                    Column("einddatum", "date", required=False),
                    Column(
                        "uren_per_week",
                        "decimal",
                        minimum=0,
                        minimum_exclusive=True,
                        maximum=40,
                        sql_type="DECIMAL(5,2)",
                    ),
                    Column("loonwaarde_pct", "integer", required=False, minimum=0, maximum=100, sql_type="SMALLINT"),
                    Column("sroi_contract_id", "text", required=False),
                ),
                unique_key=("plaatsing_id",),
                rules=(
                    _end_not_before_start("begindatum", "einddatum"),
                    RowRule(
                        "loonwaarde_pct",
                        "soort = 'LOONKOSTENSUBSIDIE' and loonwaarde_pct is null",
                        "verplicht bij soort LOONKOSTENSUBSIDIE",
                    ),
                ),
            ),
        ),
    ),
    Entity(
        "uwv",
        "doelgroepregister",
        "csv",
        measurement=False,
        tables=(
            Table(
                "uwv_doelgroepregister",
                (
                    _bsn(),
                    _gemeente(),
                    Column("datum_opname", "date"),
                    Column("datum_afvoer", "date", required=False),
                    Column("grondslag", "code", codes=codelijst("grondslag")),
                ),
                unique_key=("bsn", "datum_opname"),
                rules=(_end_not_before_start("datum_opname", "datum_afvoer"),),
            ),
        ),
    ),
    Entity(
        "uwv",
        "wajong",
        "csv",
        measurement=True,
        tables=(
            Table(
                "uwv_wajong",
                (
                    _bsn(),
                    _gemeente(),
                    Column("peildatum", "date"),
                    Column("regeling", "code", codes=codelijst("wajong_regeling")),
                    Column("arbeidsvermogen", "jn"),
                    Column("werkend", "jn"),
                ),
                unique_key=("bsn", "peildatum"),
                rules=(_peildatum_rule(),),
            ),
        ),
    ),
    Entity(
        "wsw",
        "werknemers",
        "csv",
        measurement=True,
        tables=(
            Table(
                "wsw_werknemers",
                (
                    _bsn(),
                    _gemeente(),
                    Column("sw_bedrijf", "code", codes=codelijst("sw_bedrijf")),
                    Column("peildatum", "date"),
                    Column("indicatie", "code", codes=codelijst("indicatie")),
                    Column("arbeidsvorm", "code", codes=codelijst("arbeidsvorm")),
                    Column("kvk", "kvk", required=False),
                    Column("uren_per_week", "decimal", minimum=0, maximum=40, sql_type="DECIMAL(5,2)"),
                    Column("se", "decimal", minimum=0, minimum_exclusive=True, maximum=1.5, sql_type="DECIMAL(4,2)"),
                ),
                unique_key=("bsn", "peildatum", "sw_bedrijf"),
                rules=(
                    _peildatum_rule(),
                    RowRule(
                        "kvk",
                        "arbeidsvorm <> 'BESCHUT_BINNEN' and kvk is null",
                        "verplicht bij detachering en begeleid werken (de werkgever)",
                    ),
                ),
            ),
        ),
    ),
    Entity(
        "wsw",
        "wachtlijst",
        "csv",
        measurement=False,
        tables=(
            Table(
                "wsw_wachtlijst",
                (
                    _bsn(),
                    _gemeente(),
                    Column("datum_indicatie", "date"),
                    Column("datum_op_wachtlijst", "date"),
                    Column("datum_af", "date", required=False),
                    Column("reden_af", "code", required=False, codes=codelijst("reden_af")),
                ),
                unique_key=("bsn", "datum_op_wachtlijst"),
                rules=(
                    _end_not_before_start("datum_op_wachtlijst", "datum_af"),
                    *_filled_iff("reden_af", "datum_af", "iemand op de wachtlijst staat (datum_af leeg)"),
                ),
            ),
        ),
    ),
    Entity(
        "rmc",
        "vsv",
        "csv",
        measurement=False,
        tables=(
            Table(
                "rmc_vsv",
                (
                    _bsn(),
                    _geboortedatum(),
                    _gemeente(),
                    Column("brin", "brin"),
                    Column("onderwijssoort", "code", codes=codelijst("onderwijssoort")),
                    Column("datum_uitval", "date"),
                    Column("status", "code", codes=codelijst("vsv_status")),
                    Column("datum_status", "date"),
                    Column("startkwalificatie", "jn"),
                ),
                unique_key=("bsn", "datum_uitval"),
                rules=(
                    _geboortedatum_rule(),
                    _not_after_the_file("datum_uitval", "uitval na de levering"),
                    RowRule(
                        "geboortedatum",
                        "date_sub('year', geboortedatum, datum_uitval) not between 16 and 23",
                        "leeftijd bij datum_uitval moet 16 tot en met 23 jaar zijn",
                    ),
                ),
            ),
        ),
    ),
    Entity(
        "werkgevers",
        "register",
        "xlsx",
        measurement=False,
        tables=(
            Table(
                "werkgevers_register",
                (
                    Column("kvk", "kvk"),
                    Column("naam", "text"),
                    Column("sbi_sector", "code", codes=codelijst("sbi_sector")),
                    _gemeente("vestigingsgemeente"),
                    Column("grootteklasse", "code", codes=codelijst("grootteklasse")),
                    Column("pact", "code", required=False, codes=codelijst("pact")),
                    Column("datum_toetreding", "date", required=False),
                    Column("toezegging_plekken", "integer", required=False, minimum=0),
                    Column("sociale_onderneming", "jn"),
                ),
                unique_key=("kvk",),
                rules=_filled_iff("datum_toetreding", "pact", "de werkgever in geen pact zit (pact leeg)"),
                sheet="werkgevers",
            ),
            Table(
                "werkgevers_sroi",
                (
                    Column("contract_id", "text"),
                    Column("kvk", "kvk"),
                    Column("omschrijving", "text"),
                    Column("contractwaarde_eur", "decimal", minimum=0, sql_type="DECIMAL(14,2)"),
                    Column("sroi_pct", "decimal", minimum=0, maximum=100, sql_type="DECIMAL(5,2)"),
                    Column("begindatum", "date"),
                    Column("einddatum", "date"),
                ),
                unique_key=("contract_id",),
                rules=(_end_not_before_start("begindatum", "einddatum"),),
                sheet="sroi",
            ),
        ),
    ),
)

BY_KEY: dict[str, Entity] = {entity.key: entity for entity in ENTITIES}
