{#-
  The rows of a large incremental model that no build that passed has tested yet (issue 15: the heavy tests of a
  refresh follow what arrived, not the history). The model's pre-hook records in `intermediate.ongetest` what it
  computes again: the people ('persoon') and months ('maand') of a refresh, or 'alles' for a full build. Its
  uniqueness test reads only the rows of those people and months (`meta.ongetest` in its yml, macro ongetest_where
  below); a build that passed every test forgets the record (on-run-end), and one that failed or was killed keeps
  it, so the next build tests those rows again with its own. Two rows with the same key share their person and
  month, so reading whole people and months misses no duplicate among the rows computed again. Used by
  int_doelgroep_maand (people and months), int_ladder__scores (people) and the month-grain int_werkplein__bestand,
  int_werkplein__stroom, int_doelgroep_maand__persoon, int_ladder__stand and mart_ladder_stand (months; the last for
  the two reconciliations of the ladder). int_ladder__overgangen reads the record to know what to compute again, and
  records the months of the steps it computed again (the month of their second score), which mart_ladder_overgangen
  counts again (macros/overgangen_opnieuw.sql) and its own uniqueness test reads (maand_tot).
-#}

{#- on-run-end: a `dbt build` whose every node passed has tested everything recorded. -#}
{% macro ongetest_na_build(results) -%}
    delete from intermediate.ongetest where {{ 'true' if build_geslaagd(results) else 'false' }}
{%- endmacro %}

{#- Whether this invocation was a whole `dbt build` whose every node passed (`results`: on-run-end's). A build of
    some nodes (`--select`, `--exclude`, `--selector`, as someone might run by hand) tested only those: it neither
    forgets what is untested nor counts a load as tested. -#}
{% macro build_geslaagd(results) -%}
    {%- set gefaald = results | rejectattr('status', 'in', ['success', 'pass', 'warn']) | list -%}
    {#- A refresh leaves out the seeds when they are as the last build that passed loaded them (warehouse/build.py):
        that build is still whole. -#}
    {%- set uitgesloten = (invocation_args_dict.get('exclude') or []) | list -%}
    {%- set zonder_seeds = uitgesloten == ['resource_type:seed']
        and invocation_args_dict.get('indirect_selection') == 'cautious' -%}
    {%- set deel = invocation_args_dict.get('select') or invocation_args_dict.get('selector')
        or (uitgesloten and not zonder_seeds) -%}
    {%- do return(flags.WHICH == 'build' and not deel and not gefaald) -%}
{%- endmacro %}

{#- Pre-hook: record what this build computes again; `persoon` and `maand` select the keys of a refresh, `alles`
    is a condition under which it computes everything. A full build computes everything. `persoon_vanaf`: a column
    of `persoon` with the first month computed again of each person (recorded in `maand`; none: all their months). -#}
{% macro ongetest_vastleggen(model, persoon, maand, alles, persoon_vanaf='null') -%}
    {%- if is_incremental() -%}
        insert into intermediate.ongetest
        select '{{ model.identifier }}', 'alles', null, null where {{ alles }}
        union all
        select '{{ model.identifier }}', 'persoon', persoon_id, {{ persoon_vanaf }} from ({{ persoon }})
        union all
        select '{{ model.identifier }}', 'maand', null, maand from ({{ maand }})
    {%- else -%}
        insert into intermediate.ongetest values ('{{ model.identifier }}', 'alles', null, null)
    {%- endif -%}
{%- endmacro %}

{#- Pre-hook of a month-grain model (per_maand(ongetest=true)), after the one that forgets its changed months: the
    months it computes now are those without their fingerprint in its register (maanden_te_doen). -#}
{% macro ongetest_maanden(month_column='maand', invoer_column='maand', invoer='int_ladder__maand_invoer') -%}
    {%- set te_doen = maanden_te_doen(ref(invoer), invoer_column) -%}
    {%- set maanden = "select te_doen.maand from (" ~ te_doen ~ ") as te_doen" -%}
    {{ ongetest_vastleggen(this, "select null::uuid as persoon_id where false", maanden, "false") }}
{%- endmacro %}

{#- The months of `model` that no build that passed has tested (all of them after a full build), with their month
    ends: for a test that reads a month-grain model (the ladder's reconciliations read mart_ladder_stand's). -#}
{% macro ongetest_maanden_van(model) -%}
    select maanden.maand, maanden.maandeinde from {{ ref('int_maanden') }} as maanden
    where
        exists (
            select 1 from intermediate.ongetest as o
            where o.model = '{{ model }}' and o.soort = 'alles'
        )
        or maanden.maand in (
            select o.maand from intermediate.ongetest as o
            where o.model = '{{ model }}' and o.soort = 'maand'
        )
{%- endmacro %}


{#- A test's `where` from its `meta.ongetest` (macro get_where_subquery): the rows of the people and/or months
    ('persoon', 'maand') the model computed again, or every row after it computed everything ('alles'). For a model
    with months, the earliest month recorded (a person's first month computed again; all of them when none was
    recorded) also becomes a constant bound, found when the test runs: DuckDB skips the row groups of older months
    on it, where a person's rows otherwise meant reading every month (int_doelgroep_maand's uniqueness test 4.0 →
    0.7 s at 60 months of national size, a refresh's 50,000 people and newest month). `maandkolom`: the model's
    column of the month recorded (meta.ongetest_maand; int_ladder__overgangen records the month of a step's second
    score, maand_tot). -#}
{% macro ongetest_where(relation, soorten, maandkolom='maand') -%}
    {%- if not soorten -%}{%- do return('') -%}{%- endif -%}
    {%- set kolommen = {'persoon': 'persoon_id', 'maand': 'maand'} -%}
    {%- set eigen = "from intermediate.ongetest as o where o.model = '" ~ relation.identifier ~ "'" -%}
    {%- set delen = [] -%}
    {%- for soort in soorten -%}
        {%- set kolom = maandkolom if soort == 'maand' else kolommen[soort] -%}
        {%- do delen.append(kolom ~ ' in (select o.' ~ kolommen[soort] ~ ' ' ~ eigen
            ~ " and o.soort = '" ~ soort ~ "')") -%}
    {%- endfor -%}
    {%- set rijen = '(' ~ delen | join(' or ') ~ ')' -%}
    {%- if 'maand' in soorten and execute -%}
        {%- set vanaf = run_query(
            "select case when bool_or(o.soort = 'alles') then 'alles' "
            ~ "else min(" ~ ongetest_vanaf() ~ ")::varchar end " ~ eigen
        ).columns[0].values()[0] -%}
        {%- if vanaf == 'alles' -%}{%- do return('true') -%}{%- endif -%}
        {#- Nothing recorded: nothing to test. -#}
        {%- do return(maandkolom ~ " >= '" ~ vanaf ~ "'::date and " ~ rijen if vanaf is not none else 'false') -%}
    {%- endif -%}
    {%- do return("(exists (select 1 " ~ eigen ~ " and o.soort = 'alles') or " ~ rijen ~ ")") -%}
{%- endmacro %}

{#- A person's first month recorded (the `maand` of their 'persoon' row): from there on their rows were computed
    again; none recorded, all of them. -#}
{% macro ongetest_vanaf(maand='o.maand') -%}
    coalesce({{ maand }}, '-infinity'::date)
{%- endmacro %}
