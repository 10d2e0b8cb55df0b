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

/// Why a new password is not acceptable, in Dutch and English; `None` when it is.
pub fn weakness(password: &str, email: &str) -> Option<(&'static str, &'static str)> {
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
    if lower == email.trim().to_lowercase()
        || lower
            .chars()
            .all(|c| c == lower.chars().next().unwrap_or(' '))
    {
        return Some((
            "Dit wachtwoord is te makkelijk te raden.",
            "This password is too easy to guess.",
        ));
    }
    None
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
        assert!(weakness("short", "a@b.nl").is_some());
        assert!(weakness("aaaaaaaaaaaaaaa", "a@b.nl").is_some());
        assert!(weakness("anna@example.org", "Anna@example.org").is_some());
        assert!(weakness("vier woorden zijn lang", "a@b.nl").is_none());
    }
}
