//! Time zones as calendar files name them, for the `.ics` import: IANA names (also with the
//! prefixes Mozilla and Evolution put before them), Windows zone ids (Outlook, Exchange),
//! Outlook's display names ("(UTC+01:00) Amsterdam, Berlin, Bern, Rom, Stockholm, Wien"), and,
//! for anything else, the rules of the `VTIMEZONE` the file defines for the name. Pure.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Utc, Weekday};
use chrono_tz::{OffsetComponents, Tz};

/// How a file's local times become instants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Zone {
    /// A zone of the time zone database.
    Iana(Tz),
    /// The observances of a `VTIMEZONE` that names no zone we know.
    Rules(Vec<Observance>),
}

/// One `STANDARD` or `DAYLIGHT` part of a `VTIMEZONE`: from its onset (local time, in the offset
/// before it) on, local times are `offset_to` ahead of UTC; it recurs yearly on the
/// `nth` `weekday` of `month` (`nth` -1: the last), or happens once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Observance {
    pub onset: NaiveDateTime,
    pub offset_from: Duration,
    pub offset_to: Duration,
    pub yearly: Option<(u32, i32, Weekday)>,
}

/// The Windows zone ids with CLDR's world-wide default zone for each (`windowsZones.xml`,
/// territory 001).
const WINDOWS: &[(&str, &str)] = &[
    ("Afghanistan Standard Time", "Asia/Kabul"),
    ("Alaskan Standard Time", "America/Anchorage"),
    ("Aleutian Standard Time", "America/Adak"),
    ("Altai Standard Time", "Asia/Barnaul"),
    ("Arab Standard Time", "Asia/Riyadh"),
    ("Arabian Standard Time", "Asia/Dubai"),
    ("Arabic Standard Time", "Asia/Baghdad"),
    ("Argentina Standard Time", "America/Buenos_Aires"),
    ("Astrakhan Standard Time", "Europe/Astrakhan"),
    ("Atlantic Standard Time", "America/Halifax"),
    ("AUS Central Standard Time", "Australia/Darwin"),
    ("Aus Central W. Standard Time", "Australia/Eucla"),
    ("AUS Eastern Standard Time", "Australia/Sydney"),
    ("Azerbaijan Standard Time", "Asia/Baku"),
    ("Azores Standard Time", "Atlantic/Azores"),
    ("Bahia Standard Time", "America/Bahia"),
    ("Bangladesh Standard Time", "Asia/Dhaka"),
    ("Belarus Standard Time", "Europe/Minsk"),
    ("Bougainville Standard Time", "Pacific/Bougainville"),
    ("Canada Central Standard Time", "America/Regina"),
    ("Cape Verde Standard Time", "Atlantic/Cape_Verde"),
    ("Caucasus Standard Time", "Asia/Yerevan"),
    ("Cen. Australia Standard Time", "Australia/Adelaide"),
    ("Central America Standard Time", "America/Guatemala"),
    ("Central Asia Standard Time", "Asia/Almaty"),
    ("Central Brazilian Standard Time", "America/Cuiaba"),
    ("Central Europe Standard Time", "Europe/Budapest"),
    ("Central European Standard Time", "Europe/Warsaw"),
    ("Central Pacific Standard Time", "Pacific/Guadalcanal"),
    ("Central Standard Time", "America/Chicago"),
    ("Central Standard Time (Mexico)", "America/Mexico_City"),
    ("Chatham Islands Standard Time", "Pacific/Chatham"),
    ("China Standard Time", "Asia/Shanghai"),
    ("Cuba Standard Time", "America/Havana"),
    ("Dateline Standard Time", "Etc/GMT+12"),
    ("E. Africa Standard Time", "Africa/Nairobi"),
    ("E. Australia Standard Time", "Australia/Brisbane"),
    ("E. Europe Standard Time", "Europe/Chisinau"),
    ("E. South America Standard Time", "America/Sao_Paulo"),
    ("Easter Island Standard Time", "Pacific/Easter"),
    ("Eastern Standard Time", "America/New_York"),
    ("Eastern Standard Time (Mexico)", "America/Cancun"),
    ("Egypt Standard Time", "Africa/Cairo"),
    ("Ekaterinburg Standard Time", "Asia/Yekaterinburg"),
    ("Fiji Standard Time", "Pacific/Fiji"),
    ("FLE Standard Time", "Europe/Kiev"),
    ("Georgian Standard Time", "Asia/Tbilisi"),
    ("GMT Standard Time", "Europe/London"),
    ("Greenland Standard Time", "America/Godthab"),
    ("Greenwich Standard Time", "Atlantic/Reykjavik"),
    ("GTB Standard Time", "Europe/Bucharest"),
    ("Haiti Standard Time", "America/Port-au-Prince"),
    ("Hawaiian Standard Time", "Pacific/Honolulu"),
    ("India Standard Time", "Asia/Calcutta"),
    ("Iran Standard Time", "Asia/Tehran"),
    ("Israel Standard Time", "Asia/Jerusalem"),
    ("Jordan Standard Time", "Asia/Amman"),
    ("Kaliningrad Standard Time", "Europe/Kaliningrad"),
    ("Kamchatka Standard Time", "Asia/Kamchatka"),
    ("Korea Standard Time", "Asia/Seoul"),
    ("Libya Standard Time", "Africa/Tripoli"),
    ("Line Islands Standard Time", "Pacific/Kiritimati"),
    ("Lord Howe Standard Time", "Australia/Lord_Howe"),
    ("Magadan Standard Time", "Asia/Magadan"),
    ("Magallanes Standard Time", "America/Punta_Arenas"),
    ("Marquesas Standard Time", "Pacific/Marquesas"),
    ("Mauritius Standard Time", "Indian/Mauritius"),
    ("Mid-Atlantic Standard Time", "Etc/GMT+2"),
    ("Middle East Standard Time", "Asia/Beirut"),
    ("Montevideo Standard Time", "America/Montevideo"),
    ("Morocco Standard Time", "Africa/Casablanca"),
    ("Mountain Standard Time", "America/Denver"),
    ("Mountain Standard Time (Mexico)", "America/Mazatlan"),
    ("Myanmar Standard Time", "Asia/Rangoon"),
    ("N. Central Asia Standard Time", "Asia/Novosibirsk"),
    ("Namibia Standard Time", "Africa/Windhoek"),
    ("Nepal Standard Time", "Asia/Katmandu"),
    ("New Zealand Standard Time", "Pacific/Auckland"),
    ("Newfoundland Standard Time", "America/St_Johns"),
    ("Norfolk Standard Time", "Pacific/Norfolk"),
    ("North Asia East Standard Time", "Asia/Irkutsk"),
    ("North Asia Standard Time", "Asia/Krasnoyarsk"),
    ("North Korea Standard Time", "Asia/Pyongyang"),
    ("Omsk Standard Time", "Asia/Omsk"),
    ("Pacific SA Standard Time", "America/Santiago"),
    ("Pacific Standard Time", "America/Los_Angeles"),
    ("Pacific Standard Time (Mexico)", "America/Tijuana"),
    ("Pakistan Standard Time", "Asia/Karachi"),
    ("Paraguay Standard Time", "America/Asuncion"),
    ("Qyzylorda Standard Time", "Asia/Qyzylorda"),
    ("Romance Standard Time", "Europe/Paris"),
    ("Russia Time Zone 10", "Asia/Srednekolymsk"),
    ("Russia Time Zone 11", "Asia/Kamchatka"),
    ("Russia Time Zone 3", "Europe/Samara"),
    ("Russian Standard Time", "Europe/Moscow"),
    ("SA Eastern Standard Time", "America/Cayenne"),
    ("SA Pacific Standard Time", "America/Bogota"),
    ("SA Western Standard Time", "America/La_Paz"),
    ("Saint Pierre Standard Time", "America/Miquelon"),
    ("Sakhalin Standard Time", "Asia/Sakhalin"),
    ("Samoa Standard Time", "Pacific/Apia"),
    ("Sao Tome Standard Time", "Africa/Sao_Tome"),
    ("Saratov Standard Time", "Europe/Saratov"),
    ("SE Asia Standard Time", "Asia/Bangkok"),
    ("Singapore Standard Time", "Asia/Singapore"),
    ("South Africa Standard Time", "Africa/Johannesburg"),
    ("South Sudan Standard Time", "Africa/Juba"),
    ("Sri Lanka Standard Time", "Asia/Colombo"),
    ("Sudan Standard Time", "Africa/Khartoum"),
    ("Syria Standard Time", "Asia/Damascus"),
    ("Taipei Standard Time", "Asia/Taipei"),
    ("Tasmania Standard Time", "Australia/Hobart"),
    ("Tocantins Standard Time", "America/Araguaina"),
    ("Tokyo Standard Time", "Asia/Tokyo"),
    ("Tomsk Standard Time", "Asia/Tomsk"),
    ("Tonga Standard Time", "Pacific/Tongatapu"),
    ("Transbaikal Standard Time", "Asia/Chita"),
    ("Turkey Standard Time", "Europe/Istanbul"),
    ("Turks And Caicos Standard Time", "America/Grand_Turk"),
    ("Ulaanbaatar Standard Time", "Asia/Ulaanbaatar"),
    ("US Eastern Standard Time", "America/Indianapolis"),
    ("US Mountain Standard Time", "America/Phoenix"),
    ("UTC", "Etc/UTC"),
    ("UTC+12", "Etc/GMT-12"),
    ("UTC+13", "Etc/GMT-13"),
    ("UTC-02", "Etc/GMT+2"),
    ("UTC-08", "Etc/GMT+8"),
    ("UTC-09", "Etc/GMT+9"),
    ("UTC-11", "Etc/GMT+11"),
    ("Venezuela Standard Time", "America/Caracas"),
    ("Vladivostok Standard Time", "Asia/Vladivostok"),
    ("Volgograd Standard Time", "Europe/Volgograd"),
    ("W. Australia Standard Time", "Australia/Perth"),
    ("W. Central Africa Standard Time", "Africa/Lagos"),
    ("W. Europe Standard Time", "Europe/Berlin"),
    ("W. Mongolia Standard Time", "Asia/Hovd"),
    ("West Asia Standard Time", "Asia/Tashkent"),
    ("West Bank Standard Time", "Asia/Hebron"),
    ("West Pacific Standard Time", "Pacific/Port_Moresby"),
    ("Yakutsk Standard Time", "Asia/Yakutsk"),
    ("Yukon Standard Time", "America/Whitehorse"),
    ("Coordinated Universal Time", "Etc/UTC"),
];

