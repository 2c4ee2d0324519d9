{#-
  People counted from the month of their first event on (mart_doelen's goals, mart_jongeren's SD4): per group and
  month end, the people whose first month (`eersten`: a relation with the `groepen`, persoon_id and maand, one row
  per person and group) is on or before it, and the cell key of those people (macro record_sleutel). The people are
  counted per month of their first event first and those counts summed over the months up to each month end, so
  each person is read once and not once per later month (that grew with the square of the history). `maanden`: a
  relation with maand and maandeinde.
-#}
{% macro sinds_eerste_maand(eersten, groepen, maanden) -%}
    select
        {% for groep in groepen %}per_maand.{{ groep }}, {% endfor %}maanden.maandeinde,
        sum(per_maand.personen)::bigint as personen,
        sum(per_maand.sleutel) % 4294967296 as sleutel
    from (
        select {{ groepen | join(', ') }}, maand, count(*) as personen, sum({{ record_sleutel('persoon_id') }}) as sleutel
        from {{ eersten }}
        group by all
    ) as per_maand
    inner join {{ maanden }} as maanden on per_maand.maand <= maanden.maand
    group by all
{%- endmacro %}
