"""Hand annotations for the goal-field tests: the goal trees of two Leiden seed documents.

Titles are copied from samples/leiden_jaarstukken_2017_veiligheid.txt (seed 000) and
samples/leiden_voortgangsrapportage_2022_veiligheid.txt (seed 001). The expected first veiligheidsveld
of each node was decided by reading the title (and, for titles that name no safety subject, the goal's
place in the tree), following the VNG Kernbeleid Veiligheid; not by running the tagger.
`ANY_SAFETY` marks nodes whose title is just "Veiligheid": any of the five safety fields is right.
"""

from __future__ import annotations

W = "veilige_woon_en_leefomgeving"
B = "bedrijvigheid_en_veiligheid"
J = "jeugd_en_veiligheid"
F = "fysieke_veiligheid"
I = "integriteit_en_veiligheid"
ANY_SAFETY = "any_safety"

# (id, level, parent, title, expected first field)
SEED_000 = [
    ("2", "programma", None, "Veiligheid", ANY_SAFETY),
    ("2A", "beleidsterrein", "2", "Fysieke veiligheid", F),
    ("2A1", "doel", "2A", "Optimale preventie en aanpak branden, rampen en crises", F),
    ("2A1.1", "prestatie", "2A1", "Planvorming, training en oefening voor een optimale crisisorganisatie", F),
    ("2A1.2", "prestatie", "2A1", "Planvorming rondom grootschalige, risicovolle evenementen", F),
    ("2A1.3", "prestatie", "2A1", "Inzet bij rampen en crisis", F),
    ("2A1.4", "prestatie", "2A1", "Afspraken maken en toezien op naleven afspraken met Veiligheidsregio Hollands Midden (VRHM)", F),
    ("2B", "beleidsterrein", "2", "Sociale veiligheid", W),
    ("2B1", "doel", "2B", "Beperken criminaliteit", W),
    ("2B1.1", "prestatie", "2B1", "Activiteiten Veiligheidshuis", I),
    ("2B1.2", "prestatie", "2B1", "Veilige Publieke Taak", I),
    ("2B1.3", "prestatie", "2B1", "Preventie woninginbraken", W),
    ("2B1.4", "prestatie", "2B1", "Inzet Veilig Thuis", I),
    ("2B1.5", "prestatie", "2B1", "Bijdrage aan veilig ondernemen", B),
    ("2B1.6", "prestatie", "2B1", "Aanpak georganiseerde criminaliteit (ondermijning)", I),
    ("2B1.7", "prestatie", "2B1", "Voorkomen of aanpakken van polarisering en radicalisering", I),
    ("2B1.8", "prestatie", "2B1", "Aanpak fietsendiefstal", W),
    ("2B2", "doel", "2B", "Beperken overlast", W),
    ("2B2.1", "prestatie", "2B2", "Activiteiten Veiligheidshuis", I),
    ("2B2.2", "prestatie", "2B2", "Inzet beperken drugsgerelateerde overlast", W),
    ("2B2.3", "prestatie", "2B2", "Inzet beperken jeugdoverlast", J),
    ("2B2.4", "prestatie", "2B2", "Regievoering samenwerking jaarwisseling", W),
    ("2B2.5", "prestatie", "2B2", "Inzet beperken woonoverlast", W),
    ("2B2.6", "prestatie", "2B2", "Inzet beperken overlast op het water", W),
    ("2B3", "doel", "2B", "Veilig uitgaan", B),
    ("2B3.1", "prestatie", "2B3", "Risicoscan, coördinatie en vergunningverlening evenementen", B),
    ("2B3.2", "prestatie", "2B3", "Coördinatie en vergunningverlening horeca", B),
    ("2B4", "doel", "2B", "Handhaven openbare orde", W),
    ("2B4.1", "prestatie", "2B4", "Handhaven horecaregelgeving", B),
    ("2B4.2", "prestatie", "2B4", "Handhaven prostitutie- en coffeeshopbeleid", B),
    ("2B4.3", "prestatie", "2B4", "Handhaven bij evenementen", B),
    ("2B4.4", "prestatie", "2B4", "Inzet openbare orde en veiligheid bevoegdheden burgemeester", W),
    ("2B5", "doel", "2B", "Betrekken burgers bij veiligheid", W),
    ("2B5.1", "prestatie", "2B5", "Inzet sociale media", W),
    ("2B5.2", "prestatie", "2B5", "Inzet wijkveiligheid", W),
]

