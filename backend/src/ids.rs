//! Typed ids, one per table, so an account id is never passed where an organisation id belongs.
//! Stored as 64-bit integers; public URLs use slugs or random tokens instead where ids would be
//! enumerable.

macro_rules! id_type {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, sqlx::Type, serde::Serialize, serde::Deserialize)]
        #[sqlx(transparent)]
        pub struct $name(pub i64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    )*};
}

id_type!(
    /// `accounts.id`
    AccountId,
    /// `organisations.id`
    OrganisationId,
    /// `role_grants.id`
    GrantId,
    /// `api_tokens.id`
    ApiTokenId,
    /// `outbox.id`
    MailId,
    /// `events.id`
    EventId,
    /// `rooms.id`
    RoomId,
    /// `tracks.id`
    TrackId,
    /// `sessions.id` (agenda sessions, not sign-in sessions)
    SessionId,
    /// `session_people.id`
    PersonId,
    /// `webhooks.id`
    WebhookId,
);

/// An id written as a JSON object key (answers by question id, scores by criterion id): digits
/// only, without sign, spaces or leading zeros, at least 1. So `"5"` names one question and
/// `" 5"`, `"+5"` and `"05"` name none, instead of all meaning the same one.
pub fn key_id(key: &str) -> Option<i64> {
    let plain = !key.is_empty() && key.bytes().all(|b| b.is_ascii_digit()) && !key.starts_with('0');
    plain.then(|| key.parse().ok()).flatten()
}

#[cfg(test)]
mod tests {
    use super::key_id;

    #[test]
    fn an_id_key_is_plain_digits() {
        assert_eq!(key_id("5"), Some(5));
        assert_eq!(key_id("120"), Some(120));
        for bad in [
            "",
            "0",
            "05",
            "+5",
            " 5",
            "5 ",
            "-5",
            "5.0",
            "x",
            "99999999999999999999",
        ] {
            assert_eq!(key_id(bad), None, "{bad:?}");
        }
    }
}
