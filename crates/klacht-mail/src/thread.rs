//! Thread keys: how a message that comes in is tied to a letter that went out, and to a complaint.
//!
//! Every letter leaves with a Message-ID of the form
//! `klacht.{reference}.{id}.{tag}@{domain}`: the complaint's reference (`mail` for a message
//! without one, such as a staff notice), the id of the message in the mail queue, and a tag, the
//! first 8 bytes (16 hex digits) of HMAC-SHA256 over `{reference}.{id}` with a key of the server.
//! A reply names that id in `In-Reply-To` or `References`; [`letter_of`] gives back the letter
//! only when the tag is right, so nobody can thread a mail into a dossier by writing a guessed
//! or altered id (the reference and the queue id alone are easy to guess).
//!
//! The key is a subkey of the server's secret key made for this purpose alone, so that the tag
//! gives nothing away about the key that seals secrets.

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// The reference written in the Message-ID of a message that belongs to no complaint.
pub const NO_REFERENCE: &str = "mail";

/// Bytes of the HMAC kept in the tag (written as twice as many hex digits).
const TAG_BYTES: usize = 8;

/// A letter of ours, as named by a Message-ID that [`letter_of`] verified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LetterKey {
    /// The complaint's reference, e.g. "2026-0042"; [`NO_REFERENCE`] ("mail") for a message
    /// that belongs to no complaint.
    pub reference: String,
    /// The id of the message in the mail queue.
    pub id: i64,
}

fn mac(key: &[u8], reference: &str, id: i64) -> Hmac<Sha256> {
    // HMAC takes a key of any length; new_from_slice fails for none.
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key)
        .unwrap_or_else(|_| <Hmac<Sha256> as Mac>::new(&Default::default()));
    mac.update(format!("{reference}.{id}").as_bytes());
    mac
}

/// The Message-ID (without angle brackets) of the queued message `id`, e.g.
/// `klacht.2026-0042.17.3f9a0c1b2d4e5f60@klachten.voorbeeld.nl`. The same arguments give the
/// same id, so a retried letter is recognisably the same message.
pub fn letter_message_id(reference: Option<&str>, id: i64, domain: &str, key: &[u8]) -> String {
    let reference = reference.unwrap_or(NO_REFERENCE);
    let full = mac(key, reference, id).finalize().into_bytes();
    let tag = hex::encode(full.get(..TAG_BYTES).unwrap_or_default());
    format!("klacht.{reference}.{id}.{tag}@{domain}")
}

/// The letter a Message-ID names, if it is one of ours with a right tag (checked in constant
/// time); `None` for any other id, and for one of ours that was forged or altered. Angle
/// brackets and surrounding white space are ignored, as are the case of the tag and the
/// domain (which is not checked: letters stay recognisable when the public address changes).
pub fn letter_of(message_id: &str, key: &[u8]) -> Option<LetterKey> {
    let id = message_id.trim();
    let id = id.strip_prefix('<').unwrap_or(id);
    let id = id.strip_suffix('>').unwrap_or(id);
    let (local, _domain) = id.rsplit_once('@')?;
    let rest = local.strip_prefix("klacht.")?;
    let (rest, tag) = rest.rsplit_once('.')?;
    let (reference, number) = rest.rsplit_once('.')?;
    if reference.is_empty()
        || number.is_empty()
        || !number.bytes().all(|b| b.is_ascii_digit())
        || tag.len() != TAG_BYTES * 2
    {
        return None;
    }
    let written = number;
    let number: i64 = number.parse().ok()?;
    // The written form must be the one we write (no leading zeros), so that one letter has one id.
    if number.to_string() != written {
        return None;
    }
    let tag = hex::decode(tag.to_ascii_lowercase()).ok()?;
    mac(key, reference, number)
        .verify_truncated_left(&tag)
        .ok()?;
    Some(LetterKey {
        reference: reference.to_owned(),
        id: number,
    })
}

/// The Reply-To address for the letters of a complaint when plus-addressing is used:
/// `klachten@org.nl` and `2026-0042` give `klachten+2026-0042@org.nl`. An address without `@`
/// is returned as it is.
pub fn reply_to_address(base: &str, reference: &str) -> String {
    match base.rsplit_once('@') {
        Some((local, domain)) => format!("{local}+{reference}@{domain}"),
        None => base.to_owned(),
    }
}

