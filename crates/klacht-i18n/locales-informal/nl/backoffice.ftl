# The back office's texts for a regulation that says "je" (texts.informal = true, as kjrw): only
# the messages of ../../locales/nl/backoffice.ftl that address the reader, with "je" for "u".
desk-this-form-no-longer-belongs-to-your = Dit formulier hoort niet (meer) bij je sessie, bijvoorbeeld omdat je intussen opnieuw bent ingelogd. Er is niets opgeslagen. Ga terug, laad de pagina opnieuw en probeer het nog eens.

## account
account-on-signing-in-also-asks-for-a-code-from = Aan: bij het inloggen vraagt klacht ook een code uit je authenticator-app.
account-a-secret-address-with-the-deadlines-of = Een geheim adres met de termijnen van je klachten, voor Outlook of Google Agenda. Het bevat geen namen of klachtteksten.
account-your-calendar-address-copy-it-now-it-is = Je agenda-adres (kopieer het nu; het wordt niet nog eens getoond):
account-second-factor-set-up-from-now-on-signing = Tweede factor ingesteld. Voortaan vraagt het inloggen ook om een code uit je app.
account-your-current-password-is-not-right = Je huidige wachtwoord klopt niet.
account-recovery-codes-left =
    { $count ->
        [0] Je hebt geen herstelcodes meer. Maak nieuwe, zodat je kunt inloggen als je je telefoon kwijt bent.
        [one] Je hebt nog 1 herstelcode. Maak nieuwe, zodat je kunt blijven inloggen als je je telefoon kwijt bent.
       *[other] Je hebt nog { $count } herstelcodes. Elke code werkt één keer, in plaats van een code uit je app.
    }
account-you-signed-in-with-a-recovery-code = Je bent ingelogd met een herstelcode; die werkt niet nog eens. Kun je je app niet meer gebruiken? Stel dan hieronder de tweede factor opnieuw in.

## analysis
analysis-klacht-makes-the-figures-from-the-data = De cijfers maakt klacht uit de gegevens; hier schrijf je wat ze betekenen en wat je aanbeveelt. De tekst staat in het verslag als webpagina en als PDF.

## code (the second factor at sign-in)
code-code-from-your-authenticator-app = Code uit je authenticator-app
code-no-access-to-your-app = Geen toegang tot je app?
code-one-of-the-recovery-codes-you-were-given = Een van de herstelcodes die je kreeg bij het instellen van de tweede factor, bijvoorbeeld abcd-efgh-jkmn-pqrs. Elke code werkt één keer.
code-no-recovery-codes-left-ask-an = Geen herstelcodes meer? Vraag een beheerder om je tweede factor te wissen; daarna stel je bij het inloggen een nieuwe in.

## dashboard
dashboard-nothing-waits-on-you = Er wacht nu niets op je.
dashboard-waiting-decision = Jouw besluit
dashboard-waiting-sign-off = Jouw handtekening op het registratieformulier
dashboard-no-open-improvement-actions = Je hebt geen open verbeteracties meer.
dashboard-all-complaints-you-may-see = Alle klachten die je mag zien
dashboard-1-message-in-the-tray = 1 e-mail in het postvak wacht op je
dashboard-messages-in-the-tray = e-mails in het postvak wachten op je

## dossier
dossier-what-you-can-do-now = Wat je nu kunt doen
dossier-there-is-no-step-for-you-now = Er is nu geen stap voor jou.
dossier-you-hereby-sign-the-registration-form-of = Je ondertekent hiermee het registratieformulier van deze klacht.
dossier-you-close-the-complaint-that-is-possible = Je sluit de klacht af. Dat kan pas als het registratieformulier compleet is, de vereiste handtekeningen er zijn en de maatregelen aan de klager zijn meegedeeld.
dossier-there-is-no-complaint-reference-that-you = Er is geen klacht { $reference } die je mag inzien.
dossier-you-cannot-handle-or-decide-on-this = Je kunt deze klacht niet behandelen of erover beslissen: ze gaat over jou. De klacht wordt behandeld door: { $who }. Je ziet de klacht en wat je moet doen (gehoord worden, ondertekenen), niet de aantekeningen van de behandeling.
dossier-anonymise-confirm-error = Vink aan dat je begrijpt dat het anonimiseren niet ongedaan kan worden gemaakt.
dossier-outcome-which-to-choose = Trekt de klager de klacht in voordat je beslist? Gebruik dan de stap ‘Intrekking vastleggen’, niet de uitkomst ‘Ingetrokken’. Is de klacht bij ontvangst meteen naar tevredenheid opgelost, registreer haar dan als ‘Direct opgelost’; ‘Opgelost’ is voor een klacht die tijdens de behandeling in overleg is opgelost.
dossier-involved-signed-on-hint = { $name } heeft geen account en tekent het registratieformulier op papier. Vul de datum in waarop hij of zij tekende; je legt de handtekening dan namens hem of haar vast. Leeg laten zet alleen je eigen handtekening.

