-- Scores op de participatieladder per persoon en peildatum (meting).
-- A later file's row for the same persoon_id, peildatum replaces an earlier one (extracts.md).
with source as (
    select * from {{ source('werkplein', 'werkplein_ladder') }}
)

select
    persoon_id,
    peildatum,
    trede,
    bestand_peildatum,
    bron_bestand,
    regelnummer,
    laad_id
from source
{{ newest_measurement(['persoon_id', 'peildatum']) }}
