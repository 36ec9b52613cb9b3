//! Seats in limited sessions (the plant visit, workshops, the matchmaking round): booked by
//! confirmed participants, each session with its own waiting list; overlapping bookings are
//! refused with the clash named. A freed seat is offered to the next person in line until the
//! event's offer period ends (or the session starts), as places of the event are; an offer not
//! taken up lapses and the seat moves on. Runs under the same event lock as registrations.

use chrono::{DateTime, Duration, Utc};

use super::model::{self, Booking, BookingStatus, RegistrationStatus};
use super::queries;
use crate::account::Actor;
use crate::agenda::{Room, Session, SessionStatus};
use crate::audit;
use crate::db::{self, DbConn};
use crate::error::{AppError, Msg};
use crate::event::{Event, service as events};
use crate::ids::{AccountId, SessionId};
use crate::state::AppState;

/// How many seats a session has: its own capacity, else its room's; `None`: unlimited.
pub fn seat_limit(s: &Session, rooms: &[Room]) -> Option<i64> {
    s.capacity.or_else(|| {
        rooms
            .iter()
            .find(|r| Some(r.id) == s.room_id)
            .and_then(|r| r.capacity)
    })
}

async fn seats_of(conn: &mut DbConn, s: &Session) -> Result<Option<i64>, AppError> {
    let rooms = crate::agenda::queries::rooms(conn, s.event_id).await?;
    Ok(seat_limit(s, &rooms))
}

async fn bookable(conn: &mut DbConn, event: &Event, id: SessionId) -> Result<Session, AppError> {
    crate::agenda::queries::find_session(conn, event.id, id)
        .await?
        .filter(|s| s.status == SessionStatus::Scheduled && s.requires_signup)
        .ok_or_else(|| AppError::not_found("session-not-found"))
}

/// Books a seat in a limited session for the actor (or a place on its waiting list when it is
/// full). Booking twice returns the existing booking.
///
/// # Errors
/// `NotFound` (no such limited session), `Conflict` (not registered, session started, clash).
pub async fn book(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    session_id: SessionId,
) -> Result<Booking, AppError> {
    let event = events::visible(state, Some(actor), slug).await?;
    let lang = actor.language;
    let mut tx = db::begin_write(&state.db).await?;
    let now = super::service::lock(&mut tx, event.id, &state.clock).await?;
    let session = bookable(&mut tx, &event, session_id).await?;
    let registered = queries::find_for(&mut tx, event.id, actor.id)
        .await?
        .is_some_and(|r| r.status == RegistrationStatus::Confirmed);
    if !registered {
        return Err(AppError::Conflict(Msg::new("booking-needs-registration")));
    }
    if session.starts_at <= now {
        return Err(AppError::Conflict(Msg::new("booking-session-started")));
    }
    if let Some(b) = queries::booking_for(&mut tx, session.id, actor.id).await?
        && b.status.is_live()
    {
        if b.status != BookingStatus::Offered {
            return Ok(b);
        }
        // Booking a seat that is held for the person takes up the offer.
        if b.offer_expires_at.is_some_and(|t| t <= now) {
            return Err(AppError::Conflict(Msg::new("booking-offer-expired")));
        }
        queries::set_booking_status(&mut tx, b.id, BookingStatus::Confirmed, now).await?;
        audit::record(
            &mut tx,
            Some(actor.id),
            "booking.accept_offer",
            &format!("booking:{}", b.id),
            "",
            now,
        )
        .await?;
        let booking = queries::find_booking(&mut tx, b.id)
            .await?
            .ok_or_else(|| AppError::not_found("booking-not-found"))?;
        tx.commit().await?;
        return Ok(booking);
    }
    let sessions = crate::agenda::queries::sessions(&mut tx, event.id).await?;
    for other in queries::bookings_of(&mut tx, event.id, actor.id).await? {
        let Some(o) = sessions.iter().find(|s| s.id == other.session_id) else {
            continue;
        };
        if o.id != session.id
            && model::overlaps(
                (o.starts_at, o.ends_at),
                (session.starts_at, session.ends_at),
            )
        {
            return Err(AppError::Conflict(
                Msg::new("booking-clash")
                    .arg("session", o.title(lang))
                    .arg("time", crate::http::fmt::at(lang, event.tz(), o.starts_at)),
            ));
        }
    }
    // Nobody passes the people already in line, even when a seat is free (say, the room grew).
    let free = model::has_room(
        queries::seats_taken(&mut tx, session.id).await?,
        seats_of(&mut tx, &session).await?,
    ) && queries::first_waiting_booking(&mut tx, session.id)
        .await?
        .is_none();
    let status = if free {
        BookingStatus::Confirmed
    } else {
        BookingStatus::Waitlisted
    };
    let id = queries::put_booking(&mut tx, session.id, event.id, actor.id, status, now).await?;
    audit::record(
        &mut tx,
        Some(actor.id),
        "booking.book",
        &format!("booking:{id}"),
        match status {
            BookingStatus::Confirmed => "confirmed",
            _ => "waitlisted",
        },
        now,
    )
    .await?;
    let booking = queries::booking_for(&mut tx, session.id, actor.id)
        .await?
        .ok_or_else(|| AppError::not_found("booking-not-found"))?;
    tx.commit().await?;
    Ok(booking)
}

