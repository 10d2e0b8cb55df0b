# "Jouw gegevens" (AVG art. 15) under a regulation that says "je" (texts.informal = true, as
# kjrw): the person is addressed as its letters address them. Only the messages of
# ../../locales/nl/print.ftl's personal-* that say "u", with "je" for "u".
personal-title = Jouw gegevens
personal-title-of-request = Jouw gegevens — verzoek { $request }
personal-intro = Dit zijn de gegevens over jou die wij bewaren bij je klachten: je gegevens zoals wij ze hebben vastgelegd, je eigen woorden, wat je later hebt toegevoegd en de brieven die wij je stuurden. Gegevens van anderen staan er niet in.
personal-no-complaints = Wij bewaren geen klachten met jouw gegevens.
personal-your-details = Je gegevens zoals vastgelegd
personal-your-description = Jouw omschrijving van de klacht
personal-your-additions = Wat je later hebt toegevoegd
personal-your-satisfaction = Jouw antwoord op de vraag of je tevreden bent
personal-letters = Brieven aan jou
