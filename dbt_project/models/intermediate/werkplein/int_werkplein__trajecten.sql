-- Instruments, each in its newest known version.
-- Kept up to date per record (macro laatste_versie_per_sleutel).
-- depends_on: {{ ref('stg_ingest__laadlog') }}
{{ config(**laatste_versie_per_sleutel(['traject_id'], 'stg_werkplein__trajecten')) }}
{{ latest_version(ref('stg_werkplein__trajecten'), ['traject_id'], 'einddatum') }}
