//! The application's notion of "now". Production reads the system clock; tests move a fixed
//! clock forward so that deadline and expiry tests never sleep.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use chrono::{DateTime, Duration, DurationRound, Utc};

#[derive(Debug, Clone)]
pub struct Clock {
    /// Microseconds added to the system time (tests advance it).
    offset_micros: Arc<AtomicI64>,
    /// When set, time stands still at this instant (plus the offset).
    fixed: Option<DateTime<Utc>>,
}

impl Clock {
    pub fn system() -> Self {
        Clock {
            offset_micros: Arc::new(AtomicI64::new(0)),
            fixed: None,
        }
    }

    /// A clock that stands still at `t` until advanced.
    pub fn fixed(t: DateTime<Utc>) -> Self {
        Clock {
            offset_micros: Arc::new(AtomicI64::new(0)),
            fixed: Some(t),
        }
    }

    /// Now, truncated to whole microseconds (what PostgreSQL stores), so values read back from
    /// either engine compare equal to what was written.
    pub fn now(&self) -> DateTime<Utc> {
        let base = self.fixed.unwrap_or_else(Utc::now);
        let t = base + Duration::microseconds(self.offset_micros.load(Ordering::SeqCst));
        t.duration_trunc(Duration::microseconds(1)).unwrap_or(t)
    }

    /// Moves this clock (and every clone of it) forward.
    pub fn advance(&self, by: Duration) {
        let micros = by.num_microseconds().unwrap_or(i64::MAX);
        self.offset_micros.fetch_add(micros, Ordering::SeqCst);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_fixed_clock_moves_only_when_advanced_and_clones_follow() {
        let start = Utc.with_ymd_and_hms(2026, 11, 8, 9, 0, 0).unwrap();
        let clock = Clock::fixed(start);
        let clone = clock.clone();
        assert_eq!(clock.now(), start);
        clock.advance(Duration::hours(49));
        assert_eq!(clone.now(), start + Duration::hours(49));
    }
}
