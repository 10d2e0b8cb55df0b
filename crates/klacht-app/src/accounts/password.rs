//! Passwords: argon2id (the `argon2` crate's defaults: 19 MiB, two passes), stored as PHC
//! strings.

use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use std::sync::LazyLock;

/// The shortest password accepted.
pub const MIN_LEN: usize = 12;
/// The longest: hashing is costly, and nobody types more.
pub const MAX_LEN: usize = 200;

/// Hashes a password for storage.
pub fn hash(password: &str) -> Result<String, String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| format!("hashing the password: {e}"))
}

/// A hash of nothing anybody knows, verified against when the account does not exist or has no
/// password, so that a wrong e-mail address takes as long as a wrong password.
static DECOY: LazyLock<Option<String>> =
    LazyLock::new(|| hash("no account has this password").ok());

/// Whether `password` matches `stored`. Always does the work of one verification.
pub fn verify(stored: Option<&str>, password: &str) -> bool {
    let decoy = DECOY.as_deref();
    let (phc, real) = match stored {
        Some(s) => (Some(s), true),
        None => (decoy, false),
    };
    let Some(parsed) = phc.and_then(|p| PasswordHash::new(p).ok()) else {
        return false;
    };
    let ok = Argon2::default()
        .verify_password(password.as_bytes(), &parsed)
        .is_ok();
    ok && real
}

/// [`hash`] off the async threads (argon2 is deliberately slow).
pub async fn hash_off_thread(password: String) -> Result<String, String> {
    tokio::task::spawn_blocking(move || hash(&password))
        .await
        .unwrap_or_else(|e| Err(format!("hashing the password: {e}")))
}

/// [`verify`] off the async threads.
pub async fn verify_off_thread(stored: Option<String>, password: String) -> bool {
    tokio::task::spawn_blocking(move || verify(stored.as_deref(), &password))
        .await
        .unwrap_or(false)
}

/// The lowest zxcvbn score accepted: 3 means at least 10^8 guesses by its estimate, "safely
/// unguessable" online and moderate protection offline (the hash is argon2id besides).
pub const MIN_SCORE: u8 = 3;

/// Dutch words that people build passwords on; zxcvbn's own dictionaries are English. They count
/// as the person's own words: cheap to guess.
const DUTCH: &[&str] = &[
    "wachtwoord",
    "welkom",
    "geheim",
    "hallo",
    "klacht",
    "klachten",
    "lente",
    "zomer",
    "herfst",
    "winter",
    "voorjaar",
    "zonnebloem",
    "nederland",
    "holland",
    "amsterdam",
    "rotterdam",
    "utrecht",
    "ajax",
    "feyenoord",
    "schatje",
    "liefje",
    "poepje",
    "konijn",
    "stichting",
    "vereniging",
    "vrijwilliger",
];

/// The Dutch of a password that looks like a common one, a word, … or the person's own.
const GUESSABLE_NL: &str = "Dit wachtwoord is te makkelijk te raden: het lijkt op een veelgebruikt wachtwoord, een woord, een reeks of herhaling, een datum of uw naam of e-mailadres. Kies bijvoorbeeld vier losse woorden die niet bij elkaar horen.";
/// [`GUESSABLE_NL`] saying "je", for a regulation that says "je".
const GUESSABLE_NL_JE: &str = "Dit wachtwoord is te makkelijk te raden: het lijkt op een veelgebruikt wachtwoord, een woord, een reeks of herhaling, een datum of je naam of e-mailadres. Kies bijvoorbeeld vier losse woorden die niet bij elkaar horen.";

