//! Dates and times as people read them, in German and English, always in the event's zone.

use chrono::{DateTime, Locale, NaiveDate, Utc};
use chrono_tz::Tz;
use convene_frontend::Lang;

/// Splits a text into paragraphs at blank lines.
pub fn paragraphs(text: &str) -> Vec<String> {
    text.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

fn locale(lang: Lang) -> Locale {
    match lang {
        Lang::De => Locale::de_DE,
        Lang::En => Locale::en_GB,
    }
}

/// "Sonntag, 8. November 2026" / "Sunday, 8 November 2026".
pub fn day(lang: Lang, d: NaiveDate) -> String {
    match lang {
        Lang::De => d
            .format_localized("%A, %-d. %B %Y", locale(lang))
            .to_string(),
        Lang::En => d
            .format_localized("%A, %-d %B %Y", locale(lang))
            .to_string(),
    }
}

/// "8.–9. November 2026" / "8–9 November 2026"; one day alone when equal.
pub fn date_range(lang: Lang, first: NaiveDate, last: NaiveDate) -> String {
    let l = locale(lang);
    let one = |d: NaiveDate| match lang {
        Lang::De => d.format_localized("%-d. %B %Y", l).to_string(),
        Lang::En => d.format_localized("%-d %B %Y", l).to_string(),
    };
    if first == last {
        return one(first);
    }
    if first.format("%Y-%m").to_string() == last.format("%Y-%m").to_string() {
        return match lang {
            Lang::De => format!("{}.–{}", first.format("%-d"), one(last)),
            Lang::En => format!("{}–{}", first.format("%-d"), one(last)),
        };
    }
    format!("{} – {}", one(first), one(last))
}

/// "09:30–10:45" in `tz`.
pub fn time_range(tz: Tz, start: DateTime<Utc>, end: DateTime<Utc>) -> String {
    format!(
        "{}–{}",
        start.with_timezone(&tz).format("%H:%M"),
        end.with_timezone(&tz).format("%H:%M")
    )
}

/// The zone's abbreviation at an instant, German style for Central Europe ("MEZ", "MESZ").
pub fn zone(lang: Lang, tz: Tz, at: DateTime<Utc>) -> String {
    let abbr = at.with_timezone(&tz).format("%Z").to_string();
    match (lang, abbr.as_str()) {
        (Lang::De, "CET") => "MEZ".into(),
        (Lang::De, "CEST") => "MESZ".into(),
        _ => abbr,
    }
}

/// "Sonntag, 8. November 2026, 09:30 MEZ".
pub fn at(lang: Lang, tz: Tz, t: DateTime<Utc>) -> String {
    format!(
        "{}, {} {}",
        day(lang, t.with_timezone(&tz).date_naive()),
        t.with_timezone(&tz).format("%H:%M"),
        zone(lang, tz, t)
    )
}

/// "Sonntag, 8. November 2026, 09:30–10:45 MEZ".
pub fn when(lang: Lang, tz: Tz, start: DateTime<Utc>, end: DateTime<Utc>) -> String {
    format!(
        "{}, {} {}",
        day(lang, start.with_timezone(&tz).date_naive()),
        time_range(tz, start, end),
        zone(lang, tz, start)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn dates_read_naturally_in_both_languages() {
        let a = NaiveDate::from_ymd_opt(2026, 11, 8).unwrap();
        let b = NaiveDate::from_ymd_opt(2026, 11, 9).unwrap();
        assert_eq!(date_range(Lang::De, a, b), "8.–9. November 2026");
        assert_eq!(date_range(Lang::En, a, b), "8–9 November 2026");
        assert_eq!(day(Lang::De, a), "Sonntag, 8. November 2026");
        assert_eq!(day(Lang::En, a), "Sunday, 8 November 2026");
    }

    #[test]
    fn times_show_in_the_events_zone_with_its_abbreviation() {
        let berlin = chrono_tz::Europe::Berlin;
        let s = Utc.with_ymd_and_hms(2026, 11, 8, 8, 30, 0).unwrap();
        let e = Utc.with_ymd_and_hms(2026, 11, 8, 9, 45, 0).unwrap();
        assert_eq!(
            when(Lang::De, berlin, s, e),
            "Sonntag, 8. November 2026, 09:30–10:45 MEZ"
        );
        assert_eq!(
            when(Lang::En, berlin, s, e),
            "Sunday, 8 November 2026, 09:30–10:45 CET"
        );
    }
}
