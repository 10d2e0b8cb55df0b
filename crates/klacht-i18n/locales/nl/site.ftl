# Ui (src/http/i18n.rs)

site-skip-link = Direct naar de inhoud
site-language-nav = Taal
site-footer-nav = Over klachten
site-footer-contact = Contact
site-footer-form = Een klacht indienen
site-footer-regulation = Klachtenregeling
site-footer-leaflet = Folder om te printen
site-footer-accessibility = Toegankelijkheid
site-contact-email = E-mail
site-contact-phone = Telefoon
site-contact-address = Adres
site-contact-website = Website

site-error-summary-title = Er is een probleem
site-error-prefix = Fout:
site-error-title-prefix = Fout:{" "}
site-error-page-title = Er ging iets mis
site-error-page-text = Deze pagina kan nu niet getoond worden. Dat ligt niet aan u. Probeer het later nog eens, of neem contact met ons op via de gegevens hieronder.
site-error-page-home = Naar de beginpagina
site-bad-form-title = Dit formulier kon niet worden gelezen
site-bad-form-text = Wat er verstuurd werd, is geen gewone tekst of is te groot. Er is niets opgeslagen. Ga terug, controleer wat u invulde en verstuur het opnieuw.
site-unavailable-title = Dit lukt nu even niet
site-unavailable-text = Onze database is tijdelijk niet beschikbaar. Er is niets opgeslagen of gewijzigd. Probeer het over een paar minuten opnieuw, of neem contact met ons op via de gegevens hieronder.

site-form-title = Een klacht indienen
site-form-not-stored = Uw klacht is niet opgeslagen: wij kunnen op dit moment even niets bewaren. Dat ligt niet aan u. Alles wat u invulde staat hieronder nog; probeer het over een paar minuten opnieuw te versturen.
site-form-regulation-before = Wat wij met uw klacht doen, leest u in onze
site-form-regulation-link = klachtenregeling
site-other-ways-heading = Liever op een andere manier?
site-other-ways-intro = U kunt uw klacht ook op een van deze manieren aan ons doorgeven:
site-form-heading = Klachtenformulier
site-form-required-note = Bij elk veld staat of u het moet invullen.
site-required = (verplicht)
site-optional = (niet verplicht)
site-section-details = Uw gegevens
site-section-complaint = Uw klacht
site-name-label = Naam
site-name-hint = Uw voor- en achternaam.
site-contact-legend = Hoe kunnen wij u bereiken?
site-contact-hint = Vul uw e-mailadres of uw telefoonnummer in. Eén van de twee is verplicht, allebei mag ook.
site-email-label = E-mailadres
site-phone-label = Telefoonnummer
site-address-label = Adres
site-address-hint = Straat, huisnummer, postcode en plaats. Alleen nodig als u liever per post antwoord krijgt.
site-relation-label = Wat is uw relatie met ons?
site-relation-choose = Kies…
site-behalf-legend = Klaagt u namens iemand anders?
site-behalf-hint = Bijvoorbeeld als ouder of voogd van een kind, of als familielid of begeleider. Vul dan hier de naam in van de persoon om wie het gaat. De naam en contactgegevens hierboven zijn dan die van u. Klaagt u voor uzelf? Laat dit veld dan leeg.
site-on-behalf-of-label = Naam van de persoon namens wie u klaagt
site-date-of-birth-label = Geboortedatum
site-date-of-birth-hint = Van uzelf, of als u namens iemand klaagt: van die persoon.
site-description-label = Wat is uw klacht?
site-description-hint = Vertel wat er is gebeurd, wanneer dat was en wie erbij betrokken waren. Schrijf ook op wat u van ons verwacht.
site-attachments-label = Bijlagen
site-attachments-hint = Bijvoorbeeld een brief, foto of e-mail. Toegestaan: PDF, foto's (JPG, PNG, GIF, WebP, HEIC), Word, Excel, PowerPoint en OpenDocument.
site-attachments-limits = U kunt maximaal { $files } bestanden van elk maximaal { $size } toevoegen.
site-kept-title = Al bijgevoegd:
site-kept-hint = Deze bestanden hebben wij al. U hoeft ze niet opnieuw te kiezen.
site-kept-remove = Verwijderen
site-privacy-heading = Privacyverklaring
site-privacy-accepted-label = Ik heb de privacyverklaring gelezen en ga akkoord
site-honeypot-label = Laat dit veld leeg
site-submit = Klacht versturen

