{#-
  An incremental strategy for a model that is computed whole on every build but written where it differs (issue 15:
  what a refresh writes follows what arrived): `incremental_strategy='verschil'`. dbt runs the model's select whole
  into its temporary table, as in a full build; the strategy deletes the rows of the table that the new rows no
  longer have and appends the new rows it does not have yet. Rows are compared on every column (null equal to null)
  and counted as often as they occur, so a model with identical rows keeps as many as the new select has. A full
  build gives the same rows; what is written is the rows that differ, not the table.
-#}
{% macro get_incremental_verschil_sql(arg_dict) -%}
    {%- set target, nieuw = arg_dict['target_relation'], arg_dict['temp_relation'] -%}
    {%- set kolommen = arg_dict['dest_columns'] | map(attribute='quoted') | list -%}
    delete from {{ target }}
    where rowid in (
        select oud.rowid from ({{ verschil_genummerd(target, kolommen, 'rowid, ') }}) as oud
        anti join ({{ verschil_genummerd(nieuw, kolommen) }}) as nieuw
            on {{ verschil_gelijk(kolommen) }}
    );
    insert into {{ target }} ({{ kolommen | join(', ') }})
    select {% for kolom in kolommen %}{{ ', ' if not loop.first }}nieuw.{{ kolom }}{% endfor %}
    from ({{ verschil_genummerd(nieuw, kolommen) }}) as nieuw
    anti join ({{ verschil_genummerd(target, kolommen) }}) as oud
        on {{ verschil_gelijk(kolommen) }}
{%- endmacro %}

{#- The rows of `relation`, each numbered among the rows equal to it (1 for a row without an equal). -#}
{% macro verschil_genummerd(relation, kolommen, extra='') -%}
    select {{ extra }}{{ kolommen | join(', ') }},
        row_number() over (partition by {{ kolommen | join(', ') }}) as verschil_volgnummer
    from {{ relation }}
{%- endmacro %}

{#- Two numbered rows are the same row: every column equal (null to null) and the same number among their equals. -#}
{% macro verschil_gelijk(kolommen) -%}
    {%- for kolom in kolommen %}nieuw.{{ kolom }} is not distinct from oud.{{ kolom }} and {% endfor -%}
    nieuw.verschil_volgnummer = oud.verschil_volgnummer
{%- endmacro %}
