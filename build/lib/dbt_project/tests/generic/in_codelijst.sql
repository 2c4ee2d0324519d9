{#- The column holds only codes of `lijst`: the one place code lists are kept is the seed `codelijsten`; the two
    lists with attributes of their own are their own seeds (trede: treden, gemeentecode: gemeenten). `ook` names
    values a model adds itself (such as 'onbekend', or ALLE beside the regelingen). A list that the seed does not
    know fails the test too, so a typo in a yml cannot pass unnoticed. -#}
{% test in_codelijst(model, column_name, lijst, ook=[]) %}
with lijst as (
    {%- if lijst == 'trede' %}
    select trede::varchar as code from {{ ref('treden') }}
    {%- elif lijst == 'gemeentecode' %}
    select gemeentecode as code from {{ ref('gemeenten') }}
    {%- else %}
    select code from {{ ref('codelijsten') }} where lijst = '{{ lijst }}'
    {%- endif %}
),

toegestaan as (
    select code from lijst
    {%- for waarde in ook %}
    union all select '{{ waarde }}'
    {%- endfor %}
)

select {{ column_name }}::varchar as waarde, count(*) as rijen
from {{ model }}
where {{ column_name }} is not null
    and {{ column_name }}::varchar not in (select code from toegestaan)
group by 1
union all
select 'codelijst {{ lijst }} staat niet in de seeds', 0
where not exists (select 1 from lijst)
{% endtest %}
