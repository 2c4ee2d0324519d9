-- SROI contracts: what each obliges, what its placements realised (bouwblokkenmethode), and where it stands:
-- a running contract is on track or not, an ended one met its obligation or not.
select
    sroi.contract_id,
    sroi.kvk,
    {{ plaatsingen_werkgever('register')['werkgever'] }} as werkgever,
    register.vestigingsgemeente,
    sroi.omschrijving,
    sroi.contractwaarde_eur,
    sroi.sroi_pct,
    sroi.begindatum,
    sroi.einddatum,
    sroi.peildatum,
    sroi.status,
    sroi.verplichting_eur,
    sroi.plaatsingen,
    sroi.sleutel,
    sroi.gerealiseerd_eur,
    sroi.grootste_eur,
    case
        when sroi.verplichting_eur > 0
            then round(100 * sroi.gerealiseerd_eur / sroi.verplichting_eur, 1)
    end::decimal(7, 1) as realisatie_pct,
    round(100 * sroi.verstreken_aandeel, 1)::decimal(5, 1) as verstreken_pct,
    round(sroi.verplichting_eur * sroi.verstreken_aandeel, 2)::decimal(14, 2) as verwacht_eur,
    case
        when sroi.status = 'lopend'
            then sroi.gerealiseerd_eur >= round(sroi.verplichting_eur * sroi.verstreken_aandeel, 2)
    end as op_koers,
    case when sroi.status = 'afgerond' then sroi.gerealiseerd_eur >= sroi.verplichting_eur end as behaald
from {{ ref('int_werkgevers__sroi_realisatie') }} as sroi
left join {{ ref('int_werkgevers__register') }} as register using (kvk)
