-- The Twente benchmark: per municipality, month and indicator the numerator, denominator and normalised value,
-- the municipality's rank among the 14 and the value for Twente as a whole.
with months as (
    select maand, maandeinde, min(maand) over () as eerste_maand from {{ ref('int_maanden') }}
),

windows as (
    -- A 12-month indicator needs 12 months of flows; the first month has none (no month before it).
    select maand, maandeinde, (maand - interval 11 month)::date as venster_begin,
        maand - interval 11 month > eerste_maand as venster_compleet
    from months
),

population as (
    -- The newest population figure not after the month, else the oldest there is.
    select gemeenten.gemeentecode, months.maand,
        coalesce(
            max_by(inwoners.inwoners, inwoners.peildatum) filter (where inwoners.peildatum <= months.maandeinde),
            min_by(inwoners.inwoners, inwoners.peildatum)
        ) as inwoners,
        coalesce(
            max_by(inwoners.inwoners_18_plus, inwoners.peildatum) filter (where inwoners.peildatum <= months.maandeinde),
            min_by(inwoners.inwoners_18_plus, inwoners.peildatum)
        ) as inwoners_18_plus,
        coalesce(
            max_by(inwoners.jongeren_12_23_in_onderwijs, inwoners.peildatum)
                filter (where inwoners.peildatum <= months.maandeinde),
            min_by(inwoners.jongeren_12_23_in_onderwijs, inwoners.peildatum)
        ) as jongeren_in_onderwijs
    from {{ ref('gemeenten') }} as gemeenten
    cross join months
    inner join {{ ref('gemeente_inwoners') }} as inwoners using (gemeentecode)
    group by all
),

klantstroom_pw as (
    select gemeentecode, maand, sum(bestand) as bestand, sum(uitstroom) as uitstroom,
        sum(uitstroom_werk) as uitstroom_werk,
        sum(herinstroom_12m) as herinstroom_12m, bool_and(herinstroom_12m is not null) as herinstroom_bekend
    from {{ ref('mart_klantstroom') }}
    where doelgroep = 'PW'
    group by all
),

stroom_12m as (
    select windows.maand, klantstroom_pw.gemeentecode,
        sum(klantstroom_pw.uitstroom) as uitstroom,
        sum(klantstroom_pw.uitstroom_werk) as uitstroom_werk,
        sum(klantstroom_pw.herinstroom_12m) as herinstroom_12m,
        bool_and(klantstroom_pw.herinstroom_bekend) as herinstroom_bekend
    from windows
    inner join klantstroom_pw
        on klantstroom_pw.maand between windows.venster_begin and windows.maand
    where windows.venster_compleet
    group by all
),

ladder as (
    select gemeentecode, last_day(peildatum)::date as maandeinde,
        sum(personen) filter (where trede >= 4) as hoog, sum(personen) as totaal
    from {{ ref('mart_ladder_stand') }}
    where doelgroep = 'ALLE'
    group by all
),

stappen as (
    select windows.maand, overgangen.gemeentecode, sum(overgangen.personen) as stappen_omhoog
    from windows
    inner join {{ ref('mart_ladder_overgangen') }} as overgangen
        on overgangen.peildatum_tot between windows.venster_begin and windows.maandeinde
    where windows.venster_compleet and overgangen.doelgroep = 'ALLE' and overgangen.stap > 0
    group by all
),

gescoord as (
    -- Distinct people scored in the window, in the municipality they belonged to in the month of the score.
    select windows.maand, members.gemeentecode, count(distinct scores.persoon_id) as personen
    from windows
    inner join {{ ref('int_ladder__scores') }} as scores
        on scores.maand between windows.venster_begin and windows.maand
    inner join {{ ref('int_doelgroep_maand') }} as members
        on members.persoon_id = scores.persoon_id and members.maand = scores.maand and members.doelgroep = 'ALLE'
    where windows.venster_compleet
    group by all
),

plaatsingen as (
    select windows.maand, plaatsingen.gemeentecode, count(*) as plaatsingen
    from windows
    inner join {{ ref('mart_plaatsingen') }} as plaatsingen
        on plaatsingen.begindatum between windows.venster_begin and windows.maandeinde
    where windows.venster_compleet
    group by all
),

wsw as (
    select gemeentecode, peildatum as maandeinde, sum(personen) as personen
    from {{ ref('mart_wsw') }}
    group by all
),

