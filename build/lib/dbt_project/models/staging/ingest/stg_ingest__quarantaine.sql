-- One row per bad cell of a bad row; a BSN value arrives masked from ingest.
with source as (
    select * from {{ source('ingest', 'quarantaine') }}
)

select
    laad_id,
    bestand,
    tabel,
    regelnummer,
    kolom,
    waarde,
    reden
from source
