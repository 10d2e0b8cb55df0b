# The back office (templates/beheer, src/backoffice), by page.

## desk

desk-there-is-a-problem = Er is een probleem
desk-complaint = Klacht
desk-received = Ontvangen
desk-channel = Kanaal
desk-status = Status
desk-handler = Behandelaar
desk-category = Categorie
desk-not-yet-assigned = nog niet toegewezen
desk-my-account = Mijn account
desk-e-mail-address = E-mailadres
desk-roles = Rollen
desk-language = Taal
desk-the-new-password-again = Nogmaals het nieuwe wachtwoord
desk-set-up-a-second-factor = Tweede factor instellen
desk-account-log = Accountlogboek
desk-by = Door
desk-error = Fout:
desk-to = Naar
desk-skip-to-content = Naar de inhoud
desk-back-office = backoffice
desk-main-menu = Hoofdmenu
desk-dashboard = Overzicht
desk-register-a-complaint = Klacht registreren
desk-reports = Verslagen
desk-recommendations = Aanbevelingen
desk-evaluations = Evaluaties
desk-notifications = Meldingen
desk-unread = ongelezen
desk-users = Gebruikers
desk-sign-out = Uitloggen
desk-action = Actie
desk-recommendation = Aanbeveling
desk-due = Uiterlijk
desk-overdue = te laat
desk-severity = Ernst
desk-sensitive = Gevoelig
desk-complaints = Klachten
desk-the-complaint = De klacht
desk-received-by = Ontvangen door
desk-description = Omschrijving
desk-year = Jaar
desk-reason = Reden
desk-the-recommendation = De aanbeveling
desk-save = Opslaan
desk-name = Naam
desk-e-mail = E-mail
desk-this-form-no-longer-belongs-to-your = Dit formulier hoort niet (meer) bij uw sessie, bijvoorbeeld omdat u intussen opnieuw bent ingelogd. Er is niets opgeslagen. Ga terug, laad de pagina opnieuw en probeer het nog eens.
desk-error-2 = Fout:{" "}

## table

table-next-deadline = Volgende termijn

## account

account-language-of-e-mail-notifications = Taal van meldingen per e-mail
account-save-language = Taal opslaan
account-change-password = Wachtwoord wijzigen
account-current-password = Huidig wachtwoord
account-new-password-at-least-12-characters = Nieuw wachtwoord (minstens 12 tekens)
account-second-factor = Tweede factor
account-on-signing-in-also-asks-for-a-code-from = Aan: bij het inloggen vraagt klacht ook een code uit uw authenticator-app.
account-set-up-another-phone-or-app = Andere telefoon of app instellen
account-turn-the-second-factor-off = Tweede factor uitzetten
account-off = Uit.
account-calendar = Agenda
account-a-secret-address-with-the-deadlines-of = Een geheim adres met de termijnen van uw klachten, voor Outlook of Google Agenda. Het bevat geen namen of klachtteksten.
account-your-calendar-address-copy-it-now-it-is = Uw agenda-adres (kopieer het nu; het wordt niet nog eens getoond):
account-make-a-new-calendar-address-the-old-one = Nieuw agenda-adres maken (het oude stopt)
account-make-a-calendar-address = Agenda-adres maken
account-stop-the-calendar-address = Agenda-adres stoppen
account-second-factor-set-up-from-now-on-signing = Tweede factor ingesteld. Voortaan vraagt het inloggen ook om een code uit uw app.
account-language-saved = Taal opgeslagen.
account-your-current-password-is-not-right = Uw huidige wachtwoord klopt niet.

## account_log

account-log-who-changed-roles-de-activated-an = Wie wanneer bij welk account rollen veranderde, een account (de)activeerde, een wachtwoordlink stuurde, een wachtwoord instelde of een tweede factor instelde of wiste. Nieuwste eerst; niets hierin kan worden veranderd of gewist.
account-log-the-log-is-empty-so-far = Het logboek is nog leeg.
account-log-when = Wanneer
account-log-account = Account
account-log-what = Wat
account-log-older-lines = Oudere regels

## analysis

analysis-klacht-makes-the-figures-from-the-data = De cijfers maakt klacht uit de gegevens; hier schrijft u wat ze betekenen en wat u aanbeveelt. De tekst staat in het verslag als webpagina en als PDF.
analysis-last-written-by = Laatst geschreven door
analysis-no-analysis-has-been-written-for-this = Er is voor dit verslag nog geen analyse geschreven.
analysis-analysis-and-recommendations = Analyse en aanbevelingen
analysis-no-names-contact-details-or-other = Geen namen, contactgegevens of andere persoonsgegevens: het jaarverslag kan openbaar worden.
analysis-save-and-show-the-report = Opslaan en het verslag tonen
analysis-the-half-year-report = het halfjaarverslag
analysis-the-annual-report = het jaarverslag
analysis-the-report-on = het verslag over
analysis-to-the-reports = Naar de verslagen
analysis-this-address-names-no-report-that-exists = Dit adres noemt geen verslag dat bestaat.
analysis-analysis-and-recommendations-for = Analyse en aanbevelingen voor
analysis-write-the-analysis-at-most-20-000 = Schrijf de analyse (ten hoogste 20.000 tekens).

## code

code-sign-in-code = Inlogcode
code-code-from-your-authenticator-app = Code uit uw authenticator-app
code-six-digits-the-code-changes-every-30 = Zes cijfers; de code wisselt elke 30 seconden.
code-continue = Doorgaan

## dashboard

dashboard-what-needs-me-now = Wat nu van mij vraagt
dashboard-nothing-waits-on-you = Er wacht nu niets op u.
dashboard-why = Waarom
dashboard-waiting-overdue = Termijn verstreken
dashboard-waiting-due-soon = Termijn verloopt vandaag of de volgende werkdag
dashboard-waiting-board-consultation = Zeer ernstig / gevoelig — overleg met het bestuur nodig
dashboard-waiting-unassigned = Nog geen behandelaar: wijs er een aan
dashboard-waiting-hearing = De betrokken medewerker horen
dashboard-waiting-decision = Uw besluit
dashboard-waiting-sign-off = Uw handtekening op het registratieformulier
dashboard-nobody-yet = Nog niemand
dashboard-waiting-more = Er wacht meer dan hier staat. Alles staat in de lijst:
dashboard-more-mine = Open klachten die aan mij zijn toegewezen
dashboard-more-unassigned = Open klachten die nog niet zijn toegewezen
dashboard-more-due = Open klachten, de eerstvolgende termijn eerst
dashboard-more-sensitive = Open gevoelige klachten
dashboard-more-decided = Klachten met een beslissing die nog niet zijn afgesloten
dashboard-more-severity = Open klachten: { $severity }
dashboard-1-unread-notification = 1 ongelezen melding
dashboard-unread-notifications = ongelezen meldingen
dashboard-my-open-improvement-actions = Mijn open verbeteracties
dashboard-no-open-improvement-actions = U heeft geen open verbeteracties meer.
dashboard-update-action = Bijwerken
dashboard-action-updated = Verbeteractie „{ $action }” bijgewerkt; de status is nu: { $status }.
dashboard-due-soon = binnenkort
dashboard-all-complaints-you-may-see = Alle klachten die u mag zien
dashboard-search-and-filter-complaints = Klachten zoeken en filteren
dashboard-search = Zoeken
dashboard-reference-name-or-words-from-the-dossier = Klachtnummer, naam of woorden uit het dossier
dashboard-escalation = Escalatie
dashboard-order = Volgorde
dashboard-overdue-only = Alleen te laat
dashboard-show = Toon
dashboard-clear-filters = Filters wissen
dashboard-no-complaints-found = Geen klachten gevonden.
dashboard-pages = Pagina's
dashboard-first-page = Eerste pagina
dashboard-next-page = Volgende pagina
dashboard-unknown-status-ignored = Onbekende status genegeerd.
dashboard-unknown-handler-ignored = Onbekende behandelaar genegeerd.
dashboard-unknown-channel-ignored = Onbekend kanaal genegeerd.
dashboard-that-page-position-does-not-exist = Die paginapositie bestaat niet; de eerste pagina wordt getoond.
dashboard-the-sort-order-changed-showing-the-first = De sortering is veranderd; de eerste pagina wordt getoond.
dashboard-all = Alle
dashboard-open-not-yet-closed = Open (nog niet afgesloten)
dashboard-anyone = Iedereen
dashboard-either = Maakt niet uit
dashboard-escalated-only = Alleen geëscaleerd
dashboard-not-escalated = Niet geëscaleerd
dashboard-sensitive-only = Alleen gevoelig
dashboard-not-sensitive = Niet gevoelig
dashboard-newest-first = Nieuwste eerst
dashboard-nearest-deadline-first = Eerstvolgende termijn eerst

## dossier

