{#-
  Month-grain models written where they differ (issue 15: what a refresh writes follows what arrived):
  int_ladder__stand and int_werkplein__stroom. Like the other month-grain models (macros/maanden_te_doen.sql) each
  computes again the months whose fingerprint (of `invoer`) is not in its register, `intermediate.<model>__maanden`;
  unlike them it does not replace those months' rows, because a new load gives several older months a new
  fingerprint while few of their rows change (a score counts for the 12 month ends after it; an outflow's return
  within 6 or 12 months). So the rows carry no fingerprint; a refresh computes the months to do into a temporary
  table (`verschil_nieuw`), deletes the rows of those months that differ from it or whose month is no longer
  monitored (`verschil_vergeten`), appends the new rows that are not there yet (`verschil_toevoegen`, the model's
  incremental select), and records every fingerprint of `invoer` as done (`verschil_vastleggen`). Fewer rows
  deleted also means fewer of DuckDB's row groups rewritten when its checkpoint compacts the deleted rows.
-#}

{#- The config both share, as per_maand() is the other month-grain models': `rijen` calls the macro of the model's
    rows, `kolommen` are its columns (`{{ config(**verschil_per_maand("ladder_stand_rijen('te_doen')", kolommen)) }}`);
    `ongetest`: record the months it computes again, for a test that reads only those (macros/ongetest.sql). -#}
{% macro verschil_per_maand(rijen, kolommen, invoer='int_ladder__maand_invoer', ongetest=false) -%}
    {%- set argument = "'" ~ invoer ~ "'" -%}
    {%- set hooks = ["{{ verschil_nieuw(" ~ rijen ~ ", " ~ argument ~ ") }}"] -%}
    {%- if ongetest -%}
        {%- do hooks.append("{{ ongetest_maanden(invoer=" ~ argument ~ ") }}") -%}
    {%- endif -%}
    {%- do hooks.append("{{ verschil_vergeten(" ~ kolommen ~ ", " ~ argument ~ ") }}") -%}
    {{ return({
        'materialized': 'incremental',
        'incremental_strategy': 'append',
        'on_schema_change': 'fail',
        'pre_hook': hooks,
        'post_hook': ["{{ verschil_vastleggen(" ~ argument ~ ") }}"],
    }) }}
{%- endmacro %}

{#- Pre-hook: the temporary tables of a refresh, on the model's connection: the months to do and their rows
    (`rijen`: the model's CTEs and final select after `with te_doen as (...),`). Without a register (one lost), every
    month is to do and compared: what is equal stays. -#}
{% macro verschil_nieuw(rijen, invoer='int_ladder__maand_invoer') -%}
    {%- if is_incremental() -%}
        create table if not exists {{ maanden_register(this) }} (maand date, maand_invoer ubigint);
        create or replace temp table {{ this.identifier }}__te_doen as
        {{ maanden_te_doen(ref(invoer)) }};
        create or replace temp table {{ this.identifier }}__nieuw as
        with te_doen as (select * from {{ this.identifier }}__te_doen),
        {{ rijen }}
    {%- endif -%}
{%- endmacro %}

{#- Pre-hook: drop the rows of the months to do that differ from their new rows in any of `kolommen` (null equal to
    null), and all rows of a month no longer monitored (in the register, gone from `invoer`), with the register's
    entries no longer current. A full build drops the register, for the post-hook to make it again. -#}
{% macro verschil_vergeten(kolommen, invoer='int_ladder__maand_invoer') -%}
    {%- set register = maanden_register(this) -%}
    {%- if is_incremental() -%}
        delete from {{ this }} as t
        where
            t.maand in (
                select te_doen.maand from {{ this.identifier }}__te_doen as te_doen
                union all
                select r.maand from {{ register }} as r
                where r.maand not in (select i.maand from {{ ref(invoer) }} as i)
            )
            and not exists (
                select 1 from {{ this.identifier }}__nieuw as n
                where
                    {%- for kolom in kolommen %}
                    {{ 'and ' if not loop.first }}n.{{ kolom }} is not distinct from t.{{ kolom }}
                    {%- endfor %}
            );
        delete from {{ register }} as r
        where not exists (
            select 1 from {{ ref(invoer) }} as i
            where i.maand = r.maand and i.invoer_hash = r.maand_invoer
        )
    {%- else -%}
        drop table if exists {{ register }}
    {%- endif -%}
{%- endmacro %}

{#- The model's select in a refresh: the new rows of the months to do that the pre-hook did not keep (those kept
    are equal to their new rows), found by their key `sleutel`. -#}
{% macro verschil_toevoegen(kolommen, sleutel) -%}
    select {% for kolom in kolommen %}{{ ', ' if not loop.first }}nieuw.{{ kolom }}{% endfor %}
    from {{ this.identifier }}__nieuw as nieuw
    anti join {{ this }} as kept
        on {% for kolom in sleutel %}{{ ' and ' if not loop.first }}nieuw.{{ kolom }} = kept.{{ kolom }}{% endfor %}
{%- endmacro %}

{#- Post-hook: every month of `invoer` is now computed from its fingerprint. -#}
{% macro verschil_vastleggen(invoer='int_ladder__maand_invoer') -%}
    {%- set register = maanden_register(this) -%}
    create table if not exists {{ register }} (maand date, maand_invoer ubigint);
    insert into {{ register }}
    select i.maand, i.invoer_hash from {{ ref(invoer) }} as i
    where not exists (select 1 from {{ register }} as r where r.maand = i.maand and r.maand_invoer = i.invoer_hash)
{%- endmacro %}
