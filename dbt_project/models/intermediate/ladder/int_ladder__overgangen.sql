-- One row per step between a person's consecutive ladder scores, with the month it is counted in (the month
-- of the second score) and the month whose doelgroep, municipality, age band and gender it is counted under:
-- the month of the first score, or, when the person was in no doelgroep then (for instance because that
-- month lies before the monitored period), the first month after it, up to the second score, in which they
-- were; with the person's municipality, doelgroepen (bit mask), age band, gender and record key in that month
-- (int_doelgroep_maand__persoon, one row per person and month in a doelgroep), so that mart_ladder_overgangen and the
-- indicator cells, which share it, count the steps without joining them to every person and month again.
-- Incremental: a refresh deletes and computes again only the steps whose inputs it computed again (macro
-- overgangen_opnieuw: a person's from the first month computed again), and records the months of those steps for
-- mart_ladder_overgangen; a full build gives the same rows (tests/dbt/test_incremental.py).
{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook=["{{ overgangen_opnieuw(this) }}"],
        post_hook=["{{ overgangen_maanden_vastleggen(this) }}"],
    )
}}

with all_pairs as (
    select
        persoon_id,
        trede as trede_van,
        volgende_trede as trede_tot,
        maand as maand_van,
        {{ maand_van_meting('volgende_peildatum') }} as maand_tot
    from {{ ref('int_ladder__scores') }}
    where volgende_peildatum is not null
),

pairs as (
    select all_pairs.* from all_pairs
    {% if is_incremental() %}
        left join int_ladder__overgangen__opnieuw as opnieuw using (persoon_id)
        where all_pairs.maand_tot >= opnieuw.vanaf or {{ overgangen_van_iedereen('all_pairs') }}
    {% endif %}
),

{% if is_incremental() %}
    first_pairs as (
        select pairs.persoon_id, min(pairs.maand_van) as maand_van from pairs
        group by pairs.persoon_id
    ),
{% endif %}

persons as (
    -- A person's months in any doelgroep (those of ALLE), with their cell; in a refresh those from their first step
    -- computed again on (all their months were ten times as many rows at national size).
    select
        persons.persoon_id, persons.maand, persons.gemeentecode, persons.doelgroepen, persons.leeftijdsklasse,
        persons.geslacht, persons.recordsleutel
    from {{ ref('int_doelgroep_maand__persoon') }} as persons
    {% if is_incremental() %}
        inner join first_pairs
            on persons.persoon_id = first_pairs.persoon_id and persons.maand >= first_pairs.maand_van
    {% endif %}
)

-- The first month from the first score on in which the person was in a doelgroep, if it is not after the second: an
-- as-of join, which finds it without joining every month in between (a third less time at national size).
select
    pairs.persoon_id, pairs.trede_van, pairs.trede_tot, pairs.maand_van, pairs.maand_tot,
    persons.maand as maand_groep,
    persons.gemeentecode, persons.doelgroepen, persons.leeftijdsklasse, persons.geslacht, persons.recordsleutel
from pairs
inner join {{ ref('int_maanden') }} as months
    on pairs.maand_tot = months.maand
asof inner join persons
    on pairs.persoon_id = persons.persoon_id
    and pairs.maand_van <= persons.maand
where persons.maand <= pairs.maand_tot
