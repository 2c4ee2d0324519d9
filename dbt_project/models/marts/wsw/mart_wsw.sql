-- WSW employees per month end: people, standaardeenheden and hours per SW-bedrijf, arbeidsvorm and indicatie.
with werknemers as (
    select werknemers.*, {{ maand_van_meting('werknemers.peildatum') }} as maand
    from {{ ref('stg_wsw__werknemers') }} as werknemers
),

rijen as (
    -- A person's key counts once per cell (as the person does), on the first of their rows in it.
    select
        werknemers.*,
        months.maandeinde,
        personen.geboortemaand,
        personen.geslacht,
        {{ leeftijdsklasse('personen.geboortemaand', 'months.maandeinde') }} as leeftijdsklasse,
        row_number() over (
            partition by
                werknemers.persoon_id, werknemers.gemeentecode, werknemers.sw_bedrijf, months.maandeinde,
                werknemers.arbeidsvorm, werknemers.indicatie
        ) = 1 as eerste
    from werknemers
    inner join {{ ref('int_maanden') }} as months using (maand)
    inner join {{ ref('int_personen') }} as personen using (persoon_id)
)

select
    gemeentecode,
    sw_bedrijf,
    maandeinde as peildatum,
    arbeidsvorm,
    indicatie,
    leeftijdsklasse,
    geslacht,
    count(distinct persoon_id) as personen,
    (coalesce(sum({{ record_sleutel('persoon_id') }}) filter (where eerste), 0) % 4294967296)::bigint as sleutel,
    sum(se)::decimal(10, 2) as se,
    sum(uren_per_week)::decimal(10, 2) as uren_per_week
from rijen
group by gemeentecode, sw_bedrijf, maandeinde, arbeidsvorm, indicatie, leeftijdsklasse, geslacht
