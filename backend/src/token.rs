//! Random secrets handed to people (session cookies, e-mail links, API tokens, feed links) and
//! the hashes under which they are stored. Only hashes reach the database, so a leaked backup
//! opens no session and no link.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};

/// 256 random bits, URL-safe (43 characters).
pub fn random() -> String {
    let bytes: [u8; 32] = rand::random();
    URL_SAFE_NO_PAD.encode(bytes)
}

/// The stored form of a secret: hex SHA-256. (A fast hash is right here: the secrets carry
/// 256 bits of entropy, unlike passwords.)
pub fn hash(secret: &str) -> String {
    let digest = Sha256::digest(secret.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn secrets_are_unique_and_hash_stably() {
        let a = super::random();
        let b = super::random();
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert_eq!(super::hash("abc"), super::hash("abc"));
        assert_eq!(
            super::hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
