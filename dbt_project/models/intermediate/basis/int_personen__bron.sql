-- Each source's newest row per person (by file date, then the row's own date), for int_personen: birth month, gender
-- and municipality from the six sources that know them, and a row without them from the three that only show the
-- person exists (instruments, placements, ladder scores).
-- Incremental: a refresh merges the newest of the new rows with the row kept (macro personen_nieuw), and computes
-- everything again after a correction; a full build gives the same rows (tests/dbt/test_incremental.py).
-- depends_on: {{ ref('stg_ingest__laadlog') }}
{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key=['persoon_id', 'voorrang'],
        on_schema_change='fail',
        pre_hook=["{% if is_incremental() %}delete from {{ this }} where {{ personen_alles() }}{% endif %}"],
    )
}}
{%- set sources = [
    ('stg_werkplein__klanten', 'geboortemaand', 'geslacht', 'gemeentecode', 'datum_instroom'),
    ('stg_wsw__werknemers', 'null', 'null', 'gemeentecode', 'peildatum'),
    ('stg_wsw__wachtlijst', 'null', 'null', 'gemeentecode', 'datum_op_wachtlijst'),
    ('stg_uwv__doelgroepregister', 'null', 'null', 'gemeentecode', 'datum_opname'),
    ('stg_uwv__wajong', 'null', 'null', 'gemeentecode', 'peildatum'),
    ('stg_rmc__vsv', 'geboortemaand', 'null', 'gemeentecode', 'datum_uitval'),
    ('stg_werkplein__trajecten', 'null', 'null', 'null', 'null'),
    ('stg_werkplein__plaatsingen', 'null', 'null', 'null', 'null'),
] %}

with new_rows as (
    {%- for model, birth, gender, municipality, order_date in sources %}
        select
            {{ loop.index }} as voorrang,
            persoon_id,
            {{ birth }}::date as geboortemaand,
            {{ gender }}::varchar as geslacht,
            {{ municipality }}::varchar as gemeentecode,
            bestand_peildatum,
            coalesce({{ order_date }}::date, date '0001-01-01') as rijdatum
        from {{ ref(model) }}
        {%- if is_incremental() %}
            where {{ personen_alles() }} or bestand_peildatum in ({{ personen_nieuwe_data() }})
        {%- endif %}
        union all
    {%- endfor %}
    -- The ladder's people from the scores (the staging view keeps each score's newest file through a window over
    -- every score, which a filter on the date cannot skip); a score from a new load has a newer laad_id.
    select
        {{ sources | length + 1 }} as voorrang,
        persoon_id,
        null::date as geboortemaand,
        null::varchar as geslacht,
        null::varchar as gemeentecode,
        null::date as bestand_peildatum,
        date '0001-01-01' as rijdatum
    from {{ ref('int_ladder__scores') }}
    {%- if is_incremental() %}
        where {{ personen_alles() }} or laad_id > {{ getest_tot() }}
    {%- endif %}
),

candidates as (
    select * from new_rows
    {%- if is_incremental() %}
        union all
        -- The row kept for each person and source that has new rows (none left after a correction: the pre-hook).
        select
            kept.voorrang, kept.persoon_id, kept.geboortemaand, kept.geslacht, kept.gemeentecode,
            kept.bestand_peildatum, kept.rijdatum
        from {{ this }} as kept
        where exists (
                select 1 from new_rows
                where new_rows.persoon_id = kept.persoon_id and new_rows.voorrang = kept.voorrang
            )
    {%- endif %}
),

newest as (
    -- A grouped arg_max (a third less time than a window's row_number).
    select
        voorrang,
        persoon_id,
        arg_max(
            struct_pack(geboortemaand, geslacht, gemeentecode, bestand_peildatum, rijdatum),
            (bestand_peildatum, rijdatum)
        ) as rij
    from candidates
    group by voorrang, persoon_id
)

select
    per_source.voorrang,
    per_source.persoon_id,
    per_source.rij.geboortemaand,
    per_source.rij.geslacht,
    per_source.rij.gemeentecode,
    per_source.rij.bestand_peildatum,
    per_source.rij.rijdatum
from newest as per_source
