-- What is loaded, per raw table: every table the monitor knows, also before its first delivery.
with current_loads as (
    select * from {{ ref('stg_ingest__laadlog') }}
    where status = 'geladen'
),

rows_per_load as (
    select rijen.tabel, rijen.laad_id, rijen.rijen, current_loads.bestand_peildatum
    from {{ ref('stg_ingest__tabelrijen') }} as rijen
    inner join current_loads using (laad_id)
),

quarantined_per_load as (
    select quarantaine.tabel, quarantaine.laad_id, count(distinct quarantaine.regelnummer) as rijen_quarantaine
    from {{ ref('stg_ingest__quarantaine') }} as quarantaine
    inner join current_loads using (laad_id)
    group by all
),

-- A file counts for a table when it was meant for it: the register file counts for both of its sheets.
files as (
    select bronnen.tabel, current_loads.*
    from {{ ref('bronnen') }} as bronnen
    inner join current_loads on current_loads.bron = bronnen.bron and current_loads.entiteit = bronnen.entiteit
),

per_file as (
    select
        files.tabel,
        files.laad_id,
        files.bestand,
        files.bestand_peildatum,
        files.klaar_op,
        files.waarschuwingen,
        coalesce(rows_per_load.rijen, 0) as rijen,
        coalesce(quarantined_per_load.rijen_quarantaine, 0) as rijen_quarantaine
    from files
    left join rows_per_load using (tabel, laad_id)
    left join quarantined_per_load using (tabel, laad_id)
),

latest as (
    select *
    from per_file
    qualify row_number() over (partition by tabel order by bestand_peildatum desc, laad_id desc) = 1
),

totals as (
    select
        tabel,
        count(*) as bestanden,
        sum(rijen) as rijen,
        sum(rijen_quarantaine) as rijen_quarantaine,
        max(klaar_op) as laatst_geladen_op
    from per_file
    group by tabel
)

select
    bronnen.bron,
    bronnen.entiteit,
    bronnen.tabel,
    bronnen.soort,
    bronnen.omschrijving,
    bronnen.volgorde,
    bronnen.verouderd_na_dagen,
    latest.bestand_peildatum as laatste_peildatum,
    latest.bestand as laatste_bestand,
    coalesce(totals.bestanden, 0)::bigint as bestanden,
    coalesce(totals.rijen, 0)::bigint as rijen,
    coalesce(totals.rijen_quarantaine, 0)::bigint as rijen_quarantaine,
    coalesce(latest.rijen, 0)::bigint as rijen_laatste_levering,
    coalesce(latest.rijen_quarantaine, 0)::bigint as rijen_quarantaine_laatste_levering,
    totals.laatst_geladen_op,
    latest.waarschuwingen as waarschuwingen_laatste_levering
from {{ ref('bronnen') }} as bronnen
left join totals using (tabel)
left join latest using (tabel)
