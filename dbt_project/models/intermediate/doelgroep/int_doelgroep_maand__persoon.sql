-- One row per person and month end: the municipality, age band and gender then, and every doelgroep the
-- person is in as one bit mask (seed doelgroepen). Cells keyed on this mask hold disjoint sets of people,
-- so any union of doelgroepen is the sum of the cells whose mask shares a bit with the choice.
-- Incremental per month: a refresh recomputes only the months whose input changed (macro maanden_te_doen), and
-- records them for its uniqueness test (macros/ongetest.sql).
{{ config(**per_maand(invoer='int_doelgroep_maand__maand_invoer', ongetest=true)) }}

with te_doen as (
    {{ maanden_te_doen(ref('int_doelgroep_maand__maand_invoer')) }}
),

bits as (
    select doelgroep, bit from {{ ref('doelgroepen') }}
    where bit is not null
),

in_months as (
    select members.*
    from {{ ref('int_doelgroep_maand') }} as members
    inner join te_doen using (maand)
),

per_persoon as (
    -- One aggregation over the person's rows of the month: the ALLE row's municipality beside the bits of the others.
    -- It replaced an aggregation of the bits joined back to the ALLE rows: the join of two tables of a row per person
    -- and month took about a quarter of the model's time at scale 28. Age band and gender are the person's at the
    -- month end, the same on each of their rows (no filter), and the month's end and fingerprint come from te_doen
    -- below: each value kept per person and month grows a hash table of every person-month, which spilled to disk (at
    -- 60 months at scale 28 the model 78 → 49 s with five aggregates instead of seven, docs/performance.md).
    select
        in_months.persoon_id,
        in_months.maand,
        any_value(in_months.gemeentecode) filter (where in_months.doelgroep = 'ALLE') as gemeentecode,
        any_value(in_months.leeftijdsklasse) as leeftijdsklasse,
        any_value(in_months.geslacht) as geslacht,
        bit_or(bits.bit) as doelgroepen
    from in_months
    left join bits using (doelgroep)
    group by in_months.persoon_id, in_months.maand
    -- as the join did: a person with an ALLE row and a doelgroep with a bit
    having count(*) filter (where in_months.doelgroep = 'ALLE') > 0 and bit_or(bits.bit) is not null
)

select
    per_persoon.persoon_id,
    per_persoon.maand,
    te_doen.maandeinde,
    per_persoon.gemeentecode,
    per_persoon.leeftijdsklasse,
    per_persoon.geslacht,
    per_persoon.doelgroepen::integer as doelgroepen,
    -- The cell key method's key of the person (macro record_sleutel), made once with the month: mart_indicator_cellen
    -- sums it over millions of units per refresh.
    {{ record_sleutel('per_persoon.persoon_id') }} as recordsleutel,
    te_doen.maand_invoer
from per_persoon
inner join te_doen using (maand)
