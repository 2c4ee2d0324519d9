-- A fingerprint per month of everything int_werkplein__stroom computes for that month: the bestand of the month and
-- of the month before (instroom and uitstroom compare the two), of the 12 months after (herinstroom looks there) and
-- the spells that ended in the month (the reason of an uitstroom). A month of the bestand is fingerprinted by
-- int_werkplein__bestand's own (maand_invoer): its rows change only with it. The first and the newest month need no
-- term of their own: a new month is among the 12 after each of the year before it (whose herinstroom it makes
-- known), and a month without one before it has no previous bestand. A refresh recomputes the months whose
-- fingerprint changed or that are new (macro maanden_te_doen); a full build gives the same rows
-- (tests/dbt/test_incremental.py; the 12 months after: docs/decisions.md).
with months as (
    select maand, maandeinde from {{ ref('int_maanden') }}
),

bestand as (
    select maand, any_value(maand_invoer) as invoer
    from {{ ref('int_werkplein__bestand') }}
    group by maand
),

per_month as (
    select months.*, bestand.invoer
    from months
    left join bestand using (maand)
),

ended as (
    select
        date_trunc('month', datum_uitstroom)::date as maand,
        {{ vingerafdruk(['persoon_id', 'gemeentecode', 'regeling', 'datum_uitstroom', 'reden_uitstroom']) }}
    from {{ ref('int_werkplein__perioden') }}
    where datum_uitstroom is not null
    group by all
)

select
    per_month.maand,
    per_month.maandeinde,
    hash(
        per_month.invoer,
        lag(per_month.invoer) over (order by per_month.maand),
        list(per_month.invoer) over (order by per_month.maand rows between 1 following and 12 following),
        ended.som,
        ended.rijen
    ) as invoer_hash
from per_month
left join ended using (maand)
