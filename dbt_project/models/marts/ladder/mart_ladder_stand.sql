-- People per trede at each month end: each person in a doelgroep with their newest ladder score of the
-- last 12 months (int_ladder__stand).
select
    members.gemeentecode,
    members.maandeinde as peildatum,
    members.doelgroep,
    stand.trede,
    members.leeftijdsklasse,
    members.geslacht,
    count(*) as personen
from {{ ref('int_doelgroep_maand') }} as members
inner join {{ ref('int_ladder__stand') }} as stand using (persoon_id, maand)
group by all
