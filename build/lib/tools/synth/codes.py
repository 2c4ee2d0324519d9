"""The closed code lists of shared/extracts.md, as the generator writes them (index = stored int8 code).

Read from the dbt seed `codelijsten` (the one place the lists are kept, docs/decisions.md "Issue 10: code lists
in one place"); the index order is the seed's `volgorde`. The calibration arrays elsewhere in the generator are
in this order: adding a code to a list makes their lengths disagree, and the generator fails loudly.
Independence from ingest is kept for everything else the generator writes: layouts, dialects, dates.
"""

from __future__ import annotations

from semon.codelists import codelijst

GESLACHT = codelijst("geslacht")
REGELING = codelijst("regeling")
REDEN_UITSTROOM = codelijst("reden_uitstroom")
INSTRUMENT = codelijst("instrument")
STRATEGISCH_DOEL = codelijst("strategisch_doel")
SOORT = codelijst("soort_plaatsing")
GRONDSLAG = codelijst("grondslag")
WAJONG_REGELING = codelijst("wajong_regeling")
SW_BEDRIJF = codelijst("sw_bedrijf")
INDICATIE = codelijst("indicatie")
ARBEIDSVORM = codelijst("arbeidsvorm")
REDEN_AF = codelijst("reden_af")
ONDERWIJSSOORT = codelijst("onderwijssoort")
VSV_STATUS = codelijst("vsv_status")
SBI_SECTIE = codelijst("sbi_sector")
GROOTTEKLASSE = codelijst("grootteklasse")
PACT = codelijst("pact")
JN = codelijst("jn")

# Plausible wrong values a sender really produces (typos, retired codes, another system's labels).
UNKNOWN: dict[str, tuple[str, ...]] = {
    "geslacht": ("O", "Q", "MAN"),
    "regeling": ("WWB", "IOW", "TOZO"),
    "reden_uitstroom": ("PENSIOEN", "WERK_ELDERS", "ONBEKEND"),
    "instrument": ("TAALCURSUS", "BEGELEIDING", "WSP"),
    "strategisch_doel": ("SD5", "SD0", "D1"),
    "soort": ("STAGE", "UITZEND", "VRIJWILLIGER"),
    "grondslag": ("WIA", "INDICATIE", "WAJONG"),
    "regeling_wajong": ("WAJONG", "WAO", "WAJONG2021"),
    "sw_bedrijf": ("SOWECO_ALMELO", "TWENTEWERKT", "DCW_ENSCHEDE"),
    "indicatie": ("LICHT", "ZWAAR", "MATIG/ERNSTIG"),
    "arbeidsvorm": ("DETACHERING", "BESCHUT_BUITEN", "BW"),
    "reden_af": ("OVERLEDEN", "PENSIOEN", "AFGEWEZEN"),
    "onderwijssoort": ("MBO4", "VO", "HBO"),
    "status": ("ACTIEF", "GEPLAATST", "SCHOOL"),
    "sbi_sector": ("V", "Z", "X"),
    "grootteklasse": ("0", "500+", "10-50"),
    "pact": ("PACT_HENGELO", "MVO", "ARBEIDSMARKTPACT"),
    "jn": ("JA", "NEE", "1"),
}