/// Outlook display names that name no city: the region they stand for.
const DISPLAY_REGIONS: &[(&str, &str)] = &[
    ("eastern time (us & canada)", "America/New_York"),
    ("central time (us & canada)", "America/Chicago"),
    ("mountain time (us & canada)", "America/Denver"),
    ("pacific time (us & canada)", "America/Los_Angeles"),
    ("atlantic time (canada)", "America/Halifax"),
    ("coordinated universal time", "Etc/UTC"),
];

/// The zone a `TZID` names, without looking at the file's `VTIMEZONE`s.
pub fn named(name: &str) -> Option<Tz> {
    let name = name.trim().trim_matches('"').trim();
    if let Ok(tz) = name.parse::<Tz>() {
        return Some(tz);
    }
    if let Some((_, iana)) = WINDOWS.iter().find(|(w, _)| w.eq_ignore_ascii_case(name)) {
        return iana.parse().ok();
    }
    // "/mozilla.org/20050126_1/Europe/Berlin", "/freeassociation.sourceforge.net/Tzfile/
    // Europe/Berlin": the longest tail that is a zone name.
    if name.contains('/') {
        let parts: Vec<&str> = name.split('/').filter(|p| !p.is_empty()).collect();
        for start in 0..parts.len() {
            if let Ok(tz) = parts[start..].join("/").parse::<Tz>() {
                return Some(tz);
            }
        }
    }
    display_name(name)
}

