//! Registration types and the rules of the waiting list. Pure: no I/O.

use chrono::{DateTime, Utc};

use crate::ids::{AccountId, EventId};

/// Where a registration stands.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, sqlx::Type, serde::Serialize, serde::Deserialize,
)]
#[sqlx(type_name = "text", rename_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum RegistrationStatus {
    /// Waiting for an organiser's approval; holds a place.
    Pending,
    Confirmed,
    /// In line for a place.
    Waitlisted,
    /// A place is held for this person until the offer expires.
    Offered,
    Cancelled,
    Rejected,
    /// An offer that was not taken in time.
    Expired,
}

impl RegistrationStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RegistrationStatus::Pending => "pending",
            RegistrationStatus::Confirmed => "confirmed",
            RegistrationStatus::Waitlisted => "waitlisted",
            RegistrationStatus::Offered => "offered",
            RegistrationStatus::Cancelled => "cancelled",
            RegistrationStatus::Rejected => "rejected",
            RegistrationStatus::Expired => "expired",
        }
    }

    /// Whether the registration holds one of the places (confirmed, pending approval, or offered).
    pub fn holds_place(self) -> bool {
        matches!(
            self,
            RegistrationStatus::Confirmed
                | RegistrationStatus::Pending
                | RegistrationStatus::Offered
        )
    }

    /// Whether the registration is still alive (a new registration would be a duplicate).
    pub fn is_active(self) -> bool {
        self.holds_place() || self == RegistrationStatus::Waitlisted
    }

    pub fn label_id(self) -> &'static str {
        match self {
            RegistrationStatus::Pending => "registration-status-pending",
            RegistrationStatus::Confirmed => "registration-status-confirmed",
            RegistrationStatus::Waitlisted => "registration-status-waitlisted",
            RegistrationStatus::Offered => "registration-status-offered",
            RegistrationStatus::Cancelled => "registration-status-cancelled",
            RegistrationStatus::Rejected => "registration-status-rejected",
            RegistrationStatus::Expired => "registration-status-expired",
        }
    }
}

/// The status a new registration gets: a place when one is free (pending when organisers
/// approve first), else the waiting list.
pub fn status_for_new(free: bool, approval_required: bool) -> RegistrationStatus {
    match (free, approval_required) {
        (true, true) => RegistrationStatus::Pending,
        (true, false) => RegistrationStatus::Confirmed,
        (false, _) => RegistrationStatus::Waitlisted,
    }
}

/// Whether one more place fits: `taken` of `capacity` (no capacity: unlimited).
pub fn has_room(taken: i64, capacity: Option<i64>) -> bool {
    capacity.is_none_or(|c| taken < c)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Settings {
    pub event_id: EventId,
    pub opens_at: Option<DateTime<Utc>>,
    pub closes_at: Option<DateTime<Utc>>,
    pub capacity: Option<i64>,
    pub approval_required: bool,
    pub offer_hours: i64,
}

impl Settings {
    /// `Ok` while registration is open at `now`, else the message id saying why not.
    pub fn check_open(&self, now: DateTime<Utc>) -> Result<(), &'static str> {
        if self.opens_at.is_some_and(|t| now < t) {
            return Err("registration-not-open-yet");
        }
        if self.closes_at.is_some_and(|t| now >= t) {
            return Err("registration-closed");
        }
        Ok(())
    }
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Registration {
    pub id: i64,
    pub event_id: EventId,
    pub account_id: Option<AccountId>,
    pub ticket_type_id: Option<i64>,
    pub status: RegistrationStatus,
    pub code: String,
    pub offer_expires_at: Option<DateTime<Utc>>,
    pub checked_in_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_free_place_confirms_or_waits_for_approval_and_a_full_event_waitlists() {
        assert_eq!(status_for_new(true, false), RegistrationStatus::Confirmed);
        assert_eq!(status_for_new(true, true), RegistrationStatus::Pending);
        assert_eq!(status_for_new(false, false), RegistrationStatus::Waitlisted);
        assert!(has_room(29, Some(30)));
        assert!(!has_room(30, Some(30)));
        assert!(has_room(10_000, None));
    }

    #[test]
    fn offers_and_pending_approvals_hold_a_place_waiting_does_not() {
        use RegistrationStatus::*;
        for s in [Confirmed, Pending, Offered] {
            assert!(s.holds_place() && s.is_active());
        }
        assert!(!Waitlisted.holds_place() && Waitlisted.is_active());
        for s in [Cancelled, Rejected, Expired] {
            assert!(!s.is_active());
        }
    }

    #[test]
    fn registration_is_open_between_its_instants_to_the_second() {
        let at = |h, m, s| Utc.with_ymd_and_hms(2027, 10, 1, h, m, s).unwrap();
        let settings = Settings {
            event_id: EventId(1),
            opens_at: Some(at(9, 0, 0)),
            closes_at: Some(at(18, 0, 0)),
            capacity: Some(200),
            approval_required: false,
            offer_hours: 48,
        };
        assert_eq!(
            settings.check_open(at(8, 59, 59)),
            Err("registration-not-open-yet")
        );
        assert_eq!(settings.check_open(at(9, 0, 0)), Ok(()));
        assert_eq!(settings.check_open(at(17, 59, 59)), Ok(()));
        assert_eq!(
            settings.check_open(at(18, 0, 0)),
            Err("registration-closed")
        );
    }
}