/// Why a new password is not acceptable, in Dutch and English; `None` when it is. `email` and
/// `name` are the person's own: a password made from them is easy to guess.
pub fn weakness(password: &str, email: &str, name: &str) -> Option<(&'static str, &'static str)> {
    let chars = password.chars().count();
    if chars < MIN_LEN {
        return Some((
            "Kies een wachtwoord van minstens 12 tekens.",
            "Choose a password of at least 12 characters.",
        ));
    }
    if chars > MAX_LEN {
        return Some((
            "Kies een wachtwoord van hoogstens 200 tekens.",
            "Choose a password of at most 200 characters.",
        ));
    }
    let lower = password.to_lowercase();
    let email = email.trim().to_lowercase();
    if lower == email
        || lower
            .chars()
            .all(|c| c == lower.chars().next().unwrap_or(' '))
    {
        return Some((
            "Dit wachtwoord is te makkelijk te raden.",
            "This password is too easy to guess.",
        ));
    }
    // The person's own words: the address, its parts, the name and its parts.
    let mut own: Vec<&str> = vec![email.as_str(), name.trim()];
    own.extend(DUTCH);
    own.extend(
        email
            .split(['@', '.', '-', '_', '+'])
            .filter(|w| w.len() > 2),
    );
    own.extend(name.split_whitespace().filter(|w| w.chars().count() > 2));
    // "Anna de Vries" is also typed as "annadevries".
    let joined: String = name.split_whitespace().collect();
    own.push(&joined);
    if u8::from(zxcvbn::zxcvbn(password, &own).score()) < MIN_SCORE {
        return Some((
            GUESSABLE_NL,
            "This password is too easy to guess: it looks like a common password, a word, a sequence or repetition, a date, or your name or e-mail address. Choose for instance four separate words that do not belong together.",
        ));
    }
    None
}

/// A new password as people choose it: typed twice.
#[derive(Debug, Clone, Default)]
pub struct NewPassword {
    pub password: String,
    pub again: String,
}

/// Checks a new password for the person with `email` and `name`: strong enough ([`weakness`],
/// on `password`) and typed the same twice (on `password_again`). `None` with the problem added
/// when it is not acceptable.
pub fn check_new<'a>(
    new: &'a NewPassword,
    email: &str,
    name: &str,
    problems: &mut Vec<crate::FieldProblem>,
) -> Option<&'a str> {
    if let Some((nl, en)) = weakness(&new.password, email, name) {
        problems.push(crate::FieldProblem {
            field: "password".to_owned(),
            message: en.to_owned(),
            message_nl: Some(nl.to_owned()),
            message_nl_je: (nl == GUESSABLE_NL).then(|| GUESSABLE_NL_JE.to_owned()),
            problem: crate::Problem::WeakPassword,
        });
        return None;
    }
    if new.password != new.again {
        problems.push(crate::FieldProblem::of(
            "password_again",
            crate::Problem::NotTheSame,
        ));
        return None;
    }
    Some(&new.password)
}

/// [`hash`] off the async threads, as the application's error.
pub(crate) async fn hash_new(password: &str) -> Result<String, crate::AppError> {
    hash_off_thread(password.to_owned())
        .await
        .map_err(crate::AppError::unexpected)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_hash_verifies_its_password_only() {
        let h = hash("correct horse battery").unwrap();
        assert!(h.starts_with("$argon2id$"), "{h}");
        assert!(verify(Some(&h), "correct horse battery"));
        assert!(!verify(Some(&h), "correct horse batterY"));
        assert!(!verify(None, "correct horse battery"));
        assert!(!verify(Some("not a hash"), "x"));
    }

    #[test]
    fn weak_passwords_are_explained() {
        assert!(weakness("short", "a@b.nl", "A").is_some());
        assert!(weakness("aaaaaaaaaaaaaaa", "a@b.nl", "A").is_some());
        assert!(weakness("anna@example.org", "Anna@example.org", "Anna").is_some());
        assert!(weakness("vier woorden zijn lang", "a@b.nl", "A").is_none());
        assert!(weakness("correct horse battery staple", "a@b.nl", "A").is_none());
    }

    #[test]
    fn common_and_guessable_passwords_are_refused() {
        for weak in [
            "123456789012",
            "passwordpass",
            "qwertyuiopasdf",
            "Welkom123456",
            "wachtwoord123",
        ] {
            let (nl, en) = weakness(weak, "anna@example.org", "Anna de Vries")
                .unwrap_or_else(|| panic!("{weak:?} was accepted"));
            assert!(nl.contains("te makkelijk te raden"), "{weak}: {nl}");
            assert!(en.contains("too easy to guess"), "{weak}: {en}");
        }
        // Made of the person's own name and address.
        assert!(weakness("annadevries1985", "anna@example.org", "Anna de Vries").is_some());
        assert!(weakness("annadevries1985", "x@example.org", "Piet Jansen").is_none());
    }
}
