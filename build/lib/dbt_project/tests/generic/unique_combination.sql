{#- The combination of `columns` identifies a row: no two rows share it (no package needed). -#}
{% test unique_combination(model, columns) %}
select {{ columns | join(', ') }}, count(*) as rijen
from {{ model }}
group by {{ columns | join(', ') }}
having count(*) > 1
{% endtest %}
