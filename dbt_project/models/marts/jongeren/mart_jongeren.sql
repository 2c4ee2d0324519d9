-- Young people per month end: early school leavers by RMC status, young people on bijstand by trede, and
-- SD4 (young people placed in the sectors with the best prospects) since the start of the monitored period.
-- Each part counts people with one grouping per cell: a person's rows are made one before the cell counts them. The
-- vsv and bijstand parts are counted per month in their own models (int_jongeren__vsv, int_jongeren__bijstand),
-- which a refresh computes again only for the months whose input changed.
{#- A column per RMC status of the seed codelijsten (vsv_status), named without its VSV_ prefix. #}
{%- set statussen = codelijst('vsv_status') | map('replace', 'VSV_', '') | list %}
with months as (
    select maand, maandeinde from {{ ref('int_maanden') }}
),

vsv as (
    -- Counted per month in int_jongeren__vsv, which a refresh computes again only where its input changed.
    select * exclude (maand, maand_invoer) from {{ ref('int_jongeren__vsv') }}
),

bijstand as (
    -- Counted per month in int_jongeren__bijstand, which a refresh computes again only where its input changed.
    select * exclude (maand, maand_invoer) from {{ ref('int_jongeren__bijstand') }}
),

sd4_eerste as (
    -- SD4 counts a person from their first event since the start on, per cell (macro sinds_eerste_maand).
    select
        events.gemeentecode,
        personen.geslacht,
        events.persoon_id,
        date_trunc('month', min(events.datum))::date as maand
    from {{ ref('int_doelen__gebeurtenissen') }} as events
    inner join {{ ref('int_personen') }} as personen using (persoon_id)
    where events.meting = 'JONGEREN_KANSRIJKE_SECTOR' and events.datum >= (select min(months.maand) from months)
    group by all
),

sd4 as (
    select
        gemeentecode, maandeinde as peildatum, geslacht,
        personen as sd4_gerealiseerd, sleutel as sleutel_sd4_gerealiseerd
    from ({{ sinds_eerste_maand('sd4_eerste', ['gemeentecode', 'geslacht'], 'months') }})
)

select
    gemeentecode,
    peildatum,
    '<27' as leeftijdsklasse,
    geslacht,
    coalesce(vsv.vsv_geregistreerd, 0)::bigint as vsv_geregistreerd,
    {%- for status in statussen %}
        coalesce(vsv.vsv_{{ status | lower }}, 0)::bigint as vsv_{{ status | lower }},
    {%- endfor %}
    coalesce(bijstand.jongeren_bijstand, 0)::bigint as jongeren_bijstand,
    {%- for trede in range(1, 7) %}
        coalesce(bijstand.jongeren_bijstand_trede_{{ trede }}, 0)::bigint as jongeren_bijstand_trede_{{ trede }},
    {%- endfor %}
    coalesce(sd4.sd4_gerealiseerd, 0)::bigint as sd4_gerealiseerd,
    coalesce(vsv.sleutel_vsv_geregistreerd, 0)::bigint as sleutel_vsv_geregistreerd,
    {%- for status in statussen %}
        coalesce(vsv.sleutel_vsv_{{ status | lower }}, 0)::bigint as sleutel_vsv_{{ status | lower }},
    {%- endfor %}
    coalesce(bijstand.sleutel_jongeren_bijstand, 0)::bigint as sleutel_jongeren_bijstand,
    {%- for trede in range(1, 7) %}
        coalesce(bijstand.sleutel_jongeren_bijstand_trede_{{ trede }}, 0)::bigint
            as sleutel_jongeren_bijstand_trede_{{ trede }},
    {%- endfor %}
    coalesce(sd4.sleutel_sd4_gerealiseerd, 0)::bigint as sleutel_sd4_gerealiseerd
from vsv
full outer join bijstand using (gemeentecode, peildatum, geslacht)
full outer join sd4 using (gemeentecode, peildatum, geslacht)
