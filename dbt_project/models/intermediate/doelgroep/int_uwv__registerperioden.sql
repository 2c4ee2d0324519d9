-- Periods in the doelgroepregister, each in its newest known version.
-- Kept up to date per record (macro laatste_versie_per_sleutel).
-- depends_on: {{ ref('stg_ingest__laadlog') }}
{{ config(**laatste_versie_per_sleutel(['persoon_id', 'datum_opname'], 'stg_uwv__doelgroepregister')) }}
{{ latest_version(ref('stg_uwv__doelgroepregister'), ['persoon_id', 'datum_opname'], 'datum_afvoer') }}
