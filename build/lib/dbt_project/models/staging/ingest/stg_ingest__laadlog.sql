-- One row per loaded file; replaced files stay, marked `vervangen`, so a correction can be audited.
with source as (
    select * from {{ source('ingest', 'laadlog') }}
)

select
    laad_id,
    bestand,
    inhoud_hash,
    bron,
    entiteit,
    bestand_peildatum,
    status,
    vervangen_door,
    rijen_geladen,
    rijen_quarantaine,
    waarschuwingen,
    gestart_op,
    klaar_op
from source
