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
    -- The placements that fill the places: open at the month end, begun on or after joining, the earliest first, at
    -- most the commitment. A set of placements, so the filled places have a cell key (issue 11).
    select
        employers.kvk, months.maand, plaatsingen.plaatsing_id,
        row_number() over (
            partition by employers.kvk, months.maand order by plaatsingen.begindatum, plaatsingen.plaatsing_id
        ) as volgorde
    from employers
    cross join months
    inner join {{ ref('int_werkplein__plaatsingen') }} as plaatsingen
        on employers.kvk = plaatsingen.kvk
        and employers.datum_toetreding <= plaatsingen.begindatum
        and {{ open_op('plaatsingen.begindatum', 'plaatsingen.einddatum', 'months.maandeinde') }}
),

filled as (
    select
        running.kvk, running.maand, count(*) as plekken_bezet,
        sum({{ record_sleutel('running.plaatsing_id') }}) % 4294967296 as sleutel
    from running
    inner join employers on running.kvk = employers.kvk
    where running.volgorde <= employers.toezegging_plekken
    group by running.kvk, running.maand
)

select
    employers.kvk,
    employers.pact,
    employers.vestigingsgemeente as gemeentecode,
    months.maand,
    employers.toezegging_plekken::bigint as toezegging_plekken,
    coalesce(filled.plekken_bezet, 0)::bigint as plekken_bezet,
    coalesce(filled.sleutel, 0)::bigint as sleutel
from employers
cross join months
left join filled on employers.kvk = filled.kvk and months.maand = filled.maand
where employers.datum_toetreding <= months.maandeinde
