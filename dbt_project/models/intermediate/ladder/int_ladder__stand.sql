-- Each person's trede at each month end in which they are in a doelgroep: their newest ladder score of the
-- last 12 months (an older score says too little about today). Shared by mart_ladder_stand and the
-- indicator cells, so "people on the ladder" is one number everywhere.
-- Incremental per month: a refresh recomputes only the months whose input changed (macro maanden_te_doen), and
-- records them for its uniqueness test (macros/ongetest.sql).
{{ config(**per_maand(ongetest=true)) }}

with te_doen as (
    {{ maanden_te_doen(ref('int_ladder__maand_invoer')) }}
),

members as (
    select
        members.persoon_id, members.maand, members.maandeinde, members.maandeinde + 1 as grens, te_doen.maand_invoer
    from {{ ref('int_doelgroep_maand') }} as members
    inner join te_doen using (maand)
    where members.doelgroep = 'ALLE'
),

scores as (
    -- Only the scores that can count for a month to do (those of the 12 months up to the 1st of the next month):
    -- the as-of join sorts all it reads, and the scores grow with the history while the months to do do not.
    select persoon_id, peildatum, trede from {{ ref('int_ladder__scores') }}
    where peildatum > (select min(te_doen.maandeinde) + 1 from te_doen) - interval 12 month
        and peildatum <= (select max(te_doen.maandeinde) + 1 from te_doen)
),

scored as (
    select members.*, scores.trede, scores.peildatum as score_peildatum
    from members
    asof inner join scores
        on members.persoon_id = scores.persoon_id
        and members.grens >= scores.peildatum
)

select persoon_id, maand, maandeinde, trede::tinyint as trede, score_peildatum, maand_invoer
from scored
where score_peildatum > grens - interval 12 month
