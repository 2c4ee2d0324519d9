-- One row per placement (newest known version), with the employer, the person's situation just before it,
-- and whether the person still works 6 and 12 months after its start.
with plaatsingen as (
    select * from {{ ref('int_werkplein__plaatsingen') }}
),

horizon as (
    -- Durability can only be judged up to the newest placements extract.
    select max(bestand_peildatum) as nieuwste_levering from {{ ref('stg_werkplein__plaatsingen') }}
),

werk as (
    -- Placements that are paid work; a klimopbaan, learning place or trial placement is not.
    select persoon_id, begindatum, einddatum
    from plaatsingen
    where soort in ('REGULIER', 'LOONKOSTENSUBSIDIE', 'DETACHERING')
),

alle as (
    select persoon_id, maand, maandeinde, gemeentecode
    from {{ ref('int_doelgroep_maand') }}
    where doelgroep = 'ALLE'
),

before_start as (
    -- The person's situation at the last month end before the placement began.
    select plaatsingen.plaatsing_id, alle.maand, alle.gemeentecode
    from plaatsingen
    asof inner join alle
        on plaatsingen.persoon_id = alle.persoon_id
        and plaatsingen.begindatum > alle.maandeinde
),

doelgroepen as (
    select before_start.plaatsing_id, string_agg(members.doelgroep, ', ' order by members.doelgroep) as doelgroepen
    from before_start
    inner join plaatsingen using (plaatsing_id)
    inner join {{ ref('int_doelgroep_maand') }} as members
        on members.persoon_id = plaatsingen.persoon_id
        and members.maand = before_start.maand
        and members.doelgroep not in ('ALLE', 'JONGEREN_U27')
    group by all
),

durability as (
    select
        plaatsingen.plaatsing_id,
        {%- for months in [6, 12] %}
        case
            when (plaatsingen.begindatum + interval {{ months }} month)::date > horizon.nieuwste_levering then null
            else exists (
                select 1 from werk
                where werk.persoon_id = plaatsingen.persoon_id
                    and werk.begindatum <= (plaatsingen.begindatum + interval {{ months }} month)::date
                    and (werk.einddatum is null or werk.einddatum >= (plaatsingen.begindatum + interval {{ months }} month)::date)
            )
        end as duurzaam_{{ months }}m{{ ',' if not loop.last }}
        {%- endfor %}
    from plaatsingen
    cross join horizon
)

select
    plaatsingen.plaatsing_id,
    plaatsingen.persoon_id,
    coalesce(before_start.gemeentecode, personen.gemeentecode) as gemeentecode,
    plaatsingen.kvk,
    coalesce(register.naam, 'Onbekende werkgever') as werkgever,
    register.sbi_sector,
    register.pact,
    coalesce(register.sociale_onderneming, false) as sociale_onderneming,
    plaatsingen.soort,
    plaatsingen.begindatum,
    plaatsingen.einddatum,
    plaatsingen.uren_per_week,
    plaatsingen.loonwaarde_pct,
    date_sub('year', personen.geboortedatum, plaatsingen.begindatum)::integer as leeftijd_bij_start,
    {{ leeftijdsklasse('personen.geboortedatum', 'plaatsingen.begindatum') }} as leeftijdsklasse,
    personen.geslacht,
    doelgroepen.doelgroepen,
    durability.duurzaam_6m,
    durability.duurzaam_12m,
    plaatsingen.sroi_contract_id
from plaatsingen
inner join {{ ref('int_personen') }} as personen using (persoon_id)
inner join durability using (plaatsing_id)
left join before_start using (plaatsing_id)
left join doelgroepen using (plaatsing_id)
left join {{ ref('int_werkgevers__register') }} as register using (kvk)
