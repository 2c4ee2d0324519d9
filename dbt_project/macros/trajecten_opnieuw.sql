{#-
  What a refresh of int_werkplein__trajecten_persoon computes again (issue 15: the cost of a refresh follows what
  arrived). An instrument's row depends on:
  - its own record (int_werkplein__trajecten);
  - its person's birth month, gender and newest municipality (int_personen);
  - the person's situation at the month ends before its start (int_doelgroep_maand__persoon, whose months follow the
    doelgroepen' fingerprint int_doelgroep_maand__maand_invoer): from the month it was found in (or any month, when
    none was) to the month before the start;
  - the person's outflow to work in the month of the end and the 12 after it, and that outflow's return
    (int_werkplein__stroom, whose months follow the flows' fingerprint int_werkplein__stroom__maand_invoer);
  - the newest month (an outcome is unknown while its 12 months are not over).
  The post-hook keeps the fingerprints of the months and the newest month the build saw beside the model
  (`<model>__invoer`); the pre-hook compares them with today's and writes the instruments to compute again into a
  temporary table (all of them in a full build or without that record), then deletes their rows.
-#}
{% macro trajecten_invoer(model) -%}
    {{ return(model.incorporate(path={'identifier': model.identifier ~ '__invoer'})) }}
{%- endmacro %}

{#- The fingerprints a build reads: per source and month. The months themselves as 'maanden' (the newest of them
    decides which outcomes are known). -#}
{% macro trajecten_invoer_nu() -%}
    select 'doelgroepen' as bron, maand, invoer_hash from {{ ref('int_doelgroep_maand__maand_invoer') }}
    union all
    select 'stroom' as bron, maand, invoer_hash from {{ ref('int_werkplein__stroom__maand_invoer') }}
    union all
    select 'maanden' as bron, maand, 0 as invoer_hash from {{ ref('int_maanden') }}
{%- endmacro %}

{% macro trajecten_te_doen(model) -%}
    {%- set vorige = trajecten_invoer(model) -%}
    {%- set bekend = is_incremental() and execute
        and adapter.get_relation(vorige.database, vorige.schema, vorige.identifier) is not none -%}
    {%- set kolommen = 'traject_id, persoon_id, instrument, strategisch_doel, begindatum, einddatum, kosten_eur' -%}
    create or replace temp table int_werkplein__trajecten_persoon__te_doen as
    {%- if not bekend %}
        select traject_id from {{ ref('int_werkplein__trajecten') }}
    {%- else %}
        with nu as (
            {{ trajecten_invoer_nu() }}
        ),

        gewijzigd as (
            select distinct bron, maand from (
                (select * from nu except select * from {{ vorige }})
                union all
                (select * from {{ vorige }} except select * from nu)
            )
        ),

        laatste as (
            select
                (select max(maand) from {{ vorige }} where bron = 'maanden') as vorige,
                (select max(maand) from nu where bron = 'maanden') as nu
        ),

        kept as (
            select * from {{ model }}
        )

        -- The instrument's record is new, changed or gone.
        select traject_id from (
            (select {{ kolommen }} from {{ ref('int_werkplein__trajecten') }} except select {{ kolommen }} from kept)
            union all
            (select {{ kolommen }} from kept except select {{ kolommen }} from {{ ref('int_werkplein__trajecten') }})
        )
        union
        -- The person's gender or age band at the start changed, or the municipality kept for want of a situation
        -- before the start, or the person is gone (which int_personen's gender, never empty, shows as well).
        select kept.traject_id
        from kept
        left join {{ ref('int_personen') }} as personen using (persoon_id)
        where personen.persoon_id is null
            or kept.geslacht is distinct from personen.geslacht
            or kept.leeftijdsklasse is distinct from {{ leeftijdsklasse('personen.geboortemaand', 'kept.begindatum') }}
            or (kept.maand_voor_start is null and kept.gemeentecode is distinct from personen.gemeentecode)
        union
        -- A month that the situation before the start was or could be taken from changed.
        select kept.traject_id
        from kept
        inner join gewijzigd
            on gewijzigd.bron = 'doelgroepen'
            and gewijzigd.maand < date_trunc('month', kept.begindatum)
            and gewijzigd.maand >= coalesce(kept.maand_voor_start, '-infinity'::date)
        union
        -- The outflow to work found changed (its month's flows changed), or one in a changed month may come first.
        select kept.traject_id
        from kept
        where kept.maand_uitstroom_werk in (select g.maand from gewijzigd as g where g.bron = 'stroom')
        union
        select kept.traject_id
        from kept
        inner join {{ ref('int_werkplein__stroom') }} as stroom
            on kept.persoon_id = stroom.persoon_id
            and stroom.maand >= date_trunc('month', kept.einddatum)
            and stroom.maand <= date_trunc('month', kept.einddatum) + interval 12 month
        where {{ uitstroom_naar_werk('stroom') }}
            and stroom.maand in (select g.maand from gewijzigd as g where g.bron = 'stroom')
        union
        -- The newest month moved: outcomes whose 12 months end between the two newest months became known or unknown
        -- (those whose 12 months end later are unknown with either).
        select kept.traject_id
        from kept
        cross join laatste
        where date_trunc('month', kept.einddatum) + interval 12 month > least(laatste.vorige, laatste.nu)
            and date_trunc('month', kept.einddatum) + interval 12 month <= greatest(laatste.vorige, laatste.nu)
    {%- endif %};
    {%- if bekend %}
        delete from {{ model }}
        where traject_id in (select te_doen.traject_id from int_werkplein__trajecten_persoon__te_doen as te_doen)
    {%- endif %}
{%- endmacro %}

{#- The post-hook: the fingerprints this build read become the last build's (a few rows per month). -#}
{% macro trajecten_invoer_vastleggen(model) -%}
    create or replace table {{ trajecten_invoer(model) }} as {{ trajecten_invoer_nu() }}
{%- endmacro %}

{#- A row of int_werkplein__stroom that is an outflow to work from the Werkplein (any regeling). -#}
{% macro uitstroom_naar_werk(stroom) -%}
    ({{ stroom }}.doelgroep = 'WERKPLEIN' and {{ stroom }}.stroom = 'uitstroom' and {{ stroom }}.reden_uitstroom = 'WERK')
{%- endmacro %}
