{#- int_werkplein__stroom's rows for the months in the CTE `te_doen` (maand): the CTEs that follow
    `with te_doen as (...),` and the final select. A refresh compares them with the rows it has and writes only
    those that differ (macros/verschil_per_maand.sql): of the months it computes again (an outflow's return counts
    for the 12 months after it) few rows change. -#}
{% macro werkplein_stroom_rijen() -%}
months as (
    select maand, min(maand) over () as eerste_maand, max(maand) over () as laatste_maand
    from {{ ref('int_maanden') }}
),

bestand as {% if not is_incremental() %}not materialized {% endif %}(
    -- The months to do and the month before each: a flow compares the two. Found by anti-joins on the cell and the
    -- month next to it, not by lag/lead over each cell: at 60 months at scale 28 the window's sort took half the
    -- model's time (15 → 7 s for three months, same rows). In a full build not materialized: each of its four
    -- readers scans the table itself, where a materialized copy of every month spilled to disk (11 GB written and
    -- 34 s against 3 GB and 17 s at 24 months at scale 28). A refresh keeps the copy of its few months: read four
    -- times instead, thirteen months at 60 months ran out of DuckDB's memory.
    select *
    from {{ ref('int_werkplein__bestand') }}
    where maand in (
            select te_doen.maand from te_doen
            union all
            select (te_doen.maand - interval 1 month)::date from te_doen
        )
),

instroom as (
    -- In the cell at the end of month m, not at the end of m − 1.
    select
        bestand.persoon_id, bestand.doelgroep, bestand.gemeentecode, bestand.maand,
        'instroom' as stroom, bestand.leeftijdsklasse, bestand.geslacht, bestand.recordsleutel
    from bestand
    inner join months using (maand)
    anti join bestand as vorige
        on bestand.persoon_id = vorige.persoon_id and bestand.doelgroep = vorige.doelgroep
        and bestand.gemeentecode = vorige.gemeentecode and vorige.maand = (bestand.maand - interval 1 month)::date
    where bestand.maand > months.eerste_maand
        and bestand.maand in (select te_doen.maand from te_doen)
),

uitstroom as (
    -- Left after month m: counted in month m + 1, with the age band and gender of month m.
    select
        bestand.persoon_id, bestand.doelgroep, bestand.gemeentecode, (bestand.maand + interval 1 month)::date as maand,
        'uitstroom' as stroom, bestand.leeftijdsklasse, bestand.geslacht, bestand.recordsleutel
    from bestand
    inner join months using (maand)
    anti join bestand as volgende
        on bestand.persoon_id = volgende.persoon_id and bestand.doelgroep = volgende.doelgroep
        and bestand.gemeentecode = volgende.gemeentecode and volgende.maand = (bestand.maand + interval 1 month)::date
    where bestand.maand < months.laatste_maand
        and (bestand.maand + interval 1 month)::date in (select te_doen.maand from te_doen)
),

ending_spell as (
    -- The spell that ended in the month of the uitstroom, in the cell's municipality (and regeling).
    select
        uitstroom.persoon_id,
        uitstroom.doelgroep,
        uitstroom.gemeentecode,
        uitstroom.maand,
        arg_max(perioden.reden_uitstroom, perioden.datum_uitstroom) as reden_uitstroom
    from uitstroom
    inner join {{ ref('int_werkplein__perioden') }} as perioden
        on uitstroom.persoon_id = perioden.persoon_id
        and uitstroom.gemeentecode = perioden.gemeentecode
        and (uitstroom.doelgroep in ('WERKPLEIN', 'JONGEREN_U27') or uitstroom.doelgroep = perioden.regeling)
        and perioden.datum_uitstroom > uitstroom.maand - 1
        and perioden.datum_uitstroom <= last_day(uitstroom.maand)
    group by all
),

back as (
    -- The first month after the uitstroom in which the person is a Werkplein client again.
    select
        uitstroom.persoon_id, uitstroom.doelgroep, uitstroom.gemeentecode, uitstroom.maand,
        min(terug.maand) as terug_in
    from uitstroom
    inner join {{ ref('int_werkplein__bestand') }} as terug
        on uitstroom.persoon_id = terug.persoon_id
        and terug.doelgroep = 'WERKPLEIN'
        and uitstroom.maand < terug.maand
        and terug.maand > (select min(te_doen.maand) from te_doen)
        -- a return after 12 months counts for neither herinstroom: the join need not read further
        and terug.maand <= uitstroom.maand + interval 12 month
    group by all
),

horizon as (
    select distinct laatste_maand from months
),

uitstroom_details as (
    select
        uitstroom.*,
        ending_spell.reden_uitstroom,
        case
            when uitstroom.maand + interval 6 month > horizon.laatste_maand then null
            else coalesce(back.terug_in <= uitstroom.maand + interval 6 month, false)
        end as herinstroom_6m,
        case
            when uitstroom.maand + interval 12 month > horizon.laatste_maand then null
            else coalesce(back.terug_in <= uitstroom.maand + interval 12 month, false)
        end as herinstroom_12m
    from uitstroom
    cross join horizon
    left join ending_spell using (persoon_id, doelgroep, gemeentecode, maand)
    left join back using (persoon_id, doelgroep, gemeentecode, maand)
),

flows as (
    select *, null::varchar as reden_uitstroom, null::boolean as herinstroom_6m, null::boolean as herinstroom_12m
    from instroom
    union all
    select * from uitstroom_details
)

select * from flows
{%- endmacro %}
