{#-
  What a refresh of int_doelgroep_maand computes again, without reading the table itself (issue 15: the cost of a
  refresh must follow what arrived, not the history). Its post-hook keeps the fingerprints it was built with
  (int_doelgroep_maand__invoer) beside it, in `<model>__vorige_invoer`: per person, per spell and per month. The
  fingerprints that differ between the two, either way (new, changed or gone), tell what to delete and compute again:
  a join of two small tables instead of two anti-joins over every person-month.

  `doelgroep_maand_wijzigingen(model)`, its first pre-hook, works them out once per build into a temporary table:
  'alles' when everything must be computed again (a full build; no record of the last build, or one from before the
  spells had their own rows; or the months shifted: an earlier delivery loaded late, or the newest month gone), else
  a row per changed month ('maand') and per changed person ('persoon', with the first month to compute again in
  `maand`). A person's row for month m depends on their birth month and gender (a change: every month, as when the
  person is gone) and on the spells open at the end of m: a spell that came or went changes the months from its
  begin on, a spell whose end alone changed those from the earlier end on (macro open_op: open at d while its end is
  after d). The later pre-hooks (`doelgroep_maand_vergeten` deletes), the model and the post-hook read it through
  `doelgroep_maand_alles()` (a condition) and `doelgroep_maand_gewijzigd(soort)` (the persoon_id or maand values).
