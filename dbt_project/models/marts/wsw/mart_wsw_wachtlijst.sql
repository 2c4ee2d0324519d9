-- The WSW waiting list per month: on the list at the month end, who joined and who left in the month, and why.
-- Incremental per month: a refresh recomputes only the months whose fingerprint changed or that are new (macro
-- maanden_te_doen, int_wsw__wachtlijst_maand_invoer) and keeps the rest.
{{ config(**per_maand(invoer='int_wsw__wachtlijst_maand_invoer')) }}

with te_doen as (
    {{ maanden_te_doen(ref('int_wsw__wachtlijst_maand_invoer')) }}
),

perioden as (
    select perioden.*, personen.geboortemaand, personen.geslacht
    from {{ ref('int_wsw__wachtlijstperioden') }} as perioden
    inner join {{ ref('int_personen') }} as personen using (persoon_id)
),

events as (
    select
        perioden.persoon_id, perioden.gemeentecode, months.maand,
        {{ leeftijdsklasse('perioden.geboortemaand', 'months.maandeinde') }} as leeftijdsklasse, perioden.geslacht,
        'op_lijst' as soort, null as reden_af
    from perioden
    inner join te_doen as months
        on {{ open_op('perioden.datum_op_wachtlijst', 'perioden.datum_af', 'months.maandeinde') }}
    union all
    select
        persoon_id, gemeentecode, date_trunc('month', datum_op_wachtlijst)::date as maand,
        {{ leeftijdsklasse('geboortemaand', 'datum_op_wachtlijst') }} as leeftijdsklasse, geslacht,
        'instroom' as soort, null as reden_af
    from perioden
    where date_trunc('month', datum_op_wachtlijst) in (select te_doen.maand from te_doen)
    union all
    select
        persoon_id, gemeentecode, date_trunc('month', datum_af)::date as maand,
        {{ leeftijdsklasse('geboortemaand', 'datum_af') }} as leeftijdsklasse, geslacht,
        'uitstroom' as soort, reden_af
    from perioden
    where date_trunc('month', datum_af) in (select te_doen.maand from te_doen)
),

gemerkt as (
    -- Each count counts a person once, so their key is summed once: on the first of their events of that kind in
    -- the cell (eerste), or of that kind and reason (eerste_reden).
    select
        events.*,
        te_doen.maand_invoer,
        {{ record_sleutel('events.persoon_id') }} as recordsleutel,
        row_number() over (
            partition by
                events.gemeentecode, events.maand, events.leeftijdsklasse, events.geslacht, events.soort,
                events.persoon_id
        ) = 1 as eerste,
        row_number() over (
            partition by
                events.gemeentecode, events.maand, events.leeftijdsklasse, events.geslacht, events.soort,
                events.reden_af, events.persoon_id
        ) = 1 as eerste_reden
    from events
    inner join te_doen using (maand)
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
        (
            coalesce(sum(recordsleutel) filter (
                where soort = 'uitstroom' and reden_af = '{{ reden }}' and eerste_reden
            ), 0) % 4294967296
        )::bigint as sleutel_uitstroom_{{ reden | lower }},
    {%- endfor %}
    (
        coalesce(sum(recordsleutel) filter (where soort = 'uitstroom' and reden_af is null and eerste_reden), 0)
        % 4294967296
    )::bigint as sleutel_uitstroom_onbekend,
    maand_invoer
from gemerkt
group by all
