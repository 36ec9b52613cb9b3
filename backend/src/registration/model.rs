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
    pub const ALL: [RegistrationStatus; 7] = [
        RegistrationStatus::Confirmed,
        RegistrationStatus::Pending,
        RegistrationStatus::Offered,
        RegistrationStatus::Waitlisted,
        RegistrationStatus::Cancelled,
        RegistrationStatus::Rejected,
        RegistrationStatus::Expired,
    ];

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
    /// Until when participants may change their answers; `None`: until registration closes.
    pub edit_until: Option<DateTime<Utc>>,
    /// Months after the event's last day at which its registrations are anonymised; `None`:
    /// kept until the organisers delete them.
    pub retention_months: Option<i64>,
    /// When the registrations were anonymised (set by the worker, never by a form).
    pub anonymised_at: Option<DateTime<Utc>>,
}

impl Settings {
    /// Whether participants may still change their answers at `now`.
    pub fn answers_editable(&self, now: DateTime<Utc>) -> bool {
        self.edit_until.or(self.closes_at).is_none_or(|t| now < t)
    }

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

/// A kind of ticket (on-site, online, day 1 only) with its own places.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, serde::Serialize)]
pub struct TicketType {
    pub id: i64,
    pub event_id: EventId,
    pub name_de: String,
    pub name_en: String,
    pub capacity: Option<i64>,
    pub position: i64,
}

impl TicketType {
    pub fn name(&self, lang: convene_frontend::Lang) -> &str {
        match lang {
            convene_frontend::Lang::De => &self.name_de,
            convene_frontend::Lang::En => &self.name_en,
        }
    }
}

/// Places taken: for the whole event and per ticket type.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Taken {
    pub total: i64,
    pub by_ticket: std::collections::HashMap<i64, i64>,
}

impl Taken {
    /// Whether one more place with `ticket` fits both the event's and the ticket type's
    /// capacity.
    pub fn fits(&self, capacity: Option<i64>, ticket: Option<&TicketType>) -> bool {
        has_room(self.total, capacity)
            && ticket.is_none_or(|t| {
                has_room(self.by_ticket.get(&t.id).copied().unwrap_or(0), t.capacity)
            })
    }

    pub fn add(&mut self, ticket: Option<i64>) {
        self.total += 1;
        if let Some(t) = ticket {
            *self.by_ticket.entry(t).or_default() += 1;
        }
    }
}

/// Who on the waiting list gets an offer now: in line order, everyone whose ticket type still
/// has a place, while the event has places. Someone waiting for a full ticket type does not
/// block the people behind them who wait for another one.
pub fn next_offers(
    waiting: &[(i64, Option<i64>)],
    mut taken: Taken,
    capacity: Option<i64>,
    tickets: &[TicketType],
) -> Vec<i64> {
    let mut out = Vec::new();
    for (id, ticket) in waiting {
        if !has_room(taken.total, capacity) {
            break;
        }
        let t = ticket.and_then(|t| tickets.iter().find(|x| x.id == t));
        if taken.fits(capacity, t) {
            taken.add(*ticket);
            out.push(*id);
        }
    }
    out
}

/// Two stretches of time overlap when each starts before the other ends (back to back is fine).
pub fn overlaps(a: (DateTime<Utc>, DateTime<Utc>), b: (DateTime<Utc>, DateTime<Utc>)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// A seat in a limited session.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, sqlx::Type, serde::Serialize, serde::Deserialize,
)]
#[sqlx(type_name = "text", rename_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum BookingStatus {
    Confirmed,
    Waitlisted,
    /// A freed seat held for the person until `offer_expires_at`.
    Offered,
    /// An offer that was not taken up in time.
    Expired,
    Cancelled,
}

impl BookingStatus {
    pub fn label_id(self) -> &'static str {
        match self {
            BookingStatus::Confirmed => "booking-status-confirmed",
            BookingStatus::Waitlisted => "booking-status-waitlisted",
            BookingStatus::Offered => "booking-status-offered",
            BookingStatus::Expired => "booking-status-expired",
            BookingStatus::Cancelled => "booking-status-cancelled",
        }
    }

    /// Whether the booking still holds a seat or a place in line.
    pub fn is_live(self) -> bool {
        matches!(
            self,
            BookingStatus::Confirmed | BookingStatus::Waitlisted | BookingStatus::Offered
        )
    }

    /// The name used on the wire and in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            BookingStatus::Confirmed => "confirmed",
            BookingStatus::Waitlisted => "waitlisted",
            BookingStatus::Offered => "offered",
            BookingStatus::Expired => "expired",
            BookingStatus::Cancelled => "cancelled",
        }
    }
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Booking {
    pub id: i64,
    pub session_id: crate::ids::SessionId,
    pub event_id: EventId,
    pub account_id: Option<AccountId>,
    pub status: BookingStatus,
    /// Set while a seat is offered (status `offered`).
    pub offer_expires_at: Option<DateTime<Utc>>,
    pub checked_in_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
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

/// What the organisers' list is narrowed to.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct Filter {
    /// Part of a name, e-mail address, organisation or typed answer.
    pub q: String,
    pub status: String,
    pub ticket: Option<i64>,
    /// One page of the matches as (rows, rows skipped); `None`: all of them (exports).
    pub window: Option<(i64, i64)>,
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
            edit_until: None,
            retention_months: None,
            anonymised_at: None,
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
        assert!(settings.answers_editable(at(17, 59, 59)));
        assert!(!settings.answers_editable(at(18, 0, 0)));
        let later = Settings {
            edit_until: Some(at(20, 0, 0)),
            ..settings
        };
        assert!(later.answers_editable(at(19, 0, 0)));
    }

    fn ticket(id: i64, capacity: Option<i64>) -> TicketType {
        TicketType {
            id,
            event_id: EventId(1),
            name_de: format!("T{id}"),
            name_en: format!("T{id}"),
            capacity,
            position: id,
        }
    }

    #[test]
    fn offers_go_in_line_order_skipping_people_whose_ticket_type_is_full() {
        let tickets = [ticket(1, Some(2)), ticket(2, None)];
        let mut taken = Taken::default();
        taken.add(Some(1));
        taken.add(Some(1));
        // Ticket 1 is full; the event has 2 more places.
        let waiting = [
            (10, Some(1)),
            (11, Some(2)),
            (12, Some(1)),
            (13, Some(2)),
            (14, Some(2)),
        ];
        assert_eq!(
            next_offers(&waiting, taken.clone(), Some(4), &tickets),
            vec![11, 13]
        );
        // Without an event capacity only ticket types limit.
        assert_eq!(
            next_offers(&waiting, taken.clone(), None, &tickets),
            vec![11, 13, 14]
        );
        assert!(next_offers(&waiting, taken, Some(2), &tickets).is_empty());
        assert!(
            !Taken {
                total: 1,
                ..Default::default()
            }
            .fits(Some(1), None)
        );
    }

    #[test]
    fn sessions_overlap_unless_back_to_back() {
        let at = |h| Utc.with_ymd_and_hms(2027, 11, 8, h, 0, 0).unwrap();
        assert!(overlaps((at(9), at(11)), (at(10), at(12))));
        assert!(overlaps((at(9), at(12)), (at(10), at(11))));
        assert!(!overlaps((at(9), at(10)), (at(10), at(11))));
    }
}
