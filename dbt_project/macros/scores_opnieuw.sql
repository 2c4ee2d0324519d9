{#- The people a refresh of int_ladder__scores (`model`) computes again: those with a score in a load newer than its
    rows, and those with a row from a load that has since been replaced; with the month of the first of those scores
    (`vanaf`: every score before it, and so every step between two of them, is as it was) and the peildatum of their
    last score before that month (`vanaf_peildatum`, -infinity when none): that score's next score may change, so
    their rows are computed again from it on, the rows before it kept. Its first pre-hook works them out once into a
    temporary table; its second records them, from that month, for its uniqueness test and for
    int_ladder__overgangen (macros/ongetest.sql, through `scores_opnieuw_personen()`); its third deletes their rows
    from that peildatum on (`scores_opnieuw_vergeten`), and the model reads their scores from it on again. -#}
{% macro scores_opnieuw(model) -%}
    create or replace temp table int_ladder__scores__opnieuw as
    with changed as (
        select changed.persoon_id, min(changed.maand) as vanaf
        from (
            select nieuw.persoon_id, {{ maand_van_meting('nieuw.peildatum') }} as maand
            from {{ ref('stg_werkplein__ladder') }} as nieuw
            where nieuw.laad_id > (select coalesce(max(done.laad_id), 0) from {{ model }} as done)
            union all
            select done.persoon_id, done.maand from {{ model }} as done
            where done.laad_id not in ({{ metingen_geladen() }})
        ) as changed
        group by changed.persoon_id
    )

    select
        changed.persoon_id,
        changed.vanaf,
        coalesce(max(done.peildatum), '-infinity'::date) as vanaf_peildatum
    from changed
    left join {{ model }} as done on changed.persoon_id = done.persoon_id and done.maand < changed.vanaf
    group by changed.persoon_id, changed.vanaf
{%- endmacro %}

{#- The third pre-hook: the rows computed again go (the model appends them anew). -#}
{% macro scores_opnieuw_vergeten(model) -%}
    delete from {{ model }} as done
    using int_ladder__scores__opnieuw as opnieuw
    where done.persoon_id = opnieuw.persoon_id and done.peildatum >= opnieuw.vanaf_peildatum
{%- endmacro %}

{#- The people computed again, with their first month. -#}
{% macro scores_opnieuw_personen() -%}
    select opnieuw.persoon_id, opnieuw.vanaf from int_ladder__scores__opnieuw as opnieuw
{%- endmacro %}
