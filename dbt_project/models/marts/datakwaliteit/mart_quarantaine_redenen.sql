-- Why rows were quarantined, counted once per build for the data-quality page's overview: per source, table,
-- column and reason the bad cells, the lines they are on, and the first and newest delivery with them. The page
-- asked this of mart_quarantaine on every visit, which grows with every bad line ever delivered. It reads the layer
-- below, as mart_quarantaine does, not that mart. A reason is counted without the line numbers it names (a
-- duplicate's earlier line, the line that could not be split): with them, a national delivery made tens of thousands
-- of "reasons", one per line, and the overview as long as the list of bad lines.
with per_regel as (
    select
        bron, tabel, kolom, {{ reden_zonder_regel('reden') }} as reden, bestand, regelnummer, bestand_peildatum,
        count(*) as cellen
    from {{ ref('int_quarantaine__actueel') }}
    group by all
)

select
    bron,
    tabel,
    kolom,
    reden,
    sum(cellen)::bigint as cellen,
    count(*) as regels,
    min(bestand_peildatum) as eerste_peildatum,
    max(bestand_peildatum) as laatste_peildatum
from per_regel
group by bron, tabel, kolom, reden
