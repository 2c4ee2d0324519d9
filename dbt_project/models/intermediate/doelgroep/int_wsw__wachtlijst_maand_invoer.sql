-- A fingerprint per month of everything mart_wsw_wachtlijst reads for that month (int_wsw__wachtlijstperioden with
-- the birth month and gender of their people, int_personen): the people on the list at its end ('op_lijst'), those
-- who joined in it and those who left in it, with the date and reason. A refresh recomputes the months whose
-- fingerprint changed or that are new (macro maanden_te_doen) and keeps the rest: the mart, made whole on every
-- refresh, joined every period with every month it was open in (0.8 s per refresh at national size with 24 months,
-- 1.5 with 60: issue 15). A full build gives the same rows (tests/dbt/test_incremental.py).
--
-- The part of the people on the list adds each period's hash in the month it began and subtracts it in the month it
-- ended (never before the month it began), summed over the months up to m: the sum over the periods open at the end
-- of m (macro open_op), without a join of each period with every month it was open in (macro vingerafdruk_lopend).
with months as (
    select maand, maandeinde from {{ ref('int_maanden') }}
),

perioden as (
    select
        perioden.persoon_id,
        perioden.gemeentecode,
        perioden.datum_op_wachtlijst,
        perioden.datum_af,
        perioden.reden_af,
        personen.geboortemaand,
        personen.geslacht,
        date_trunc('month', perioden.datum_op_wachtlijst)::date as beginmaand,
        greatest(
            date_trunc('month', perioden.datum_op_wachtlijst), date_trunc('month', perioden.datum_af)
        )::date as eindmaand,
        hash(perioden.persoon_id, perioden.gemeentecode, personen.geboortemaand, personen.geslacht)::hugeint
            as op_lijst_hash
    from {{ ref('int_wsw__wachtlijstperioden') }} as perioden
    inner join {{ ref('int_personen') }} as personen using (persoon_id)
),

op_lijst as (
    {{ vingerafdruk_lopend('perioden', 'op_lijst_hash', 'datum_af') }}
),

instroom as (
    select
        beginmaand as maand,
        {{ vingerafdruk(['persoon_id', 'gemeentecode', 'datum_op_wachtlijst', 'geboortemaand', 'geslacht']) }}
    from perioden
    group by all
),

uitstroom as (
    select
        date_trunc('month', datum_af)::date as maand,
        {{ vingerafdruk(['persoon_id', 'gemeentecode', 'datum_af', 'reden_af', 'geboortemaand', 'geslacht']) }}
    from perioden
    where datum_af is not null
    group by all
)

select
    months.maand,
    months.maandeinde,
    hash(
        months.maand, op_lijst.som, op_lijst.rijen, instroom.som, instroom.rijen, uitstroom.som, uitstroom.rijen
    ) as invoer_hash
from months
inner join op_lijst using (maand)
left join instroom using (maand)
left join uitstroom using (maand)