dossier-the-complainant-is-not-satisfied-and = De klager is niet tevreden en vraagt de klacht te heropenen.
dossier-what-you-can-do-now = Wat u nu kunt doen
dossier-there-is-no-step-for-you-now = Er is nu geen stap voor u.
dossier-registration-form-print-or-pdf = Registratieformulier (afdrukken of als PDF)
dossier-attach-a-document = Document toevoegen
dossier-pdf-image-or-office-document = PDF, afbeelding of kantoordocument.
dossier-attach = Toevoegen
dossier-where = Waar
dossier-on-behalf-of = Namens
dossier-escalated-to = Geëscaleerd naar
dossier-deadlines = Termijnen
dossier-deadline = Termijn
dossier-met = Gehaald
dossier-extended = Verlengd
dossier-settlement = Afhandeling
dossier-complainant-satisfied = Klager tevreden
dossier-measures = Maatregelen
dossier-signed = Ondertekend
dossier-registration-form = Registratieformulier
dossier-complete = Compleet
dossier-not-complete-yet-this-is-missing = Nog niet compleet; dit ontbreekt:
dossier-timeline = Tijdlijn
dossier-opened-by = Ingezien door
dossier-who-opened-this-dossier-newest-first = Wie dit dossier opende (nieuwste eerst)
dossier-by-post-to-be-printed-and-sent = per post: nog af te drukken en te versturen
dossier-not-delivered-the-mail-server-refused-it = NIET bezorgd: de mailserver weigerde het bericht. Neem op een andere manier contact op.
dossier-by-e-mail = per e-mail
dossier-nobody-appoint-a-deputy = (niemand: stel een plaatsvervanger in)
dossier-phone = Telefoon
dossier-address = Adres
dossier-date-of-birth = Geboortedatum
dossier-categories = Categorieën
dossier-relation = Relatie
dossier-outcome = Uitkomst
dossier-on = Op
dossier-told-to-the-complainant = meegedeeld aan klager
dossier-this-complaint-is-very-serious-or = Deze klacht is zeer ernstig of gevoelig: de regeling vraagt de coördinator het bestuur te raadplegen.
dossier-the-complaint-is-registered-the = De klacht is geregistreerd. De termijnen lopen vanaf de ontvangst.
dossier-how-acknowledged = Hoe bevestigd
dossier-note-not-in-the-letter = Toelichting (niet in de brief)
dossier-for-example-confirmed-by-phone-and = Bijvoorbeeld: telefonisch bevestigd en uitleg gegeven.
dossier-note = Toelichting
dossier-date-of-the-meeting = Datum van het gesprek
dossier-leave-empty-today = Leeg laten: vandaag.
dossier-summary-of-what-the-person-concerned = Samenvatting van wat de betrokkene zei
dossier-how = Hoe
dossier-date = Datum
dossier-what-was-discussed = Wat is besproken
dossier-agreements-and-actions = Afspraken en acties
dossier-the-recorded-measures-were-told-to-the = De vastgelegde maatregelen zijn aan de klager meegedeeld
dossier-note-2 = Notitie
dossier-short-summary-for-the-report-to-the = Korte samenvatting voor het verslag aan het bestuur (zonder namen)
dossier-which-deadline = Welke termijn
dossier-new-due-date = Nieuwe uiterste datum
dossier-reason-goes-into-the-letter-to-the = Reden (komt in de brief aan de klager)
dossier-the-complainant-agreed-in-writing-to-a = De klager stemde schriftelijk in met een langere verlenging
dossier-the-director = de directeur
dossier-the-board = het bestuur
dossier-not-set = (niet bepaald)
dossier-complainants-relation = Relatie van de klager
dossier-measure = Maatregel
dossier-decision-with-reasons-goes-into-the = Besluit met motivering (komt in de brief)
dossier-how-communicated = Hoe meegedeeld
dossier-reason-if-the-complainant-gave-one = Reden (als de klager die gaf)
dossier-enter-a-date-day-month-year = Vul een datum in (dag-maand-jaar).
dossier-this-form-lacks-the-complaints-version = Dit formulier mist de versie van de klacht. Open de klacht opnieuw en probeer het nog eens; er is niets opgeslagen.

## evaluations

evaluations-evaluations-of-the-complaints-regulation = Evaluaties van de klachtenregeling
evaluations-the-complaints-regulation-is-evaluated = De klachtenregeling wordt elk jaar geëvalueerd. De regeling die nu geldt is vastgesteld op
evaluations-no-evaluation-has-been-recorded-yet = Er is nog geen evaluatie vastgelegd.
evaluations-recorded-evaluations-the-latest-first = Vastgelegde evaluaties, de laatste eerst
evaluations-evaluated-on = Geëvalueerd op
evaluations-changed = Gewijzigd
evaluations-new-version-adopted-on = Nieuwe versie vastgesteld op
evaluations-notes = Toelichting
evaluations-yes = ja
evaluations-no = nee
evaluations-record-an-evaluation = Evaluatie vastleggen
evaluations-year-evaluated = Geëvalueerd jaar
evaluations-was-the-regulation-changed = Is de regeling gewijzigd?
evaluations-no-2 = Nee
evaluations-yes-2 = Ja
evaluations-new-version-adopted-on-if-changed = Nieuwe versie vastgesteld op (als gewijzigd)
evaluations-record = Vastleggen

## login

login-sign-in = Inloggen
login-signing-in-did-not-work = Inloggen lukte niet
login-password = Wachtwoord
login-forgot-your-password-ask-the = Wachtwoord vergeten? Vraag de beheerder om een nieuwe wachtwoordlink.
login-your-session-has-expired-please-sign-in = Uw sessie is verlopen. Log opnieuw in. Wat u net wilde opslaan, is niet opgeslagen.
login-you-have-signed-out = U bent uitgelogd.
login-your-password-has-been-set-sign-in-now = Uw wachtwoord is ingesteld. Log nu in.
login-the-sign-in-form-had-expired-please-try = Het inlogformulier was verlopen. Probeer het opnieuw.
login-enter-your-e-mail-address-and-your = Vul uw e-mailadres en uw wachtwoord in.
login-this-link-was-used-already-has-expired = Deze link is al gebruikt, verlopen of vervangen door een nieuwere. Vraag de beheerder om een nieuwe link. (De eerste link bij installatie drukt `klacht serve` opnieuw af zolang er geen gebruikers zijn.)
login-the-two-passwords-are-not-the-same = De twee wachtwoorden zijn niet gelijk.
login-enter-your-name = Vul uw naam in.
login-enter-an-e-mail-address-like-name = Vul een e-mailadres in zoals naam@voorbeeld.nl.

## notices

notices-you-have-no-notifications = U hebt geen meldingen.
notices-mark-all-as-read = Alles als gelezen markeren
notices-new = nieuw
notices-read = Gelezen
notices-older-notifications = Oudere meldingen

## recommendation

