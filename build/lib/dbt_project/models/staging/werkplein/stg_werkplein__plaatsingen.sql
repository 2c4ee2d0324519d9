-- Plaatsingen van klanten bij werkgevers per levering (snapshot).
with source as (
    select * from {{ source('werkplein', 'werkplein_plaatsingen') }}
)

select
    bestand_peildatum,
    plaatsing_id,
    persoon_id,
    kvk,
    soort,
    begindatum,
    einddatum,
    uren_per_week,
    loonwaarde_pct,
    sroi_contract_id,
    bron_bestand,
    regelnummer
from source
