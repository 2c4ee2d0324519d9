{#-
  What a refresh of mart_plaatsingen computes again (issue 15: the cost of a refresh follows what arrived). A row
  depends on its placement in int_werkplein__plaatsingen_persoon, on the person's other placements (paid work open 6
  and 12 months after the start makes it durable), on the employer's register entry (name, pact, social
  enterprise), and on the newest placements extract (durability is unknown past it). So a refresh computes again
  every placement of a person of whom one of these changed:
  - a placement's row in int_werkplein__plaatsingen_persoon is new, changed or gone;
  - the register's name, pact or social enterprise of one of their employers changed;
  - the newest extract moved across the day 6 or 12 months after one of their starts.
  The pre-hook writes those persons into a temporary table `mart_plaatsingen__te_doen` (every person in a full build,
  or without the last build's horizon) and deletes their rows; the post-hook keeps the horizon the build used in
  `intermediate.mart_plaatsingen__horizon` (not published with the mart).
-#}
{% macro plaatsingen_horizon(model) -%}
    {{ return(model.incorporate(path={'schema': 'intermediate', 'identifier': model.identifier ~ '__horizon'})) }}
{%- endmacro %}

{#- What a placement shows of its employer's register entry (`register`: int_werkgevers__register, left joined on
    kvk), by column: the mart selects these and the pre-hook compares them, so the two cannot drift apart. -#}
{% macro plaatsingen_werkgever(register) -%}
    {{ return({
        'werkgever': "coalesce(" ~ register ~ ".naam, 'Onbekende werkgever')",
        'pact': register ~ ".pact",
        'sociale_onderneming': "coalesce(" ~ register ~ ".sociale_onderneming, false)",
    }) }}
{%- endmacro %}

{#- The newest placements extract: durability can only be judged up to it. -#}
{% macro plaatsingen_nieuwste_levering() -%}
    select max(bestand_peildatum) as nieuwste_levering from {{ ref('stg_werkplein__plaatsingen') }}
{%- endmacro %}

{% macro plaatsingen_mart_te_doen(model) -%}
    {%- set horizon = plaatsingen_horizon(model) -%}
    {%- set bekend = is_incremental() and execute
        and adapter.get_relation(horizon.database, horizon.schema, horizon.identifier) is not none -%}
    create or replace temp table {{ model.identifier }}__te_doen as
    {%- if not bekend %}
        select distinct persoon_id from {{ ref('int_werkplein__plaatsingen_persoon') }}
    {%- else %}
        {#- The columns the mart takes over from int_werkplein__plaatsingen_persoon: those of the same name in both
            (so a column passed on later is compared too). #}
        {%- set bron = adapter.get_columns_in_relation(ref('int_werkplein__plaatsingen_persoon'))
            | map(attribute='name') | list %}
        {%- set kolommen = adapter.get_columns_in_relation(model) | map(attribute='name') | select('in', bron)
            | join(', ') %}
        with kept as (
            select * from {{ model }}
        ),

        bron as (
            select * from {{ ref('int_werkplein__plaatsingen_persoon') }}
        ),

        horizons as (
            select
                (select nieuwste_levering from {{ horizon }}) as vorige,
                (select nieuwste_levering from ({{ plaatsingen_nieuwste_levering() }})) as nu
        )

        -- A placement new, changed or gone (a changed person: both of them).
        select persoon_id from (
            (select {{ kolommen }} from bron except select {{ kolommen }} from kept)
            union all
            (select {{ kolommen }} from kept except select {{ kolommen }} from bron)
        )
        union
        -- An employer's register entry changed.
        select kept.persoon_id
        from kept
        left join {{ ref('int_werkgevers__register') }} as register using (kvk)
        where
        {%- for kolom, expressie in plaatsingen_werkgever('register').items() %}
            {% if not loop.first %}or {% endif %}kept.{{ kolom }} is distinct from {{ expressie }}
        {%- endfor %}
        union
        -- The newest extract moved across a start's 6 or 12 months: that durability became known or unknown.
        select kept.persoon_id
        from kept
        cross join horizons
        where horizons.vorige is distinct from horizons.nu
            and (
                horizons.vorige is null or horizons.nu is null
            {%- for months in [6, 12] %}
                {%- set dag = '(kept.begindatum + interval ' ~ months ~ ' month)::date' %}
                or (
                    {{ dag }} > least(horizons.vorige, horizons.nu)
                    and {{ dag }} <= greatest(horizons.vorige, horizons.nu)
                )
            {%- endfor %}
            )
    {%- endif %};
    {%- if bekend %}
        delete from {{ model }}
        where persoon_id in (select te_doen.persoon_id from {{ model.identifier }}__te_doen as te_doen)
    {%- elif is_incremental() %}
        delete from {{ model }}  -- built before its horizon was kept: made whole
    {%- endif %}
{%- endmacro %}

{#- The post-hook: the horizon this build used becomes the last build's. -#}
{% macro plaatsingen_horizon_vastleggen(model) -%}
    create or replace table {{ plaatsingen_horizon(model) }} as {{ plaatsingen_nieuwste_levering() }}
{%- endmacro %}
