"""The app's questions to the warehouse: one function per question, marts only, parameters bound, cached.

Pages call `queries.<subject>.<question>(...)`; the reference questions (labels, municipalities, months) are
also available at the top level. Every count a page receives has passed `app.privacy.verberg`.
"""

from app.queries import (
    beheer,
    datakwaliteit,
    doelen,
    indicator,
    instrumenten,
    jongeren,
    ladder,
    prognose,
    stroom,
    uwv,
    werkgevers,
    wsw,
)
from app.queries._db import WarehouseNotReady, versie
from app.queries._toegang import GeenToegang
from app.queries.datakwaliteit import actualiteit, laadstatus, quarantaine_redenen, quarantaine_regels, verversing
from app.queries.referentie import definitie, doelgroep_bits, gemeenten, indicatoren, labels, maanden

__all__ = [
    "GeenToegang",
    "WarehouseNotReady",
    "actualiteit",
    "beheer",
    "datakwaliteit",
    "definitie",
    "doelen",
    "doelgroep_bits",
    "gemeenten",
    "indicator",
    "indicatoren",
    "instrumenten",
    "jongeren",
    "laadstatus",
    "labels",
    "ladder",
    "maanden",
    "prognose",
    "quarantaine_redenen",
    "quarantaine_regels",
    "stroom",
    "uwv",
    "versie",
    "verversing",
    "werkgevers",
    "wsw",
]
