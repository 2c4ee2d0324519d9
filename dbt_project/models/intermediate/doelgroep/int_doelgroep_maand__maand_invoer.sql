-- A fingerprint per month of who is in which doelgroep, with which municipality, age band and gender
-- (int_doelgroep_maand), and of the bits of the doelgroepen (seed): everything int_doelgroep_maand__persoon and
-- int_werkplein__bestand read for that month. A refresh recomputes the months whose fingerprint changed or that are
-- new in those models (macro maanden_te_doen) and keeps the rest. Without the ladder's scores
-- (int_ladder__maand_invoer adds those): a late score changes the ladder's months, not these.
with leden as (
    select maand, {{ vingerafdruk(['persoon_id', 'doelgroep', 'gemeentecode', 'leeftijdsklasse', 'geslacht']) }}
    from {{ ref('int_doelgroep_maand') }}
    group by maand
),

bits as (
    select coalesce(sum(hash(doelgroep, bit)::hugeint), 0) as som from {{ ref('doelgroepen') }}
)

select
    maanden.maand,
    maanden.maandeinde,
    hash(leden.som, leden.rijen, bits.som) as invoer_hash
from {{ ref('int_maanden') }} as maanden
left join leden using (maand)
cross join bits
