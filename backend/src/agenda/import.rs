//! Reading an agenda from an iCalendar file (as Outlook, Google Calendar or Thunderbird export
//! it) into sessions, with the `ical` parser. Pure: text in, sessions or the first problem out,
//! with the line it is on.
//!
//! Times: `…Z` is UTC; a `TZID` names a zone as `super::ics_zones` reads it (IANA, Windows,
//! Outlook display names, prefixed names), else by the rules of the file's own `VTIMEZONE` of
//! that name; a floating time is read in the calendar's `X-WR-TIMEZONE`, else the event's zone;
//! `VALUE=DATE` is a whole day. Local times go through
//! `crate::time::resolve_local` like typed ones: a time in a daylight-saving gap is refused with
//! its line; one that happens twice means the first instant, as RFC 5545 §3.3.5 prescribes.
//! An event without `DTEND` lasts its `DURATION`, else the default length the caller gives (a
//! whole-day event one day); no session may last longer than [`MAX_SESSION_DAYS`]. Recurring
//! events are refused rather than silently imported once; cancelled ones are skipped.
//!
//! A problem with the file as a whole (not iCalendar, empty, too many events) refuses it; a
//! problem with one event is reported with its line, and the caller decides whether the other
//! events go in.

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Utc};
use chrono_tz::Tz;

use super::ics_zones::{self, Observance, Zone};

/// One session read from the file, in UTC.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedSession {
    pub uid: Option<String>,
    pub title: String,
    pub description: String,
    pub location: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// 1-based line where the VEVENT begins.
    pub line: usize,
}

/// Why a file could not be imported: a message id, the 1-based line (0: the whole file) and the
/// offending value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    pub line: usize,
    pub code: &'static str,
    pub detail: String,
}

fn fail(line: usize, code: &'static str, detail: impl Into<String>) -> ImportError {
    ImportError {
        line,
        code,
        detail: detail.into(),
    }
}

/// At most this many events per file.
pub const MAX_EVENTS: usize = 2000;

/// No imported session lasts longer than this (an event lasts at most 31 days).
pub const MAX_SESSION_DAYS: i64 = 31;

/// RFC 5545 §3.1 unfolding: a line break followed by exactly one space or tab is removed, break
/// and that one character, nothing more. (The `ical` parser trims the end of every physical line
/// before joining, so "Miriam " + " Osterkamp" became "MiriamOsterkamp"; unfolded first, it has
/// nothing left to join.) Bare LF line ends are accepted like CRLF.
pub fn unfold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        match line.strip_prefix([' ', '\t']) {
            Some(rest) if i > 0 => out.push_str(rest),
            _ => {
                if i > 0 {
                    out.push_str("\r\n");
                }
                out.push_str(line);
            }
        }
    }
    out
}

/// What a file holds: the events that could be read, sorted by start, and the problem of each
/// event that could not (by line).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Parsed {
    pub sessions: Vec<ImportedSession>,
    pub problems: Vec<ImportError>,
}

/// The zones of one file: how floating times are read, and the `VTIMEZONE`s it defines.
struct Zones {
    floating: Tz,
    defined: HashMap<String, Zone>,
}

impl Zones {
    fn read(calendar: &ical::parser::ical::component::IcalCalendar, event_tz: Tz) -> Zones {
        let floating = prop(&calendar.properties, "X-WR-TIMEZONE")
            .and_then(|p| p.value.as_deref())
            .and_then(ics_zones::named)
            .unwrap_or(event_tz);
        let mut defined = HashMap::new();
        for tz in &calendar.timezones {
            let Some(id) = prop(&tz.properties, "TZID").and_then(|p| p.value.clone()) else {
                continue;
            };
            let zone = match ics_zones::named(&id) {
                Some(tz) => Zone::Iana(tz),
                None => Zone::Rules(tz.transitions.iter().filter_map(observance).collect()),
            };
            defined.insert(id.trim().trim_matches('"').to_string(), zone);
        }
        Zones { floating, defined }
    }

