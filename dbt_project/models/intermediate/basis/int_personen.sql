-- One row per person known to any source: birth month and gender from the Werkplein (else the RMC), and
-- the newest known municipality (Werkplein, WSW, waiting list, UWV register, Wajong, RMC, in that order), from each
-- source's newest row per person (int_personen__bron, incremental).
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
