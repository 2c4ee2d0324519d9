{#- The people a refresh of int_ladder__scores (`model`) computes again: those with a score in a load newer than its
    rows, and those with a row from a load that has since been replaced. Its first pre-hook works them out once into a
    temporary table (read by three statements); its second records them for its uniqueness test
    (macros/ongetest.sql), and the model reads them (`scores_opnieuw_personen()`). -#}
{% macro scores_opnieuw(model) -%}
    create or replace temp table int_ladder__scores__opnieuw as
    select nieuw.persoon_id from {{ ref('stg_werkplein__ladder') }} as nieuw
    where nieuw.laad_id > (select coalesce(max(done.laad_id), 0) from {{ model }} as done)
    union
    select done.persoon_id from {{ model }} as done
    where done.laad_id not in ({{ metingen_geladen() }})
{%- endmacro %}

{% macro scores_opnieuw_personen() -%}
    select opnieuw.persoon_id from int_ladder__scores__opnieuw as opnieuw
{%- endmacro %}
