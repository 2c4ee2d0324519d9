{#- The fingerprint of a group of rows for the month-grain incremental models (macro maanden_te_doen): the sum of the
    rows' hashes of `kolommen`, which does not depend on row order, as `som`, and their count as `rijen`, which
    guards against rows that cancel out. Within one DuckDB version only (hash() may change with it). -#}
{% macro vingerafdruk(kolommen) -%}
    sum(hash({{ kolommen | join(', ') }})::hugeint) as som, count(*) as rijen
{%- endmacro %}
