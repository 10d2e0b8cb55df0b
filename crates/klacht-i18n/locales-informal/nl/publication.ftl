# Publishing the annual report (/beheer/verslagen/publicatie/…) under a regulation that says "je"
# (texts.informal = true, as kjrw): only the messages of ../../locales/nl/publication.ftl that
# address the reader, with "je" for "u".
publication-intro = Lees elke tekst die het jaarverslag zou tonen en kies of hij geschikt is voor publicatie: zonder namen of iets anders waaraan iemand te herkennen is. Een tekst die na jouw keuze verandert, is weer niet beoordeeld. Niet beoordeelde en ongeschikte teksten worden weggelaten.
publication-text-changed = De tekst is veranderd sinds je hem las. Lees hem opnieuw en beoordeel die tekst.
publication-confirm-first = Vink eerst aan dat je hebt gecontroleerd wat openbaar wordt.
publication-withdraw-explained = Intrekken haalt het jaarverslag van de website; je kunt het later opnieuw publiceren.
