//! The key that seals secrets the server must read back (the TOTP secrets), kept outside the
//! database: a copy of the database alone opens no second factor.
//!
//! The key is 32 random bytes, in a file of the data directory (`secret.key`, created on the
//! first start with mode 0600) or given in `KLACHT_SECRET_KEY` (hex or base64). A sealed value
//! is `sealed:v1:` and the hex of a random 24-byte nonce followed by the XChaCha20-Poly1305
//! ciphertext and tag. What it belongs to (the user) is the associated data, so a sealed value
//! copied onto another account does not open.

use base64::Engine;
use chacha20poly1305::aead::{Aead, Payload};
use chacha20poly1305::{KeyInit, XChaCha20Poly1305, XNonce};
use std::io::{Read, Write};
use std::path::Path;

/// What every sealed value starts with; anything else in a sealed column is plain text from
/// before sealing (see [`seal_totp_secrets`](crate::traits::AccountStore::seal_totp_secrets)).
pub const SEALED_PREFIX: &str = "sealed:v1:";

const NONCE_LEN: usize = 24;

/// The sealing key. Its `Debug` does not show it.
#[derive(Clone)]
pub struct SecretKey([u8; 32]);

impl std::fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretKey(…)")
    }
}

/// Why a key could not be had.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error(
        "the secret key must be 32 bytes, written as 64 hex digits or 44 base64 characters ({0})"
    )]
    Format(String),
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "{0} is not a key file: it must hold exactly 32 bytes. Restore the right file, or see the README (\"the secret key\") for what losing it means"
    )]
    File(String),
}

/// A sealed value that does not open: another key, or tampering.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a sealed secret does not open with this key (another key, or the value was altered)")]
pub struct Unreadable;

impl SecretKey {
    /// A new random key (tests; a first start writes one to its file).
    pub fn generate() -> SecretKey {
        SecretKey(rand::random())
    }

    pub fn from_bytes(bytes: [u8; 32]) -> SecretKey {
        SecretKey(bytes)
    }

    /// A key written as 64 hex digits or as base64 (standard or URL-safe, padded or not).
    pub fn parse(text: &str) -> Result<SecretKey, KeyError> {
        let text = text.trim();
        let bytes = if text.len() == 64 && text.chars().all(|c| c.is_ascii_hexdigit()) {
            hex::decode(text).map_err(|e| KeyError::Format(e.to_string()))?
        } else {
            let engines = [
                base64::engine::general_purpose::STANDARD,
                base64::engine::general_purpose::STANDARD_NO_PAD,
                base64::engine::general_purpose::URL_SAFE,
                base64::engine::general_purpose::URL_SAFE_NO_PAD,
            ];
            engines
                .iter()
                .find_map(|e| e.decode(text).ok())
                .ok_or_else(|| KeyError::Format("neither hex nor base64".into()))?
        };
        let bytes: [u8; 32] = bytes
            .try_into()
            .map_err(|b: Vec<u8>| KeyError::Format(format!("{} bytes", b.len())))?;
        Ok(SecretKey(bytes))
    }

