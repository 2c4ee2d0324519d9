-- Early school leavers per month, as the newest RMC snapshot that describes the month knows them: the
-- snapshot dated no later than the 1st of the next month (an extract of 1 July shows the end of June).
-- A view (issue 15): as a table it was written whole on every refresh (28 MiB at 24 months at national size, 69 at
-- 60, growing with the history), while its readers each pay about 0.1 s for the join (a month's filter reaches the
-- snapshot's rows through the join on its date).
{{ config(materialized='view') }}
with months as (
    select maand, maandeinde from {{ ref('int_maanden') }}
),

vsv as (
    select * from {{ ref('stg_rmc__vsv') }}
),

files as (
    select distinct bestand_peildatum from vsv
),

snapshot_per_month as (
    select months.maand, months.maandeinde, max(files.bestand_peildatum) as bestand_peildatum
    from months
    inner join files
        on files.bestand_peildatum <= months.maandeinde + 1
    group by all
)

select
    snapshot_per_month.maand,
    snapshot_per_month.maandeinde,
    vsv.persoon_id,
    vsv.gemeentecode,
    vsv.datum_uitval,
    vsv.status
from vsv
inner join snapshot_per_month
    on vsv.bestand_peildatum = snapshot_per_month.bestand_peildatum
    and vsv.datum_uitval <= snapshot_per_month.maandeinde
