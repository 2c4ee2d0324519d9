-- Reconciliation: per peildatum, the treden of doelgroep ALLE add up to the distinct people in any doelgroep who
-- had a ladder score in the 12 months up to it (counted here without the ASOF join the mart uses).
with mart as (
    select peildatum, sum(personen) as personen
    from {{ ref('mart_ladder_stand') }}
    where doelgroep = 'ALLE'
    group by peildatum
),

independent as (
    select members.maandeinde as peildatum, count(distinct members.persoon_id) as personen
    from {{ ref('int_doelgroep_maand') }} as members
    where members.doelgroep = 'ALLE'
        and exists (
            select 1 from {{ ref('stg_werkplein__ladder') }} as scores
            where scores.persoon_id = members.persoon_id
                and scores.peildatum <= members.maandeinde + 1
                and scores.peildatum > members.maandeinde + 1 - interval 12 month
        )
    group by members.maandeinde
)

select *
from independent
full outer join mart using (peildatum)
where coalesce(independent.personen, 0) <> coalesce(mart.personen, 0)
