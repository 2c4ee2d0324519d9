-- People per trede at each month end: each person in a doelgroep with their newest ladder score of the
-- last 12 months (int_ladder__stand), once per cell; the cell's doelgroepen are the person's bit mask, so
-- any union of doelgroepen is a sum of cells.
-- Incremental per month: a refresh recomputes only the months whose input changed (macro maanden_te_doen), and
-- records them for the ladder's two reconciliations (tests/assert_ladder_*.sql, macro ongetest_maanden_van).
{{ config(**per_maand('peildatum', 'maandeinde', ongetest=true)) }}

with te_doen as (
    {{ maanden_te_doen(ref('int_ladder__maand_invoer'), 'maandeinde') }}
),

stand as (
    -- Both sides of the join on the months to do: the stands grow with the history.
    select persoon_id, maand, trede from {{ ref('int_ladder__stand') }}
    where maand in (select te_doen.maand from te_doen)
)

select
    persons.gemeentecode,
    persons.maandeinde as peildatum,
    persons.doelgroepen,
    stand.trede,
    persons.leeftijdsklasse,
    persons.geslacht,
    count(*) as personen,
    (sum(persons.recordsleutel) % 4294967296)::bigint as sleutel,
    te_doen.maand_invoer
from {{ ref('int_doelgroep_maand__persoon') }} as persons
inner join te_doen using (maand)
inner join stand using (persoon_id, maand)
group by all