-#}
{% macro doelgroep_maand_wijzigingen(model) -%}
    {%- set vorige = doelgroep_maand_vorige(model) -%}
    {%- set invoer = 'int_doelgroep_maand__invoer_nu' -%}
    {%- set kolommen = 'soort, persoon_id, maand, invoer_hash, datum_begin, datum_einde' -%}
    {#- The fingerprints are a view (computed, not stored): computed once per build, into memory, for this hook and
        the post-hook, which drops them. The months' fingerprints (every monthly stand hashed) were computed when the
        model was compiled (doelgroep_maand_eerste_maand), in a refresh: taken from there, not computed again. -#}
    create or replace temp table {{ invoer }} as
    {%- if vorige is not none and is_incremental() %}
    select {{ kolommen }} from {{ ref('int_doelgroep_maand__invoer') }} where soort <> 'maand'
    union all
    select soort, null, maand, invoer_hash, null, null from int_doelgroep_maand__invoer_maanden;
    drop table int_doelgroep_maand__invoer_maanden;
    {%- else %}
    select {{ kolommen }} from {{ ref('int_doelgroep_maand__invoer') }};
    {%- endif %}
    {#- The fingerprints new since the last build ('nieuw') and gone from it ('oud'): the post-hook writes these
        into the record. Without a record to compare with: one row 'alles' (the post-hook writes the record whole). -#}
    create or replace temp table int_doelgroep_maand__verschil as
    {%- if vorige is none or not is_incremental() %}
        select 'alles' as kant, {{ kolommen }} from {{ invoer }} where false
        union all
        select 'alles', null, null, null, null, null, null;
    {%- else %}
        (select 'nieuw' as kant, {{ kolommen }} from {{ invoer }}
            except
            select 'nieuw' as kant, {{ kolommen }} from {{ vorige }})
        union all
        (select 'oud' as kant, {{ kolommen }} from {{ vorige }}
            except
            select 'oud' as kant, {{ kolommen }} from {{ invoer }});
    {%- endif %}
    create or replace temp table int_doelgroep_maand__wijzigingen as
    {%- if vorige is none or not is_incremental() %}
        select 'alles' as soort, null::uuid as persoon_id, null::date as maand
    {%- else %}
        with verschil as (
            select * from int_doelgroep_maand__verschil
        ),

        -- A spell on both sides with another end: from the earlier end (min skips an open end); else from its begin.
        perioden as (
            select
                persoon_id,
                coalesce(if(count(distinct kant) = 2, min(datum_einde), min(datum_begin)), '-infinity') as vanaf
            from verschil
            where soort = 'periode'
            group by persoon_id, invoer_hash, datum_begin
        )

        select 'alles' as soort, null::uuid as persoon_id, null::date as maand
        where {{ doelgroep_maand_verschoven(invoer, vorige) }}
        union all
        select distinct 'maand', null, maand from verschil where soort = 'maand'
        union all
        select 'persoon', persoon_id, date_trunc('month', min(vanaf))::date from (
            select persoon_id, vanaf from perioden
            union all
            -- Birth month or gender changed, or the person is gone. A new person had no rows: their spells say
            -- from when (a measurement of theirs is in its month's fingerprint).
            select persoon_id, '-infinity'::date from verschil where soort = 'persoon' and kant = 'oud'
            union all
            -- A new person without spells: no month, but their fingerprint is kept (post-hook).
            select persoon_id, 'infinity'::date from verschil where soort = 'persoon' and kant = 'nieuw'
        )
        group by persoon_id
    {%- endif %}
{%- endmacro %}

{#- The post-hook: the fingerprints this build was made with become the last build's. Only the fingerprints that
    differ are deleted and written (int_doelgroep_maand__verschil; the fingerprints are distinct rows, so a set
    difference is exact): at national size (scale 28, 1.4 million people) a refresh appends about 36,000 and deletes
    about 14,000 of 2.6 million, where it rewrote every fingerprint of each changed person before (and the whole
    table before that). The whole record is written again after a full build, and once when it is from before the
    spells' own rows. -#}
{% macro doelgroep_maand_vorige_bijwerken(model) -%}
    {%- set vorige = model.incorporate(path={'identifier': model.identifier ~ '__vorige_invoer'}) -%}
    {%- set invoer = 'int_doelgroep_maand__invoer_nu' -%}
    {%- set kolommen = 'soort, persoon_id, maand, invoer_hash, datum_begin, datum_einde' -%}
    {%- set alles = "exists (select 1 from int_doelgroep_maand__verschil where kant = 'alles')" -%}
    {%- if doelgroep_maand_vorige(model) is none -%}
        create or replace table {{ vorige }} as select {{ kolommen }} from {{ invoer }}
    {%- else -%}
        delete from {{ vorige }} where {{ alles }};
        delete from {{ vorige }} as v
        using int_doelgroep_maand__verschil as d
        where d.kant = 'oud'
            {%- for kolom in kolommen.split(', ') %}
            and v.{{ kolom }} is not distinct from d.{{ kolom }}
            {%- endfor %};
        insert into {{ vorige }}
        select {{ kolommen }} from int_doelgroep_maand__verschil where kant = 'nieuw'
        union all
        select {{ kolommen }} from {{ invoer }} where {{ alles }}
    {%- endif -%};
    drop table {{ invoer }};
    drop table int_doelgroep_maand__verschil
{%- endmacro %}

{#- The months themselves shifted since the last build (an earlier delivery loaded late, or the newest month gone):
    everything is computed again. -#}
{% macro doelgroep_maand_verschoven(invoer, vorige) -%}
    (select min(maand) from {{ invoer }} where soort = 'maand')
        is distinct from (select min(maand) from {{ vorige }} where soort = 'maand')
    or (select max(maand) from {{ invoer }} where soort = 'maand')
    < (select max(maand) from {{ vorige }} where soort = 'maand')
{%- endmacro %}

{#- The table of the fingerprints of the last build, or none before its first build with this macro or when it is
    from before the spells had their own rows (no datum_einde). -#}
{% macro doelgroep_maand_vorige(model) -%}
    {%- set vorige = adapter.get_relation(model.database, model.schema, model.identifier ~ '__vorige_invoer') -%}
    {%- if vorige is none or 'datum_einde' not in adapter.get_columns_in_relation(vorige) | map(attribute='name') -%}
        {{ return(none) }}
    {%- endif -%}
    {{ return(vorige) }}
{%- endmacro %}

{% macro doelgroep_maand_alles() -%}
    exists (select 1 from int_doelgroep_maand__wijzigingen where soort = 'alles')
{%- endmacro %}

{#- Pre-hook: delete the rows the refresh computes again: every row, the changed months', and each changed person's
    from their first month on. The last as a join: as a correlated `exists` beside the others DuckDB ran it per row
    (9 s at 24 months at scale 28); as a join on the person it reads only the row groups of months from the earliest
    first month on, nearly always the newest month only. -#}
{% macro doelgroep_maand_vergeten(model) -%}
    delete from {{ model }} as t
    where {{ doelgroep_maand_alles() }} or t.maand in ({{ doelgroep_maand_gewijzigd('maand') }});
    delete from {{ model }} as t
    using int_doelgroep_maand__wijzigingen as w
    where w.soort = 'persoon' and w.persoon_id = t.persoon_id and t.maand >= w.maand
{%- endmacro %}

{% macro doelgroep_maand_gewijzigd(soort, vanaf=false) -%}
    select {{ 'persoon_id' if soort == 'persoon' else 'maand' }}{{ ', maand' if vanaf }}
    from int_doelgroep_maand__wijzigingen
    where soort = '{{ soort }}'
{%- endmacro %}

{#- Whether month `maand` of int_doelgroep_maand may have changed since the last build that passed (all do after it
    computed everything), by what it recorded for the tests (macros/ongetest.sql): the months it computed again, and
    each person's months from the first one computed again on (all of them when it did not record that month). -#}
{% macro doelgroep_maand_geraakt(maand) -%}
    exists (
        select 1 from intermediate.ongetest as o
        where
            o.model = 'int_doelgroep_maand'
            and (
                o.soort = 'alles'
                or (o.soort = 'maand' and o.maand = {{ maand }})
                or (o.soort = 'persoon' and {{ maand }} >= {{ ongetest_vanaf() }})
            )
    )
{%- endmacro %}

{#- The earliest month a refresh computes again for everyone (its fingerprint new, changed or gone), found when the
    model is compiled, before its pre-hooks: the comparison of the month fingerprints that doelgroep_maand_wijzigingen
    makes, on inputs no pre-hook changes. None when everything is computed again, or nothing is. A measurement counts
    for the month before its peildatum (macro maand_van_meting), so that month's rows have a later peildatum. -#}
{% macro doelgroep_maand_eerste_maand(model) -%}
    {%- set vorige = doelgroep_maand_vorige(model) if execute and is_incremental() else none -%}
    {%- if vorige is none -%}
        {{ return(none) }}
    {%- endif -%}
    {#- The view's months only, computed once for the four reads below and for the first pre-hook
        (doelgroep_maand_wijzigingen drops them): at 60 months at national size they hash 23 million monthly stands,
        0.4-0.7 s each time. A temporary table on the model's connection, which its hooks share. -#}
    {%- set invoer = 'int_doelgroep_maand__invoer_maanden' -%}
    {%- do run_query(
        'create or replace temp table ' ~ invoer ~ ' as select soort, maand, invoer_hash from '
        ~ ref('int_doelgroep_maand__invoer') ~ " where soort = 'maand'"
    ) -%}
    {%- set eerste -%}
        select case
            when {{ doelgroep_maand_verschoven(invoer, vorige) }} then null
            else (select min(maand) from (
                (select maand, invoer_hash from {{ invoer }} where soort = 'maand'
                    except
                    select maand, invoer_hash from {{ vorige }} where soort = 'maand')
                union all
                (select maand, invoer_hash from {{ vorige }} where soort = 'maand'
                    except
                    select maand, invoer_hash from {{ invoer }} where soort = 'maand')
            ))
        end
    {%- endset -%}
    {{ return(run_query(eerste).columns[0].values()[0]) }}
{%- endmacro %}
