{#-
  What a refresh of an event model computes again (issue 15: the cost of a refresh follows what arrived): the
  instruments (int_werkplein__trajecten_persoon) and the placements (int_werkplein__plaatsingen_persoon), each a row
  per record with the person's situation just before it began. A row depends on:
  - its own record (the newest version, `bron`);
  - its person's birth month, gender and newest municipality (int_personen);
  - the person's situation at the month ends before its start (int_doelgroep_maand__persoon, whose months follow the
    doelgroepen' fingerprint int_doelgroep_maand__maand_invoer): from the month it was found in (or any month, when
    none was) to the month before the start;
  - and what the model adds (the caller's rules, below).
  The post-hook keeps the month fingerprints the build read beside the model (`<model>__invoer`: the doelgroepen',
  those the model names in `bronnen`, and the months themselves); the pre-hook compares them with today's, writes the
  keys to compute again into a temporary table `<model>__te_doen` (all of them in a full build or without that
  record), and deletes their rows. The caller's rules can read `kept` (the model's rows), `gewijzigd` (bron, maand:
  the months whose fingerprint changed) and `laatste` (the newest month, `vorige` and `nu`).
-#}
{#- The config of an event model kept per record: `{{ config(**per_gebeurtenis('trajecten')) }}` computes again
    what `trajecten_te_doen` finds and keeps the fingerprints of `trajecten_bronnen()`. -#}
{% macro per_gebeurtenis(soort) -%}
    {{ return({
        'materialized': 'incremental',
        'incremental_strategy': 'append',
        'on_schema_change': 'fail',
        'pre_hook': ["{{ " ~ soort ~ "_te_doen(this) }}"],
        'post_hook': ["{{ gebeurtenissen_invoer_vastleggen(this, " ~ soort ~ "_bronnen()) }}"],
    }) }}
{%- endmacro %}

{% macro gebeurtenissen_invoer_nu(bronnen) -%}
    select 'doelgroepen' as bron, maand, invoer_hash from {{ ref('int_doelgroep_maand__maand_invoer') }}
    {%- for bron, invoer in bronnen.items() %}
        union all
        select '{{ bron }}' as bron, maand, invoer_hash from {{ ref(invoer) }}
    {%- endfor %}
    union all
    select 'maanden' as bron, maand, 0 as invoer_hash from {{ ref('int_maanden') }}
{%- endmacro %}

{% macro gebeurtenissen_te_doen(model, bron, key, kolommen, bronnen={}) -%}
    {%- set vorige = model.incorporate(path={'identifier': model.identifier ~ '__invoer'}) -%}
    {%- set bekend = is_incremental() and execute
        and adapter.get_relation(vorige.database, vorige.schema, vorige.identifier) is not none -%}
    {%- set te_doen = model.identifier ~ '__te_doen' -%}
    create or replace temp table {{ te_doen }} as
    {%- if not bekend %}
        select {{ key }} from {{ bron }}
    {%- else %}
        with nu as (
            {{ gebeurtenissen_invoer_nu(bronnen) }}
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

        -- The record is new, changed or gone.
        select {{ key }} from (
            (select {{ kolommen | join(', ') }} from {{ bron }} except select {{ kolommen | join(', ') }} from kept)
            union all
            (select {{ kolommen | join(', ') }} from kept except select {{ kolommen | join(', ') }} from {{ bron }})
        )
        union
        -- The person's gender or age band at the start changed, or the municipality kept for want of a situation
        -- before the start, or the person is gone (which int_personen's gender, never empty, shows as well).
        select kept.{{ key }}
        from kept
        left join {{ ref('int_personen') }} as personen using (persoon_id)
        where personen.persoon_id is null
            or kept.geslacht is distinct from personen.geslacht
            or kept.leeftijdsklasse is distinct from {{ leeftijdsklasse('personen.geboortemaand', 'kept.begindatum') }}
            or (kept.maand_voor_start is null and kept.gemeentecode is distinct from personen.gemeentecode)
        union
        -- A month that the situation before the start was or could be taken from changed.
        select kept.{{ key }}
        from kept
        inner join gewijzigd
            on gewijzigd.bron = 'doelgroepen'
            and gewijzigd.maand < date_trunc('month', kept.begindatum)
            and gewijzigd.maand >= coalesce(kept.maand_voor_start, '-infinity'::date)
        {{ caller() }}
    {%- endif %};
    {%- if bekend %}
        delete from {{ model }} where {{ key }} in (select te_doen.{{ key }} from {{ te_doen }} as te_doen)
    {%- elif is_incremental() %}
        delete from {{ model }}  -- built before this record was kept: made whole
    {%- endif %}
{%- endmacro %}

{#- The post-hook: the fingerprints this build read become the last build's (a few rows per month). -#}
{% macro gebeurtenissen_invoer_vastleggen(model, bronnen={}) -%}
    create or replace table {{ model.incorporate(path={'identifier': model.identifier ~ '__invoer'}) }} as
    {{ gebeurtenissen_invoer_nu(bronnen) }}
{%- endmacro %}

{#- The instruments also depend on the person's outflow to work from the month of the start to 12 after the end,
    and on that outflow's return (int_werkplein__stroom, whose months follow the flows' fingerprint), and on the newest
    month (an outcome is unknown while its 12 months are not over). -#}
{% macro trajecten_te_doen(model) -%}
    {%- call gebeurtenissen_te_doen(
        model, ref('int_werkplein__trajecten'), 'traject_id',
        ['traject_id', 'persoon_id', 'instrument', 'strategisch_doel', 'begindatum', 'einddatum', 'kosten_eur'],
        trajecten_bronnen()
    ) %}
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
            and stroom.maand >= date_trunc('month', kept.begindatum)
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
    {%- endcall %}
{%- endmacro %}

{% macro trajecten_bronnen() -%}
    {{ return({'stroom': 'int_werkplein__stroom__maand_invoer'}) }}
{%- endmacro %}

{#- The placements also depend on the person's age in years at the start and on the employer's sector. -#}
{% macro plaatsingen_te_doen(model) -%}
    {%- call gebeurtenissen_te_doen(
        model, ref('int_werkplein__plaatsingen'), 'plaatsing_id',
        ['plaatsing_id', 'persoon_id', 'kvk', 'soort', 'begindatum', 'einddatum', 'uren_per_week', 'loonwaarde_pct',
         'sroi_contract_id'],
        plaatsingen_bronnen()
    ) %}
        union
        select kept.plaatsing_id
        from kept
        left join {{ ref('int_personen') }} as personen using (persoon_id)
        left join {{ ref('int_werkgevers__register') }} as register using (kvk)
        where kept.leeftijd_bij_start is distinct from date_sub('year', personen.geboortemaand, kept.begindatum)
            or kept.sbi_sector is distinct from register.sbi_sector
    {%- endcall %}
{%- endmacro %}

{% macro plaatsingen_bronnen() -%}
    {{ return({}) }}
{%- endmacro %}

{#- A row of int_werkplein__stroom that is an outflow to work from the Werkplein (any regeling). -#}
{% macro uitstroom_naar_werk(stroom) -%}
    ({{ stroom }}.doelgroep = 'WERKPLEIN' and {{ stroom }}.stroom = 'uitstroom' and {{ stroom }}.reden_uitstroom = 'WERK')
{%- endmacro %}
