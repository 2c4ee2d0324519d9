{#- Age band at a date, from completed years (date_sub counts whole years, unlike date_diff).
    Only the birth month is kept (docs/privacy.md): the birthday counts as the 1st of that month. At a month end
    that is exact; at a day within the birth month before the real birthday it is one year too old.
    `leeftijd`: those years already computed as a column (macro leeftijd_in_jaren). Written into each branch,
    date_sub ran up to four times a row: in int_doelgroep_maand at 60 months at scale 28 16.5 CPU-seconds, against
    5.6 computed once. -#}
{% macro leeftijdsklasse(geboortemaand, datum, leeftijd=none) -%}
    {%- set jaren = leeftijd if leeftijd is not none else leeftijd_in_jaren(geboortemaand, datum) -%}
    case
        when {{ geboortemaand }} is null then 'onbekend'
        when {{ jaren }} < 27 then '<27'
        when {{ jaren }} < 35 then '27-34'
        when {{ jaren }} < 45 then '35-44'
        when {{ jaren }} < 55 then '45-54'
        else '55+'
    end
{%- endmacro %}

{% macro leeftijd_in_jaren(geboortemaand, datum) -%}
    date_sub('year', {{ geboortemaand }}, {{ datum }})
{%- endmacro %}
