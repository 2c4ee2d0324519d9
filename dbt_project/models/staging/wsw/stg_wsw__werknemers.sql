-- Wsw-werknemers per persoon, SW-bedrijf en peildatum (meting).
-- A later file's row for the same persoon_id, sw_bedrijf, peildatum replaces an earlier one (extracts.md).
-- A table kept up to date per key (macro meting_per_sleutel), read by many models.
-- depends_on: {{ ref('stg_ingest__laadlog') }}
{{ config(**meting_per_sleutel(['persoon_id', 'sw_bedrijf', 'peildatum'], "source('wsw', 'wsw_werknemers')")) }}

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
    regelnummer,
    laad_id
from source
{{ meting_opnieuw_filter(['persoon_id', 'sw_bedrijf', 'peildatum']) }}
{{ newest_measurement(['persoon_id', 'sw_bedrijf', 'peildatum']) }}