/// The first complaint reference (four digits, a hyphen, four or more digits: "2026-0042") in
/// `text`, such as a subject "Re: Klacht 2026-0042: uw brief" or "[2026-0042]"; it must stand
/// as a word of its own, so "12026-00421" or "x2026-0042" are not references.
pub fn reference_in(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'-';
    let mut start = 0;
    while start < bytes.len() {
        let Some(b) = bytes.get(start) else { break };
        if !b.is_ascii_digit() || (start > 0 && bytes.get(start - 1).is_some_and(|&p| word(p))) {
            start += 1;
            continue;
        }
        let year_end = start + 4;
        let year_ok = bytes
            .get(start..year_end)
            .is_some_and(|y| y.iter().all(u8::is_ascii_digit));
        if year_ok && bytes.get(year_end) == Some(&b'-') {
            let digits = bytes
                .get(year_end + 1..)
                .unwrap_or_default()
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count();
            let end = year_end + 1 + digits;
            if digits >= 4 && !bytes.get(end).is_some_and(|&n| word(n)) {
                return text.get(start..end).map(str::to_owned);
            }
        }
        start += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    const KEY: &[u8] = b"0123456789abcdef0123456789abcdef";

    #[test]
    fn a_letters_message_id_names_it_and_carries_a_tag() {
        let id = letter_message_id(Some("2026-0042"), 17, "klachten.voorbeeld.nl", KEY);
        assert!(id.starts_with("klacht.2026-0042.17."), "{id}");
        assert!(id.ends_with("@klachten.voorbeeld.nl"), "{id}");
        let tag = id
            .strip_prefix("klacht.2026-0042.17.")
            .and_then(|r| r.strip_suffix("@klachten.voorbeeld.nl"))
            .unwrap();
        assert_eq!(tag.len(), 16);
        assert!(tag.bytes().all(|b| b.is_ascii_hexdigit()), "{tag}");
        // Stable: a retry has the same id.
        assert_eq!(
            id,
            letter_message_id(Some("2026-0042"), 17, "klachten.voorbeeld.nl", KEY)
        );
        assert_eq!(
            letter_of(&format!("<{id}>"), KEY),
            Some(LetterKey {
                reference: "2026-0042".into(),
                id: 17
            })
        );
        assert_eq!(
            letter_of(&id.to_uppercase().replace("KLACHT.", "klacht."), KEY),
            Some(LetterKey {
                reference: "2026-0042".into(),
                id: 17
            })
        );
        let notice = letter_message_id(None, 5, "localhost", KEY);
        assert_eq!(
            letter_of(&notice, KEY),
            Some(LetterKey {
                reference: "mail".into(),
                id: 5
            })
        );
    }

    #[test]
    fn a_forged_or_altered_message_id_names_no_letter() {
        let id = letter_message_id(Some("2026-0042"), 17, "org.nl", KEY);
        // Another key.
        assert_eq!(letter_of(&id, b"another key"), None);
        // Another complaint or message with the same tag.
        assert_eq!(letter_of(&id.replace("2026-0042", "2026-0043"), KEY), None);
        assert_eq!(letter_of(&id.replace(".17.", ".18."), KEY), None);
        assert_eq!(letter_of(&id.replace(".17.", ".017."), KEY), None);
        // The old form without a tag, a shortened tag, a guessed one.
        assert_eq!(letter_of("klacht.2026-0042.17@org.nl", KEY), None);
        let short = id.replacen(".17.", ".17.x", 1);
        assert_eq!(letter_of(&short, KEY), None);
        assert_eq!(
            letter_of("klacht.2026-0042.17.0000000000000000@org.nl", KEY),
            None
        );
        assert_eq!(letter_of("", KEY), None);
        assert_eq!(letter_of("<CAF=x@mail.gmail.com>", KEY), None);
    }

    #[test]
    fn a_reply_to_address_carries_the_reference_after_a_plus() {
        assert_eq!(
            reply_to_address("klachten@org.nl", "2026-0042"),
            "klachten+2026-0042@org.nl"
        );
        assert_eq!(reply_to_address("klachten", "2026-0042"), "klachten");
    }

    #[test]
    fn a_reference_is_found_in_a_subject_as_a_word_of_its_own() {
        assert_eq!(
            reference_in("Re: Klacht 2026-0042: uw brief").as_deref(),
            Some("2026-0042")
        );
        assert_eq!(
            reference_in("[2026-0042] Ontvangstbevestiging").as_deref(),
            Some("2026-0042")
        );
        assert_eq!(
            reference_in("AW: 2026-10042").as_deref(),
            Some("2026-10042")
        );
        assert_eq!(reference_in("Factuur 12026-00421"), None);
        assert_eq!(reference_in("x2026-0042"), None);
        assert_eq!(reference_in("2026-0042a"), None);
        assert_eq!(reference_in("2026-042"), None);
        assert_eq!(reference_in("Bel 06-12345678"), None);
        assert_eq!(reference_in("«2026-0042»").as_deref(), Some("2026-0042"));
        assert_eq!(reference_in(""), None);
    }
}
