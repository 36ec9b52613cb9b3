//! Pure iCalendar output (RFC 5545) with the `icalendar` crate, which escapes TEXT values; we
//! fold the lines ourselves, by octets as §3.1 asks (the crate counts characters, so a line of
//! umlauts grows past 75 octets). Instants are written in UTC (no VTIMEZONE needed); every item has a stable
//! UID and a SEQUENCE that grows with each change; cancelled items stay in the feed with
//! `STATUS:CANCELLED`, so calendar apps remove them instead of keeping a stale copy.

use chrono::{DateTime, Utc};
use convene_frontend::Lang;
use icalendar::{Calendar, Component, EventLike, EventStatus};

use crate::event::Event;

/// One entry of a feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub uid: String,
    pub sequence: u32,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub summary: String,
    pub description: String,
    pub location: String,
    pub url: String,
    pub cancelled: bool,
    pub last_modified: DateTime<Utc>,
}

/// Control characters other than line breaks have no place in a calendar (pretalx strips them
/// too); the crate escapes the rest.
fn clean(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_control() || *c == '\n')
        .collect::<String>()
        .replace("\r\n", "\n")
}

/// A calendar named `name` with `items`. `stamp` is DTSTAMP: the time the feed content last
/// changed, so the same data renders to the same bytes (and ETag).
pub fn calendar(name: &str, items: &[Item], stamp: DateTime<Utc>) -> String {
    let mut cal = Calendar::empty();
    cal.append_property(("VERSION", "2.0"));
    cal.append_property(("PRODID", "-//convene//convene agenda//EN"));
    cal.append_property(("CALSCALE", "GREGORIAN"));
    cal.append_property(("METHOD", "PUBLISH"));
    cal.name(&clean(name));
    // Ask subscribing apps to refresh hourly (Apple, Google and Outlook honour one of these).
    cal.append_property(("REFRESH-INTERVAL;VALUE=DURATION", "PT1H"));
    cal.append_property(("X-PUBLISHED-TTL", "PT1H"));
    for item in items {
        let mut e = icalendar::Event::new();
        e.uid(&item.uid)
            .timestamp(stamp)
            .sequence(item.sequence)
            .starts(item.starts_at)
            .ends(item.ends_at)
            .summary(&clean(&item.summary))
            .last_modified(item.last_modified);
        if !item.description.is_empty() {
            e.description(&clean(&item.description));
        }
        if !item.location.is_empty() {
            e.location(&clean(&item.location));
        }
        if !item.url.is_empty() {
            e.url(&item.url);
        }
        e.status(if item.cancelled {
            EventStatus::Cancelled
        } else {
            EventStatus::Confirmed
        });
        cal.push(e.done());
    }
    fold(&cal.done().to_string())
}

/// Folds every content line to at most 75 octets (RFC 5545 §3.1): a line break and one space
/// before each continuation, never inside a UTF-8 character. Lines the crate folded already are
/// unfolded first, so the result does not depend on how it counts.
pub fn fold(text: &str) -> String {
    const MAX: usize = 75;
    let unfolded = text.replace("\r\n ", "").replace("\r\n\t", "");
    let mut out = String::with_capacity(unfolded.len() + unfolded.len() / 64 * 3);
    for line in unfolded.split_terminator("\r\n") {
        let mut used = 0;
        // The first line holds 75 octets; each continuation holds 74 after its space.
        let mut room = MAX;
        for c in line.chars() {
            if used + c.len_utf8() > room {
                out.push_str("\r\n ");
                used = 0;
                room = MAX - 1;
            }
            out.push(c);
            used += c.len_utf8();
        }
        out.push_str("\r\n");
    }
    out
}

