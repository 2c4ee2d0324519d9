-- Steps between a person's consecutive ladder scores, counted in the month of the second score under the
-- doelgroepen (bit mask), municipality, age band and gender of int_ladder__overgangen's maand_groep (which it carries).
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
group by all
