-- The doelgroepen with their bit in the indicator cells' mask: how a choice of doelgroepen becomes a filter.
select doelgroep, label, volgorde, bit, leeftijdsklasse, omschrijving from {{ ref('doelgroepen') }}
