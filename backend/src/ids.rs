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
);
