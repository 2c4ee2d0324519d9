{#-
  What a refresh of int_personen__bron merges (issue 15: the cost of a refresh must follow what arrived). Every source
  of a person is a snapshot or a measurement kept per file, so new loads only add rows, and as long as their files are
  newer than every file of their source a build that passed has seen, a person's newest row per source is the newest
  of the new rows when there are any, else the row kept. New: the rows of the files that loads after the last build
  that passed brought (intermediate.getest_laden, macros/nieuwe_laden.sql; after a failed build those files are merged
  again, which changes nothing). Everything is computed again (`personen_alles`) after a correction (ingest deletes the
  replaced load's rows) or a late delivery (a file not newer than one of its source already tested), as it is after a
  full build.
-#}
{% macro personen_alles() -%}
    {{ gecorrigeerd_sinds_getest() }}
    or exists (
        select 1 from {{ ref('stg_ingest__laadlog') }} as nieuw
        where
            nieuw.laad_id > {{ getest_tot() }}
            and nieuw.bestand_peildatum <= (
                select max(oud.bestand_peildatum) from {{ ref('stg_ingest__laadlog') }} as oud
                where oud.bron = nieuw.bron and oud.entiteit = nieuw.entiteit and oud.laad_id <= {{ getest_tot() }}
            )
    )
{%- endmacro %}

{#- A correction replaced a load since the last build that passed: its rows are gone from the files. -#}
{% macro gecorrigeerd_sinds_getest() -%}
    exists (select 1 from {{ ref('stg_ingest__laadlog') }} as l where l.vervangen_door > {{ getest_tot() }})
{%- endmacro %}

{#- The files new loads brought: each source's new rows are the rows of its own new files. -#}
{% macro personen_nieuwe_bestanden() -%}
    select l.bestand from {{ ref('stg_ingest__laadlog') }} as l
    where l.laad_id > {{ getest_tot() }}
{%- endmacro %}

{#- Whether this refresh computes everything again, asked when the model is compiled (just before it runs; its
    pre-hook deletes nothing that this reads): the model's filters are then constants, which DuckDB applied before the
    windows of the measurements' staging views (an `or` with a subquery reaches no scan); they are tables now. -#}
{% macro personen_alles_nu() -%}
    {%- if not execute -%}
        {{ return(true) }}
    {%- endif -%}
    {{ return(run_query('select ' ~ personen_alles()).columns[0].values()[0]) }}
{%- endmacro %}
