//! Recovery codes: when someone sets up a second factor they are shown, once, [`COUNT`] codes to
//! sign in with instead of a code from the authenticator app (a lost or broken phone, or a
//! server key that no longer opens the stored secret). Each works once; new codes make the old
//! ones stop working, and so does a new or cleared second factor.
//!
//! A code is 16 characters from 31 letters and digits without look-alikes (no `0`/`o`,
//! `1`/`l`/`i`): more than 79 random bits, so that its SHA-256, which is all the database keeps
//! (as of every other token), cannot be turned back into the code. Shown as
//! `abcd-efgh-jkmn-pqrs`; typed in any case, with or without the dashes and spaces.

use crate::{App, AppError};
use klacht_store::User;
use rand::Rng;

/// How many codes a person gets at a time.
pub const COUNT: usize = 10;

/// The characters of a code: lower-case letters and digits that cannot be mistaken for another.
const LETTERS: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";

/// Characters per code.
const LENGTH: usize = 16;

/// A new random code in its plain form (16 characters, no dashes).
fn new_code() -> String {
    let mut rng = rand::rng();
    (0..LENGTH)
        .filter_map(|_| LETTERS.get(rng.random_range(0..LETTERS.len())))
        .map(|&b| char::from(b))
        .collect()
}

/// A code as shown: four groups of four, with dashes.
pub fn shown(plain: &str) -> String {
    plain
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join("-")
}

/// A typed code made plain (lower case, without dashes or spaces), or `None` when it cannot be
/// one of ours (wrong length or a character no code has), so it is not worth a look-up.
pub fn plain(typed: &str) -> Option<String> {
    let code: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_lowercase)
        .collect();
    (code.chars().count() == LENGTH && code.bytes().all(|b| LETTERS.contains(&b))).then_some(code)
}

/// Makes [`COUNT`] new recovery codes for `user`, replacing (and so stopping) their old ones, in
/// the account log. Returns them as shown: this is the one time they are seen.
pub async fn make_new(app: &App, user: &User) -> Result<Vec<String>, AppError> {
    let codes: Vec<String> = (0..COUNT).map(|_| new_code()).collect();
    app.store
        .set_recovery_codes(user.id, &codes, app.clock.now())
        .await?;
    tracing::info!(user = user.id.0, "new recovery codes made");
    Ok(codes.iter().map(|c| shown(c)).collect())
}

/// How many unused recovery codes `user` has.
pub async fn left(app: &App, user: &User) -> Result<u64, AppError> {
    Ok(app.store.recovery_codes_left(user.id).await?)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_code_is_sixteen_unambiguous_characters_shown_in_groups() {
        let c = new_code();
        assert_eq!(c.len(), 16);
        assert!(!c.contains(['0', 'o', '1', 'l', 'i', '-']), "{c}");
        let s = shown(&c);
        assert_eq!(s.len(), 19);
        assert_eq!(s.matches('-').count(), 3);
        assert_eq!(plain(&s), Some(c.clone()));
        assert_eq!(plain(&s.to_uppercase().replace('-', " ")), Some(c));
        assert_eq!(plain("abcd-efgh-jkmn-pqr"), None);
        assert_eq!(plain("abcd-efgh-jkmn-pqr0"), None);
        assert_eq!(plain("123456"), None);
    }

    #[test]
    fn codes_differ() {
        let codes: std::collections::BTreeSet<String> = (0..100).map(|_| new_code()).collect();
        assert_eq!(codes.len(), 100);
    }
}
