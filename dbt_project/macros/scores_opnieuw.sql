{#- The people a refresh of int_ladder__scores (`model`) computes again: those with a score in a load newer than its
    rows, and those with a row from a load that has since been replaced. Read by the model and by its pre-hook, which
    records them for its uniqueness test (macros/ongetest.sql). -#}
{% macro scores_opnieuw(model) -%}
    select nieuw.persoon_id from {{ ref('stg_werkplein__ladder') }} as nieuw
    where nieuw.laad_id > (select coalesce(max(done.laad_id), 0) from {{ model }} as done)
    union
    select done.persoon_id from {{ model }} as done
    where done.laad_id not in (
        select laadlog.laad_id from {{ ref('stg_ingest__laadlog') }} as laadlog
        where laadlog.status = 'geladen'
    )
{%- endmacro %}
