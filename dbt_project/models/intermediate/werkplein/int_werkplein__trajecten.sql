-- Instruments, each in its newest known version.
{{ latest_version(ref('stg_werkplein__trajecten'), ['traject_id'], 'einddatum') }}
