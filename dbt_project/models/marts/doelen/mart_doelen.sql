-- Strategic goals per month: distinct people who met the goal's measure within the policy period up to the
-- month end, against the target of each variant and against where a steady pace would be by now (pro rata).
with months as (
    select maand, maandeinde, min(maand) over () as eerste_maand from {{ ref('int_maanden') }}
),

first_month as (
    select min(maand) as eerste_maand from months
),

goals as (
    -- A policy period that ended before the monitored period is laid onto it: the same length, from the first
    -- monitored month (docs/decisions.md). The plan's own period stays in the seed.
    select
        doelen.*,
        doelen.beleidsperiode_einde < first_month.eerste_maand as periode_verschoven,
        case
            when doelen.beleidsperiode_einde < first_month.eerste_maand then first_month.eerste_maand
            else doelen.beleidsperiode_begin
        end as periode_begin,
        case
            when doelen.beleidsperiode_einde < first_month.eerste_maand
                then (
                    first_month.eerste_maand
                    + to_months(datediff('month', doelen.beleidsperiode_begin, doelen.beleidsperiode_einde + 1))
                    - interval 1 day
                )::date
            else doelen.beleidsperiode_einde
        end as periode_einde
    from {{ ref('strategische_doelen') }} as doelen
    cross join first_month
),

goal_events as (
    -- The events that count for a goal: its measure, in its municipality and policy period.
    select
        goals.gemeentecode, goals.strategisch_doel, goals.variant, events.persoon_id, events.datum,
        date_trunc('month', events.datum)::date as maand
    from goals
    inner join {{ ref('int_doelen__gebeurtenissen') }} as events
        on goals.meting = events.meting
        and goals.gemeentecode = events.gemeentecode
        and goals.periode_begin <= events.datum
        and goals.periode_einde >= events.datum
),

firsts as (
    -- A person counts from the month of their first event in the period on (macro sinds_eerste_maand).
    select gemeentecode, strategisch_doel, variant, persoon_id, min(maand) as maand
    from goal_events
    group by all
),

in_month as (
    -- The people with an event in the month itself (each once).
    select gemeentecode, strategisch_doel, variant, maand, count(distinct persoon_id) as personen
    from goal_events
    group by all
),

realised as (
    -- gerealiseerd with its cell key (issue 11: the app publishes it with the key).
    {{ sinds_eerste_maand('firsts', ['gemeentecode', 'strategisch_doel', 'variant'], 'months') }}
),

with_share as (
    select
        goals.*,
        months.maandeinde as peildatum,
        -- Share of the policy period passed at the month end, 0 to 1.
        least(1, greatest(
            0,
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
    coalesce(realised.personen, 0)::bigint as gerealiseerd,
    coalesce(in_month.personen, 0)::bigint as gerealiseerd_in_maand,
    coalesce(realised.sleutel, 0)::bigint as sleutel,
    round(100.0 * coalesce(realised.personen, 0) / with_share.doel, 1)::decimal(7, 1) as realisatie_pct,
    round(100 * with_share.verstreken_aandeel, 1)::decimal(5, 1) as verstreken_pct,
    round(with_share.doel * with_share.verstreken_aandeel)::bigint as verwacht
from with_share
left join realised
    on with_share.gemeentecode = realised.gemeentecode
    and with_share.strategisch_doel = realised.strategisch_doel
    and with_share.variant = realised.variant
    and with_share.peildatum = realised.maandeinde
left join in_month
    on with_share.gemeentecode = in_month.gemeentecode
    and with_share.strategisch_doel = in_month.strategisch_doel
    and with_share.variant = in_month.variant
    and date_trunc('month', with_share.peildatum) = in_month.maand
