"""The files of shared/extracts.md: name, header, dialect, and the rules their bad rows break."""

from __future__ import annotations

from dataclasses import dataclass

from tools.synth import bad as b
from tools.synth import fmt


@dataclass(frozen=True)
class Spec:
    key: str  # <bron>_<entiteit>
    extension: str
    columns: tuple[str, ...]
    dialect: fmt.Dialect | None  # None: the Excel workbook
    rules: tuple[b.Rule, ...]
    measurement: bool = False


def _bsn() -> tuple[b.Rule, ...]:
    return b.bsn_elfproef(), b.bsn_length(), b.bsn_letters()


KLANTEN = Spec(
    "werkplein_klanten",
    "csv",
    (
        "bsn",
        "geboortedatum",
        "geslacht",
        "postcode",
        "gemeentecode",
        "regeling",
        "datum_instroom",
        "datum_uitstroom",
        "reden_uitstroom",
    ),
    fmt.WINDOWS,
    (
        *_bsn(),
        b.unknown_code("geslacht"),
        b.bad_date("geboortedatum"),
        b.bad_postcode(),
        b.bad_gemeentecode(),
        b.unknown_code("regeling"),
        b.bad_date("datum_instroom"),
        b.unknown_code("reden_uitstroom", also=b.closed_on_eve("datum_uitstroom")),
        b.reden_without_datum("datum_uitstroom", "reden_uitstroom", "WERK"),
        b.datum_without_reden("datum_uitstroom", "reden_uitstroom"),
        b.end_before_start("datum_instroom", "datum_uitstroom", reden_uitstroom="OVERIG"),
        b.missing_required("geslacht"),
        b.duplicate_key("bsn"),
        b.wrong_field_count("reden_uitstroom"),
    ),
)
LADDER = Spec(
    "werkplein_ladder",
    "csv",
    ("bsn", "peildatum", "trede", "vastgesteld_door"),
    fmt.WINDOWS,
    (
        *_bsn(),
        b.out_of_range("trede", "7", "0"),
        b.bad_date("peildatum"),
        b.missing_required("trede"),
        b.bad_number("trede", "3,5", "drie"),
        b.duplicate_key("bsn"),
        b.wrong_field_count("vastgesteld_door"),
    ),
    measurement=True,
)
TRAJECTEN = Spec(
    "werkplein_trajecten",
    "csv",
    ("traject_id", "bsn", "instrument", "begindatum", "einddatum", "kosten_eur", "strategisch_doel"),
    fmt.WINDOWS_BOM,
    (
        b.duplicate_key("traject_id"),
        *_bsn(),
        b.unknown_code("instrument"),
        b.unknown_code("strategisch_doel"),
        b.bad_date("begindatum"),
        b.end_before_start("begindatum", "einddatum"),
        b.bad_number("kosten_eur", "1250.50", "€ 800", "n.v.t."),
        b.out_of_range("kosten_eur", "-250,00"),
        b.missing_required("instrument"),
        b.wrong_field_count("strategisch_doel"),
    ),
)
PLAATSINGEN = Spec(
    "werkplein_plaatsingen",
    "csv",
    (
        "plaatsing_id",
        "bsn",
        "kvk",
        "soort",
        "begindatum",
        "einddatum",
        "uren_per_week",
        "loonwaarde_pct",
        "sroi_contract_id",
    ),
    fmt.WINDOWS_BOM,
    (
        b.duplicate_key("plaatsing_id"),
        *_bsn(),
        b.bad_kvk(),
        b.unknown_code("soort"),
        b.bad_date("begindatum"),
        b.end_before_start("begindatum", "einddatum"),
        b.out_of_range("uren_per_week", "0", "45", "41,5"),
        b.set_values("loonwaarde_missing", "loonwaarde_pct", soort="LOONKOSTENSUBSIDIE", loonwaarde_pct=None),
        b.out_of_range("loonwaarde_pct", "120", "-10"),
        b.missing_required("kvk"),
        b.wrong_field_count("sroi_contract_id"),
    ),
)
DOELGROEPREGISTER = Spec(
    "uwv_doelgroepregister",
    "csv",
    ("bsn", "gemeentecode", "datum_opname", "datum_afvoer", "grondslag"),
    fmt.UWV,
    (
        *_bsn(),
        b.bad_gemeentecode(),
        b.bad_date("datum_opname"),
        b.end_before_start("datum_opname", "datum_afvoer"),
        b.unknown_code("grondslag"),
        b.duplicate_key("bsn"),
        b.wrong_field_count("grondslag"),
    ),
)
WAJONG = Spec(
    "uwv_wajong",
    "csv",
    ("bsn", "gemeentecode", "peildatum", "regeling", "arbeidsvermogen", "werkend"),
    fmt.UWV,
    (
        *_bsn(),
        b.bad_gemeentecode(),
        b.bad_date("peildatum"),
        b.unknown_code("regeling", "regeling_wajong"),
        b.bad_jn("arbeidsvermogen"),
        b.bad_jn("werkend"),
        b.duplicate_key("bsn"),
        b.wrong_field_count("werkend"),
    ),
    measurement=True,
)
WERKNEMERS = Spec(
    "wsw_werknemers",
    "csv",
    (
        "bsn",
        "gemeentecode",
        "sw_bedrijf",
        "peildatum",
        "indicatie",
        "arbeidsvorm",
        "kvk",
        "uren_per_week",
        "se",
    ),
    fmt.WINDOWS,
    (
        *_bsn(),
        b.bad_gemeentecode(),
        b.unknown_code("sw_bedrijf"),
        b.bad_date("peildatum"),
        b.unknown_code("indicatie"),
        b.unknown_code("arbeidsvorm"),
        b.bad_kvk(),
        b.set_values("kvk_missing_detachering", "kvk", arbeidsvorm="INDIVIDUELE_DETACHERING", kvk=None),
        b.out_of_range("uren_per_week", "45", "60"),
        b.out_of_range("se", "2,0", "0", "1,75"),
        b.duplicate_key("bsn"),
        b.wrong_field_count("se"),
    ),
    measurement=True,
)
WACHTLIJST = Spec(
    "wsw_wachtlijst",
    "csv",
    ("bsn", "gemeentecode", "datum_indicatie", "datum_op_wachtlijst", "datum_af", "reden_af"),
    fmt.WINDOWS,
    (
        *_bsn(),
        b.bad_gemeentecode(),
        b.bad_date("datum_indicatie"),
        b.bad_date("datum_op_wachtlijst"),
        b.unknown_code("reden_af", also=b.closed_on_eve("datum_af")),
        b.reden_without_datum("datum_af", "reden_af", "REGULIER_WERK"),
        b.datum_without_reden("datum_af", "reden_af"),
        b.end_before_start("datum_op_wachtlijst", "datum_af", reden_af="OVERIG"),
        b.duplicate_key("bsn"),
        b.wrong_field_count("reden_af"),
    ),
)
VSV = Spec(
    "rmc_vsv",
    "csv",
    (
        "bsn",
        "geboortedatum",
        "gemeentecode",
        "brin",
        "onderwijssoort",
        "datum_uitval",
        "status",
        "datum_status",
        "startkwalificatie",
    ),
    fmt.WINDOWS,
    (
        *_bsn(),
        b.bad_date("geboortedatum"),
        b.bad_gemeentecode(),
        b.bad_brin(),
        b.unknown_code("onderwijssoort"),
        b.bad_date("datum_uitval"),
        b.unknown_code("status"),
        b.bad_jn("startkwalificatie"),
        b.age_out_of_range("geboortedatum", "datum_uitval"),
        b.duplicate_key("bsn"),
        b.wrong_field_count("startkwalificatie"),
    ),
)
REGISTER = Spec(
    "werkgevers_register",
    "xlsx",
    (
        "kvk",
        "naam",
        "sbi_sector",
        "vestigingsgemeente",
        "grootteklasse",
        "pact",
        "datum_toetreding",
        "toezegging_plekken",
        "sociale_onderneming",
    ),
    None,
    (
        b.bad_kvk(),
        b.duplicate_key("kvk"),
        b.missing_required("naam"),
        b.unknown_code("sbi_sector"),
        b.bad_gemeentecode("vestigingsgemeente"),
        b.unknown_code("grootteklasse"),
        b.unknown_code("pact", also=lambda row, ctx: {"datum_toetreding": ctx.fmt(ctx.peil.replace(day=1))}),
        b.bad_date("datum_toetreding", also=lambda row, ctx: {"pact": "PACT_MVO_HENGELO"}),
        b.set_values("toetreding_without_pact", "datum_toetreding", pact=None, datum_toetreding="01-03-2022"),
        b.out_of_range("toezegging_plekken", "-5", "-1"),
        b.bad_jn("sociale_onderneming"),
    ),
)
SROI_COLUMNS = (
    "contract_id",
    "kvk",
    "omschrijving",
    "contractwaarde_eur",
    "sroi_pct",
    "begindatum",
    "einddatum",
)
SROI_RULES = (
    b.duplicate_key("contract_id"),
    b.bad_kvk(),
    b.missing_required("omschrijving"),
    b.bad_number("contractwaarde_eur", "veel", "1.2 mln"),
    b.out_of_range("sroi_pct", "150", "-5"),
    b.bad_date("begindatum"),
    b.end_before_start("begindatum", "einddatum"),
)

CSV_SPECS = (KLANTEN, LADDER, TRAJECTEN, PLAATSINGEN, DOELGROEPREGISTER, WAJONG, WERKNEMERS, WACHTLIJST, VSV)
ALL_SPECS = (REGISTER, *CSV_SPECS)
