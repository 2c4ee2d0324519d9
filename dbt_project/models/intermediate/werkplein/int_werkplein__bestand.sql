-- Werkplein clients at each month end, per regeling, for any regeling (WERKPLEIN) and young clients
-- (JONGEREN_U27): the cells of the client flow (mart_klantstroom). ALLE (any doelgroep) is not a cell here: the
-- client flow knows Werkplein regelingen only; a client's WERKPLEIN row has ALLE's municipality, age band and gender.
-- Incremental per month: a month's rows come from that month's rows of int_doelgroep_maand and of
-- int_doelgroep_maand__persoon (made from them for the same months), which the month's fingerprint covers, so a
-- refresh recomputes only the months whose input changed (maanden_te_doen), and records them for its uniqueness
-- test (macros/ongetest.sql).
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

regeling_bits as (
    select bit_or(doelgroepen.bit) as bits
    from {{ ref('doelgroepen') }} as doelgroepen
    inner join {{ ref('codelijsten') }} as lijst
        on lijst.lijst = 'regeling'
        and doelgroepen.doelgroep = lijst.code
),

alle as (
    -- One row per person and month with a regeling: the person's month in int_doelgroep_maand__persoon, whose
    -- municipality is ALLE's, the one of the first regeling in code-list order (the regelingen come first in ALLE's
    -- voorrang, int_doelgroep_maand). It replaced a grouping of the regelingen per person and month, a hash table of
    -- every person-month that spilled to disk at national size (docs/performance.md).
    select
        personen.persoon_id,
        personen.maand,
        personen.gemeentecode,
        personen.leeftijdsklasse,
        personen.geslacht,
        te_doen.maand_invoer,
        personen.recordsleutel
    from {{ ref('int_doelgroep_maand__persoon') }} as personen
    inner join te_doen using (maand)
    where personen.doelgroepen & (select regeling_bits.bits from regeling_bits) <> 0
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
