-- Instroom and uitstroom per person: entering or leaving a cell (municipality × doelgroep) of the
-- Werkplein bestand between two month ends, with the reason of the ending spell and whether the person
-- was back in the bestand (any regeling, any municipality) within 6 or 12 months (herinstroom).
-- Incremental per month (the month the flow is counted in), written where it differs (macros/verschil_per_maand.sql):
-- a refresh computes again the months whose fingerprint changed or that are new
-- (int_werkplein__stroom__maand_invoer) into a temporary table, keeps the rows that stay the same and appends the
-- others, and records the months it computed for its uniqueness test (macros/ongetest.sql). The rows are in
-- macros/werkplein_stroom.sql.
-- depends_on: {{ ref('int_maanden') }} {{ ref('int_werkplein__bestand') }} {{ ref('int_werkplein__perioden') }}
{%- set invoer = 'int_werkplein__stroom__maand_invoer' %}
{%- set kolommen = [
    'persoon_id', 'doelgroep', 'gemeentecode', 'maand', 'stroom', 'leeftijdsklasse', 'geslacht', 'recordsleutel',
    'reden_uitstroom', 'herinstroom_6m', 'herinstroom_12m',
] %}
{{ config(**verschil_per_maand('werkplein_stroom_rijen()', kolommen, invoer, ongetest=true)) }}

{% if is_incremental() %}

    -- The rows the pre-hook kept are equal to their new ones: only the others are appended.
    {{ verschil_toevoegen(kolommen, ['persoon_id', 'doelgroep', 'gemeentecode', 'maand', 'stroom']) }}

{% else %}

    with te_doen as (
        {{ maanden_te_doen(ref(invoer)) }}
    ),

    {{ werkplein_stroom_rijen() }}

{% endif %}
