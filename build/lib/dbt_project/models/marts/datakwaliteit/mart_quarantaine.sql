-- Every bad cell of the current deliveries, with the file, line and reason the sender needs to fix it.
with current_loads as (
    select * from {{ ref('stg_ingest__laadlog') }}
    where status = 'geladen'
)

select
    current_loads.bron,
    current_loads.entiteit,
    quarantaine.tabel,
    quarantaine.bestand,
    current_loads.bestand_peildatum,
    quarantaine.regelnummer,
    quarantaine.kolom,
    quarantaine.waarde,
    quarantaine.reden,
    current_loads.klaar_op as geladen_op
from {{ ref('stg_ingest__quarantaine') }} as quarantaine
inner join current_loads using (laad_id)