    /// The zone a `TZID` parameter names (`None`: the floating zone).
    fn zone(&self, tzid: Option<&str>) -> Option<Zone> {
        let Some(name) = tzid else {
            return Some(Zone::Iana(self.floating));
        };
        let name = name.trim().trim_matches('"');
        ics_zones::named(name)
            .map(Zone::Iana)
            .or_else(|| self.defined.get(name).cloned())
            .filter(|z| !matches!(z, Zone::Rules(r) if r.is_empty()))
    }
}

/// One `STANDARD`/`DAYLIGHT` part of a `VTIMEZONE` (`None` if it lacks what we need).
fn observance(t: &ical::parser::ical::component::IcalTimeZoneTransition) -> Option<Observance> {
    let value = |name: &str| prop(&t.properties, name).and_then(|p| p.value.as_deref());
    let onset = NaiveDateTime::parse_from_str(value("DTSTART")?.trim(), "%Y%m%dT%H%M%S").ok()?;
    Some(Observance {
        onset,
        offset_from: ics_zones::parse_offset(value("TZOFFSETFROM")?)?,
        offset_to: ics_zones::parse_offset(value("TZOFFSETTO")?)?,
        yearly: value("RRULE").and_then(ics_zones::parse_yearly),
    })
}

/// Parses `text`; floating times are read in the calendar's `X-WR-TIMEZONE`, else `event_tz`;
/// an event with neither `DTEND` nor `DURATION` lasts `default_length`. `Err`: the file as a
/// whole cannot be read.
pub fn parse_agenda(
    text: &str,
    event_tz: Tz,
    default_length: Duration,
) -> Result<Parsed, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = text.lines().position(|l| !l.trim().is_empty());
    match first.map(|i| (i, text.lines().nth(i).unwrap_or("").trim())) {
        Some((_, l)) if l.eq_ignore_ascii_case("BEGIN:VCALENDAR") => {}
        Some((i, _)) => return Err(fail(i + 1, "import-not-ical", "")),
        None => return Err(fail(0, "import-empty", "")),
    }
    // The parser reports no lines, so note where each VEVENT begins ourselves (in the file as
    // uploaded, before unfolding); events come back in the same order.
    let event_lines: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with([' ', '\t']))
        .filter(|(_, l)| l.trim().eq_ignore_ascii_case("BEGIN:VEVENT"))
        .map(|(i, _)| i + 1)
        .collect();
    let text = unfold(text);
    if event_lines.len() > MAX_EVENTS {
        return Err(fail(0, "import-too-many", event_lines.len().to_string()));
    }
    let mut out = Vec::new();
    let mut problems = Vec::new();
    let mut index = 0;
    for calendar in ical::IcalParser::new(std::io::BufReader::new(text.as_bytes())) {
        let calendar = calendar.map_err(|e| {
            fail(
                event_lines.get(index).copied().unwrap_or(1),
                "import-not-ical",
                e.to_string(),
            )
        })?;
        let zones = Zones::read(&calendar, event_tz);
        for event in calendar.events {
            let line = event_lines.get(index).copied().unwrap_or(0);
            index += 1;
            match read_event(&event.properties, line, &zones, default_length) {
                Ok(None) => {}
                Ok(Some(session)) => {
                    if let Some(uid) = &session.uid
                        && out
                            .iter()
                            .any(|s: &ImportedSession| s.uid.as_ref() == Some(uid))
                    {
                        problems.push(fail(line, "import-duplicate-uid", uid.clone()));
                        continue;
                    }
                    out.push(session);
                }
                Err(problem) => problems.push(problem),
            }
        }
    }
    if index == 0 {
        return Err(fail(0, "import-empty", ""));
    }
    out.sort_by(|a, b| (a.starts_at, &a.title).cmp(&(b.starts_at, &b.title)));
    Ok(Parsed {
        sessions: out,
        problems,
    })
}

fn prop<'a>(
    props: &'a [ical::property::Property],
    name: &str,
) -> Option<&'a ical::property::Property> {
    props.iter().find(|p| p.name.eq_ignore_ascii_case(name))
}

