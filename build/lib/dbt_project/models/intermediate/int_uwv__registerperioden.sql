-- Periods in the doelgroepregister, each in its newest known version.
{{ latest_version(ref('stg_uwv__doelgroepregister'), ['persoon_id', 'datum_opname'], 'datum_afvoer') }}
