-- Periods on the WSW waiting list, each in its newest known version.
-- Kept up to date per record (macro laatste_versie_per_sleutel).
-- depends_on: {{ ref('stg_ingest__laadlog') }}
{{ config(**laatste_versie_per_sleutel(['persoon_id', 'datum_op_wachtlijst'], 'stg_wsw__wachtlijst')) }}
{{ latest_version(ref('stg_wsw__wachtlijst'), ['persoon_id', 'datum_op_wachtlijst'], 'datum_af') }}
