-- Ladder scores with the month they count for and each person's next score, for stands and transitions.
select
    persoon_id,
    peildatum,
    trede,
    {{ maand_van_meting('peildatum') }} as maand,
    lead(peildatum) over per_person as volgende_peildatum,
    lead(trede) over per_person as volgende_trede
from {{ ref('stg_werkplein__ladder') }}
window per_person as (partition by persoon_id order by peildatum)
