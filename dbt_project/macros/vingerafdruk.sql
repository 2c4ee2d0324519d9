{#- The fingerprint of a group of rows for the month-grain incremental models (macro maanden_te_doen): the sum of the
    rows' hashes of `kolommen`, which does not depend on row order, as `som`, and their count as `rijen`, which
    guards against rows that cancel out. Within one DuckDB version only (hash() may change with it). -#}
{% macro vingerafdruk(kolommen) -%}
    sum(hash({{ kolommen | join(', ') }})::hugeint) as som, count(*) as rijen
{%- endmacro %}

{#- The fingerprint of the records open at the end of each month of `maanden` (macro open_op), for a month-grain
    model that counts them: each record's hash (`hash`, a hugeint) is added in the month it began (`beginmaand`) and
    subtracted in the month it ended (`eindmaand`, never before the month it began; `einde`: its end date, empty while
    it runs), summed over the months up to m, as `som` and `rijen`: one row per record, no join with every month it
    ran. `records` is a CTE of the model with those columns. -#}
{% macro vingerafdruk_lopend(records, hash, einde, maanden='months') -%}
    select
        {{ maanden }}.maand,
        coalesce(sum(changes.som), 0)::hugeint as som,
        coalesce(sum(changes.rijen), 0)::bigint as rijen
    from {{ maanden }}
    left join (
        select beginmaand as maand, sum({{ hash }}) as som, count(*) as rijen
        from {{ records }}
        group by all
        union all
        select eindmaand as maand, -sum({{ hash }}) as som, -count(*) as rijen
        from {{ records }}
        where {{ einde }} is not null
        group by all
    ) as changes on {{ maanden }}.maand >= changes.maand
    group by {{ maanden }}.maand
{%- endmacro %}

{#- The fingerprint of the doelgroepen' bits (seed doelgroepen), of which int_doelgroep_maand makes the ALLE rows'
    masks: one row, `som`. A change of a bit computes every month of the doelgroep models again. -#}
{% macro vingerafdruk_bits() -%}
    select coalesce(sum(hash(doelgroep, bit)::hugeint), 0) as som from {{ ref('doelgroepen') }}
{%- endmacro %}
