{#- int_werkplein__stroom's rows for the months in the CTE `te_doen` (maand): the CTEs that follow
    `with te_doen as (...),` and the final select. A refresh compares them with the rows it has and writes only
    those that differ (macros/verschil_per_maand.sql): of the months it computes again (an outflow's return counts
    for the 12 months after it) few rows change. -#}
{% macro werkplein_stroom_rijen() -%}
months as (
    select
        maand,
        min(maand) over () as eerste_maand,
        max(maand) over () as laatste_maand,
        row_number() over (order by maand) as maandnummer
    from {{ ref('int_maanden') }}
),

bestand as {% if not is_incremental() %}not materialized {% endif %}(
    -- The months to do and the month before each: a flow compares the two. In a full build not materialized: its two
    -- readers scan the table themselves, where a materialized copy of every month spilled to disk (11 GB written and
    -- 34 s against 3 GB and 17 s at 24 months at scale 28). A refresh keeps the copy of its few months.
    select
        bestand.*,
        months.maandnummer,
        bestand.maand > months.eerste_maand
        and bestand.maand in (select te_doen.maand from te_doen) as telt_instroom,
        bestand.maand < months.laatste_maand
        and (bestand.maand + interval 1 month)::date in (select te_doen.maand from te_doen) as telt_uitstroom
    from {{ ref('int_werkplein__bestand') }} as bestand
    inner join months using (maand)
    where bestand.maand in (
            select te_doen.maand from te_doen
            union all
            select (te_doen.maand - interval 1 month)::date from te_doen
        )
),

{% if is_incremental() %}
-- A refresh: anti-joins of its few months' copy with itself on the cell and the month next to it (the bit strings
-- below cost more there: 3.8 against 2.5 s at 24 months at scale 28, docs/performance.md).
instroom as (
    -- In the cell at the end of month m, not at the end of m − 1.
    select
        bestand.persoon_id, bestand.doelgroep, bestand.gemeentecode, bestand.maand,
        'instroom' as stroom, bestand.leeftijdsklasse, bestand.geslacht, bestand.recordsleutel
    from bestand
    anti join bestand as vorige
        on bestand.persoon_id = vorige.persoon_id and bestand.doelgroep = vorige.doelgroep
        and bestand.gemeentecode = vorige.gemeentecode and vorige.maand = (bestand.maand - interval 1 month)::date
    where bestand.telt_instroom
),

uitstroom as (
    -- Left after month m: counted in month m + 1, with the age band and gender of month m.
    select
        bestand.persoon_id, bestand.doelgroep, bestand.gemeentecode, (bestand.maand + interval 1 month)::date as maand,
        'uitstroom' as stroom, bestand.leeftijdsklasse, bestand.geslacht, bestand.recordsleutel
    from bestand
    anti join bestand as volgende
        on bestand.persoon_id = volgende.persoon_id and bestand.doelgroep = volgende.doelgroep
        and bestand.gemeentecode = volgende.gemeentecode and volgende.maand = (bestand.maand + interval 1 month)::date
    where bestand.telt_uitstroom
),
{% else %}
cellen as (
    -- The months each cell (person, doelgroep, municipality) is in the bestand, one bit per month (month 1 the first
    -- of int_maanden; room for 50 years): whether it was there the month before or is there the month after is one
    -- bit. An anti-join of the bestand with itself on the cell and the next month kept every row in a hash table: at
    -- 60 months at scale 28, 69 million rows and 13 GB spilled to disk, the model 66 s against 20-27 s this way
    -- (docs/performance.md). Neither a window over each cell (its sort) nor a bit mask made per row was cheaper. A
    -- full build only: the incremental = full test compares the two ways (tests/dbt/test_incremental.py).
    select persoon_id, doelgroep, gemeentecode, bitstring_agg(maandnummer, 1, 600) as maanden
    from bestand
    group by all
),

grenzen as materialized (
    -- The rows that are a flow: in the cell at the end of month m, not at the end of m − 1 (instroom in m); or not
    -- at the end of m + 1 (uitstroom, counted in m + 1).
    select *
    from (
        select
            bestand.persoon_id,
            bestand.doelgroep,
            bestand.gemeentecode,
            bestand.maand,
            bestand.leeftijdsklasse,
            bestand.geslacht,
            bestand.recordsleutel,
            -- get_bit counts from 0: month k is bit k - 1
            case
                when bestand.telt_instroom then get_bit(cellen.maanden, (bestand.maandnummer - 2)::integer) = 0
                else false
            end as is_instroom,
            case
                when bestand.telt_uitstroom then get_bit(cellen.maanden, bestand.maandnummer::integer) = 0
                else false
            end as is_uitstroom
        from bestand
        inner join cellen using (persoon_id, doelgroep, gemeentecode)
    ) as rijen
    where rijen.is_instroom or rijen.is_uitstroom
),

instroom as (
    select
        persoon_id, doelgroep, gemeentecode, maand,
        'instroom' as stroom, leeftijdsklasse, geslacht, recordsleutel
    from grenzen
    where is_instroom
),

uitstroom as (
    -- Counted in month m + 1, with the age band and gender of month m.
    select
        persoon_id, doelgroep, gemeentecode, (maand + interval 1 month)::date as maand,
        'uitstroom' as stroom, leeftijdsklasse, geslacht, recordsleutel
    from grenzen
    where is_uitstroom
),
{% endif %}

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
