//! Local times and instants. Instants are stored in UTC; people type and read local times in
//! an event's time zone. One rule for the two awkward hours of the year, used everywhere:
//! a local time that does not exist (the spring-forward gap, 02:30 on the last Sunday of March
//! in Berlin) means the instant one hour later (03:30 CEST); a local time that exists twice (the
//! autumn fall-back, 02:30 on the last Sunday of October) means the earlier one (CEST).

use chrono::{DateTime, Duration, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

/// The instant of a local date and time in `tz`.
pub fn local_to_utc(tz: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) => t.with_timezone(&Utc),
        LocalResult::Ambiguous(earlier, _) => earlier.with_timezone(&Utc),
        LocalResult::None => {
            // In a gap: the wall clock jumped forward (by an hour in every zone we serve).
            let later = local + Duration::hours(1);
            match tz.from_local_datetime(&later) {
                LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => t.with_timezone(&Utc),
                LocalResult::None => Utc.from_utc_datetime(&local),
            }
        }
    }
}

/// Parses `YYYY-MM-DD`.
pub fn parse_date(input: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(input.trim(), "%Y-%m-%d").ok()
}

/// Parses `HH:MM` (24 hours).
pub fn parse_time(input: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(input.trim(), "%H:%M").ok()
}

/// Parses an IANA time zone name such as `Europe/Berlin`.
pub fn parse_tz(input: &str) -> Option<Tz> {
    input.trim().parse::<Tz>().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(date: &str, time: &str) -> NaiveDateTime {
        parse_date(date)
            .unwrap()
            .and_time(parse_time(time).unwrap())
    }

    #[test]
    fn ordinary_times_convert_with_the_seasons_offset() {
        let berlin = chrono_tz::Europe::Berlin;
        assert_eq!(
            local_to_utc(berlin, at("2026-11-08", "09:30")).to_rfc3339(),
            "2026-11-08T08:30:00+00:00"
        );
        assert_eq!(
            local_to_utc(berlin, at("2026-10-24", "09:30")).to_rfc3339(),
            "2026-10-24T07:30:00+00:00"
        );
    }

    #[test]
    fn a_time_in_the_spring_gap_moves_one_hour_later() {
        let t = local_to_utc(chrono_tz::Europe::Berlin, at("2026-03-29", "02:30"));
        assert_eq!(t.to_rfc3339(), "2026-03-29T01:30:00+00:00");
    }

    #[test]
    fn a_time_in_the_autumn_overlap_takes_the_earlier_instant() {
        let t = local_to_utc(chrono_tz::Europe::Berlin, at("2026-10-25", "02:30"));
        assert_eq!(t.to_rfc3339(), "2026-10-25T00:30:00+00:00");
        let after = local_to_utc(chrono_tz::Europe::Berlin, at("2026-10-25", "03:30"));
        assert_eq!(after.to_rfc3339(), "2026-10-25T02:30:00+00:00");
    }

    #[test]
    fn time_zones_dates_and_times_are_parsed_strictly() {
        assert!(parse_tz("Europe/Berlin").is_some());
        assert!(parse_tz("Mars/Olympus").is_none());
        assert!(parse_date("2026-02-30").is_none());
        assert!(parse_time("24:00").is_none());
        assert!(parse_time("9:05").is_some());
    }
}
