{#-
  What a refresh of int_doelen__gebeurtenissen computes again (issue 15: the cost of a refresh follows what arrived).
  A person's events depend only on their own placements (int_werkplein__plaatsingen_persoon), instruments
  (int_werkplein__trajecten_persoon) and ladder scores (int_ladder__scores), and on the seed kansrijke_sectoren. The
  post-hook keeps a fingerprint per person of the columns of their placements and instruments that the model reads
  beside it (`<model>__invoer`, with a row without a person for the seed); the pre-hook compares it with today's and
  computes again the people whose fingerprint is new, changed or gone, and the people whose scores int_ladder__scores
  computed again since the last build that passed (its record in intermediate.ongetest, macros/ongetest.sql: it runs
  before this model). Everyone is computed again in a full build, without the record, when the seed changed, or when
  the scores were computed whole.
-#}
{% macro doelen_invoer(model) -%}
    {{ return(model.incorporate(path={'identifier': model.identifier ~ '__invoer'})) }}
{%- endmacro %}

{#- The fingerprints of today's inputs: per person the sum of the hashes of their placements' and instruments' rows
    (the columns the model reads) and their count; the seed's sectors as a row without a person. -#}
{% macro doelen_vingerafdrukken() -%}
    select persoon_id, sum(h::hugeint) as som, count(*) as rijen
    from (
        select persoon_id, hash('plaatsing', gemeentecode, begindatum, soort, leeftijd_bij_start, sbi_sector) as h
        from {{ ref('int_werkplein__plaatsingen_persoon') }}
        union all
        select
            persoon_id,
            hash('traject', gemeentecode, begindatum, einddatum, instrument, strategisch_doel, leeftijdsklasse) as h
        from {{ ref('int_werkplein__trajecten_persoon') }}
    )
    group by persoon_id
    union all
    select null::uuid, som, rijen from ({{ doelen_sectoren() }})
{%- endmacro %}

{#- The seed's fingerprint: its promising sectors (macro vingerafdruk). -#}
{% macro doelen_sectoren() -%}
    select {{ vingerafdruk(['sbi_sector']) }} from {{ ref('kansrijke_sectoren') }}
{%- endmacro %}

{#- Whether this build computes everyone again, asked when the model is compiled (before its pre-hook, which changes
    nothing this reads): then the model reads its inputs whole, else only the people to do (a constant choice that
    DuckDB plans as such). -#}
{% macro doelen_alles_nu(model) -%}
    {%- if not execute or not is_incremental() -%}
        {{ return(true) }}
    {%- endif -%}
    {%- set invoer = doelen_invoer(model) -%}
    {%- if adapter.get_relation(invoer.database, invoer.schema, invoer.identifier) is none -%}
        {{ return(true) }}
    {%- endif -%}
    {%- set alles -%}
        select
            (select (som, rijen) from {{ invoer }} where persoon_id is null)
                is distinct from (select (som, rijen) from ({{ doelen_sectoren() }}))
            or exists (
                select 1 from intermediate.ongetest as o
                where o.model = 'int_ladder__scores' and o.soort = 'alles'
            )
    {%- endset -%}
    {{ return(run_query(alles).columns[0].values()[0]) }}
{%- endmacro %}

{#- Pre-hook: today's fingerprints and their difference with the record into temporary tables (on the model's
    connection, which its hooks share), the people to do into `<model>__te_doen`, and their rows deleted. -#}
{% macro doelen_te_doen(model) -%}
    {%- set naam = model.identifier -%}
    {%- set alles = doelen_alles_nu(model) -%}
    create or replace temp table {{ naam }}__nu as {{ doelen_vingerafdrukken() }};
    create or replace temp table {{ naam }}__verschil as
    {%- if alles %}
        select 'alles' as kant, null::uuid as persoon_id, null::hugeint as som, null::bigint as rijen
    {%- else %}
        (select 'nieuw' as kant, * from {{ naam }}__nu except select 'nieuw', * from {{ doelen_invoer(model) }})
        union all
        (select 'oud' as kant, * from {{ doelen_invoer(model) }} except select 'oud', * from {{ naam }}__nu)
    {%- endif %};
    create or replace temp table {{ naam }}__te_doen as
    select persoon_id from {{ naam }}__verschil where persoon_id is not null
    union
    select o.persoon_id from intermediate.ongetest as o where o.model = 'int_ladder__scores' and o.soort = 'persoon';
    {%- if is_incremental() %}
        {%- if alles %}
            delete from {{ model }}
        {%- else %}
            delete from {{ model }} as t
            using {{ naam }}__te_doen as te_doen
            where t.persoon_id = te_doen.persoon_id
        {%- endif %}
    {%- else %}
        select 1
    {%- endif %}
{%- endmacro %}

{#- Post-hook: the fingerprints this build was made with become the record; only those that differ are deleted and
    written (the whole record after a build of everyone). -#}
{% macro doelen_invoer_vastleggen(model) -%}
    {%- set naam = model.identifier -%}
    {%- set invoer = doelen_invoer(model) -%}
    {%- set alles = "exists (select 1 from " ~ naam ~ "__verschil where kant = 'alles')" -%}
    create table if not exists {{ invoer }} (persoon_id uuid, som hugeint, rijen bigint);
    delete from {{ invoer }} where {{ alles }};
    delete from {{ invoer }} as v
    using {{ naam }}__verschil as d
    where d.kant = 'oud' and v.persoon_id is not distinct from d.persoon_id and v.som = d.som and v.rijen = d.rijen;
    insert into {{ invoer }}
    select persoon_id, som, rijen from {{ naam }}__verschil where kant = 'nieuw'
    union all
    select persoon_id, som, rijen from {{ naam }}__nu where {{ alles }};
    drop table {{ naam }}__nu;
    drop table {{ naam }}__verschil;
    drop table {{ naam }}__te_doen
{%- endmacro %}
