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
    cast(maand as date) as maand,
    cast(last_day(maand) as date) as maandeinde,
    cast(maand as date) = (select cast(laatste as date) from bounds) as is_laatste_maand
from bounds, unnest(generate_series(eerste, laatste, interval 1 month)) as months(maand)