fn param<'a>(p: &'a ical::property::Property, name: &str) -> Option<&'a str> {
    p.params
        .as_ref()?
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .and_then(|(_, v)| v.first())
        .map(|v| v.trim_matches('"'))
}

/// RFC 5545 TEXT unescaping (`\,` `\;` `\n` `\\`); the parser leaves values escaped.
pub fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

fn read_event(
    props: &[ical::property::Property],
    line: usize,
    zones: &Zones,
    default_length: Duration,
) -> Result<Option<ImportedSession>, ImportError> {
    let text_of = |name: &str| {
        prop(props, name)
            .and_then(|p| p.value.as_deref())
            .map(unescape)
            .unwrap_or_default()
    };
    if text_of("STATUS").trim().eq_ignore_ascii_case("CANCELLED") {
        return Ok(None);
    }
    if prop(props, "RRULE").is_some() || prop(props, "RDATE").is_some() {
        return Err(fail(line, "import-recurring", text_of("SUMMARY")));
    }
    let start_prop =
        prop(props, "DTSTART").ok_or_else(|| fail(line, "import-missing-start", ""))?;
    let (starts_at, all_day) = instant(start_prop, line, zones)?;
    let too_long = || {
        fail(
            line,
            "import-session-too-long",
            MAX_SESSION_DAYS.to_string(),
        )
    };
    let ends_at = match (prop(props, "DTEND"), prop(props, "DURATION")) {
        (Some(end), _) => instant(end, line, zones)?.0,
        (None, Some(d)) => {
            let value = d.value.as_deref().unwrap_or("").trim();
            let length =
                parse_duration(value).ok_or_else(|| fail(line, "import-bad-duration", value))?;
            if length > Duration::days(MAX_SESSION_DAYS) {
                return Err(too_long());
            }
            starts_at.checked_add_signed(length).ok_or_else(too_long)?
        }
        (None, None) if all_day => starts_at + Duration::days(1),
        (None, None) => starts_at + default_length,
    };
    if ends_at <= starts_at {
        return Err(fail(line, "import-end-before-start", ""));
    }
    if ends_at - starts_at > Duration::days(MAX_SESSION_DAYS) {
        return Err(too_long());
    }
    let title = match text_of("SUMMARY").trim() {
        "" => "(ohne Titel)".to_string(),
        t => t.to_string(),
    };
    let description = text_of("DESCRIPTION").trim().to_string();
    if title.chars().count() > 200 || description.chars().count() > 10_000 {
        return Err(fail(line, "import-too-long", ""));
    }
    Ok(Some(ImportedSession {
        uid: prop(props, "UID").and_then(|p| p.value.clone()),
        title,
        description,
        location: text_of("LOCATION").trim().to_string(),
        starts_at,
        ends_at,
        line,
    }))
}

/// The instant of a DTSTART/DTEND property, and whether it was a whole-day date.
fn instant(
    p: &ical::property::Property,
    line: usize,
    zones: &Zones,
) -> Result<(DateTime<Utc>, bool), ImportError> {
    let value = p.value.as_deref().unwrap_or("").trim();
    let bad = || fail(line, "import-bad-date", value);
    let tzid = param(p, "TZID");
    let zone = zones
        .zone(tzid)
        .ok_or_else(|| fail(line, "import-unknown-timezone", tzid.unwrap_or("")))?;
    let zone_name = match &zone {
        Zone::Iana(tz) => tz.name().to_string(),
        Zone::Rules(_) => tzid.unwrap_or("").to_string(),
    };
    // RFC 5545 §3.3.5: a local time that happens twice means its first occurrence; one in a
    // gap names no instant that anybody typed, so it is refused with its line.
    let resolve = |local: NaiveDateTime| {
        let found = match &zone {
            Zone::Iana(tz) => {
                crate::time::resolve_local(*tz, local, Some(crate::time::Fold::Earlier)).ok()
            }
            Zone::Rules(rules) => ics_zones::by_rules(rules, local),
        };
        found.ok_or_else(|| {
            fail(
                line,
                "import-time-gap",
                format!("{} ({zone_name})", local.format("%Y-%m-%d %H:%M")),
            )
        })
    };
    let in_years = |d: NaiveDate| crate::time::in_years(d).then_some(d).ok_or_else(bad);
    if param(p, "VALUE").is_some_and(|v| v.eq_ignore_ascii_case("DATE")) || value.len() == 8 {
        let date = NaiveDate::parse_from_str(value, "%Y%m%d").map_err(|_| bad())?;
        let date = in_years(date)?;
        return Ok((resolve(date.and_hms_opt(0, 0, 0).ok_or_else(bad)?)?, true));
    }
    if let Some(utc) = value.strip_suffix('Z') {
        let t = NaiveDateTime::parse_from_str(utc, "%Y%m%dT%H%M%S").map_err(|_| bad())?;
        in_years(t.date())?;
        return Ok((t.and_utc(), false));
    }
    let local = NaiveDateTime::parse_from_str(value, "%Y%m%dT%H%M%S").map_err(|_| bad())?;
    in_years(local.date())?;
    Ok((resolve(local)?, false))
}

