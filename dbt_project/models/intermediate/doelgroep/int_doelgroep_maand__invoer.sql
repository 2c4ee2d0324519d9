-- Fingerprints of what int_doelgroep_maand reads, for its incremental refresh: per person, their spells
-- (Werkplein, WSW waiting list, doelgroepregister), birth date and gender; per month, the monthly stands
-- (WSW, Wajong, RMC). A refresh recomputes the people whose fingerprint changed (all their months) and
-- the months whose fingerprint changed or that are new (everyone in them), and keeps the rest.
with spells as (
    select persoon_id, hash('werkplein', regeling, gemeentecode, datum_instroom, datum_uitstroom) as h
    from {{ ref('int_werkplein__perioden') }}
    union all
    select persoon_id, hash('wachtlijst', datum_op_wachtlijst, datum_af, gemeentecode) as h
    from {{ ref('int_wsw__wachtlijstperioden') }}
    union all
    select persoon_id, hash('register', datum_opname, datum_afvoer, gemeentecode) as h
    from {{ ref('int_uwv__registerperioden') }}
),

stands as (
    select {{ maand_van_meting('peildatum') }} as maand, hash('wsw', persoon_id, gemeentecode) as h
    from {{ ref('stg_wsw__werknemers') }}
    union all
    select {{ maand_van_meting('peildatum') }} as maand, hash('wajong', persoon_id, gemeentecode) as h
    from {{ ref('stg_uwv__wajong') }}
    union all
    select maand, hash('vsv', persoon_id, gemeentecode, status) as h
    from {{ ref('int_rmc__vsv_maand') }}
),

-- A sum of row hashes does not depend on row order; the count guards against rows that cancel out.
per_person as (
    select persoon_id, sum(h::hugeint) as som, count(*) as rijen from spells
    group by persoon_id
),

per_month as (
    select months.maand, hash(sum(stands.h::hugeint), count(stands.h)) as invoer_hash
    from {{ ref('int_maanden') }} as months
    left join stands using (maand)
    group by months.maand
)

select
    'persoon' as soort,
    personen.persoon_id,
    null::date as maand,
    hash(per_person.som, per_person.rijen, personen.geboortemaand, personen.geslacht) as invoer_hash
from {{ ref('int_personen') }} as personen
left join per_person using (persoon_id)
union all
select 'maand' as soort, null as persoon_id, maand, invoer_hash from per_month
