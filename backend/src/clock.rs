//! The application's notion of "now". Production reads the system clock; tests move a fixed
//! clock forward so that deadline and expiry tests never sleep.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};

use chrono::{DateTime, Duration, DurationRound, Utc};

#[derive(Debug, Clone)]
pub struct Clock {
    /// Microseconds added to the system time (tests advance it).
    offset_micros: Arc<AtomicI64>,
    /// When set, time stands still at this instant (plus the offset).
    fixed: Option<DateTime<Utc>>,
    /// Tests of ordering: every read moves the clock on by a microsecond, so no two reads
    /// return the same instant and the order of the reads shows in the data.
    ticking: Arc<AtomicBool>,
}

impl Clock {
    pub fn system() -> Self {
        Clock {
            offset_micros: Arc::new(AtomicI64::new(0)),
            fixed: None,
            ticking: Arc::new(AtomicBool::new(false)),
        }
    }

    /// A clock that stands still at `t` until advanced.
    pub fn fixed(t: DateTime<Utc>) -> Self {
        Clock {
            offset_micros: Arc::new(AtomicI64::new(0)),
            fixed: Some(t),
            ticking: Arc::new(AtomicBool::new(false)),
        }
    }

    /// Now, truncated to whole microseconds (what PostgreSQL stores), so values read back from
    /// either engine compare equal to what was written.
    pub fn now(&self) -> DateTime<Utc> {
        let base = self.fixed.unwrap_or_else(Utc::now);
        let offset = if self.ticking.load(Ordering::SeqCst) {
            self.offset_micros.fetch_add(1, Ordering::SeqCst) + 1
        } else {
            self.offset_micros.load(Ordering::SeqCst)
        };
        let t = base + Duration::microseconds(offset);
        t.duration_trunc(Duration::microseconds(1)).unwrap_or(t)
    }

    /// Makes every read of this clock (and its clones) a microsecond later than the one before.
    pub fn tick_each_read(&self, on: bool) {
        self.ticking.store(on, Ordering::SeqCst);
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
        clock.tick_each_read(true);
        let (a, b) = (clock.now(), clone.now());
        assert!(b > a && a > start + Duration::hours(49));
    }
}
