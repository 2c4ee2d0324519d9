{#-
  The newest known version of each record of a snapshot entity (klanten spells, trajecten, ...).
  Every file is the full state at its date, so the newest file that lists a record has its latest
  knowledge. A record that a later file no longer lists while it was still open has ended: the first file
  without it shows the state at the end of the day before its date, so the record's end (its last day, as the
  sources mean an end date: macro open_op) is set to that day, and `einde_afgeleid` says so.
-#}
{% macro latest_version(model, key, end_column) %}
{%- set vanaf = laatste_versie_vanaf(model) %}
{%- set nieuw = "where bestand_peildatum >= date '" ~ vanaf ~ "'" if vanaf is not none else '' %}
{%- if vanaf is not none %}
    {#- A refresh: of the versions read, only those that differ from the table's row (new records, changed ones,
        ended ones) are put in place; the others, most of the records in the newest file, stay as written. -#}
    {%- set kolommen = adapter.get_columns_in_relation(this) | map(attribute='quoted') | join(', ') %}
    with nu as materialized ({{ latest_version_rows(model, key, end_column, nieuw) }})

    select {{ kolommen }} from nu
    except
    select {{ kolommen }} from {{ this }} semi join nu using ({{ key | join(', ') }})
{%- else %}
    {{ latest_version_rows(model, key, end_column, nieuw) }}
{%- endif %}
{% endmacro %}

{% macro latest_version_rows(model, key, end_column, nieuw) %}
    with versions as (
        select
            *,
            max(bestand_peildatum) over (partition by {{ key | join(', ') }}) as laatst_gezien
        from {{ model }} {{ nieuw }}
    ),

    files as (
        select distinct bestand_peildatum from {{ model }} {{ nieuw }}
    ),

    latest as (
        select *
        from versions
        where bestand_peildatum = laatst_gezien
    ),

    next_file as (
        select latest.*, (
            select min(files.bestand_peildatum) from files where files.bestand_peildatum > latest.laatst_gezien
        ) as volgende_levering
        from latest
    )

    -- Without the file it was last seen in: a record listed again unchanged gives the same row.
    select
        * exclude ({{ end_column }}, volgende_levering, bestand_peildatum, bron_bestand, regelnummer, laatst_gezien),
        coalesce({{ end_column }}, volgende_levering - 1) as {{ end_column }},
        {{ end_column }} is null and volgende_levering is not null as einde_afgeleid
    from next_file
{% endmacro %}

{#- A snapshot entity's newest versions as a table kept up to date per record (issue 15: the window above ran over
    every file of the history on every refresh; at national size with 60 months the klanten's 41 million rows).
    `{{ config(**laatste_versie_per_sleutel(key, 'stg_...')) }}`. While the new files are all newer than every file the
    table was made from (the usual monthly delivery), only records listed in its newest file or in a new one can change:
    a new file brings their newest version, or ends those it no longer lists. Those records' newest versions lie in
    those files, so the model reads only them (from the newest file it holds on, `laatste_versie_vanaf`) and puts them
    in place of what it held (delete+insert on the key). Everything is made again, the table emptied first (pre-hook),
    after a correction (its rows are gone from the files), when a new load of the entity is not newer than the table's
    newest file (a late delivery; or loads of a build that failed after this model, merged again), or when the table
    is new. A full build gives the same rows (tests/dbt/test_incremental.py). -#}
{% macro laatste_versie_per_sleutel(key, staging) -%}
    {{ return({
        'materialized': 'incremental',
        'incremental_strategy': 'delete+insert',
        'unique_key': key,
        'on_schema_change': 'fail',
        'pre_hook': [
            "{% if is_incremental() and laatste_versie_vanaf(ref('" ~ staging ~ "')) is none %}delete from {{ this }}"
            ~ "{% endif %}"
        ],
        'post_hook': ["{{ laatste_versie_gezien_bijwerken(ref('" ~ staging ~ "')) }}"],
    }) }}
{%- endmacro %}

{#- Beside the table, in `<model>__gezien`: the newest file it was made from (the rows no longer say which file they
    were last seen in, or every record listed again would be written again). In the model's transaction. -#}
{% macro laatste_versie_gezien(model) -%}
    {{ return(model.incorporate(path={'identifier': model.identifier ~ '__gezien'})) }}
{%- endmacro %}

{% macro laatste_versie_gezien_bijwerken(staging) -%}
    create or replace table {{ laatste_versie_gezien(this) }} as
    select max(bestand_peildatum) as laatst_gezien from {{ staging }}
{%- endmacro %}

{#- The newest file the table holds (recorded beside it), when a refresh may read from it on; none when it must read
    everything (a full build, the cases above, and a table from before that record). Asked when the model is compiled
    and again in its pre-hook, before anything changes what it reads. -#}
{% macro laatste_versie_vanaf(staging) -%}
    {%- set gezien = laatste_versie_gezien(this) if execute and is_incremental() else none -%}
    {%- if gezien is none or adapter.get_relation(gezien.database, gezien.schema, gezien.identifier) is none -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set bron = graph.nodes['model.' ~ project_name ~ '.' ~ staging.identifier].sources[0][1] -%}
    {%- set vraag -%}
        with gehad as (select max(laatst_gezien) as laatste from {{ gezien }})
        select case
            when gehad.laatste is null
                or {{ gecorrigeerd_sinds_getest() }}
                or exists (
                    select 1 from {{ ref('stg_ingest__laadlog') }} as l
                    where
                        l.laad_id > {{ getest_tot() }}
                        and l.bron || '_' || l.entiteit = '{{ bron }}'
                        and l.bestand_peildatum <= gehad.laatste
                )
                then null
            else gehad.laatste
        end
        from gehad
    {%- endset -%}
    {{ return(run_query(vraag).columns[0].values()[0]) }}
{%- endmacro %}
