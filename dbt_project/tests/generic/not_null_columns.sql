{#- None of `columns` is ever null. One test per model instead of one per column, each column its own
    `count(*) where column is null`: DuckDB answers that from the table's statistics without reading a row
    when they say the column has never held a null (a refresh's not-null tests then cost nothing however long the
    history), where one scan counting every column's nulls read them all. A failure lists each column with nulls
    and how many rows have them. -#}
{% test not_null_columns(model, columns) %}
with nulls as (
    {%- for column in columns %}
    select '{{ column }}' as kolom, count(*) as rijen from {{ model }} where {{ column }} is null
    {{- " union all" if not loop.last }}
    {%- endfor %}
)

select kolom, rijen
from nulls
where rijen > 0
{% endtest %}
