-- Strategic goals per month: distinct people who met the goal's measure within the policy period up to the
-- month end, against the target of each variant and against where a steady pace would be by now (pro rata).
with months as (
    select maand, maandeinde, min(maand) over () as eerste_maand from {{ ref('int_maanden') }}
),

goals as (
    -- A policy period that ended before the monitored period is laid onto it: the same length, from the first
    -- monitored month (docs/decisions.md). The plan's own period stays in the seed.
    select
        doelen.*,
        doelen.beleidsperiode_einde < first.eerste_maand as periode_verschoven,
        case when doelen.beleidsperiode_einde < first.eerste_maand
            then first.eerste_maand else doelen.beleidsperiode_begin end as periode_begin,
        case when doelen.beleidsperiode_einde < first.eerste_maand
            then (first.eerste_maand
                + to_months(datediff('month', doelen.beleidsperiode_begin, doelen.beleidsperiode_einde + 1))
                - interval 1 day)::date
            else doelen.beleidsperiode_einde end as periode_einde
    from {{ ref('strategische_doelen') }} as doelen
    cross join (select min(maand) as eerste_maand from months) as first
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
        and events.datum >= goals.periode_begin
        and events.datum <= least(months.maandeinde, goals.periode_einde)
    group by all
),

with_share as (
    select
        goals.*,
        months.maandeinde as peildatum,
        -- Share of the policy period passed at the month end, 0 to 1.
        least(1, greatest(0,
            (months.maandeinde - goals.periode_begin + 1) / (goals.periode_einde - goals.periode_begin + 1)
        )) as verstreken_aandeel
    from goals
    cross join months
)

select
    with_share.gemeentecode,
    with_share.peildatum,
    with_share.strategisch_doel,
    with_share.variant,
    with_share.doelgroep_omschrijving,
    with_share.doelgroep_omvang,
    with_share.doel_omschrijving,
    with_share.meting,
    with_share.beleidsperiode_begin,
    with_share.beleidsperiode_einde,
    with_share.periode_begin,
    with_share.periode_einde,
    with_share.periode_verschoven,
    with_share.doel,
    coalesce(realised.gerealiseerd, 0)::bigint as gerealiseerd,
    coalesce(realised.gerealiseerd_in_maand, 0)::bigint as gerealiseerd_in_maand,
    round(100.0 * coalesce(realised.gerealiseerd, 0) / with_share.doel, 1)::decimal(7, 1) as realisatie_pct,
    round(100 * with_share.verstreken_aandeel, 1)::decimal(5, 1) as verstreken_pct,
    round(with_share.doel * with_share.verstreken_aandeel)::bigint as verwacht
from with_share
left join realised
    on realised.gemeentecode = with_share.gemeentecode
    and realised.strategisch_doel = with_share.strategisch_doel
    and realised.variant = with_share.variant
    and realised.maandeinde = with_share.peildatum