SEED_001 = [
    ("2", "programma", None, "Veiligheid", ANY_SAFETY),
    ("2A", "beleidsterrein", "2", "Veiligheid", ANY_SAFETY),
    ("2A1", "doel", "2A", "Beperken criminaliteit, bewaken democratische rechtsstaat", I),
    ("2A1.1", "prestatie", "2A1", "Aanpak ondermijning", I),
    ("2A1.2", "prestatie", "2A1", "Voorkomen of aanpakken radicalisering en polarisatie", I),
    ("2A1.3", "prestatie", "2A1", "Voorkomen cybercrime / gedigitaliseerde criminaliteit", I),
    ("2A1.4", "prestatie", "2A1", "Inzet Veilig Thuis", I),
    ("2A1.5", "prestatie", "2A1", "Inzet Veilige Publieke taak", I),
    ("2A2", "doel", "2A", "Beperken criminaliteit en overlast in de woonomgeving", W),
    ("2A2.1", "prestatie", "2A2", "Beperken van overlast van personen die verward gedrag vertonen", I),
    ("2A2.2", "prestatie", "2A2", "Beperken van overlast in de woonomgeving", W),
    ("2A2.3", "prestatie", "2A2", "Preventie woninginbraken", W),
    ("2A2.4", "prestatie", "2A2", "Regievoering samenwerking jaarwisseling / vuurwerk", W),
    ("2A2.5", "prestatie", "2A2", "Inzet buurt- en wijkveiligheid", W),
    ("2A2.6", "prestatie", "2A2", "Aanpak fietsendiefstal en fietsoverlast", W),
    ("2A3", "doel", "2A", "Beperken jeugdoverlast en criminaliteit", J),
    ("2A3.1", "prestatie", "2A3", "Stedelijke jeugdaanpak", J),
    ("2A4", "doel", "2A", "Optimale preventie en aanpak branden, rampen en crises", F),
    ("2A4.1", "prestatie", "2A4", "Realiseren van BRL-vakbekwame gemeentelijke crisisorganisatie", F),
    ("2A4.2", "prestatie", "2A4", "Planvorming rondom grootschalige risicovolle evenementen", F),
    ("2A4.3", "prestatie", "2A4", "Inzet bij rampen en crises", F),
    ("2A4.4", "prestatie", "2A4", "Optimale preventie brandveiligheid", F),
    ("2A5", "doel", "2A", "Veilig ondernemen en veilig uitgaan", B),
    ("2A5.1", "prestatie", "2A5", "Risicoscan, coördinatie vergunningverlening evenementen", B),
    ("2A5.2", "prestatie", "2A5", "Handhaven bij evenementen", B),
    ("2A5.3", "prestatie", "2A5", "Bijdrage aan veilig ondernemen", B),
    ("2A5.4", "prestatie", "2A5", "Handhaven coffeeshopbeleid / Regulering wietteelt", B),
    ("2A5.5", "prestatie", "2A5", "Coördinatie vergunningverlening horeca", B),
    ("2A5.6", "prestatie", "2A5", "Handhaven horecaregelgeving", B),
    ("2A5.7", "prestatie", "2A5", "Handhaven prostitutiebeleid", B),
]

SAFETY_FIELDS = {W, B, J, F, I}

# Partners a careful reader finds in the seed texts (canonical names of the gazetteer, or the name as
# written for organisations outside it). MUST: every one has to be found. NOT: must never be reported.
PARTNERS_000 = {
    "must": {"Politie Den Haag", "Veiligheidsregio Hollands Midden", "Veiligheidshuis", "Veilig Thuis", "Bevolkingszorg Regio Leiden"},
    "not": {"Ketenpartners", "Partners", "Bewoners", "Leiden", "Gemeente Leiden"},
}
PARTNERS_004 = {
    # EXTERNE PARTNERS list (section 4) and the three "Partners in de aanpak" paragraphs
    "must": {
        "Veiligheidsregio Hollands Midden", "Brandweer", "GHOR", "Politie", "Politie Den Haag", "Rijnhart Wonen",
        "Openbaar Ministerie", "HALT", "Wijk- en buurtorganisaties", "Ondernemersvereniging", "Jongerenwerk",
        "Centrum voor Jeugd en Gezin", "Veiligheidshuis", "Scholen", "Kerken en geloofsgemeenschappen",
        "Sportverenigingen", "GGD", "GGZ", "Pluspunt", "Sociale Zaken", "Horeca", "Winkeliers", "Bureau Jeugdzorg",
        "Jeugd Preventie Team", "Regionaal Bureau Leerplicht", "Verenigingen van Eigenaren",
        # named in the running text
        "RIEC", "Slachtofferhulp Nederland", "Woningcorporaties", "Politie Hollands Midden",
    },
    "not": {
        "Betrokken burgers", "Burgers", "Inwoners", "Ketenpartners", "Partners", "Bewoners", "Gemeenteraad",
        "Portefeuillehouder(s)", "Management -en Coördinatorteam", "Gemeente Leiderdorp", "BGC",
        "Raad voor Maatschappelijke Ontwikkeling", "Regionaal College", "Districtscollege",
    },
    # also right, but not required: further organisations named in passing
    "also": {"Politie Leiden-Noord", "Bevolkingszorg Regio Leiden", "Veiligheidsregio", "Welzijnswerk"},
}
