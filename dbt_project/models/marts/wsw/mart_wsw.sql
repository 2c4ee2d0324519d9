-- WSW employees per month end: people, standaardeenheden and hours per SW-bedrijf, arbeidsvorm and indicatie.
-- Incremental per month: a refresh recomputes only the months whose input changed (int_wsw__maand_invoer, macro
-- maanden_te_doen) and keeps the rest.
{{ config(**per_maand('peildatum', 'maandeinde', invoer='int_wsw__maand_invoer')) }}

with te_doen as (
    {{ maanden_te_doen(ref('int_wsw__maand_invoer'), 'maandeinde') }}
),

werknemers as (
    select werknemers.*, {{ maand_van_meting('werknemers.peildatum') }} as maand
    from {{ ref('stg_wsw__werknemers') }} as werknemers
    where {{ maand_van_meting('werknemers.peildatum') }} in (select te_doen.maand from te_doen)
),

rijen as (
    select
        werknemers.*,
        te_doen.maandeinde,
        te_doen.maand_invoer,
        personen.geboortemaand,
        personen.geslacht,
        {{ leeftijdsklasse('personen.geboortemaand', 'te_doen.maandeinde') }} as leeftijdsklasse
    from werknemers
    inner join te_doen using (maand)
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
        maand_invoer,
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
    sum(uren_per_week)::decimal(10, 2) as uren_per_week,
    maand_invoer
from per_person
group by gemeentecode, sw_bedrijf, maandeinde, arbeidsvorm, indicatie, leeftijdsklasse, geslacht, maand_invoer