/// "(UTC+01:00) Amsterdam, Berlin, Bern, Rom, Stockholm, Wien": the first city that is a zone
/// of the database with that standard offset (or a region Outlook names by its name).
fn display_name(name: &str) -> Option<Tz> {
    use chrono::TimeZone;
    let (offset, places) = name.strip_prefix("(UTC")?.split_once(')')?;
    let offset = match offset {
        "" => Duration::zero(),
        o => parse_offset(&o.replace(':', ""))?,
    };
    let places = places.trim();
    let lower = places.to_lowercase();
    if let Some((_, iana)) = DISPLAY_REGIONS.iter().find(|(d, _)| lower.starts_with(d)) {
        return iana.parse().ok();
    }
    let noon = NaiveDate::from_ymd_opt(2026, 1, 15)?.and_hms_opt(12, 0, 0)?;
    let standard = |tz: Tz| tz.offset_from_utc_datetime(&noon).base_utc_offset();
    for place in places.split(',') {
        let city = place.trim().replace(' ', "_");
        if city.is_empty() {
            continue;
        }
        let found = chrono_tz::TZ_VARIANTS.iter().copied().find(|tz| {
            let zone_city = tz.name().rsplit('/').next().unwrap_or("");
            zone_city.eq_ignore_ascii_case(&city) && standard(*tz) == offset
        });
        if found.is_some() {
            return found;
        }
    }
    None
}

