{#-
  What a refresh of int_doelgroep_maand computes again, without reading the table itself (issue 15: the cost of a
  refresh must follow what arrived, not the history). Its post-hook keeps the fingerprints it was built with
  (int_doelgroep_maand__invoer) beside it, in `<model>__vorige_invoer`: one row per person and per month. The people
  and the months whose fingerprint differs between the two, either way (new, changed or gone), are the ones to
  delete and compute again; a join of two small tables instead of two anti-joins over every person-month.

  `doelgroep_maand_alles(model)`: true when everything must be computed again: there is no record of the last
  build (a warehouse from before this macro), or the months shifted (an earlier delivery loaded late, or the
  newest month gone).
  `doelgroep_maand_gewijzigd(model, soort)`: the persoon_id ('persoon') or maand ('maand') values whose
  fingerprint changed; empty without a record (then `doelgroep_maand_alles` is true).
-#}
{% macro doelgroep_maand_alles(model) -%}
    {%- set vorige = doelgroep_maand_vorige(model) -%}
    {%- set invoer = ref('int_doelgroep_maand__invoer') -%}
    {%- if vorige is none -%}
        true
    {%- else -%}
        ((select min(maand) from {{ invoer }} where soort = 'maand')
            is distinct from (select min(maand) from {{ vorige }} where soort = 'maand')
            or (select max(maand) from {{ invoer }} where soort = 'maand')
            < (select max(maand) from {{ vorige }} where soort = 'maand'))
    {%- endif -%}
{%- endmacro %}

{% macro doelgroep_maand_gewijzigd(model, soort) -%}
    {%- set vorige = doelgroep_maand_vorige(model) -%}
    {%- set invoer = ref('int_doelgroep_maand__invoer') -%}
    {%- set kolom = 'persoon_id' if soort == 'persoon' else 'maand' -%}
    {%- if vorige is none -%}
        select {{ kolom }} from {{ invoer }} where false
    {%- else -%}
        select distinct {{ kolom }} from (
            (select {{ kolom }}, invoer_hash from {{ invoer }} where soort = '{{ soort }}'
                except
                select {{ kolom }}, invoer_hash from {{ vorige }} where soort = '{{ soort }}')
            union all
            (select {{ kolom }}, invoer_hash from {{ vorige }} where soort = '{{ soort }}'
                except
                select {{ kolom }}, invoer_hash from {{ invoer }} where soort = '{{ soort }}')
        )
    {%- endif -%}
{%- endmacro %}
