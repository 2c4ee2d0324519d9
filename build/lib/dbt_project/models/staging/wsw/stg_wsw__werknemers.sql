-- Wsw-werknemers per persoon, SW-bedrijf en peildatum (meting).
-- A later file's row for the same persoon_id, sw_bedrijf, peildatum replaces an earlier one (extracts.md).
with source as (
    select * from {{ source('wsw', 'wsw_werknemers') }}
)

select
    persoon_id,
    gemeentecode,
    sw_bedrijf,
    peildatum,
    indicatie,
    arbeidsvorm,
    kvk,
    uren_per_week,
    se,
    bestand_peildatum,
    bron_bestand,
    regelnummer
from source
qualify row_number() over (
    partition by persoon_id, sw_bedrijf, peildatum
    order by bestand_peildatum desc, laad_id desc, regelnummer desc
) = 1
