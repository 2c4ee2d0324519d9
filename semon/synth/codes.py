"""The closed code lists of shared/extracts.md, as the generator writes them (index = stored int8 code).

Kept apart from ingest/entities.py on purpose: the generator is an independent writer of the contract,
so a test of the ingest against generated files checks two readings of extracts.md against each other.
"""

from __future__ import annotations

GESLACHT = ("M", "V", "X")
REGELING = ("PW", "IOAW", "IOAZ", "BBZ", "NUG")
REDEN_UITSTROOM = ("WERK", "OPLEIDING", "VERHUIZING", "OVERLIJDEN", "DETENTIE", "PARTNER_INKOMEN", "OVERIG")
INSTRUMENT = (
    "KLIMOPBAAN",
    "LEERWERKPLEK",
    "WERKERVARINGSPLAATS",
    "PROEFPLAATSING",
    "LOONKOSTENSUBSIDIE",
    "LOONDISPENSATIE",
    "JOBCOACH",
    "SCHOLING",
    "DAGBESTEDING",
    "SOCIALE_ACTIVERING",
)
STRATEGISCH_DOEL = ("SD1", "SD2", "SD3", "SD4")
SOORT = ("REGULIER", "LOONKOSTENSUBSIDIE", "PROEFPLAATSING", "LEERWERKPLEK", "KLIMOPBAAN", "DETACHERING")
GRONDSLAG = ("WAJONG_AV", "PRO", "VSO", "WSW_INDICATIE", "INDICATIE_BANENAFSPRAAK", "ENTREE")
WAJONG_REGELING = ("OWAJONG", "WAJONG2010", "WAJONG2015")
SW_BEDRIJF = ("DCW", "SOWECO", "SWB", "HAAKSBERGEN", "DINKELLAND", "LOSSER", "OLDENZAAL")
INDICATIE = ("MATIG", "ERNSTIG")
ARBEIDSVORM = ("BESCHUT_BINNEN", "GROEPSDETACHERING", "INDIVIDUELE_DETACHERING", "BEGELEID_WERKEN")
REDEN_AF = ("GEPLAATST_WSW", "REGULIER_WERK", "BESCHUT_WERK", "DAGBESTEDING", "VERHUISD", "OVERIG")
ONDERWIJSSOORT = ("PRO", "VSO", "VMBO", "MBO1", "MBO2", "MBO3_4", "HAVO_VWO")
VSV_STATUS = ("VSV_ACTIEF", "TERUG_NAAR_SCHOOL", "WERK", "WERK_EN_SCHOOL", "ZORG", "DAGBESTEDING", "ONBEKEND")
SBI_SECTIE = tuple(chr(c) for c in range(ord("A"), ord("U") + 1))
GROOTTEKLASSE = ("1-9", "10-49", "50-99", "100-249", "250+")
PACT = ("PACT_MVO_HENGELO", "ARBEIDSMARKTPACT_ENSCHEDE")
JN = ("J", "N")

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
