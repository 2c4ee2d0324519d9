{#- The person's situation at the last month end before an event began (an instrument, a placement): the month,
    municipality and doelgroepen of int_doelgroep_maand__persoon (`persons`), for each row of `events` (a CTE with
    `key`, persoon_id and begindatum) whose person was in a doelgroep at some month end before it. The last month end
    before the start is that of the month before the start's month; most events have their person there, found by an
    equi-join. Only the rest go through the as-of join, which sorts every month of the people it reads (at 60 months
    of national size a third of the instruments' time, with the same rows). -#}
{% macro situatie_voor_start(events, key, persons) -%}
    with month_before as (
        select {{ events }}.{{ key }}, persons.maand, persons.gemeentecode, persons.doelgroepen
        from {{ events }}
        inner join {{ persons }} as persons
            on {{ events }}.persoon_id = persons.persoon_id
            and persons.maand = (date_trunc('month', {{ events }}.begindatum) - interval 1 month)::date
    ),

    rest as (
        select * from {{ events }}
        where {{ key }} not in (select month_before.{{ key }} from month_before)
    ),

    rest_persons as (
        select persoon_id, maand, maandeinde, gemeentecode, doelgroepen from {{ persons }}
        where persoon_id in (select rest.persoon_id from rest)
    )

    select * from month_before
    union all
    select rest.{{ key }}, rest_persons.maand, rest_persons.gemeentecode, rest_persons.doelgroepen
    from rest
    asof inner join rest_persons
        on rest.persoon_id = rest_persons.persoon_id
        and rest.begindatum > rest_persons.maandeinde
{%- endmacro %}
