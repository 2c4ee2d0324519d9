-- Why rows were quarantined, counted once per build for the data-quality page's overview: per source, table,
-- column and reason the bad cells, the lines they are on, and the first and newest delivery with them. The page
-- asked this of mart_quarantaine on every visit, which grows with every bad line ever delivered. It reads the layer
-- below, as mart_quarantaine does, not that mart.
with per_regel as (
    select bron, tabel, kolom, reden, bestand, regelnummer, bestand_peildatum, count(*) as cellen
    from {{ ref('int_quarantaine__actueel') }}
    group by bron, tabel, kolom, reden, bestand, regelnummer, bestand_peildatum
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
