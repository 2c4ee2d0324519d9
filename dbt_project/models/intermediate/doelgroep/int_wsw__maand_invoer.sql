-- A fingerprint per month of everything mart_wsw reads for that month: the WSW measurements that count for it (macro
-- maand_van_meting), with the birth month and gender of their people (int_personen). A refresh recomputes the months
-- whose fingerprint changed or that are new (macro maanden_te_doen) and keeps the rest: at national size with 60
-- months, counting every month again took 2 s per refresh, and grew with the history (issue 15). A full build gives
-- the same rows (tests/dbt/test_incremental.py).
with werknemers as (
    select
        {{ maand_van_meting('werknemers.peildatum') }} as maand,
        {{ vingerafdruk([
            'werknemers.persoon_id', 'werknemers.peildatum', 'werknemers.gemeentecode', 'werknemers.sw_bedrijf',
            'werknemers.arbeidsvorm', 'werknemers.indicatie', 'werknemers.se', 'werknemers.uren_per_week',
            'personen.geboortemaand', 'personen.geslacht',
        ]) }}
    from {{ ref('stg_wsw__werknemers') }} as werknemers
    inner join {{ ref('int_personen') }} as personen using (persoon_id)
    group by all
)

select maanden.maand, maanden.maandeinde, hash(werknemers.som, werknemers.rijen) as invoer_hash
from {{ ref('int_maanden') }} as maanden
left join werknemers using (maand)
