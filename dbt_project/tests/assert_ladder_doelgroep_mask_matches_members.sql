-- Reconciliation of the doelgroep mask: per doelgroep, trede and peildatum, the cells whose mask holds the
-- doelgroep's bit count exactly the members of that doelgroep (int_doelgroep_maand) with that trede. In a refresh
-- the months mart_ladder_stand computed again since the last build that passed, after a full build every month
-- (macros/ongetest.sql): a month's cells and members change together, with its fingerprint.
with bits as (
    select doelgroep, bit from {{ ref('doelgroepen') }}
    where bit is not null
),

te_toetsen as (
    {{ ongetest_maanden_van('mart_ladder_stand') }}
),

from_mask as (
    select stand.peildatum, bits.doelgroep, stand.trede, sum(stand.personen) as personen
    from {{ ref('mart_ladder_stand') }} as stand
    inner join bits on (stand.doelgroepen & bits.bit) <> 0
    where stand.peildatum in (select te_toetsen.maandeinde from te_toetsen)
    group by all
),

from_members as (
    select members.maandeinde as peildatum, members.doelgroep, ladder.trede, count(*) as personen
    from {{ ref('int_doelgroep_maand') }} as members
    inner join {{ ref('int_ladder__stand') }} as ladder using (persoon_id, maand)
    where
        members.doelgroep in (select bits.doelgroep from bits)
        and members.maand in (select te_toetsen.maand from te_toetsen)
    group by all
)

select peildatum, doelgroep, trede, from_mask.personen as personen_masker, from_members.personen as personen_leden
from from_mask
full outer join from_members using (peildatum, doelgroep, trede)
where coalesce(from_mask.personen, 0) <> coalesce(from_members.personen, 0)
