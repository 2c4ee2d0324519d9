-- A fingerprint per month of everything int_werkplein__stroom computes for that month: the bestand of the month and
-- of the month before (instroom and uitstroom compare the two), the spells that ended in the month (the reason of an
-- uitstroom), and for herinstroom the bestand of the 6 and of the 12 months after it, each once all those months are
-- there (before that, herinstroom within 6 or 12 months is unknown, whatever they hold). So a new month recomputes
-- itself and the months 6 and 12 before it, whose herinstroom it makes known, not the whole year before it. A
-- refresh recomputes the months whose fingerprint changed or that are new (macro maanden_te_doen); a full build
-- gives the same rows (tests/dbt/test_incremental.py).
with months as (
    select maand, maandeinde, max(maand) over () as laatste_maand from {{ ref('int_maanden') }}
),

bestand as (
    -- By its rows, not by int_werkplein__bestand's fingerprint (maand_invoer): that one is every doelgroep's
    -- (int_doelgroep_maand__maand_invoer), which changes with doelgroepen outside the Werkplein while the bestand
    -- stays as it was. 0.4 s for 28 million rows (scale 28, 24 months).
    select maand, {{ vingerafdruk(['persoon_id', 'doelgroep', 'gemeentecode', 'leeftijdsklasse', 'geslacht']) }}
    from {{ ref('int_werkplein__bestand') }}
    group by maand
),

per_month as (
    select months.*, hash(bestand.som, bestand.rijen) as invoer
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
        lag(per_month.invoer) over maanden,
        case
            when per_month.maand + interval 6 month <= per_month.laatste_maand
                then list(per_month.invoer) over (maanden rows between 1 following and 6 following)
        end,
        case
            when per_month.maand + interval 12 month <= per_month.laatste_maand
                then list(per_month.invoer) over (maanden rows between 7 following and 12 following)
        end,
        ended.som,
        ended.rijen
    ) as invoer_hash
from per_month
left join ended using (maand)
window maanden as (order by per_month.maand)
