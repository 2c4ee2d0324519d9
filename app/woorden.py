"""The words a reader sees for a column or a figure: Dutch headers and plain definitions, kept in one place.

Codes (BEGELEID_WERKEN, GM0153, 3) get their labels from the seeds through `marts.mart_labels`
(`components.met_labels`); indicator definitions live in the seed `indicatoren` (`tegels.hulp`). What is here
is everything else: the header of each column a page shows, and the "Wat telt hier?" of figures that are not
an indicator, written for a policy adviser rather than copied from the dbt docs.
"""

from __future__ import annotations

# The header of a column, wherever it shows (screen, CSV, Excel). A page may still give its own.
KOLOMNAMEN = {
    # time
    "peildatum": "Peildatum",
    "maand": "Maand",
    "tijd": "Tijdstip",
    # ladder
    "trede": "Trede",
    "trede_van": "Trede bij de eerste score",
    "trede_tot": "Trede bij de volgende score",
    "personen": "Mensen",
    "aandeel_pct": "Aandeel (%)",
    "omhoog": "Omhoog",
    "gelijk": "Gelijk",
    "omlaag": "Omlaag",
    "opnieuw_gescoord": "Opnieuw gescoord",
    "omhoog_pct": "Omhoog (%)",
    # placements and client flow
    "soort": "Soort",
    "sector": "Sector",
    "werkgever": "Werkgever",
    "plaatsingen": "Plaatsingen",
    "loonwaarde_van": "Loonwaarde",
    "bestand": "In de uitkering",
    "instroom": "Instroom",
    "uitstroom": "Uitstroom",
    "uitstroom_werk": "Uitstroom naar werk",
    "herinstroom_6m": "Terug binnen 6 maanden",
    "herinstroom_12m": "Terug binnen 12 maanden",
    "duurzame_uitstroom_pct": "Duurzame uitstroom (%)",
    # employers
    "kvk": "KvK-nummer",
    "sbi_sector": "Sector",
    "vestigingsgemeente": "Gemeente",
    "pact": "Pact",
    "sociale_onderneming": "Sociale onderneming",
    "toezegging_plekken": "Toegezegde plekken",
    "plaatsingen_lopend": "Lopende plaatsingen",
    "plaatsingen_totaal": "Plaatsingen totaal",
    "plaatsingen_sinds_toetreding": "Sinds toetreding",
    "plekken_bezet": "Plekken bezet",
    "realisatie_toezegging_pct": "Van de toezegging (%)",
    "sroi_verplichting_eur": "SROI-verplichting",
    "sroi_gerealiseerd_eur": "SROI gerealiseerd",
    "contract_id": "Contract",
    "omschrijving": "Aanbesteding",
    "begindatum": "Begin",
    "einddatum": "Einde",
    "status": "Status",
    "verplichting_eur": "Verplichting",
    "gerealiseerd_eur": "Gerealiseerd",
    "realisatie_pct": "Van de verplichting (%)",
    "verstreken_pct": "Looptijd verstreken (%)",
    "oordeel": "Oordeel",
    # youth
    "vsv_geregistreerd": "Voortijdig schoolverlaters",
    "jongeren_bijstand": "Jongeren in de bijstand",
    "sd4_gerealiseerd": "SD4: geplaatst in kansrijke sectoren, tot dan",
    # WSW and UWV
    "arbeidsvorm": "Arbeidsvorm",
    "sw_bedrijf": "SW-bedrijf",
    "indicatie": "Indicatie",
    "se": "Standaardeenheden (SE)",
    "op_lijst": "Op de wachtlijst",
    "doelgroep": "Doelgroep",
    "categorie": "Regeling of grondslag",
    "werkend": "Werkend",
    "met_arbeidsvermogen": "Met arbeidsvermogen",
    # instruments
    "instrument": "Instrument",
    "lopend": "Lopend",
    "gestart": "Gestart",
    "beeindigd": "Beëindigd",
    "kosten_eur": "Kosten",
    "kosten_eur_beeindigd": "Kosten beëindigd",
    "uitstroom_werk_12m": "Naar werk (tijdens of tot 12 maanden na)",
    "duurzame_uitstroom": "Duurzaam (12 maanden niet terug)",
    "kosten_per_duurzame_uitstroom": "Kosten per duurzame uitstroom",
    # benchmark
    "naam": "Gemeente",
    "teller": "Teller",
    "noemer": "Noemer",
    "waarde": "Waarde",
    "rang": "Rang",
    # audit
    "gebruiker": "Gebruiker",
    "rol": "Rol",
    "gemeente": "Gemeente",
    "actie": "Actie",
    "pagina": "Pagina",
    "filters": "Filters",
}
KOLOMNAMEN |= {f"jongeren_bijstand_trede_{t}": f"In de bijstand, trede {t}" for t in range(1, 7)}


