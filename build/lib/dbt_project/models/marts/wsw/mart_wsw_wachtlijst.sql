-- The WSW waiting list per month: on the list at the month end, who joined and who left in the month, and why.
with perioden as (
    select perioden.*, personen.geboortemaand, personen.geslacht
    from {{ ref('int_wsw__wachtlijstperioden') }} as perioden
    inner join {{ ref('int_personen') }} as personen using (persoon_id)
),

months as (
    select maand, maandeinde from {{ ref('int_maanden') }}
),

events as (
    select perioden.persoon_id, perioden.gemeentecode, months.maand,
        {{ leeftijdsklasse('perioden.geboortemaand', 'months.maandeinde') }} as leeftijdsklasse, perioden.geslacht,
        'op_lijst' as soort, null as reden_af
    from perioden
    inner join months
        on perioden.datum_op_wachtlijst <= months.maandeinde
        and (perioden.datum_af is null or perioden.datum_af > months.maandeinde)
    union all
    select persoon_id, gemeentecode, date_trunc('month', datum_op_wachtlijst)::date,
        {{ leeftijdsklasse('geboortemaand', 'datum_op_wachtlijst') }}, geslacht, 'instroom', null
    from perioden
    union all
    select persoon_id, gemeentecode, date_trunc('month', datum_af)::date,
        {{ leeftijdsklasse('geboortemaand', 'datum_af') }}, geslacht, 'uitstroom', reden_af
    from perioden
    where datum_af is not null
),

gemerkt as (
    -- Each count counts a person once, so their key is summed once: on the first of their events of that kind in
    -- the cell (eerste), or of that kind and reason (eerste_reden).
    select
        *,
        {{ record_sleutel('persoon_id') }} as recordsleutel,
        row_number() over (partition by gemeentecode, maand, leeftijdsklasse, geslacht, soort, persoon_id) = 1
            as eerste,
        row_number() over (
            partition by gemeentecode, maand, leeftijdsklasse, geslacht, soort, reden_af, persoon_id
        ) = 1 as eerste_reden
    from events
)

select
    gemeentecode,
    maand,
    leeftijdsklasse,
    geslacht,
    count(distinct persoon_id) filter (where soort = 'op_lijst') as op_lijst,
    count(distinct persoon_id) filter (where soort = 'instroom') as instroom,
    count(distinct persoon_id) filter (where soort = 'uitstroom') as uitstroom,
    {%- for reden in codelijst('reden_af') %}
    count(distinct persoon_id) filter (where soort = 'uitstroom' and reden_af = '{{ reden }}')
        as uitstroom_{{ reden | lower }},
    {%- endfor %}
    count(distinct persoon_id) filter (where soort = 'uitstroom' and reden_af is null) as uitstroom_onbekend,
    {%- for soort in ['op_lijst', 'instroom', 'uitstroom'] %}
    (coalesce(sum(recordsleutel) filter (where soort = '{{ soort }}' and eerste), 0) % 4294967296)::bigint
        as sleutel_{{ soort }},
    {%- endfor %}
    {%- for reden in codelijst('reden_af') %}
    (coalesce(sum(recordsleutel) filter (where soort = 'uitstroom' and reden_af = '{{ reden }}' and eerste_reden), 0)
        % 4294967296)::bigint as sleutel_uitstroom_{{ reden | lower }},
    {%- endfor %}
    (coalesce(sum(recordsleutel) filter (where soort = 'uitstroom' and reden_af is null and eerste_reden), 0)
        % 4294967296)::bigint as sleutel_uitstroom_onbekend
from gemerkt
where maand in (select maand from months)
group by all
