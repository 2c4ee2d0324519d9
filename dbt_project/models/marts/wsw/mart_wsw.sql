-- WSW employees per month end: people, standaardeenheden and hours per SW-bedrijf, arbeidsvorm and indicatie.
with werknemers as (
    select werknemers.*, {{ maand_van_meting('werknemers.peildatum') }} as maand
    from {{ ref('stg_wsw__werknemers') }} as werknemers
),

rijen as (
    select
        werknemers.*,
        months.maandeinde,
        personen.geboortemaand,
        personen.geslacht,
        {{ leeftijdsklasse('personen.geboortemaand', 'months.maandeinde') }} as leeftijdsklasse
    from werknemers
    inner join {{ ref('int_maanden') }} as months using (maand)
    inner join {{ ref('int_personen') }} as personen using (persoon_id)
),

per_person as (
    -- One row per person and cell (age band and gender follow from the person and the month), so the cell counts
    -- people and sums their keys with one grouping, without a distinct count or a window.
    select
        gemeentecode,
        sw_bedrijf,
        maandeinde,
        arbeidsvorm,
        indicatie,
        leeftijdsklasse,
        geslacht,
        persoon_id,
        sum(se) as se,
        sum(uren_per_week) as uren_per_week
    from rijen
    group by all
)

select
    gemeentecode,
    sw_bedrijf,
    maandeinde as peildatum,
    arbeidsvorm,
    indicatie,
    leeftijdsklasse,
    geslacht,
    count(persoon_id) as personen,
    (coalesce(sum({{ record_sleutel('persoon_id') }}), 0) % 4294967296)::bigint as sleutel,
    sum(se)::decimal(10, 2) as se,
    sum(uren_per_week)::decimal(10, 2) as uren_per_week
from per_person
group by gemeentecode, sw_bedrijf, maandeinde, arbeidsvorm, indicatie, leeftijdsklasse, geslacht
