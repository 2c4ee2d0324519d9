-- Strategic goals per month: distinct people who met the goal's measure since the start of the monitored
-- period, against the target of each variant.
with goals as (
    select * from {{ ref('strategische_doelen') }}
),

months as (
    select maand, maandeinde, min(maand) over () as eerste_maand from {{ ref('int_maanden') }}
),

realised as (
    select goals.gemeentecode, goals.strategisch_doel, goals.variant, months.maandeinde,
        count(distinct events.persoon_id) as gerealiseerd,
        count(distinct events.persoon_id) filter (where events.datum >= months.maand) as gerealiseerd_in_maand
    from goals
    cross join months
    inner join {{ ref('int_doelen__gebeurtenissen') }} as events
        on events.meting = goals.meting
        and events.gemeentecode = goals.gemeentecode
        and events.datum >= months.eerste_maand
        and events.datum <= months.maandeinde
    group by all
)

select
    goals.gemeentecode,
    months.maandeinde as peildatum,
    goals.strategisch_doel,
    goals.variant,
    goals.doelgroep_omschrijving,
    goals.doelgroep_omvang,
    goals.doel_omschrijving,
    goals.meting,
    goals.doel,
    coalesce(realised.gerealiseerd, 0)::bigint as gerealiseerd,
    coalesce(realised.gerealiseerd_in_maand, 0)::bigint as gerealiseerd_in_maand,
    round(100.0 * coalesce(realised.gerealiseerd, 0) / goals.doel, 1)::decimal(7, 1) as realisatie_pct
from goals
cross join months
left join realised
    on realised.gemeentecode = goals.gemeentecode
    and realised.strategisch_doel = goals.strategisch_doel
    and realised.variant = goals.variant
    and realised.maandeinde = months.maandeinde
