{#-
  Which steps a refresh of int_ladder__overgangen computes again (issue 15: the cost of a refresh must follow what
  arrived). A step (a pair of consecutive scores) depends only on the person's scores, on their rows of
  int_doelgroep_maand__persoon (their months in a doelgroep, with their cell) from the month of the first score to that
  of the second, and on whether the second's month is monitored. So it is computed again when int_ladder__scores or
  int_doelgroep_maand (which int_doelgroep_maand__persoon is made from) computed the person again from a month not
  after that of the second score (each records a person's first month computed again: scores before it, and months
  before it, are as they were; none: all), when int_doelgroep_maand__persoon or int_doelgroep_maand computed a month
  in the step's range again, or when any of them computed everything (the months shifted). What they computed again
  is in `intermediate.ongetest` (macros/ongetest.sql) until a build passes: after a failed build it still holds, so
  the next refresh computes a superset, never less.
-#}

{#- Pre-hook: each person computed again with the first month from which their steps are (a temporary table the
    model reads), and the delete of the steps computed again. The person's steps go by a join: a correlated
    condition beside the others ran per row. -#}
{% macro overgangen_opnieuw(model) -%}
    {%- if is_incremental() -%}
        create or replace temp table int_ladder__overgangen__opnieuw as
        select o.persoon_id, min({{ ongetest_vanaf() }}) as vanaf from intermediate.ongetest as o
        where o.model in ('int_ladder__scores', 'int_doelgroep_maand') and o.soort = 'persoon'
        group by o.persoon_id;
        {{ overgangen_maanden_vastleggen(model) }};
        delete from {{ model }} as t where {{ overgangen_van_iedereen('t') }};
        delete from {{ model }} as t using int_ladder__overgangen__opnieuw as opnieuw
        where t.persoon_id = opnieuw.persoon_id and t.maand_tot >= opnieuw.vanaf
    {%- else -%}
        {{ ongetest_vastleggen(model, none, none, none) }}
    {%- endif -%}
{%- endmacro %}

{#- The months whose count of steps changed, for mart_ladder_overgangen (which counts those months again: macro
    overgangen_maand_opnieuw): the months of the second score (maand_tot) of the steps computed again, recorded in
    `intermediate.ongetest` as the model's 'maand' rows. Run twice: in the pre-hook for the steps it deletes, in the
    post-hook for those it appended, which are then the only rows that meet the same condition; a full build
    records 'alles'. The record stays until a build passes, so after a failed or killed build the next refresh
    counts those months again too. -#}
{% macro overgangen_maanden_vastleggen(model) -%}
    {%- if is_incremental() -%}
        {#- The steps of the two deletes, each found the way its delete finds them (a join for the persons). -#}
        insert into intermediate.ongetest
        select '{{ model.identifier }}', 'maand', null, maanden.maand_tot
        from (
            select t.maand_tot from {{ model }} as t where {{ overgangen_van_iedereen('t') }}
            union
            select t.maand_tot from {{ model }} as t
            inner join int_ladder__overgangen__opnieuw as opnieuw
                on t.persoon_id = opnieuw.persoon_id and t.maand_tot >= opnieuw.vanaf
        ) as maanden
        where maanden.maand_tot not in (
            select o.maand from intermediate.ongetest as o
            where o.model = '{{ model.identifier }}' and o.soort = 'maand'
        )
    {%- endif -%}
{%- endmacro %}

{#- Whether mart_ladder_overgangen counts the month `maand` (of the second score) again: int_ladder__overgangen
    computed a step of it again, or everything. -#}
{% macro overgangen_maand_opnieuw(maand) -%}
    (
        exists (
            select 1 from intermediate.ongetest as o
            where o.model = 'int_ladder__overgangen' and o.soort = 'alles'
        )
        or {{ maand }} in (
            select o.maand from intermediate.ongetest as o
            where o.model = 'int_ladder__overgangen' and o.soort = 'maand'
        )
    )
{%- endmacro %}

{#- Whether the step `pair` (a relation with maand_van and maand_tot) is computed again whoever its person is:
    everything was, or a month it spans was. -#}
{% macro overgangen_van_iedereen(pair) -%}
    (
        exists (
            select 1 from intermediate.ongetest as o
            where
                o.model in ('int_ladder__scores', 'int_doelgroep_maand', 'int_doelgroep_maand__persoon')
                and o.soort = 'alles'
        )
        or exists (
            select 1 from intermediate.ongetest as o
            where
                o.model in ('int_doelgroep_maand', 'int_doelgroep_maand__persoon')
                and o.soort = 'maand'
                and o.maand between {{ pair }}.maand_van and {{ pair }}.maand_tot
        )
    )
{%- endmacro %}
