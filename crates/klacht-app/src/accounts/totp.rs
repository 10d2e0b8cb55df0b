//! The second factor: time-based one-time codes (RFC 6238: SHA-1, six digits, 30 seconds), as
//! every authenticator app reads them from an `otpauth://` QR code.

use jiff::Timestamp;
use totp_rs::{Algorithm, Secret, TOTP};

const STEP: u64 = 30;

/// A new random secret, base32 (as stored and as typed by hand).
pub fn new_secret() -> String {
    Secret::Raw(rand::random::<[u8; 20]>().to_vec())
        .to_encoded()
        .to_string()
}

fn totp(secret: &str, issuer: &str, account: &str) -> Option<TOTP> {
    let bytes = Secret::Encoded(secret.to_owned()).to_bytes().ok()?;
    // totp-rs refuses ':' in the issuer and account (it separates them in the label).
    TOTP::new(
        Algorithm::SHA1,
        6,
        1,
        STEP,
        bytes,
        Some(issuer.replace(':', " ")),
        account.replace(':', " "),
    )
    .ok()
}

/// The `otpauth://` URL for an authenticator app.
pub fn url(secret: &str, issuer: &str, account: &str) -> Option<String> {
    Some(totp(secret, issuer, account)?.get_url())
}

/// The time step `code` is good for at `now` (this step or the one before or after, for clocks
/// that drift), or `None` when it is wrong. The caller must refuse a step used before.
pub fn check(secret: &str, code: &str, now: Timestamp) -> Option<u64> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != 6 || !code.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let t = totp(secret, "klacht", "user")?;
    let now = u64::try_from(now.as_second()).ok()?;
    let step = now / STEP;
    [step, step.saturating_sub(1), step + 1]
        .into_iter()
        .find(|s| t.generate(s * STEP) == code)
}

/// The secret as a person may type it back (in groups, in lower case) made plain: base32 in
/// upper case; `None` when shorter than 16 characters (80 bits): not one of ours
/// ([`new_secret`] makes 32).
pub fn usable_secret(typed: &str) -> Option<String> {
    let secret: String = typed
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_uppercase();
    (secret.len() >= 16).then_some(secret)
}

/// The code for `at` (what the authenticator app shows then).
pub fn code_at(secret: &str, at: Timestamp) -> Option<String> {
    let t = totp(secret, "klacht", "user")?;
    Some(t.generate(u64::try_from(at.as_second()).ok()?))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_code_is_good_in_its_window_only() {
        let s = new_secret();
        let now: Timestamp = "2026-11-21T10:00:10Z".parse().unwrap();
        let code = code_at(&s, now).unwrap();
        let step = check(&s, &code, now).unwrap();
        assert_eq!(step, now.as_second() as u64 / 30);
        // Half a minute late still works (clock drift); two minutes late does not.
        assert!(check(&s, &code, now + jiff::SignedDuration::from_secs(30)).is_some());
        assert!(check(&s, &code, now + jiff::SignedDuration::from_secs(120)).is_none());
        assert!(check(&s, "12345", now).is_none());
        assert!(check(&s, "abcdef", now).is_none());
        assert!(check(&s, &format!("{} {}", &code[..3], &code[3..]), now).is_some());
    }

    #[test]
    fn the_url_names_issuer_and_account() {
        let u = url(&new_secret(), "Stichting: Voorbeeld", "anna@example.org").unwrap();
        assert!(u.starts_with("otpauth://totp/"), "{u}");
        assert!(
            u.contains("anna%40example.org") || u.contains("anna@example.org"),
            "{u}"
        );
    }
}
