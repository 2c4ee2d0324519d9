-- Instruments per month: running at the month end, started and ended in the month, their cost, and what
-- followed the ones that ended (outflow to work from the start to 12 months after the end, durable when no return
-- within 12 months after it).
-- Incremental per month: a refresh recomputes only the months whose fingerprint changed or that are new (macro
-- maanden_te_doen, int_instrumenten__maand_invoer) and keeps the rest. Computed whole and written where it differed
-- before, it took 3.0 s per refresh at national size with 60 months against 1.5 with 24 (issue 15).
{{ config(**per_maand(invoer='int_instrumenten__maand_invoer')) }}

with te_doen as (
    {{ maanden_te_doen(ref('int_instrumenten__maand_invoer')) }}
),

trajecten as (
    -- Each instrument's record key once (md5), not once per month it runs. In a refresh only the instruments that
    -- can count in a month to do: from the earlier of their two dates to the later, they meet the months to do.
    select *, {{ record_sleutel('traject_id') }} as traject_sleutel
    from {{ ref('int_werkplein__trajecten_persoon') }}
    {%- if is_incremental() %}
        where least(begindatum, coalesce(einddatum, begindatum)) <= (select max(te_doen.maandeinde) from te_doen)
            and greatest(begindatum, coalesce(einddatum, 'infinity')) >= (select min(te_doen.maand) from te_doen)
    {%- endif %}
),

{% if is_incremental() %}
    lopend as (
        -- The instruments open at the end of each month to do (macro open_op): a refresh has few months to do, and a
        -- join of those with the instruments reads only the instruments, where the running sums below read and sort
        -- every change.
        select
            trajecten.gemeentecode, te_doen.maand, trajecten.doelgroepen, trajecten.instrument,
            trajecten.leeftijdsklasse, trajecten.geslacht,
            count(*) as lopend,
            sum(trajecten.traject_sleutel) % 4294967296 as lopend_sleutel
        from te_doen
        inner join trajecten on {{ open_op('trajecten.begindatum', 'trajecten.einddatum', 'te_doen.maandeinde') }}
        group by all
    ),

{% else %}
    changes as (
        -- A full build: +1 in the month an instrument began, -1 in the month it ended (never before the month it
        -- began): summed over the months up to m, the instruments open at the end of m (macro open_op: begun by then
        -- and not ended by then), and the sum of their keys. Linear in the instruments; a join of each instrument with
        -- every month it ran grows with their length and the history (issue 15).
        select
            gemeentecode, doelgroepen, instrument, leeftijdsklasse, geslacht,
            date_trunc('month', begindatum)::date as maand,
            1 as delta,
            traject_sleutel::hugeint as sleutel
        from trajecten
        union all
        select
            gemeentecode, doelgroepen, instrument, leeftijdsklasse, geslacht,
            greatest(date_trunc('month', begindatum), date_trunc('month', einddatum))::date as maand,
            -1 as delta,
            -traject_sleutel::hugeint as sleutel
        from trajecten
        where einddatum is not null
    ),

    running as (
        -- A cell's count from each month it changed in to the month before its next change.
        select
            *,
            lead(maand) over (
                partition by gemeentecode, doelgroepen, instrument, leeftijdsklasse, geslacht order by maand
            ) as volgende
        from (
            select
                gemeentecode, doelgroepen, instrument, leeftijdsklasse, geslacht, maand,
                sum(sum(delta)) over cell as lopend,
                sum(sum(sleutel)) over cell as lopend_sleutel
            from changes
            group by gemeentecode, doelgroepen, instrument, leeftijdsklasse, geslacht, maand
            window cell as (
                partition by gemeentecode, doelgroepen, instrument, leeftijdsklasse, geslacht order by maand
            )
        ) as per_month
    ),

    lopend as (
        select
            running.gemeentecode, months.maand, running.doelgroepen, running.instrument, running.leeftijdsklasse,
            running.geslacht,
            running.lopend,
            running.lopend_sleutel % 4294967296 as lopend_sleutel
        from running
        inner join te_doen as months
            on running.maand <= months.maand and (running.volgende is null or running.volgende > months.maand)
        where running.lopend > 0
    ),
{% endif %}

