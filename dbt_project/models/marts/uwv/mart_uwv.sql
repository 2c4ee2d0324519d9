-- What UWV tells about the people it knows, per municipality, month end, age band and gender: Wajong
-- (by regeling, of whom working and with arbeidsvermogen) and the doelgroepregister (by grondslag).
-- Incremental per month: a refresh recomputes only the months whose input changed (int_uwv__maand_invoer, macro
-- maanden_te_doen).
{{ config(**per_maand(invoer='int_uwv__maand_invoer')) }}

with te_doen as (
    {{ maanden_te_doen(ref('int_uwv__maand_invoer')) }}
),

-- Not materialized: read three times below, DuckDB would otherwise keep every member row of every month to do in
-- memory. Counting every month at scale 28, read again instead: 24 months 2.78 -> 1.23 GiB, 60 months no longer at
-- the 3 GB cap with 0.8 GiB spilled, and quicker both times (docs/performance.md, session 55).
leden as not materialized (
    select
        doelgroep_maand.persoon_id, doelgroep_maand.maand, doelgroep_maand.maandeinde, doelgroep_maand.doelgroep,
        doelgroep_maand.gemeentecode, doelgroep_maand.leeftijdsklasse, doelgroep_maand.geslacht, te_doen.maand_invoer
    from {{ ref('int_doelgroep_maand') }} as doelgroep_maand
    inner join te_doen using (maand)
    where doelgroep_maand.doelgroep in ('WAJONG', 'DOELGROEPREGISTER')
),

wajong as (
    -- The newest Wajong measurement that counts for the month (a month may have two).
    select
        persoon_id,
        {{ maand_van_meting('peildatum') }} as maand,
        arg_max(regeling, peildatum) as regeling,
        arg_max(werkend, peildatum) as werkend,
        arg_max(arbeidsvermogen, peildatum) as arbeidsvermogen
    from {{ ref('stg_uwv__wajong') }}
    where {{ maand_van_meting('peildatum') }} in (select te_doen.maand from te_doen)
    group by all
),

register as (
    -- The register row open at the month end (the newest opname when two overlap).
    select leden.persoon_id, leden.maand, arg_max(perioden.grondslag, perioden.datum_opname) as grondslag
    from leden
    inner join {{ ref('int_uwv__registerperioden') }} as perioden
        on leden.persoon_id = perioden.persoon_id
        and {{ open_op('perioden.datum_opname', 'perioden.datum_afvoer', 'leden.maandeinde') }}
    where leden.doelgroep = 'DOELGROEPREGISTER'
    group by all
),

per_person as (
    select leden.*, wajong.regeling as categorie, wajong.werkend, wajong.arbeidsvermogen
    from leden
    inner join wajong using (persoon_id, maand)
    where leden.doelgroep = 'WAJONG'
    union all
    select leden.*, coalesce(register.grondslag, 'ONBEKEND') as categorie, null as werkend, null as arbeidsvermogen
    from leden
    left join register using (persoon_id, maand)
    where leden.doelgroep = 'DOELGROEPREGISTER'
),

personen as (
    -- Already once per person and cell, so their key is summed once: int_doelgroep_maand has one row per person,
    -- month and doelgroep (its uniqueness test), and each branch above joins at most one row per person and month.
    -- A grouping here to make sure cost about a third of the model's time in a full build (27 million rows at national
    -- size with 60 months).
    select
        gemeentecode, maand, maandeinde, leeftijdsklasse, geslacht, doelgroep, categorie, persoon_id, maand_invoer,
        {{ record_sleutel('persoon_id') }} as recordsleutel,
        coalesce(werkend, false) as werkend,
        coalesce(arbeidsvermogen, false) as arbeidsvermogen
    from per_person
)

select
    gemeentecode,
    maand,
    maandeinde as peildatum,
    leeftijdsklasse,
    geslacht,
    doelgroep,
    categorie,
    count(*)::bigint as personen,
    (count(*) filter (where werkend))::bigint as werkend,
    (count(*) filter (where arbeidsvermogen))::bigint as met_arbeidsvermogen,
    (sum(recordsleutel) % 4294967296)::bigint as sleutel,
    (coalesce(sum(recordsleutel) filter (where werkend), 0) % 4294967296)::bigint as sleutel_werkend,
    (
        coalesce(sum(recordsleutel) filter (where arbeidsvermogen), 0) % 4294967296
    )::bigint as sleutel_met_arbeidsvermogen,
    maand_invoer
from personen
group by all
