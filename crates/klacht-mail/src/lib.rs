//! Letters out for klacht: the `Mailer` with an `.eml` outbox and SMTP (lettre). It arrives with
//! the public-side issue, where the letters of T5, T6, T7 and K7 are sent; the foundation only
//! records steps on the dossier.
