{#-
  Which steps a refresh of int_ladder__overgangen computes again (issue 15: the cost of a refresh must follow what
  arrived). A step (a pair of consecutive scores) depends only on the person's scores, on their rows of
  int_doelgroep_maand__persoon (their months in a doelgroep, with their cell) from the month of the first score to that
  of the second, and on whether the second's month is monitored. So it is computed again when int_ladder__scores
  computed the person again, when int_doelgroep_maand__persoon computed a month in that range again, when
  int_doelgroep_maand (which it is made from) computed the person or such a month again, or when any of them computed
  everything (the months shifted). What they computed again is in `intermediate.ongetest` (macros/ongetest.sql) until
  a build passes: after a failed build it still holds, so the next refresh computes a superset, never less. `pair`:
  the alias of a relation with persoon_id, maand_van and maand_tot.
-#}
{% macro overgangen_opnieuw(pair) -%}
    (
        exists (
            select 1 from intermediate.ongetest as o
            where
                o.model in ('int_ladder__scores', 'int_doelgroep_maand', 'int_doelgroep_maand__persoon')
                and o.soort = 'alles'
        )
        or {{ pair }}.persoon_id in (
            select o.persoon_id from intermediate.ongetest as o
            where o.model in ('int_ladder__scores', 'int_doelgroep_maand') and o.soort = 'persoon'
        )
        or exists (
            select 1 from intermediate.ongetest as o
            where
                o.model in ('int_doelgroep_maand', 'int_doelgroep_maand__persoon')
                and o.soort = 'maand'
                and o.maand between {{ pair }}.maand_van and {{ pair }}.maand_tot
        )
    )
{%- endmacro %}
