//! Event types, their status machine and the parsing of event forms. Pure: no I/O.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use convene_frontend::Lang;

use crate::error::{AppError, FieldErrors, Msg};
use crate::ids::{EventId, OrganisationId};

/// Where an event is in its life. Drafts are visible to their organisers only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::Type, serde::Serialize, serde::Deserialize)]
#[sqlx(type_name = "text", rename_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum EventStatus {
    Draft,
    Published,
    Archived,
}

impl EventStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            EventStatus::Draft => "draft",
            EventStatus::Published => "published",
            EventStatus::Archived => "archived",
        }
    }

    pub fn parse(input: &str) -> Result<EventStatus, Msg> {
        match input.trim() {
            "draft" => Ok(EventStatus::Draft),
            "published" => Ok(EventStatus::Published),
            "archived" => Ok(EventStatus::Archived),
            _ => Err(Msg::new("valid-event-status-invalid")),
        }
    }

    pub fn label_id(self) -> &'static str {
        match self {
            EventStatus::Draft => "event-status-draft",
            EventStatus::Published => "event-status-published",
            EventStatus::Archived => "event-status-archived",
        }
    }

    /// The status after an organiser asks for `to`: draft ⇄ published → archived → published.
    pub fn change_to(self, to: EventStatus) -> Result<EventStatus, AppError> {
        use EventStatus::*;
        match (self, to) {
            (a, b) if a == b => Ok(a),
            (Draft, Published)
            | (Published, Draft)
            | (Published, Archived)
            | (Archived, Published) => Ok(to),
            _ => Err(AppError::Conflict(Msg::new("event-status-not-allowed"))),
        }
    }

    /// Whether visitors may see the event.
    pub fn is_public(self) -> bool {
        matches!(self, EventStatus::Published | EventStatus::Archived)
    }
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Event {
    pub id: EventId,
    pub slug: String,
    pub title_de: String,
    pub title_en: String,
    pub description_de: String,
    pub description_en: String,
    pub venue: String,
    pub address: String,
    pub timezone: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub status: EventStatus,
    pub contact_name: String,
    pub contact_email: String,
    pub agenda_version: i64,
    /// Grows with every change of where the sessions take place (venue, address, a room's
    /// name): calendar items add it to their SEQUENCE.
    pub location_version: i64,
    /// Raised by database triggers on every change of what the public agenda and its feeds
    /// show (migration 0023): the key of their cached renders.
    pub content_version: i64,
    /// The organisation that owns the event: its organisers run it.
    pub owner_organisation_id: Option<OrganisationId>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Event {
    /// The event's time zone (validated on input; Berlin if the stored name is unknown).
    pub fn tz(&self) -> Tz {
        self.timezone.parse().unwrap_or(chrono_tz::Europe::Berlin)
    }

    pub fn title(&self, lang: Lang) -> &str {
        pick(lang, &self.title_de, &self.title_en)
    }

    pub fn description(&self, lang: Lang) -> &str {
        pick(lang, &self.description_de, &self.description_en)
    }

    /// Every day of the event, first to last.
    pub fn days(&self) -> Vec<NaiveDate> {
        self.starts_on
            .iter_days()
            .take_while(|d| *d <= self.ends_on)
            .collect()
    }
}

/// The text in `lang`, falling back to the other language when it is empty. Pages show such
/// texts as `Localized`, which also says when the fallback was taken.
pub fn pick<'a>(lang: Lang, de: &'a str, en: &'a str) -> &'a str {
    convene_frontend::i18n::pick(lang, de, en).0
}

/// Raw event form or API input.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct EventInput {
    pub slug: String,
    pub title_de: String,
    pub title_en: String,
    pub description_de: String,
    pub description_en: String,
    pub venue: String,
    pub address: String,
    pub timezone: String,
    pub starts_on: String,
    pub ends_on: String,
    pub contact_name: String,
    pub contact_email: String,
    /// Organising organisations, one name per line (found by name or created). `None` (the
    /// field was not sent) keeps the event's organisations as they are; an empty text removes
    /// them all.
    pub organisations: Option<String>,
    /// The slug of the organisation that owns the event (see
    /// `organisation::service::owner_for`); `None` or empty keeps the owner.
    pub owner: Option<String>,
}

