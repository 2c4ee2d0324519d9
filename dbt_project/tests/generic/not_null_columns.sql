{#- None of `columns` is ever null. One test per model instead of one per column: each test is a scan of the model,
    and a staging model is a view over the whole raw history, so one scan instead of ten. A failure lists each
    column with nulls and how many rows have them. -#}
{% test not_null_columns(model, columns) %}
with nulls as (
    select
        {%- for column in columns %}
        count(*) filter (where {{ column }} is null) as {{ column }}{{ "," if not loop.last }}
        {%- endfor %}
    from {{ model }}
)

select kolom, rijen
from nulls
unpivot (rijen for kolom in ({{ columns | join(', ') }}))
where rijen > 0
{% endtest %}
