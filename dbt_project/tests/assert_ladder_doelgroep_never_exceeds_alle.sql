-- Reconciliation: no doelgroep counts more people on a trede than ALLE does, Twente-wide (a person is in ALLE once).
with per_doelgroep as (
    select peildatum, doelgroep, trede, sum(personen) as personen
    from {{ ref('mart_ladder_stand') }}
    group by all
)

select doelgroep.*
from per_doelgroep as doelgroep
inner join per_doelgroep as alle
    on alle.doelgroep = 'ALLE' and alle.peildatum = doelgroep.peildatum and alle.trede = doelgroep.trede
where doelgroep.personen > alle.personen
