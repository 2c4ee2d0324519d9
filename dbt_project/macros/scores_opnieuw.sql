{#- The people a refresh of int_ladder__scores (`model`) computes again: those with a score in a load newer than its
    rows, and those with a row from a load that has since been replaced; with the month of the first of those scores
    (`vanaf`: every score before it, and so every step between two of them, is as it was). Its first pre-hook works
    them out once into a temporary table (read by three statements); its second records them, from that month, for
    its uniqueness test and for int_ladder__overgangen (macros/ongetest.sql), and the model reads them
    (`scores_opnieuw_personen()`). -#}
{% macro scores_opnieuw(model) -%}
    create or replace temp table int_ladder__scores__opnieuw as
    select changed.persoon_id, min(changed.maand) as vanaf
    from (
        select nieuw.persoon_id, {{ maand_van_meting('nieuw.peildatum') }} as maand
        from {{ ref('stg_werkplein__ladder') }} as nieuw
        where nieuw.laad_id > (select coalesce(max(done.laad_id), 0) from {{ model }} as done)
        union all
        select done.persoon_id, done.maand from {{ model }} as done
        where done.laad_id not in ({{ metingen_geladen() }})
    ) as changed
    group by changed.persoon_id
{%- endmacro %}

{#- The people computed again, with their first month (`columns`). -#}
{% macro scores_opnieuw_personen(columns='opnieuw.persoon_id') -%}
    select {{ columns }} from int_ladder__scores__opnieuw as opnieuw
{%- endmacro %}
