-- Every event that counts toward a strategic goal measure (seed strategische_doelen, column meting):
-- one row per person, measure, municipality and date.
with plaatsingen as (
    select * from {{ ref('mart_plaatsingen') }}
),

scores as (
    select persoon_id, peildatum, trede from {{ ref('int_ladder__scores') }}
),

placed_from_4_5 as (
    select 'PLAATSING_VANAF_TREDE_4_5' as meting, plaatsingen.persoon_id, plaatsingen.gemeentecode,
        plaatsingen.begindatum as datum
    from plaatsingen
    asof inner join scores
        on plaatsingen.persoon_id = scores.persoon_id
        and plaatsingen.begindatum >= scores.peildatum
    where plaatsingen.soort <> 'KLIMOPBAAN' and scores.trede in (4, 5)
),

trajecten as (
    select * from {{ ref('int_werkplein__trajecten_persoon') }}
)

select * from placed_from_4_5
union all
select 'SCHOLING_AFGEROND', persoon_id, gemeentecode, einddatum
from trajecten where instrument = 'SCHOLING' and strategisch_doel = 'SD2' and einddatum is not null
union all
select 'SCHOLING_GESTART', persoon_id, gemeentecode, begindatum
from trajecten where instrument = 'SCHOLING' and strategisch_doel = 'SD2'
union all
select 'ACTIVERING_GESTART', persoon_id, gemeentecode, begindatum
from trajecten where strategisch_doel = 'SD3'
union all
select 'KLIMOPBAAN_GESTART', persoon_id, gemeentecode, begindatum
from trajecten where instrument = 'KLIMOPBAAN'
union all
-- Zorg (Q), vervoer/logistiek (H), bouw (F), techniek/industrie (C), detailhandel (G), horeca (I): the sectors
-- the policy plan names for SD4.
select 'JONGEREN_KANSRIJKE_SECTOR', persoon_id, gemeentecode, begindatum
from plaatsingen where leeftijd_bij_start < 27 and sbi_sector in ('Q', 'H', 'F', 'C', 'G', 'I')
