{#- A quarantine reason without the line numbers in it ("dubbel: kvk komt al voor op regel 138", "regel 20085 heeft 6
    velden, verwacht 5"): what went wrong, the same for every line it went wrong on. The line itself is in
    mart_quarantaine. -#}
{% macro reden_zonder_regel(reden) -%}
    regexp_replace(regexp_replace({{ reden }}, '^regel \d+:? ', ''), ' op regel \d+$', ' op een eerdere regel')
{%- endmacro %}
