{#-
  The record key of the cell key method (app/celsleutel.py): a fixed random 32-bit number per counted unit, from
  its pseudonym or id. md5 is stable across DuckDB versions (hash() is not); the suffix keeps the key apart from
  any other use of the same id. A cell's key is the sum of its units' keys modulo 2^32.
-#}
{% macro record_sleutel(id) -%}
    ('0x' || left(md5(cast({{ id }} as varchar) || '|semon-celsleutel'), 8))::ubigint
{%- endmacro %}
