//! Rate limits on attempts (sign-in, sign-up, mails sent on a person's behalf): each attempt is a
//! row of `auth_attempts` by kind and subject, counted over a window.

use chrono::{DateTime, Duration, Utc};

use super::queries;
use crate::error::{AppError, Msg};
use crate::ids::AccountId;
use crate::state::AppState;

/// One rate limit on attempts of `kind` by `subject`: at most `max` within `window`, or (with
/// `backoff`) `max` free ones within `window` and then a doubling wait after the last.
pub struct Limit {
    kind: &'static str,
    subject: String,
    max: i64,
    window: Duration,
    backoff: bool,
}

impl Limit {
    /// At most `max` attempts within `minutes` (a day at most: older attempts are pruned).
    pub fn new(kind: &'static str, subject: String, max: i64, minutes: i64) -> Self {
        Limit {
            kind,
            subject,
            max,
            window: Duration::minutes(minutes),
            backoff: false,
        }
    }

    /// `free` attempts, then waits of 2, 4, 8 … minutes (at most an hour) after the latest;
    /// attempts of the last hour count.
    pub fn backoff(kind: &'static str, subject: String, free: i64) -> Self {
        Limit {
            kind,
            subject,
            max: free,
            window: Duration::hours(1),
            backoff: true,
        }
    }

    /// How long to wait, given the other attempts counted in the window and the latest of them.
    fn wait(
        &self,
        others: i64,
        latest: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> Option<Duration> {
        if others < self.max {
            return None;
        }
        if !self.backoff {
            return Some(self.window);
        }
        let doublings = (others - self.max + 1).min(6) as u32;
        let until = latest? + Duration::minutes(2i64.pow(doublings)).min(Duration::hours(1));
        (until > now).then(|| until - now)
    }
}

/// Attempts counted by [`take_limits`], to be taken back when they should not count after all
/// (a successful sign-in, or one that could not be checked).
pub struct Taken {
    ids: Vec<i64>,
}

impl Taken {
    /// Keeps the attempts when `result` is a success that `counts`; takes them back otherwise,
    /// and passes `result` on.
    pub async fn keep_if<T>(
        self,
        state: &AppState,
        result: Result<T, AppError>,
        counts: impl FnOnce(&T) -> bool,
    ) -> Result<T, AppError> {
        if !result.as_ref().is_ok_and(counts) {
            self.release(state).await?;
        }
        result
    }

    pub async fn release(self, state: &AppState) -> Result<(), AppError> {
        let mut conn = state.db.acquire().await?;
        for id in self.ids {
            queries::delete_attempt(&mut conn, id).await?;
        }
        Ok(())
    }
}

/// Counts an attempt against each of the limits; `TooManyRequests` when any is reached.
///
/// The attempt is recorded first and the others counted after, each statement committed on its
/// own: of any number of concurrent attempts, the one whose row commits k-th sees at least k - 1
/// others, so no more get through than the limit allows. (Reading the count, doing slow work and
/// writing the attempt afterwards let 40 simultaneous wrong passwords all be checked.) This
/// needs no lock and works alike on SQLite and PostgreSQL. A refused attempt is taken back, so
/// waiting it out works.
pub async fn take_limits(
    state: &AppState,
    limits: &[Limit],
    now: DateTime<Utc>,
) -> Result<Taken, AppError> {
    let mut conn = state.db.acquire().await?;
    let mut taken = Taken { ids: Vec::new() };
    for limit in limits {
        taken
            .ids
            .push(queries::reserve_attempt(&mut conn, limit.kind, &limit.subject, now).await?);
    }
    let mut wait = None;
    for (limit, id) in limits.iter().zip(&taken.ids) {
        let (others, latest) = queries::other_attempts(
            &mut conn,
            limit.kind,
            &limit.subject,
            now - limit.window,
            *id,
        )
        .await?;
        wait = limit.wait(others, latest, now);
        if wait.is_some() {
            break;
        }
    }
    // Attempts older than a day never count again; pruning now and then keeps the table small.
    if rand::random::<u8>() < 4 {
        queries::prune_attempts(&mut conn, now - Duration::days(1)).await?;
    }
    drop(conn);
    match wait {
        None => Ok(taken),
        Some(wait) => {
            taken.release(state).await?;
            let minutes = ((wait.num_seconds() + 59) / 60).max(1);
            // Long waits (the daily limits) are said in hours.
            let msg = if minutes > 90 {
                Msg::new("auth-rate-limited-hours").arg("hours", (minutes + 59) / 60)
            } else {
                Msg::new("auth-rate-limited").arg("minutes", minutes)
            };
            Err(AppError::TooManyRequests(msg))
        }
    }
}

/// Invitations (to a submission's team, to a jury) make the server mail an address the sender
/// typed: at most 100 an hour and 300 a day per sender, and 3 a day to any one address, so
/// nobody can have it mail strangers in bulk or flood one inbox by inviting, removing and
/// inviting again.
pub fn invitations(sender: AccountId, address: &str) -> [Limit; 3] {
    [
        Limit::new("invite", format!("by:{sender}"), 100, 60),
        Limit::new("invite-day", format!("by:{sender}"), 300, 24 * 60),
        Limit::new(
            "invite-day",
            format!("to:{}", address.to_lowercase()),
            3,
            24 * 60,
        ),
    ]
}
