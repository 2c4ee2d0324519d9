-- The monitor's indicators as the dashboard presents them, with what their counts can and cannot filter on.
select
    indicatoren.indicator,
    indicatoren.volgorde,
    indicatoren.naam,
    indicatoren.eenheid,
    indicatoren.teller,
    indicatoren.noemer,
    indicatoren.noemer_moment,
    indicatoren.factor,
    indicatoren.decimalen,
    indicatoren.hoger_is_beter,
    indicatoren.nalooptijd_maanden,
    indicatoren.benchmark,
    indicatoren.deel_van_noemer,
    teller.soort as teller_soort,
    teller.persoonsgebonden,
    teller.bron as teller_bron,
    coalesce(teller.niet_toepasbaar, '') as niet_toepasbaar,
    teller.reden as reden_niet_toepasbaar,
    noemer.soort as noemer_soort,
    coalesce(noemer.persoonsgebonden, false) as noemer_persoonsgebonden,
    teller.vanaf_tweede_maand or coalesce(noemer.vanaf_tweede_maand, false) as vanaf_tweede_maand,
    teller.extract as teller_extract,
    noemer.extract as noemer_extract,
    indicatoren.definitie as omschrijving,
    indicatoren.bron
from {{ ref('indicatoren') }} as indicatoren
inner join {{ ref('maten') }} as teller on indicatoren.teller = teller.maat
left join {{ ref('maten') }} as noemer on indicatoren.noemer = noemer.maat
