//! Certificates: what a template holds, what an issued certificate records, and the rules that
//! need no database — which kinds belong to events and which to calls, validating a template,
//! filling in the placeholders, serial numbers and verification codes.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use convene_frontend::Lang;
use serde::{Deserialize, Serialize};

use crate::error::{FieldErrors, Msg};
use crate::ids::{AccountId, EventId, SessionId};

/// What a certificate is for.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, sqlx::Type, Serialize, Deserialize, poem_openapi::Enum,
)]
#[sqlx(type_name = "text", rename_all = "snake_case")]
#[serde(rename_all = "snake_case")]
#[oai(rename_all = "snake_case")]
pub enum Kind {
    /// Everyone checked in at the event (or at one session).
    Attendance,
    /// The speakers and moderators of the published agenda.
    Speaker,
    /// The finalists who pitched (shortlisted, finalist or winner).
    Pitch,
    /// The placed entries (1st, 2nd, 3rd …) as the chair confirmed them.
    Placement,
    /// The jurors who finished all their reviews.
    Jury,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::Attendance,
        Kind::Speaker,
        Kind::Pitch,
        Kind::Placement,
        Kind::Jury,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Attendance => "attendance",
            Kind::Speaker => "speaker",
            Kind::Pitch => "pitch",
            Kind::Placement => "placement",
            Kind::Jury => "jury",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s.trim())
    }

    /// Attendance and speaker certificates belong to an event; the others to a call.
    pub fn for_event(self) -> bool {
        matches!(self, Kind::Attendance | Kind::Speaker)
    }

    /// The message id of the kind's name.
    pub fn label_id(self) -> &'static str {
        match self {
            Kind::Attendance => "cert-kind-attendance",
            Kind::Speaker => "cert-kind-speaker",
            Kind::Pitch => "cert-kind-pitch",
            Kind::Placement => "cert-kind-placement",
            Kind::Jury => "cert-kind-jury",
        }
    }

    /// The body a new template of this kind starts with.
    pub fn default_body(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Kind::Attendance, Lang::De) => {
                "hat am {dates} an der Veranstaltung „{event}“ teilgenommen."
            }
            (Kind::Attendance, Lang::En) => "attended “{event}” on {dates}.",
            (Kind::Speaker, Lang::De) => {
                "hat bei der Veranstaltung „{event}“ am {dates} im Programmpunkt „{session}“ mitgewirkt."
            }
            (Kind::Speaker, Lang::En) => "contributed to “{session}” at “{event}” on {dates}.",
            (Kind::Pitch, Lang::De) => {
                "hat das Projekt „{submission}“ im Finale des {event} vor der Jury präsentiert."
            }
            (Kind::Pitch, Lang::En) => {
                "pitched the project “{submission}” to the jury in the final of {event}."
            }
            (Kind::Placement, Lang::De) => {
                "hat mit dem Projekt „{submission}“ beim {event} den {placement} belegt."
            }
            (Kind::Placement, Lang::En) => {
                "won {placement} in {event} with the project “{submission}”."
            }
            (Kind::Jury, Lang::De) => "hat als Jurorin oder Juror beim {event} mitgewirkt.",
            (Kind::Jury, Lang::En) => "served on the jury of {event}.",
        }
    }
}

/// What a template belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    Event(EventId),
    Call(i64),
}

