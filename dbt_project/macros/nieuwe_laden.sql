{#-
  The tests of a staging model read only the loads that no build that passed has tested (issue 15: a refresh's
  tests follow what arrived, not the history). `intermediate.getest_laden` holds the highest laad_id a passing
  `dbt build` saw (on-run-end, macro getest_laden_na_build); a full build (`--full-refresh`, `semon build`) forgets it
  at its start, so it tests every load. The model's `meta.nieuwe_laden` (dbt_project.yml, per staging folder) says
  which rows those loads can have changed:
  - `bestand_peildatum` (a snapshot, every file's rows kept): the rows of the dates those loads brought rows of the
    model's source for. A duplicate of a key with bestand_peildatum lies within one date, which one load holds (a
    correction replaces it whole, and one whose rows were all quarantined leaves none of that date).
  - `peildatum` (a measurement, the newest file's row per key: macro newest_measurement): the rows measured on or
    after the earliest peildatum those loads delivered, as a constant (macro meting_per_sleutel keeps the newest row
    per key in a table). A correction can bring an older file's row back that was never visible, so
    when a load corrected another one, every row.
  - `snapshot_maand` (int_rmc__vsv_maand, a snapshot per month; its raw table in `meta.nieuwe_laden_bron`): the
    months whose file can be a new load's, and the newest month.
  - none (the ingest log's own models, small): every row.
  A test with a `where` of its own keeps it. Only a whole build that passed counts its loads as tested: a
  `dbt build --select ...` by hand tests some nodes only (macro build_geslaagd).
-#}

{#- dbt's hook for the `where` config of a test (global_project/macros/.../where_subquery.sql), extended. -#}
{% macro get_where_subquery(relation) -%}
    {%- set where = config.get('where', '')
        or ongetest_where(relation, config.meta_get('ongetest'), config.meta_get('ongetest_maand') or 'maand')
        or nieuwe_laden_where(relation) -%}
    {%- if where -%}
        {%- do return('(select * from ' ~ relation ~ ' where ' ~ where ~ ') dbt_subquery') -%}
    {%- endif -%}
    {%- do return(relation) -%}
{%- endmacro %}

{% macro nieuwe_laden_where(relation) -%}
    {%- set node = graph.nodes.get('model.' ~ project_name ~ '.' ~ relation.identifier) if execute else none -%}
    {%- set soort = node.config.meta.get('nieuwe_laden') if node else none -%}
    {%- set getest = getest_tot() -%}
    {%- if soort == 'bestand_peildatum' and execute -%}
        {#- The dates as constants, found when the test runs: with the subquery DuckDB put the model's rows (all of
            history) in a hash table to probe with the dates (a test 0.05 → 0.6-0.9 s at 60 months of national size,
            with no date to test). -#}
        {%- set datums = run_query(
            'select distinct r.bestand_peildatum::varchar from raw.' ~ node.sources[0][1] ~ ' as r '
            ~ 'where r.laad_id > ' ~ getest ~ ' order by 1'
        ).columns[0].values() -%}
        {#- No new rows: nothing to test. -#}
        {%- do return("bestand_peildatum in (date '" ~ datums | join("', date '") ~ "')" if datums else 'false') -%}
    {%- elif soort == 'peildatum' and execute -%}
        {#- The earliest date as a constant, found when the test runs: made when the measurements were views, before
            whose window DuckDB applied a constant bound on the key and a subquery only after it (3.6 s against 0.1 s
            on 60 months of Wajong). -#}
        {%- set gecorrigeerd = 'exists (select 1 from raw.laadlog as l where l.vervangen_door > ' ~ getest ~ ')' -%}
        {%- set vanaf = run_query(
            'select case when ' ~ gecorrigeerd ~ " then date '0001-01-01' else min(r.peildatum) end "
            ~ 'from raw.' ~ node.sources[0][1] ~ ' as r where r.laad_id > ' ~ getest
        ).columns[0].values()[0] -%}
        {#- No new rows: nothing to test. -#}
        {%- do return("peildatum >= date '" ~ vanaf ~ "'" if vanaf is not none else 'false') -%}
    {%- elif soort == 'snapshot_maand' and execute -%}
        {#- A view of a snapshot per month (int_rmc__vsv_maand: each month the newest file dated no later than the 1st
            of the next): the months whose file can be a new load's (a correction's too, which is a new load of its
            date), and the newest month, which may be new with an older file. The other months show a file the
            staging tests tested, as an earlier build did; a full build tests every month. As constants: the view's
            filter on its months then reaches the snapshot's rows through the join (the test read every month before:
            0.3 s at 24 months and 0.9 at 60 of national size, with nothing new). -#}
        {%- set grenzen = run_query(
            'select (select min(r.bestand_peildatum) - 1 from raw.' ~ node.config.meta.get('nieuwe_laden_bron')
            ~ ' as r where r.laad_id > ' ~ getest ~ ')::varchar, (select max(m.maand) from intermediate.int_maanden '
            ~ 'as m)::varchar'
        ).rows[0] -%}
        {%- set nieuw = " or maandeinde >= date '" ~ grenzen[0] ~ "'" if grenzen[0] is not none else '' -%}
        {%- do return("(maand = date '" ~ grenzen[1] ~ "'" ~ nieuw ~ ")") -%}
    {%- endif -%}
    {%- do return('') -%}
{%- endmacro %}

{#- The highest laad_id a build that passed has tested (0 when none has): the loads after it are new to a build. -#}
{% macro getest_tot() -%}
    (select coalesce(max(g.laad_id), 0) from intermediate.getest_laden as g)
{%- endmacro %}

{#- on-run-start, after the table is made: a full build tests every load. -#}
{% macro getest_laden_bij_begin() -%}
    delete from intermediate.getest_laden where {{ 'true' if flags.FULL_REFRESH else 'false' }}
{%- endmacro %}

{#- on-run-end: a build that passed has tested every load there is. -#}
{% macro getest_laden_na_build(results) -%}
    {%- if build_geslaagd(results) -%}
        delete from intermediate.getest_laden;
        insert into intermediate.getest_laden select coalesce(max(laad_id), 0) from raw.laadlog
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}
