-- Rows in each raw entity table per load: the register file fills two tables, so the load log's
-- per-file count cannot say how many rows each table got.
-- A table, not a view: its three tests and mart_laadstatus each counted every raw row again (0.3-0.4 s each at 60
-- months of national size); now they read a few hundred rows and the count runs once per build.
{{ config(materialized='table') }}
{%- set tables = [
    ('werkplein', 'werkplein_klanten'), ('werkplein', 'werkplein_ladder'), ('werkplein', 'werkplein_trajecten'),
    ('werkplein', 'werkplein_plaatsingen'), ('uwv', 'uwv_doelgroepregister'), ('uwv', 'uwv_wajong'),
    ('wsw', 'wsw_werknemers'), ('wsw', 'wsw_wachtlijst'), ('rmc', 'rmc_vsv'),
    ('werkgevers', 'werkgevers_register'), ('werkgevers', 'werkgevers_sroi'),
] %}
{% for bron, tabel in tables %}
    select '{{ tabel }}' as tabel, laad_id, count(*) as rijen
    from {{ source(bron, tabel) }}
    group by laad_id
    {% if not loop.last %}union all{% endif %}
{%- endfor %}
