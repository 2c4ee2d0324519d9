-- Young people (under 27) on bijstand per municipality, month and gender, by the trede of their ladder stand
-- (int_ladder__stand; without one they count in the total only), with each count's cell key: the bijstand part
-- of mart_jongeren. Incremental per month: a refresh recomputes only the months whose input changed (the people
-- in their doelgroepen and the ladder scores, int_ladder__maand_invoer; macro maanden_te_doen) and keeps the rest.
-- A full build gives the same rows (tests/dbt/test_incremental.py).
{{ config(**per_maand()) }}
{%- set sleutel = record_sleutel('members.persoon_id') %}

with te_doen as (
    {{ maanden_te_doen(ref('int_ladder__maand_invoer')) }}
),

stand as (
    -- The stands of the months to do only: a filter on the members alone had every stand read.
    select persoon_id, maand, trede from {{ ref('int_ladder__stand') }}
    where maand in (select te_doen.maand from te_doen)
)

-- A member is in int_doelgroep_maand once per doelgroep and month, with at most one ladder stand.
select
    members.gemeentecode,
    members.maand,
    members.maandeinde as peildatum,
    members.geslacht,
    count(*) as jongeren_bijstand,
    sum({{ sleutel }}) % 4294967296 as sleutel_jongeren_bijstand,
    {%- for trede in range(1, 7) %}
        count(*) filter (where stand.trede = {{ trede }}) as jongeren_bijstand_trede_{{ trede }},
        coalesce(sum({{ sleutel }}) filter (where stand.trede = {{ trede }}), 0) % 4294967296
            as sleutel_jongeren_bijstand_trede_{{ trede }},
    {%- endfor %}
    te_doen.maand_invoer
from {{ ref('int_doelgroep_maand') }} as members
inner join te_doen using (maand)
left join stand using (persoon_id, maand)
where members.doelgroep = 'PW' and members.leeftijdsklasse = '<27'
group by all
