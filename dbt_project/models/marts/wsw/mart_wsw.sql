-- WSW employees per month end: people, standaardeenheden and hours per SW-bedrijf, arbeidsvorm and indicatie.
with werknemers as (
    select werknemers.*, {{ maand_van_meting('werknemers.peildatum') }} as maand
    from {{ ref('stg_wsw__werknemers') }} as werknemers
)

select
    werknemers.gemeentecode,
    werknemers.sw_bedrijf,
    months.maandeinde as peildatum,
    werknemers.arbeidsvorm,
    werknemers.indicatie,
    {{ leeftijdsklasse('personen.geboortemaand', 'months.maandeinde') }} as leeftijdsklasse,
    personen.geslacht,
    count(distinct werknemers.persoon_id) as personen,
    sum(werknemers.se)::decimal(10, 2) as se,
    sum(werknemers.uren_per_week)::decimal(10, 2) as uren_per_week
from werknemers
inner join {{ ref('int_maanden') }} as months using (maand)
inner join {{ ref('int_personen') }} as personen using (persoon_id)
group by all
