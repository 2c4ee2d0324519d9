-- Wajong-uitkeringen per persoon en peildatum (meting).
-- A later file's row for the same persoon_id, peildatum replaces an earlier one (extracts.md).
with source as (
    select * from {{ source('uwv', 'uwv_wajong') }}
)

select
    persoon_id,
    gemeentecode,
    peildatum,
    regeling,
    arbeidsvermogen,
    werkend,
    bestand_peildatum,
    bron_bestand,
    regelnummer
from source
qualify row_number() over (
    partition by persoon_id, peildatum
    order by bestand_peildatum desc, laad_id desc, regelnummer desc
) = 1
