-- A fingerprint per month of everything int_werkplein__stroom computes for that month: the bestand of the month and
-- of the month before (instroom and uitstroom compare the two), the spells that ended in the month (the reason of an
-- uitstroom), and for herinstroom the bestand of the 6 and of the 12 months after it, each once all those months are
-- there (before that, herinstroom within 6 or 12 months is unknown, whatever they hold). So a new month recomputes
-- itself and the months 6 and 12 before it, whose herinstroom it makes known, not the whole year before it. A
-- refresh recomputes the months whose fingerprint changed or that are new (macro maanden_te_doen), here and in
-- mart_klantstroom, which counts the month's bestand and flows; a full build gives the same rows
-- (tests/dbt/test_incremental.py).
--
-- Incremental: the bestand's hash of a month is kept with the doelgroepen' fingerprint it was made under
-- (int_doelgroep_maand__maand_invoer, from which int_werkplein__bestand makes the month), and made again only when
-- that changed; hashing every bestand row (70 million at 60 months at national size) took 1–3 s per refresh. The
-- rest is a few rows per month and made whole: every month is written again.
{{ config(**vingerafdruk_bijhouden()) }}

with months as (
    select maand, maandeinde, max(maand) over () as laatste_maand from {{ ref('int_maanden') }}
),

bestand_invoer as (
    select months.maand, doelgroepen.invoer_hash as bestand_invoer
    from months
    left join {{ ref('int_doelgroep_maand__maand_invoer') }} as doelgroepen using (maand)
),

te_hashen as (
    select nu.maand, nu.bestand_invoer
    from bestand_invoer as nu
    {% if is_incremental() %}
        where
            not exists (
                select 1 from {{ this }} as done
                where done.maand = nu.maand and done.bestand_invoer = nu.bestand_invoer
            )
    {% endif %}
),

bestand_rijen as (
    -- By its rows, not by the doelgroepen' fingerprint alone: that one is every doelgroep's, which changes with
    -- doelgroepen outside the Werkplein while the bestand stays as it was.
    select maand, {{ vingerafdruk(['persoon_id', 'doelgroep', 'gemeentecode', 'leeftijdsklasse', 'geslacht']) }}
    from {{ ref('int_werkplein__bestand') }}
    where maand in (select te_hashen.maand from te_hashen)
    group by maand
),

bestand as (
    select te_hashen.maand, te_hashen.bestand_invoer, hash(bestand_rijen.som, bestand_rijen.rijen) as bestand_hash
    from te_hashen
    left join bestand_rijen using (maand)
    {% if is_incremental() %}
        union all
        select done.maand, done.bestand_invoer, done.bestand_hash
        from {{ this }} as done
        where done.maand in (select bestand_invoer.maand from bestand_invoer)
            and done.maand not in (select te_hashen.maand from te_hashen)
    {% endif %}
),

per_month as (
    select months.*, bestand.bestand_invoer, bestand.bestand_hash as invoer
    from months
    inner join bestand using (maand)
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
    ) as invoer_hash,
    per_month.bestand_invoer,
    per_month.invoer as bestand_hash
from per_month
left join ended using (maand)
window maanden as (order by per_month.maand)
