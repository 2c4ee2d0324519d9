-- Steps between a person's consecutive ladder scores, counted in the doelgroep, municipality, age band and
-- gender the person had at the end of the month of the first score (or, when the person was in no doelgroep
-- then — for instance because that month lies before the monitored period — the first month after it,
-- up to the second score, in which they were).
with pairs as (
    select
        persoon_id,
        trede as trede_van,
        volgende_trede as trede_tot,
        maand as maand_van,
        {{ maand_van_meting('volgende_peildatum') }} as maand_tot
    from {{ ref('int_ladder__scores') }}
    where volgende_peildatum is not null
),

attributed as (
    select pairs.*, min(alle.maand) as maand_groep
    from pairs
    inner join {{ ref('int_doelgroep_maand') }} as alle
        on alle.persoon_id = pairs.persoon_id
        and alle.doelgroep = 'ALLE'
        and alle.maand between pairs.maand_van and pairs.maand_tot
    group by all
)

select
    members.gemeentecode,
    members.doelgroep,
    last_day(pairs.maand_van)::date as peildatum_van,
    last_day(pairs.maand_tot)::date as peildatum_tot,
    pairs.trede_van::tinyint as trede_van,
    pairs.trede_tot::tinyint as trede_tot,
    (pairs.trede_tot - pairs.trede_van)::tinyint as stap,
    members.leeftijdsklasse,
    members.geslacht,
    count(distinct pairs.persoon_id) as personen
from attributed as pairs
inner join {{ ref('int_doelgroep_maand') }} as members
    on members.persoon_id = pairs.persoon_id
    and members.maand = pairs.maand_groep
inner join {{ ref('int_maanden') }} as months
    on months.maand = pairs.maand_tot
group by all