/// "+0100", "-0530", "+01" as a duration east of UTC.
pub fn parse_offset(s: &str) -> Option<Duration> {
    let s = s.trim();
    let (sign, digits) = match s.as_bytes().first()? {
        b'+' => (1, &s[1..]),
        b'-' => (-1, &s[1..]),
        _ => return None,
    };
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (h, m, sec) = match digits.len() {
        2 => (digits.parse::<i64>().ok()?, 0, 0),
        4 => (digits[..2].parse().ok()?, digits[2..].parse().ok()?, 0),
        6 => (
            digits[..2].parse().ok()?,
            digits[2..4].parse().ok()?,
            digits[4..].parse().ok()?,
        ),
        _ => return None,
    };
    if h > 23 || m > 59 || sec > 59 {
        return None;
    }
    Some(Duration::seconds(sign * (h * 3600 + m * 60 + sec)))
}

/// `BYMONTH=10;BYDAY=-1SU` (the forms calendar apps write for zones) as (month, nth, weekday).
pub fn parse_yearly(rrule: &str) -> Option<(u32, i32, Weekday)> {
    let mut month = None;
    let mut day = None;
    let mut yearly = false;
    for part in rrule.split(';') {
        let (k, v) = part.split_once('=')?;
        match k.trim().to_ascii_uppercase().as_str() {
            "FREQ" => yearly = v.eq_ignore_ascii_case("YEARLY"),
            "BYMONTH" => month = v.parse::<u32>().ok().filter(|m| (1..=12).contains(m)),
            "BYDAY" => {
                let v = v.trim();
                let split = v.len().checked_sub(2)?;
                let (n, wd) = v.split_at(split);
                let n = match n {
                    "" => 1,
                    n => n.trim_start_matches('+').parse::<i32>().ok()?,
                };
                let wd = match wd.to_ascii_uppercase().as_str() {
                    "MO" => Weekday::Mon,
                    "TU" => Weekday::Tue,
                    "WE" => Weekday::Wed,
                    "TH" => Weekday::Thu,
                    "FR" => Weekday::Fri,
                    "SA" => Weekday::Sat,
                    "SU" => Weekday::Sun,
                    _ => return None,
                };
                if n == 0 || !(-5..=5).contains(&n) {
                    return None;
                }
                day = Some((n, wd));
            }
            _ => {}
        }
    }
    let (n, wd) = day?;
    yearly.then_some((month?, n, wd))
}

