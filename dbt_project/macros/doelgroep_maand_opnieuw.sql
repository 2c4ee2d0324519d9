{#-
  What a refresh of int_doelgroep_maand computes again, without reading the table itself (issue 15: the cost of a
  refresh must follow what arrived, not the history). Its post-hook keeps the fingerprints it was built with
  (int_doelgroep_maand__invoer) beside it, in `<model>__vorige_invoer`: one row per person and per month. The people
  and the months whose fingerprint differs between the two, either way (new, changed or gone), are the ones to
  delete and compute again; a join of two small tables instead of two anti-joins over every person-month.

  `doelgroep_maand_wijzigingen(model)`, its first pre-hook, works them out once per build into a temporary table:
  'alles' when everything must be computed again (a full build; no record of the last build: a warehouse from before
  this macro; or the months shifted: an earlier delivery loaded late, or the newest month gone), else a row per
  changed person ('persoon') and month ('maand'). The later pre-hooks, the model and the post-hook read it through
  `doelgroep_maand_alles()` (a condition) and `doelgroep_maand_gewijzigd(soort)` (the persoon_id or maand values).
-#}
{% macro doelgroep_maand_wijzigingen(model) -%}
    {%- set vorige = doelgroep_maand_vorige(model) -%}
    {%- set invoer = ref('int_doelgroep_maand__invoer') -%}
    create or replace temp table int_doelgroep_maand__wijzigingen as
    {%- if vorige is none or not is_incremental() %}
        select 'alles' as soort, null::uuid as persoon_id, null::date as maand
    {%- else %}
        select 'alles' as soort, null::uuid as persoon_id, null::date as maand
        where {{ doelgroep_maand_verschoven(invoer, vorige) }}
        union all
        select distinct soort, persoon_id, maand from (
            (select soort, persoon_id, maand, invoer_hash from {{ invoer }}
                except
                select soort, persoon_id, maand, invoer_hash from {{ vorige }})
            union all
            (select soort, persoon_id, maand, invoer_hash from {{ vorige }}
                except
                select soort, persoon_id, maand, invoer_hash from {{ invoer }})
        )
    {%- endif %}
{%- endmacro %}

{#- The post-hook: the fingerprints this build was made with become the last build's. Only the rows of the people
    and months that differ are deleted and written again (all of them when everything was computed again): a copy of
    the whole table wrote about 34 MiB per refresh at national size (scale 28, 1.4 million people), the changed rows a
    few (the node wrote 115 → 83 MiB). -#}
{% macro doelgroep_maand_vorige_bijwerken(model) -%}
    {%- set vorige = model.incorporate(path={'identifier': model.identifier ~ '__vorige_invoer'}) -%}
    {%- set invoer = ref('int_doelgroep_maand__invoer') -%}
    {%- set gewijzigd -%}
        {{ doelgroep_maand_alles() }}
        or (soort = 'persoon' and persoon_id in ({{ doelgroep_maand_gewijzigd('persoon') }}))
        or (soort = 'maand' and maand in ({{ doelgroep_maand_gewijzigd('maand') }}))
    {%- endset -%}
    create table if not exists {{ vorige }} as select soort, persoon_id, maand, invoer_hash from {{ invoer }} limit 0;
    delete from {{ vorige }} where {{ gewijzigd }};
    insert into {{ vorige }} select soort, persoon_id, maand, invoer_hash from {{ invoer }} where {{ gewijzigd }}
{%- endmacro %}

{#- The months themselves shifted since the last build (an earlier delivery loaded late, or the newest month gone):
    everything is computed again. -#}
{% macro doelgroep_maand_verschoven(invoer, vorige) -%}
    (select min(maand) from {{ invoer }} where soort = 'maand')
        is distinct from (select min(maand) from {{ vorige }} where soort = 'maand')
    or (select max(maand) from {{ invoer }} where soort = 'maand')
    < (select max(maand) from {{ vorige }} where soort = 'maand')
{%- endmacro %}

{#- The table of the fingerprints of the last build, or none before its first build with this macro. -#}
{% macro doelgroep_maand_vorige(model) -%}
    {{ return(adapter.get_relation(model.database, model.schema, model.identifier ~ '__vorige_invoer')) }}
{%- endmacro %}

{% macro doelgroep_maand_alles() -%}
    exists (select 1 from int_doelgroep_maand__wijzigingen where soort = 'alles')
{%- endmacro %}

{% macro doelgroep_maand_gewijzigd(soort) -%}
    select {{ 'persoon_id' if soort == 'persoon' else 'maand' }} from int_doelgroep_maand__wijzigingen
    where soort = '{{ soort }}'
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
    {%- set invoer = ref('int_doelgroep_maand__invoer') -%}
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
