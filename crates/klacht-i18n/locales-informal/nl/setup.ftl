# Setting up klacht (/beheer/setup/{token}, /beheer/inrichten) under a regulation that says "je"
# (texts.informal = true, as kjrw): only the messages of ../../locales/nl/setup.ftl that address
# the reader, with "je" for "u".
setup-intro = Vul de gegevens van je organisatie in en kies de klachtenregeling waarmee je begint. Daarna staan op de website en in elke brief je eigen gegevens. Alles kun je later nog wijzigen bij Klachtenregeling.
setup-your-organisation = Jouw organisatie
setup-which-regulation = Met welke klachtenregeling begin je?
setup-which-regulation-hint = Kies de regeling die het best bij je organisatie past. De termijnen, rollen en teksten komen daaruit; je kunt ze later aanpassen.
setup-disputes-body-hint = De geschilleninstantie waarbij je organisatie is aangesloten, zoals de regeling die noemt.
setup-channels = Hoe kan men bij jou klagen?
setup-you-the-coordinator = Jij, de klachtencoördinator
setup-you-the-coordinator-hint = Je krijgt elke rol die de gekozen regeling van een klachtencoördinator vraagt, en je beheert de gebruikers. Deze link werkt één keer.
setup-roles-missing = De gekozen regeling vraagt van de klachtencoördinator ook deze rollen, die je nog niet hebt; een beheerder kan ze geven:
setup-deputy-hint = Wie je taken overneemt als je afwezig bent of als een klacht over jou gaat. Die krijgt een e-mail met een link om een wachtwoord te kiezen.
