-- Benefit and registration spells, each in its newest known version (latest knowledge over all snapshots).
-- Kept up to date per record (macro laatste_versie_per_sleutel).
-- depends_on: {{ ref('stg_ingest__laadlog') }}
{{ config(**laatste_versie_per_sleutel(['persoon_id', 'datum_instroom'], 'stg_werkplein__klanten')) }}
{{ latest_version(ref('stg_werkplein__klanten'), ['persoon_id', 'datum_instroom'], 'datum_uitstroom') }}
