-- Re-integratie-instrumenten (trajecten) per levering (snapshot).
with source as (
    select * from {{ source('werkplein', 'werkplein_trajecten') }}
)

select
    bestand_peildatum,
    traject_id,
    persoon_id,
    instrument,
    begindatum,
    einddatum,
    kosten_eur,
    strategisch_doel,
    bron_bestand,
    regelnummer
from source
