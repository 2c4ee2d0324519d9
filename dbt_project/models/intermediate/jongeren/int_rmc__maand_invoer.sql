-- A fingerprint per month of everything int_jongeren__vsv reads for that month: the early school leavers the month's
-- RMC snapshot lists (int_rmc__vsv_maand), with their status and the gender of their people (int_personen). A
-- refresh recomputes the months whose fingerprint changed or that are new (macro maanden_te_doen) and keeps the
-- rest. A full build gives the same rows (tests/dbt/test_incremental.py).
with vsv as (
    select
        vsv.maand,
        {{ vingerafdruk(['vsv.persoon_id', 'vsv.gemeentecode', 'vsv.status', 'personen.geslacht']) }}
    from {{ ref('int_rmc__vsv_maand') }} as vsv
    left join {{ ref('int_personen') }} as personen using (persoon_id)
    group by vsv.maand
)

select maanden.maand, maanden.maandeinde, hash(vsv.som, vsv.rijen) as invoer_hash
from {{ ref('int_maanden') }} as maanden
left join vsv using (maand)
