"""Recognise an extract by its file name, and say precisely what is off when a name does not fit.

Names are `<bron>_<entiteit>_<jjjjmmdd>.<ext>` in lower case (shared/extracts.md). A refusal names the
one thing to change (the case of the extension, a browser's ` (1)`, an impossible date, an unknown
source or entity) and, where it can be guessed, the name the file should have.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ingest.entities import BY_KEY, ENTITIES, Entity
from ingest.errors import FileRefused
from ingest.masking import BSN_SHAPE, MASK

PATTERN = "<bron>_<entiteit>_<jjjjmmdd>.<ext>"
EXPECTED_NAMES = ", ".join(f"{e.key}_<jjjjmmdd>.{e.extension}" for e in ENTITIES)
_STRICT = re.compile(r"^(?P<bron>[a-z]+)_(?P<entiteit>[a-z]+)_(?P<datum>\d{8})\.(?P<ext>[a-z]+)$")
# Lenient: bron and entiteit, then whatever stands where the date should be, then the extension.
_LOOSE = re.compile(r"^(?P<bron>[A-Za-z]+)_(?P<entiteit>[A-Za-z]+)_(?P<rest>.*?)(?:\.(?P<ext>[^.]*))?$")
# A date, then something that is not a digit (more digits make it no date: said as such, below).
_DATE_THEN_SUFFIX = re.compile(r"^(?P<datum>\d{8})(?P<suffix>\D.*)$")
_BSN_SHAPED = re.compile(BSN_SHAPE)
_DATE_SHAPED = re.compile(r"(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])")
BRONNEN = tuple(dict.fromkeys(e.bron for e in ENTITIES))
# Older than any delivery the monitor's sources can make: the participatieladder dates from 2008, the Participatiewet
# from 2015 (the held-back Enschede ladder of 2010 is the oldest data it has read).
EERSTE_DATUM = dt.date(2000, 1, 1)


@dataclass(frozen=True)
class Identified:
    entity: Entity
    peildatum: dt.date


def shown_name(text: str) -> str:
    """A file name (or a message about one) as it may be shown or written: BSN-shaped digits masked.

    The masking of `semon.masking` (any run of 8 or more digits, spaces or dots between them allowed), except
    for exactly 8 digits shaped as a date (jjjjmmdd, 19xx or 20xx): that is the peildatum every extract's name
    carries, and the sender needs it to find the file. A run of 8 digits that is no such date is masked.
    """
    return _BSN_SHAPED.sub(lambda run: run[0] if _DATE_SHAPED.fullmatch(run[0]) else MASK, text)


def identify(name: str, vandaag: dt.date | None = None) -> Identified:
    """The entity and peildatum of a file name; FileRefused saying what is off otherwise. `vandaag`: the day the
    file is read (default: today), which the name's date may not lie beyond (`_date`)."""
    match = _STRICT.match(name)
    if match:
        entity = _entity(name, match["bron"], match["entiteit"])
        if entity.extension != match["ext"]:
            _refuse_extension(name, entity, match["ext"], match["datum"])
        return Identified(entity, _date(name, match["datum"], vandaag or dt.date.today()))
    loose = _LOOSE.match(name)
    if not loose:
        raise FileRefused(name, f"bestandsnaam volgt het patroon {PATTERN} niet; verwacht een van: {EXPECTED_NAMES}")
    bron, entiteit, rest, ext = loose["bron"], loose["entiteit"], loose["rest"], loose["ext"]
    if bron != bron.lower() or entiteit != entiteit.lower():
        lower = f"{bron.lower()}_{entiteit.lower()}"
        raise FileRefused(name, f"bron en entiteit in kleine letters: '{bron}_{entiteit}' moet '{lower}' zijn")
    entity = _entity(name, bron, entiteit)
    date_part = _DATE_THEN_SUFFIX.match(rest)
    if date_part:
        suffix = date_part["suffix"]
        raise FileRefused(
            name,
            f"na de datum staat nog '{suffix}' (een tweede download of een eigen toevoeging?); "
            f"hernoem het bestand naar {bron}_{entiteit}_{date_part['datum']}.{entity.extension}. "
            "Een correctie heeft dezelfde naam als het bestand dat ze vervangt",
        )
    if not re.fullmatch(r"\d{8}", rest):
        raise FileRefused(
            name,
            f"de datum in de bestandsnaam moet 8 cijfers zijn (jjjjmmdd), niet '{rest}'; "
            f"verwacht {entity.key}_<jjjjmmdd>.{entity.extension}",
        )
    if ext is None or ext == "":
        raise FileRefused(name, f"de bestandsnaam heeft geen extensie; verwacht {entity.key}_{rest}.{entity.extension}")
    if ext.lower() == entity.extension:
        raise FileRefused(
            name,
            f"de extensie moet in kleine letters: .{entity.extension}, niet .{ext}; "
            f"hernoem het bestand naar {entity.key}_{rest}.{entity.extension}",
        )
    _refuse_extension(name, entity, ext, rest)
    raise AssertionError("unreachable")  # pragma: no cover


def _entity(name: str, bron: str, entiteit: str) -> Entity:
    entity = BY_KEY.get(f"{bron}_{entiteit}")
    if entity is not None:
        return entity
    if bron not in BRONNEN:
        raise FileRefused(
            name, f"onbekende bron '{bron}'; bekende bronnen: {', '.join(BRONNEN)} (verwacht een van: {EXPECTED_NAMES})"
        )
    known = ", ".join(e.entiteit for e in ENTITIES if e.bron == bron)
    raise FileRefused(name, f"onbekende entiteit '{entiteit}' voor bron {bron}; verwacht een van: {known}")


def _refuse_extension(name: str, entity: Entity, ext: str, datum: str) -> None:
    raise FileRefused(
        name,
        f"{entity.key} wordt aangeleverd als .{entity.extension}, niet als .{ext}; "
        f"verwacht {entity.key}_{datum}.{entity.extension}",
    )


def _date(name: str, datum: str, vandaag: dt.date) -> dt.date:
    """The name's date, between EERSTE_DATUM and the 1st of the month after `vandaag`. The months the monitor counts
    run from its oldest delivery to its newest (int_maanden), so one year typed wrong (20621201 or 19261201 for
    20261201) would add hundreds of empty months, the newest of which every page opens on."""
    try:
        date = dt.datetime.strptime(datum, "%Y%m%d").date()
    except ValueError:
        raise FileRefused(name, f"datum {datum} in de bestandsnaam bestaat niet (jjjjmmdd)") from None
    # An extract shows the state at the end of a month and is named after the 1st of the month after it: on the last
    # day of a month its extract may already be there.
    uiterst = (vandaag.replace(day=1) + dt.timedelta(days=31)).replace(day=1)
    if date > uiterst:
        raise FileRefused(
            name,
            f"datum {datum} in de bestandsnaam ligt in de toekomst: vandaag ({vandaag:%d-%m-%Y}) heet een extract "
            f"hoogstens {uiterst:%Y%m%d} (de 1e van de volgende maand); controleer het jaar en de maand",
        )
    if date < EERSTE_DATUM:
        raise FileRefused(
            name,
            f"datum {datum} in de bestandsnaam ligt vóór {EERSTE_DATUM:%Y%m%d}, eerder dan enige levering aan deze "
            "monitor (de participatieladder is van 2008); controleer het jaar",
        )
    return date
