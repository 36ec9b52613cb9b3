//! Pure iCalendar output (RFC 5545) with the `icalendar` crate, which escapes TEXT values and
//! folds long lines. Instants are written in UTC (no VTIMEZONE needed); every item has a stable
//! UID and a SEQUENCE that grows with each change; cancelled items stay in the feed with
//! `STATUS:CANCELLED`, so calendar apps remove them instead of keeping a stale copy.

use chrono::{DateTime, Utc};
use icalendar::{Calendar, Component, EventLike, EventStatus};

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
    cal.done().to_string()
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
    fn the_same_data_renders_to_the_same_bytes() {
        let stamp = Utc.with_ymd_and_hms(2026, 11, 2, 0, 0, 0).unwrap();
        assert_eq!(
            calendar("A", &[item(1, false)], stamp),
            calendar("A", &[item(1, false)], stamp)
        );
    }
}
