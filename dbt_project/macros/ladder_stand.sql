{#-
  int_ladder__stand's rows, written where they differ (macros/verschil_per_maand.sql). A score counts for the 12
  month ends after it, so a new load gives four or five older months a new fingerprint while only a few per cent of
  their rows change: replacing them wrote 59 MiB per refresh at national size with two years, for about 13 MiB of
  rows that differ.
-#}

{#- The model's rows for the months in the relation or CTE `te_doen` (maand, maandeinde): the CTEs that follow
    `with te_doen as (...),` and the final select. -#}
{% macro ladder_stand_rijen(te_doen) -%}
members as (
    select members.persoon_id, members.maand, members.maandeinde, members.maandeinde + 1 as grens
    from {{ ref('int_doelgroep_maand') }} as members
    inner join {{ te_doen }} as te_doen using (maand)
    where members.doelgroep = 'ALLE'
),

scores as (
    -- Only the scores that can count for a month to do (those of the 12 months up to the 1st of the next month):
    -- the as-of join sorts all it reads, and the scores grow with the history while the months to do do not.
    select persoon_id, peildatum, trede from {{ ref('int_ladder__scores') }}
    where peildatum > (select min(te_doen.maandeinde) + 1 from {{ te_doen }} as te_doen) - interval 12 month
        and peildatum <= (select max(te_doen.maandeinde) + 1 from {{ te_doen }} as te_doen)
),

scored as (
    select members.*, scores.trede, scores.peildatum as score_peildatum
    from members
    asof inner join scores
        on members.persoon_id = scores.persoon_id
        and members.grens >= scores.peildatum
)

select persoon_id, maand, maandeinde, trede::tinyint as trede, score_peildatum
from scored
where score_peildatum > grens - interval 12 month
{%- endmacro %}