/// Gives up a seat or a place in line; the first person waiting gets the seat.
///
/// # Errors
/// `NotFound` (no booking).
pub async fn unbook(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    session_id: SessionId,
) -> Result<(), AppError> {
    let event = events::visible(state, Some(actor), slug).await?;
    let mut tx = db::begin_write(&state.db).await?;
    let now = super::service::lock(&mut tx, event.id, &state.clock).await?;
    let b = queries::booking_for(&mut tx, session_id, actor.id)
        .await?
        .filter(|b| b.status.is_live())
        .ok_or_else(|| AppError::not_found("booking-not-found"))?;
    queries::set_booking_status(&mut tx, b.id, BookingStatus::Cancelled, now).await?;
    audit::record(
        &mut tx,
        Some(actor.id),
        "booking.cancel",
        &format!("booking:{}", b.id),
        "",
        now,
    )
    .await?;
    promote(state, &mut tx, &event, session_id, now).await?;
    tx.commit().await?;
    state.mailer.wake();
    Ok(())
}

/// Offers the free seats of a session to the people waiting, in line order, until the event's
/// offer period ends or the session starts, whichever is first, and tells them by mail (inside the
/// caller's locked transaction). Nothing is offered once the session has started.
async fn promote(
    state: &AppState,
    conn: &mut DbConn,
    event: &Event,
    session_id: SessionId,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let Some(session) = crate::agenda::queries::find_session(conn, event.id, session_id).await?
    else {
        return Ok(());
    };
    if session.starts_at <= now || session.status != SessionStatus::Scheduled {
        return Ok(());
    }
    let hours = queries::settings(conn, event.id)
        .await?
        .map_or(48, |s| s.offer_hours);
    let until = (now + Duration::hours(hours)).min(session.starts_at);
    let seats = seats_of(conn, &session).await?;
    while model::has_room(queries::seats_taken(conn, session.id).await?, seats) {
        let Some(next) = queries::first_waiting_booking(conn, session.id).await? else {
            break;
        };
        queries::set_booking_offer(conn, next.id, BookingStatus::Offered, Some(until), now).await?;
        audit::record(
            conn,
            None,
            "booking.offer",
            &format!("booking:{}", next.id),
            &until.to_rfc3339(),
            now,
        )
        .await?;
        tell(
            state,
            conn,
            event,
            &session,
            next.account_id,
            "offered",
            until,
            now,
        )
        .await?;
    }
    Ok(())
}

/// Mails a person about a seat offer in `session`: `what` is "offered" or "expired".
#[allow(clippy::too_many_arguments)]
async fn tell(
    state: &AppState,
    conn: &mut DbConn,
    event: &Event,
    session: &Session,
    account: Option<AccountId>,
    what: &str,
    until: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let Some(account) = account else {
        return Ok(());
    };
    let Some(a) = crate::account::queries::find(conn, account).await? else {
        return Ok(());
    };
    let lang = a.lang();
    let kind = match what {
        "offered" => &crate::mail_template::model::BOOKING_OFFERED,
        _ => &crate::mail_template::model::BOOKING_EXPIRED,
    };
    let values = [
        ("name", a.name.clone()),
        ("session", session.title(lang).to_string()),
        ("event", event.title(lang).to_string()),
        (
            "time",
            crate::http::fmt::at(lang, event.tz(), session.starts_at),
        ),
        ("until", crate::http::fmt::at(lang, event.tz(), until)),
        (
            "link",
            state
                .config
                .url(&format!("/events/{}/sessions/{}", event.slug, session.id)),
        ),
    ];
    let letter = crate::mail_template::service::compose(
        conn,
        crate::mail_template::service::Sender::Event(event.id),
        kind,
        lang,
        &values,
    )
    .await?;
    crate::mail::enqueue(
        conn,
        &state.config,
        crate::mail::NewMail {
            to_address: &a.email,
            to_name: &a.name,
            lang,
            subject: &letter.subject,
            body_text: &letter.body,
            attachments: &[],
        },
        now,
    )
    .await?;
    Ok(())
}

