-- Ladder scores with the month they count for and each person's next score, for stands and transitions.
-- Incremental per person: a refresh recomputes only the people with a score in a load newer than the
-- last build or with a score from a load that has since been replaced (macro scores_opnieuw); their scores from the
-- last one before the month of the first changed one on, so each score's next score stays right (their whole
-- history, as before, rewrote more with every month of it). A full refresh gives the same rows
-- (tests/dbt/test_incremental.py). Those people are recorded, with the month of their first changed score, for its
-- uniqueness test, which in a refresh reads only them, and for int_ladder__overgangen, which keeps their steps
-- before that month (macros/ongetest.sql).
-- depends_on: {{ ref('stg_ingest__laadlog') }}
{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook=[
            "{% if is_incremental() %}{{ scores_opnieuw(this) }}{% endif %}",
            "{{ ongetest_vastleggen(this, scores_opnieuw_personen(), "
            "'select null::date as maand where false', 'false', persoon_vanaf='vanaf') }}",
            "{% if is_incremental() %}{{ scores_opnieuw_vergeten(this) }}{% endif %}",
        ],
    )
}}

with scores as (
    select ladder.persoon_id, ladder.peildatum, ladder.trede, ladder.laad_id
    from {{ ref('stg_werkplein__ladder') }} as ladder
    {% if is_incremental() %}
        -- The pre-hook deleted their rows from vanaf_peildatum on, every row of a replaced load among them (its
        -- month is vanaf or later), so no post-hook has to look for such rows in the whole table.
        inner join int_ladder__scores__opnieuw as opnieuw
            on ladder.persoon_id = opnieuw.persoon_id and ladder.peildatum >= opnieuw.vanaf_peildatum
    {% endif %}
)

select
    persoon_id,
    peildatum,
    trede,
    {{ maand_van_meting('peildatum') }} as maand,
    lead(peildatum) over per_person as volgende_peildatum,
    lead(trede) over per_person as volgende_trede,
    laad_id
from scores
window per_person as (partition by persoon_id order by peildatum)
