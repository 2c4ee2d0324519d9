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
