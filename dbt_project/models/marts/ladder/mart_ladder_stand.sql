-- People per trede at each month end: each person in a doelgroep with their newest ladder score of the
-- last 12 months (an older score says too little about today).
with members as (
    select *, maandeinde + 1 as grens
    from {{ ref('int_doelgroep_maand') }}
),

scores as (
    select persoon_id, peildatum, trede from {{ ref('int_ladder__scores') }}
),

scored as (
    select members.*, scores.trede, scores.peildatum as score_peildatum
    from members
    asof inner join scores
        on members.persoon_id = scores.persoon_id
        and members.grens >= scores.peildatum
)

select
    gemeentecode,
    maandeinde as peildatum,
    doelgroep,
    trede::tinyint as trede,
    leeftijdsklasse,
    geslacht,
    count(*) as personen
from scored
where score_peildatum > grens - interval 12 month
group by all
