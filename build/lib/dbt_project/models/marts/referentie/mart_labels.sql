-- Every code the dashboard shows, with its Dutch label, order and meaning: one place for the words on screen.
select lijst, code, label, volgorde, null::varchar as omschrijving from {{ ref('codelijsten') }}
union all
select 'trede', trede::varchar, trede::varchar || ' ' || naam, trede, omschrijving from {{ ref('treden') }}
union all
select 'doelgroep', doelgroep, label, volgorde, omschrijving from {{ ref('doelgroepen') }}
union all
select 'gemeente', gemeentecode, naam, row_number() over (order by naam)::integer, null from {{ ref('gemeenten') }}
