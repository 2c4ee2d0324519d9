{#-
  The newest version of each measurement (ladder, Wajong, WSW): rows accumulate over files, and for the same
  key (person, peildatum, ...) the row of the newest file wins; within one date the later load, then the later
  line (extracts.md, "Snapshots and measurements"). The one piece of logic in staging: every consumer needs it.
  Used as the last clause of a staging model's select over its source.
-#}
{% macro newest_measurement(key) -%}
qualify row_number() over (
    partition by {{ key | join(', ') }}
    order by bestand_peildatum desc, laad_id desc, regelnummer desc
) = 1
{%- endmacro %}

{#- A measurement's staging model as a table kept up to date per key, instead of a view (issue 15: every reader of
    the view ran its window over every row of every file, on every refresh; at national size with 60 months, 13.9
    million Wajong rows in 5.9 s, read whole by several models). `{{ config(**meting_per_sleutel(key, bron)) }}`, with
    `bron` the model's source() and `key` that of newest_measurement. A refresh takes again each key of a row from a
    load newer than every row the table holds, and each key it holds from a load since replaced (a correction: an
    older file's row may count again); it replaces those keys' rows (delete+insert) by their newest row over all
    files (macro meting_opnieuw_filter in the model), and drops the keys left without any row (post-hook). A full
    build gives the same rows (tests/dbt/test_incremental.py). -#}
{% macro meting_per_sleutel(key, bron) -%}
    {{ return({
        'materialized': 'incremental',
        'incremental_strategy': 'delete+insert',
        'unique_key': key,
        'on_schema_change': 'fail',
        'pre_hook': ["{{ metingen_opnieuw(this, " ~ key ~ ", " ~ bron ~ ") }}"],
        'post_hook': ["{{ metingen_zonder_regel(this) }}"],
    }) }}
{%- endmacro %}

{#- Pre-hook: the keys a refresh takes again, once into a temporary table the model reads. -#}
{% macro metingen_opnieuw(model, key, bron) -%}
    {%- if is_incremental() -%}
        create or replace temp table {{ model.identifier }}__opnieuw as
        select distinct {{ key | join(', ') }} from {{ bron }} as nieuw
        where nieuw.laad_id > (select coalesce(max(done.laad_id), 0) from {{ model }} as done)
        union
        select {{ key | join(', ') }} from {{ model }} as done
        where done.laad_id not in ({{ metingen_geladen() }})
    {%- endif -%}
{%- endmacro %}

{#- In the model, on its source: in a refresh only the rows of the keys taken again. -#}
{% macro meting_opnieuw_filter(key, source='source') -%}
    {%- if is_incremental() %}
        where exists (
            select 1 from {{ this.identifier }}__opnieuw as opnieuw
            where {% for k in key %}opnieuw.{{ k }} = {{ source }}.{{ k }}{{ ' and ' if not loop.last }}{% endfor %}
        )
    {%- endif -%}
{%- endmacro %}

{#- Post-hook: a key whose every row came from a replaced load has none left to replace it: it goes. -#}
{% macro metingen_zonder_regel(model) -%}
    {%- if is_incremental() -%}
        delete from {{ model }} where laad_id not in ({{ metingen_geladen() }})
    {%- endif -%}
{%- endmacro %}

{% macro metingen_geladen() -%}
    select laadlog.laad_id from {{ ref('stg_ingest__laadlog') }} as laadlog where laadlog.status = 'geladen'
{%- endmacro %}
