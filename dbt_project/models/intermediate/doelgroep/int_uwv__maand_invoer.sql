-- A fingerprint per month of everything mart_uwv reads for that month: who is in the Wajong or the
-- doelgroepregister then, with municipality, age band and gender (int_doelgroep_maand); the Wajong measurements
-- that count for the month; and the register periods open at its end, with their grondslag. A refresh recomputes
-- the months whose fingerprint changed or that are new (macro maanden_te_doen) and keeps the rest. A full build
-- gives the same rows (tests/dbt/test_incremental.py).
with maanden as (
    select maand, maandeinde from {{ ref('int_maanden') }}
),

leden as (
    select maand, {{ vingerafdruk(['persoon_id', 'doelgroep', 'gemeentecode', 'leeftijdsklasse', 'geslacht']) }}
    from {{ ref('int_doelgroep_maand') }}
    where doelgroep in ('WAJONG', 'DOELGROEPREGISTER')
    group by maand
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
    hash(leden.som, leden.rijen, wajong.som, wajong.rijen, register.som, register.rijen) as invoer_hash
from maanden
left join leden using (maand)
left join wajong using (maand)
left join register using (maand)
