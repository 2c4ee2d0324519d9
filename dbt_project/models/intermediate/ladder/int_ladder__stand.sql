-- Each person's trede at each month end in which they are in a doelgroep: their newest ladder score of the
-- last 12 months (an older score says too little about today). Shared by mart_ladder_stand and the
-- indicator cells, so "people on the ladder" is one number everywhere.
-- Incremental per month, written where it differs (macros/verschil_per_maand.sql): a refresh computes again the
-- months whose input changed into a temporary table (pre-hook), keeps the rows that stay the same and appends the
-- others; it records the months for its uniqueness test (macros/ongetest.sql).
-- depends_on: {{ ref('int_doelgroep_maand') }} {{ ref('int_ladder__scores') }}
{%- set kolommen = ['persoon_id', 'maand', 'maandeinde', 'trede', 'score_peildatum'] %}
{{ config(**verschil_per_maand("ladder_stand_rijen('te_doen')", kolommen, ongetest=true)) }}

{% if is_incremental() %}

    -- The rows the pre-hook kept are equal to their new ones: only the others are appended.
    {{ verschil_toevoegen(kolommen, ['persoon_id', 'maand']) }}

{% else %}

    with te_doen as (
        {{ maanden_te_doen(ref('int_ladder__maand_invoer')) }}
    ),

    {{ ladder_stand_rijen('te_doen') }}

{% endif %}
