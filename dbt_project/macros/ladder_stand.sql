{#-
  int_ladder__stand written where it differs (issue 15: what a refresh writes follows what arrived). Like the other
  month-grain models it computes again the months whose fingerprint (int_ladder__maand_invoer) is not in its
  register, `intermediate.int_ladder__stand__maanden`; unlike them it does not replace those months' rows. A score
  counts for the 12 month ends after it, so a new load gives four or five older months a new fingerprint while only
  a few per cent of their rows change: replacing them wrote 59 MiB per refresh at national size with two years, for
  about 13 MiB of rows that differ. So its rows carry no fingerprint; a refresh computes the months to do into a
  temporary table (`ladder_stand_nieuw`), deletes the rows of those months that differ from it or whose month is no
  longer monitored (`ladder_stand_vergeten`), appends the new rows that are not there yet (the model), and records
  every fingerprint of int_ladder__maand_invoer as done (`ladder_stand_vastleggen`).
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

{#- Pre-hook: the temporary tables of a refresh, on the model's connection: the months to do and their rows. Without
    a register (one lost), every month is to do and compared: what is equal stays. -#}
{% macro ladder_stand_nieuw() -%}
    {%- if is_incremental() -%}
        create table if not exists {{ maanden_register(this) }} (maand date, maand_invoer ubigint);
        create or replace temp table int_ladder__stand__te_doen as
        {{ maanden_te_doen(ref('int_ladder__maand_invoer')) }};
        create or replace temp table int_ladder__stand__nieuw as
        with te_doen as (select * from int_ladder__stand__te_doen),
        {{ ladder_stand_rijen('te_doen') }}
    {%- endif -%}
{%- endmacro %}

{#- Pre-hook: drop the rows of the months to do that differ from their new rows, and all rows of a month no longer
    monitored (in the register, gone from int_ladder__maand_invoer), with the register's entries no longer current.
    A full build drops the register, for the post-hook to make it again. -#}
{% macro ladder_stand_vergeten() -%}
    {%- set register = maanden_register(this) -%}
    {%- if is_incremental() -%}
        delete from {{ this }} as t
        where
            t.maand in (
                select te_doen.maand from int_ladder__stand__te_doen as te_doen
                union all
                select r.maand from {{ register }} as r
                where r.maand not in (select i.maand from {{ ref('int_ladder__maand_invoer') }} as i)
            )
            and not exists (
                select 1 from int_ladder__stand__nieuw as n
                where
                    n.persoon_id = t.persoon_id and n.maand = t.maand and n.maandeinde = t.maandeinde
                    and n.trede = t.trede and n.score_peildatum = t.score_peildatum
            );
        delete from {{ register }} as r
        where not exists (
            select 1 from {{ ref('int_ladder__maand_invoer') }} as i
            where i.maand = r.maand and i.invoer_hash = r.maand_invoer
        )
    {%- else -%}
        drop table if exists {{ register }}
    {%- endif -%}
{%- endmacro %}

{#- Post-hook: every month of int_ladder__maand_invoer is now computed from its fingerprint. -#}
{% macro ladder_stand_vastleggen() -%}
    {%- set register = maanden_register(this) -%}
    create table if not exists {{ register }} (maand date, maand_invoer ubigint);
    insert into {{ register }}
    select i.maand, i.invoer_hash from {{ ref('int_ladder__maand_invoer') }} as i
    where not exists (select 1 from {{ register }} as r where r.maand = i.maand and r.maand_invoer = i.invoer_hash)
{%- endmacro %}
