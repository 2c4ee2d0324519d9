-- SROI contracts, each in its newest known version (a contract's end date is always filled).
select
    contract_id,
    kvk,
    omschrijving,
    contractwaarde_eur,
    sroi_pct,
    begindatum,
    einddatum
from {{ ref('stg_werkgevers__sroi') }}
qualify row_number() over (partition by contract_id order by bestand_peildatum desc) = 1
