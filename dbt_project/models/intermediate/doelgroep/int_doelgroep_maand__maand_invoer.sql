-- A fingerprint per month of who is in which doelgroep, with which municipality, age band and gender
-- (int_doelgroep_maand), and of the bits of the doelgroepen (seed): everything int_doelgroep_maand__persoon and
-- int_werkplein__bestand read for that month. A refresh recomputes the months whose fingerprint changed or that are
-- new in those models (macro maanden_te_doen) and keeps the rest. Without the ladder's scores
-- (int_ladder__maand_invoer adds those): a late score changes the ladder's months, not these.
--
-- Incremental: a refresh reads again only the months of int_doelgroep_maand that may have changed since the last
-- build that passed (macro doelgroep_maand_geraakt: nearly always the newest), new months, and all of them when the
-- bits changed; it keeps the rest, and drops months no longer monitored. Reading every row (131 million at 60 months
-- at national size) took 2.6–4.9 s per refresh. A full build gives the same rows (tests/dbt/test_incremental.py).
{{ config(**vingerafdruk_bijhouden()) }}

with bits as (
    {{ vingerafdruk_bits() }}
),

te_doen as (
    select maanden.maand, maanden.maandeinde from {{ ref('int_maanden') }} as maanden
    {% if is_incremental() %}
        where
            {{ doelgroep_maand_geraakt('maanden.maand') }}
            or maanden.maand not in (select done.maand from {{ this }} as done)
            or (select bits.som from bits) is distinct from (select max(done.bits) from {{ this }} as done)
    {% endif %}
),

leden as (
    select maand, {{ vingerafdruk(['persoon_id', 'doelgroep', 'gemeentecode', 'leeftijdsklasse', 'geslacht']) }}
    from {{ ref('int_doelgroep_maand') }}
    where maand in (select te_doen.maand from te_doen)
    group by maand
)

select
    te_doen.maand,
    te_doen.maandeinde,
    hash(leden.som, leden.rijen, bits.som) as invoer_hash,
    bits.som as bits
from te_doen
left join leden using (maand)
cross join bits
