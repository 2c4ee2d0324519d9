-- Per pact employer and month end: the places it committed to and how many of them are filled (running
-- placements at the month end that began on or after joining the pact, at most the commitment). The one
-- definition of pact realisation: the indicator cells, the pact cards and the employer table read it.
with months as (
    select maand, maandeinde from {{ ref('int_maanden') }}
),

employers as (
    select kvk, pact, vestigingsgemeente, datum_toetreding, toezegging_plekken
    from {{ ref('int_werkgevers__register') }}
    where pact is not null and toezegging_plekken > 0
),

running as (
    select employers.kvk, months.maand, count(plaatsingen.plaatsing_id) as lopend
    from employers
    cross join months
    left join {{ ref('int_werkplein__plaatsingen') }} as plaatsingen
        on plaatsingen.kvk = employers.kvk
        and plaatsingen.begindatum >= employers.datum_toetreding
        and plaatsingen.begindatum <= months.maandeinde
        and (plaatsingen.einddatum is null or plaatsingen.einddatum >= months.maandeinde)
    where employers.datum_toetreding <= months.maandeinde
    group by all
)

select
    employers.kvk,
    employers.pact,
    employers.vestigingsgemeente as gemeentecode,
    running.maand,
    employers.toezegging_plekken::bigint as toezegging_plekken,
    least(running.lopend, employers.toezegging_plekken)::bigint as plekken_bezet
from running
inner join employers using (kvk)