/// Lets seat offers that were not taken up in time lapse, tells the people, and offers the seats
/// to the next in line. Run by the background worker; returns how many offers lapsed.
pub async fn expire_offers(state: &AppState) -> Result<usize, AppError> {
    let lapsed = {
        let mut conn = state.db.acquire().await?;
        queries::lapsed_booking_offers(&mut conn, state.clock.now()).await?
    };
    let mut count = 0;
    for b in lapsed {
        let mut tx = db::begin_write(&state.db).await?;
        let now = super::service::lock(&mut tx, b.event_id, &state.clock).await?;
        let Some(event) = crate::event::queries::find(&mut tx, b.event_id).await? else {
            continue;
        };
        // Re-read under the lock: the person may have taken up the seat meanwhile.
        let Some(still) = queries::find_booking(&mut tx, b.id).await? else {
            continue;
        };
        let Some(until) = still.offer_expires_at.filter(|t| *t <= now) else {
            continue;
        };
        if still.status != BookingStatus::Offered {
            continue;
        }
        queries::set_booking_status(&mut tx, b.id, BookingStatus::Expired, now).await?;
        audit::record(
            &mut tx,
            None,
            "booking.offer_expired",
            &format!("booking:{}", b.id),
            "",
            now,
        )
        .await?;
        if let Some(session) =
            crate::agenda::queries::find_session(&mut tx, event.id, b.session_id).await?
        {
            tell(
                state,
                &mut tx,
                &event,
                &session,
                b.account_id,
                "expired",
                until,
                now,
            )
            .await?;
        }
        promote(state, &mut tx, &event, b.session_id, now).await?;
        tx.commit().await?;
        count += 1;
    }
    if count > 0 {
        state.mailer.wake();
    }
    Ok(count)
}

/// Cancels every booking a person holds in an event (their registration ended), giving the seats
/// to the people waiting.
pub async fn release_all(
    state: &AppState,
    conn: &mut DbConn,
    event: &Event,
    account: AccountId,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    for b in queries::bookings_of(conn, event.id, account).await? {
        queries::set_booking_status(conn, b.id, BookingStatus::Cancelled, now).await?;
        promote(state, conn, event, b.session_id, now).await?;
    }
    Ok(())
}

/// A booking's status as a person reads it, with the end of a seat offer in the event's zone.
pub fn status_text(b: &Booking, lang: convene_frontend::Lang, event: &Event) -> String {
    let t = lang.tr();
    match (b.status, b.offer_expires_at) {
        (BookingStatus::Offered, Some(until)) => t.msg_args(
            "booking-status-offered",
            &[("until", crate::http::fmt::at(lang, event.tz(), until))],
        ),
        (status, _) => t.msg(status.label_id()),
    }
}

/// The seats of a limited session as its page shows them.
#[derive(Debug, Clone)]
pub struct Seats {
    pub seats: Option<i64>,
    pub taken: i64,
    pub waiting: i64,
    /// The actor's live booking, if any.
    pub mine: Option<Booking>,
    /// Whether the actor holds a confirmed registration (may book).
    pub registered: bool,
}

pub async fn seats(
    state: &AppState,
    actor: Option<&Actor>,
    event: &Event,
    session: &Session,
) -> Result<Seats, AppError> {
    let mut conn = state.db.acquire().await?;
    let seats = seats_of(&mut conn, session).await?;
    let taken = queries::seats_taken(&mut conn, session.id).await?;
    let waiting: i64 = sqlx::query_scalar(
        "select count(*) from session_bookings where session_id = $1 and status = 'waitlisted'",
    )
    .bind(session.id)
    .fetch_one(&mut *conn)
    .await?;
    let (mine, registered) = match actor {
        Some(a) => (
            queries::booking_for(&mut conn, session.id, a.id)
                .await?
                .filter(|b| b.status.is_live()),
            queries::find_for(&mut conn, event.id, a.id)
                .await?
                .is_some_and(|r| r.status == RegistrationStatus::Confirmed),
        ),
        None => (None, false),
    };
    Ok(Seats {
        seats,
        taken,
        waiting,
        mine,
        registered,
    })
}

/// The actor's live bookings in an event with their sessions, in time order.
pub async fn mine(
    state: &AppState,
    actor: &Actor,
    event: &Event,
) -> Result<Vec<(Session, Booking)>, AppError> {
    let mut conn = state.db.acquire().await?;
    let sessions = crate::agenda::queries::sessions(&mut conn, event.id).await?;
    let mut out: Vec<(Session, Booking)> = queries::bookings_of(&mut conn, event.id, actor.id)
        .await?
        .into_iter()
        .filter_map(|b| {
            let s = sessions.iter().find(|s| s.id == b.session_id)?;
            Some((s.clone(), b))
        })
        .collect();
    out.sort_by_key(|(s, _)| s.starts_at);
    Ok(out)
}

/// The sessions a person holds a confirmed seat in, in every event (for the personal feed).
pub async fn booked_session_ids(
    conn: &mut DbConn,
    account: AccountId,
) -> Result<Vec<SessionId>, AppError> {
    Ok(queries::all_bookings_of(conn, account)
        .await?
        .into_iter()
        .filter(|b| b.status == BookingStatus::Confirmed)
        .map(|b| b.session_id)
        .collect())
}
