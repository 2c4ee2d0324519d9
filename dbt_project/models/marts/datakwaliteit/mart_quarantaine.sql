-- Every bad cell of the current deliveries, with the file, line and reason the sender needs to fix it.
select
    bron,
    entiteit,
    tabel,
    bestand,
    bestand_peildatum,
    regelnummer,
    kolom,
    waarde,
    reden,
    geladen_op
from {{ ref('int_quarantaine__actueel') }}
