{#- The codes of one list of the seed codelijsten, in its volgorde, for a Jinja loop (a column per code). The seed
    is the one place the lists are kept: a new code gets its own column, and the mart's enforced contract then fails
    the build until the yml names that column too (so a code is never counted in a total but in no part).
    At parse time (execute false) the list is empty; the ref makes the model depend on the seed. -#}
{% macro codelijst(lijst) %}
    {%- set relation = ref('codelijsten') -%}
    {%- if not execute -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set result = run_query("select code from " ~ relation ~ " where lijst = '" ~ lijst ~ "' order by volgorde") -%}
    {%- set codes = result.columns[0].values() | list -%}
    {%- if codes | length == 0 -%}
        {{ exceptions.raise_compiler_error("codelijst '" ~ lijst ~ "' staat niet in de seed codelijsten") }}
    {%- endif -%}
    {{ return(codes) }}
{% endmacro %}
