-- Steps between a person's consecutive ladder scores, counted in the month of the second score under the
-- doelgroepen (bit mask), municipality, age band and gender of int_ladder__overgangen's maand_groep (which it carries).
-- Incremental per month of the second score: a month's rows are a grouping of that month's steps, so a refresh
-- counts again only the months in which int_ladder__overgangen computed a step again (macro overgangen_maand_opnieuw);
-- made whole, the table was written on every refresh (8 MiB at 60 months of national size).
{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook=[
            "{% if is_incremental() %}delete from {{ this }} "
            "where {{ overgangen_maand_opnieuw(\"date_trunc('month', peildatum_tot)\") }}{% endif %}"
        ],
    )
}}

select
    pairs.gemeentecode,
    pairs.doelgroepen,
    last_day(pairs.maand_van)::date as peildatum_van,
    last_day(pairs.maand_tot)::date as peildatum_tot,
    pairs.trede_van::tinyint as trede_van,
    pairs.trede_tot::tinyint as trede_tot,
    (pairs.trede_tot - pairs.trede_van)::tinyint as stap,
    pairs.leeftijdsklasse,
    pairs.geslacht,
    -- One step per person and pair of months (unique in int_ladder__overgangen), so count(*) counts people.
    count(*) as personen,
    (sum(pairs.recordsleutel) % 4294967296)::bigint as sleutel
from {{ ref('int_ladder__overgangen') }} as pairs
{%- if is_incremental() %}
    where {{ overgangen_maand_opnieuw('pairs.maand_tot') }}
{%- endif %}
group by all
