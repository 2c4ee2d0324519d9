{#- Month-grain incremental models (int_doelgroep_maand__persoon, mart_ladder_stand, int_werkplein__bestand,
    mart_klantstroom, mart_indicator_cellen, mart_uwv, mart_wsw, int_jongeren__bijstand, int_jongeren__vsv, and
    mart_instrumenten_rendement per window) keep a month's rows while its
    fingerprint is unchanged: that of int_ladder__maand_invoer (the default), or the one `invoer` names (a model with
    maand, maandeinde and invoer_hash per month, such as the doelgroepen' int_doelgroep_maand__maand_invoer). Each
    stores the fingerprint it was built from in `maand_invoer`; `month_column` is the model's own month column,
    `invoer_column` the matching column of the fingerprint (maand, or maandeinde for a mart keyed on the month end).
    A model whose parts read different inputs keeps each part's rows while that part's fingerprint is unchanged: its
    fingerprint model has one column per part (`hashes`), and each part computes its own months to do (`hash`).

    Which fingerprints a model holds is kept beside it, in `intermediate.<model>__maanden` (maand: the model's month
    column; maand_invoer), written in the same transaction as the model (its post-hook): finding the months to do
    and the rows to drop reads that small table instead of every row of the model, which at national size with 60
    months took 2–4 s per model and refresh (issue 15: a refresh's cost follows what arrived, not the history).
    int_ladder__stand and int_werkplein__stroom use the register and the months to do, but keep a changed month's
    rows that stay the same (macros/verschil_per_maand.sql). -#}

{#- The relation of `model`'s months and fingerprints, in the intermediate schema (not published with a mart). -#}
{% macro maanden_register(model) -%}
    {{ return(model.incorporate(path={'schema': 'intermediate', 'identifier': model.identifier ~ '__maanden'})) }}
{%- endmacro %}

{#- The config every month-grain incremental model shares: `{{ config(**per_maand()) }}`; appended per month, a
    changed schema fails instead of mixing (a new version of the project builds whole: warehouse/build.py).
    `ongetest`: record the months it computes again, for a test that reads only those (macros/ongetest.sql). -#}
{% macro per_maand(
    month_column='maand', invoer_column='maand', invoer='int_ladder__maand_invoer', ongetest=false,
    hashes=['invoer_hash']
) -%}
    {%- set argumenten = "'" ~ month_column ~ "', '" ~ invoer_column ~ "', '" ~ invoer ~ "'" -%}
    {%- set hooks = ["{{ vergeet_gewijzigde_maanden(" ~ argumenten ~ ", " ~ hashes ~ ") }}"] -%}
    {%- if ongetest -%}
        {%- do hooks.append("{{ ongetest_maanden(" ~ argumenten ~ ") }}") -%}
    {%- endif -%}
    {{ return({
        'materialized': 'incremental',
        'incremental_strategy': 'append',
        'on_schema_change': 'fail',
        'pre_hook': hooks,
        'post_hook': ["{{ maanden_vastleggen(" ~ argumenten ~ ", " ~ hashes ~ ") }}"],
    }) }}
{%- endmacro %}

{#- The config of a fingerprint model kept per month (int_doelgroep_maand__maand_invoer,
    int_werkplein__stroom__maand_invoer): a refresh writes again the months it selects and drops those no longer
    monitored. -#}
{% macro vingerafdruk_bijhouden() -%}
    {{ return({
        'materialized': 'incremental',
        'incremental_strategy': 'delete+insert',
        'unique_key': 'maand',
        'on_schema_change': 'fail',
        'pre_hook': [
            "{% if is_incremental() %}delete from {{ this }} "
            "where maand not in (select maanden.maand from {{ ref('int_maanden') }} as maanden){% endif %}"
        ],
    }) }}
{%- endmacro %}

{#- Pre-hook: drop the rows whose month's fingerprint (of their part, `hashes`) changed or that no longer exist, and
    every row without a fingerprint (maand_invoer null: rows a model makes again on every build), with their entries
    in the register. The first refresh after this register came makes it from the model (once, a whole read); a full
    build drops it, for the post-hook to make it again. -#}
{% macro vergeet_gewijzigde_maanden(
    month_column='maand', invoer_column='maand', invoer='int_ladder__maand_invoer', hashes=['invoer_hash']
) -%}
    {%- if is_incremental() -%}
        {%- set register = maanden_register(this) -%}
        {%- set vergeten = this.identifier ~ '__vergeten' -%}
        create table if not exists {{ register }} as
        select distinct {{ month_column }} as maand, maand_invoer from {{ this }} where maand_invoer is not null;
        create or replace temp table {{ vergeten }} as
        select r.maand, r.maand_invoer from {{ register }} as r
        where not {{ maand_actueel('r.maand', 'r.maand_invoer', invoer, invoer_column, hashes) }};
        {#- Two deletes: one with both conditions under an OR read every row (int_werkplein__bestand's pre-hook at 60
            months of national size 1.9 s with nothing changed, against 0.1 s); apart, DuckDB answers the first from
            the column's statistics and the second from the months forgotten. #}
        delete from {{ this }} as t where t.maand_invoer is null;
        delete from {{ this }} as t
        where
            t.{{ month_column }} in (select v.maand from {{ vergeten }} as v)
            and not {{ maand_actueel('t.' ~ month_column, 't.maand_invoer', invoer, invoer_column, hashes) }};
        delete from {{ register }} as r
        where exists (select 1 from {{ vergeten }} as v where v.maand = r.maand and v.maand_invoer = r.maand_invoer)
    {%- else -%}
        drop table if exists {{ maanden_register(this) }}
    {%- endif -%}
{%- endmacro %}

{#- Whether a month's rows (`maand`, their `maand_invoer`) were built from a fingerprint it still has. -#}
{% macro maand_actueel(maand, maand_invoer, invoer, invoer_column, hashes) -%}
    exists (
        select 1 from {{ ref(invoer) }} as i
        where i.{{ invoer_column }} = {{ maand }} and {{ maand_invoer }} in (i.{{ hashes | join(', i.') }})
    )
{%- endmacro %}

{#- Post-hook: record the fingerprints of the months just computed; after a full build (the register dropped by
    the pre-hook), all of them. Not by is_incremental(), which a post-hook of a first build already finds true. -#}
{% macro maanden_vastleggen(
    month_column='maand', invoer_column='maand', invoer='int_ladder__maand_invoer', hashes=['invoer_hash']
) -%}
    {%- set register = maanden_register(this) -%}
    create table if not exists {{ register }} as
    select distinct {{ month_column }} as maand, maand_invoer from {{ this }} where maand_invoer is not null;
    insert into {{ register }}
    select distinct t.{{ month_column }}, t.maand_invoer from {{ this }} as t
    where t.maand_invoer is not null and t.{{ month_column }} in (
        select i.{{ invoer_column }} from {{ ref(invoer) }} as i
        where {% for hash in hashes %}{{ ' or ' if not loop.first }}not exists (
            select 1 from {{ register }} as r where r.maand = i.{{ invoer_column }} and r.maand_invoer = i.{{ hash }}
        ){% endfor %}
    )
    except
    select maand, maand_invoer from {{ register }}
{%- endmacro %}

{#- The months to compute: all in a full build; in a refresh those without their fingerprint in the register (new or
    just dropped), of the part whose fingerprint is `hash`. `invoer` is the model's ref() to its fingerprint (a ref made
    in the model, so that a dbt unit test can feed it). -#}
{% macro maanden_te_doen(invoer, invoer_column='maand', hash='invoer_hash') -%}
    select invoer.maand, invoer.maandeinde, invoer.{{ hash }} as maand_invoer
    from {{ invoer }} as invoer
    {%- if is_incremental() %}
        where not exists (
            select 1 from {{ maanden_register(this) }} as done
            where done.maand = invoer.{{ invoer_column }} and done.maand_invoer = invoer.{{ hash }}
        )
    {%- endif %}
{%- endmacro %}

{#- A filter on a measurement's `column` (its peildatum) for the months a refresh computes (macro maanden_te_doen):
    those after the first of them, as a constant (made for the staging views, whose window DuckDB ran over every row
    for a filter from a subquery; the staging tables of macro meting_per_sleutel no longer need it). Found when the
    model is compiled, before the pre-hook drops the changed months: the months without their fingerprint in the
    register. Empty in a full build or before the register's first build; `false` when no month is to do. -#}
{% macro meting_vanaf_te_doen(invoer, column, invoer_column='maand') -%}
    {%- set register = maanden_register(this) if execute and is_incremental() else none -%}
    {%- if register is none or adapter.get_relation(register.database, register.schema, register.identifier) is none -%}
        {{ return('') }}
    {%- endif -%}
    {%- set eerste = run_query(
        'select min(invoer.maand) from ' ~ invoer ~ ' as invoer where not exists (select 1 from ' ~ register
        ~ ' as done where done.maand = invoer.' ~ invoer_column ~ ' and done.maand_invoer = invoer.invoer_hash)'
    ).columns[0].values()[0] -%}
    {{ return('false' if eerste is none else meting_vanaf_maand(column, eerste)) }}
{%- endmacro %}
