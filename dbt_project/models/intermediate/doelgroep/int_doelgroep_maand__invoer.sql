-- Fingerprints of what int_doelgroep_maand reads, for its incremental refresh: per person their birth month and
-- gender ('persoon'); per spell (Werkplein, WSW waiting list, doelgroepregister) its source, regeling, municipality
-- and begin date, with its end date beside it ('periode'); per month the monthly stands (WSW, Wajong, RMC) and the
-- doelgroepen' bits, of which the ALLE rows' masks are made ('maand').
-- A refresh recomputes a person's months from the first one a changed spell can touch (macro
-- doelgroep_maand_wijzigingen: the month of its begin date, or of the earlier end date when only the end changed),
-- all their months when their birth month or gender changed, and the months whose fingerprint changed or that are
-- new (everyone in them); it keeps the rest.
-- A view (issue 15): as a table it was written whole on every refresh (57 MiB at 24 months at national size, 81 at
-- 60), while its one reader, that model's first pre-hook, computes it once per build into a temporary table in memory.
{{ config(materialized='view') }}
with bits as (
    {{ vingerafdruk_bits() }}
),

spells as (
    select
        persoon_id,
        hash('werkplein', regeling, gemeentecode) as h,
        datum_instroom as datum_begin,
        datum_uitstroom as datum_einde
    from {{ ref('int_werkplein__perioden') }}
    union all
    select persoon_id, hash('wachtlijst', gemeentecode) as h, datum_op_wachtlijst, datum_af
    from {{ ref('int_wsw__wachtlijstperioden') }}
    union all
    select persoon_id, hash('register', gemeentecode) as h, datum_opname, datum_afvoer
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
per_month as (
    select months.maand, hash(sum(stands.h::hugeint), count(stands.h), (select bits.som from bits)) as invoer_hash
    from {{ ref('int_maanden') }} as months
    left join stands using (maand)
    group by months.maand
)

select
    'persoon' as soort,
    persoon_id,
    null::date as maand,
    hash(geboortemaand, geslacht) as invoer_hash,
    null::date as datum_begin,
    null::date as datum_einde
from {{ ref('int_personen') }}
union all
-- Two identical spells count once: a person's months are the same with one or both.
select distinct 'periode' as soort, persoon_id, null::date as maand, h as invoer_hash, datum_begin, datum_einde
from spells
union all
select 'maand' as soort, null as persoon_id, maand, invoer_hash, null::date, null::date from per_month