started_per_person as (
    -- Per person and cell: their instruments that began in the month together (the largest of these is what the
    -- published cost's noise is scaled to, app/celsleutel.py).
    select
        gemeentecode, date_trunc('month', begindatum)::date as maand, doelgroepen, instrument, leeftijdsklasse,
        geslacht, persoon_id,
        count(*) as gestart,
        sum(kosten_eur) as kosten_eur,
        sum(traject_sleutel) as sleutel
    from trajecten
    where date_trunc('month', begindatum) in (select te_doen.maand from te_doen)
    group by all
),

gestart as (
    select
        gemeentecode, maand, doelgroepen, instrument, leeftijdsklasse, geslacht,
        sum(gestart) as gestart,
        sum(kosten_eur) as kosten_eur,
        max(kosten_eur) as kosten_eur_grootste,
        sum(sleutel) % 4294967296 as gestart_sleutel
    from started_per_person
    group by all
),

ended_per_person as (
    -- A person counts once per cell among those who left for work (durably): their instruments that ended in the
    -- month together.
    select
        gemeentecode, date_trunc('month', einddatum)::date as maand, doelgroepen, instrument, leeftijdsklasse,
        geslacht, persoon_id,
        count(*) as beeindigd,
        sum(kosten_eur) as kosten_eur,
        sum(traject_sleutel) as sleutel,
        bool_and(uitstroom_werk_12m is not null) as uitstroom_bekend,
        bool_and(duurzame_uitstroom_werk is not null) as duurzaam_bekend,
        bool_or(uitstroom_werk_12m) as uitstroom,
        bool_or(duurzame_uitstroom_werk) as duurzaam
    from trajecten
    where date_trunc('month', einddatum) in (select te_doen.maand from te_doen)
    group by all
),

beeindigd as (
    select
        gemeentecode, maand, doelgroepen, instrument, leeftijdsklasse, geslacht,
        sum(beeindigd) as beeindigd,
        sum(kosten_eur) as kosten_eur_beeindigd,
        max(kosten_eur) as kosten_eur_beeindigd_grootste,
        case when bool_and(uitstroom_bekend) then count(*) filter (where uitstroom) end as uitstroom_werk_12m,
        case when bool_and(duurzaam_bekend) then count(*) filter (where duurzaam) end as duurzame_uitstroom,
        sum(sleutel) % 4294967296 as beeindigd_sleutel,
        -- The keys of the people counted.
        case
            when bool_and(uitstroom_bekend)
                then coalesce(sum({{ record_sleutel('persoon_id') }}) filter (where uitstroom), 0) % 4294967296
        end as uitstroom_werk_12m_sleutel,
        case
            when bool_and(duurzaam_bekend)
                then coalesce(sum({{ record_sleutel('persoon_id') }}) filter (where duurzaam), 0) % 4294967296
        end as duurzame_uitstroom_sleutel
    from ended_per_person
    group by all
)

select
    gemeentecode,
    maand,
    doelgroepen,
    instrument,
    leeftijdsklasse,
    geslacht,
    coalesce(lopend.lopend, 0)::bigint as lopend,
    coalesce(gestart.gestart, 0)::bigint as gestart,
    coalesce(beeindigd.beeindigd, 0)::bigint as beeindigd,
    coalesce(gestart.kosten_eur, 0)::decimal(14, 2) as kosten_eur,
    coalesce(beeindigd.kosten_eur_beeindigd, 0)::decimal(14, 2) as kosten_eur_beeindigd,
    coalesce(gestart.kosten_eur_grootste, 0)::decimal(14, 2) as kosten_eur_grootste,
    coalesce(beeindigd.kosten_eur_beeindigd_grootste, 0)::decimal(14, 2) as kosten_eur_beeindigd_grootste,
    case when beeindigd.beeindigd is null then 0 else beeindigd.uitstroom_werk_12m end::bigint
        as uitstroom_werk_12m,
    case when beeindigd.beeindigd is null then 0 else beeindigd.duurzame_uitstroom end::bigint as duurzame_uitstroom,
    case
        when beeindigd.duurzame_uitstroom > 0
            then round(beeindigd.kosten_eur_beeindigd / beeindigd.duurzame_uitstroom, 2)
    end::decimal(14, 2)
        as kosten_per_duurzame_uitstroom,
    coalesce(lopend.lopend_sleutel, 0)::bigint as lopend_sleutel,
    coalesce(gestart.gestart_sleutel, 0)::bigint as gestart_sleutel,
    coalesce(beeindigd.beeindigd_sleutel, 0)::bigint as beeindigd_sleutel,
    case when beeindigd.beeindigd is null then 0 else beeindigd.uitstroom_werk_12m_sleutel end::bigint
        as uitstroom_werk_12m_sleutel,
    case when beeindigd.beeindigd is null then 0 else beeindigd.duurzame_uitstroom_sleutel end::bigint
        as duurzame_uitstroom_sleutel,
    te_doen.maand_invoer
from lopend
full outer join gestart using (gemeentecode, maand, doelgroepen, instrument, leeftijdsklasse, geslacht)
full outer join beeindigd using (gemeentecode, maand, doelgroepen, instrument, leeftijdsklasse, geslacht)
inner join te_doen using (maand)
where gemeentecode is not null  -- a person known to no source with a municipality cannot be placed on the map
