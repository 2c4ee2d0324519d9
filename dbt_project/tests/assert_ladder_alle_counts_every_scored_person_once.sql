-- Reconciliation: per peildatum, the cells (each person once) add up to the people in any doelgroep who had a
-- ladder score in the 12 months up to it, counted here without the ASOF join the mart uses: a score counts for
-- the month it measures and the 11 after it, and a person's overlapping stretches are merged into islands
-- (so the check stays a hash join on persoon_id at national size, where a join on the date range ran out of memory).
-- In a refresh the months mart_ladder_stand computed again since the last build that passed, after a full build every
-- month (macros/ongetest.sql). Scores measured over a year before the first of those months cover none of them, so
-- they are left out: the islands then differ only before that month.
with te_toetsen as (
    {{ ongetest_maanden_van('mart_ladder_stand') }}
),

scores as (
    select
        persoon_id,
        {{ maand_van_meting('peildatum') }} as vanaf,
        lag({{ maand_van_meting('peildatum') }}) over (partition by persoon_id order by peildatum) as vorige
    from {{ ref('stg_werkplein__ladder') }}
    -- a margin of a month beyond the 12 a score counts for: fewer scores left out than could be, none too many
    where peildatum >= (select min(te_toetsen.maand) - interval 13 month from te_toetsen)
),

numbered as (
    select
        persoon_id,
        vanaf,
        sum(case when vorige is null or vanaf > vorige + interval 12 month then 1 else 0 end)
            over (partition by persoon_id order by vanaf rows unbounded preceding) as eiland
    from scores
),

islands as (
    select persoon_id, min(vanaf) as vanaf, max(vanaf) + interval 11 month as tot
    from numbered
    group by persoon_id, eiland
),

mart as (
    select peildatum, sum(personen) as personen
    from {{ ref('mart_ladder_stand') }}
    where peildatum in (select te_toetsen.maandeinde from te_toetsen)
    group by peildatum
),

independent as (
    -- One ALLE row per person and month (a tested key), and islands do not overlap: count(*) counts people.
    select members.maandeinde as peildatum, count(*) as personen
    from {{ ref('int_doelgroep_maand') }} as members
    inner join islands
        on members.persoon_id = islands.persoon_id
        and members.maand between islands.vanaf and islands.tot
    where members.doelgroep = 'ALLE' and members.maand in (select te_toetsen.maand from te_toetsen)
    group by members.maandeinde
)

select peildatum, independent.personen as personen_onafhankelijk, mart.personen as personen_mart
from independent
full outer join mart using (peildatum)
where coalesce(independent.personen, 0) <> coalesce(mart.personen, 0)
