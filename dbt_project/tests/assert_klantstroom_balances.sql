-- Reconciliation: per municipality and doelgroep, the change in bestand is exactly instroom − uitstroom.
with totals as (
    select
        gemeentecode, doelgroep, maand, sum(bestand) as bestand, sum(instroom) as instroom,
        sum(uitstroom) as uitstroom
    from {{ ref('mart_klantstroom') }}
    group by all
),

with_previous as (
    select
        totals.*,
        lag(totals.bestand) over (partition by totals.gemeentecode, totals.doelgroep order by totals.maand)
            as bestand_vorige,
        lag(totals.maand) over (partition by totals.gemeentecode, totals.doelgroep order by totals.maand)
            as vorige_maand
    from totals
)

select *
from with_previous
where instroom is not null
    -- A cell absent last month had bestand 0 then.
    and instroom - uitstroom <> bestand - if(vorige_maand = maand - interval 1 month, bestand_vorige, 0)