site-adopted-on = Vastgesteld op { $date }
site-version = Versie { $version }
site-print-hint = Wilt u de klachtenregeling op papier? Druk deze pagina af met de printfunctie van uw browser.
site-regulation-more-heading = Een klacht indienen
site-regulation-to-form = Dien een klacht in met het klachtenformulier
site-regulation-to-leaflet = Folder over de klachtenregeling (1 pagina, om te printen)
site-regulation-to-versions = Alle versies van de klachtenregeling, met de data waarop zij golden

site-versions-title = Versies van de klachtenregeling
site-versions-intro = Een klacht wordt behandeld volgens de versie van de klachtenregeling die gold op de dag dat de klacht binnenkwam. Een nieuwe versie gaat in om 0.00 uur op de dag waarop zij is vastgesteld.
site-versions-version = Versie
site-versions-from = Geldt vanaf
site-versions-until = Geldt tot en met
site-versions-status = Status
site-versions-now = Geldt nu
site-versions-future = Gaat nog in
site-versions-past = Geldt niet meer
site-versions-replaced = Vervangen voordat zij inging
site-version-notice-past = Dit is een eerdere versie van de klachtenregeling. Zij gold van { $from } tot en met { $until }.
site-version-notice-future = Deze versie van de klachtenregeling gaat in op { $from }. Tot dan geldt de huidige versie.
site-version-notice-replaced = Deze versie van de klachtenregeling is vervangen voordat zij inging.
site-version-to-current = Naar de klachtenregeling die nu geldt

site-leaflet-title = Folder klachtenregeling
site-leaflet-heading = Niet tevreden? Zeg het ons.
site-leaflet-has-regulation = { $organisation } heeft een klachtenregeling. Daarin staat wat wij doen als u een klacht heeft.
site-leaflet-free = Een klacht indienen is gratis. U kunt het zelf doen, of iemand vragen het voor u te doen, bijvoorbeeld uw ouder, voogd of begeleider.
site-leaflet-how = Zo dient u een klacht in
site-leaflet-scan = Scan de QR-code met uw telefoon, of ga naar:
site-leaflet-regulation = De hele klachtenregeling staat op:
site-leaflet-print-hint = Deze folder past op één A4. Druk hem af met de printfunctie van uw browser.
site-qr-label = QR-code naar

## What is wrong with a typed text (a name, a description), on every page
text-problem-control = Dit veld bevat een regeleinde of een ander stuurteken; typ het op één regel
text-problem-direction = Dit veld bevat tekens die de schrijfrichting omdraaien (zoals U+202E); haal ze weg
text-problem-invisible = Dit veld bevat geen zichtbare tekens

## The language itself, as the language switch names it
language-name = Nederlands

# PageError (src/http/page_error.rs): what a page says when a step cannot be taken
page-error-invalid = Het verzoek bevat fouten in: { $fields }.
page-error-conflict = Deze klacht is intussen gewijzigd. Laad haar opnieuw om te zien wat er gebeurde; er is niets van u opgeslagen.
page-error-duplicate = { $what } bestaat al.
page-error-unavailable = Er is niets opgeslagen: de database kan dit nu niet verwerken (bijvoorbeeld omdat de schijf vol is of de database onbereikbaar is). Probeer het over een minuut opnieuw.
page-error-unexpected = Er ging bij ons iets mis; er is niets gewijzigd. Probeer het opnieuw.