    /// The key in `path`, or a new random one written there (mode 0600, never over an
    /// existing file) when there is none. Returns the key and whether it was made now.
    pub fn load_or_create(path: &Path) -> Result<(SecretKey, bool), KeyError> {
        let io = |source| KeyError::Io {
            path: path.display().to_string(),
            source,
        };
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        match options.open(path) {
            Ok(mut file) => {
                let key = SecretKey::generate();
                file.write_all(&key.0).map_err(io)?;
                file.sync_all().map_err(io)?;
                Ok((key, true))
            }
            // Another instance (or an earlier start) made it: read that one.
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                let mut bytes = Vec::new();
                std::fs::File::open(path)
                    .and_then(|mut f| f.read_to_end(&mut bytes))
                    .map_err(io)?;
                let bytes: [u8; 32] = bytes
                    .try_into()
                    .map_err(|_| KeyError::File(path.display().to_string()))?;
                Ok((SecretKey(bytes), false))
            }
            Err(e) => Err(io(e)),
        }
    }

    /// A key for another purpose made from this one (HMAC-SHA256 of `purpose` under this key),
    /// so that what one purpose shows (a tag in a Message-ID) tells nothing about the key or
    /// about the keys of other purposes.
    pub fn subkey(&self, purpose: &str) -> [u8; 32] {
        use hmac::{Hmac, Mac};
        use sha2::Digest;
        let label = format!("klacht subkey: {purpose}");
        match <Hmac<sha2::Sha256> as Mac>::new_from_slice(&self.0) {
            Ok(mut mac) => {
                mac.update(label.as_bytes());
                mac.finalize().into_bytes().into()
            }
            // HMAC takes keys of any length, so this is never reached; were it, the hash of
            // key and label is a sound key too.
            Err(_) => sha2::Sha256::new()
                .chain_update(self.0)
                .chain_update(label.as_bytes())
                .finalize()
                .into(),
        }
    }

    /// Seals `plain`, bound to `context` (what it belongs to).
    pub fn seal(&self, plain: &str, context: &str) -> String {
        let cipher = XChaCha20Poly1305::new(&self.0.into());
        let nonce: [u8; NONCE_LEN] = rand::random();
        // Encryption fails only for inputs of gigabytes; a TOTP secret is 32 characters.
        let sealed = cipher
            .encrypt(
                &XNonce::from(nonce),
                Payload {
                    msg: plain.as_bytes(),
                    aad: context.as_bytes(),
                },
            )
            .unwrap_or_default();
        let mut out = Vec::with_capacity(NONCE_LEN + sealed.len());
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&sealed);
        format!("{SEALED_PREFIX}{}", hex::encode(out))
    }

    /// Opens a value made by [`SecretKey::seal`] with the same `context`.
    pub fn open(&self, sealed: &str, context: &str) -> Result<String, Unreadable> {
        let bytes = sealed
            .strip_prefix(SEALED_PREFIX)
            .and_then(|h| hex::decode(h).ok())
            .filter(|b| b.len() > NONCE_LEN)
            .ok_or(Unreadable)?;
        let (nonce, body) = bytes.split_at(NONCE_LEN);
        let nonce: [u8; NONCE_LEN] = nonce.try_into().map_err(|_| Unreadable)?;
        let cipher = XChaCha20Poly1305::new(&self.0.into());
        let plain = cipher
            .decrypt(
                &XNonce::from(nonce),
                Payload {
                    msg: body,
                    aad: context.as_bytes(),
                },
            )
            .map_err(|_| Unreadable)?;
        String::from_utf8(plain).map_err(|_| Unreadable)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_sealed_value_opens_with_its_key_and_context_only() {
        let key = SecretKey::generate();
        let sealed = key.seal("JBSWY3DPEHPK3PXP", "totp user 1");
        assert!(sealed.starts_with("sealed:v1:"), "{sealed}");
        assert!(!sealed.contains("JBSWY3DPEHPK3PXP"));
        assert_eq!(
            key.open(&sealed, "totp user 1").unwrap(),
            "JBSWY3DPEHPK3PXP"
        );
        assert_eq!(key.open(&sealed, "totp user 2"), Err(Unreadable));
        assert_eq!(
            SecretKey::generate().open(&sealed, "totp user 1"),
            Err(Unreadable)
        );
        // Sealing twice gives two different values (a fresh nonce each time).
        assert_ne!(sealed, key.seal("JBSWY3DPEHPK3PXP", "totp user 1"));
        assert_eq!(key.open("JBSWY3DPEHPK3PXP", "totp user 1"), Err(Unreadable));
    }

    #[test]
    fn subkeys_differ_by_purpose_and_key_and_stay_the_same() {
        let key = SecretKey::from_bytes([7; 32]);
        assert_eq!(key.subkey("mail thread"), key.subkey("mail thread"));
        assert_ne!(key.subkey("mail thread"), key.subkey("other"));
        assert_ne!(key.subkey("mail thread"), [7; 32]);
        assert_ne!(
            key.subkey("mail thread"),
            SecretKey::from_bytes([8; 32]).subkey("mail thread")
        );
    }

    #[test]
    fn a_key_is_read_as_hex_or_base64_of_32_bytes() {
        let hex = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
        let a = SecretKey::parse(hex).unwrap();
        let b = SecretKey::parse("ABEiM0RVZneImaq7zN3u/wARIjNEVWZ3iJmqu8zd7v8=").unwrap();
        assert_eq!(a.0, b.0);
        assert!(SecretKey::parse("abcd").is_err());
        assert!(SecretKey::parse("not a key at all, not a key at all, not a key").is_err());
        assert_eq!(format!("{a:?}"), "SecretKey(…)");
    }

    #[test]
    fn the_key_file_is_made_once_with_mode_0600() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("secret.key");
        let (first, made) = SecretKey::load_or_create(&path).unwrap();
        assert!(made);
        assert_eq!(std::fs::read(&path).unwrap().len(), 32);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let (again, made) = SecretKey::load_or_create(&path).unwrap();
        assert!(!made);
        assert_eq!(first.0, again.0);
        std::fs::write(&path, b"short").unwrap();
        assert!(matches!(
            SecretKey::load_or_create(&path),
            Err(KeyError::File(_))
        ));
    }
}