vsv as (
    -- New early school leavers in the window, as the newest RMC snapshot up to the month end knows them.
    select windows.maand, vsv.gemeentecode, count(distinct vsv.persoon_id) as nieuw
    from windows
    inner join {{ ref('int_rmc__vsv_maand') }} as vsv
        on vsv.maand = windows.maand
        and vsv.datum_uitval between windows.venster_begin and windows.maandeinde
    group by all
),

pact as (
    select windows.maand, register.vestigingsgemeente as gemeentecode,
        sum(register.toezegging_plekken) as toezegging,
        -- Places filled at the month end (running placements begun after joining), capped per employer.
        sum(least(register.toezegging_plekken, (
            select count(*) from {{ ref('int_werkplein__plaatsingen') }} as plaatsingen
            where plaatsingen.kvk = register.kvk
                and plaatsingen.begindatum >= register.datum_toetreding
                and plaatsingen.begindatum <= windows.maandeinde
                and (plaatsingen.einddatum is null or plaatsingen.einddatum >= windows.maandeinde)
        ))) as gerealiseerd
    from windows
    cross join {{ ref('int_werkgevers__register') }} as register
    where register.pact is not null and register.toezegging_plekken > 0
        and register.datum_toetreding <= windows.maandeinde
    group by all
),

measured as (
    select
        population.gemeentecode,
        population.maand,
        indicator.indicator,
        case indicator.indicator
            when 'bijstand_per_10000_18plus' then coalesce(klantstroom_pw.bestand, 0)
            when 'aandeel_trede_4_6' then coalesce(ladder.hoog, 0)
            when 'stappen_omhoog_per_100' then case when windows.venster_compleet then coalesce(stappen.stappen_omhoog, 0) end
            when 'uitstroom_werk_pct' then stroom_12m.uitstroom_werk
            when 'duurzame_uitstroom_pct' then
                case when stroom_12m.herinstroom_bekend then stroom_12m.uitstroom - stroom_12m.herinstroom_12m end
            when 'plaatsingen_per_10000' then case when windows.venster_compleet then coalesce(plaatsingen.plaatsingen, 0) end
            when 'wsw_per_1000' then coalesce(wsw.personen, 0)
            when 'vsv_pct' then case when windows.venster_compleet then coalesce(vsv.nieuw, 0) end
            when 'pact_toezeggingen_gerealiseerd_pct' then pact.gerealiseerd
        end as teller,
        case indicator.indicator
            when 'bijstand_per_10000_18plus' then population.inwoners_18_plus
            when 'aandeel_trede_4_6' then ladder.totaal
            when 'stappen_omhoog_per_100' then gescoord.personen
            when 'uitstroom_werk_pct' then stroom_12m.uitstroom
            when 'duurzame_uitstroom_pct' then stroom_12m.uitstroom
            when 'plaatsingen_per_10000' then population.inwoners
            when 'wsw_per_1000' then population.inwoners
            when 'vsv_pct' then population.jongeren_in_onderwijs
            when 'pact_toezeggingen_gerealiseerd_pct' then pact.toezegging
        end as noemer
    from population
    cross join {{ ref('benchmark_indicatoren') }} as indicator
    inner join windows using (maand)
    left join klantstroom_pw using (gemeentecode, maand)
    left join stroom_12m using (gemeentecode, maand)
    left join ladder on ladder.gemeentecode = population.gemeentecode and ladder.maandeinde = windows.maandeinde
    left join stappen using (gemeentecode, maand)
    left join gescoord using (gemeentecode, maand)
    left join plaatsingen using (gemeentecode, maand)
    left join wsw on wsw.gemeentecode = population.gemeentecode and wsw.maandeinde = windows.maandeinde
    left join vsv using (gemeentecode, maand)
    left join pact using (gemeentecode, maand)
),

valued as (
    select
        measured.*,
        indicator.factor,
        indicator.hoger_is_beter,
        case when measured.noemer > 0 and measured.teller is not null
            then indicator.factor * measured.teller / measured.noemer end as waarde_exact
    from measured
    inner join {{ ref('benchmark_indicatoren') }} as indicator using (indicator)
)

select
    gemeentecode,
    maand as periode,
    indicator,
    teller::bigint as teller,
    noemer::bigint as noemer,
    round(waarde_exact, 2)::decimal(12, 2) as waarde,
    case when waarde_exact is not null then
        rank() over (
            partition by maand, indicator, waarde_exact is null
            order by case when hoger_is_beter = false then waarde_exact else -waarde_exact end
        )
    end::integer as rang,
    round(
        max(factor) over twente * sum(teller) over twente
        / nullif(sum(noemer) filter (where teller is not null) over twente, 0),
        2
    )::decimal(12, 2) as twente_waarde
from valued
window twente as (partition by maand, indicator)
