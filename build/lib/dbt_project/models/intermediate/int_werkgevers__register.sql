-- Every employer ever in the register, in its newest version; `in_laatste_register` says whether the
-- newest register still lists it.
select
    * exclude (bestand_peildatum, bron_bestand, regelnummer),
    bestand_peildatum = max(bestand_peildatum) over () as in_laatste_register
from {{ ref('stg_werkgevers__register') }}
qualify row_number() over (partition by kvk order by bestand_peildatum desc) = 1
