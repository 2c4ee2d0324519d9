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
    select members.*, te_doen.maand_invoer
    from {{ ref('int_doelgroep_maand') }} as members
    inner join te_doen using (maand)
),

members as (
    select in_months.persoon_id, in_months.maand, bit_or(bits.bit) as doelgroepen
    from in_months
    inner join bits using (doelgroep)
    group by all
)

select
    alle.persoon_id,
    alle.maand,
    alle.maandeinde,
    alle.gemeentecode,
    alle.leeftijdsklasse,
    alle.geslacht,
    members.doelgroepen::integer as doelgroepen,
    -- The cell key method's key of the person (macro record_sleutel), made once with the month: mart_indicator_cellen
    -- sums it over millions of units per refresh.
    {{ record_sleutel('alle.persoon_id') }} as recordsleutel,
    alle.maand_invoer
from in_months as alle
inner join members using (persoon_id, maand)
where alle.doelgroep = 'ALLE'
