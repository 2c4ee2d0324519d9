-- What followed the instruments that ended in a 12-month window whose outcome is fully known at a month m:
-- outflow to work within 12 months of the end and durability (no return within 12 months after that) need 24
-- months after the end, so the window is the 12 months that ended 24 months before m (end months m-35 to m-24;
-- int_instrumenten__venster_invoer).
-- Incremental per window: a refresh recomputes only the windows whose instruments changed or that are new (macro
-- maanden_te_doen) and keeps the rest.
{{ config(**per_maand(invoer='int_instrumenten__venster_invoer')) }}

with te_doen as (
    {{ maanden_te_doen(ref('int_instrumenten__venster_invoer')) }}
),

windows as (
    select
        te_doen.maand,
        te_doen.maandeinde as gevolgd_tot,
        te_doen.maand_invoer,
        vensters.venster_begin,
        vensters.venster_einde
    from te_doen
    inner join {{ ref('int_instrumenten__venster_invoer') }} as vensters using (maand)
),

ended as (
    -- One row per person, cell and month of the end: every window then sees a person's instruments of one month at
    -- once. The cell keys of the counts (app/celsleutel.py): instruments by traject_id, people once each.
    select
        date_trunc('month', einddatum)::date as eindmaand,
        gemeentecode,
        doelgroepen,
        instrument,
        leeftijdsklasse,
        geslacht,
        persoon_id,
        {{ record_sleutel('persoon_id') }} as persoon_sleutel,
        count(*) as beeindigd,
        sum(kosten_eur) as kosten_eur,
        sum({{ record_sleutel('traject_id') }}) as beeindigd_sleutel,
        bool_or(uitstroom_werk_12m) as uitstroom_werk_12m,
        bool_or(duurzame_uitstroom_werk) as duurzame_uitstroom_werk
    from {{ ref('int_werkplein__trajecten_persoon') }}
    where gemeentecode is not null and einddatum >= (select min(windows.venster_begin) from windows)
    group by all
),

earlier as (
    -- A person counts once per window and cell: in the window's first of their end months, so in the windows that
    -- begin after their end month before it (an end month before the first window to do changes none: all of those
    -- windows begin after it). Likewise for the outcomes, among the end months that had that outcome. This counts
    -- distinct people with one grouping per window and cell instead of one per person as well.
    select
        *,
        lag(eindmaand) over person_cell as vorige,
        max(eindmaand) filter (where uitstroom_werk_12m) over (
            person_cell rows between unbounded preceding and 1 preceding
        ) as vorige_uitstroom,
        max(eindmaand) filter (where duurzame_uitstroom_werk) over (
            person_cell rows between unbounded preceding and 1 preceding
        ) as vorige_duurzaam
    from ended
    window person_cell as (
        partition by gemeentecode, doelgroepen, instrument, leeftijdsklasse, geslacht, persoon_id order by eindmaand
    )
),

per_window as (
    select
        windows.maand,
        windows.venster_begin,
        windows.venster_einde,
        windows.gevolgd_tot,
        windows.maand_invoer,
        earlier.gemeentecode,
        earlier.doelgroepen,
        earlier.instrument,
        earlier.leeftijdsklasse,
        earlier.geslacht,
        earlier.beeindigd,
        earlier.kosten_eur,
        earlier.beeindigd_sleutel,
        earlier.persoon_sleutel,
        coalesce(earlier.vorige < windows.venster_begin, true) as eerste,
        earlier.uitstroom_werk_12m and coalesce(earlier.vorige_uitstroom < windows.venster_begin, true)
            as eerste_uitstroom,
        earlier.duurzame_uitstroom_werk and coalesce(earlier.vorige_duurzaam < windows.venster_begin, true)
            as eerste_duurzaam
    from windows
    inner join earlier on earlier.eindmaand between windows.venster_begin and windows.venster_einde
)

select
    maand,
    venster_begin,
    venster_einde,
    gevolgd_tot,
    gemeentecode,
    doelgroepen,
    instrument,
    leeftijdsklasse,
    geslacht,
    sum(beeindigd)::bigint as beeindigd,
    (count(*) filter (where eerste))::bigint as personen,
    coalesce(sum(kosten_eur), 0)::decimal(14, 2) as kosten_eur,
    -- One person's cost of one end month, the largest: the published cost's noise is scaled to it.
    coalesce(max(kosten_eur), 0)::decimal(14, 2) as kosten_eur_grootste,
    (count(*) filter (where eerste_uitstroom))::bigint as uitstroom_werk_12m,
    (count(*) filter (where eerste_duurzaam))::bigint as duurzame_uitstroom,
    (sum(beeindigd_sleutel) % 4294967296)::bigint as beeindigd_sleutel,
    (coalesce(sum(persoon_sleutel) filter (where eerste), 0) % 4294967296)::bigint as personen_sleutel,
    (coalesce(sum(persoon_sleutel) filter (where eerste_uitstroom), 0) % 4294967296)::bigint
        as uitstroom_werk_12m_sleutel,
    (coalesce(sum(persoon_sleutel) filter (where eerste_duurzaam), 0) % 4294967296)::bigint
        as duurzame_uitstroom_sleutel,
    maand_invoer
from per_window
group by all
