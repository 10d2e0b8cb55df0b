//! The per-complaint hash chain (T12: the dossier is complete and tamper-evident).
//!
//! Each event's hash covers the previous hash, its position, time, actor, kind, the skeleton
//! body and a salted digest of its personal data. Anonymisation deletes the personal data and
//! the salt, but not the digest, so the chain still verifies and the digest reveals nothing.

use sha2::{Digest, Sha256};

/// The start of a complaint's chain: bound to its reference.
pub fn seed(reference: &str) -> String {
    let mut h = Sha256::new();
    h.update(b"klacht-chain-v1\0");
    h.update(reference.as_bytes());
    hex::encode(h.finalize())
}

pub struct Link<'a> {
    pub seq: i64,
    pub at: i64,
    pub actor_type: &'a str,
    pub actor_id: Option<i64>,
    pub kind: &'a str,
    pub body: &'a str,
    pub pii_digest: Option<&'a str>,
}

pub fn next(prev: &str, l: &Link<'_>) -> String {
    let mut h = Sha256::new();
    h.update(prev.as_bytes());
    h.update(l.seq.to_be_bytes());
    h.update(l.at.to_be_bytes());
    for part in [l.actor_type, l.kind, l.body, l.pii_digest.unwrap_or("")] {
        h.update((part.len() as u64).to_be_bytes());
        h.update(part.as_bytes());
    }
    h.update(l.actor_id.unwrap_or(-1).to_be_bytes());
    hex::encode(h.finalize())
}

pub fn pii_digest(salt: &str, data: &str) -> String {
    let mut h = Sha256::new();
    h.update(salt.as_bytes());
    h.update(b"\0");
    h.update(data.as_bytes());
    hex::encode(h.finalize())
}

pub fn new_salt() -> String {
    hex::encode(rand::random::<[u8; 16]>())
}

/// SHA-256 of an API token, as stored.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

pub fn sha256_hex(data: &[u8]) -> String {
    hex::encode(Sha256::digest(data))
}
