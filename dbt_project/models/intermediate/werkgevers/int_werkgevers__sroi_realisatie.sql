-- What each SROI contract obliges and what its linked placements realised up to the newest placements extract.
with peil as (
    select max(bestand_peildatum) as peildatum from {{ ref('stg_werkplein__plaatsingen') }}
),

realised as (
    select
        contract_id, count(*) as plaatsingen, sum(waarde_eur) as gerealiseerd_eur,
        max(waarde_eur) as grootste_eur,
        (sum({{ record_sleutel('plaatsing_id') }}) % 4294967296)::bigint as sleutel
    from {{ ref('int_werkgevers__sroi_plaatsingen') }}
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
    coalesce(realised.plaatsingen, 0) as plaatsingen,
    -- The cell key of those placements (macro record_sleutel): the app publishes the amount with it.
    coalesce(realised.sleutel, 0)::bigint as sleutel,
    round(coalesce(realised.gerealiseerd_eur, 0), 2)::decimal(14, 2) as gerealiseerd_eur,
    -- The largest value of one placement: the noise on the contracts' totals is scaled to it (app/celsleutel.py).
    round(coalesce(realised.grootste_eur, 0), 2)::decimal(14, 2) as grootste_eur,
    -- Share of the contract period that has passed at the peildatum, 0 to 1.
    least(1, greatest(
        0,
        (peil.peildatum - contracten.begindatum + 1) / (contracten.einddatum - contracten.begindatum + 1)
    ))::decimal(6, 4) as verstreken_aandeel,
    case
        when peil.peildatum < contracten.begindatum then 'nog niet begonnen'
        when {{ open_op('contracten.begindatum', 'contracten.einddatum', 'peil.peildatum') }} then 'lopend'
        else 'afgerond'
    end as status
from {{ ref('int_werkgevers__sroi') }} as contracten
cross join peil
left join realised using (contract_id)
