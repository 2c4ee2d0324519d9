-- The Werkplein client flow per month: bestand at the month end, instroom and uitstroom during the month,
-- outflow to work, and herinstroom within 6 and 12 months (as the Divosa benchmark measures them).
-- Incremental per month: a month's rows come from the month's bestand and flows, which the flows' fingerprint
-- (int_werkplein__stroom__maand_invoer) covers, the bestand of the month included; it also changes when the month
-- becomes the first monitored one or its herinstroom becomes known (kent_6m, kent_12m below). A refresh recomputes
-- only the months whose fingerprint changed or that are new (macro maanden_te_doen).
{{ config(**per_maand(invoer='int_werkplein__stroom__maand_invoer')) }}
{#- The counted people's record keys (macro record_sleutel), made with their month in int_werkplein__bestand. #}
{%- set sleutel = 'recordsleutel' %}
with te_doen as (
    {{ maanden_te_doen(ref('int_werkplein__stroom__maand_invoer')) }}
),

bestand as (
    select
        gemeentecode, maand, doelgroep, leeftijdsklasse, geslacht, count(*) as bestand,
        sum({{ sleutel }}) % 4294967296 as bestand_sleutel
    from {{ ref('int_werkplein__bestand') }}
    where maand in (select te_doen.maand from te_doen)
    group by all
),

stroom as (
    select
        gemeentecode,
        maand,
        doelgroep,
        leeftijdsklasse,
        geslacht,
        count(*) filter (where stroom = 'instroom') as instroom,
        count(*) filter (where stroom = 'uitstroom') as uitstroom,
        count(*) filter (where stroom = 'uitstroom' and reden_uitstroom = 'WERK') as uitstroom_werk,
        case
            when bool_and(herinstroom_6m is not null) filter (where stroom = 'uitstroom')
                then count(*) filter (where herinstroom_6m)
        end as herinstroom_6m,
        case
            when bool_and(herinstroom_12m is not null) filter (where stroom = 'uitstroom')
                then count(*) filter (where herinstroom_12m)
        end as herinstroom_12m,
        -- The cell keys of the counts above (app/celsleutel.py): the sum of the counted people's record keys.
        coalesce(sum({{ sleutel }}) filter (where stroom = 'instroom'), 0) % 4294967296 as instroom_sleutel,
        coalesce(sum({{ sleutel }}) filter (where stroom = 'uitstroom'), 0) % 4294967296 as uitstroom_sleutel,
        coalesce(sum({{ sleutel }}) filter (where stroom = 'uitstroom' and reden_uitstroom = 'WERK'), 0) % 4294967296
            as uitstroom_werk_sleutel,
        coalesce(sum({{ sleutel }}) filter (where herinstroom_6m), 0) % 4294967296 as herinstroom_6m_sleutel,
        coalesce(sum({{ sleutel }}) filter (where herinstroom_12m), 0) % 4294967296 as herinstroom_12m_sleutel
    from {{ ref('int_werkplein__stroom') }}
    where maand in (select te_doen.maand from te_doen)
    group by all
),

months as (
    select
        maand,
        maand = min(maand) over () as is_eerste_maand,
        maand + interval 6 month <= max(maand) over () as kent_6m,
        maand + interval 12 month <= max(maand) over () as kent_12m
    from {{ ref('int_maanden') }}
),

cells as (
    select
        gemeentecode,
        maand,
        doelgroep,
        leeftijdsklasse,
        geslacht,
        coalesce(bestand.bestand, 0) as bestand,
        coalesce(stroom.instroom, 0) as instroom,
        coalesce(stroom.uitstroom, 0) as uitstroom,
        coalesce(stroom.uitstroom_werk, 0) as uitstroom_werk,
        stroom.herinstroom_6m,
        stroom.herinstroom_12m,
        coalesce(bestand.bestand_sleutel, 0) as bestand_sleutel,
        coalesce(stroom.instroom_sleutel, 0) as instroom_sleutel,
        coalesce(stroom.uitstroom_sleutel, 0) as uitstroom_sleutel,
        coalesce(stroom.uitstroom_werk_sleutel, 0) as uitstroom_werk_sleutel,
        coalesce(stroom.herinstroom_6m_sleutel, 0) as herinstroom_6m_sleutel,
        coalesce(stroom.herinstroom_12m_sleutel, 0) as herinstroom_12m_sleutel
    from bestand
    full outer join stroom using (gemeentecode, maand, doelgroep, leeftijdsklasse, geslacht)
)

select
    cells.gemeentecode,
    cells.maand,
    cells.doelgroep,
    cells.leeftijdsklasse,
    cells.geslacht,
    cells.bestand::bigint as bestand,
    -- The first month has no month before it to compare with: its flows are unknown, not zero.
    case when not months.is_eerste_maand then cells.instroom end::bigint as instroom,
    case when not months.is_eerste_maand then cells.uitstroom end::bigint as uitstroom,
    case when not months.is_eerste_maand then cells.uitstroom_werk end::bigint as uitstroom_werk,
    case when months.kent_6m and not months.is_eerste_maand then coalesce(cells.herinstroom_6m, 0) end::bigint
        as herinstroom_6m,
    case when months.kent_12m and not months.is_eerste_maand then coalesce(cells.herinstroom_12m, 0) end::bigint
        as herinstroom_12m,
    case
        when months.kent_12m and not months.is_eerste_maand and cells.uitstroom > 0
            then round(100.0 * (cells.uitstroom - coalesce(cells.herinstroom_12m, 0)) / cells.uitstroom, 1)
    end::decimal(5, 1) as duurzame_uitstroom_pct,
    -- Each count's cell key, empty where the count is.
    cells.bestand_sleutel::bigint as bestand_sleutel,
    case when not months.is_eerste_maand then cells.instroom_sleutel end::bigint as instroom_sleutel,
    case when not months.is_eerste_maand then cells.uitstroom_sleutel end::bigint as uitstroom_sleutel,
    case when not months.is_eerste_maand then cells.uitstroom_werk_sleutel end::bigint as uitstroom_werk_sleutel,
    case when months.kent_6m and not months.is_eerste_maand then cells.herinstroom_6m_sleutel end::bigint
        as herinstroom_6m_sleutel,
    case when months.kent_12m and not months.is_eerste_maand then cells.herinstroom_12m_sleutel end::bigint
        as herinstroom_12m_sleutel,
    te_doen.maand_invoer
from cells
inner join months using (maand)
inner join te_doen using (maand)
