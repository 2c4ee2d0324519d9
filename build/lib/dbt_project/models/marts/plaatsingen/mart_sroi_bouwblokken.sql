-- Per SROI contract and bouwblok: the placements that count under that block and the value they realised.
with blocks as (
    select bouwblok, label, waarde_eur, eenheid from {{ ref('sroi_bouwblokken') }}
)

select
    plaatsingen.contract_id,
    coalesce(plaatsingen.bouwblok, 'GEEN') as bouwblok,
    coalesce(blocks.label, 'Telt niet (klimopbaan)') as label,
    blocks.waarde_eur as waarde_per_eenheid_eur,
    blocks.eenheid,
    count(*)::bigint as plaatsingen,
    (sum({{ record_sleutel('plaatsingen.plaatsing_id') }}) % 4294967296)::bigint as sleutel,
    round(sum(plaatsingen.waarde_eur), 2)::decimal(14, 2) as gerealiseerd_eur
from {{ ref('int_werkgevers__sroi_plaatsingen') }} as plaatsingen
left join blocks using (bouwblok)
group by all
