# The staff's notices: the back office's list and the e-mail that goes with each notice
# (klacht-app/src/notices.rs). Never the complainant's details: those stay in the dossier.

notice-a-deadline = een termijn
notice-no-reference = (zonder kenmerk)

## The short form, after the reference in an e-mail's subject
notice-headline-new-complaint = nieuwe klacht ontvangen
notice-headline-resolved-directly = direct afgehandeld, ter kennisname
notice-headline-assigned = u bent aangewezen als behandelaar
notice-headline-concerns-you = een klacht over u
notice-headline-update = nieuwe stap in de klacht over u
notice-headline-escalated-board = voorgelegd aan het bestuur
notice-headline-escalated-director = aan u voorgelegd als directeur
notice-headline-sign-off = uw handtekening is nodig
notice-headline-reopen = de klager vraagt om heropening
notice-headline-complainant-added = de klager heeft iets toegevoegd
notice-headline-complainant-mailed = de klager heeft gemaild
notice-headline-letter-bounced = een brief kwam onbestelbaar terug
notice-headline-consult-board = zeer ernstig of gevoelig: overleg met het bestuur
notice-headline-consult-board-board = zeer ernstig: de coördinator overlegt met het bestuur
notice-headline-handler-concerned = de klacht gaat nu over de behandelaar: wijs een ander aan
notice-headline-deadline-tomorrow = termijn '{ $label }' verloopt op { $date }
notice-headline-overdue = termijn '{ $label }' is verstreken

## What a notice says
notice-text-new-complaint = Er is een nieuwe klacht binnengekomen: { $reference }. Bevestig de ontvangst en wijs een behandelaar aan.
notice-text-resolved-directly = Een medewerker heeft klacht { $reference } geregistreerd, die meteen is afgehandeld. Zij wordt u ter kennisname gemeld.
notice-text-assigned = U bent aangewezen als behandelaar van klacht { $reference }.
notice-text-concerns-you = Er is een klacht over u ingediend: { $reference }. De coördinator informeert u hierover; u kunt de klacht inzien en wordt op de hoogte gehouden van de afhandeling.
notice-text-update = In de klacht over u ({ $reference }): { $step }.
notice-text-escalated-board = Klacht { $reference } is aan het bestuur voorgelegd. U kunt het dossier inzien en meebeslissen.
notice-text-escalated-director = Klacht { $reference } is aan u als directeur voorgelegd: er is nog geen oplossing gevonden.
notice-text-sign-off = Er is op klacht { $reference } beslist. Uw handtekening op het registratieformulier is nodig (als { $capacity }) voordat de klacht kan worden afgesloten.
notice-text-reopen = De klager is niet tevreden met de afhandeling van klacht { $reference } en vraagt haar te heropenen.
notice-text-complainant-added = De klager heeft via de statuspagina een bericht of stukken aan klacht { $reference } toegevoegd.
notice-text-complainant-mailed = Er is een e-mail van de klager bij klacht { $reference } gekomen. Lees hem in het dossier.
notice-text-letter-bounced = Een brief van klacht { $reference } kwam onbestelbaar terug. Zoek een andere weg om de klager te bereiken, bijvoorbeeld per post of telefoon.
notice-text-consult-board = Klacht { $reference } is aangemerkt als zeer ernstig of gevoelig. Overleg met het bestuur en leg de klacht voor, of leg in het dossier vast waarom dat niet nodig is.
notice-text-consult-board-board = Klacht { $reference } is aangemerkt als zeer ernstig. Volgens de klachtenregeling overlegt de coördinator hierover met het bestuur.
notice-text-handler-concerned = Klacht { $reference } gaat nu over de medewerker die haar behandelt. Die mag haar niet meer behandelen: wijs een andere behandelaar aan.
notice-text-deadline-tomorrow = De termijn '{ $label }' van klacht { $reference } verloopt op { $date }.
notice-text-overdue = De termijn '{ $label }' van klacht { $reference } is verstreken: die liep tot en met { $date }.

## The step on the complaint about someone (K12), by event kind
notice-step-acknowledged = de ontvangst is aan de klager bevestigd
notice-step-assigned = er is een behandelaar aangewezen
notice-step-extended = een termijn is verlengd
notice-step-decided = er is op de klacht beslist
notice-step-signed-off = het registratieformulier is ondertekend
notice-step-closed = de klacht is afgesloten
notice-step-withdrawn = de klacht is ingetrokken
notice-step-reopened = de klacht is heropend
notice-step-other = er is een nieuwe stap gezet

## The e-mail
notice-mail-subject = Klacht { $reference }: { $headline }
notice-mail-greeting = Beste { $name },
notice-mail-next-deadline = Eerstvolgende termijn: '{ $label }', tot en met { $date }.
notice-mail-see = Bekijk klacht { $reference } in het klachtenregister:
notice-mail-no-details = Dit bericht noemt bewust geen gegevens van de klager; die staan in het dossier.

## The register's reminders (T15, T16)
reminder-annual-report-headline = schrijf het jaarverslag over { $year }
reminder-annual-report-text = Het is januari: schrijf het jaarverslag over { $year }. De cijfers maakt klacht uit de gegevens; u voegt de analyse en de aanbevelingen toe.
reminder-evaluation-headline = evalueer de klachtenregeling
reminder-evaluation-text = De klachtenregeling is sinds { $since } niet geëvalueerd. Evalueer haar en leg de evaluatie vast: wanneer, door wie, of de regeling is gewijzigd en wanneer een nieuwe versie is vastgesteld.

## The data-subject desk: a request due by the next working day (AVG art. 12)
reminder-request-headline = verzoek { $id } van een betrokkene moet uiterlijk { $due } beantwoord zijn
reminder-request-text = Verzoek { $id } van een betrokkene (inzage, correctie of wissing van gegevens, AVG) moet uiterlijk { $due } beantwoord zijn. Beantwoord het, of verleng het eenmaal met twee maanden en laat de persoon binnen de eerste maand weten waarom (art. 12 lid 3 AVG).

## The data-subject desk: the notice that an answer takes longer (AVG art. 12(3))
desk-extension-subject = Uw verzoek over uw gegevens bij { $org }: wij hebben meer tijd nodig
desk-extension-body =
    Beste { $name },

    Op { $received } ontvingen wij uw verzoek over uw persoonsgegevens. Wij beantwoorden het binnen een maand, maar dat lukt deze keer niet. De wet (artikel 12, derde lid, AVG) staat toe dat wij die termijn eenmaal met twee maanden verlengen. U hoort uiterlijk op { $due } van ons.

    De reden: { $reason }

    Met vriendelijke groet,
    { $org }
