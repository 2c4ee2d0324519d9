-- Scores op de participatieladder per persoon en peildatum (meting).
-- A later file's row for the same persoon_id, peildatum replaces an earlier one (extracts.md).
-- A table kept up to date per key (macro meting_per_sleutel), read by many models.
-- depends_on: {{ ref('stg_ingest__laadlog') }}
{{ config(**meting_per_sleutel(['persoon_id', 'peildatum'], "source('werkplein', 'werkplein_ladder')")) }}

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
{{ meting_opnieuw_filter(['persoon_id', 'peildatum']) }}
{{ newest_measurement(['persoon_id', 'peildatum']) }}
