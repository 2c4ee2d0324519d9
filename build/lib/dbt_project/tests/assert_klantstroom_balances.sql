-- Reconciliation: per municipality and doelgroep, the change in bestand is exactly instroom − uitstroom.
with totals as (
    select gemeentecode, doelgroep, maand, sum(bestand) as bestand, sum(instroom) as instroom, sum(uitstroom) as uitstroom
    from {{ ref('mart_klantstroom') }}
    group by all
),

with_previous as (
    select
        totals.*,
        lag(bestand) over (partition by gemeentecode, doelgroep order by maand) as bestand_vorige,
        lag(maand) over (partition by gemeentecode, doelgroep order by maand) as vorige_maand
    from totals
)

select *
from with_previous
where instroom is not null
    -- A cell absent last month had bestand 0 then.
    and bestand - (case when vorige_maand = maand - interval 1 month then bestand_vorige else 0 end)
        <> instroom - uitstroom