/// An RFC 5545 DURATION such as `PT1H30M`, `P1D` or `P1W`. `None` for anything else, and for
/// numbers too large for a duration (`P999999999999999999W` must be a refusal, not a panic:
/// chrono's `Duration::weeks` panics out of range).
fn parse_duration(s: &str) -> Option<Duration> {
    let s = s.trim().strip_prefix('+').unwrap_or(s.trim());
    let rest = s.strip_prefix('P')?;
    let mut total = Duration::zero();
    let mut number = String::new();
    let mut in_time = false;
    for c in rest.chars() {
        match c {
            '0'..='9' => number.push(c),
            'T' => in_time = true,
            _ => {
                let n: i64 = number.parse().ok()?;
                number.clear();
                let seconds_per = match (c, in_time) {
                    ('W', false) => 7 * 86_400,
                    ('D', false) => 86_400,
                    ('H', true) => 3_600,
                    ('M', true) => 60,
                    ('S', true) => 1,
                    _ => return None,
                };
                let part = Duration::try_seconds(n.checked_mul(seconds_per)?)?;
                total = total.checked_add(&part)?;
            }
        }
    }
    (number.is_empty() && total > Duration::zero()).then_some(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BERLIN: Tz = chrono_tz::Europe::Berlin;

    /// The sessions, or the first problem (of the file, else of an event).
    fn parse(text: &str) -> Result<Vec<ImportedSession>, ImportError> {
        let parsed = parse_agenda(text, BERLIN, Duration::minutes(30))?;
        match parsed.problems.into_iter().next() {
            Some(problem) => Err(problem),
            None => Ok(parsed.sessions),
        }
    }

    #[test]
    fn a_vtimezone_of_its_own_name_and_x_wr_timezone_decide_local_times() {
        // Apple and Google write X-WR-TIMEZONE; a zone named by nothing we know is read by the
        // rules of its VTIMEZONE (here: New York's, so the time is not Berlin's).
        let text = "BEGIN:VCALENDAR\r\nX-WR-TIMEZONE:America/New_York\r\nBEGIN:VTIMEZONE\r\nTZID:Firmenzeit\r\nBEGIN:DAYLIGHT\r\nDTSTART:20070311T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\nEND:DAYLIGHT\r\nBEGIN:STANDARD\r\nDTSTART:20071104T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\r\nTZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART;TZID=Firmenzeit:20261108T100000\r\nDTEND;TZID=Firmenzeit:20261108T110000\r\nSUMMARY:Eigene Zone\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:b\r\nDTSTART:20260618T090000\r\nDTEND:20260618T100000\r\nSUMMARY:Schwebend\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:c\r\nDTSTART;TZID=\"(UTC+01:00) Amsterdam, Berlin, Bern, Rom, Stockholm, Wien\":20261108T100000\r\nDTEND;TZID=/mozilla.org/20050126_1/Europe/Berlin:20261108T110000\r\nSUMMARY:Outlook\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        let s = parse(text).unwrap();
        let by = |t: &str| {
            s.iter()
                .find(|x| x.title == t)
                .unwrap()
                .starts_at
                .to_rfc3339()
        };
        assert_eq!(by("Eigene Zone"), "2026-11-08T15:00:00+00:00");
        assert_eq!(by("Schwebend"), "2026-06-18T13:00:00+00:00");
        assert_eq!(by("Outlook"), "2026-11-08T09:00:00+00:00");
    }

    #[test]
    fn bad_events_are_reported_by_line_and_the_good_ones_still_read() {
        let text = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:ok\nDTSTART:20261108T090000Z\nDTEND:20261108T100000Z\nSUMMARY:Gut\nEND:VEVENT\nBEGIN:VEVENT\nUID:bad\nDTSTART;TZID=Mars/Olympus:20261108T090000\nSUMMARY:Schlecht\nEND:VEVENT\nBEGIN:VEVENT\nUID:gap\nDTSTART;TZID=Europe/Berlin:20270328T023000\nSUMMARY:Lücke\nEND:VEVENT\nEND:VCALENDAR\n";
        let parsed = parse_agenda(text, BERLIN, Duration::minutes(30)).unwrap();
        assert_eq!(
            parsed
                .sessions
                .iter()
                .map(|s| s.title.as_str())
                .collect::<Vec<_>>(),
            ["Gut"]
        );
        assert_eq!(
            parsed
                .problems
                .iter()
                .map(|p| (p.line, p.code))
                .collect::<Vec<_>>(),
            [(8, "import-unknown-timezone"), (13, "import-time-gap")]
        );
    }

    const OUTLOOK: &str = "BEGIN:VCALENDAR\r\nPRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\r\nVERSION:2.0\r\nBEGIN:VTIMEZONE\r\nTZID:W. Europe Standard Time\r\nBEGIN:STANDARD\r\nDTSTART:16011028T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\nBEGIN:VEVENT\r\nDTSTART;TZID=\"W. Europe Standard Time\":20261108T100000\r\nDTEND;TZID=\"W. Europe Standard Time\":20261108T111500\r\nSUMMARY:Panel: Die duale Transformation – Klimaneutralität und Digitalisierung\r\nLOCATION:Plenarsaal\r\nDESCRIPTION:Wie unterstützen Cluster\\, Behörden und Partner die Transforma\r\n tion der Industrieregion NRW?\\nMit Diskussion.\r\nUID:040000008200E00074C5B7101A82E008000000001\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

    #[test]
    fn an_outlook_export_with_windows_zones_and_folded_lines_is_read() {
        let s = parse(OUTLOOK).unwrap();
        assert_eq!(s.len(), 1);
        assert_eq!(
            s[0].title,
            "Panel: Die duale Transformation – Klimaneutralität und Digitalisierung"
        );
        assert_eq!(s[0].starts_at.to_rfc3339(), "2026-11-08T09:00:00+00:00");
        assert_eq!(s[0].ends_at.to_rfc3339(), "2026-11-08T10:15:00+00:00");
        assert_eq!(
            s[0].description,
            "Wie unterstützen Cluster, Behörden und Partner die Transformation der Industrieregion NRW?\nMit Diskussion."
        );
        assert_eq!(s[0].location, "Plenarsaal");
        assert_eq!(s[0].line, 12);
    }

    #[test]
    fn a_google_export_in_utc_and_a_thunderbird_all_day_event_are_read() {
        let google = "BEGIN:VCALENDAR\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\nX-WR-TIMEZONE:Europe/Berlin\nBEGIN:VEVENT\nDTSTART:20261109T110000Z\nDTEND:20261109T143000Z\nSUMMARY:Werksbesichtigung Stahl im Wandel\nEND:VEVENT\nEND:VCALENDAR\n";
        let s = parse(google).unwrap();
        assert_eq!(s[0].starts_at.to_rfc3339(), "2026-11-09T11:00:00+00:00");
        let thunderbird = "BEGIN:VCALENDAR\nPRODID:-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20261108\nDTEND;VALUE=DATE:20261109\nSUMMARY:Ausstellung\nEND:VEVENT\nBEGIN:VEVENT\nDTSTART;TZID=Europe/Berlin:20261108T140000\nDURATION:PT1H30M\nSUMMARY:Pitching\nEND:VEVENT\nEND:VCALENDAR\n";
        let s = parse(thunderbird).unwrap();
        assert_eq!(s[0].title, "Ausstellung");
        assert_eq!(
            (s[0].starts_at.to_rfc3339(), s[0].ends_at.to_rfc3339()),
            (
                "2026-11-07T23:00:00+00:00".into(),
                "2026-11-08T23:00:00+00:00".into()
            )
        );
        assert_eq!(s[1].ends_at - s[1].starts_at, Duration::minutes(90));
    }

    #[test]
    fn floating_times_use_the_events_zone_and_follow_the_daylight_saving_rule() {
        let gap = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20270328T023000\nDTEND:20270328T033000\nSUMMARY:Lücke\nEND:VEVENT\nEND:VCALENDAR\n";
        assert_eq!(
            parse(gap).unwrap_err(),
            fail(2, "import-time-gap", "2027-03-28 02:30 (Europe/Berlin)")
        );
        let twice = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20271031T023000\nDTEND:20271031T033000\nSUMMARY:Doppelt\nEND:VEVENT\nEND:VCALENDAR\n";
        let s = parse(twice).unwrap();
        assert_eq!(s[0].starts_at.to_rfc3339(), "2027-10-31T00:30:00+00:00");
        assert_eq!(s[0].ends_at.to_rfc3339(), "2027-10-31T02:30:00+00:00");
    }

    #[test]
    fn folded_lines_keep_the_space_before_the_fold() {
        let t = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20261108T100000Z\r\nDTEND:20261108T110000Z\r\nSUMMARY:Keynote: Dr. Miriam \r\n Osterkamp\r\nDESCRIPTION:Zwei\r\n  Leerzeichen\r\n\tund ein Tab\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        let s = parse(t).unwrap();
        assert_eq!(s[0].title, "Keynote: Dr. Miriam Osterkamp");
        assert_eq!(s[0].description, "Zwei Leerzeichenund ein Tab");
        assert_eq!(unfold("A\n B\nC"), "AB\r\nC");
    }

    #[test]
    fn events_without_an_end_last_their_duration_or_the_default() {
        let t = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20261108T100000Z\nSUMMARY:Ohne Ende\nEND:VEVENT\nBEGIN:VEVENT\nDTSTART:20261108T120000Z\nDURATION:PT45M\nSUMMARY:Mit Dauer\nEND:VEVENT\nEND:VCALENDAR\n";
        let s = parse(t).unwrap();
        assert_eq!(s[0].ends_at - s[0].starts_at, Duration::minutes(30));
        assert_eq!(s[1].ends_at - s[1].starts_at, Duration::minutes(45));
    }

    #[test]
    fn huge_durations_and_repeated_uids_are_refused_not_a_panic() {
        let wrap = |prop: &str| {
            format!(
                "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20261108T100000Z\n{prop}\nEND:VEVENT\nEND:VCALENDAR\n"
            )
        };
        for d in [
            "P999999999999999999W",
            "P99999999999999999D",
            "PT9999999999999999999S",
            "P9223372036854775807D",
        ] {
            assert_eq!(
                parse(&wrap(&format!("DURATION:{d}"))).unwrap_err().code,
                "import-bad-duration",
                "{d}"
            );
        }
        assert_eq!(
            parse(&wrap("DURATION:P9999999D")).unwrap_err(),
            fail(2, "import-session-too-long", "31")
        );
        // A year beyond what a calendar can write is no date at all (`time::YEARS`).
        assert_eq!(
            parse(&wrap("DTEND:99991231T000000Z")).unwrap_err().code,
            "import-bad-date"
        );
        assert_eq!(
            parse(&wrap("DTEND:22001231T000000Z")).unwrap_err().code,
            "import-session-too-long"
        );
        let twice = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a@x\nDTSTART:20261108T100000Z\nEND:VEVENT\nBEGIN:VEVENT\nUID:a@x\nDTSTART:20261108T110000Z\nEND:VEVENT\nEND:VCALENDAR\n";
        assert_eq!(
            parse(twice).unwrap_err(),
            fail(6, "import-duplicate-uid", "a@x")
        );
    }

    fn err(text: &str) -> (usize, &'static str) {
        let e = parse(text).unwrap_err();
        (e.line, e.code)
    }

    #[test]
    fn each_problem_is_named_with_its_line() {
        let wrap = |body: &str| format!("BEGIN:VCALENDAR\nVERSION:2.0\n{body}END:VCALENDAR\n");
        assert_eq!(err("Hallo Welt\n"), (1, "import-not-ical"));
        assert_eq!(err(""), (0, "import-empty"));
        assert_eq!(err(&wrap("")), (0, "import-empty"));
        assert_eq!(
            err(&wrap("BEGIN:VEVENT\nSUMMARY:x\nEND:VEVENT\n")),
            (3, "import-missing-start")
        );
        assert_eq!(
            err(&wrap(
                "BEGIN:VEVENT\nDTSTART:2026-11-08\nDTEND:20261108T100000\nEND:VEVENT\n"
            )),
            (3, "import-bad-date")
        );
        assert_eq!(
            err(&wrap(
                "BEGIN:VEVENT\nDTSTART;TZID=Mars/Olympus:20261108T090000\nDTEND:20261108T100000\nEND:VEVENT\n"
            )),
            (3, "import-unknown-timezone")
        );
        assert_eq!(
            err(&wrap(
                "BEGIN:VEVENT\nDTSTART:20261108T100000\nDTEND:20261108T090000\nEND:VEVENT\n"
            )),
            (3, "import-end-before-start")
        );
        assert_eq!(
            err(&wrap(
                "BEGIN:VEVENT\nDTSTART:20261108T100000\nDTEND:20261108T110000\nRRULE:FREQ=WEEKLY\nEND:VEVENT\n"
            )),
            (3, "import-recurring")
        );
        let long = format!(
            "BEGIN:VEVENT\nDTSTART:20261108T100000\nDTEND:20261108T110000\nSUMMARY:{}\nEND:VEVENT\n",
            "x".repeat(201)
        );
        assert_eq!(err(&wrap(&long)), (3, "import-too-long"));
        let many: String = (0..=MAX_EVENTS)
            .map(|_| "BEGIN:VEVENT\nDTSTART:20261108T100000\nDTEND:20261108T110000\nEND:VEVENT\n")
            .collect();
        assert_eq!(err(&wrap(&many)), (0, "import-too-many"));
    }

    #[test]
    fn cancelled_events_are_skipped_and_escapes_are_undone() {
        let t = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20261108T100000Z\nDTEND:20261108T110000Z\nSTATUS:CANCELLED\nSUMMARY:Abgesagt\nEND:VEVENT\nBEGIN:VEVENT\nDTSTART:20261108T120000Z\nDTEND:20261108T130000Z\nSUMMARY:A\\; B\\, C \\\\ D\nEND:VEVENT\nEND:VCALENDAR\n";
        let s = parse(t).unwrap();
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].title, "A; B, C \\ D");
    }

    #[test]
    fn durations_parse_per_rfc_5545() {
        assert_eq!(parse_duration("PT1H30M"), Some(Duration::minutes(90)));
        assert_eq!(parse_duration("P1D"), Some(Duration::days(1)));
        assert_eq!(parse_duration("P1W"), Some(Duration::weeks(1)));
        assert_eq!(parse_duration("PT20M"), Some(Duration::minutes(20)));
        assert_eq!(parse_duration("1H"), None);
        assert_eq!(parse_duration("PT"), None);
        assert_eq!(parse_duration("P999999999999999999W"), None);
        assert_eq!(parse_duration("P1DT"), Some(Duration::days(1)));
    }
}
