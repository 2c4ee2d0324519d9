-- One row per employer: pact membership and commitments against the placements they took, and SROI.
with employers as (
    select
        kvk, naam, sbi_sector, vestigingsgemeente, grootteklasse, pact, datum_toetreding, toezegging_plekken,
        sociale_onderneming, in_laatste_register
    from {{ ref('int_werkgevers__register') }}
    union all
    -- Employers that placements name but the register does not know: shown, so nothing is lost.
    select distinct
        kvk,
        'Onbekende werkgever' as naam,
        null as sbi_sector,
        null as vestigingsgemeente,
        null as grootteklasse,
        null as pact,
        null as datum_toetreding,
        null as toezegging_plekken,
        false as sociale_onderneming,
        false as in_laatste_register
    from {{ ref('int_werkplein__plaatsingen') }}
    where kvk not in (select register.kvk from {{ ref('int_werkgevers__register') }} as register)
),

peil as (
    select max(bestand_peildatum) as peildatum from {{ ref('stg_werkplein__plaatsingen') }}
),

placements as (
    select
        plaatsingen.kvk,
        count(*) as plaatsingen_totaal,
        count(*) filter (
            where {{ open_op('plaatsingen.begindatum', 'plaatsingen.einddatum', 'peil.peildatum') }}
        ) as plaatsingen_lopend,
        count(*) filter (where plaatsingen.begindatum >= employers.datum_toetreding) as plaatsingen_sinds_toetreding,
        (sum({{ record_sleutel('plaatsingen.plaatsing_id') }}) % 4294967296)::bigint as plaatsingen_totaal_sleutel,
        (coalesce(sum({{ record_sleutel('plaatsingen.plaatsing_id') }}) filter (
            where {{ open_op('plaatsingen.begindatum', 'plaatsingen.einddatum', 'peil.peildatum') }}
        ), 0) % 4294967296)::bigint as plaatsingen_lopend_sleutel,
        (coalesce(sum({{ record_sleutel('plaatsingen.plaatsing_id') }}) filter (
            where plaatsingen.begindatum >= employers.datum_toetreding
        ), 0) % 4294967296)::bigint as plaatsingen_sinds_toetreding_sleutel,
        count(distinct plaatsingen.persoon_id) as personen
    from {{ ref('int_werkplein__plaatsingen') }} as plaatsingen
    cross join peil
    inner join employers using (kvk)
    group by plaatsingen.kvk
),

bezetting as (
    -- Pact places filled at the end of the newest month: the one definition (int_werkgevers__pact_bezetting).
    select kvk, plekken_bezet, sleutel as plekken_bezet_sleutel
    from {{ ref('int_werkgevers__pact_bezetting') }}
    where maand = (select max(alle_maanden.maand) from {{ ref('int_werkgevers__pact_bezetting') }} as alle_maanden)
),

sroi as (
    select
        kvk, sum(verplichting_eur) as sroi_verplichting_eur, sum(gerealiseerd_eur) as sroi_gerealiseerd_eur,
        sum(plaatsingen) as sroi_plaatsingen, (sum(sleutel) % 4294967296)::bigint as sroi_sleutel
    from {{ ref('int_werkgevers__sroi_realisatie') }}
    group by kvk
)

select
    employers.kvk,
    employers.naam as werkgever,
    employers.sbi_sector,
    employers.vestigingsgemeente,
    employers.grootteklasse,
    employers.pact,
    employers.datum_toetreding,
    employers.sociale_onderneming,
    employers.in_laatste_register,
    employers.toezegging_plekken,
    coalesce(placements.plaatsingen_lopend, 0) as plaatsingen_lopend,
    coalesce(placements.plaatsingen_totaal, 0) as plaatsingen_totaal,
    coalesce(placements.plaatsingen_sinds_toetreding, 0) as plaatsingen_sinds_toetreding,
    coalesce(placements.plaatsingen_lopend_sleutel, 0)::bigint as plaatsingen_lopend_sleutel,
    coalesce(placements.plaatsingen_totaal_sleutel, 0)::bigint as plaatsingen_totaal_sleutel,
    coalesce(placements.plaatsingen_sinds_toetreding_sleutel, 0)::bigint as plaatsingen_sinds_toetreding_sleutel,
    coalesce(placements.personen, 0) as personen,
    case when employers.toezegging_plekken > 0 then coalesce(bezetting.plekken_bezet, 0) end::bigint as plekken_bezet,
    case
        when employers.toezegging_plekken > 0 then coalesce(bezetting.plekken_bezet_sleutel, 0)
    end::bigint as plekken_bezet_sleutel,
    case
        when employers.toezegging_plekken > 0
            then round(100.0 * coalesce(bezetting.plekken_bezet, 0) / employers.toezegging_plekken, 1)
    end::decimal(7, 1) as realisatie_toezegging_pct,
    coalesce(sroi.sroi_verplichting_eur, 0)::decimal(14, 2) as sroi_verplichting_eur,
    coalesce(sroi.sroi_gerealiseerd_eur, 0)::decimal(14, 2) as sroi_gerealiseerd_eur,
    coalesce(sroi.sroi_plaatsingen, 0)::bigint as sroi_plaatsingen,
    coalesce(sroi.sroi_sleutel, 0)::bigint as sroi_sleutel,
    (select peil.peildatum from peil) as peildatum
from employers
left join placements using (kvk)
left join bezetting using (kvk)
left join sroi using (kvk)
