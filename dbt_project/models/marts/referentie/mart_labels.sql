-- Every code the dashboard shows, with its Dutch label, order and meaning: one place for the words on screen.
select lijst, code, label, volgorde, null::varchar as omschrijving from {{ ref('codelijsten') }}
union all
select
    'trede' as lijst,
    trede::varchar as code,
    trede::varchar || ' ' || naam as label,
    trede as volgorde,
    omschrijving
from {{ ref('treden') }}
union all
select 'doelgroep' as lijst, doelgroep as code, label, volgorde, omschrijving from {{ ref('doelgroepen') }}
union all
select
    'gemeente' as lijst,
    gemeentecode as code,
    naam as label,
    row_number() over (order by naam)::integer as volgorde,
    null as omschrijving
from {{ ref('gemeenten') }}
