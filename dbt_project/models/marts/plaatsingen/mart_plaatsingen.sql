-- One row per placement (newest known version), with the employer, the person's situation just before it
-- (int_werkplein__plaatsingen_persoon), and whether the person still works 6 and 12 months after its start.
-- Incremental per person: a refresh computes again every placement of a person whose placements, employers' register
-- entries or known durability may have changed (macros/plaatsingen_opnieuw.sql).
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook=["{{ plaatsingen_mart_te_doen(this) }}"],
    post_hook=["{{ plaatsingen_horizon_vastleggen(this) }}"],
) }}
{#- The soorten that are paid work; a klimopbaan, learning place or trial placement is not. -#}
{%- set werksoorten = "('REGULIER', 'LOONKOSTENSUBSIDIE', 'DETACHERING')" %}

with plaatsingen as (
    select * from {{ ref('int_werkplein__plaatsingen_persoon') }}
    {% if is_incremental() -%}
        where persoon_id in (select te_doen.persoon_id from mart_plaatsingen__te_doen as te_doen)
    {%- endif %}
),

horizon as (
    -- Durability can only be judged up to the newest placements extract.
    {{ plaatsingen_nieuwste_levering() }}
),

werk as (
    select persoon_id, begindatum, einddatum
    from plaatsingen
    where soort in {{ werksoorten }}
),

durability as (
    select
        {%- for months in [6, 12] %}
            {%- set dag = '(plaatsingen.begindatum + interval ' ~ months ~ ' month)::date' %}
            case
                when {{ dag }} > horizon.nieuwste_levering then null
                else exists (
                        select 1 from werk
                        where werk.persoon_id = plaatsingen.persoon_id
                            and {{ open_op('werk.begindatum', 'werk.einddatum', dag) }}
                    )
            end as duurzaam_{{ months }}m,
        {%- endfor %}
        plaatsingen.plaatsing_id
    from plaatsingen
    cross join horizon
)

select
    plaatsingen.plaatsing_id,
    plaatsingen.persoon_id,
    {{ record_sleutel('plaatsingen.plaatsing_id') }}::bigint as sleutel,
    {{ record_sleutel('plaatsingen.persoon_id') }}::bigint as persoon_sleutel,
    plaatsingen.gemeentecode,
    plaatsingen.kvk,
    {%- set werkgever = plaatsingen_werkgever('register') %}
    {{ werkgever['werkgever'] }} as werkgever,
    plaatsingen.sbi_sector,
    {{ werkgever['pact'] }} as pact,
    {{ werkgever['sociale_onderneming'] }} as sociale_onderneming,
    plaatsingen.soort,
    plaatsingen.soort in {{ werksoorten }} as betaald_werk,
    plaatsingen.begindatum,
    plaatsingen.einddatum,
    plaatsingen.uren_per_week,
    plaatsingen.loonwaarde_pct,
    plaatsingen.leeftijd_bij_start,
    plaatsingen.leeftijdsklasse,
    plaatsingen.geslacht,
    plaatsingen.doelgroepen,
    durability.duurzaam_6m,
    durability.duurzaam_12m,
    plaatsingen.sroi_contract_id
from plaatsingen
inner join durability using (plaatsing_id)
left join {{ ref('int_werkgevers__register') }} as register using (kvk)
