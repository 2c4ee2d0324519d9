-- A fingerprint per month of everything the month-grain ladder models read for that month: who is in which
-- doelgroep, with which municipality, age band and gender, and the bits of the doelgroepen
-- (int_doelgroep_maand__maand_invoer); and the ladder scores that can count for its month end (those of the 12
-- months up to the 1st of the next month, int_ladder__stand). A refresh recomputes the months whose fingerprint
-- changed or that are new in int_ladder__stand and mart_ladder_stand (macro maanden_te_doen) and keeps the rest. A
-- full build gives the same rows (tests/dbt/test_incremental.py).
with maanden as (
    select maand, maandeinde, maandeinde + 1 as grens from {{ ref('int_maanden') }}
),

scores_per_dag as (
    select peildatum, {{ vingerafdruk(['persoon_id', 'peildatum', 'trede']) }}
    from {{ ref('int_ladder__scores') }}
    group by peildatum
),

scores as (
    -- The window of int_ladder__stand: a score counts for a month end when it lies in the 12 months up to the
    -- 1st of the next month.
    select maanden.maand, sum(per_dag.som) as som, sum(per_dag.rijen) as rijen
    from maanden
    inner join scores_per_dag as per_dag
        on maanden.grens >= per_dag.peildatum
        and maanden.grens - interval 12 month < per_dag.peildatum
    group by maanden.maand
)

select
    maanden.maand,
    maanden.maandeinde,
    hash(doelgroepen.invoer_hash, scores.som, scores.rijen) as invoer_hash
from maanden
inner join {{ ref('int_doelgroep_maand__maand_invoer') }} as doelgroepen using (maand)
left join scores using (maand)