/// A certificate template (without its images; see [`Images`]).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Template {
    pub id: i64,
    pub event_id: Option<EventId>,
    pub call_id: Option<i64>,
    pub kind: Kind,
    pub title_de: String,
    pub title_en: String,
    pub body_de: String,
    pub body_en: String,
    pub landscape: bool,
    pub place: String,
    pub signatory1_name: String,
    pub signatory1_role: String,
    pub signatory2_name: String,
    pub signatory2_role: String,
    pub logo_type: Option<String>,
    pub signature_type: Option<String>,
    pub session_id: Option<SessionId>,
    pub serial_prefix: String,
    pub next_serial: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Template {
    pub fn owner(&self) -> Owner {
        match (self.event_id, self.call_id) {
            (Some(e), _) => Owner::Event(e),
            (None, Some(c)) => Owner::Call(c),
            (None, None) => Owner::Call(0),
        }
    }

    pub fn title(&self, lang: Lang) -> &str {
        match lang {
            Lang::De => &self.title_de,
            Lang::En => &self.title_en,
        }
    }

    pub fn body(&self, lang: Lang) -> &str {
        match lang {
            Lang::De => &self.body_de,
            Lang::En => &self.body_en,
        }
    }

    /// The template as its form shows it.
    pub fn input(&self) -> TemplateInput {
        TemplateInput {
            kind: self.kind.as_str().to_string(),
            title_de: self.title_de.clone(),
            title_en: self.title_en.clone(),
            body_de: self.body_de.clone(),
            body_en: self.body_en.clone(),
            landscape: self.landscape,
            place: self.place.clone(),
            signatory1_name: self.signatory1_name.clone(),
            signatory1_role: self.signatory1_role.clone(),
            signatory2_name: self.signatory2_name.clone(),
            signatory2_role: self.signatory2_role.clone(),
            session_id: self.session_id.map(|s| s.0.to_string()).unwrap_or_default(),
            serial_prefix: self.serial_prefix.clone(),
        }
    }

    /// Takes the texts and layout of a validated form (not its kind), as saving would.
    pub fn apply(&mut self, input: &TemplateInput, valid: &Valid) {
        self.title_de = input.title_de.trim().to_string();
        self.title_en = input.title_en.trim().to_string();
        self.body_de = input.body_de.trim().to_string();
        self.body_en = input.body_en.trim().to_string();
        self.landscape = input.landscape;
        self.place = input.place.trim().to_string();
        self.signatory1_name = input.signatory1_name.trim().to_string();
        self.signatory1_role = input.signatory1_role.trim().to_string();
        self.signatory2_name = input.signatory2_name.trim().to_string();
        self.signatory2_role = input.signatory2_role.trim().to_string();
        self.session_id = valid.session_id;
        self.serial_prefix = input.serial_prefix.trim().to_string();
    }

    /// "ICMR-2026-0007".
    pub fn serial_text(&self, serial: i64) -> String {
        serial_text(&self.serial_prefix, serial)
    }
}

/// A new template's serial prefix from its event's or call's slug and the year:
/// "clusters-meet-regions-nrw-2027" → "CMRN-2026", "cmr-2026" → "CMR-2026".
pub fn default_prefix(slug: &str, year: i32) -> String {
    let words: Vec<&str> = slug
        .split('-')
        .filter(|w| !w.is_empty() && !w.chars().all(|c| c.is_ascii_digit()))
        .collect();
    let letters: String = match words.as_slice() {
        [one] => one.chars().take(6).collect(),
        many => many
            .iter()
            .filter_map(|w| w.chars().next())
            .take(6)
            .collect(),
    };
    let letters: String = letters
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let letters = if letters.is_empty() {
        "CERT".to_string()
    } else {
        letters
    };
    format!("{letters}-{year}")
}

pub fn serial_text(prefix: &str, serial: i64) -> String {
    format!("{prefix}-{serial:04}")
}

/// The images of a template: logo and signature, each with its type (`png` | `jpeg`).
#[derive(Debug, Clone, Default, sqlx::FromRow)]
pub struct Images {
    pub logo_type: Option<String>,
    pub logo: Option<Vec<u8>>,
    pub signature_type: Option<String>,
    pub signature: Option<Vec<u8>>,
}

/// A template as a form or the API sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct TemplateInput {
    pub kind: String,
    pub title_de: String,
    pub title_en: String,
    pub body_de: String,
    pub body_en: String,
    pub landscape: bool,
    pub place: String,
    pub signatory1_name: String,
    pub signatory1_role: String,
    pub signatory2_name: String,
    pub signatory2_role: String,
    /// An agenda session id (attendance of one session) or empty.
    pub session_id: String,
    pub serial_prefix: String,
}

/// A template input that passed [`TemplateInput::validate`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Valid {
    pub kind: Kind,
    pub session_id: Option<SessionId>,
}

/// The placeholders a body may use.
pub const PLACEHOLDERS: [&str; 8] = [
    "name",
    "organisation",
    "event",
    "dates",
    "session",
    "submission",
    "placement",
    "place",
];

const TITLE_MAX: usize = 120;
const BODY_MAX: usize = 2_000;
const LINE_MAX: usize = 120;

