-- Every table and full-refreshed incremental model is built in place: its old relation dropped and the new one
-- created under its own name, in one transaction (a failed model rolls back and keeps its rows). dbt-duckdb does this
-- for tables with foreign keys only (has_foreign_key_constraints); for the rest it builds under a temporary name, then
-- renames the old one away, the new one into place and drops the old one: three more statements, their events and
-- catalog lookups, 12 % of a whole build of the story warehouse (measured, docs/performance.md). The swap protects
-- readers of the database being built; the monitor's readers never open that one (warehouse/publish.py builds aside).
-- The project declares no foreign keys, so nothing can reference a table that is dropped.
{% macro has_foreign_key_constraints(relation=none) -%}
    {{ return(true) }}
{%- endmacro %}

{% macro may_be_foreign_key_target(relation=none) -%}
    {{ return(false) }}
{%- endmacro %}