recommendation-all-recommendations = Alle aanbevelingen
recommendation-proposed-by = Voorgesteld door
recommendation-decided-by = Besluit door
recommendation-complaints-it-comes-from = Klachten waaruit zij voortkomt
recommendation-no-complaints-linked-yet = Nog geen klachten gekoppeld.
recommendation-link-complaint-references = Klachtnummers koppelen
recommendation-for-example-2026-0012-2026-0040 = Bijvoorbeeld 2026-0012, 2026-0040 (gescheiden door komma's of spaties)
recommendation-link = Koppelen
recommendation-the-directors-decision = Besluit van de directie
recommendation-decision = Besluit
recommendation-adopt = Aannemen
recommendation-reject = Afwijzen
recommendation-record-the-decision = Besluit vastleggen
recommendation-improvement-actions = Verbeteracties
recommendation-no-improvement-actions-yet = Nog geen verbeteracties.
recommendation-improvement-actions-belong-to-an-adopted = Verbeteracties horen bij een aangenomen aanbeveling.
recommendation-owner = Eigenaar
recommendation-result = Resultaat
recommendation-update-action = Actie bijwerken:
recommendation-account-not-active = (account niet actief)
recommendation-add-an-improvement-action = Verbeteractie toevoegen
recommendation-what-is-to-be-done = Wat er moet gebeuren
recommendation-due-on = Uiterlijk klaar op
recommendation-add = Toevoegen

## recommendations

recommendations-the-register-of-structural = Het register van (structurele) aanbevelingen uit klachten: het besluit van de directie en de verbeteracties.
recommendations-there-are-no-recommendations-yet = Er zijn nog geen aanbevelingen.
recommendations-all-recommendations-newest-first = Alle aanbevelingen, nieuwste eerst
recommendations-proposed = Voorgesteld
recommendations-actions-still-open = Acties (nog open)
recommendations-new-recommendation = Nieuwe aanbeveling
recommendations-title = Titel
recommendations-no-names-or-other-personal-data-this = Geen namen of andere persoonsgegevens: deze tekst komt in het verslag.
recommendations-propose = Voorstellen
recommendations-the-recommendations-register-is-for-the = Het register van aanbevelingen is voor de coördinator, de plaatsvervanger, de directeur en het bestuur.
recommendations-this-recommendation-does-not-exist = Deze aanbeveling bestaat niet.
recommendations-back = Terug
recommendations-enter-a-year = Vul een jaartal in.

## register

register-for-complaints-received-by-phone-letter = Voor klachten die per telefoon, brief, e-mail, sociale media of persoonlijk binnenkwamen. Klachten via het webformulier registreert klacht zelf.
register-receipt = Ontvangst
register-how-the-complaint-came-in = Hoe kwam de klacht binnen
register-date-received = Datum ontvangen
register-time = Tijd
register-where-for-example-desk-activity-phone = Waar (bijvoorbeeld: balie, activiteit, telefoon)
register-concerns-without-account-hint = Gaat de klacht over iemand zonder account, zoals een vrijwilliger die niet inlogt? Kies dan ‘(niemand in het bijzonder)’ en leg na het registreren in het dossier vast over wie zij gaat, met naam en rol.
register-the-complaint-is-about-staff-member-or = De klacht gaat over (medewerker of vrijwilliger)
register-nobody-in-particular = (niemand in het bijzonder)
register-the-complainant = De klager
register-phone-number = Telefoonnummer
register-address-and-town = Adres en woonplaats
register-on-behalf-of-if-someone-else-complains = Namens (als iemand anders klaagt)
register-relation-to-the-organisation = Relatie tot de organisatie
register-unknown = (onbekend)
register-language-of-the-letters = Taal van de brieven
register-the-complainant-agrees-to-these-details = De klager stemt in met het vastleggen van deze gegevens volgens de privacyverklaring
register-resolved-directly-t4 = Direct opgelost
register-the-complaint-was-settled-to = De klacht is bij ontvangst meteen naar tevredenheid opgelost
register-how-it-was-resolved = Hoe opgelost
register-register = Registreren

## reports

reports-format = Formaat
reports-the-half-year-report-for-the-board-with = Het halfjaarverslag voor het bestuur (met kenmerken), het anonieme jaarverslag, of de cijfers over een eigen periode. Als webpagina om af te drukken, als PDF of als CSV voor een spreadsheet.
reports-last-completed = Laatst afgesloten
reports-write-the-analysis = analyse schrijven
reports-half-year-report-t13 = Halfjaarverslag
reports-half-year = Halfjaar
reports-first-half-january-june = 1e halfjaar (januari–juni)
reports-second-half-july-december = 2e halfjaar (juli–december)
reports-show-half-year-report = Toon halfjaarverslag
reports-annual-report-anonymous-t15 = Jaarverslag, anoniem
reports-show-annual-report = Toon jaarverslag
reports-a-period-of-your-own = Eigen periode
reports-from-first-day = Van (eerste dag)
reports-to-last-day = Tot en met
reports-show-report = Toon verslag
reports-the-reports-are-for-the-coordinator-the = De verslagen zijn voor de coördinator, de plaatsvervanger, de directeur en het bestuur.
reports-download = Download
reports-the-figures-as-json = De cijfers als JSON
reports-choose-another-report = Ander verslag kiezen

## set_password

set-password-choose-a-password-for-your-account-this = Kies een wachtwoord voor uw account. Deze link werkt één keer.
set-password-your-name = Uw naam
set-password-your-e-mail-address = Uw e-mailadres
set-password-new-password = Nieuw wachtwoord
set-password-at-least-12-characters-a-sentence-of-a = Minstens 12 tekens. Een zin van een paar woorden is sterk en goed te onthouden.

## step

step-this-complaint-changed-meanwhile = Deze klacht is intussen gewijzigd
step-someone-else-took-a-step-meanwhile-what = Iemand anders heeft intussen een stap gezet. Hieronder ziet u wat er gebeurde. Uw stap is niet opgeslagen; wat u invulde staat nog in het formulier. Kijk of uw stap nog nodig is en sla dan opnieuw op.
step-this-is-not-possible-now = Dit kan nu niet
step-optional = niet verplicht
step-preview = Voorbeeld
step-this-step-sends-the-complainant-no = Deze stap stuurt de klager geen brief.
step-preview-the-letter = Voorbeeld van de brief
step-cancel = Annuleren

## totp

totp-your-organisations-regulation-requires-a = Voor uw rol vraagt de klachtenregeling van uw organisatie een tweede factor. Stel die nu in; daarna kunt u verder.
totp-open-an-authenticator-app-on-your-phone = Open een authenticator-app op uw telefoon (bijvoorbeeld Microsoft Authenticator, Google Authenticator of FreeOTP).
totp-scan-this-qr-code-or-type-the-key-below = Scan deze QR-code, of typ de sleutel eronder.
totp-qr-code-with-the-key-for-your = QR-code met de sleutel voor uw authenticator-app
totp-key = Sleutel:
totp-type-the-six-digits-the-app-shows = Typ de zes cijfers die de app toont.
totp-code = Code
totp-set-up = Instellen

## user

user-name-and-roles = Naam en rollen
user-presence-and-access = Aanwezigheid en toegang
user-present-again = Weer aanwezig
user-mark-absent-deputy-takes-over = Afwezig melden (plaatsvervanger neemt over)
user-deactivate = Deactiveren
user-activate = Activeren
user-send-a-new-password-link = Nieuwe wachtwoordlink sturen
user-clear-second-factor-phone-lost = Tweede factor wissen (telefoon kwijt)

## users

users-account-made-for = Account gemaakt voor
users-an-e-mail-with-a-link-to-choose-a = Er is een e-mail met een link om een wachtwoord te kiezen gestuurd naar
users-only-the-user-gets-to-see-the-link = Alleen de gebruiker krijgt de link te zien.
users-account-log-who-changed-what-on-which = Accountlogboek: wie wat aan welk account veranderde
users-coordination-and-deputising-t17 = Coördinatie en vervanging
users-acting-as-complaints-coordinator-now = Nu treedt op als klachtencoördinator:
users-nobody-appoint-a-coordinator-or-deputy = niemand — wijs een coördinator of plaatsvervanger aan
users-when-the-coordinator-is-absent-or-a = Bij afwezigheid of als een klacht over de coördinator gaat, neemt volgens de regeling over:
users-accounts = Accounts
users-state = Staat
users-new-account = Nieuw account
users-make-account = Account maken
users-only-an-administrator-role-admin-manages = Alleen een beheerder (rol ‘admin’) beheert gebruikers.
users-deactivated = gedeactiveerd
users-absent = afwezig
users-no-password-yet = nog geen wachtwoord
users-second-factor-on = tweede factor aan
users-enter-the-name = Vul de naam in.
users-enter-a-valid-e-mail-address = Vul een geldig e-mailadres in.
users-choose-at-least-one-role = Kies minstens één rol.
users-there-is-already-an-account-with-this-e = Er is al een account met dit e-mailadres.
users-the-servers-operator = de beheerder van de server
users-this-user-does-not-exist = Deze gebruiker bestaat niet.
users-you-cannot-change-your-own-roles-let = U kunt uw eigen rollen niet veranderen; laat een andere beheerder dat doen. Er is niets opgeslagen.
users-name-and-roles-saved = Naam en rollen opgeslagen.
users-marked-absent-a-deputy-takes-over-t17 = Als afwezig gemarkeerd: een plaatsvervanger neemt het over.
users-present-again = Weer aanwezig.
users-you-cannot-deactivate-your-own-account = U kunt uw eigen account niet deactiveren.
users-account-activated = Account geactiveerd.
users-account-deactivated-its-sessions-api = Account gedeactiveerd: sessies, API-tokens en agenda-adres werken niet meer.
users-unknown-action = Onbekende actie.
users-none = geen
users-account-made-with-the-roles = account gemaakt met de rollen:
users-roles-changed = rollen veranderd:
users-account-activated-2 = account geactiveerd
users-account-deactivated = account gedeactiveerd
users-password-link-sent = wachtwoordlink gestuurd
users-password-set = wachtwoord ingesteld
users-second-factor-cleared-set-up-again-at = tweede factor gewist (opnieuw instellen bij inloggen)
users-second-factor-set-up = tweede factor ingesteld
users-second-factor-turned-off-by-the-user = tweede factor zelf uitgezet
users-only-the-complaints-coordinator-and-the = Alleen de klachtencoördinator en de beheerder lezen het accountlogboek.
users-the-user-themselves = de gebruiker zelf
users-the-servers-operator-command-line = de beheerder van de server (opdrachtregel)

## login (the answer to every failed sign-in)

login-wrong-password = Dit e-mailadres en wachtwoord horen niet bij elkaar, of er is hier te vaak een verkeerd wachtwoord geprobeerd: wacht dan even en probeer het opnieuw.

## analysis: page titles and labels

analysis-unknown-report = Onbekend verslag

## desk: page titles and labels

desk-form-expired = Formulier verlopen
desk-no-access = Geen toegang

## dossier: page titles and labels

dossier-not-found = Niet gevonden
dossier-form-incomplete = Formulier onvolledig
dossier-document-not-attached = Document niet toegevoegd
dossier-via = Via
dossier-person-concerned = Betrokkene
dossier-held-on = Gehouden op
dossier-summary = Samenvatting
dossier-agreements = Afspraken
dossier-text = Tekst
dossier-was-due = Was uiterlijk
dossier-now-due = Nu uiterlijk
dossier-with-the-complainants-consent = Met instemming van de klager
dossier-as = Als
dossier-comment = Toelichting
dossier-satisfied = Tevreden
dossier-satisfaction-answer = Antwoord
dossier-satisfaction-reopen = Vraagt te heropenen
dossier-complainants-name = naam van de klager
dossier-complainants-address-or-residence = adres of woonplaats van de klager
dossier-who-received-the-complaint = wie de klacht ontving
dossier-complainants-e-mail-or-phone = e-mailadres of telefoonnummer van de klager
dossier-description-of-the-complaint = omschrijving van de klacht
dossier-who-the-complaint-was-forwarded-to = aan wie de klacht is doorgestuurd
dossier-category = categorie
dossier-severity = ernst
dossier-complainants-relation-2 = relatie van de klager
dossier-you-hereby-sign-the-registration-form-of = U ondertekent hiermee het registratieformulier van deze klacht.
dossier-you-close-the-complaint-that-is-possible = U sluit de klacht af. Dat kan pas als het registratieformulier compleet is, de vereiste handtekeningen er zijn en de maatregelen aan de klager zijn meegedeeld.
dossier-confirm-to-the-complainant-that-the = Bevestig de klager dat de klacht is ontvangen.
dossier-record-the-decision-the-complainant = Leg het besluit vast; de klager krijgt het met de motivering en de maatregelen.
dossier-extend-a-deadline-the-complainant = Verleng een termijn; de klager krijgt een brief met de reden en de nieuwe datum.

## login: page titles and labels

login-link-no-longer-works = Link werkt niet meer

## recommendations: page titles and labels

recommendations-evaluations-of-the-regulation = Evaluaties van de klachtenregeling

## set_password: page titles

set-password-set-your-password = Wachtwoord instellen

## messages of failed steps

dossier-the-form-did-not-arrive-properly-please = Het formulier kwam niet goed aan. Probeer het opnieuw.
dossier-the-file-is-too-large-or-did-not-arrive = Het bestand is te groot of kwam niet goed aan.
dossier-choose-a-file = Kies een bestand.
dossier-the-file-is-larger-than-allowed = Het bestand is groter dan toegestaan.
dossier-this-kind-of-file-cannot-be-attached = Dit soort bestand kan niet worden toegevoegd: alleen PDF, afbeeldingen en kantoordocumenten.
login-too-many-attempts-from-this-address-wait = Te veel pogingen vanaf dit adres. Wacht een minuut en probeer het opnieuw.
login-your-second-factor-cannot-be-checked-the = Uw tweede factor kan niet worden gecontroleerd: de sleutel van de server past er niet bij. Vraag de beheerder uw tweede factor te wissen; daarna stelt u een nieuwe in.
login-this-code-is-not-right-or-was-used = Deze code klopt niet (of is al gebruikt). Typ de zes cijfers die uw authenticator-app nu toont.

## texts that were chosen by a match on the language

dashboard-escalated = geëscaleerd
dashboard-sensitive = gevoelig
dossier-there-is-no-complaint-reference-that-you = Er is geen klacht { $reference } die u mag inzien.
dossier-to-the-dashboard = Naar het overzicht
dossier-you-cannot-handle-or-decide-on-this = U kunt deze klacht niet behandelen of erover beslissen: ze gaat over u. De klacht wordt behandeld door: { $who }. U ziet de klacht en wat u moet doen (gehoord worden, ondertekenen), niet de aantekeningen van de behandeling.
dossier-back-to-the-complaint = Terug naar de klacht
login-too-many-sign-in-attempts-from-this = Te veel inlogpogingen vanaf dit adres. Wacht { $secs } seconden en probeer het opnieuw.
login-too-many-wrong-codes-wait-secs-seconds = Te veel verkeerde codes. Wacht { $secs } seconden en typ dan de code die uw app op dat moment toont.
register-the-date-received-is-in-the-future = De datum van ontvangst ligt in de toekomst.
register-enter-a-valid-date-and-time-received = Vul een geldige datum en tijd van ontvangst in.
register-complaints-sent-through-the-website-are = Via de website ingediende klachten registreert klacht zelf; kies hoe de klacht binnenkwam.
register-error-name = Vul de naam van de klager in.
register-error-description = Beschrijf de klacht.
register-error-contact = Vul een e-mailadres of telefoonnummer van de klager in.
register-error-email = Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.
register-error-how = Beschrijf hoe de klacht direct is opgelost.

## labels with values (by hand)

dashboard-urgency-on-time = op tijd
dashboard-urgency-due-soon = binnen 1 werkdag
dashboard-urgency-overdue =
    te laat: { $days ->
        [one] 1 werkdag
       *[other] { $days } werkdagen
    }
desk-yes = ja
desk-no = nee
dossier-the-complainant = klager
dossier-letter-sent-by-e-mail-on = verzonden per e-mail op { $date }
dossier-letter-waiting-to-be-sent = wacht op verzending ({ $attempts } pogingen)
dossier-saved-step = Opgeslagen: { $step }.

## A report's parameters (the API's 422 and the report pages)
report-param-required = is verplicht
report-param-not-whole = moet een geheel getal zijn
report-param-date-required = is verplicht (JJJJ-MM-DD)
report-param-not-date = moet een datum zijn, JJJJ-MM-DD
report-param-not-lang = verwacht nl of en
report-param-unknown = is geen gegeven van dit verslag
report-param-year = verwacht een jaar van 2000 tot en met 2200
report-param-half = verwacht 1 of 2
report-param-reversed = mag niet voor de begindatum liggen
report-param-too-long = een periode is ten hoogste tien jaar
report-param-format-pdf = verwacht html, pdf of csv
report-param-format = verwacht html of csv

## A recommendation's, action's or evaluation's field that is wrong
recommendations-field-title = Geef de aanbeveling een titel (ten hoogste 200 tekens).
recommendations-field-text = Beschrijf de aanbeveling.
recommendations-field-reason = Geef de reden van het besluit.
recommendations-field-decision = Kies: aannemen of afwijzen.
recommendations-field-description = Beschrijf de actie.
recommendations-field-owner = Kies een eigenaar met een actief account.
recommendations-field-due = Vul een geldige datum in.
recommendations-field-status = Kies een status.
recommendations-field-year = Vul een jaartal in.
recommendations-field-evaluated-on = Vul een geldige datum in die niet in de toekomst ligt.
recommendations-field-new-version-on = Een datum van vaststelling hoort alleen bij een gewijzigde regeling.
recommendations-field-changed = Kies of de regeling is gewijzigd.
recommendations-field-complaints = Klachtnummer niet gevonden of ongeldig: { $detail }

dossier-fill-this-in = Vul dit in.

## Privacy: holds and anonymisation (K8, T10)
dossier-anonymised-why = Waarom
dossier-anonymised-retention = de bewaartermijn was verstreken
dossier-anonymised-request = op verzoek, voor het einde van de bewaartermijn
dossier-hold-reason-hint = Bijvoorbeeld: een procedure bij de ombudsman of de rechter loopt nog. Zolang de klacht bewust wordt bewaard, wordt zij niet geanonimiseerd.
dossier-anonymise-reason-hint = Bijvoorbeeld: verzoek om verwijdering (art. 17 AVG) van 3 december. Noem geen namen: deze reden blijft in het dossier staan.
dossier-intro-hold = Bewaar deze afgesloten klacht bewust langer dan de bewaartermijn, met de reden. Hef de bewaring op zodra die reden er niet meer is.
dossier-intro-anonymise = Wis nu alle persoonsgegevens van deze afgesloten klacht: namen, contactgegevens, teksten, brieven, documenten en statuslinks. Het klachtnummer, de data, de classificatie, de uitkomst en de tijdlijn blijven, en de cijfers in de verslagen veranderen niet. Dit kan niet ongedaan worden gemaakt.
dossier-escalation-not-needed-hint = Bijvoorbeeld: na overleg met de voorzitter is besloten de klacht zelf af te handelen. Deze reden komt in het dossier.
dossier-intro-escalation-not-needed = Deze klacht is aangemerkt als zeer ernstig of gevoelig. Leg vast waarom zij niet aan het bestuur wordt voorgelegd; daarna staat zij niet meer als 'overleg met het bestuur nodig' op het overzicht.
dossier-rectified-field = Gegeven
dossier-rectified-value = Juiste waarde
dossier-rectify-value-hint = Leeg laten wist een gegeven dat niet verplicht is. De oude waarde verdwijnt uit het dossier; alleen een vingerafdruk ervan blijft in de keten.
dossier-banner-anonymised-retention = Geanonimiseerd op { $date } (bewaartermijn verstreken)
dossier-banner-anonymised-request = Geanonimiseerd op { $date } (op verzoek)
dossier-banner-anonymised-what = De persoonsgegevens van deze klacht zijn gewist. Het klachtnummer, de data, de classificatie, de uitkomst en de tijdlijn zijn gebleven; aan de klacht kan niets meer worden gedaan of toegevoegd.
dossier-banner-held = Bewust bewaard sinds { $date }: { $reason }
dossier-banner-held-what = Zolang de bewaring duurt, wordt deze klacht niet geanonimiseerd, ook niet als de bewaartermijn verstrijkt.
dossier-banner-lift-the-hold = Bewaring opheffen
dossier-removed-when-anonymised = Verwijderd bij het anonimiseren.
dossier-anonymise-confirm = Ik begrijp dat de persoonsgegevens van deze klacht definitief worden gewist.
dossier-anonymise-confirm-error = Vink aan dat u begrijpt dat het anonimiseren niet ongedaan kan worden gemaakt.
step-this-cannot-be-undone = Let op: anonimiseren is definitief.
step-anonymise-for-good = Definitief anonimiseren

## Retention page (/beheer/bewaartermijn)
desk-retention = Bewaren en anonimiseren
retention-the-retention-period = De bewaartermijn
retention-the-period = { $months ->
        [one] De klachtenregeling bewaart de persoonsgegevens van een klacht tot 1 maand nadat zij is afgesloten of ingetrokken.
       *[other] De klachtenregeling bewaart de persoonsgegevens van een klacht tot { $months } maanden nadat zij is afgesloten of ingetrokken.
    }
retention-what-anonymising-does = Op de dag daarna anonimiseert de dagelijkse ronde de klacht: namen, contactgegevens, teksten, brieven, documenten en statuslinks worden gewist. Het klachtnummer, de data, de classificatie, de uitkomst en de tijdlijn blijven, en de cijfers in de verslagen veranderen niet.
retention-how-to-hold-or-anonymise = Een afgesloten klacht bewaart u bewust langer, of anonimiseert u eerder (bijvoorbeeld op verzoek), met de stappen ‘Bewust bewaren’ en ‘Nu anonimiseren’ in het dossier.
retention-due-heading = Binnenkort geanonimiseerd
retention-until = De komende { $days } dagen, tot en met { $date }.
retention-nothing-due = In die tijd bereikt geen klacht het einde van haar bewaartermijn.
retention-due-caption = Klachten die de dagelijkse ronde in deze periode anonimiseert
retention-ended-on = Afgesloten of ingetrokken op
retention-anonymised-on = Wordt geanonimiseerd op
retention-at-the-next-round = bij de volgende ronde
retention-held-heading = Bewust bewaard
retention-held-intro = Deze klachten worden niet geanonimiseerd zolang de bewaring duurt, ook niet na hun bewaartermijn. Hef de bewaring op zodra de reden er niet meer is.
retention-nothing-held = Er wordt geen klacht bewust bewaard.
retention-held-caption = Klachten die bewust worden bewaard, met de reden
retention-held-since = Bewaard sinds
retention-period-ends = Bewaartermijn tot en met
retention-period-ran-out = verstreken
retention-lift = Bewaring opheffen
dossier-registration-anonymised = De persoonsgegevens op het registratieformulier zijn bij het anonimiseren verwijderd; de rest staat er nog op.

## Verzoeken van betrokkenen (AVG art. 12, 15, 16, 17)

requests-title = Verzoeken over persoonsgegevens
requests-intro = Iemand vraagt welke gegevens wij over hem of haar bewaren (inzage), vraagt ze te verbeteren (rectificatie) of te wissen (wissing). Een verzoek wordt binnen een maand beantwoord; die termijn kan één keer met twee maanden worden verlengd, als de persoon dat binnen de eerste maand hoort.
requests-new-title = Verzoek registreren
requests-new-intro = Leg vast wat de persoon vraagt, wie het is en wanneer het verzoek binnenkwam. De termijn van een maand begint op die dag.
requests-open-heading = Open verzoeken
requests-open-caption = Open verzoeken, eerst wat het eerst moet
requests-none-open = Er zijn geen open verzoeken.
requests-settled-heading = Afgehandelde verzoeken
requests-settled-caption = Afgehandelde verzoeken
requests-none-settled = Er zijn nog geen afgehandelde verzoeken.
requests-request = Verzoek
requests-request-title = Verzoek { $id }
requests-kind = Soort verzoek
requests-person = Persoon
requests-received = Ontvangen
requests-settled = Afgehandeld
requests-extended = verlengd
requests-not-yet = nog niet
requests-kind-access = Inzage (art. 15)
requests-kind-rectification = Rectificatie (art. 16)
requests-kind-erasure = Wissing (art. 17)
requests-relation = Betrokken als
requests-relation-complainant = klager
requests-relation-represented = degene namens wie is geklaagd
requests-field-name = Naam
requests-field-email = E-mailadres
requests-field-phone = Telefoonnummer
requests-field-address = Adres
requests-field-date-of-birth = Geboortedatum
requests-field-on-behalf-of = Namens wie is geklaagd
requests-choose-a-kind = Kies wat de persoon vraagt: inzage, rectificatie of wissing.
requests-received-not-in-the-future = De datum van ontvangst ligt in de toekomst.
requests-received-as-a-date = Vul de datum van ontvangst in als datum, bijvoorbeeld 2026-12-06.
requests-what-they-ask = Wat vraagt de persoon?
requests-who-asks = Wie doet het verzoek?
requests-who-asks-hint = Vul ten minste één van de drie in. Met het e-mailadres of telefoonnummer vindt klacht de klachten van de persoon het zekerst; controleer de identiteit voordat u op een naam alleen handelt.
requests-received-on = Ontvangen op
requests-note = Notitie
requests-note-hint = Voor uzelf: hoe het verzoek binnenkwam, hoe u de identiteit hebt gecontroleerd. Komt niet in het overzicht voor de persoon.
requests-register = Verzoek registreren
requests-to-the-list = Naar de verzoeken
requests-registered-by = Geregistreerd door
requests-choose-a-complaint = Kies de klacht.
requests-choose-a-field = Kies het gegeven dat u verbetert.
requests-confirm-the-erasure = Vink aan dat u begrijpt dat het wissen niet ongedaan kan worden gemaakt.
requests-erased-heading = Wat er is gewist
requests-erase-done = geanonimiseerd.
requests-erase-refused = niet gewist:
requests-their-complaints = De klachten van deze persoon
requests-their-complaints-intro = Elke klacht waarin de persoon klager is, of waarin namens hem of haar is geklaagd. Een gegeven dat de persoon opgaf en de klacht bevat, beslist; zonder zo'n gegeven beslist de naam.
requests-no-complaints-found = Er is geen klacht van deze persoon gevonden.
requests-their-complaints-caption = Klachten van de persoon
requests-privacy = Persoonsgegevens
requests-anonymised-on = geanonimiseerd op
requests-held-since = bewust bewaard sinds
requests-export-heading = Inzage: de gegevens van de persoon
requests-export-intro = Alle gegevens van de persoon uit deze klachten, zonder die van anderen (geen notities, geen gesprekken, geen namen van medewerkers). Het downloaden wordt in het logboek vastgelegd.
requests-export-pdf = Download als PDF (Uw gegevens)
requests-export-json = Download als JSON
requests-extend-heading = Termijn verlengen
requests-extend-intro = Eén keer, met twee maanden, binnen de eerste maand. De persoon krijgt de reden per e-mail; zonder e-mailadres laat u het per post of telefoon weten.
requests-extend = Met twee maanden verlengen
requests-rectify-heading = Een gegeven verbeteren
requests-rectify-intro = Het oude gegeven verdwijnt uit het dossier; in de geschiedenis van de klacht blijft alleen een vingerafdruk ervan.
requests-which-detail = Welk gegeven
requests-correct-value = Het juiste gegeven
requests-correct-value-hint = Leeg laten wist een gegeven dat niet verplicht is.
requests-correct = Verbeteren
requests-erase-heading = Wissen
requests-erase-is-final = Let op: wissen is definitief.
requests-erase-intro = Elke afgesloten of ingetrokken klacht van de persoon die niet bewust wordt bewaard, wordt nu geanonimiseerd. Van elke andere klacht ziet u waarom niet, en wat eerst moet.
requests-erase-confirm = Ik begrijp dat het wissen niet ongedaan kan worden gemaakt.
requests-erase = Definitief wissen
requests-settle-heading = Afhandelen
requests-outcome-label = Wat is er gedaan
requests-outcome-hint = Bijvoorbeeld: gegevens per e-mail gestuurd; één klacht gewist, één nog in behandeling.
requests-settle = Verzoek afhandelen
requests-log-heading = Logboek
requests-log-caption = Wat er met dit verzoek is gedaan, op volgorde
requests-when = Wanneer
requests-who = Door
requests-what = Wat
requests-detail = Toelichting
requests-log-registered = Geregistreerd
requests-log-extended = Termijn verlengd
requests-log-told = Persoon per e-mail op de hoogte gebracht
requests-log-tell = Persoon nog per post of telefoon op de hoogte brengen (geen e-mailadres)
requests-log-exported = Gegevens gedownload
requests-log-rectified = Gegeven verbeterd
requests-log-anonymised = Geanonimiseerd
requests-log-refused = Niet gewist
requests-log-completed = Afgehandeld
dashboard-requests-caption = Open verzoeken over persoonsgegevens, eerst wat het eerst moet

# The regulation's versions (/beheer/regeling)
regulation-title = Klachtenregeling
regulation-intro = Elke versie van de klachtenregeling, met de dagen waarop zij geldt. Een klacht wordt behandeld volgens de versie die gold op de dag dat zij binnenkwam, ook als zij later wordt geregistreerd. Een nieuwe versie schrijft u als concept; u stelt haar vast met de datum waarop zij ingaat (om 0.00 uur).
regulation-public-list = De lijst van versies op de openbare site
regulation-versions-caption = Versies, de nieuwste eerst
regulation-version = Versie
regulation-status = Status
regulation-from = Geldt vanaf
regulation-until = Geldt tot en met
regulation-adopted-at = Vastgelegd op
regulation-note = Toelichting
regulation-note-hint = Wat er verandert, of het besluit van het bestuur (bijvoorbeeld: bestuursbesluit van 1 december 2026).
regulation-draft = Concept
regulation-in-force = Geldt nu
regulation-future = Gaat nog in
regulation-past = Geldt niet meer
regulation-replaced = Vervangen voordat zij inging
regulation-new-title = Nieuwe versie opstellen
regulation-new-intro = Pas de tekst van de klachtenregeling aan en bewaar haar als concept. klacht controleert haar zoals ‘klacht profile check’ dat doet en noemt elke fout met de regel waarop zij staat. Een concept geldt nog nergens: u stelt het daarna vast.
regulation-starts-from = U begint met de tekst van
regulation-the-text = De tekst (TOML)
regulation-the-text-hint = Het formaat van ‘klacht profile show’. Geef de nieuwe versie een eigen naam bij version, bijvoorbeeld 2027-1.
regulation-toml-required = Vul de tekst van de klachtenregeling in.
regulation-save-draft = Bewaren als concept
regulation-preview = Voorbeeld van de openbare pagina
regulation-preview-notice = Zo leest de pagina ‘Klachtenregeling’ met deze versie. Dit is een voorbeeld: de openbare site toont de versie die geldt.
regulation-back-to-the-version = Terug naar de versie
regulation-new-from-this = Nieuwe versie opstellen vanaf deze
regulation-adopt-heading = Vaststellen
regulation-adopt-intro = Stel deze versie vast zoals het bestuur haar heeft vastgesteld. Zij gaat in om 0.00 uur op de datum die u kiest, voor iedereen; klachten die eerder binnenkwamen houden hun eigen versie.
regulation-adopted-on = Gaat in op
regulation-adopted-on-hint = De datum waarop het bestuur haar heeft vastgesteld, of een latere datum waarop zij ingaat.
regulation-adopted-on-as-a-date = Vul de datum in als dag-maand-jaar, bijvoorbeeld 01-01-2027.
regulation-confirm-label = Het bestuur heeft deze versie vastgesteld
regulation-confirm-the-adoption = Vink aan dat het bestuur deze versie heeft vastgesteld.
regulation-adopt = Vaststellen
regulation-discard = Concept verwijderen
regulation-diff-heading = Verschil met
regulation-diff-legend = Regels met een min (-) vervallen, regels met een plus (+) komen erbij.
regulation-compare-heading = Vergelijken met een andere versie
regulation-compare-with = Vergelijken met
regulation-compare = Vergelijken
regulation-no-differences = Geen verschil.
regulation-lines-unchanged = { $count ->
    [one] 1 regel ongewijzigd
   *[other] { $count } regels ongewijzigd
}
regulation-no-such-version = Deze versie van de klachtenregeling bestaat niet (meer).
regulation-to-the-list = Naar de versies van de klachtenregeling

## recovery codes (the second factor's stand-in)

account-recovery-codes = Herstelcodes
account-recovery-codes-left =
    { $count ->
        [0] U heeft geen herstelcodes meer. Maak nieuwe, zodat u kunt inloggen als u uw telefoon kwijt bent.
        [one] U heeft nog 1 herstelcode. Maak nieuwe, zodat u kunt blijven inloggen als u uw telefoon kwijt bent.
       *[other] U heeft nog { $count } herstelcodes. Elke code werkt één keer, in plaats van een code uit uw app.
    }
account-make-new-recovery-codes = Nieuwe herstelcodes maken (de oude werken dan niet meer)
account-you-signed-in-with-a-recovery-code = U bent ingelogd met een herstelcode; die werkt niet nog eens. Kunt u uw app niet meer gebruiken? Stel dan hieronder de tweede factor opnieuw in.
code-no-access-to-your-app = Geen toegang tot uw app?
code-recovery-code = Herstelcode
code-one-of-the-recovery-codes-you-were-given = Een van de herstelcodes die u kreeg bij het instellen van de tweede factor, bijvoorbeeld abcd-efgh-jkmn-pqrs. Elke code werkt één keer.
code-sign-in-with-a-recovery-code = Inloggen met een herstelcode
code-no-recovery-codes-left-ask-an = Geen herstelcodes meer? Vraag een beheerder om uw tweede factor te wissen; daarna stelt u bij het inloggen een nieuwe in.
login-this-recovery-code-is-not-right-or-was-used = Deze herstelcode klopt niet of is al gebruikt. Elke herstelcode werkt één keer: typ een andere code van uw lijst.
recovery-your-recovery-codes = Uw herstelcodes
recovery-with-one-of-these-codes-you-can-sign-in = Met een van deze codes logt u in als u uw authenticator-app niet kunt gebruiken, bijvoorbeeld omdat uw telefoon kwijt is. Elke code werkt één keer. Bewaar ze op papier of in een wachtwoordmanager, niet op dezelfde telefoon.
recovery-they-are-shown-only-now = U ziet deze codes alleen nu.
recovery-your-earlier-codes-no-longer-work = Uw eerdere herstelcodes werken niet meer.
recovery-i-have-kept-them-to-my-account = Ik heb ze bewaard: naar mijn account
users-new-recovery-codes-made = nieuwe herstelcodes gemaakt
users-signed-in-with-a-recovery-code = ingelogd met een herstelcode

dashboard-examples-heading = De klachtenregeling toont nog voorbeeldgegevens
dashboard-examples-text = Elke openbare pagina zegt dat er voorbeeldgegevens staan. Brieven worden niet verstuurd vanaf het voorbeeldadres: zij wachten tot het eigen e-mailadres is ingevuld. Nog een voorbeeld:
dashboard-examples-change = Vul de eigen gegevens in: klacht inrichten
dashboard-examples-ask = Vraag de klachtencoördinator of de beheerder de eigen gegevens in te vullen.

# Letters by post (T12): printed from the dossier, marked as sent.
dossier-print-letter = Brief afdrukken
dossier-letters-to-post = Brieven om per post te versturen
dossier-letters-to-post-intro = De klager heeft geen e-mailadres: deze brieven gaan per post. Druk ze af, stuur ze op en markeer ze daarna als verstuurd.
dossier-mark-letter-sent = Markeer als per post verstuurd
dossier-the-letter-is-marked-as-sent = De brief is gemarkeerd als per post verstuurd.
dossier-letter-posted-on = per post verstuurd op { $date }
dossier-letter-posted-which = Brief
dossier-letter-not-found = Brief niet gevonden
dossier-there-is-no-such-letter = Deze brief staat niet in dit dossier.
dossier-letter-not-marked = Brief niet gemarkeerd als verstuurd

# The decision form: which outcome, and when a step fits better.
dossier-outcome-which-to-choose = Trekt de klager de klacht in voordat u beslist? Gebruik dan de stap ‘Intrekking vastleggen’, niet de uitkomst ‘Ingetrokken’. Is de klacht bij ontvangst meteen naar tevredenheid opgelost, registreer haar dan als ‘Direct opgelost’; ‘Opgelost’ is voor een klacht die tijdens de behandeling in overleg is opgelost.

# The escalation form: who is told, before it is saved.
dossier-escalation-who-is-told = Wie het hoort — de directeur: { $director }; het bestuur: { $board }.
dossier-escalation-nobody = niemand, want niemand heeft die rol (voeg eerst iemand met die rol toe onder Gebruikers)

## Over wie de klacht gaat (T8, K3, K5)
dossier-who-is-it-about = Over wie gaat de klacht
dossier-nobody-in-particular = Niemand in het bijzonder
dossier-record-or-change-concerns = Vastleggen of wijzigen
dossier-no-account = zonder account
dossier-concerns-staff = Een medewerker met een account
dossier-concerns-staff-hint = Kies een medewerker, of laat dit leeg en vul hieronder de naam in van iemand zonder account (bijvoorbeeld een vrijwilliger).
dossier-not-a-staff-member = — geen medewerker met een account —
dossier-concerns-name = Naam van iemand zonder account
dossier-concerns-name-hint = Alleen als de klacht niet over een medewerker met een account gaat.
dossier-concerns-role = Rol of functie
dossier-concerns-contact = Hoe bereikbaar (telefoon, e-mail of adres)
dossier-concerns-nobody = De klacht gaat niet over een bepaalde persoon
dossier-how-informed = Hoe ingelicht
dossier-handler-is-concerned = De klacht gaat nu over de behandelaar, { $name }. Die kan haar niet meer behandelen (K3): wijs een nieuwe behandelaar toe.
dossier-signed-on-paper = Op papier getekend op
dossier-involved-signed-on = Datum waarop de betrokkene tekende
dossier-involved-signed-on-hint = { $name } heeft geen account en tekent het registratieformulier op papier. Vul de datum in waarop hij of zij tekende; u legt de handtekening dan namens hem of haar vast. Leeg laten zet alleen uw eigen handtekening.

# The regulation's settings pages (T16).
settings-title = Instellingen
settings-edit-with-forms = Wijzig met formulieren
settings-intro-draft = Dit is een concept: wat u opslaat, komt in dit concept. Het geldt pas als u het vaststelt.
settings-intro-adopted = Dit is een vastgestelde versie: wat u opslaat, wordt een nieuw concept vanaf deze versie. Deze versie zelf blijft zoals ze is.
settings-letter-preview = Voorbeeld van de brieven
settings-saved = Opgeslagen in het concept.
settings-see-the-draft = Bekijk het concept en de verschillen met de geldende versie
settings-save = Opslaan als concept
settings-remove = Verwijderen:
settings-remove-adopted-hint = Een vastgestelde versie heeft deze regel. Klachten die haar hebben, houden de naam uit hun eigen versie; nieuwe klachten kunnen haar niet meer kiezen.
settings-new-entry = Nieuwe regel
settings-new-entry-hint = Laat de id leeg om niets toe te voegen. De id staat vast zodra de versie is vastgesteld: klachten verwijzen ernaar.
settings-new-id = Id (kleine letters, cijfers en _)
settings-none = (geen)
settings-part-organisatie = Organisatie
settings-hint-organisatie = Naam en contactgegevens van de organisatie.
settings-part-kanalen = Kanalen
settings-hint-kanalen = Hoe een klacht binnenkomt: naam, contact, schriftelijk of mondeling.
settings-part-categorieen = Categorieën
settings-hint-categorieen = De soorten klachten waaruit gekozen wordt.
settings-part-ernst = Ernst
settings-hint-ernst = De ernst van een klacht, en wanneer het bestuur wordt geraadpleegd.
settings-part-uitkomsten = Uitkomsten
settings-hint-uitkomsten = De uitkomsten van een beslissing.
settings-part-relaties = Relaties
settings-hint-relaties = De relatie van de klager tot de organisatie.
settings-part-tevredenheid = Tevredenheid
settings-hint-tevredenheid = De antwoorden waaruit de klager na het afsluiten kiest: tevreden of niet, en of het antwoord vraagt de klacht te heropenen.
settings-part-termijnen = Termijnen en verlenging
settings-hint-termijnen = Termijnen in werkdagen of weken, vanaf wanneer, en hoe ver ze verlengd mogen worden.
settings-part-rollen = Rollen
settings-hint-rollen = Wie de coördinator vervangt, wie een tweede factor nodig heeft.
settings-part-stappen = Stappen
settings-hint-stappen = Wie elke stap in de behandeling mag zetten.
settings-part-registratie = Registratie
settings-hint-registratie = Verplichte velden, ondertekening en geboortedatum.
settings-part-bewaren = Bewaartermijnen
settings-hint-bewaren = Hoe lang gegevens bewaard worden.
settings-part-rapportages = Rapportages
settings-hint-rapportages = Halfjaar- en jaarrapportage, drempel voor kleine aantallen, maanden.
settings-part-teksten = Teksten
settings-hint-teksten = De titel, de tekst van de regeling, de privacyverklaring en de inleiding, in beide talen.
settings-part-brieven = Brieven
settings-hint-brieven = Onderwerp en tekst van elke brief, in beide talen.
settings-field-organisation-name = Naam
settings-field-organisation-email = E-mailadres
settings-field-organisation-phone = Telefoonnummer
settings-field-organisation-address = Adres
settings-field-organisation-website = Website
settings-field-label-nl = Naam (Nederlands)
settings-field-label-en = Naam (Engels)
settings-field-form = Vorm
settings-field-contact = Contact (adres, nummer)
settings-field-consult-board = Het bestuur raadplegen
settings-field-satisfied = Betekent: tevreden
settings-field-reopen = Vraagt de klacht te heropenen
settings-field-extension-max-count = Hoe vaak een termijn verlengd mag worden (leeg: onbeperkt)
settings-field-extension-max-weeks = Hoogstens zoveel weken per verlenging
settings-field-extension-max-working-days = Hoogstens zoveel werkdagen per verlenging
settings-field-extension-beyond-with-consent = Verder verlengen met schriftelijke instemming van de klager
settings-field-working-days = Werkdagen
settings-field-weeks = Weken
settings-field-weeks-with-committee = Weken met een adviescommissie
settings-field-from = Loopt vanaf
settings-field-met-by = Gehaald door
settings-field-extendable = Kan verlengd worden
settings-field-roles-deputies = Vervangers van de coördinator, in volgorde
settings-field-roles-second-factor = Rollen die met een tweede factor inloggen
settings-field-roles-coordinator-must-be = De coördinator heeft ook de rol
settings-field-registration-required = Verplichte velden voor het afsluiten
settings-field-registration-sign-off = Ondertekening van het registratieformulier door
settings-field-registration-ask-date-of-birth = Naar de geboortedatum vragen
settings-field-registration-hear-complainant = De klager horen (of van horen afzien) vóór het besluit
settings-field-retention-months-after-close = Maanden na afsluiten tot anonimiseren
settings-field-retention-read-log-months = Maanden dat het leeslogboek bewaard wordt
settings-field-retention-account-log-months = Maanden dat het accountlogboek bewaard wordt
settings-field-retention-request-months = Maanden dat een afgehandeld verzoek bewaard wordt
settings-field-retention-notice-days = Dagen dat een melding bewaard wordt
settings-field-retention-mail-days = Dagen dat verzonden mail bewaard wordt
settings-field-retention-upload-hours = Uren dat een los geüpload bestand bewaard wordt
settings-field-reports-half-year = Halfjaarrapportage
settings-field-reports-annual = Jaarrapportage
settings-field-reports-small-count-threshold = Drempel voor kleine aantallen
settings-field-reports-annual-report-month = Maand van het jaarverslag (1–12)
settings-field-reports-evaluation-month = Maand van de evaluatie (1–12)
settings-field-title-nl = Titel (Nederlands)
settings-field-title-en = Titel (Engels)
settings-field-texts-intro-nl = Inleiding bij het formulier (Nederlands)
settings-field-texts-intro-en = Inleiding bij het formulier (Engels)
settings-field-texts-regulation-nl = Tekst van de regeling (Nederlands)
settings-field-texts-regulation-en = Tekst van de regeling (Engels)
settings-field-texts-privacy-nl = Privacyverklaring (Nederlands)
settings-field-texts-informal = De bezoeker met "je" aanspreken (Nederlands)
settings-field-texts-privacy-en = Privacyverklaring (Engels)
settings-field-letters-acknowledge-automatically = Ontvangstbevestiging automatisch versturen
settings-field-steps-register = Registreren
settings-field-steps-acknowledge = Ontvangst bevestigen
settings-field-steps-record-concerns = Wie de klacht betreft vastleggen
settings-field-steps-assign = Toewijzen
settings-field-steps-inform-involved = Betrokkene informeren
settings-field-steps-record-hearing = Hoorzitting vastleggen
settings-field-steps-record-contact = Contact vastleggen
settings-field-steps-add-note = Notitie toevoegen
settings-field-steps-attach-document = Document toevoegen
settings-field-steps-extend = Termijn verlengen
settings-field-steps-escalate = Escaleren
settings-field-steps-escalation-not-needed = Vastleggen waarom niet wordt geëscaleerd
settings-field-steps-refer-to-committee = Naar de commissie verwijzen
settings-field-steps-classify = Classificeren
settings-field-steps-record-measure = Maatregel vastleggen
settings-field-steps-decide = Beslissen
settings-field-steps-close = Afsluiten
settings-field-steps-withdraw = Intrekking vastleggen
settings-field-steps-reopen = Heropenen
settings-field-steps-report-summary = Samenvatting voor de rapportage
settings-field-steps-hold = Bewaren na de termijn
settings-field-steps-anonymise = Anonimiseren
settings-field-steps-rectify = Rectificeren
settings-field-steps-mark-duplicate = Als dubbel markeren
settings-field-steps-link-related = Verwante klachten koppelen
settings-field-steps-record-complainant-hearing = Het horen van de klager vastleggen
settings-field-letters-acknowledgement-subject-nl = Ontvangstbevestiging: onderwerp (Nederlands)
settings-field-letters-acknowledgement-subject-en = Ontvangstbevestiging: onderwerp (Engels)
settings-field-letters-acknowledgement-body-nl = Ontvangstbevestiging: tekst (Nederlands)
settings-field-letters-acknowledgement-body-en = Ontvangstbevestiging: tekst (Engels)
settings-field-letters-extension-subject-nl = Verlenging: onderwerp (Nederlands)
settings-field-letters-extension-subject-en = Verlenging: onderwerp (Engels)
settings-field-letters-extension-body-nl = Verlenging: tekst (Nederlands)
settings-field-letters-extension-body-en = Verlenging: tekst (Engels)
settings-field-letters-decision-subject-nl = Beslissing: onderwerp (Nederlands)
settings-field-letters-decision-subject-en = Beslissing: onderwerp (Engels)
settings-field-letters-decision-body-nl = Beslissing: tekst (Nederlands)
settings-field-letters-decision-body-en = Beslissing: tekst (Engels)
settings-field-letters-satisfaction-subject-nl = Tevredenheid: onderwerp (Nederlands)
settings-field-letters-satisfaction-subject-en = Tevredenheid: onderwerp (Engels)
settings-field-letters-satisfaction-body-nl = Tevredenheid: tekst (Nederlands)
settings-field-letters-satisfaction-body-en = Tevredenheid: tekst (Engels)
settings-value-coordinator = Coördinator
settings-value-handler = Behandelaar
settings-value-involved = Betrokkene
settings-value-director = Directeur
settings-value-board = Bestuur
settings-value-registrar = Registrator
settings-value-staff = Medewerker
settings-value-deputy = Vervanger
settings-value-admin = Beheerder
settings-value-web = Website
settings-value-email = E-mail
settings-value-phone = Telefoon
settings-value-letter = Brief
settings-value-in-person = Persoonlijk
settings-value-social-media = Social media
settings-value-gegrond = Gegrond
settings-value-deels-gegrond = Deels gegrond
settings-value-ongegrond = Ongegrond
settings-value-ingetrokken = Ingetrokken
settings-value-niet-ontvankelijk = Niet ontvankelijk
settings-value-opgelost = Opgelost
settings-value-written = Schriftelijk
settings-value-oral = Mondeling
settings-value-receipt = Ontvangst
settings-value-acknowledge = Ontvangstbevestiging
settings-value-assign = Toewijzing
settings-value-escalate = Escalatie
settings-value-decide = Beslissing
settings-value-hearing = Hoorzitting
settings-value-close = Afsluiting
settings-value-complainant-name = Naam van de klager
settings-value-complainant-address = Adres van de klager
settings-value-complainant-contact = Contactgegevens van de klager
settings-value-description = Omschrijving
settings-value-received-by = Ontvangen door
settings-value-category = Categorie
settings-value-severity = Ernst
settings-value-relation = Relatie
settings-part-versie = Versie
settings-hint-versie = De naam van deze versie; een versie die u vaststelt, heeft een eigen naam nodig.
settings-field-version = Versie
settings-in-dutch = Nederlands
settings-in-english = Engels
settings-letter-preview-intro = Elke brief van deze versie, geschreven voor een voorbeeldklacht die vandaag via het formulier binnenkomt, zoals de klager hem zou krijgen.
settings-letter-not-written = Geen voorbeeld:
settings-letter-acknowledgement = Ontvangstbevestiging
settings-letter-extension = Verlenging
settings-letter-decision = Beslissing
settings-letter-satisfaction = Tevredenheidsvraag

dossier-regulation = Klachtenregeling
dossier-regulation-version = Versie { $version }, die gold op de dag van ontvangst

dossier-mail-from = Van
dossier-mail-subject = Onderwerp
dossier-mail-how = Hoe
dossier-mail-threaded = Vanzelf bij dit dossier gekomen: een antwoord op een brief, of het kenmerk vanaf het adres van de klager
dossier-mail-added-from-the-tray = Vanuit het postvak aan dit dossier toegevoegd
dossier-mail-left-out = Weggelaten
dossier-letter-bounced = Onbestelbaar: de e-mail kwam op { $date } terug ({ $reason }). Bereik de klager op een andere manier.

## The post tray (issue 17)
tray-title = Postvak
tray-caption = E-mail die nog op u wacht, oudste eerst
tray-intro = Hier staat e-mail die niet vanzelf bij een dossier is gekomen: nieuwe klachten, berichten die klacht niet aan een klacht kon koppelen, en berichten die niet te lezen waren. Maak er een klacht van, voeg het toe aan een bestaande klacht, of markeer het als geen klacht.
tray-empty = Er wacht geen e-mail.
tray-done = Het bericht is afgehandeld.
tray-arrived = Ontvangen
tray-from = Van
tray-subject = Onderwerp
tray-kind = Soort
tray-kind-mail = e-mail
tray-kind-malformed = onleesbaar bericht
tray-kind-bounce = onbestelbaar-melding
tray-kind-auto-reply = automatisch antwoord
tray-kind-list = lijst- of massamail
tray-no-subject = (geen onderwerp)
tray-message-title = Bericht in het postvak
tray-back-to-the-tray = Terug naar het postvak
tray-problem = Probleem
tray-went = Afgehandeld
tray-went-tray = In het postvak
tray-went-threaded = Vanzelf bij klacht
tray-went-registered = Klacht gemaakt:
tray-went-added = Toegevoegd aan klacht
tray-went-not-complaint = Geen klacht
tray-went-ignored = Automatisch antwoord, niet beantwoord
tray-went-bounce = Onbestelbaar-melding bij klacht
tray-truncated = Dit bericht was te groot om helemaal te bewaren: alleen de kopregels zijn bewaard. Vraag de afzender zo nodig de bijlagen opnieuw te sturen.
tray-text = Tekst
tray-attachments = Bijlagen
tray-left-out = Weggelaten
tray-left-out-hint = Deze bijlagen gingen over de grenzen voor bijlagen en zijn niet bewaard.
tray-make-a-complaint = Er een klacht van maken
tray-make-a-complaint-intro = De gegevens komen uit de e-mail; pas ze zo nodig aan. De klacht telt als ontvangen op het moment dat de e-mail binnenkwam, per e-mail en schriftelijk; de klager krijgt een ontvangstbevestiging zoals bij het webformulier.
tray-the-complaint = De klacht
tray-language = Taal van de brieven
tray-register = Als klacht registreren
tray-add-to-a-complaint = Toevoegen aan een bestaande klacht
tray-add-intro = Is dit een bericht over een klacht die al loopt? Geef het kenmerk; het bericht komt als e-mail van de klager in het dossier.
tray-reference = Kenmerk (bijvoorbeeld 2026-0042)
tray-give-a-reference = Geef het kenmerk van de klacht.
tray-add = Toevoegen aan de klacht
tray-not-a-complaint = Geen klacht
tray-why-not = Waarom is dit geen klacht?
tray-why-not-hint = Bijvoorbeeld: een vraag om informatie, doorgestuurd naar de balie. Het bericht wordt na de bewaartermijn voor e-mail verwijderd.
tray-mark-not-a-complaint = Markeren als geen klacht

# Issue 17: the same complaint twice, related complaints
dossier-duplicate = Dubbele klacht
dossier-duplicate-of = Dubbel van
dossier-related = Verwante klacht
dossier-duplicate-of-field = Nummer van de oorspronkelijke klacht
dossier-duplicate-of-hint = Bijvoorbeeld 2026-0042. Deze klacht wordt afgesloten als dubbel en telt in de verslagen niet apart mee; haar berichten en documenten blijven in haar eigen dossier, waar de oorspronkelijke klacht naar verwijst.
dossier-related-with-field = Nummer van de andere klacht
dossier-related-with-hint = Bijvoorbeeld 2026-0042. Beide dossiers tonen de koppeling.
dossier-intro-mark-duplicate = Is dezelfde klacht twee keer binnengekomen (bijvoorbeeld per e-mail en via het formulier)? Voeg deze klacht dan samen met de oorspronkelijke. De klager krijgt voor deze klacht geen bevestiging meer. Ongedaan maken kan met „Heropenen”.
dossier-intro-link-related = Koppel een klacht die met deze te maken heeft. Het blijven twee klachten, die elk apart meetellen.
dossier-is-a-duplicate-of = Deze klacht is dubbel binnengekomen en wordt behandeld als
dossier-linked-complaints = Samenhangende klachten
dossier-duplicates-joined = Dubbel binnengekomen en samengevoegd met deze klacht
dossier-duplicates-joined-intro = Hun berichten en documenten staan in hun eigen dossier.
dossier-duplicate-holds = { $documents } document(en) en { $messages } bericht(en) van de klager
dossier-related-complaints = Verwante klachten
dashboard-1-message-in-the-tray = 1 e-mail in het postvak wacht op u
dashboard-messages-in-the-tray = e-mails in het postvak wachten op u

# Awb 9:10: the hearing of the complainant.
dossier-hearing = Horen van de klager
dossier-hearing-ground = Reden om van horen af te zien
dossier-hearing-ground-none = (geen: alleen bij afzien van horen)
dossier-hearing-ground-hint = Alleen invullen als van horen is afgezien.
dossier-intro-complainant-hearing = Leg vast dat de klager is uitgenodigd om gehoord te worden, is gehoord, of waarom van horen is afgezien. Waar de regeling het vraagt, kan pas worden besloten als de klager is gehoord of van horen is afgezien.

# Issue 18: the ladder (at once, internally, outside).
dossier-rung = Afgehandeld op de trede
dossier-external-body = Instantie
dossier-external-outcome = Uitkomst van de instantie
dossier-referral-on = Datum waarop de klager er terechtkon
dossier-referral-until = Kon er terecht tot en met
dossier-referral-line = Voorgelegd aan { $body } op { $on } (termijn tot en met { $until }).
dossier-referral-outcome = Uitkomst: { $outcome }, op { $on }.
dossier-referral-pending = De uitkomst is nog niet bekend; de klacht wordt zolang niet geanonimiseerd.
dossier-intro-refer-outside = Leg vast dat de klager na de interne afhandeling naar een instantie buiten de organisatie is gegaan, zoals de ombudsman. Zolang de uitkomst daarvan niet is vastgelegd, wordt de klacht niet geanonimiseerd.
dossier-intro-external-outcome = Leg vast wat de instantie buiten de organisatie heeft geoordeeld.
settings-field-steps-refer-outside = Vastleggen dat de klager naar buiten ging
settings-field-steps-record-external-outcome = De uitkomst van buiten vastleggen
settings-part-externe-instanties = Externe instanties
settings-hint-externe-instanties = Waar de klager na de interne afhandeling terechtkan (de ombudsman, de geschilleninstantie), en binnen welke termijn; de beslissingsbrief noemt ze.
settings-field-kind = Soort instantie
settings-field-name-nl = Naam (Nederlands)
settings-field-name-en = Naam (Engels)
settings-field-website = Website
settings-field-months = Maanden om er terecht te kunnen
settings-value-nationale-ombudsman = Nationale ombudsman
settings-value-municipal-ombudsman = Gemeentelijke ombudsman of ombudscommissie
settings-value-geschilleninstantie = Geschilleninstantie
settings-value-external-committee = Externe klachtencommissie
settings-value-decision = Beslissing

# Issue 18: kept while a body outside the organisation has the complaint.
retention-referral-heading = Bewaard zolang een instantie buiten de organisatie oordeelt
retention-referral-intro = De bewaartermijn van deze klachten is voorbij, maar zij liggen bij een instantie buiten de organisatie (zoals de ombudsman) waarvan de uitkomst nog niet is vastgelegd. Zij worden geanonimiseerd zodra die uitkomst in het dossier staat.
retention-referral-would-be = Anders geanonimiseerd op
