-- Who is in which doelgroep at the end of each month, with the municipality, age band and gender then.
-- One row per person, month and doelgroep; ALLE and JONGEREN_U27 count each person once (docs/definitions.md).
--
-- Incremental: a person's rows for a month depend only on their own spells open at its end and personal data, and
-- on that month's stands, so a refresh deletes the rows of the months and of the people whose fingerprint
-- (int_doelgroep_maand__invoer) differs from the one this table was last built with (kept beside it by the
-- post-hook, which writes again only the fingerprints that differ), a person's from the first month a changed spell
-- touches, computes those again, new months included, and keeps the rest; without the table itself in the
-- comparison, so its cost follows what changed, not the history (macros/doelgroep_maand_opnieuw). The rows do not
-- carry their fingerprints: that record is enough. When the months themselves shift (an earlier delivery loaded
-- late) everything is recomputed. A full refresh gives the same rows (tests/dbt/test_incremental.py). What it
-- computes again is recorded for its tests, which in a refresh read only those people (all their months) and months
-- (macros/ongetest.sql).
-- depends_on: {{ ref('int_doelgroep_maand__invoer') }} (read by the hooks, macros/doelgroep_maand_opnieuw.sql)
{#- The measurements' memberships, read whole by all_memberships and from a month on by month_memberships. #}
{%- set wsw_rijen -%}
    select
        persoon_id, {{ maand_van_meting('peildatum') }} as maand, 'WSW' as doelgroep, gemeentecode, 200 as voorrang
    from {{ ref('stg_wsw__werknemers') }}
{%- endset %}
{%- set wajong_rijen -%}
    select
        persoon_id, {{ maand_van_meting('peildatum') }} as maand, 'WAJONG' as doelgroep, gemeentecode, 500 as voorrang
    from {{ ref('stg_uwv__wajong') }}
{%- endset %}
{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook=[
            "{{ doelgroep_maand_wijzigingen(this) }}",
            "{{ ongetest_vastleggen(this, doelgroep_maand_gewijzigd('persoon', vanaf=true), "
            "doelgroep_maand_gewijzigd('maand'), doelgroep_maand_alles(), "
            "persoon_vanaf=\"nullif(maand, '-infinity')\") }}",
            "{% if is_incremental() %}{{ doelgroep_maand_vergeten(this) }}{% endif %}"
        ],
        post_hook=["{{ doelgroep_maand_vorige_bijwerken(this) }}"],
    )
}}

with months as (
    select maand, maandeinde from {{ ref('int_maanden') }}
),
{% if is_incremental() %}
    -- The people (from their first month to compute again on) and the months whose rows the pre-hook deleted are
    -- computed again.
    recompute_persons as (
        -- When everything is computed again, recompute_months holds every month and the people add nothing.
        select w.persoon_id, w.maand as vanaf from int_doelgroep_maand__wijzigingen as w
        where w.soort = 'persoon'
    ),

    recompute_months as (
        select months.maand from months
        where {{ doelgroep_maand_alles() }} or months.maand in ({{ doelgroep_maand_gewijzigd('maand') }})
    ),
{% endif %}

