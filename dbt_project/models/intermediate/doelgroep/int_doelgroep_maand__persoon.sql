-- One row per person and month end: the municipality, age band and gender then, and every doelgroep the
-- person is in as one bit mask (seed doelgroepen). Cells keyed on this mask hold disjoint sets of people,
-- so any union of doelgroepen is the sum of the cells whose mask shares a bit with the choice.
-- Incremental per month: a refresh recomputes only the months whose input changed (macro maanden_te_doen), and
-- records them for its uniqueness test (macros/ongetest.sql).
{{ config(**per_maand(invoer='int_doelgroep_maand__maand_invoer', ongetest=true)) }}

with te_doen as (
    {{ maanden_te_doen(ref('int_doelgroep_maand__maand_invoer')) }}
),

per_persoon as (
    -- The person's ALLE row of the month, which carries every doelgroep the person is in as a bit mask
    -- (int_doelgroep_maand), and ALLE's municipality, age band and gender. It replaced a grouping of every row per
    -- person and month (a hash table of every person-month, 6.7 GB spilled at 60 months at scale 28: the model's
    -- query 60 → 16 s, docs/performance.md). A person only in doelgroepen without a bit has no mask and no row.
    select
        members.persoon_id,
        members.maand,
        members.gemeentecode,
        members.leeftijdsklasse,
        members.geslacht,
        members.doelgroepen
    from {{ ref('int_doelgroep_maand') }} as members
    inner join te_doen using (maand)
    where members.doelgroep = 'ALLE' and members.doelgroepen is not null
)

select
    per_persoon.persoon_id,
    per_persoon.maand,
    te_doen.maandeinde,
    per_persoon.gemeentecode,
    per_persoon.leeftijdsklasse,
    per_persoon.geslacht,
    per_persoon.doelgroepen,
    -- The cell key method's key of the person (macro record_sleutel), made once with the month: mart_indicator_cellen
    -- sums it over millions of units per refresh.
    {{ record_sleutel('per_persoon.persoon_id') }} as recordsleutel,
    te_doen.maand_invoer
from per_persoon
inner join te_doen using (maand)