/// The `nth` `weekday` of `month` in `year` (-1: the last).
fn nth_weekday(year: i32, month: u32, nth: i32, weekday: Weekday) -> Option<NaiveDate> {
    if nth > 0 {
        let first = NaiveDate::from_ymd_opt(year, month, 1)?;
        let shift =
            (7 + weekday.num_days_from_monday() - first.weekday().num_days_from_monday()) % 7;
        let d = first + Duration::days(i64::from(shift) + 7 * i64::from(nth - 1));
        (d.month() == month).then_some(d)
    } else {
        let next = if month == 12 {
            NaiveDate::from_ymd_opt(year + 1, 1, 1)?
        } else {
            NaiveDate::from_ymd_opt(year, month + 1, 1)?
        };
        let last = next - Duration::days(1);
        let back = (7 + last.weekday().num_days_from_monday() - weekday.num_days_from_monday()) % 7;
        let d = last - Duration::days(i64::from(back) + 7 * i64::from(-nth - 1));
        (d.month() == month).then_some(d)
    }
}

impl Observance {
    /// The instants (UTC) at which this observance begins in `year` (none, or one).
    fn onset_in(&self, year: i32) -> Option<DateTime<Utc>> {
        let local = match self.yearly {
            Some((month, nth, wd)) => {
                if year < self.onset.year() {
                    return None;
                }
                nth_weekday(year, month, nth, wd)?.and_time(self.onset.time())
            }
            None if self.onset.year() == year => self.onset,
            None => return None,
        };
        Some((local - self.offset_from).and_utc())
    }
}

