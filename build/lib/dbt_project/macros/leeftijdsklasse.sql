{#- Age band at a date, from completed years (date_sub counts whole years, unlike date_diff).
    Only the birth month is kept (docs/privacy.md): the birthday counts as the 1st of that month. At a month end
    that is exact; at a day within the birth month before the real birthday it is one year too old. -#}
{% macro leeftijdsklasse(geboortemaand, datum) -%}
    case
        when {{ geboortemaand }} is null then 'onbekend'
        when date_sub('year', {{ geboortemaand }}, {{ datum }}) < 27 then '<27'
        when date_sub('year', {{ geboortemaand }}, {{ datum }}) < 35 then '27-34'
        when date_sub('year', {{ geboortemaand }}, {{ datum }}) < 45 then '35-44'
        when date_sub('year', {{ geboortemaand }}, {{ datum }}) < 55 then '45-54'
        else '55+'
    end
{%- endmacro %}
