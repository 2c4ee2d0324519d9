-- Each placement linked to an SROI contract, valued by the bouwblokkenmethode of Oost-Nederland (seed
-- sroi_bouwblokken): which bouwblok it is, the person's doelgroep at its start, how long it ran inside the
-- contract period up to the newest placements extract, and its value.
with peil as (
    select max(bestand_peildatum) as peildatum from {{ ref('stg_werkplein__plaatsingen') }}
),

linked as (
    select
        contracten.contract_id,
        contracten.begindatum as contract_begindatum,
        contracten.einddatum as contract_einddatum,
        plaatsingen.plaatsing_id,
        plaatsingen.persoon_id,
        plaatsingen.soort,
        plaatsingen.begindatum,
        plaatsingen.einddatum,
        plaatsingen.uren_per_week,
        peil.peildatum,
        -- Days the placement ran inside the contract period, up to the peildatum; both ends count.
        greatest(
            0,
            least(coalesce(plaatsingen.einddatum, peil.peildatum), contracten.einddatum, peil.peildatum)
            - greatest(plaatsingen.begindatum, contracten.begindatum) + 1
        )::integer as dagen
    from {{ ref('int_werkgevers__sroi') }} as contracten
    cross join peil
    inner join {{ ref('int_werkplein__plaatsingen') }} as plaatsingen
        on contracten.contract_id = plaatsingen.sroi_contract_id
),

before_start as (
    -- The last month end before the placement began (the monitor's convention for a placement's situation).
    select linked.plaatsing_id, maanden.maand
    from linked
    asof inner join {{ ref('int_maanden') }} as maanden
        on linked.begindatum > maanden.maandeinde
),

bits as (
    -- The doelgroepen that make a placement count as the register's (seed doelgroepen).
    select bit_or(bit) as register_wsw_wajong from {{ ref('doelgroepen') }}
    where doelgroep in ('DOELGROEPREGISTER', 'WSW', 'WAJONG')
),

uwv_or_wsw as (
    -- In the UWV doelgroepregister on the start date, or counted in the register, the Wsw or the Wajong at the
    -- last month end before it. Two joins and a union: one correlated EXISTS under an OR was not decorrelated
    -- and took most of a refresh at scale 8. The month end from int_doelgroep_maand__persoon (a row per person and
    -- month, their doelgroepen as bits): int_doelgroep_maand's rows per doelgroep are more than twice as many, and
    -- its query took about 2.0 s instead of 0.6 at 60 months of national size, on every refresh.
    select linked.plaatsing_id
    from linked
    inner join {{ ref('int_uwv__registerperioden') }} as register
        on linked.persoon_id = register.persoon_id
        and {{ open_op('register.datum_opname', 'register.datum_afvoer', 'linked.begindatum') }}
    union
    select linked.plaatsing_id
    from linked
    inner join before_start using (plaatsing_id)
    inner join {{ ref('int_doelgroep_maand__persoon') }} as leden
        on before_start.maand = leden.maand
        and linked.persoon_id = leden.persoon_id
    cross join bits
    where leden.doelgroepen & bits.register_wsw_wajong <> 0
),

classified as (
    select
        linked.*,
        date_sub('year', personen.geboortemaand, linked.begindatum)::integer as leeftijd_bij_start,
        case
            when linked.plaatsing_id in (select uwv_or_wsw.plaatsing_id from uwv_or_wsw) then 'DOELGROEPREGISTER'
            when date_sub('year', personen.geboortemaand, linked.begindatum) >= 55 then 'PW_55PLUS'
            else 'PW'
        end as doelgroep_bij_start
    from linked
    left join {{ ref('int_personen') }} as personen using (persoon_id)
),

blocks as (
    select * from {{ ref('sroi_bouwblokken') }}
)

select
    classified.contract_id,
    classified.plaatsing_id,
    classified.persoon_id,
    classified.soort,
    classified.begindatum,
    classified.einddatum,
    classified.uren_per_week,
    classified.leeftijd_bij_start,
    classified.doelgroep_bij_start,
    blocks.bouwblok,
    classified.dagen,
    classified.peildatum,
    -- A year value counts for the share of a year the placement ran and of a full week (36 hours); a one-off
    -- value (a trial placement) counts once when the placement ran inside the contract period at all.
    case
        when blocks.bouwblok is null or classified.dagen = 0 then 0
        when blocks.eenheid like 'per jaar%'
            then blocks.waarde_eur * classified.dagen / 365 * least(1, classified.uren_per_week / 36)
        else blocks.waarde_eur
    end::decimal(14, 4) as waarde_eur
from classified
left join blocks
    on list_contains(string_split(blocks.plaatsingssoort, '|'), classified.soort)
    and (blocks.doelgroep is null or classified.doelgroep_bij_start = blocks.doelgroep)
