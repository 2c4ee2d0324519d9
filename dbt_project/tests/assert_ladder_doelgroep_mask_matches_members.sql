-- Reconciliation of the doelgroep mask: per doelgroep, trede and peildatum, the cells whose mask holds the
-- doelgroep's bit count exactly the members of that doelgroep (int_doelgroep_maand) with that trede.
with bits as (
    select doelgroep, bit from {{ ref('doelgroepen') }}
    where bit is not null
),

from_mask as (
    select stand.peildatum, bits.doelgroep, stand.trede, sum(stand.personen) as personen
    from {{ ref('mart_ladder_stand') }} as stand
    inner join bits on (stand.doelgroepen & bits.bit) <> 0
    group by all
),

from_members as (
    select members.maandeinde as peildatum, members.doelgroep, ladder.trede, count(*) as personen
    from {{ ref('int_doelgroep_maand') }} as members
    inner join {{ ref('int_ladder__stand') }} as ladder using (persoon_id, maand)
    where members.doelgroep in (select bits.doelgroep from bits)
    group by all
)

select peildatum, doelgroep, trede, from_mask.personen as personen_masker, from_members.personen as personen_leden
from from_mask
full outer join from_members using (peildatum, doelgroep, trede)
where coalesce(from_mask.personen, 0) <> coalesce(from_members.personen, 0)
