-- Instruments with the person's municipality and doelgroepen (bit mask) just before the start (else the newest
-- known municipality and no doelgroep), age band and gender
-- at the start, and — for instruments that ended — whether the person left benefit for work from the start to 12
-- months after the end, durably (not back within 12 months).
-- Incremental per instrument: a refresh computes again only the instruments whose record, person, situation before
-- the start or outflow from the start may have changed (macros/gebeurtenissen_opnieuw.sql).
-- depends_on: {{ ref('int_doelgroep_maand__maand_invoer') }}
-- depends_on: {{ ref('int_werkplein__stroom__maand_invoer') }}
{{ config(**per_gebeurtenis('trajecten')) }}

with trajecten as (
    select * from {{ ref('int_werkplein__trajecten') }}
    {% if is_incremental() -%}
        where traject_id in (select te_doen.traject_id from int_werkplein__trajecten_persoon__te_doen as te_doen)
    {%- endif %}
),

before_start as (
    {{ situatie_voor_start('trajecten', 'traject_id', ref('int_doelgroep_maand__persoon')) }}
),

months as (
    select max(maand) as laatste_maand from {{ ref('int_maanden') }}
),

work_outflow as (
    -- The first outflow to work (any Werkplein regeling) from the month the instrument began to 12 months after its
    -- end: a wage subsidy, trial placement or klimopbaan comes with the job that ends the benefit, in its first
    -- months; counting only what came after the end would credit it with the few who left later (decisions.md).
    select
        trajecten.traject_id,
        min(stroom.maand) as maand_uitstroom_werk,
        arg_min(stroom.herinstroom_12m, stroom.maand) as herinstroom_12m
    from trajecten
    inner join {{ ref('int_werkplein__stroom') }} as stroom
        on trajecten.persoon_id = stroom.persoon_id
        and {{ uitstroom_naar_werk('stroom') }}
        and stroom.maand >= date_trunc('month', trajecten.begindatum)
        and stroom.maand <= date_trunc('month', trajecten.einddatum) + interval 12 month
    where trajecten.einddatum is not null
    group by trajecten.traject_id
)

select
    trajecten.traject_id,
    trajecten.persoon_id,
    coalesce(before_start.gemeentecode, personen.gemeentecode) as gemeentecode,
    before_start.maand as maand_voor_start,
    coalesce(before_start.doelgroepen, 0) as doelgroepen,
    trajecten.instrument,
    trajecten.strategisch_doel,
    trajecten.begindatum,
    trajecten.einddatum,
    trajecten.kosten_eur,
    {{ leeftijdsklasse('personen.geboortemaand', 'trajecten.begindatum') }} as leeftijdsklasse,
    personen.geslacht,
    case
        when trajecten.einddatum is null then null
        when date_trunc('month', trajecten.einddatum) + interval 12 month > months.laatste_maand then null
        else work_outflow.maand_uitstroom_werk is not null
    end as uitstroom_werk_12m,
    -- Durable as everywhere in the monitor (Divosa): that outflow to work was not followed by a new benefit within
    -- 12 months (int_werkplein__stroom.herinstroom_12m); unknown while too recent.
    case
        when trajecten.einddatum is null then null
        when work_outflow.maand_uitstroom_werk is not null then not work_outflow.herinstroom_12m
        when date_trunc('month', trajecten.einddatum) + interval 12 month > months.laatste_maand then null
        else false
    end as duurzame_uitstroom_werk,
    work_outflow.maand_uitstroom_werk
from trajecten
cross join months
inner join {{ ref('int_personen') }} as personen using (persoon_id)
left join before_start using (traject_id)
left join work_outflow using (traject_id)
