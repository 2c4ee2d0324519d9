-- The counts every indicator is made of (seeds maten and indicatoren), per municipality, month, doelgroep
-- mask, age band and gender. A cell's people are disjoint from every other cell's of the same measure, so
-- any selection (several doelgroepen, a range of months, all of Twente) is a sum of cells: one definition
-- for the tiles, the benchmark, the exports and the report.
--
-- Incremental per month for the large counts (ladder, bijstand bestand and uitstroom, WSW and its waiting list) and
-- the early school leavers: a refresh recomputes only the months whose fingerprint changed
-- (int_indicator_cellen__maand_invoer, macro maanden_te_doen), the uitstroom and the early school leavers each by
-- their own (the uitstroom's herinstroom changes with every new month, the rest does not). The small counts (steps,
-- placements) and the area cells are made again on every build: their rows have no fingerprint (maand_invoer is null),
-- so the pre-hook drops them with the changed months. A full build gives the same rows (tests/dbt/test_incremental.py).
{{ config(**per_maand(
    invoer='int_indicator_cellen__maand_invoer', hashes=['invoer_hash', 'invoer_hash_uitstroom', 'invoer_hash_vsv']
)) }}
{#- The people per month, read where each part needs them: a CTE read by several parts would be materialized whole
    (every month, tens of millions of rows at national size) before the parts filter it. #}
{%- set persons = ref('int_doelgroep_maand__persoon') %}
{#- The WSW measurements of the months to do only, read from the first of them on (a constant before the window). #}
{%- set wsw_vanaf = meting_vanaf_te_doen(ref('int_indicator_cellen__maand_invoer'), 'werknemers.peildatum') %}

with te_doen as (
    {{ maanden_te_doen(ref('int_indicator_cellen__maand_invoer')) }}
),

te_doen_uitstroom as (
    {{ maanden_te_doen(ref('int_indicator_cellen__maand_invoer'), hash='invoer_hash_uitstroom') }}
),

te_doen_vsv as (
    {{ maanden_te_doen(ref('int_indicator_cellen__maand_invoer'), hash='invoer_hash_vsv') }}
),

-- One row per counted unit (a person in a month, a placement, a step) with the cell it falls in and its record key.
-- Each side of a join is filtered on the months to do: a filter on one side alone had the other read whole (at 60
-- months of national size, half the time of the ladder's join, and the uitstroom's read every person and month).
ladder as (
    select persons.*, stand.trede
    from {{ persons }} as persons
    inner join {{ ref('int_ladder__stand') }} as stand using (persoon_id, maand)
    where persons.maand in (select te_doen.maand from te_doen) and stand.maand in (select te_doen.maand from te_doen)
),

uitstroom as (
    -- Left after month m, counted in m + 1 with the situation of month m (when the person was still in it).
    select stroom.*, persons.doelgroepen
    from {{ ref('int_werkplein__stroom') }} as stroom
    inner join {{ persons }} as persons
        on stroom.persoon_id = persons.persoon_id and persons.maand = (stroom.maand - interval 1 month)::date
    where
        stroom.doelgroep = 'PW' and stroom.stroom = 'uitstroom'
        and stroom.maand in (select te_doen_uitstroom.maand from te_doen_uitstroom)
        and persons.maand in (select (te_doen_uitstroom.maand - interval 1 month)::date from te_doen_uitstroom)
),

vsv_persons as (
    select * from {{ persons }}
    where maand in (select te_doen_vsv.maand from te_doen_vsv)
),

vsv as (
    -- New early school leavers of the month, as the RMC snapshot describing the month knows them; someone
    -- already back at school is in no doelgroep that month but still a new early school leaver.
    select distinct
        vsv.persoon_id, vsv.gemeentecode, vsv.maand,
        coalesce(persons.doelgroepen, 0) | 512 as doelgroepen,
        coalesce(persons.leeftijdsklasse, {{ leeftijdsklasse('personen.geboortemaand', 'vsv.maandeinde') }})
            as leeftijdsklasse,
        coalesce(persons.geslacht, personen.geslacht, 'onbekend') as geslacht,
        coalesce(persons.recordsleutel, {{ record_sleutel('vsv.persoon_id') }}) as recordsleutel
    from {{ ref('int_rmc__vsv_maand') }} as vsv
    left join vsv_persons as persons using (persoon_id, maand)
    left join {{ ref('int_personen') }} as personen using (persoon_id)
    where
        date_trunc('month', vsv.datum_uitval) = vsv.maand
        and vsv.maand in (select te_doen_vsv.maand from te_doen_vsv)
),

{%- set cel = 'gemeentecode, maand, doelgroepen, leeftijdsklasse, geslacht' %}

-- The unit counted: a person (persoon_id as text) or a placement (plaatsing_id), one type for the union; with its
-- record key (macro record_sleutel, a person's made once per month in int_doelgroep_maand__persoon), so a cell
-- has the same key here as in the marts of its page.
-- Counted per month: the months to do only (te_doen, te_doen_uitstroom, te_doen_vsv).
units_per_maand as (
    select 'ladder_gescoord' as maat, {{ cel }}, persoon_id::varchar as eenheid, recordsleutel from ladder
    union all
    select 'ladder_trede_4_6' as maat, {{ cel }}, persoon_id::varchar as eenheid, recordsleutel from ladder
    where trede >= 4
    union all
    -- Werkplein cells keep the municipality of the spell; the doelgroepen are the person's in that month.
    select
        'bijstand_bestand' as maat, bestand.gemeentecode, bestand.maand, persons.doelgroepen, bestand.leeftijdsklasse,
        bestand.geslacht, bestand.persoon_id::varchar as eenheid, persons.recordsleutel
    from {{ ref('int_werkplein__bestand') }} as bestand
    inner join {{ persons }} as persons using (persoon_id, maand)
    where
        bestand.doelgroep = 'PW' and bestand.maand in (select te_doen.maand from te_doen)
        and persons.maand in (select te_doen.maand from te_doen)
    union all
    select distinct
        'wsw_werknemers' as maat, werknemers.gemeentecode, persons.maand, persons.doelgroepen,
        persons.leeftijdsklasse, persons.geslacht, werknemers.persoon_id::varchar as eenheid, persons.recordsleutel
    from {{ ref('stg_wsw__werknemers') }} as werknemers
    inner join {{ persons }} as persons
        on werknemers.persoon_id = persons.persoon_id
        and persons.maand = {{ maand_van_meting('werknemers.peildatum') }}
    where persons.maand in (select te_doen.maand from te_doen) and {{ wsw_vanaf or 'true' }}
    union all
    -- On the waiting list at the month end, in the municipality of the spell.
    select distinct
        'wsw_wachtlijst' as maat, perioden.gemeentecode, persons.maand, persons.doelgroepen,
        persons.leeftijdsklasse, persons.geslacht, perioden.persoon_id::varchar as eenheid, persons.recordsleutel
    from {{ ref('int_wsw__wachtlijstperioden') }} as perioden
    inner join {{ persons }} as persons
        on perioden.persoon_id = persons.persoon_id
        and {{ open_op('perioden.datum_op_wachtlijst', 'perioden.datum_af', 'persons.maandeinde') }}
    where persons.maand in (select te_doen.maand from te_doen)
),

units_uitstroom as (
    {%- for maat, voorwaarde in [
        ('bijstand_uitstroom', 'true'),
        ('bijstand_uitstroom_werk', "reden_uitstroom = 'WERK'"),
        ('bijstand_uitstroom_gevolgd_6m', 'herinstroom_6m is not null'),
        ('bijstand_herinstroom_6m', 'herinstroom_6m'),
        ('bijstand_uitstroom_gevolgd_12m', 'herinstroom_12m is not null'),
        ('bijstand_uitstroom_duurzaam', 'not herinstroom_12m'),
    ] %}
        {{ 'union all' if not loop.first }}
        select '{{ maat }}' as maat, {{ cel }}, persoon_id::varchar as eenheid, recordsleutel from uitstroom
        where {{ voorwaarde }}
    {%- endfor %}
),

units_vsv as (
    select 'vsv_nieuw' as maat, {{ cel }}, persoon_id::varchar as eenheid, recordsleutel from vsv
),

-- Small counts, made again on every build: what they read reaches back over several months (a step between two
-- scores, the situation before a placement).
units_altijd as (
    -- int_ladder__overgangen carries the person's cell in the month the step counts under.
    select
        'stappen_omhoog' as maat, gemeentecode, maand_tot as maand, doelgroepen, leeftijdsklasse, geslacht,
        persoon_id::varchar as eenheid, recordsleutel
    from {{ ref('int_ladder__overgangen') }}
    where trede_tot > trede_van
    union all
    -- Placements begun in the month, under the person's situation just before (int_werkplein__plaatsingen_persoon).
    select
        'plaatsingen' as maat, gemeentecode, date_trunc('month', begindatum)::date as maand, doelgroepen,
        leeftijdsklasse, geslacht, plaatsing_id as eenheid, {{ record_sleutel('plaatsing_id') }} as recordsleutel
    from {{ ref('int_werkplein__plaatsingen_persoon') }}
),

-- Each part's cells, with the part: it tells which fingerprint the rows carry.
person_cells as (
    {%- for deel in ['per_maand', 'uitstroom', 'vsv', 'altijd'] %}
        {{ 'union all' if not loop.first }}
        select
            maat, {{ cel }}, count(*) as aantal,
            sum(recordsleutel) % 4294967296 as sleutel, '{{ deel }}' as deel
        from units_{{ deel }}
        group by all
    {%- endfor %}
),

pact as (
    select
        'pact_toezegging' as maat, gemeentecode, maand, pact as onderdeel, sum(toezegging_plekken) as aantal,
        null as sleutel
    from {{ ref('int_werkgevers__pact_bezetting') }}
    group by all
    union all
    -- Filled places are placements (those filling the places): a count with a cell key.
    select
        'pact_bezet' as maat, gemeentecode, maand, pact as onderdeel, sum(plekken_bezet) as aantal,
        sum(sleutel) % 4294967296 as sleutel
    from {{ ref('int_werkgevers__pact_bezetting') }}
    group by all
),

population as (
    -- The newest population figure not after the month end, else the oldest there is.
    select
        {%- for column in ['inwoners', 'inwoners_18_plus', 'jongeren_12_23_in_onderwijs'] %}
            coalesce(
                max_by(inwoners.{{ column }}, inwoners.peildatum) filter (
                    where inwoners.peildatum <= months.maandeinde
                ),
                min_by(inwoners.{{ column }}, inwoners.peildatum)
            ) as {{ column }},
        {%- endfor %}
        gemeenten.gemeentecode,
        months.maand
    from {{ ref('gemeenten') }} as gemeenten
    cross join {{ ref('int_maanden') }} as months
    inner join {{ ref('gemeente_inwoners') }} as inwoners using (gemeentecode)
    group by all
),

area_cells as (
    select maat, gemeentecode, maand, onderdeel, aantal, sleutel from pact
    {%- for column in ['inwoners', 'inwoners_18_plus', 'jongeren_12_23_in_onderwijs'] %}
        union all
        select
            '{{ column }}' as maat, gemeentecode, maand, null as onderdeel, {{ column }} as aantal, null as sleutel
        from population
    {%- endfor %}
)

select
    person_cells.maat, person_cells.gemeentecode, person_cells.maand, null::varchar as onderdeel,
    person_cells.doelgroepen::integer as doelgroepen, person_cells.leeftijdsklasse, person_cells.geslacht,
    person_cells.aantal::bigint as aantal, person_cells.sleutel::bigint as sleutel,
    case person_cells.deel
        when 'per_maand' then te_doen.maand_invoer
        when 'uitstroom' then te_doen_uitstroom.maand_invoer
        when 'vsv' then te_doen_vsv.maand_invoer
    end as maand_invoer
from person_cells
left join te_doen using (maand)
left join te_doen_uitstroom using (maand)
left join te_doen_vsv using (maand)
where person_cells.gemeentecode is not null
    and person_cells.maand in (select months.maand from {{ ref('int_maanden') }} as months)
union all
-- Committed places and inhabitants are not people of the monitor: no record key, published as they are. Filled
-- places carry the key of the placements filling them.
select
    maat, gemeentecode, maand, onderdeel, null::integer, null::varchar, null::varchar, aantal::bigint,
    sleutel::bigint, null::ubigint as maand_invoer
from area_cells
