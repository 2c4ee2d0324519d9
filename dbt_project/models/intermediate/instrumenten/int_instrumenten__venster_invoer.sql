-- The windows of mart_instrumenten_rendement and a fingerprint per window of everything it reads for one: the
-- instruments that ended in its 12 months, with their cell and outcomes (int_werkplein__trajecten_persoon). A window
-- needs no instrument that ended before it: a person counts in the window's first of their end months, whichever
-- came before. A refresh recomputes the windows whose fingerprint changed or that are new (macro maanden_te_doen)
-- and keeps the rest: nearly always only the new month's, where every window was computed again before (1.7 s per
-- refresh at national size with 60 months, none before 36 months: issue 15). A full build gives the same rows
-- (tests/dbt/test_incremental.py).
--
-- The window of month m: the 12 months that ended 24 months before m (end months m-35 to m-24), as outflow to work
-- within 12 months of the end and durability (no return within 12 months after that) need 24 months after it. Only
-- windows of which every month has a known outflow: the first monitored month has no flows.
with months as (
    select maand, maandeinde, min(maand) over () as eerste_maand from {{ ref('int_maanden') }}
),

windows as (
    select
        maand,
        maandeinde,
        (maand - interval 35 month)::date as venster_begin,
        (maand - interval 24 month)::date as venster_einde
    from months
    where maand - interval 35 month >= eerste_maand + interval 1 month
),

per_end_month as (
    select
        date_trunc('month', einddatum)::date as eindmaand,
        {{ vingerafdruk([
            'traject_id', 'persoon_id', 'einddatum', 'gemeentecode', 'doelgroepen', 'instrument', 'leeftijdsklasse',
            'geslacht', 'kosten_eur', 'uitstroom_werk_12m', 'duurzame_uitstroom_werk',
        ]) }}
    from {{ ref('int_werkplein__trajecten_persoon') }}
    where gemeentecode is not null and einddatum >= (select min(windows.venster_begin) from windows)
    group by all
)

select
    windows.maand,
    windows.maandeinde,
    windows.venster_begin,
    windows.venster_einde,
    hash(windows.venster_begin, coalesce(sum(per_end_month.som), 0), coalesce(sum(per_end_month.rijen), 0))
        as invoer_hash
from windows
left join per_end_month
    on per_end_month.eindmaand between windows.venster_begin and windows.venster_einde
group by windows.maand, windows.maandeinde, windows.venster_begin, windows.venster_einde