/// A validated event.
#[derive(Debug, Clone)]
pub struct EventDraft {
    pub slug: String,
    pub title_de: String,
    pub title_en: String,
    pub description_de: String,
    pub description_en: String,
    pub venue: String,
    pub address: String,
    pub timezone: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub contact_name: String,
    pub contact_email: String,
    /// `None`: leave the organising organisations unchanged.
    pub organisations: Option<Vec<String>>,
}

/// A text of at most `max` characters; required when `required_id` is given. Judged as
/// [`crate::text::visible`] keeps it.
pub fn text(
    input: &str,
    max: usize,
    required_id: Option<&'static str>,
    too_long_id: &'static str,
) -> Result<String, Msg> {
    let kept = crate::text::visible(input, true);
    let s = kept.as_str();
    if s.is_empty()
        && let Some(id) = required_id
    {
        return Err(Msg::new(id));
    }
    if s.chars().count() > max {
        return Err(Msg::new(too_long_id).arg("max", max));
    }
    Ok(s.to_string())
}

/// A URL slug: 3–60 lower-case letters, digits and hyphens, not starting or ending with one.
pub fn parse_slug(input: &str) -> Result<String, Msg> {
    let s = input.trim();
    let ok = (3..=60).contains(&s.len())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !s.starts_with('-')
        && !s.ends_with('-');
    if ok {
        Ok(s.to_string())
    } else {
        Err(Msg::new("valid-slug-invalid"))
    }
}

impl EventInput {
    /// Validates every field; all problems at once.
    pub fn parse(&self) -> Result<EventDraft, AppError> {
        let mut e = FieldErrors::default();
        let slug = e.check("slug", parse_slug(&self.slug));
        let title_de = e.check(
            "title_de",
            text(
                &self.title_de,
                200,
                Some("valid-title-required"),
                "valid-too-long",
            ),
        );
        let title_en = e.check(
            "title_en",
            text(
                &self.title_en,
                200,
                Some("valid-title-required"),
                "valid-too-long",
            ),
        );
        let description_de = e.check(
            "description_de",
            text(&self.description_de, 10_000, None, "valid-too-long"),
        );
        let description_en = e.check(
            "description_en",
            text(&self.description_en, 10_000, None, "valid-too-long"),
        );
        let venue = e.check("venue", text(&self.venue, 200, None, "valid-too-long"));
        let address = e.check("address", text(&self.address, 300, None, "valid-too-long"));
        let tz_input = if self.timezone.trim().is_empty() {
            "Europe/Berlin"
        } else {
            self.timezone.trim()
        };
        let timezone = e.check(
            "timezone",
            crate::time::parse_tz(tz_input)
                .map(|_| tz_input.to_string())
                .ok_or_else(|| Msg::new("valid-timezone-invalid")),
        );
        let starts_on = e.check("starts_on", crate::time::parse_date(&self.starts_on));
        let ends_on = e.check("ends_on", crate::time::parse_date(&self.ends_on));
        if let (Some(s), Some(end)) = (starts_on, ends_on) {
            if end < s {
                e.add("ends_on", "valid-end-before-start");
            } else if (end - s).num_days() > 30 {
                e.add("ends_on", "valid-event-too-long");
            }
        }
        let contact_name = e.check(
            "contact_name",
            text(&self.contact_name, 120, None, "valid-too-long"),
        );
        let contact_email = e.check(
            "contact_email",
            if self.contact_email.trim().is_empty() {
                Ok(String::new())
            } else {
                crate::account::model::Email::parse(&self.contact_email)
                    .map(|m| m.as_str().to_string())
            },
        );
        let organisations: Option<Vec<String>> = self.organisations.as_deref().map(|text| {
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect()
        });
        if let Some(names) = &organisations
            && (names.len() > 20 || names.iter().any(|o| o.chars().count() > 160))
        {
            e.add("organisations", "valid-organisations-invalid");
        }
        e.into_result()?;
        Ok(EventDraft {
            organisations,
            slug: slug.expect("checked"),
            title_de: title_de.expect("checked"),
            title_en: title_en.expect("checked"),
            description_de: description_de.expect("checked"),
            description_en: description_en.expect("checked"),
            venue: venue.expect("checked"),
            address: address.expect("checked"),
            timezone: timezone.expect("checked"),
            starts_on: starts_on.expect("checked"),
            ends_on: ends_on.expect("checked"),
            contact_name: contact_name.expect("checked"),
            contact_email: contact_email.expect("checked"),
        })
    }
}

