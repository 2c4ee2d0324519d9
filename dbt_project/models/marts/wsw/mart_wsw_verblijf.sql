-- How long Wsw employees stay: per person and SW-bedrijf the first and last month end they were measured, counted
-- per gemeente, SW-bedrijf, indicatie and that pair of months. The blijfkansen (survival curve) of the prognosis
-- (app/prognose.py) are fitted on it; the app never shows its counts.
with metingen as (
    select
        werknemers.persoon_id,
        werknemers.sw_bedrijf,
        werknemers.gemeentecode,
        werknemers.indicatie,
        months.maandeinde
    from {{ ref('stg_wsw__werknemers') }} as werknemers
    inner join {{ ref('int_maanden') }} as months
        on months.maand = {{ maand_van_meting('werknemers.peildatum') }}
),

verblijf as (
    -- The municipality and indicatie of the newest measurement.
    select
        persoon_id,
        sw_bedrijf,
        arg_max(gemeentecode, maandeinde) as gemeentecode,
        arg_max(indicatie, maandeinde) as indicatie,
        min(maandeinde) as eerste_peildatum,
        max(maandeinde) as laatste_peildatum
    from metingen
    group by persoon_id, sw_bedrijf
),

nieuwste as (
    select max(maandeinde) as nieuwste_peildatum from metingen
)

select
    verblijf.gemeentecode,
    verblijf.sw_bedrijf,
    verblijf.indicatie,
    verblijf.eerste_peildatum,
    verblijf.laatste_peildatum,
    nieuwste.nieuwste_peildatum,
    count(*)::bigint as personen
from verblijf
cross join nieuwste
group by all
