-- A fingerprint per month of everything mart_uwv reads for that month: who is in which doelgroep then, with
-- municipality, age band and gender (int_doelgroep_maand__maand_invoer, of every doelgroep where mart_uwv reads the
-- Wajong and the doelgroepregister); the Wajong measurements that count for the month; and the register periods open
-- at its end, with their grondslag. A refresh recomputes the months whose fingerprint changed or that are new (macro
-- maanden_te_doen) and keeps the rest. A full build gives the same rows (tests/dbt/test_incremental.py).
--
-- The members' part is the doelgroepen' fingerprint, which a refresh keeps up to date for the months
-- int_doelgroep_maand computed again only: a fingerprint of its own read every row of int_doelgroep_maand (131
-- million at national size with 60 months), which grew with the history (issue 15). A change in another doelgroep
-- makes mart_uwv count that month again for nothing; those are the months a delivery touches anyway.
with maanden as (
    select maand, maandeinde from {{ ref('int_maanden') }}
),

leden as (
    select maand, invoer_hash from {{ ref('int_doelgroep_maand__maand_invoer') }}
),

wajong as (
    select
        {{ maand_van_meting('peildatum') }} as maand,
        {{ vingerafdruk(['persoon_id', 'peildatum', 'regeling', 'werkend', 'arbeidsvermogen']) }}
    from {{ ref('stg_uwv__wajong') }}
    group by all
),

register as (
    select
        maanden.maand,
        {{ vingerafdruk(['perioden.persoon_id', 'perioden.grondslag', 'perioden.datum_opname']) }}
    from maanden
    inner join {{ ref('int_uwv__registerperioden') }} as perioden
        on {{ open_op('perioden.datum_opname', 'perioden.datum_afvoer', 'maanden.maandeinde') }}
    group by maanden.maand
)

select
    maanden.maand,
    maanden.maandeinde,
    hash(leden.invoer_hash, wajong.som, wajong.rijen, register.som, register.rijen) as invoer_hash
from maanden
left join leden using (maand)
left join wajong using (maand)
left join register using (maand)
