-- One row per person known to any source: birth month and gender from the Werkplein (else the RMC), and
-- the newest known municipality (Werkplein, WSW, waiting list, UWV register, Wajong, RMC, in that order), from each
-- source's newest row per person (int_personen__bron, incremental).
-- Incremental, written where it differs (issue 15): every person is derived again (a grouping of int_personen__bron,
-- cheap), but only the people whose row is new or changed are written, and those no longer in any source deleted
-- (post-hook). Made whole, the table was written on every refresh: 27 MiB at 24 months of national size, 34 at 60.
-- A full build gives the same rows (tests/dbt/test_incremental.py).
{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='persoon_id',
        on_schema_change='fail',
        post_hook=[
            "{% if is_incremental() %}delete from {{ this }} as t where not exists (select 1 from "
            "{{ ref('int_personen__bron') }} as b where b.persoon_id = t.persoon_id){% endif %}"
        ],
    )
}}

with newest as (
    select voorrang, persoon_id, geboortemaand, geslacht, gemeentecode
    from {{ ref('int_personen__bron') }}
    where voorrang <= 6
),

persons as (
    -- Also the persons who appear only in ladder scores, instruments or placements.
    select distinct persoon_id from {{ ref('int_personen__bron') }}
)

select
    persons.persoon_id,
    arg_min(newest.geboortemaand, newest.voorrang) filter (where newest.geboortemaand is not null) as geboortemaand,
    coalesce(
        arg_min(newest.geslacht, newest.voorrang) filter (where newest.geslacht is not null), 'onbekend'
    ) as geslacht,
    arg_min(newest.gemeentecode, newest.voorrang) as gemeentecode
from persons
left join newest using (persoon_id)
group by persons.persoon_id
{%- if is_incremental() %}
    except
    select persoon_id, geboortemaand, geslacht, gemeentecode from {{ this }}
{%- endif %}
