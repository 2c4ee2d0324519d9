-- The benchmark's indicators as the dashboard presents them.
select indicator, volgorde, naam, eenheid, factor, hoger_is_beter, venster_maanden, omschrijving
from {{ ref('benchmark_indicatoren') }}
