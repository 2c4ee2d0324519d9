-- Each source's newest row per person (by file date, then the row's own date), for int_personen: birth month, gender
-- and municipality from the six sources that know them, and a row without them from the three that only show the
-- person exists (instruments, placements, ladder scores).
-- Incremental: a refresh takes the newest of each source's new rows and writes it where it differs from the row kept
-- (macro personen_nieuw): every monthly file lists nearly everyone again, mostly unchanged. It computes everything
-- again after a correction or a late delivery; a full build gives the same rows (tests/dbt/test_incremental.py).
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

{%- set alles = is_incremental() and personen_alles_nu() %}

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
        {%- if is_incremental() and not alles %}
            where bron_bestand in ({{ personen_nieuwe_bestanden() }})
            {%- if graph.nodes.get('model.' ~ project_name ~ '.' ~ model, {}).get('config', {}).get('meta', {})
                .get('nieuwe_laden') == 'peildatum' %}
                -- A measurement: from the earliest date the new loads measured, a constant on the key of its staging
                -- view's window, so that DuckDB skips the older rows before the window (macros/nieuwe_laden.sql).
                and {{ nieuwe_laden_where(ref(model)) }}
            {%- endif %}
        {%- endif %}
        union all
    {%- endfor %}
    -- The ladder's people from the scores; a score from a new load has a newer laad_id.
    select
        {{ sources | length + 1 }} as voorrang,
        persoon_id,
        null::date as geboortemaand,
        null::varchar as geslacht,
        null::varchar as gemeentecode,
        null::date as bestand_peildatum,
        date '0001-01-01' as rijdatum
    from {{ ref('int_ladder__scores') }}
    {%- if is_incremental() and not alles %}
        where laad_id > {{ getest_tot() }}
    {%- endif %}
),

newest as (
    -- A grouped arg_max (a third less time than a window's row_number).
    select
        voorrang,
        persoon_id,
        arg_max(struct_pack(geboortemaand, geslacht, gemeentecode), (bestand_peildatum, rijdatum)) as rij
    from new_rows
    group by voorrang, persoon_id
)

select
    per_source.voorrang,
    per_source.persoon_id,
    per_source.rij.geboortemaand,
    per_source.rij.geslacht,
    per_source.rij.gemeentecode
from newest as per_source
{%- if is_incremental() %}
    -- The new rows are newer than the row kept (else everything is computed again): written only where they differ.
    where not exists (
            select 1 from {{ this }} as kept
            where
                kept.persoon_id = per_source.persoon_id
                and kept.voorrang = per_source.voorrang
                and kept.geboortemaand is not distinct from per_source.rij.geboortemaand
                and kept.geslacht is not distinct from per_source.rij.geslacht
                and kept.gemeentecode is not distinct from per_source.rij.gemeentecode
        )
{%- endif %}
