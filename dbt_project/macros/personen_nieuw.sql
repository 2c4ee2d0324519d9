{#-
  What a refresh of int_personen__bron merges (issue 15: the cost of a refresh must follow what arrived). Every source
  of a person is a snapshot or a measurement kept per file, so new loads only add rows, and a person's newest row per
  source is the newer of the one kept and the newest of the new rows. New: the rows of the dates that loads after the
  last build that passed brought (intermediate.getest_laden, macros/nieuwe_laden.sql; after a failed build those
  dates are merged again, which changes nothing). Only a correction takes rows away (ingest deletes the replaced
  load's rows), so after one everything is computed again (`personen_alles`), as it is after a full build.
-#}
{% macro personen_alles() -%}
    exists (
        select 1 from {{ ref('stg_ingest__laadlog') }} as l
        where l.vervangen_door > {{ getest_tot() }}
    )
{%- endmacro %}

{#- The dates of the rows new loads brought (of any source: re-merging a date of another source changes nothing). -#}
{% macro personen_nieuwe_data() -%}
    select l.bestand_peildatum from {{ ref('stg_ingest__laadlog') }} as l
    where l.laad_id > {{ getest_tot() }}
{%- endmacro %}