impl EventInput {
    /// The form values of an existing event with its organising organisations, so that saving
    /// the form unchanged changes nothing.
    pub fn of(e: &Event, organisations: &[String], owner: Option<String>) -> Self {
        EventInput {
            slug: e.slug.clone(),
            title_de: e.title_de.clone(),
            title_en: e.title_en.clone(),
            description_de: e.description_de.clone(),
            description_en: e.description_en.clone(),
            venue: e.venue.clone(),
            address: e.address.clone(),
            timezone: e.timezone.clone(),
            starts_on: e.starts_on.to_string(),
            ends_on: e.ends_on.to_string(),
            contact_name: e.contact_name.clone(),
            contact_email: e.contact_email.clone(),
            organisations: Some(organisations.join("\n")),
            owner,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_of_control_characters_only_is_empty() {
        let required = |s| text(s, 10, Some("valid-title-required"), "valid-too-long");
        assert_eq!(required("\u{1}").unwrap_err().id, "valid-title-required");
        assert_eq!(
            required(" \u{7f}\u{1b} ").unwrap_err().id,
            "valid-title-required"
        );
        assert_eq!(required(" Pa\u{0}nel ").unwrap(), "Panel");
        assert_eq!(required("a\nb").unwrap(), "a\nb");
        // The limit counts what is kept.
        assert_eq!(
            required(&format!("{}\u{1}", "x".repeat(10))).unwrap(),
            "x".repeat(10)
        );
    }

    fn input() -> EventInput {
        EventInput {
            slug: "clusters-meet-regions-nrw".into(),
            title_de: "Clusters meet Regions NRW".into(),
            title_en: "Clusters meet Regions NRW".into(),
            starts_on: "2026-11-08".into(),
            ends_on: "2026-11-09".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_complete_event_parses_with_berlin_as_the_default_zone() {
        let draft = input().parse().unwrap();
        assert_eq!(draft.timezone, "Europe/Berlin");
        assert_eq!(draft.ends_on.to_string(), "2026-11-09");
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let bad = EventInput {
            slug: "Not A Slug".into(),
            title_de: "".into(),
            timezone: "Mars/Olympus".into(),
            starts_on: "2026-11-09".into(),
            ends_on: "2026-11-08".into(),
            contact_email: "nope".into(),
            ..input()
        };
        let Err(AppError::Invalid(errors)) = bad.parse() else {
            panic!("must fail")
        };
        let fields: Vec<&str> = errors.0.iter().map(|(f, _)| f.as_ref()).collect();
        assert_eq!(
            fields,
            ["slug", "title_de", "timezone", "ends_on", "contact_email"]
        );
    }

    #[test]
    fn status_changes_follow_the_machine() {
        use EventStatus::*;
        assert_eq!(Draft.change_to(Published).unwrap(), Published);
        assert_eq!(Published.change_to(Archived).unwrap(), Archived);
        assert!(Draft.change_to(Archived).is_err());
        assert!(Archived.change_to(Draft).is_err());
        assert!(!Draft.is_public());
    }

    #[test]
    fn texts_fall_back_to_the_other_language() {
        assert_eq!(pick(Lang::En, "Nur Deutsch", ""), "Nur Deutsch");
        assert_eq!(pick(Lang::De, "Deutsch", "English"), "Deutsch");
    }
}
