//! Local times and instants. Instants are stored in UTC; people type and read local times in
//! an event's time zone. One rule for the two awkward hours of the year, used by the pages, the
//! API and the calendar import alike ([`resolve_local`]):
//! - a local time that does not exist (the spring-forward gap, 02:30 on the last Sunday of March
//!   in Berlin) is refused: no instant is "the" one meant, and moving it silently once stored a
//!   session from 02:30 to 03:30 as starting and ending at the same instant;
//! - a local time that exists twice (the autumn fall-back, 02:30 on the last Sunday of October)
//!   needs a choice ([`Fold`]): the first (summer time) or the second (standard time) instant.
//!   Without one it is refused too, naming both.

use chrono::{
    DateTime, Duration, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone, Utc,
};
use chrono_tz::Tz;

use crate::error::Msg;

/// Which of the two instants a local time that happens twice means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fold {
    /// The first time the clock shows it (before the clocks go back: summer time).
    Earlier,
    /// The second time (after the clocks went back: standard time).
    Later,
}

impl Fold {
    pub fn as_str(self) -> &'static str {
        match self {
            Fold::Earlier => "earlier",
            Fold::Later => "later",
        }
    }

    /// `earlier` or `later`; empty is no choice.
    pub fn parse(input: &str) -> Result<Option<Fold>, Msg> {
        match input.trim() {
            "" => Ok(None),
            "earlier" => Ok(Some(Fold::Earlier)),
            "later" => Ok(Some(Fold::Later)),
            _ => Err(Msg::new("valid-fold-invalid")),
        }
    }
}

/// Why a local time names no single instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LocalTimeError {
    /// The clocks jump over it (spring forward).
    Gap,
    /// The clocks show it twice (fall back) and no [`Fold`] was given.
    Twice {
        earlier: DateTime<Utc>,
        later: DateTime<Utc>,
    },
}

impl LocalTimeError {
    /// The message for people: which local time, on which day, in which zone, and for a time
    /// that happens twice the two offsets to choose from.
    pub fn msg(self, tz: Tz, local: NaiveDateTime) -> Msg {
        let base = |id: &'static str| {
            Msg::new(id)
                .arg("time", local.format("%H:%M"))
                .arg("date", local.format("%Y-%m-%d"))
                .arg("zone", tz.name())
        };
        match self {
            LocalTimeError::Gap => base("valid-time-gap"),
            LocalTimeError::Twice { earlier, later } => base("valid-time-twice")
                .arg("earlier", utc_offset(tz, earlier))
                .arg("later", utc_offset(tz, later)),
        }
    }
}

/// An instant typed into a deadline field (registration opens and closes, a call's deadline, a
/// jury round): RFC 3339 with its offset, or a local `YYYY-MM-DDTHH:MM` (a form's
/// datetime-local, seconds allowed) in `tz`, empty for none. Such fields have no choice of
/// [`Fold`], so a local time the clocks skip or show twice is refused with a message naming the
/// day and the zone; an offset (`…T02:30+01:00`) settles a time that happens twice.
///
/// # Errors
/// `valid-instant-invalid`, `valid-date-range`, `valid-time-gap`, `valid-time-twice-deadline`.
pub fn parse_instant(s: &str, tz: Tz) -> Result<Option<DateTime<Utc>>, Msg> {
    let t = s.trim();
    if t.is_empty() {
        return Ok(None);
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(t) {
        if is_leap_second(t.time()) {
            return Err(Msg::new("valid-instant-invalid"));
        }
        if !in_years(t.date_naive()) {
            return Err(out_of_years());
        }
        return Ok(Some(t.with_timezone(&Utc)));
    }
    for format in ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"] {
        if let Ok(local) = NaiveDateTime::parse_from_str(t, format) {
            if is_leap_second(local.time()) {
                return Err(Msg::new("valid-instant-invalid"));
            }
            if !in_years(local.date()) {
                return Err(out_of_years());
            }
            return match resolve_local(tz, local, None) {
                Ok(at) => Ok(Some(at)),
                Err(e @ LocalTimeError::Gap) => Err(e.msg(tz, local)),
                Err(e @ LocalTimeError::Twice { .. }) => {
                    let mut m = e.msg(tz, local);
                    m.id = "valid-time-twice-deadline";
                    Err(m)
                }
            };
        }
    }
    Err(Msg::new("valid-instant-invalid"))
}

