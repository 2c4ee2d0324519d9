-- The counts every indicator is made of (seeds maten and indicatoren), per municipality, month, doelgroep
-- mask, age band and gender. A cell's people are disjoint from every other cell's of the same measure, so
-- any selection (several doelgroepen, a range of months, all of Twente) is a sum of cells: one definition
-- for the tiles, the benchmark, the exports and the report.
with persons as (
    select * from {{ ref('int_doelgroep_maand__persoon') }}
),

-- One row per counted unit (a person in a month, a placement, a step) with the cell it falls in and its record key.
ladder as (
    select persons.*, stand.trede
    from persons
    inner join {{ ref('int_ladder__stand') }} as stand using (persoon_id, maand)
),

uitstroom as (
    -- Left after month m, counted in m + 1 with the situation of month m (when the person was still in it).
    select stroom.*, persons.doelgroepen
    from {{ ref('int_werkplein__stroom') }} as stroom
    inner join persons
        on persons.persoon_id = stroom.persoon_id and persons.maand = (stroom.maand - interval 1 month)::date
    where stroom.doelgroep = 'PW' and stroom.stroom = 'uitstroom'
),

vsv as (
    -- New early school leavers of the month, as the RMC snapshot describing the month knows them; someone
    -- already back at school is in no doelgroep that month but still a new early school leaver.
    select distinct vsv.persoon_id, vsv.gemeentecode, vsv.maand,
        coalesce(persons.doelgroepen, 0) | 512 as doelgroepen,
        coalesce(persons.leeftijdsklasse, {{ leeftijdsklasse('personen.geboortemaand', 'vsv.maandeinde') }})
            as leeftijdsklasse,
        coalesce(persons.geslacht, personen.geslacht, 'onbekend') as geslacht
    from {{ ref('int_rmc__vsv_maand') }} as vsv
    left join persons using (persoon_id, maand)
    left join {{ ref('int_personen') }} as personen using (persoon_id)
    where date_trunc('month', vsv.datum_uitval) = vsv.maand
),

{%- set cel = 'gemeentecode, maand, doelgroepen, leeftijdsklasse, geslacht' %}
units as (
    select 'ladder_gescoord' as maat, {{ cel }}, persoon_id as eenheid from ladder
    union all
    select 'ladder_trede_4_6', {{ cel }}, persoon_id from ladder where trede >= 4
    union all
    select 'stappen_omhoog', persons.gemeentecode, overgangen.maand_tot, persons.doelgroepen,
        persons.leeftijdsklasse, persons.geslacht, persons.persoon_id
    from {{ ref('int_ladder__overgangen') }} as overgangen
    inner join persons
        on persons.persoon_id = overgangen.persoon_id and persons.maand = overgangen.maand_groep
    where overgangen.trede_tot > overgangen.trede_van
    union all
    -- Werkplein cells keep the municipality of the spell; the doelgroepen are the person's in that month.
    select 'bijstand_bestand', bestand.gemeentecode, bestand.maand, persons.doelgroepen, bestand.leeftijdsklasse,
        bestand.geslacht, bestand.persoon_id
    from {{ ref('int_werkplein__bestand') }} as bestand
    inner join persons using (persoon_id, maand)
    where bestand.doelgroep = 'PW'
    {%- for maat, voorwaarde in [
        ('bijstand_uitstroom', 'true'),
        ('bijstand_uitstroom_werk', "reden_uitstroom = 'WERK'"),
        ('bijstand_uitstroom_gevolgd_6m', 'herinstroom_6m is not null'),
        ('bijstand_herinstroom_6m', 'herinstroom_6m'),
        ('bijstand_uitstroom_gevolgd_12m', 'herinstroom_12m is not null'),
        ('bijstand_uitstroom_duurzaam', 'not herinstroom_12m'),
    ] %}
    union all
    select '{{ maat }}', {{ cel }}, persoon_id from uitstroom where {{ voorwaarde }}
    {%- endfor %}
    union all
    -- Placements begun in the month, under the person's situation just before (int_werkplein__plaatsingen_persoon).
    select 'plaatsingen', gemeentecode, date_trunc('month', begindatum)::date, doelgroepen, leeftijdsklasse, geslacht,
        plaatsing_id
    from {{ ref('int_werkplein__plaatsingen_persoon') }}
    union all
    select distinct 'wsw_werknemers', werknemers.gemeentecode, persons.maand, persons.doelgroepen,
        persons.leeftijdsklasse, persons.geslacht, werknemers.persoon_id
    from {{ ref('stg_wsw__werknemers') }} as werknemers
    inner join persons
        on persons.persoon_id = werknemers.persoon_id
        and persons.maand = {{ maand_van_meting('werknemers.peildatum') }}
    union all
    select distinct 'wsw_wachtlijst', perioden.gemeentecode, persons.maand, persons.doelgroepen,
        persons.leeftijdsklasse, persons.geslacht, perioden.persoon_id
    from {{ ref('int_wsw__wachtlijstperioden') }} as perioden
    inner join persons
        on persons.persoon_id = perioden.persoon_id
        and perioden.datum_op_wachtlijst <= persons.maandeinde
        and (perioden.datum_af is null or perioden.datum_af > persons.maandeinde)
    union all
    select 'vsv_nieuw', {{ cel }}, persoon_id from vsv
),

person_cells as (
    select maat, {{ cel }}, count(*) as aantal,
        sum({{ record_sleutel('eenheid') }}) % 4294967296 as sleutel
    from units
    group by all
),

pact as (
    select 'pact_toezegging' as maat, gemeentecode, maand, pact as onderdeel, sum(toezegging_plekken) as aantal
    from {{ ref('int_werkgevers__pact_bezetting') }}
    group by all
    union all
    select 'pact_bezet', gemeentecode, maand, pact, sum(plekken_bezet)
    from {{ ref('int_werkgevers__pact_bezetting') }}
    group by all
),

population as (
    -- The newest population figure not after the month end, else the oldest there is.
    select gemeenten.gemeentecode, months.maand,
        {%- for column in ['inwoners', 'inwoners_18_plus', 'jongeren_12_23_in_onderwijs'] %}
        coalesce(
            max_by(inwoners.{{ column }}, inwoners.peildatum) filter (where inwoners.peildatum <= months.maandeinde),
            min_by(inwoners.{{ column }}, inwoners.peildatum)
        ) as {{ column }}{{ ',' if not loop.last }}
        {%- endfor %}
    from {{ ref('gemeenten') }} as gemeenten
    cross join {{ ref('int_maanden') }} as months
    inner join {{ ref('gemeente_inwoners') }} as inwoners using (gemeentecode)
    group by all
),

area_cells as (
    select maat, gemeentecode, maand, onderdeel, aantal from pact
    {%- for column in ['inwoners', 'inwoners_18_plus', 'jongeren_12_23_in_onderwijs'] %}
    union all
    select '{{ column }}', gemeentecode, maand, null, {{ column }} from population
    {%- endfor %}
)

select maat, gemeentecode, maand, null::varchar as onderdeel, doelgroepen::integer as doelgroepen, leeftijdsklasse,
    geslacht, aantal::bigint as aantal, sleutel::bigint as sleutel
from person_cells
where gemeentecode is not null and maand in (select maand from {{ ref('int_maanden') }})
union all
-- Places and inhabitants are not people of the monitor: no record key, published as they are.
select maat, gemeentecode, maand, onderdeel, null::integer, null::varchar, null::varchar, aantal::bigint,
    null::bigint
from area_cells
