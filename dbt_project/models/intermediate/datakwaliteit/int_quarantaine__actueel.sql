-- Every bad cell of the current deliveries, with the file, line and reason the sender needs to fix it: the rows of
-- mart_quarantaine, and what mart_quarantaine_redenen counts (a view: both read it once per build).
{{ config(materialized='view') }}

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
