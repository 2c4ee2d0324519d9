-- What each SROI contract obliges and what its linked placements realised up to the newest placements extract.
with peil as (
    select max(bestand_peildatum) as peildatum from {{ ref('stg_werkplein__plaatsingen') }}
),

linked as (
    -- Days each linked placement ran inside the contract period and before the peildatum (both ends count).
    select
        contracten.contract_id,
        plaatsingen.plaatsing_id,
        plaatsingen.uren_per_week,
        greatest(
            0,
            least(coalesce(plaatsingen.einddatum, peil.peildatum), contracten.einddatum, peil.peildatum)
            - greatest(plaatsingen.begindatum, contracten.begindatum) + 1
        ) as dagen
    from {{ ref('int_werkgevers__sroi') }} as contracten
    cross join peil
    inner join {{ ref('int_werkplein__plaatsingen') }} as plaatsingen
        on plaatsingen.sroi_contract_id = contracten.contract_id
),

hours as (
    select contract_id, count(*) as plaatsingen, sum(uren_per_week * dagen / 7.0) as uren
    from linked
    group by contract_id
)

select
    contracten.contract_id,
    contracten.kvk,
    contracten.omschrijving,
    contracten.contractwaarde_eur,
    contracten.sroi_pct,
    contracten.begindatum,
    contracten.einddatum,
    peil.peildatum,
    round(contracten.contractwaarde_eur * contracten.sroi_pct / 100, 2)::decimal(14, 2) as verplichting_eur,
    coalesce(hours.plaatsingen, 0) as plaatsingen,
    round(coalesce(hours.uren, 0), 1)::decimal(12, 1) as uren_gerealiseerd,
    round(coalesce(hours.uren, 0) * {{ var('sroi_waarde_per_uur') }}, 2)::decimal(14, 2) as gerealiseerd_eur,
    -- Share of the contract period that has passed at the peildatum, 0 to 1.
    least(1, greatest(0,
        (peil.peildatum - contracten.begindatum + 1) / (contracten.einddatum - contracten.begindatum + 1)
    ))::decimal(6, 4) as verstreken_aandeel
from {{ ref('int_werkgevers__sroi') }} as contracten
cross join peil
left join hours using (contract_id)