impl TemplateInput {
    /// Checks every field; `for_event` tells whether the template belongs to an event.
    pub fn validate(&self, for_event: bool) -> Result<Valid, FieldErrors> {
        let mut errors = FieldErrors::default();
        let kind = Kind::parse(&self.kind);
        match kind {
            None => errors.add("kind", "valid-choice-invalid"),
            Some(k) if k.for_event() != for_event => errors.add("kind", "cert-kind-wrong-owner"),
            Some(_) => {}
        }
        for (field, value) in [("title_de", &self.title_de), ("title_en", &self.title_en)] {
            let n = value.trim().chars().count();
            if n == 0 {
                errors.add(field, "valid-required");
            } else if n > TITLE_MAX {
                errors.add_msg(field, Msg::new("valid-too-long").arg("max", TITLE_MAX));
            }
        }
        for (field, value) in [("body_de", &self.body_de), ("body_en", &self.body_en)] {
            if value.chars().count() > BODY_MAX {
                errors.add_msg(field, Msg::new("valid-too-long").arg("max", BODY_MAX));
            } else if let Some(unknown) = unknown_placeholder(value) {
                errors.add_msg(
                    field,
                    Msg::new("cert-placeholder-unknown").arg("name", unknown),
                );
            }
        }
        for (field, value) in [
            ("place", &self.place),
            ("signatory1_name", &self.signatory1_name),
            ("signatory1_role", &self.signatory1_role),
            ("signatory2_name", &self.signatory2_name),
            ("signatory2_role", &self.signatory2_role),
        ] {
            if value.trim().chars().count() > LINE_MAX {
                errors.add_msg(field, Msg::new("valid-too-long").arg("max", LINE_MAX));
            }
        }
        let prefix = self.serial_prefix.trim();
        if prefix.is_empty() {
            errors.add("serial_prefix", "valid-required");
        } else if prefix.len() > 24
            || !prefix
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-')
        {
            errors.add("serial_prefix", "cert-prefix-invalid");
        }
        let session_id = match self.session_id.trim() {
            "" => None,
            s => match s.parse::<i64>() {
                Ok(id) if kind == Some(Kind::Attendance) => Some(SessionId(id)),
                Ok(_) => None,
                Err(_) => {
                    errors.add("session_id", "valid-choice-invalid");
                    None
                }
            },
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Valid {
            kind: kind.expect("checked above"),
            session_id,
        })
    }
}

/// The first `{placeholder}` in `text` that is not one of [`PLACEHOLDERS`].
pub fn unknown_placeholder(text: &str) -> Option<String> {
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        let end = after.find('}')?;
        let name = &after[..end];
        if !PLACEHOLDERS.contains(&name) {
            return Some(name.to_string());
        }
        rest = &after[end + 1..];
    }
    None
}

/// Replaces every `{placeholder}` with its value; unknown or missing ones become empty, so a
/// certificate never shows braces.
pub fn fill(text: &str, values: &BTreeMap<&str, String>) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        match after.find('}') {
            Some(end) => {
                if let Some(v) = values.get(&after[..end]) {
                    out.push_str(v);
                }
                rest = &after[end + 1..];
            }
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// "1. Platz" / "1st place".
pub fn placement_text(lang: Lang, place: i64) -> String {
    match lang {
        Lang::De => format!("{place}. Platz"),
        Lang::En => {
            let suffix = match (place % 10, place % 100) {
                (_, 11..=13) => "th",
                (1, _) => "st",
                (2, _) => "nd",
                (3, _) => "rd",
                _ => "th",
            };
            format!("{place}{suffix} place")
        }
    }
}

/// The facts a certificate was issued for, kept with it as they stood.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facts {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub session_de: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub session_en: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub submission: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placement: Option<i64>,
}

/// What an issued certificate says, frozen when it is issued: the template, its event or call
/// and the recipient's facts as they stood then, every placeholder filled in. The PDF and the
/// verify page are made from this and the certificate's own columns (name, organisation, code,
/// images), never from the template as it is now, so editing a template changes new issues
/// only.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    /// The serial number as printed: "ICMR-2026-0007" (the template's prefix may change later).
    pub serial: String,
    pub landscape: bool,
    /// The IANA time zone its dates are written in.
    pub timezone: String,
    /// Who signs it: (name, role), as printed.
    pub signatories: Vec<(String, String)>,
    /// Its texts in German and in English. The PDF is written in the certificate's language;
    /// the verify page shows the visitor's.
    pub de: Texts,
    pub en: Texts,
}

