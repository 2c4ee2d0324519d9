-- Three fingerprints per month of everything the month-grain counts of mart_indicator_cellen read for that month, one
-- per part, so that each part is computed again only when its own inputs changed. invoer_hash: the people in their
-- doelgroepen with their ladder stand (int_ladder__maand_invoer), the bijstand bestand, the WSW stand and the
-- waiting-list spells open at the month end. invoer_hash_uitstroom: the bijstand uitstroom, with the reason and the
-- herinstroom, and the people in their doelgroepen the month before (an uitstroom counts with the situation of that
-- month; int_doelgroep_maand__maand_invoer). invoer_hash_vsv: the month's new early school leavers, with the birth
-- month and gender that count for one in no doelgroep, and the people in their doelgroepen that month. The
-- herinstroom of the last twelve months changes with every new month; in one fingerprint it made every refresh count
-- the ladder and the bestand of those months again too. A refresh recomputes the months whose fingerprint changed or
-- that are new and keeps the rest (macro maanden_te_doen). A full build gives the same rows
-- (tests/dbt/test_incremental.py).
with maanden as (
    select maand, maandeinde, (maand - interval 1 month)::date as vorige_maand
    from {{ ref('int_ladder__maand_invoer') }}
),

bestand as (
    select maand, {{ vingerafdruk(['persoon_id', 'gemeentecode', 'leeftijdsklasse', 'geslacht']) }}
    from {{ ref('int_werkplein__bestand') }}
    where doelgroep = 'PW'
    group by maand
),

uitstroom as (
    select
        maand,
        {{ vingerafdruk([
            'persoon_id', 'gemeentecode', 'leeftijdsklasse', 'geslacht', 'reden_uitstroom', 'herinstroom_6m',
            'herinstroom_12m',
        ]) }}
    from {{ ref('int_werkplein__stroom') }}
    where doelgroep = 'PW' and stroom = 'uitstroom'
    group by maand
),

wsw as (
    select
        {{ maand_van_meting('peildatum') }} as maand,
        {{ vingerafdruk(['persoon_id', 'gemeentecode']) }}
    from {{ ref('stg_wsw__werknemers') }}
    group by all
),

vsv as (
    select
        vsv.maand,
        {{ vingerafdruk(['vsv.persoon_id', 'vsv.gemeentecode', 'personen.geboortemaand', 'personen.geslacht']) }}
    from {{ ref('int_rmc__vsv_maand') }} as vsv
    left join {{ ref('int_personen') }} as personen using (persoon_id)
    where date_trunc('month', vsv.datum_uitval) = vsv.maand
    group by vsv.maand
),

wachtlijst as (
    select maanden.maand, {{ vingerafdruk(['perioden.persoon_id', 'perioden.gemeentecode']) }}
    from maanden
    inner join {{ ref('int_wsw__wachtlijstperioden') }} as perioden
        on {{ open_op('perioden.datum_op_wachtlijst', 'perioden.datum_af', 'maanden.maandeinde') }}
    group by maanden.maand
)

select
    maanden.maand,
    maanden.maandeinde,
    hash(deze.invoer_hash, bestand.som, bestand.rijen, wsw.som, wsw.rijen, wachtlijst.som, wachtlijst.rijen)
        as invoer_hash,
    hash(vorige.invoer_hash, uitstroom.som, uitstroom.rijen) as invoer_hash_uitstroom,
    hash(doelgroepen.invoer_hash, vsv.som, vsv.rijen) as invoer_hash_vsv
from maanden
inner join {{ ref('int_ladder__maand_invoer') }} as deze using (maand)
left join {{ ref('int_doelgroep_maand__maand_invoer') }} as vorige on maanden.vorige_maand = vorige.maand
left join {{ ref('int_doelgroep_maand__maand_invoer') }} as doelgroepen on maanden.maand = doelgroepen.maand
left join bestand using (maand)
left join uitstroom using (maand)
left join wsw using (maand)
left join vsv using (maand)
left join wachtlijst using (maand)
