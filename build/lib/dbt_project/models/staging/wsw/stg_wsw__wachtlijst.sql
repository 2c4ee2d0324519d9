-- De Wsw-wachtlijst per levering (snapshot).
with source as (
    select * from {{ source('wsw', 'wsw_wachtlijst') }}
)

select
    bestand_peildatum,
    persoon_id,
    gemeentecode,
    datum_indicatie,
    datum_op_wachtlijst,
    datum_af,
    reden_af,
    bron_bestand,
    regelnummer
from source
