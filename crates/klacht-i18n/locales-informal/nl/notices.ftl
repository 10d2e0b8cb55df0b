# The staff's notices (the back office's list and their e-mails) under a regulation that says
# "je" (texts.informal = true, as kjrw): only the messages of ../../locales/nl/notices.ftl that
# address the reader, with "je" for "u". klacht-app/src/notices.rs chooses by the regulation in
# force, for the list and the e-mail alike.

## The short form, after the reference in an e-mail's subject
notice-headline-assigned = je bent aangewezen als behandelaar
notice-headline-concerns-you = een klacht over jou
notice-headline-update = nieuwe stap in de klacht over jou
notice-headline-escalated-director = aan jou voorgelegd als directeur
notice-headline-sign-off = jouw handtekening is nodig

## What a notice says
notice-text-resolved-directly = Een medewerker heeft klacht { $reference } geregistreerd, die meteen is afgehandeld. Zij wordt je ter kennisname gemeld.
notice-text-assigned = Je bent aangewezen als behandelaar van klacht { $reference }.
notice-text-concerns-you = Er is een klacht over jou ingediend: { $reference }. De coördinator informeert je hierover; je kunt de klacht inzien en wordt op de hoogte gehouden van de afhandeling.
notice-text-update = In de klacht over jou ({ $reference }): { $step }.
notice-text-escalated-board = Klacht { $reference } is aan het bestuur voorgelegd. Je kunt het dossier inzien en meebeslissen.
notice-text-escalated-director = Klacht { $reference } is aan jou als directeur voorgelegd: er is nog geen oplossing gevonden.
notice-text-sign-off = Er is op klacht { $reference } beslist. Jouw handtekening op het registratieformulier is nodig (als { $capacity }) voordat de klacht kan worden afgesloten.

## The register's reminders (T15, T16)
reminder-annual-report-text = Het is januari: schrijf het jaarverslag over { $year }. De cijfers maakt klacht uit de gegevens; jij voegt de analyse en de aanbevelingen toe.

## The data-subject desk: the notice that an answer takes longer (AVG art. 12(3)), to the person,
## who is addressed as the regulation's own letters address them
desk-extension-subject = Je verzoek over je gegevens bij { $org }: wij hebben meer tijd nodig
desk-extension-body =
    Beste { $name },

    Op { $received } ontvingen wij je verzoek over je persoonsgegevens. Wij beantwoorden het binnen een maand, maar dat lukt deze keer niet. De wet (artikel 12, derde lid, AVG) staat toe dat wij die termijn eenmaal met twee maanden verlengen. Je hoort uiterlijk op { $due } van ons.

    De reden: { $reason }

    Met vriendelijke groet,
    { $org }
