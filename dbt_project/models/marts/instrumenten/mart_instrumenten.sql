-- Instruments per month: running at the month end, started and ended in the month, their cost, and what
-- followed the ones that ended (outflow to work within 12 months, durable when no return within 6 months).
with trajecten as (
    -- Each instrument's record key once (md5), not once per month it runs.
    select *, {{ record_sleutel('traject_id') }} as traject_sleutel
    from {{ ref('int_werkplein__trajecten_persoon') }}
),

months as (
    select maand, maandeinde from {{ ref('int_maanden') }}
),

lopend as (
    select
        trajecten.gemeentecode, months.maand, trajecten.doelgroepen, trajecten.instrument, trajecten.leeftijdsklasse,
        trajecten.geslacht,
        count(*) as lopend,
        sum(trajecten.traject_sleutel) % 4294967296 as lopend_sleutel
    from trajecten
    inner join months
        on {{ open_op('trajecten.begindatum', 'trajecten.einddatum', 'months.maandeinde') }}
    group by all
),

gestart as (
    select
        gemeentecode, date_trunc('month', begindatum)::date as maand, doelgroepen, instrument, leeftijdsklasse,
        geslacht,
        count(*) as gestart,
        sum(kosten_eur) as kosten_eur,
        sum(traject_sleutel) % 4294967296 as gestart_sleutel
    from trajecten
    group by all
),

beeindigd as (
    select
        gemeentecode, date_trunc('month', einddatum)::date as maand, doelgroepen, instrument, leeftijdsklasse,
        geslacht,
        count(*) as beeindigd,
        sum(kosten_eur) as kosten_eur_beeindigd,
        case
            when bool_and(uitstroom_werk_12m is not null)
                then count(distinct persoon_id) filter (where uitstroom_werk_12m)
        end as uitstroom_werk_12m_na_einde,
        case
            when bool_and(duurzame_uitstroom_werk is not null)
                then count(distinct persoon_id) filter (where duurzame_uitstroom_werk)
        end as duurzame_uitstroom,
        sum(traject_sleutel) % 4294967296 as beeindigd_sleutel,
        -- The keys of the distinct people counted (a person with two instruments in the cell counts once).
        case
            when bool_and(uitstroom_werk_12m is not null)
                then (coalesce(list_sum(list_transform(
                    list_distinct(list(persoon_id) filter (where uitstroom_werk_12m)),
                    lambda p: {{ record_sleutel('p') }}
                )), 0) % 4294967296)
        end as uitstroom_werk_12m_na_einde_sleutel,
        case
            when bool_and(duurzame_uitstroom_werk is not null)
                then (coalesce(list_sum(list_transform(
                    list_distinct(list(persoon_id) filter (where duurzame_uitstroom_werk)),
                    lambda p: {{ record_sleutel('p') }}
                )), 0) % 4294967296)
        end as duurzame_uitstroom_sleutel
    from trajecten
    where einddatum is not null
    group by all
)

select
    gemeentecode,
    maand,
    doelgroepen,
    instrument,
    leeftijdsklasse,
    geslacht,
    coalesce(lopend.lopend, 0)::bigint as lopend,
    coalesce(gestart.gestart, 0)::bigint as gestart,
    coalesce(beeindigd.beeindigd, 0)::bigint as beeindigd,
    coalesce(gestart.kosten_eur, 0)::decimal(14, 2) as kosten_eur,
    coalesce(beeindigd.kosten_eur_beeindigd, 0)::decimal(14, 2) as kosten_eur_beeindigd,
    case when beeindigd.beeindigd is null then 0 else beeindigd.uitstroom_werk_12m_na_einde end::bigint
        as uitstroom_werk_12m_na_einde,
    case when beeindigd.beeindigd is null then 0 else beeindigd.duurzame_uitstroom end::bigint as duurzame_uitstroom,
    case
        when beeindigd.duurzame_uitstroom > 0
            then round(beeindigd.kosten_eur_beeindigd / beeindigd.duurzame_uitstroom, 2)
    end::decimal(14, 2)
        as kosten_per_duurzame_uitstroom,
    coalesce(lopend.lopend_sleutel, 0)::bigint as lopend_sleutel,
    coalesce(gestart.gestart_sleutel, 0)::bigint as gestart_sleutel,
    coalesce(beeindigd.beeindigd_sleutel, 0)::bigint as beeindigd_sleutel,
    case when beeindigd.beeindigd is null then 0 else beeindigd.uitstroom_werk_12m_na_einde_sleutel end::bigint
        as uitstroom_werk_12m_na_einde_sleutel,
    case when beeindigd.beeindigd is null then 0 else beeindigd.duurzame_uitstroom_sleutel end::bigint
        as duurzame_uitstroom_sleutel
from lopend
full outer join gestart using (gemeentecode, maand, doelgroepen, instrument, leeftijdsklasse, geslacht)
full outer join beeindigd using (gemeentecode, maand, doelgroepen, instrument, leeftijdsklasse, geslacht)
where maand in (select months.maand from months)
    and gemeentecode is not null  -- a person known to no source with a municipality cannot be placed on the map
