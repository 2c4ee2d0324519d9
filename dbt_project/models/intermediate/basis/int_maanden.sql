-- The months the monitor can count: an extract dated the 1st shows the state at the end of the month
-- before it, so the months run from the month before the first delivery to the month before the newest.
with deliveries as (
    select bestand_peildatum
    from {{ ref('stg_ingest__laadlog') }}
    where status = 'geladen' and bron <> 'werkgevers'
),

bounds as (
    select
        date_trunc('month', min(bestand_peildatum - 1)) as eerste,
        date_trunc('month', max(bestand_peildatum - 1)) as laatste
    from deliveries
)

select
    cast(months.maand as date) as maand,
    cast(last_day(months.maand) as date) as maandeinde,
    cast(months.maand as date) = cast(bounds.laatste as date) as is_laatste_maand
from bounds
cross join unnest(generate_series(bounds.eerste, bounds.laatste, interval 1 month)) as months (maand)
