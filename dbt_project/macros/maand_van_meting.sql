{#-
  The month a measurement counts for. Sources date a stand on the 1st for the state at the end of the
  day before (a WSW or Wajong file dated 1 July holds peildatum 1 July), so a measurement counts for
  the month that ends on or just before its peildatum: 1 July → June, 15 July and 31 July → July.
-#}
{% macro maand_van_meting(peildatum) -%}
    date_trunc('month', {{ peildatum }} - 1)::date
{%- endmacro %}

{#- The measurements that count for month `maand` or a later one: a constant bound on the peildatum itself (made for
    the staging views, before whose window DuckDB applied it; the staging tables no longer need it as a constant). -#}
{% macro meting_vanaf_maand(peildatum, maand) -%}
    {{ peildatum }} > date '{{ maand }}'
{%- endmacro %}
