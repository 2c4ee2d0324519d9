-- Benefit and registration spells, each in its newest known version (latest knowledge over all snapshots).
{{ latest_version(ref('stg_werkplein__klanten'), ['persoon_id', 'datum_instroom'], 'datum_uitstroom') }}
