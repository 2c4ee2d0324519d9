-- The 14 municipalities with their SW organisation and newest population figures.
select
    gemeenten.gemeentecode,
    gemeenten.naam,
    gemeenten.sw_bedrijf,
    max_by(inwoners.inwoners, inwoners.peildatum) as inwoners,
    max_by(inwoners.inwoners_18_plus, inwoners.peildatum) as inwoners_18_plus,
    max(inwoners.peildatum) as inwoners_peildatum
from {{ ref('gemeenten') }} as gemeenten
left join {{ ref('gemeente_inwoners') }} as inwoners using (gemeentecode)
group by all
