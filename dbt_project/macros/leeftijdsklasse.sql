{#- Age band at a date, from completed years (date_sub counts whole years, unlike date_diff). -#}
{% macro leeftijdsklasse(geboortedatum, datum) -%}
    case
        when {{ geboortedatum }} is null then 'onbekend'
        when date_sub('year', {{ geboortedatum }}, {{ datum }}) < 27 then '<27'
        when date_sub('year', {{ geboortedatum }}, {{ datum }}) < 35 then '27-34'
        when date_sub('year', {{ geboortedatum }}, {{ datum }}) < 45 then '35-44'
        when date_sub('year', {{ geboortedatum }}, {{ datum }}) < 55 then '45-54'
        else '55+'
    end
{%- endmacro %}
