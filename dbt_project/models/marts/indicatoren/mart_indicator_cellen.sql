-- The counts every indicator is made of (seeds maten and indicatoren), per municipality, month, doelgroep
-- mask, age band and gender. A cell's people are disjoint from every other cell's of the same measure, so
-- any selection (several doelgroepen, a range of months, all of Twente) is a sum of cells: one definition
-- for the tiles, the benchmark, the exports and the report.
with persons as (
    select * from {{ ref('int_doelgroep_maand__persoon') }}
),

ladder as (
    select persons.gemeentecode, persons.maand, persons.doelgroepen, persons.leeftijdsklasse, persons.geslacht,
        count(*) as ladder_gescoord,
        count(*) filter (where stand.trede >= 4) as ladder_trede_4_6
    from persons
    inner join {{ ref('int_ladder__stand') }} as stand using (persoon_id, maand)
    group by all
),

stappen as (
    select persons.gemeentecode, overgangen.maand_tot as maand, persons.doelgroepen, persons.leeftijdsklasse,
        persons.geslacht, count(*) as stappen_omhoog
    from {{ ref('int_ladder__overgangen') }} as overgangen
    inner join persons
        on persons.persoon_id = overgangen.persoon_id and persons.maand = overgangen.maand_groep
    where overgangen.trede_tot > overgangen.trede_van
    group by all
),

bijstand as (
    -- Werkplein cells keep the municipality of the spell; the doelgroepen are the person's in that month.
    select bestand.gemeentecode, bestand.maand, persons.doelgroepen, bestand.leeftijdsklasse, bestand.geslacht,
        count(*) as bijstand_bestand
    from {{ ref('int_werkplein__bestand') }} as bestand
    inner join persons using (persoon_id, maand)
    where bestand.doelgroep = 'PW'
    group by all
),

uitstroom as (
    -- Left after month m, counted in m + 1 with the situation of month m (when the person was still in it).
    select stroom.gemeentecode, stroom.maand, persons.doelgroepen, stroom.leeftijdsklasse, stroom.geslacht,
        count(*) as bijstand_uitstroom,
        count(*) filter (where stroom.reden_uitstroom = 'WERK') as bijstand_uitstroom_werk,
        count(*) filter (where stroom.herinstroom_6m is not null) as bijstand_uitstroom_gevolgd_6m,
        count(*) filter (where stroom.herinstroom_6m) as bijstand_herinstroom_6m,
        count(*) filter (where stroom.herinstroom_12m is not null) as bijstand_uitstroom_gevolgd_12m,
        count(*) filter (where not stroom.herinstroom_12m) as bijstand_uitstroom_duurzaam
    from {{ ref('int_werkplein__stroom') }} as stroom
    inner join persons
        on persons.persoon_id = stroom.persoon_id and persons.maand = (stroom.maand - interval 1 month)::date
    where stroom.doelgroep = 'PW' and stroom.stroom = 'uitstroom'
    group by all
),

plaatsingen as (
    -- Placements begun in the month, under the person's situation just before (int_werkplein__plaatsingen_persoon).
    select gemeentecode, date_trunc('month', begindatum)::date as maand, doelgroepen, leeftijdsklasse, geslacht,
        count(*) as plaatsingen
    from {{ ref('int_werkplein__plaatsingen_persoon') }}
    group by all
),

wsw as (
    select werknemers.gemeentecode, {{ maand_van_meting('werknemers.peildatum') }} as maand, persons.doelgroepen,
        persons.leeftijdsklasse, persons.geslacht, count(distinct werknemers.persoon_id) as wsw_werknemers
    from {{ ref('stg_wsw__werknemers') }} as werknemers
    inner join persons
        on persons.persoon_id = werknemers.persoon_id
        and persons.maand = {{ maand_van_meting('werknemers.peildatum') }}
    group by all
),

wachtlijst as (
    select perioden.gemeentecode, persons.maand, persons.doelgroepen, persons.leeftijdsklasse, persons.geslacht,
        count(distinct perioden.persoon_id) as wsw_wachtlijst
    from {{ ref('int_wsw__wachtlijstperioden') }} as perioden
    inner join persons
        on persons.persoon_id = perioden.persoon_id
        and perioden.datum_op_wachtlijst <= persons.maandeinde
        and (perioden.datum_af is null or perioden.datum_af > persons.maandeinde)
    group by all
),

vsv as (
    -- New early school leavers of the month, as the RMC snapshot describing the month knows them; someone
    -- already back at school is in no doelgroep that month but still a new early school leaver.
    select vsv.gemeentecode, vsv.maand, coalesce(persons.doelgroepen, 0) | 512 as doelgroepen,
        coalesce(persons.leeftijdsklasse, {{ leeftijdsklasse('personen.geboortemaand', 'vsv.maandeinde') }})
            as leeftijdsklasse,
        coalesce(persons.geslacht, personen.geslacht, 'onbekend') as geslacht,
        count(distinct vsv.persoon_id) as vsv_nieuw
    from {{ ref('int_rmc__vsv_maand') }} as vsv
    left join persons using (persoon_id, maand)
    left join {{ ref('int_personen') }} as personen using (persoon_id)
    where date_trunc('month', vsv.datum_uitval) = vsv.maand
    group by all
),

person_cells as (
    {%- set measures = [
        ('ladder', ['ladder_gescoord', 'ladder_trede_4_6']),
        ('stappen', ['stappen_omhoog']),
        ('bijstand', ['bijstand_bestand']),
        ('uitstroom', ['bijstand_uitstroom', 'bijstand_uitstroom_werk', 'bijstand_uitstroom_gevolgd_6m',
                       'bijstand_herinstroom_6m', 'bijstand_uitstroom_gevolgd_12m', 'bijstand_uitstroom_duurzaam']),
        ('plaatsingen', ['plaatsingen']),
        ('wsw', ['wsw_werknemers']),
        ('wachtlijst', ['wsw_wachtlijst']),
        ('vsv', ['vsv_nieuw']),
    ] %}
    {%- for cte, columns in measures %}
    {%- for column in columns %}
    select '{{ column }}' as maat, gemeentecode, maand, null::varchar as onderdeel, doelgroepen, leeftijdsklasse,
        geslacht, {{ column }} as aantal
    from {{ cte }}
    {{ 'union all' if not loop.last }}
    {%- endfor %}
    {{ 'union all' if not loop.last }}
    {%- endfor %}
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

select maat, gemeentecode, maand, onderdeel, doelgroepen::integer as doelgroepen, leeftijdsklasse, geslacht,
    aantal::bigint as aantal
from person_cells
where aantal > 0 and gemeentecode is not null and maand in (select maand from {{ ref('int_maanden') }})
union all
select maat, gemeentecode, maand, onderdeel, null::integer, null::varchar, null::varchar, aantal::bigint
from area_cells
