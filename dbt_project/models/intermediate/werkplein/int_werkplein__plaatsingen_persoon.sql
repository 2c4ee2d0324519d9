-- Each placement (newest known version) with the person's situation just before it began: the doelgroepen,
-- municipality, age band and gender of the last month end before the start (else the person's own
-- municipality and no doelgroep), and the employer's sector. The one attribution of a placement, read by
-- mart_plaatsingen, the indicator cells and the strategic goals.
-- Incremental per placement: a refresh computes again only the placements whose record, person, situation before
-- the start or employer's sector may have changed (macros/gebeurtenissen_opnieuw.sql).
-- depends_on: {{ ref('int_doelgroep_maand__maand_invoer') }}
{{ config(**per_gebeurtenis('plaatsingen')) }}

with plaatsingen as (
    select * from {{ ref('int_werkplein__plaatsingen') }}
    {% if is_incremental() -%}
        where plaatsing_id in (select te_doen.plaatsing_id from int_werkplein__plaatsingen_persoon__te_doen as te_doen)
    {%- endif %}
),

before_start as (
    {{ situatie_voor_start('plaatsingen', 'plaatsing_id', ref('int_doelgroep_maand__persoon')) }}
)

select
    plaatsingen.plaatsing_id,
    plaatsingen.persoon_id,
    plaatsingen.kvk,
    plaatsingen.soort,
    plaatsingen.begindatum,
    plaatsingen.einddatum,
    plaatsingen.uren_per_week,
    plaatsingen.loonwaarde_pct,
    plaatsingen.sroi_contract_id,
    coalesce(before_start.gemeentecode, personen.gemeentecode) as gemeentecode,
    before_start.maand as maand_voor_start,
    coalesce(before_start.doelgroepen, 0) as doelgroepen,
    date_sub('year', personen.geboortemaand, plaatsingen.begindatum)::integer as leeftijd_bij_start,
    {{ leeftijdsklasse('personen.geboortemaand', 'plaatsingen.begindatum') }} as leeftijdsklasse,
    personen.geslacht,
    register.sbi_sector
from plaatsingen
inner join {{ ref('int_personen') }} as personen using (persoon_id)
left join before_start using (plaatsing_id)
left join {{ ref('int_werkgevers__register') }} as register using (kvk)
