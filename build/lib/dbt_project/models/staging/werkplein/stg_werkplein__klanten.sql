-- Uitkerings- en inschrijvingsperioden van Werkplein-klanten, één regel per persoon en periode per levering (snapshot).
with source as (
    select * from {{ source('werkplein', 'werkplein_klanten') }}
)

select
    bestand_peildatum,
    persoon_id,
    geboortemaand,
    geslacht,
    gemeentecode,
    regeling,
    datum_instroom,
    datum_uitstroom,
    reden_uitstroom,
    bron_bestand,
    regelnummer
from source
