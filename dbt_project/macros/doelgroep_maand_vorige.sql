{#- The table of the fingerprints int_doelgroep_maand was last built with (its post-hook), or none before its first
    build with it (macros/doelgroep_maand_opnieuw.sql). A macro of its own, so SQLFluff can stand in for it. -#}
{% macro doelgroep_maand_vorige(model) -%}
    {{ return(adapter.get_relation(model.database, model.schema, model.identifier ~ '__vorige_invoer')) }}
{%- endmacro %}
