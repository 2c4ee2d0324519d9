-- Placements, each in its newest known version.
{{ latest_version(ref('stg_werkplein__plaatsingen'), ['plaatsing_id'], 'einddatum') }}