/// Where an event takes place, on one line: the parts that are given, comma-separated.
pub fn place(parts: &[&str]) -> String {
    parts
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The event itself as one calendar item (the registration mail's `.ics` and the personal feed
/// use the same UID, so a calendar app keeps one copy): from the first scheduled session to the
/// last, or 9:00 on the first day to 18:00 on the last while there is no agenda.
pub fn event_item(
    event: &Event,
    lang: Lang,
    bounds: (Option<DateTime<Utc>>, Option<DateTime<Utc>>),
    uid_host: &str,
    url: String,
) -> Item {
    let tz = event.tz();
    let local = |d: chrono::NaiveDate, h: u32| {
        crate::time::local_to_utc(tz, d.and_hms_opt(h, 0, 0).unwrap_or_default())
    };
    Item {
        uid: format!("event-{}@{uid_host}", event.id),
        sequence: u32::try_from(event.location_version).unwrap_or(0),
        starts_at: bounds.0.unwrap_or_else(|| local(event.starts_on, 9)),
        ends_at: bounds.1.unwrap_or_else(|| local(event.ends_on, 18)),
        summary: event.title(lang).to_string(),
        description: event.description(lang).to_string(),
        location: place(&[&event.venue, &event.address]),
        url,
        cancelled: false,
        last_modified: event.updated_at,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn item(n: u32, cancelled: bool) -> Item {
        Item {
            uid: format!("session-{n}@convene.test"),
            sequence: n,
            starts_at: Utc.with_ymd_and_hms(2026, 11, 8, 8, 30, 0).unwrap(),
            ends_at: Utc.with_ymd_and_hms(2026, 11, 8, 9, 45, 0).unwrap(),
            summary: "Panel: Die duale Transformation – Klimaneutralität, Digitalisierung; Cluster".into(),
            description: "Zeile eins\nZeile zwei mit \\ Backslash, Komma; Semikolon und einem sehr langen Satz, der weit über fünfundsiebzig Oktette hinausgeht, damit gefaltet werden muss.".into(),
            location: "Saal A, Haus der Universität".into(),
            url: "https://convene.test/events/cmr/sessions/1".into(),
            cancelled,
            last_modified: Utc.with_ymd_and_hms(2026, 11, 1, 12, 0, 0).unwrap(),
        }
    }

    /// Unfolds RFC 5545 content lines.
    fn unfold(s: &str) -> String {
        s.replace("\r\n ", "").replace("\r\n\t", "")
    }

    #[test]
    fn lines_are_folded_at_75_octets_and_end_in_crlf() {
        let out = calendar("Clusters meet Regions NRW", &[item(1, false)], Utc::now());
        for line in out.split("\r\n") {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        assert!(out.ends_with("\r\n"));
        assert!(!out.replace("\r\n", "").contains('\n'), "no bare LF");
    }

    #[test]
    fn text_is_escaped_and_reads_back_unchanged_with_two_parsers() {
        let it = item(3, true);
        let out = calendar(
            "Clusters meet Regions NRW",
            std::slice::from_ref(&it),
            Utc::now(),
        );
        let unfolded = unfold(&out);
        assert!(unfolded.contains("SUMMARY:Panel: Die duale Transformation – Klimaneutralität\\, Digitalisierung\\; Cluster"));
        assert!(unfolded.contains("STATUS:CANCELLED"));
        assert!(unfolded.contains("SEQUENCE:3"));
        assert!(unfolded.contains("DTSTART:20261108T083000Z"));

        // 1. The `ical` crate (it does not unescape TEXT; we compare the escaped form).
        let reader = ical::IcalParser::new(std::io::BufReader::new(out.as_bytes()));
        let cals: Vec<_> = reader
            .collect::<Result<_, _>>()
            .expect("ical parses our output");
        let event = &cals[0].events[0];
        let prop = |name: &str| {
            event
                .properties
                .iter()
                .find(|p| p.name == name)
                .and_then(|p| p.value.clone())
                .unwrap()
        };
        assert_eq!(prop("UID"), it.uid);
        assert_eq!(prop("DTSTART"), "20261108T083000Z");
        assert_eq!(prop("DTEND"), "20261108T094500Z");
        assert_eq!(
            prop("SUMMARY"),
            "Panel: Die duale Transformation – Klimaneutralität\\, Digitalisierung\\; Cluster"
        );

        // 2. The `icalendar` crate's own, independent parser, which unescapes.
        let parsed: icalendar::Calendar = out.parse().expect("icalendar parses our output");
        let e = parsed.events().next().expect("one event");
        assert_eq!(e.get_summary(), Some(it.summary.as_str()));
        assert_eq!(e.get_description(), Some(it.description.as_str()));
        assert_eq!(e.get_location(), Some(it.location.as_str()));
        assert_eq!(e.get_sequence(), Some(3));
        assert_eq!(e.get_status(), Some(EventStatus::Cancelled));
    }

    #[test]
    fn long_lines_of_multibyte_text_are_folded_by_octets_and_unfold_unchanged() {
        let mut it = item(1, false);
        it.summary = "Ökosystem-Förderung für Wasserstoff – „Grüne Grubenwasser-Wärme“ "
            .repeat(4)
            .trim_end()
            .to_string();
        it.location = "Zeche Zollverein, Gelsenkirchener Straße 181, 45309 Essen 🏭".repeat(3);
        let out = calendar("Straßenfest", std::slice::from_ref(&it), Utc::now());
        for line in out.split("\r\n") {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        let parsed: icalendar::Calendar = out.parse().expect("icalendar parses our output");
        let e = parsed.events().next().expect("one event");
        assert_eq!(e.get_summary(), Some(it.summary.as_str()));
        assert_eq!(e.get_location(), Some(it.location.as_str()));
        assert!(unfold(&out).contains(&format!("SUMMARY:{}", it.summary)));
    }

    #[test]
    fn folding_keeps_short_lines_and_splits_exactly_at_75_octets() {
        assert_eq!(fold("A:b\r\n"), "A:b\r\n");
        let line = format!("X:{}", "ä".repeat(40)); // 2 + 80 octets
        let folded = fold(&format!("{line}\r\n"));
        let parts: Vec<&str> = folded.split_terminator("\r\n").collect();
        assert_eq!(parts.len(), 2);
        assert_eq!(
            parts[0].len(),
            74,
            "a character of two octets does not fit the 75th"
        );
        assert!(parts[1].starts_with(' '));
        assert_eq!(unfold(&folded), format!("{line}\r\n"));
    }

    #[test]
    fn the_same_data_renders_to_the_same_bytes() {
        let stamp = Utc.with_ymd_and_hms(2026, 11, 2, 0, 0, 0).unwrap();
        assert_eq!(
            calendar("A", &[item(1, false)], stamp),
            calendar("A", &[item(1, false)], stamp)
        );
    }
}
