{#- Pre-hook of mart_quarantaine: drop the rows of the loads that are no longer current (none of these columns is
    ever empty, so `not in` keeps its plain meaning). -#}
{% macro quarantaine_niet_meer_actueel(model) -%}
    {%- if is_incremental() %}
        delete from {{ model }}
        where (bestand, geladen_op) not in (
            select actueel.bestand, actueel.geladen_op from {{ ref('int_quarantaine__actueel') }} as actueel
        )
    {%- endif %}
{%- endmacro %}
