-- What followed the instruments that ended in a 12-month window whose outcome is fully known at a month m:
-- outflow to work within 12 months of the end and durability (no return within 12 months after that) need 24
-- months after the end, so the window is the 12 months that ended 24 months before m (end months m-35 to m-24).
with months as (
    select maand, maandeinde, min(maand) over () as eerste_maand from {{ ref('int_maanden') }}
),

windows as (
    -- Only windows of which every month has a known outflow: the first monitored month has no flows.
    select
        maand,
        maandeinde as gevolgd_tot,
        (maand - interval 35 month)::date as venster_begin,
        (maand - interval 24 month)::date as venster_einde
    from months
    where maand - interval 35 month >= eerste_maand + interval 1 month
)

select
    windows.maand,
    windows.venster_begin,
    windows.venster_einde,
    windows.gevolgd_tot,
    trajecten.gemeentecode,
    trajecten.doelgroepen,
    trajecten.instrument,
    trajecten.leeftijdsklasse,
    trajecten.geslacht,
    count(*)::bigint as beeindigd,
    count(distinct trajecten.persoon_id)::bigint as personen,
    coalesce(sum(trajecten.kosten_eur), 0)::decimal(14, 2) as kosten_eur,
    (count(distinct trajecten.persoon_id) filter (where trajecten.uitstroom_werk_12m))::bigint as uitstroom_werk_12m,
    (count(distinct trajecten.persoon_id) filter (where trajecten.duurzame_uitstroom_werk))::bigint
        as duurzame_uitstroom,
    -- The cell keys of the counts (app/celsleutel.py): instruments by traject_id, people once each.
    (sum({{ record_sleutel('trajecten.traject_id') }}) % 4294967296)::bigint as beeindigd_sleutel,
    (coalesce(list_sum(list_transform(
        list_distinct(list(trajecten.persoon_id)),
        lambda p: {{ record_sleutel('p') }}
    )), 0) % 4294967296)::bigint as personen_sleutel,
    (coalesce(list_sum(list_transform(
        list_distinct(list(trajecten.persoon_id) filter (where trajecten.uitstroom_werk_12m)),
        lambda p: {{ record_sleutel('p') }}
    )), 0) % 4294967296)::bigint as uitstroom_werk_12m_sleutel,
    (coalesce(list_sum(list_transform(
        list_distinct(list(trajecten.persoon_id) filter (where trajecten.duurzame_uitstroom_werk)),
        lambda p: {{ record_sleutel('p') }}
    )), 0) % 4294967296)::bigint
        as duurzame_uitstroom_sleutel
from windows
inner join {{ ref('int_werkplein__trajecten_persoon') }} as trajecten
    on date_trunc('month', trajecten.einddatum) between windows.venster_begin and windows.venster_einde
where trajecten.gemeentecode is not null
group by all
