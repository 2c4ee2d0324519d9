{#-
  The newest known version of each record of a snapshot entity (klanten spells, trajecten, ...).
  Every file is the full state at its date, so the newest file that lists a record has its latest
  knowledge. A record that a later file no longer lists while it was still open has ended: its end is
  set to the date of the first file without it and `einde_afgeleid` says so.
-#}
{% macro latest_version(model, key, end_column) %}
    with versions as (
        select
            *,
            max(bestand_peildatum) over (partition by {{ key | join(', ') }}) as laatst_gezien
        from {{ model }}
    ),

    files as (
        select distinct bestand_peildatum from {{ model }}
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

    select
        * exclude ({{ end_column }}, volgende_levering, bestand_peildatum, bron_bestand, regelnummer),
        coalesce({{ end_column }}, volgende_levering) as {{ end_column }},
        {{ end_column }} is null and volgende_levering is not null as einde_afgeleid
    from next_file
{% endmacro %}
