-- Werkplein clients at each month end, per regeling, for any regeling (WERKPLEIN) and young clients
-- (JONGEREN_U27): the cells of the client flow (mart_klantstroom). ALLE (any doelgroep) is not used here: the
-- client flow knows Werkplein regelingen only.
-- Incremental per month: a month's rows come from that month's rows of int_doelgroep_maand only, which the
-- month's fingerprint covers, so a refresh recomputes only the months whose input changed (maanden_te_doen), and
-- records them for its uniqueness test (macros/ongetest.sql).
{{ config(**per_maand(invoer='int_doelgroep_maand__maand_invoer', ongetest=true)) }}

with te_doen as (
    {{ maanden_te_doen(ref('int_doelgroep_maand__maand_invoer')) }}
),

regelingen as (
    -- The Werkplein doelgroepen are the regelingen of the contract (seed codelijsten, lijst regeling).
    select
        members.persoon_id, members.maand, members.doelgroep, members.gemeentecode, members.leeftijdsklasse,
        members.geslacht, lijst.volgorde, te_doen.maand_invoer,
        -- The cell key method's key of the person (macro record_sleutel), made once with the month for
        -- mart_klantstroom and int_werkplein__stroom.
        {{ record_sleutel('members.persoon_id') }} as recordsleutel
    from {{ ref('int_doelgroep_maand') }} as members
    inner join te_doen using (maand)
    inner join {{ ref('codelijsten') }} as lijst
        on lijst.lijst = 'regeling'
        and members.doelgroep = lijst.code
),

alle as (
    -- One municipality per person and month: the one of the first regeling in code-list order.
    select
        persoon_id,
        maand,
        arg_min(gemeentecode, volgorde) as gemeentecode,
        any_value(leeftijdsklasse) as leeftijdsklasse,
        any_value(geslacht) as geslacht,
        any_value(maand_invoer) as maand_invoer,
        any_value(recordsleutel) as recordsleutel
    from regelingen
    group by persoon_id, maand
)

select persoon_id, maand, doelgroep, gemeentecode, leeftijdsklasse, geslacht, maand_invoer, recordsleutel
from regelingen
union all
-- A young client's WERKPLEIN row once more as JONGEREN_U27, unnested from the same row: a second reading of alle
-- (a union with its filtered copy) made DuckDB keep all its rows aside (at 60 months at scale 28 the query 51 → 44 s,
-- 11.8 → 8.5 GB written).
select
    persoon_id,
    maand,
    unnest(case when leeftijdsklasse = '<27' then ['WERKPLEIN', 'JONGEREN_U27'] else ['WERKPLEIN'] end) as doelgroep,
    gemeentecode,
    leeftijdsklasse,
    geslacht,
    maand_invoer,
    recordsleutel
from alle
