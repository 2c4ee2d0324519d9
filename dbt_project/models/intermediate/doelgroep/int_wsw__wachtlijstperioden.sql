-- Periods on the WSW waiting list, each in its newest known version.
{{ latest_version(ref('stg_wsw__wachtlijst'), ['persoon_id', 'datum_op_wachtlijst'], 'datum_af') }}
