-- One row per person and month end: the municipality, age band and gender then, and every doelgroep the
-- person is in as one bit mask (seed doelgroepen). Cells keyed on this mask hold disjoint sets of people,
-- so any union of doelgroepen is the sum of the cells whose mask shares a bit with the choice.
with bits as (
    select doelgroep, bit from {{ ref('doelgroepen') }} where bit is not null
),

members as (
    select members.persoon_id, members.maand, bit_or(bits.bit) as doelgroepen
    from {{ ref('int_doelgroep_maand') }} as members
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
    members.doelgroepen::integer as doelgroepen
from {{ ref('int_doelgroep_maand') }} as alle
inner join members using (persoon_id, maand)
where alle.doelgroep = 'ALLE'
