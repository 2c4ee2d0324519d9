-- Young people per month end: early school leavers by RMC status, young people on bijstand by trede, and
-- SD4 (young people placed in the sectors with the best prospects) since the start of the monitored period.
{#- A column per RMC status of the seed codelijsten (vsv_status), named without its VSV_ prefix. #}
{%- set statussen = codelijst('vsv_status') | map('replace', 'VSV_', '') | list %}
with months as (
    select maand, maandeinde, min(maand) over () as eerste_maand from {{ ref('int_maanden') }}
),

vsv as (
    select
        vsv.gemeentecode, vsv.maandeinde as peildatum, personen.geslacht, vsv.persoon_id,
        'vsv_' || lower(replace(vsv.status, 'VSV_', '')) as maat
    from {{ ref('int_rmc__vsv_maand') }} as vsv
    inner join {{ ref('int_personen') }} as personen using (persoon_id)
),

bijstand as (
    select
        members.gemeentecode, members.maandeinde as peildatum, members.geslacht, members.persoon_id,
        'bijstand' as maat
    from {{ ref('int_doelgroep_maand') }} as members
    where members.doelgroep = 'PW' and members.leeftijdsklasse = '<27'
),

sd4 as (
    select
        events.gemeentecode, months.maandeinde as peildatum, personen.geslacht, events.persoon_id,
        'sd4' as maat
    from {{ ref('int_doelen__gebeurtenissen') }} as events
    inner join months
        on events.datum >= months.eerste_maand
        and events.datum <= months.maandeinde
    inner join {{ ref('int_personen') }} as personen using (persoon_id)
    where events.meting = 'JONGEREN_KANSRIJKE_SECTOR'
),

measures as (
    select * from vsv
    union all
    select * from bijstand
    union all
    select * from sd4
),

distinct_measures as (
    select distinct gemeentecode, peildatum, geslacht, persoon_id, maat from measures
),

gemerkt as (
    -- Each person once per measure and cell, so each count sums their key once; `eerste` marks one row per person
    -- among the RMC statuses (vsv_geregistreerd counts a person with two statuses once).
    select
        *,
        {{ record_sleutel('persoon_id') }} as recordsleutel,
        row_number() over (partition by gemeentecode, peildatum, geslacht, persoon_id, maat like 'vsv_%') = 1 as eerste
    from distinct_measures
),

counts as (
    select
        gemeentecode,
        peildatum,
        geslacht,
        -- Rows are distinct per person and measure (`eerste`: once among the RMC statuses), so count(*) counts
        -- people: eleven count(distinct) would each hash every row again.
        count(*) filter (where maat like 'vsv_%' and eerste) as vsv_geregistreerd,
        {%- for status in statussen %}
            count(*) filter (where maat = 'vsv_{{ status | lower }}') as vsv_{{ status | lower }},
        {%- endfor %}
        count(*) filter (where maat = 'bijstand') as jongeren_bijstand,
        count(*) filter (where maat = 'sd4') as sd4_gerealiseerd,
        coalesce(sum(recordsleutel) filter (where maat like 'vsv_%' and eerste), 0) % 4294967296
            as sleutel_vsv_geregistreerd,
        {%- for status in statussen %}
            coalesce(sum(recordsleutel) filter (where maat = 'vsv_{{ status | lower }}'), 0) % 4294967296
                as sleutel_vsv_{{ status | lower }},
        {%- endfor %}
        coalesce(sum(recordsleutel) filter (where maat = 'bijstand'), 0) % 4294967296 as sleutel_jongeren_bijstand,
        coalesce(sum(recordsleutel) filter (where maat = 'sd4'), 0) % 4294967296 as sleutel_sd4_gerealiseerd
    from gemerkt
    group by gemeentecode, peildatum, geslacht
),

treden as (
    {%- set sleutel = record_sleutel('members.persoon_id') %}
    select
        {%- for trede in range(1, 7) %}
            count(*) filter (where stand.trede = {{ trede }}) as jongeren_bijstand_trede_{{ trede }},
            coalesce(sum({{ sleutel }}) filter (where stand.trede = {{ trede }}), 0) % 4294967296
                as sleutel_jongeren_bijstand_trede_{{ trede }},
        {%- endfor %}
        members.gemeentecode,
        members.maandeinde as peildatum,
        members.geslacht
    from {{ ref('int_doelgroep_maand') }} as members
    inner join {{ ref('int_ladder__stand') }} as stand using (persoon_id, maand)
    where members.doelgroep = 'PW' and members.leeftijdsklasse = '<27'
    group by all
)

select
    gemeentecode,
    peildatum,
    '<27' as leeftijdsklasse,
    geslacht,
    coalesce(counts.vsv_geregistreerd, 0)::bigint as vsv_geregistreerd,
    {%- for status in statussen %}
        coalesce(counts.vsv_{{ status | lower }}, 0)::bigint as vsv_{{ status | lower }},
    {%- endfor %}
    coalesce(counts.jongeren_bijstand, 0)::bigint as jongeren_bijstand,
    {%- for trede in range(1, 7) %}
        coalesce(treden.jongeren_bijstand_trede_{{ trede }}, 0)::bigint as jongeren_bijstand_trede_{{ trede }},
    {%- endfor %}
    coalesce(counts.sd4_gerealiseerd, 0)::bigint as sd4_gerealiseerd,
    coalesce(counts.sleutel_vsv_geregistreerd, 0)::bigint as sleutel_vsv_geregistreerd,
    {%- for status in statussen %}
        coalesce(counts.sleutel_vsv_{{ status | lower }}, 0)::bigint as sleutel_vsv_{{ status | lower }},
    {%- endfor %}
    coalesce(counts.sleutel_jongeren_bijstand, 0)::bigint as sleutel_jongeren_bijstand,
    {%- for trede in range(1, 7) %}
        coalesce(treden.sleutel_jongeren_bijstand_trede_{{ trede }}, 0)::bigint
            as sleutel_jongeren_bijstand_trede_{{ trede }},
    {%- endfor %}
    coalesce(counts.sleutel_sd4_gerealiseerd, 0)::bigint as sleutel_sd4_gerealiseerd
from counts
full outer join treden using (gemeentecode, peildatum, geslacht)