/// `UTC+02:00`: the offset of `tz` at `at`.
pub fn utc_offset(tz: Tz, at: DateTime<Utc>) -> String {
    let secs = at.with_timezone(&tz).offset().fix().local_minus_utc();
    let sign = if secs < 0 { '-' } else { '+' };
    let secs = secs.abs();
    format!("UTC{sign}{:02}:{:02}", secs / 3600, secs % 3600 / 60)
}

/// The instant of a local date and time in `tz`, by the rule in the module docs.
///
/// # Errors
/// [`LocalTimeError::Gap`] for a time the clocks skip, [`LocalTimeError::Twice`] for one they
/// show twice when `fold` is `None`.
pub fn resolve_local(
    tz: Tz,
    local: NaiveDateTime,
    fold: Option<Fold>,
) -> Result<DateTime<Utc>, LocalTimeError> {
    match (tz.from_local_datetime(&local), fold) {
        (LocalResult::Single(t), _) => Ok(t.with_timezone(&Utc)),
        (LocalResult::Ambiguous(earlier, _), Some(Fold::Earlier)) => {
            Ok(earlier.with_timezone(&Utc))
        }
        (LocalResult::Ambiguous(_, later), Some(Fold::Later)) => Ok(later.with_timezone(&Utc)),
        (LocalResult::Ambiguous(earlier, later), None) => Err(LocalTimeError::Twice {
            earlier: earlier.with_timezone(&Utc),
            later: later.with_timezone(&Utc),
        }),
        (LocalResult::None, _) => Err(LocalTimeError::Gap),
    }
}

/// Which [`Fold`] an instant is on when its local time in `tz` happens twice (`None` for every
/// other instant): what a form must send back so that saving it unchanged keeps the instant.
pub fn fold_of(tz: Tz, at: DateTime<Utc>) -> Option<Fold> {
    let local = at.with_timezone(&tz).naive_local();
    match tz.from_local_datetime(&local) {
        LocalResult::Ambiguous(earlier, _) if earlier.with_timezone(&Utc) == at => {
            Some(Fold::Earlier)
        }
        LocalResult::Ambiguous(..) => Some(Fold::Later),
        _ => None,
    }
}

/// Whether `local` happens twice in `tz` (the form then offers the choice).
pub fn is_twice(tz: Tz, local: NaiveDateTime) -> bool {
    matches!(tz.from_local_datetime(&local), LocalResult::Ambiguous(..))
}

/// The instant of a local date and time that the application computes itself (defaults such
/// as "09:00 on the first day"), never one a person typed: those go through [`resolve_local`].
/// A time in a gap moves on by the gap (an hour in every zone we serve); one that happens
/// twice takes the earlier instant.
pub fn local_to_utc(tz: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    match resolve_local(tz, local, Some(Fold::Earlier)) {
        Ok(t) => t,
        Err(_) => {
            let later = local + Duration::hours(1);
            resolve_local(tz, later, Some(Fold::Earlier))
                .unwrap_or_else(|_| Utc.from_utc_datetime(&local))
        }
    }
}

/// The years a date typed or imported may lie in: any event, deadline or birth date fits, and
/// every calendar and feed can write it (four-digit years: `DTSTART:+100000101` is no date a
/// calendar reads).
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

/// Whether `date` lies in [`YEARS`].
pub fn in_years(date: NaiveDate) -> bool {
    YEARS.contains(&chrono::Datelike::year(&date))
}

