-- Every bad cell of the current deliveries, with the file, line and reason the sender needs to fix it.
-- Incremental per load (issue 15: at national size its rows grow with every delivery, and it was written whole on
-- every refresh): a refresh drops the rows of a load no longer current (replaced by a correction, or gone) and adds
-- those of a current load it does not have yet. A load's rows never change, and a load is its file and the moment
-- it was loaded (the rows of one file loaded again are another load).
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook=["{{ quarantaine_niet_meer_actueel(this) }}"],
) }}

select
    actueel.bron,
    actueel.entiteit,
    actueel.tabel,
    actueel.bestand,
    actueel.bestand_peildatum,
    actueel.regelnummer,
    actueel.kolom,
    actueel.waarde,
    actueel.reden,
    actueel.geladen_op
from {{ ref('int_quarantaine__actueel') }} as actueel
{% if is_incremental() -%}
    where (actueel.bestand, actueel.geladen_op) not in (select kept.bestand, kept.geladen_op from {{ this }} as kept)
{%- endif %}
