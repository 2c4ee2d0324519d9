-- A fingerprint per person of everything int_doelgroep_maand reads about them (spells, monthly stands,
-- birth date, gender). An incremental refresh recomputes the months of the people whose fingerprint
-- changed and adds only the new months for everyone else.
with inputs as (
    select persoon_id, hash('werkplein', regeling, gemeentecode, datum_instroom, datum_uitstroom) as h
    from {{ ref('int_werkplein__perioden') }}
    union all
    select persoon_id, hash('wsw', peildatum, gemeentecode) from {{ ref('stg_wsw__werknemers') }}
    union all
    select persoon_id, hash('wachtlijst', datum_op_wachtlijst, datum_af, gemeentecode)
    from {{ ref('int_wsw__wachtlijstperioden') }}
    union all
    select persoon_id, hash('register', datum_opname, datum_afvoer, gemeentecode)
    from {{ ref('int_uwv__registerperioden') }}
    union all
    select persoon_id, hash('wajong', peildatum, gemeentecode) from {{ ref('stg_uwv__wajong') }}
    union all
    select persoon_id, hash('vsv', maand, gemeentecode, status) from {{ ref('int_rmc__vsv_maand') }}
),

per_person as (
    -- A sum of row hashes does not depend on row order; the count guards against cancelling rows.
    select persoon_id, sum(h::hugeint) as som, count(*) as rijen
    from inputs
    group by persoon_id
)

select per_person.persoon_id, hash(som, rijen, personen.geboortedatum, personen.geslacht) as invoer_hash
from per_person
inner join {{ ref('int_personen') }} as personen using (persoon_id)
