-- SROI-contracten uit het werkgeversregister per levering (snapshot).
with source as (
    select * from {{ source('werkgevers', 'werkgevers_sroi') }}
)

select
    bestand_peildatum,
    contract_id,
    kvk,
    omschrijving,
    contractwaarde_eur,
    sroi_pct,
    begindatum,
    einddatum,
    bron_bestand,
    regelnummer
from source