/// Whether `time` is a leap second (`…:59:60`), which chrono reads but no calendar or client
/// takes back: times typed or sent with one are refused.
pub fn is_leap_second(time: NaiveTime) -> bool {
    chrono::Timelike::nanosecond(&time) >= 1_000_000_000
}

/// The refusal of a date outside [`YEARS`].
pub fn out_of_years() -> Msg {
    Msg::new("valid-date-range")
        .arg("min", YEARS.start())
        .arg("max", YEARS.end())
}

/// Parses `YYYY-MM-DD` within [`YEARS`].
///
/// # Errors
/// `valid-date-invalid` for anything else than such a date, `valid-date-range` outside the years.
pub fn parse_date(input: &str) -> Result<NaiveDate, Msg> {
    let date = NaiveDate::parse_from_str(input.trim(), "%Y-%m-%d")
        .map_err(|_| Msg::new("valid-date-invalid"))?;
    if in_years(date) {
        Ok(date)
    } else {
        Err(out_of_years())
    }
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
    fn a_leap_second_is_not_an_instant() {
        let berlin = chrono_tz::Europe::Berlin;
        for s in [
            "2026-06-30T23:59:60Z",
            "2026-06-30T17:18:60+02:00",
            "2026-06-30T17:18:60",
        ] {
            assert_eq!(
                parse_instant(s, berlin).unwrap_err().id,
                "valid-instant-invalid",
                "{s}"
            );
        }
        assert!(parse_instant("2026-06-30T23:59:59Z", berlin).is_ok());
    }

    #[test]
    fn typed_deadlines_refuse_the_gap_and_the_overlap_unless_an_offset_settles_it() {
        let berlin = chrono_tz::Europe::Berlin;
        let ok = |s| parse_instant(s, berlin).unwrap().map(|t| t.to_rfc3339());
        let refused = |s| parse_instant(s, berlin).unwrap_err().id;
        assert_eq!(
            ok("2027-03-28T01:59"),
            Some("2027-03-28T00:59:00+00:00".into())
        );
        assert_eq!(
            ok("2027-03-28T03:00:00"),
            Some("2027-03-28T01:00:00+00:00".into())
        );
        assert_eq!(ok(" "), None);
        assert_eq!(refused("2027-03-28T02:30"), "valid-time-gap");
        assert_eq!(refused("2027-10-31T02:30"), "valid-time-twice-deadline");
        assert_eq!(
            ok("2027-10-31T02:30:00+01:00"),
            Some("2027-10-31T01:30:00+00:00".into())
        );
        assert_eq!(refused("31.10.2027 02:30"), "valid-instant-invalid");
        let m = parse_instant("2027-10-31T02:30", berlin).unwrap_err();
        assert!(m.args.contains(&("earlier", "UTC+02:00".into())), "{m:?}");
        assert!(m.args.contains(&("later", "UTC+01:00".into())), "{m:?}");
    }

    #[test]
    fn computed_times_in_the_spring_gap_move_one_hour_later() {
        let t = local_to_utc(chrono_tz::Europe::Berlin, at("2026-03-29", "02:30"));
        assert_eq!(t.to_rfc3339(), "2026-03-29T01:30:00+00:00");
        let t = local_to_utc(chrono_tz::Europe::Berlin, at("2026-10-25", "02:30"));
        assert_eq!(t.to_rfc3339(), "2026-10-25T00:30:00+00:00");
    }

    #[test]
    fn a_typed_time_in_the_spring_gap_is_refused_whatever_the_choice() {
        let berlin = chrono_tz::Europe::Berlin;
        for fold in [None, Some(Fold::Earlier), Some(Fold::Later)] {
            assert_eq!(
                resolve_local(berlin, at("2027-03-28", "02:30"), fold),
                Err(LocalTimeError::Gap)
            );
        }
        // The minutes either side of the gap exist.
        assert_eq!(
            resolve_local(berlin, at("2027-03-28", "01:59"), None)
                .unwrap()
                .to_rfc3339(),
            "2027-03-28T00:59:00+00:00"
        );
        assert_eq!(
            resolve_local(berlin, at("2027-03-28", "03:00"), None)
                .unwrap()
                .to_rfc3339(),
            "2027-03-28T01:00:00+00:00"
        );
        let msg = LocalTimeError::Gap.msg(berlin, at("2027-03-28", "02:30"));
        assert_eq!(
            msg,
            Msg::new("valid-time-gap")
                .arg("time", "02:30")
                .arg("date", "2027-03-28")
                .arg("zone", "Europe/Berlin")
        );
    }

    #[test]
    fn a_typed_time_in_the_autumn_overlap_needs_a_choice_of_instant() {
        let berlin = chrono_tz::Europe::Berlin;
        let local = at("2027-10-31", "02:30");
        let Err(twice) = resolve_local(berlin, local, None) else {
            panic!("02:30 happens twice")
        };
        assert_eq!(
            twice.msg(berlin, local),
            Msg::new("valid-time-twice")
                .arg("time", "02:30")
                .arg("date", "2027-10-31")
                .arg("zone", "Europe/Berlin")
                .arg("earlier", "UTC+02:00")
                .arg("later", "UTC+01:00")
        );
        let first = resolve_local(berlin, local, Some(Fold::Earlier)).unwrap();
        let second = resolve_local(berlin, local, Some(Fold::Later)).unwrap();
        assert_eq!(first.to_rfc3339(), "2027-10-31T00:30:00+00:00");
        assert_eq!(second.to_rfc3339(), "2027-10-31T01:30:00+00:00");
        // A form filled from a stored instant sends the same choice back.
        assert_eq!(fold_of(berlin, first), Some(Fold::Earlier));
        assert_eq!(fold_of(berlin, second), Some(Fold::Later));
        assert_eq!(fold_of(berlin, first - Duration::hours(2)), None);
        assert!(is_twice(berlin, local));
        assert!(!is_twice(berlin, at("2027-10-31", "03:30")));
        // Outside the overlap the choice changes nothing.
        assert_eq!(
            resolve_local(berlin, at("2027-10-31", "03:30"), Some(Fold::Earlier))
                .unwrap()
                .to_rfc3339(),
            "2027-10-31T02:30:00+00:00"
        );
    }

    #[test]
    fn folds_parse_strictly() {
        assert_eq!(Fold::parse(""), Ok(None));
        assert_eq!(Fold::parse("later"), Ok(Some(Fold::Later)));
        assert!(Fold::parse("second").is_err());
    }

    #[test]
    fn time_zones_dates_and_times_are_parsed_strictly() {
        assert!(parse_tz("Europe/Berlin").is_some());
        assert!(parse_tz("Mars/Olympus").is_none());
        assert_eq!(
            parse_date("2026-02-30").unwrap_err().id,
            "valid-date-invalid"
        );
        assert!(parse_time("24:00").is_none());
        assert!(parse_time("9:05").is_some());
    }

    #[test]
    fn dates_outside_the_years_a_calendar_can_write_are_refused() {
        let berlin: Tz = "Europe/Berlin".parse().unwrap();
        for date in ["0000-01-01", "1899-12-31", "2201-01-01"] {
            assert_eq!(
                parse_date(date).unwrap_err().id,
                "valid-date-range",
                "{date}"
            );
            let at = format!("{date}T09:00");
            assert_eq!(
                parse_instant(&at, berlin).unwrap_err().id,
                "valid-date-range",
                "{at}"
            );
            let rfc = format!("{date}T09:00:00Z");
            assert_eq!(
                parse_instant(&rfc, berlin).unwrap_err().id,
                "valid-date-range",
                "{rfc}"
            );
        }
        // chrono reads signed and five-digit years; they are refused all the same.
        for odd in ["-0001-01-01", "+10000-01-01"] {
            assert!(parse_date(odd).is_err(), "{odd}");
        }
        assert!(parse_date("1900-01-01").is_ok());
        assert!(parse_date("2200-12-31").is_ok());
    }
}
