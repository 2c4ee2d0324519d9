-- Every event that counts toward a strategic goal measure (seed strategische_doelen, column meting):
-- one row per person, measure, municipality and date. Where a measure names treden, the person's trede is the
-- newest score in the 12 months up to the event (an older score says too little, as in the ladder stand).
-- A checkpoint first (issue 15, disk written by a refresh): at national size the two as-of joins over every score
-- need most of DuckDB's memory limit, and until a checkpoint DuckDB's memory holds part of what the refresh changed so
-- far, which it can only make room for by writing it to its spill files (177 MiB at 60 months; none after it).
-- Incremental per person: a refresh computes again only the people whose placements, instruments or scores changed
-- (macros/doelen_opnieuw.sql) and keeps the rest; computed whole and written where it differed before, it took 2.0 s
-- per refresh at national size with 24 months and 3.7 with 60. A full build gives the same rows
-- (tests/dbt/test_incremental.py).
{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook=[
            {'sql': 'checkpoint "{{ this.database }}"', 'transaction': false},
            "{{ doelen_te_doen(this) }}",
        ],
        post_hook=["{{ doelen_invoer_vastleggen(this) }}"],
    )
}}
{%- set te_doen %}
    {%- if not doelen_alles_nu(this) %}
        where persoon_id in (select te_doen.persoon_id from int_doelen__gebeurtenissen__te_doen as te_doen)
    {%- endif %}
{%- endset %}

with plaatsingen as (
    select * from {{ ref('int_werkplein__plaatsingen_persoon') }}{{ te_doen }}
),

scores as (
    select persoon_id, peildatum, trede, volgende_peildatum, volgende_trede from {{ ref('int_ladder__scores') }}
    {{- te_doen }}
),

trajecten as (
    select * from {{ ref('int_werkplein__trajecten_persoon') }}{{ te_doen }}
),

-- Only what the measures below read goes through the as-of joins, each with only its own persons' scores: the paid
-- placements (SD1) and the activating instruments (SD3). At 60 months at national size the select took 1.3-1.7
-- instead of 2.0-2.5 s, with the same rows.
paid_placements as (
    select * from plaatsingen
    where soort in ('REGULIER', 'LOONKOSTENSUBSIDIE', 'DETACHERING')
),

activating_instruments as (
    select * from trajecten
    where instrument in ('KLIMOPBAAN', 'SOCIALE_ACTIVERING', 'DAGBESTEDING', 'WERKERVARINGSPLAATS')
),

paid_placement_scores as (
    select * from scores
    where persoon_id in (select paid_placements.persoon_id from paid_placements)
),

activating_instrument_scores as (
    select * from scores
    where persoon_id in (select activating_instruments.persoon_id from activating_instruments)
),

placements_with_trede as (
    select paid_placements.*, scores.trede as trede_voor
    from paid_placements
    asof inner join paid_placement_scores as scores
        on paid_placements.persoon_id = scores.persoon_id
        and paid_placements.begindatum >= scores.peildatum
    where scores.peildatum > paid_placements.begindatum - interval 12 month
),

instruments_with_trede as (
    select activating_instruments.*, scores.trede as trede_voor, scores.volgende_peildatum, scores.volgende_trede
    from activating_instruments
    asof inner join activating_instrument_scores as scores
        on activating_instruments.persoon_id = scores.persoon_id
        and activating_instruments.begindatum >= scores.peildatum
    where scores.peildatum > activating_instruments.begindatum - interval 12 month
)

-- SD1: placed in paid work at an employer (regular, with wage subsidy or seconded: trede 5 or 6 afterwards) from
-- trede 4 or 5. A trial placement, a learning place or a klimopbaan is not the placement SD1 means.
select 'PLAATSING_VANAF_TREDE_4_5' as meting, persoon_id, gemeentecode, begindatum as datum
from placements_with_trede  -- paid placements only (paid_placements)
where trede_voor in (4, 5)
union all
select 'SCHOLING_AFGEROND' as meting, persoon_id, gemeentecode, einddatum as datum
from trajecten
where instrument = 'SCHOLING' and strategisch_doel = 'SD2' and einddatum is not null
union all
select 'SCHOLING_GESTART' as meting, persoon_id, gemeentecode, begindatum as datum
from trajecten
where instrument = 'SCHOLING' and strategisch_doel = 'SD2'
union all
-- SD3 (plan: "geactiveerd en maken daardoor een stap op de participatieladder (trede 1-3)"): from trede 1, 2 or 3
-- into an activating instrument (klimopbaan, sociale activering, dagbesteding, werkervaringsplaats), and the next
-- score after its start is a step up; counted at the month end of that score (the ladder's convention).
select
    'ACTIVERING_MET_STAP' as meting,
    persoon_id,
    gemeentecode,
    last_day({{ maand_van_meting('volgende_peildatum') }})::date as datum
from instruments_with_trede  -- activating instruments only (activating_instruments)
where trede_voor in (1, 2, 3) and volgende_trede > trede_voor
union all
select 'KLIMOPBAAN_GESTART' as meting, persoon_id, gemeentecode, begindatum as datum
from instruments_with_trede
where instrument = 'KLIMOPBAAN' and trede_voor in (1, 2, 3)
union all
-- SD4: young people led to the sectors the policy plan names (seed kansrijke_sectoren: zorg, vervoer/logistiek,
-- bouw, techniek/industrie, detailhandel, horeca, each with the SBI section it stands for and its place in the
-- plan). Basis: any placement there but a klimopbaan (a learning place or trial placement leads to the sector
-- too), or schooling booked under SD4 (the plan leads young people there through agreements with employers and
-- schools, and "bij scholing wordt expliciet ingezet op de sectoren met kansen"; a schooling has no employer, so
-- its sector is the goal it is booked under); groei: paid work there.
select 'JONGEREN_KANSRIJKE_SECTOR' as meting, persoon_id, gemeentecode, begindatum as datum
from plaatsingen
where leeftijd_bij_start < 27
    and sbi_sector in (select sectoren.sbi_sector from {{ ref('kansrijke_sectoren') }} as sectoren)
    and soort <> 'KLIMOPBAAN'
union all
select 'JONGEREN_KANSRIJKE_SECTOR' as meting, persoon_id, gemeentecode, begindatum as datum
from trajecten
where leeftijdsklasse = '<27' and instrument = 'SCHOLING' and strategisch_doel = 'SD4'
union all
select 'JONGEREN_KANSRIJKE_SECTOR_WERK' as meting, persoon_id, gemeentecode, begindatum as datum
from plaatsingen
where leeftijd_bij_start < 27
    and sbi_sector in (select sectoren.sbi_sector from {{ ref('kansrijke_sectoren') }} as sectoren)
    and soort in ('REGULIER', 'LOONKOSTENSUBSIDIE', 'DETACHERING')
