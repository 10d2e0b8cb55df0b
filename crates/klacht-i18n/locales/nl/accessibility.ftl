# The accessibility statement, /toegankelijkheid (src/site/accessibility.rs). What it says was
# tested is what klacht-web's tests do: change the one with the other.

accessibility-title = Toegankelijkheidsverklaring
accessibility-intro = { $organisation } wil dat iedereen deze website kan gebruiken, ook mensen met een beperking. Deze verklaring gaat over de openbare pagina's van { $site }: het klachtformulier, de bevestiging na het indienen, de statuspagina van uw klacht, de klachtenregeling, de folder, de gepubliceerde jaarverslagen en deze pagina.
accessibility-standard-heading = Aan welke eisen
accessibility-standard-text = De pagina's zijn gemaakt om te voldoen aan de Web Content Accessibility Guidelines (WCAG) 2.1 op niveau AA. Dat is de eis van de Europese norm EN 301 549, die in Nederland voor websites van overheidsorganisaties geldt.
accessibility-status-heading = Hoe ver wij zijn
accessibility-status-text = Deze website voldoet gedeeltelijk aan de eisen. Hieronder staat wat wij testen en wat niet. Een onderzoek door een onafhankelijke deskundige is niet gedaan.
accessibility-tested-heading = Wat wij testen, en hoe
accessibility-tested-intro = De software van deze website wordt bij elke wijziging automatisch getest in een echte browser (Chromium, zonder scherm):
accessibility-tested-axe = Elke openbare pagina wordt gecontroleerd met het programma axe-core op de automatisch te toetsen eisen van WCAG 2.0 en 2.1, niveau A en AA: het klachtformulier in het Nederlands en het Engels, ook met foutmeldingen, de bevestiging na het indienen, de statuspagina, de klachtenregeling, de folder, de lijst van jaarverslagen en een gepubliceerd jaarverslag in beide talen, en deze pagina.
accessibility-tested-keyboard = Het klachtformulier wordt met alleen het toetsenbord ingevuld en verstuurd. Foutmeldingen staan bovenaan en verwijzen naar elk veld dat niet klopt.
accessibility-tested-no-javascript = De openbare pagina's bevatten geen JavaScript, en de website laat geen scripts toe. Alles werkt dus zonder JavaScript.
accessibility-tested-phone = Het klachtformulier en deze verklaring worden getest op een telefoonscherm van 390 pixels breed: de pagina past zonder dat u opzij hoeft te scrollen.
accessibility-tested-language = Elke pagina is er in het Nederlands en in het Engels, en geeft aan in welke taal hij is geschreven.
accessibility-gaps-heading = Wat niet is getest of nog niet goed is
accessibility-gaps-documents = Documenten die iemand met een klacht meestuurt, zoals pdf-bestanden en foto's, controleren wij niet op toegankelijkheid. Ook de pdf-versie van een jaarverslag is niet op toegankelijkheid getest; de webpagina van het jaarverslag bevat dezelfde inhoud.
accessibility-gaps-texts = De tekst van de klachtenregeling schrijft { $organisation } zelf. De automatische controle is gedaan met de voorbeeldregeling van de software, niet met deze tekst.
accessibility-gaps-people = Er is niet getest door mensen die een schermlezer, spraakbesturing of een ander hulpmiddel gebruiken.
accessibility-gaps-zoom = Vergroten tot 200 of 400 procent wordt niet apart getest, en de andere pagina's worden niet op een smal scherm getest.
accessibility-gaps-automatic = Automatische controles vinden maar een deel van de mogelijke problemen.
accessibility-contact-heading = Een probleem melden
accessibility-contact-text = Kunt u iets op deze website niet gebruiken, of loopt u tegen een ander probleem met de toegankelijkheid aan? Laat het ons weten, dan zoeken wij met u naar een oplossing.
accessibility-contact-organisation = Organisatie
accessibility-contact-complaint = Een klacht indienen over de toegankelijkheid
accessibility-date = Deze verklaring is opgesteld op { $date }.