# Why a total may differ by a few from the sum of its parts (the cell key method, docs/privacy.md): said once on every
# page that shows protected figures (app.components.verstoord) and in the report.
VERSTORING = (
    "Aantallen zijn licht verstoord zodat niemand herkend kan worden (vanaf 20 hoogstens 2 ernaast, bij grote "
    "aantallen hoogstens 5 %); daardoor kan een totaal een paar afwijken van de som van zijn delen."
)

# A page's choice between months and calendar quarters (the client flow, the ladder's steps up): a small
# municipality's months are mostly hidden.
PER_PERIODE = {"maand": "Maand", "kwartaal": "Kwartaal"}

# Under the instruments' outcomes when the data begin within a wage subsidy's term before the window
# (queries.instrumenten.gegevens_vanaf); {maand} is that first month.
RENDEMENT_BEGIN = (
    "De gegevens beginnen in {maand}: wie tijdens een instrument dat eerder begon al uitstroomde naar werk, telt "
    "niet mee. Bij langlopende instrumenten als loonkostensubsidie valt de uitstroom naar werk daardoor te laag uit "
    "en de kosten per duurzame uitstroom te hoog."
)


def kolomnaam(kolom: str) -> str:
    """The Dutch header of a column; a column nobody named yet still reads as words, never as snake_case."""
    if kolom in KOLOMNAMEN:
        return KOLOMNAMEN[kolom]
    woorden = kolom.replace("_", " ")
    return woorden[:1].upper() + woorden[1:]  # a label as header (a bouwblok, a reason) keeps its own capitals


def eerste_klein(label: str) -> str:
    """A label inside a sentence or after a colon: `Geplaatst in de Wsw` → `geplaatst in de Wsw`."""
    return label[:1].lower() + label[1:]