## login
login-your-session-has-expired-please-sign-in = Je sessie is verlopen. Log opnieuw in. Wat je net wilde opslaan, is niet opgeslagen.
login-you-have-signed-out = Je bent uitgelogd.
login-your-password-has-been-set-sign-in-now = Je wachtwoord is ingesteld. Log nu in.
login-enter-your-e-mail-address-and-your = Vul je e-mailadres en je wachtwoord in.
login-enter-your-name = Vul je naam in.
login-your-second-factor-cannot-be-checked-the = Je tweede factor kan niet worden gecontroleerd: de sleutel van de server past er niet bij. Vraag de beheerder je tweede factor te wissen; daarna stel je een nieuwe in.
login-this-code-is-not-right-or-was-used = Deze code klopt niet (of is al gebruikt). Typ de zes cijfers die je authenticator-app nu toont.
login-too-many-wrong-codes-wait-secs-seconds = Te veel verkeerde codes. Wacht { $secs } seconden en typ dan de code die je app op dat moment toont.
login-this-recovery-code-is-not-right-or-was-used = Deze herstelcode klopt niet of is al gebruikt. Elke herstelcode werkt één keer: typ een andere code van je lijst.

## notices
notices-you-have-no-notifications = Je hebt geen meldingen.

## set_password
set-password-choose-a-password-for-your-account-this = Kies een wachtwoord voor je account. Deze link werkt één keer.
set-password-your-name = Je naam
set-password-your-e-mail-address = Je e-mailadres

## step
step-someone-else-took-a-step-meanwhile-what = Iemand anders heeft intussen een stap gezet. Hieronder zie je wat er gebeurde. Jouw stap is niet opgeslagen; wat je invulde staat nog in het formulier. Kijk of je stap nog nodig is en sla dan opnieuw op.

## totp
totp-your-organisations-regulation-requires-a = Voor jouw rol vraagt de klachtenregeling van je organisatie een tweede factor. Stel die nu in; daarna kun je verder.
totp-open-an-authenticator-app-on-your-phone = Open een authenticator-app op je telefoon (bijvoorbeeld Microsoft Authenticator, Google Authenticator of FreeOTP).
totp-qr-code-with-the-key-for-your = QR-code met de sleutel voor je authenticator-app

## recovery codes
recovery-your-recovery-codes = Je herstelcodes
recovery-with-one-of-these-codes-you-can-sign-in = Met een van deze codes log je in als je je authenticator-app niet kunt gebruiken, bijvoorbeeld omdat je telefoon kwijt is. Elke code werkt één keer. Bewaar ze op papier of in een wachtwoordmanager, niet op dezelfde telefoon.
recovery-they-are-shown-only-now = Je ziet deze codes alleen nu.
recovery-your-earlier-codes-no-longer-work = Je eerdere herstelcodes werken niet meer.

## users
users-you-cannot-change-your-own-roles-let = Je kunt je eigen rollen niet veranderen; laat een andere beheerder dat doen. Er is niets opgeslagen.
users-you-cannot-deactivate-your-own-account = Je kunt je eigen account niet deactiveren.

## retention and requests (AVG)
retention-how-to-hold-or-anonymise = Een afgesloten klacht bewaar je bewust langer, of anonimiseer je eerder (bijvoorbeeld op verzoek), met de stappen ‘Bewust bewaren’ en ‘Nu anonimiseren’ in het dossier.
requests-who-asks-hint = Vul ten minste één van de drie in. Met het e-mailadres of telefoonnummer vindt klacht de klachten van de persoon het zekerst; controleer de identiteit voordat je op een naam alleen handelt.
requests-note-hint = Voor jezelf: hoe het verzoek binnenkwam, hoe je de identiteit hebt gecontroleerd. Komt niet in het overzicht voor de persoon.
requests-choose-a-field = Kies het gegeven dat je verbetert.
requests-confirm-the-erasure = Vink aan dat je begrijpt dat het wissen niet ongedaan kan worden gemaakt.
requests-export-pdf = Download als PDF (Jouw gegevens)
requests-extend-intro = Eén keer, met twee maanden, binnen de eerste maand. De persoon krijgt de reden per e-mail; zonder e-mailadres laat je het per post of telefoon weten.
requests-erase-intro = Elke afgesloten of ingetrokken klacht van de persoon die niet bewust wordt bewaard, wordt nu geanonimiseerd. Van elke andere klacht zie je waarom niet, en wat eerst moet.

## the regulation's versions
regulation-intro = Elke versie van de klachtenregeling, met de dagen waarop zij geldt. Een klacht wordt behandeld volgens de versie die gold op de dag dat zij binnenkwam, ook als zij later wordt geregistreerd. Een nieuwe versie schrijf je als concept; je stelt haar vast met de datum waarop zij ingaat (om 0.00 uur).
regulation-new-intro = Pas de tekst van de klachtenregeling aan en bewaar haar als concept. klacht controleert haar zoals ‘klacht profile check’ dat doet en noemt elke fout met de regel waarop zij staat. Een concept geldt nog nergens: je stelt het daarna vast.
regulation-starts-from = Je begint met de tekst van
regulation-adopt-intro = Stel deze versie vast zoals het bestuur haar heeft vastgesteld. Zij gaat in om 0.00 uur op de datum die je kiest, voor iedereen; klachten die eerder binnenkwamen houden hun eigen versie.

## the regulation's settings
settings-intro-draft = Dit is een concept: wat je opslaat, komt in dit concept. Het geldt pas als je het vaststelt.
settings-intro-adopted = Dit is een vastgestelde versie: wat je opslaat, wordt een nieuw concept vanaf deze versie. Deze versie zelf blijft zoals ze is.
settings-hint-versie = De naam van deze versie; een versie die je vaststelt, heeft een eigen naam nodig.

## the post tray
tray-caption = E-mail die nog op je wacht, oudste eerst