/// Local time to UTC by the observances of a `VTIMEZONE`: the offset of the observance that
/// began last before the instant (tried with every offset the zone has, the earlier instant
/// winning where two fit, as RFC 5545 §3.3.5 asks for a time that happens twice). `None` for a
/// time no observance covers, or one in a gap.
pub fn by_rules(rules: &[Observance], local: NaiveDateTime) -> Option<DateTime<Utc>> {
    let offset_at = |t: DateTime<Utc>| {
        let mut best: Option<(DateTime<Utc>, Duration)> = None;
        for o in rules {
            for year in [t.year() - 1, t.year()] {
                if let Some(at) = o.onset_in(year)
                    && at <= t
                    && best.is_none_or(|(b, _)| at > b)
                {
                    best = Some((at, o.offset_to));
                }
            }
        }
        best.map(|(_, off)| off)
            .or_else(|| rules.first().map(|o| o.offset_from))
    };
    let mut offsets: Vec<Duration> = rules
        .iter()
        .flat_map(|o| [o.offset_from, o.offset_to])
        .collect();
    offsets.sort();
    offsets.dedup();
    // The largest offset gives the earliest instant.
    offsets
        .into_iter()
        .rev()
        .map(|off| (local - off).and_utc())
        .find(|t| offset_at(*t) == Some(local - t.naive_utc()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn windows_ids_mozilla_prefixes_and_outlook_display_names_name_zones() {
        let berlin = Some(chrono_tz::Europe::Berlin);
        assert_eq!(named("W. Europe Standard Time"), berlin);
        assert_eq!(named("\"W. Europe Standard Time\""), berlin);
        assert_eq!(named("/mozilla.org/20050126_1/Europe/Berlin"), berlin);
        assert_eq!(
            named("/freeassociation.sourceforge.net/Tzfile/Europe/Berlin"),
            berlin
        );
        assert_eq!(
            named("/softwarestudio.org/Olson_20011030_5/America/New_York"),
            Some(chrono_tz::America::New_York)
        );
        assert_eq!(
            named("(UTC+01:00) Amsterdam, Berlin, Bern, Rom, Stockholm, Wien"),
            Some(chrono_tz::Europe::Amsterdam)
        );
        assert_eq!(
            named("(UTC-05:00) Eastern Time (US & Canada)"),
            Some(chrono_tz::America::New_York)
        );
        assert_eq!(
            named("(UTC+05:30) Chennai, Kolkata, Mumbai, New Delhi"),
            Some(chrono_tz::Asia::Kolkata)
        );
        assert_eq!(named("Tokyo Standard Time"), Some(chrono_tz::Asia::Tokyo));
        assert_eq!(named("Mars/Olympus"), None);
        // Every Windows id of the table names a zone of the database.
        for (w, iana) in WINDOWS {
            assert!(iana.parse::<Tz>().is_ok(), "{w} → {iana}");
        }
    }

    #[test]
    fn yearly_rules_find_the_nth_and_the_last_weekday() {
        assert_eq!(
            parse_yearly("FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10"),
            Some((10, -1, Weekday::Sun))
        );
        assert_eq!(
            parse_yearly("FREQ=YEARLY;BYMONTH=3;BYDAY=2SU"),
            Some((3, 2, Weekday::Sun))
        );
        assert_eq!(parse_yearly("FREQ=MONTHLY;BYMONTH=3;BYDAY=2SU"), None);
        assert_eq!(
            nth_weekday(2027, 3, -1, Weekday::Sun),
            NaiveDate::from_ymd_opt(2027, 3, 28)
        );
        assert_eq!(
            nth_weekday(2026, 3, 2, Weekday::Sun),
            NaiveDate::from_ymd_opt(2026, 3, 8)
        );
        assert_eq!(nth_weekday(2026, 2, 5, Weekday::Mon), None);
    }

    /// A zone named by nothing we know ("Custom Time"), defined as Central European Time.
    fn cet() -> Vec<Observance> {
        vec![
            Observance {
                onset: at("1970-03-29 02:00"),
                offset_from: Duration::hours(1),
                offset_to: Duration::hours(2),
                yearly: Some((3, -1, Weekday::Sun)),
            },
            Observance {
                onset: at("1970-10-25 03:00"),
                offset_from: Duration::hours(2),
                offset_to: Duration::hours(1),
                yearly: Some((10, -1, Weekday::Sun)),
            },
        ]
    }

    #[test]
    fn vtimezone_rules_give_the_instants_the_database_gives() {
        let rules = cet();
        use chrono::TimeZone;
        for local in [
            "2026-11-08 10:00",
            "2026-06-18 09:30",
            "2027-03-28 01:59",
            "2027-03-28 03:00",
            "2027-10-31 03:30",
            "2027-01-01 00:00",
        ] {
            let expected = chrono_tz::Europe::Berlin
                .from_local_datetime(&at(local))
                .earliest()
                .unwrap()
                .with_timezone(&Utc);
            assert_eq!(by_rules(&rules, at(local)), Some(expected), "{local}");
        }
        // Twice: the first instant; never: no instant.
        assert_eq!(
            by_rules(&rules, at("2027-10-31 02:30")),
            Some(at("2027-10-31 00:30").and_utc())
        );
        assert_eq!(by_rules(&rules, at("2027-03-28 02:30")), None);
    }

    #[test]
    fn offsets_parse_with_and_without_seconds() {
        assert_eq!(parse_offset("+0100"), Some(Duration::hours(1)));
        assert_eq!(parse_offset("-0530"), Some(Duration::minutes(-330)));
        assert_eq!(parse_offset("+013000"), Some(Duration::minutes(90)));
        assert_eq!(parse_offset("0100"), None);
        assert_eq!(parse_offset("+2500"), None);
    }
}