/// The texts of a certificate in one language, placeholders filled in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Texts {
    /// "Teilnahmebescheinigung", "Urkunde – 1. Platz".
    pub title: String,
    pub body: String,
    /// What it is for: the event or call with its dates, the session, submission, placement.
    pub what: Vec<String>,
    /// "Düsseldorf, 10. November 2026".
    pub place_and_date: String,
    /// The day it was issued: "10. November 2026".
    pub issued: String,
}

impl Snapshot {
    pub fn texts(&self, lang: Lang) -> &Texts {
        match lang {
            Lang::De => &self.de,
            Lang::En => &self.en,
        }
    }

    pub fn tz(&self) -> chrono_tz::Tz {
        self.timezone.parse().unwrap_or(chrono_tz::Europe::Berlin)
    }

    /// The signatories as one line each: "Dr. Anna Schäfer, Geschäftsführerin".
    pub fn signatory_lines(&self) -> Vec<String> {
        self.signatories
            .iter()
            .map(|(name, role)| {
                if role.trim().is_empty() {
                    name.clone()
                } else {
                    format!("{name}, {role}")
                }
            })
            .collect()
    }
}

/// An issued certificate.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Issued {
    pub id: i64,
    pub template_id: i64,
    pub serial: i64,
    pub code: String,
    pub account_id: Option<AccountId>,
    pub subject: String,
    pub recipient_name: String,
    pub recipient_email: String,
    pub organisation: String,
    pub language: String,
    pub facts: String,
    pub issued_at: DateTime<Utc>,
    pub issued_by: Option<AccountId>,
    pub emailed_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub revoked_reason: String,
    /// A [`Snapshot`] as JSON; empty for a certificate issued before snapshots existed and not
    /// frozen yet (see `service::freeze_unfrozen`).
    pub snapshot: String,
    pub logo_image_id: Option<i64>,
    pub signature_image_id: Option<i64>,
    /// When a re-issue replaced it, and by which certificate.
    pub superseded_at: Option<DateTime<Utc>>,
    pub superseded_by: Option<i64>,
}

impl Issued {
    /// What it says as issued; `None` for one issued before snapshots existed, not frozen yet.
    pub fn snapshot(&self) -> Option<Snapshot> {
        if self.snapshot.is_empty() {
            return None;
        }
        serde_json::from_str(&self.snapshot).ok()
    }

    /// Neither revoked nor superseded: the one that counts.
    pub fn is_current(&self) -> bool {
        self.revoked_at.is_none() && self.superseded_at.is_none()
    }

    pub fn lang(&self) -> Lang {
        Lang::from_code(&self.language).unwrap_or_default()
    }

    pub fn facts(&self) -> Facts {
        serde_json::from_str(&self.facts).unwrap_or_default()
    }

    pub fn code_text(&self) -> String {
        code_text(&self.code)
    }
}

/// Someone a certificate is issued to, with the facts it certifies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    pub subject: String,
    pub account_id: Option<AccountId>,
    pub name: String,
    pub email: String,
    pub organisation: String,
    pub language: Lang,
    pub facts: Facts,
}

/// A bulk-issuing job.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Job {
    pub id: i64,
    pub template_id: i64,
    pub requested_by: Option<AccountId>,
    pub send_mail: bool,
    pub status: String,
    pub total: i64,
    pub done: i64,
    pub issued: i64,
    pub error: String,
    pub created_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
}

impl Job {
    pub fn finished(&self) -> bool {
        self.status == "done" || self.status == "failed"
    }
}

/// Crockford's base32 alphabet: no I, L, O, U, so a code typed from paper cannot be misread.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// A new verification code: 20 characters of base32, 100 random bits.
pub fn new_code() -> String {
    let bytes: [u8; 13] = rand::random();
    let mut bits: u128 = 0;
    for b in bytes {
        bits = (bits << 8) | u128::from(b);
    }
    (0..20)
        .map(|i| ALPHABET[((bits >> (i * 5)) & 31) as usize] as char)
        .collect()
}

/// A code as people type it: case, dashes and spaces ignored, and the letters base32 leaves out
/// read as the digits they resemble (O → 0, I/L → 1). `None` when it cannot be a code.
pub fn normalise_code(input: &str) -> Option<String> {
    let code: String = input
        .chars()
        .filter(|c| !matches!(c, '-' | ' '))
        .map(|c| match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        })
        .collect();
    (code.len() == 20 && code.bytes().all(|b| ALPHABET.contains(&b))).then_some(code)
}

