{#- Month-grain incremental models (int_doelgroep_maand__persoon, int_ladder__stand, mart_ladder_stand,
    int_werkplein__bestand, int_werkplein__stroom, mart_indicator_cellen, mart_uwv) keep a month's rows while its
    fingerprint is unchanged: that of int_ladder__maand_invoer (the default), or the one `invoer` names (a model with
    maand, maandeinde and invoer_hash per month, such as the doelgroepen' int_doelgroep_maand__maand_invoer). Each
    stores the fingerprint it was built from in `maand_invoer`; `month_column` is the model's own month column,
    `invoer_column` the matching column of the fingerprint (maand, or maandeinde for a mart keyed on the month
    end). A model whose parts read different inputs keeps each part's rows while that part's fingerprint is unchanged:
    its fingerprint model has one column per part (`hashes`), and each part computes its own months to do (`hash`).
    -#}

{#- The config every month-grain incremental model shares: `{{ config(**per_maand()) }}`; appended per month, a
    changed schema fails (a migration drops the model, ingest/raw_schema.INCREMENTAL_COLUMNS) instead of mixing.
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
    }) }}
{%- endmacro %}

{#- Pre-hook: drop the rows whose month's fingerprint (of their part, `hashes`) changed or that no longer exist, and
    every row without a fingerprint (maand_invoer null: rows a model makes again on every build). -#}
{% macro vergeet_gewijzigde_maanden(
    month_column='maand', invoer_column='maand', invoer='int_ladder__maand_invoer', hashes=['invoer_hash']
) -%}
    {%- if is_incremental() -%}
        delete from {{ this }} as t where not exists (
            select 1 from {{ ref(invoer) }} as i
            where i.{{ invoer_column }} = t.{{ month_column }} and t.maand_invoer in (i.{{ hashes | join(', i.') }})
        )
    {%- endif -%}
{%- endmacro %}

{#- The months to compute: all in a full build; in a refresh those without a row of their fingerprint (new or just
    dropped), of the part whose fingerprint is `hash`. `invoer` is the model's ref() to its fingerprint (a ref made in
    the model, so that a dbt unit test can feed it). -#}
{% macro maanden_te_doen(invoer, month_column='maand', invoer_column='maand', hash='invoer_hash') -%}
    select invoer.maand, invoer.maandeinde, invoer.{{ hash }} as maand_invoer
    from {{ invoer }} as invoer
    {%- if is_incremental() %}
        where not exists (
            select 1 from {{ this }} as done
            where done.{{ month_column }} = invoer.{{ invoer_column }} and done.maand_invoer = invoer.{{ hash }}
        )
    {%- endif %}
{%- endmacro %}

{#- A filter on a measurement's `column` (its peildatum) for the months a refresh computes (macro maanden_te_doen):
    those after the first of them, as a constant (made for the staging views, whose window DuckDB ran over every row
    for a filter from a subquery; the staging tables of macro meting_per_sleutel no longer need it). Found when the
    model is compiled, before the pre-hook drops the changed months: the months without a row of their fingerprint.
    Empty in a full build; `false` when no month is to do. -#}
{% macro meting_vanaf_te_doen(invoer, column, month_column='maand', invoer_column='maand') -%}
    {%- if not (execute and is_incremental()) -%}
        {{ return('') }}
    {%- endif -%}
    {%- set eerste = run_query(
        'select min(invoer.maand) from ' ~ invoer ~ ' as invoer where not exists (select 1 from ' ~ this
        ~ ' as done where done.' ~ month_column ~ ' = invoer.' ~ invoer_column
        ~ ' and done.maand_invoer = invoer.invoer_hash)'
    ).columns[0].values()[0] -%}
    {{ return('false' if eerste is none else meting_vanaf_maand(column, eerste)) }}
{%- endmacro %}