-- Not materialized, as all_memberships below: a refresh reads each source twice (memberships), and DuckDB would
-- otherwise materialise each one whole before the filters on months and people. At scale 28 with 60 months that was
-- every spell in every month (32 million rows), spilled to disk: the model's query took 19 s and wrote 1.7 GB, against
-- 10 s and nothing when the filters reach the scans.
-- voorrang orders the sources for ALLE's municipality (docs/definitions.md): Werkplein first, its regelingen in the
-- order of their code list (seed codelijsten, lijst regeling, as the client flow's WERKPLEIN), then WSW (200),
-- wachtlijst (300), register (400), Wajong (500) and RMC (600). No two doelgroepen of a person share one, so the
-- choice is the same in every build (with one voorrang for all regelingen, DuckDB picked either of two).
werkplein as not materialized (
    select
        perioden.persoon_id,
        months.maand,
        perioden.regeling as doelgroep,
        perioden.gemeentecode,
        lijst.volgorde as voorrang
    from {{ ref('int_werkplein__perioden') }} as perioden
    inner join {{ ref('codelijsten') }} as lijst
        on lijst.lijst = 'regeling' and perioden.regeling = lijst.code
    inner join months
        on {{ open_op('perioden.datum_instroom', 'perioden.datum_uitstroom', 'months.maandeinde') }}
),

wsw as not materialized (
    {{ wsw_rijen }}
),

wachtlijst as not materialized (
    select perioden.persoon_id, months.maand, 'WSW_WACHTLIJST' as doelgroep, perioden.gemeentecode, 300 as voorrang
    from {{ ref('int_wsw__wachtlijstperioden') }} as perioden
    inner join months
        on {{ open_op('perioden.datum_op_wachtlijst', 'perioden.datum_af', 'months.maandeinde') }}
),

register as not materialized (
    select perioden.persoon_id, months.maand, 'DOELGROEPREGISTER' as doelgroep, perioden.gemeentecode, 400 as voorrang
    from {{ ref('int_uwv__registerperioden') }} as perioden
    inner join months
        on {{ open_op('perioden.datum_opname', 'perioden.datum_afvoer', 'months.maandeinde') }}
),

wajong as not materialized (
    {{ wajong_rijen }}
),

vsv as not materialized (
    select persoon_id, maand, 'VSV' as doelgroep, gemeentecode, 600 as voorrang
    from {{ ref('int_rmc__vsv_maand') }}
    where status <> 'TERUG_NAAR_SCHOOL'
),

all_memberships as not materialized (
    select * from werkplein
    union all
    select * from wsw
    union all
    select * from wachtlijst
    union all
    select * from register
    union all
    select * from wajong
    union all
    select * from vsv
),
{% if is_incremental() %}
    {#- The months computed again for everyone read the measurements from the first of them on: a constant, found when
        the model is compiled (macro doelgroep_maand_eerste_maand); made for their staging views, before whose windows
        DuckDB applied it (now tables: macro meting_per_sleutel). #}
    {%- set eerste_maand = doelgroep_maand_eerste_maand(this) %}
    {%- set vanaf = 'where ' ~ meting_vanaf_maand('peildatum', eerste_maand) if eerste_maand is not none else '' %}
    month_memberships as not materialized (
        -- The other sources as in all_memberships (a constant voorrang per source: DuckDB leaves the two out whole).
        select * from all_memberships
        where voorrang not in (200, 500)
        union all
        {{ wsw_rijen }}
        {{ vanaf }}
        union all
        {{ wajong_rijen }}
        {{ vanaf }}
    ),
{% endif %}

memberships as (
    {% if is_incremental() %}
    -- Two parts, so each filter reaches the scans: the recomputed months for everyone, the other
    -- months for the recomputed people.
        select * from month_memberships
        where maand in (select recompute_months.maand from recompute_months)
        union all
        select all_memberships.* from all_memberships
        inner join recompute_persons as persons
            on all_memberships.persoon_id = persons.persoon_id and all_memberships.maand >= persons.vanaf
        where
            all_memberships.maand not in (select recompute_months.maand from recompute_months)
            and all_memberships.persoon_id in (select recompute_persons.persoon_id from recompute_persons)
    {% else %}
        select * from all_memberships
    {% endif %}
),

in_months as (
    select memberships.*, months.maandeinde
    from memberships
    inner join months using (maand)
),

per_doelgroep as (
    -- Two spells of one regeling in one month (a correction, a move): one row, the first municipality.
    select persoon_id, maand, maandeinde, doelgroep, min(gemeentecode) as gemeentecode, min(voorrang) as voorrang
    from in_months
    group by all
),

alle as (
    -- Beside ALLE's municipality the person's doelgroepen as one bit mask (seed doelgroepen), for
    -- int_doelgroep_maand__persoon: it reads the ALLE rows instead of grouping every row per person and month again,
    -- a second hash table of every person-month that spilled to disk at national size (docs/performance.md).
    select
        per_doelgroep.persoon_id,
        per_doelgroep.maand,
        per_doelgroep.maandeinde,
        'ALLE' as doelgroep,
        arg_min(per_doelgroep.gemeentecode, per_doelgroep.voorrang) as gemeentecode,
        bit_or(bits.bit)::integer as doelgroepen
    from per_doelgroep
    left join {{ ref('doelgroepen') }} as bits on per_doelgroep.doelgroep = bits.doelgroep
    group by per_doelgroep.persoon_id, per_doelgroep.maand, per_doelgroep.maandeinde
),

aged as (
    select
        all_rows.persoon_id,
        all_rows.maand,
        all_rows.maandeinde,
        all_rows.doelgroep,
        all_rows.gemeentecode,
        all_rows.doelgroepen,
        personen.geboortemaand,
        {{ leeftijd_in_jaren('personen.geboortemaand', 'all_rows.maandeinde') }} as leeftijd,
        personen.geslacht
    from (
        select persoon_id, maand, maandeinde, doelgroep, gemeentecode, null::integer as doelgroepen from per_doelgroep
        union all
        select * from alle
    ) as all_rows
    inner join {{ ref('int_personen') }} as personen using (persoon_id)
),

with_person as (
    select
        persoon_id,
        maand,
        maandeinde,
        doelgroep,
        gemeentecode,
        {{ leeftijdsklasse('geboortemaand', 'maandeinde', leeftijd='leeftijd') }} as leeftijdsklasse,
        geslacht,
        doelgroepen
    from aged
)

-- A young person's ALLE row once more as JONGEREN_U27, unnested from the same row: a second reference to with_person
-- (a union with its filtered copy) made DuckDB keep all its rows aside, at national size with 60 months 126 million
-- rows spilled to disk (with the age computed once as well: the model's query 107 → 78 s, 34 → 15 GB written).
select
    persoon_id,
    maand,
    maandeinde,
    unnest(
        case
            when doelgroep = 'ALLE' and leeftijdsklasse = '<27' then ['ALLE', 'JONGEREN_U27'] else [doelgroep]
        end
    ) as doelgroep,
    gemeentecode,
    leeftijdsklasse,
    geslacht,
    doelgroepen
from with_person
