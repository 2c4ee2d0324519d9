-- Each person's trede at each month end in which they are in a doelgroep: their newest ladder score of the
-- last 12 months (an older score says too little about today). Shared by mart_ladder_stand and the
-- indicator cells, so "people on the ladder" is one number everywhere.
-- Incremental per month, written where it differs (macros/ladder_stand.sql): a refresh computes again the months
-- whose input changed into a temporary table (pre-hook), keeps the rows that stay the same and appends the others;
-- it records the months for its uniqueness test (macros/ongetest.sql).
-- depends_on: {{ ref('int_doelgroep_maand') }} {{ ref('int_ladder__scores') }}
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook=[
        "{{ ladder_stand_nieuw() }}",
        "{{ ongetest_maanden() }}",
        "{{ ladder_stand_vergeten() }}",
    ],
    post_hook=["{{ ladder_stand_vastleggen() }}"],
) }}

{% if is_incremental() %}

    -- The rows the pre-hook kept are equal to their new ones: only the others are appended.
    select nieuw.persoon_id, nieuw.maand, nieuw.maandeinde, nieuw.trede, nieuw.score_peildatum
    from int_ladder__stand__nieuw as nieuw
    anti join {{ this }} as kept
        on nieuw.persoon_id = kept.persoon_id and nieuw.maand = kept.maand

{% else %}

    with te_doen as (
        {{ maanden_te_doen(ref('int_ladder__maand_invoer')) }}
    ),

    {{ ladder_stand_rijen('te_doen') }}

{% endif %}
