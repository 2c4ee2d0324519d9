-- Personen in het doelgroepregister banenafspraak (UWV) per levering (snapshot).
with source as (
    select * from {{ source('uwv', 'uwv_doelgroepregister') }}
)

select
    bestand_peildatum,
    persoon_id,
    gemeentecode,
    datum_opname,
    datum_afvoer,
    grondslag,
    bron_bestand,
    regelnummer
from source
