-- Early school leavers per municipality, month and gender, by RMC status, with each count's cell key: the vsv part of
-- mart_jongeren. A person with two statuses counts once as registered; each count sums a person's key once.
-- Incremental per month: a refresh recomputes only the months whose input changed (int_rmc__maand_invoer, macro
-- maanden_te_doen) and keeps the rest; at national size with 60 months counting every month again took 1 s per
-- refresh and grew with the history (issue 15). A full build gives the same rows (tests/dbt/test_incremental.py).
{{ config(**per_maand(invoer='int_rmc__maand_invoer')) }}
{#- A column per RMC status of the seed codelijsten (vsv_status), named without its VSV_ prefix. #}
{%- set statussen = codelijst('vsv_status') | map('replace', 'VSV_', '') | list %}
{%- set sleutel = record_sleutel('persoon_id') %}

with te_doen as (
    {{ maanden_te_doen(ref('int_rmc__maand_invoer')) }}
),

per_person as (
    -- One row per person and cell with the RMC statuses they have.
    select
        {%- for status in statussen %}
            bool_or(lower(replace(vsv.status, 'VSV_', '')) = '{{ status | lower }}') as met_{{ status | lower }},
        {%- endfor %}
        vsv.gemeentecode,
        vsv.maand,
        vsv.maandeinde as peildatum,
        personen.geslacht,
        vsv.persoon_id,
        te_doen.maand_invoer
    from {{ ref('int_rmc__vsv_maand') }} as vsv
    inner join te_doen using (maand)
    inner join {{ ref('int_personen') }} as personen using (persoon_id)
    group by all
)

select
    {%- for status in statussen %}
        count(*) filter (where met_{{ status | lower }}) as vsv_{{ status | lower }},
        coalesce(sum({{ sleutel }}) filter (where met_{{ status | lower }}), 0) % 4294967296
            as sleutel_vsv_{{ status | lower }},
    {%- endfor %}
    gemeentecode,
    maand,
    peildatum,
    geslacht,
    count(*) as vsv_geregistreerd,
    sum({{ sleutel }}) % 4294967296 as sleutel_vsv_geregistreerd,
    maand_invoer
from per_person
group by all
