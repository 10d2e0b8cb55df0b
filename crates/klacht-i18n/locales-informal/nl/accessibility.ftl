# The accessibility statement's texts for a regulation that says "je" (see site.ftl here).
accessibility-intro = { $organisation } wil dat iedereen deze website kan gebruiken, ook mensen met een beperking. Deze verklaring gaat over de openbare pagina's van { $site }: het klachtformulier, de bevestiging na het indienen, de statuspagina van je klacht, de klachtenregeling, de folder en deze pagina.
accessibility-tested-phone = Het klachtformulier en deze verklaring worden getest op een telefoonscherm van 390 pixels breed: de pagina past zonder dat je opzij hoeft te scrollen.
accessibility-contact-text = Kun je iets op deze website niet gebruiken, of loop je tegen een ander probleem met de toegankelijkheid aan? Laat het ons weten, dan zoeken wij met jou naar een oplossing.
