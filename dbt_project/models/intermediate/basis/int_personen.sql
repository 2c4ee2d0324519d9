-- One row per person known to any source: birth month and gender from the Werkplein (else the RMC), and
-- the newest known municipality (Werkplein, WSW, waiting list, UWV register, Wajong, RMC, in that order).
with newest_per_source as (
    -- Each source's newest row per person: a grouped arg_max (a third less time than a window's row_number).
    {%- set sources = [
        ('werkplein', 'stg_werkplein__klanten', 'geboortemaand', 'geslacht', 'datum_instroom'),
        ('wsw', 'stg_wsw__werknemers', 'null', 'null', 'peildatum'),
        ('wachtlijst', 'stg_wsw__wachtlijst', 'null', 'null', 'datum_op_wachtlijst'),
        ('register', 'stg_uwv__doelgroepregister', 'null', 'null', 'datum_opname'),
        ('wajong', 'stg_uwv__wajong', 'null', 'null', 'peildatum'),
        ('rmc', 'stg_rmc__vsv', 'geboortemaand', 'null', 'datum_uitval'),
    ] %}
    {%- for name, model, birth, gender, order_date in sources %}
        select
            {{ loop.index }} as voorrang,
            persoon_id,
            arg_max(
                struct_pack(
                    geboortemaand := {{ birth }}::date, geslacht := {{ gender }}::varchar, gemeentecode := gemeentecode
                ),
                (bestand_peildatum, coalesce({{ order_date }}, date '0001-01-01'))
            ) as rij
        from {{ ref(model) }}
        group by persoon_id
        {% if not loop.last %}union all{% endif %}
    {%- endfor %}
),

newest as (
    select
        per_source.voorrang,
        per_source.persoon_id,
        per_source.rij.geboortemaand,
        per_source.rij.geslacht,
        per_source.rij.gemeentecode
    from newest_per_source as per_source
),

without_extract_of_their_own as (
    -- Persons who appear only in ladder scores, instruments or placements.
    select persoon_id from {{ ref('stg_werkplein__ladder') }}
    union
    select persoon_id from {{ ref('stg_werkplein__trajecten') }}
    union
    select persoon_id from {{ ref('stg_werkplein__plaatsingen') }}
),

persons as (
    select persoon_id from newest
    union
    select persoon_id from without_extract_of_their_own
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
