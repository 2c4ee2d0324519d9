-- Voortijdig schoolverlaters volgens het RMC per levering (snapshot).
with source as (
    select * from {{ source('rmc', 'rmc_vsv') }}
)

select
    bestand_peildatum,
    persoon_id,
    geboortemaand,
    gemeentecode,
    brin,
    onderwijssoort,
    datum_uitval,
    status,
    datum_status,
    startkwalificatie,
    bron_bestand,
    regelnummer
from source