/// "ABCDE-FGHJK-MNPQR-STVWX".
pub fn code_text(code: &str) -> String {
    code.as_bytes()
        .chunks(5)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> TemplateInput {
        TemplateInput {
            kind: "attendance".into(),
            title_de: "Teilnahmebescheinigung".into(),
            title_en: "Certificate of attendance".into(),
            body_de: "{name} war bei {event}.".into(),
            body_en: "{name} attended {event}.".into(),
            serial_prefix: "CMR-2026".into(),
            ..Default::default()
        }
    }

    #[test]
    fn kinds_belong_to_events_or_calls() {
        assert!(input().validate(true).is_ok());
        let err = input().validate(false).unwrap_err();
        assert_eq!(err.0[0].0, "kind");
        assert_eq!(err.0[0].1.id, "cert-kind-wrong-owner");
        let placement = TemplateInput {
            kind: "placement".into(),
            ..input()
        };
        assert_eq!(placement.validate(false).unwrap().kind, Kind::Placement);
    }

    #[test]
    fn bad_templates_are_refused_field_by_field() {
        let bad = TemplateInput {
            kind: "diploma".into(),
            title_de: " ".into(),
            body_en: "Dear {recipient}".into(),
            serial_prefix: "ab cd".into(),
            session_id: "x".into(),
            ..input()
        };
        let err = bad.validate(true).unwrap_err();
        let fields: Vec<&str> = err.0.iter().map(|(f, _)| f.as_ref()).collect();
        assert_eq!(
            fields,
            ["kind", "title_de", "body_en", "serial_prefix", "session_id"]
        );
        assert_eq!(err.0[2].1.args, vec![("name", "recipient".to_string())]);
    }

    #[test]
    fn placeholders_are_filled_and_unknown_ones_vanish() {
        let mut v = BTreeMap::new();
        v.insert("name", "Jörg Müller".to_string());
        v.insert("event", "Clusters meet Regions".to_string());
        assert_eq!(
            fill("{name} war bei „{event}“{session}.", &v),
            "Jörg Müller war bei „Clusters meet Regions“."
        );
        assert_eq!(fill("offen {name", &v), "offen {name");
        assert_eq!(unknown_placeholder("{name} {dates}"), None);
        assert_eq!(unknown_placeholder("{name} {datum}"), Some("datum".into()));
    }

    #[test]
    fn placements_read_naturally() {
        assert_eq!(placement_text(Lang::De, 1), "1. Platz");
        assert_eq!(placement_text(Lang::En, 1), "1st place");
        assert_eq!(placement_text(Lang::En, 2), "2nd place");
        assert_eq!(placement_text(Lang::En, 3), "3rd place");
        assert_eq!(placement_text(Lang::En, 11), "11th place");
        assert_eq!(placement_text(Lang::En, 22), "22nd place");
    }

    #[test]
    fn codes_carry_100_bits_and_survive_sloppy_typing() {
        let a = new_code();
        assert_eq!(a.len(), 20);
        assert_ne!(a, new_code());
        let typed = code_text(&a).to_lowercase();
        assert_eq!(normalise_code(&typed).as_deref(), Some(a.as_str()));
        assert_eq!(
            normalise_code("oooo0-iiiil-00000-00000").as_deref(),
            Some("00000111110000000000")
        );
        assert_eq!(normalise_code("ABC"), None);
        assert_eq!(normalise_code("UUUUU-UUUUU-UUUUU-UUUUU"), None);
        assert_eq!(serial_text("ICMR-2026", 7), "ICMR-2026-0007");
    }

    #[test]
    fn default_prefixes_come_from_the_slug() {
        assert_eq!(
            default_prefix("clusters-meet-regions-nrw-2027", 2026),
            "CMRN-2026"
        );
        assert_eq!(default_prefix("cmr-2026", 2026), "CMR-2026");
        assert_eq!(default_prefix("innovationcall", 2027), "INNOVA-2027");
        assert_eq!(default_prefix("2026", 2026), "CERT-2026");
        let valid = TemplateInput {
            serial_prefix: default_prefix("über-straße-2026", 2026),
            ..input()
        };
        assert!(valid.validate(true).is_ok(), "{}", valid.serial_prefix);
    }
}
