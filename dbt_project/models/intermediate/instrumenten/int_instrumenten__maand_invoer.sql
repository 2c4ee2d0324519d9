-- A fingerprint per month of everything mart_instrumenten reads for that month (int_werkplein__trajecten_persoon):
-- the instruments running at its end with their cell ('lopend'), those begun in it with their cost ('gestart') and
-- those ended in it with their cost, person and outcomes ('beeindigd'). A refresh recomputes the months whose
-- fingerprint changed or that are new (macro maanden_te_doen) and keeps the rest: a month's delivery changes the
-- running instruments from the months its records begin or end in on, and the outcomes of the instruments whose
-- outflow became known, a few months, where the mart was computed whole before (3.0 s per refresh at national size
-- with 60 months against 1.5 with 24: issue 15). A full build gives the same rows (tests/dbt/test_incremental.py).
--
-- The running instruments' part adds each instrument's hash in the month it began and subtracts it in the month it
-- ended (as the mart's running sums), summed over the months up to m: the sum over the instruments open at the end
-- of m, without a join of each instrument with every month it ran (macro vingerafdruk_lopend).
with months as (
    select maand, maandeinde from {{ ref('int_maanden') }}
),

trajecten as (
    select
        *,
        date_trunc('month', begindatum)::date as beginmaand,
        greatest(date_trunc('month', begindatum), date_trunc('month', einddatum))::date as eindmaand,
        hash(traject_id, gemeentecode, doelgroepen, instrument, leeftijdsklasse, geslacht)::hugeint as lopend_hash
    from {{ ref('int_werkplein__trajecten_persoon') }}
),

lopend as (
    {{ vingerafdruk_lopend('trajecten', 'lopend_hash', 'einddatum') }}
),

gestart as (
    select
        beginmaand as maand,
        {{ vingerafdruk([
            'traject_id', 'gemeentecode', 'doelgroepen', 'instrument', 'leeftijdsklasse', 'geslacht', 'kosten_eur',
        ]) }}
    from trajecten
    group by all
),

beeindigd as (
    select
        date_trunc('month', einddatum)::date as maand,
        {{ vingerafdruk([
            'traject_id', 'persoon_id', 'gemeentecode', 'doelgroepen', 'instrument', 'leeftijdsklasse', 'geslacht',
            'kosten_eur', 'uitstroom_werk_12m', 'duurzame_uitstroom_werk',
        ]) }}
    from trajecten
    where einddatum is not null
    group by all
)

select
    months.maand,
    months.maandeinde,
    hash(
        months.maand, lopend.som, lopend.rijen, gestart.som, gestart.rijen, beeindigd.som, beeindigd.rijen
    ) as invoer_hash
from months
inner join lopend using (maand)
left join gestart using (maand)
left join beeindigd using (maand)