# "Wat telt hier?" for figures that are not an indicator: what is counted, in a policy adviser's words.
UITLEG = {
    "ladder_stand": (
        "Hoeveel mensen op elke trede van de participatieladder staan, aan het eind van elke maand. Iedereen in "
        "de gekozen doelgroep met een score van de laatste 12 maanden telt mee, met zijn nieuwste score; een "
        "oudere score zegt te weinig over nu. Iemand die in meer doelgroepen zit, telt één keer."
    ),
    "ladder_overgangen": (
        "Van trede naar trede: voor iedereen die in de gekozen maanden opnieuw gescoord is, de trede bij de "
        "vorige score tegenover de trede bij de nieuwe score. Op de diagonaal staan wie op dezelfde trede bleef. "
        "Iemand telt in de gemeente en doelgroep waar hij bij de vorige score hoorde."
    ),
    "ladder_stappen": (
        "Van de mensen die in een maand (of kwartaal) opnieuw gescoord zijn: hoeveel een trede hoger, gelijk of "
        "lager uitkwamen dan bij hun vorige score. Omhoog (%) is het deel van hen dat hoger uitkwam. Dat is iets "
        "anders dan de stappen omhoog per 100 mensen op de ladder op het Overzicht en in de benchmark: die delen "
        "door iedereen op de ladder, ook wie in die maand niet gescoord werd. Wie in een kwartaal twee keer gescoord "
        "werd, telt daar twee keer mee."
    ),
    "plaatsingen": (
        "Plaatsingen bij werkgevers die in de gekozen periode begonnen. Een plaatsing telt in de gemeente en "
        "doelgroep van de persoon vlak voor de start. Een werkgever die niet in het werkgeversregister staat, "
        "heet hier 'Onbekende werkgever'."
    ),
    "duurzaamheid": (
        "Van de plaatsingen in betaald werk (regulier, met loonkostensubsidie, detachering) die in een maand (of "
        "kwartaal) begonnen: het deel van de mensen dat 6 (of 12) maanden later nog betaald werk heeft, bij dezelfde "
        "of een andere werkgever. Een proefplaatsing, leerwerkplek of klimopbaan is een opstap naar werk en telt "
        "hier niet mee. Pas te weten als die 6 of 12 maanden voorbij zijn."
    ),
    "klantstroom": (
        "Het bestand is wie aan het eind van de maand een uitkering of inschrijving bij het Werkplein heeft. "
        "Instroom: wie er deze maand bij kwam; uitstroom: wie eruit ging, naar werk of om een andere reden. "
        "Terug binnen 6 of 12 maanden: wie na de uitstroom weer instroomde; pas te weten als die tijd voorbij is. "
        "Duurzame uitstroom: het deel van de uitstroom dat 12 maanden wegbleef (zoals de Divosa-benchmark). "
        "Per kwartaal: de stromen van de drie maanden samen, het bestand van de laatste maand; een lopend kwartaal "
        "heet naar zijn maanden tot nu (okt–nov)."
    ),
    "pacten": (
        "Per pact: hoeveel plekken de aangesloten werkgevers toezegden, en hoeveel daarvan nu bezet zijn door "
        "plaatsingen die na hun toetreding begonnen. Een werkgever die meer plaatst dan hij toezegde, vult niet "
        "de plekken van een ander."
    ),
    "sroi": (
        "Social return: bij een aanbesteding belooft de leverancier een deel van de opdrachtwaarde (meestal 5 %) "
        "aan werk voor mensen met afstand tot de arbeidsmarkt. Gerealiseerd is wat de gekoppelde plaatsingen "
        "waard zijn volgens de bouwblokkenmethode van Oost-Nederland, bijvoorbeeld € 27.500 per jaar voor "
        "iemand uit de bijstand. Lopend contract: op koers als het gerealiseerde bedrag minstens de verplichting "
        "maal het verstreken deel van de looptijd is. Afgerond: behaald of niet."
    ),
    "jongeren_vsv": (
        "Voortijdig schoolverlaters die het RMC volgt: jongeren die zonder startkwalificatie van school gingen, "
        "naar wat ze nu doen. Ook wie terug naar school ging telt hier mee (in de doelgroep 'Voortijdig "
        "schoolverlaters' elders niet)."
    ),
    "jongeren": (
        "Jongeren per gemeente aan het eind van de maand: voortijdig schoolverlaters naar hun status bij het "
        "RMC, jongeren onder 27 in de bijstand naar hun trede op de ladder, en SD4: jongeren die een plaatsing "
        "kregen in de sectoren met de beste kansen (zorg, vervoer en logistiek, bouw, techniek, detailhandel, "
        "horeca)."
    ),
    "wsw": (
        "Mensen in dienst van een SW-bedrijf (Wet sociale werkvoorziening) aan het eind van de maand, in de "
        "gemeente die voor hen verantwoordelijk is. Standaardeenheden (SE) zijn de eenheid waarin het Rijk de "
        "Wsw betaalt: ongeveer één per voltijdse werknemer."
    ),
    "wachtlijst": (
        "Wie aan het eind van de maand op de wachtlijst voor de Wsw staat, wie er in de maand op kwam en wie "
        "eraf ging, met de reden. Wie van de lijst verdween zonder reden, telt als 'onbekend'. Per kwartaal: wie "
        "er in de drie maanden samen op kwam en af ging, en wie er aan het eind van de laatste maand op stond."
    ),
    "uwv": (
        "Wat UWV meldt over de mensen in de gemeente: de Wajong per regeling en het doelgroepregister van de "
        "banenafspraak per grondslag, aan het eind van de maand."
    ),
    "uwv_werkend": "Mensen met een Wajong-uitkering die volgens UWV werken.",
    "uwv_arbeidsvermogen": "Mensen met een Wajong-uitkering die volgens UWV arbeidsvermogen hebben: zij kunnen werken.",
    "instrumenten": (
        "Re-integratie-instrumenten (zoals een leerwerkplek, jobcoach of scholing): hoeveel er aan het eind van "
        "de periode lopen, hoeveel er in de periode begonnen en eindigden, en wat ze kostten. Eén persoon kan "
        "twee instrumenten tegelijk hebben. Elk bedrag is verstoord met ten hoogste de kosten van één persoon erin "
        "(naar boven of naar beneden), zodat niemands kosten uit het verschil van twee bedragen te halen zijn: bij "
        "weinig mensen is een bedrag grof, bij veel mensen nauwelijks anders."
    ),
    "rendement": (
        "Wat volgde op instrumenten die eindigden: hoeveel mensen uitstroomden naar werk, tijdens het instrument of "
        "tot 12 maanden na het einde, en hoeveel daarvan 12 maanden niet terugkwamen in een uitkering (duurzaam). "
        "Tijdens telt mee omdat een loonkostensubsidie, proefplaatsing of klimopbaan vaak hoort bij de baan waarmee "
        "iemand de uitkering verlaat. Dat is pas twee jaar na het einde te weten, dus dit gaat over instrumenten die "
        "twee à drie jaar geleden eindigden."
    ),
    "prognose_doelen": (
        "Waar elk doel aan het eind van de beleidsperiode uitkomt als het tempo van de laatste 12 maanden (het "
        "gemiddelde aantal mensen dat er per maand bij kwam) zo doorgaat. De marge komt uit hoe sterk die "
        "maandelijkse toename wisselde. Terugtoets: dezelfde berekening van 12 maanden geleden, vergeleken met wat "
        "nu gerealiseerd is."
    ),
    "prognose_wsw": (
        "Sinds 2015 komt niemand meer de Wsw in, dus het aantal werknemers daalt elk jaar (door pensioen en ander "
        "vertrek). Uit hoe lang de werknemers tot nu toe bleven schatten we per SW-bedrijf de blijfkans: de kans "
        "dat iemand die er nu werkt er na een maand, een jaar of vijf jaar nog werkt (zoals de landelijke "
        "Wsw-statistiek met blijfkansen rekent). Het aantal van nu maal die blijfkans is de prognose. Een "
        "SW-bedrijf met minder dan 50 vertrekkers in de gegevens krijgt de blijfkansen van heel Twente: uit een paar "
        "dozijn vertrekkers is niet te schatten of het vertrek versnelt, en over vijf jaar telt juist dat. "
        "Leeftijd staat niet in de Wsw-bestanden; daardoor ziet de prognose een pensioengolf niet aankomen. "
        "Terugtoets: dezelfde berekening van 12 maanden geleden tegenover het echte aantal in elk van die maanden."
    ),
    "prognose_bestand": (
        "Het aantal mensen in de uitkering (of inschrijving) aan het eind van elke maand, doorgetrokken met "
        "exponentiële afvlakking: recente maanden wegen zwaarder, een trend dooft uit en een vast patroon over "
        "het jaar telt mee als de historie dat laat zien. Gerekend op de getallen zoals de monitor ze toont. "
        "Terugtoets: hetzelfde model zonder de laatste 12 maanden, de gemiddelde afwijking op die maanden."
    ),
    "scenario_grenzen": (
        "**Wat deze berekening wel en niet zegt.** Zij rekent met wat een duurzame uitstroom (werk, en 12 "
        "maanden niet terug in de uitkering) per instrument gemiddeld kostte bij de instrumenten die twee à drie "
        "jaar geleden eindigden. Ze zegt dus: *als het volgende budget even goed werkt als het vorige, voor "
        "vergelijkbare mensen*, zoveel. Ze zegt niet dat meer geld voor een instrument evenveel extra uitstroom "
        "geeft (de meest kansrijke mensen zijn vaak al geholpen), niet wat mensen zonder instrument ook zouden "
        "hebben bereikt, en niets over een andere arbeidsmarkt. De TNO-scenario's verschillen in wie ze "
        "bedienen: de monitor kan laten zien welk deel van de huidige doelgroep in hun loonwaardeband valt, "
        "maar alleen voor wie een loonwaarde is vastgesteld (vooral bij loonkostensubsidie), en kan het quotum "
        "van 5 % bij reguliere werkgevers niet toetsen: het aantal banen bij werkgevers staat niet in de "
        "gegevens."
    ),
}
