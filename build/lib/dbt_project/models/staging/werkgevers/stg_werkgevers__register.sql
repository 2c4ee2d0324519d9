-- Het werkgeversregister van de accountmanagers per levering (snapshot).
with source as (
    select * from {{ source('werkgevers', 'werkgevers_register') }}
)

select
    bestand_peildatum,
    kvk,
    naam,
    sbi_sector,
    vestigingsgemeente,
    grootteklasse,
    pact,
    datum_toetreding,
    toezegging_plekken,
    sociale_onderneming,
    bron_bestand,
    regelnummer
from source
