//! The mails an event or a call sends, which its organisers may reword: the catalogue of kinds
//! with their placeholders, the default texts (built from the message catalogue), and the rules
//! for a reworded text (only known placeholders, a subject of one line, bounded lengths).
//!
//! A mail's text is plain: `{name}`-style placeholders are filled in when it is sent, and the
//! HTML part of the mail is made from the text (`crate::mail::html_body`).

use chrono::{DateTime, Utc};

use crate::error::Msg;
use crate::ids::EventId;
use convene_frontend::Lang;

/// The longest subject, in characters.
pub const MAX_SUBJECT: usize = 200;
/// The longest body, in characters.
pub const MAX_BODY: usize = 10_000;

/// Whose mails a kind belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    Event,
    Call,
    /// Events and calls both send it (certificates).
    Both,
}

/// One paragraph of a default text: a message of the catalogue, or a placeholder standing alone
/// (a list the code writes, an organiser's own text), left out when it is empty.
#[derive(Debug, Clone, Copy)]
pub enum Part {
    Msg(&'static str),
    Value(&'static str),
}

/// A mail that organisers may reword.
#[derive(Debug)]
pub struct Kind {
    /// As the API and the addresses name it, e.g. `registration-confirmed`.
    pub key: &'static str,
    pub owner: Owner,
    subject_id: &'static str,
    /// The paragraphs between the greeting and the signature.
    parts: &'static [Part],
    /// The placeholders a text may use; `name` (the recipient) is always among them.
    pub placeholders: &'static [&'static str],
}

use Part::{Msg as M, Value as V};

const REGISTRATION: &[&str] = &["name", "event", "link", "until"];
const BOOKING: &[&str] = &["name", "session", "event", "time", "until", "link"];
const MATCHMAKING: &[&str] = &[
    "name",
    "partner",
    "organisation",
    "event",
    "message",
    "time",
    "table",
    "link",
];
const SUBMISSION: &[&str] = &["name", "call", "title", "deadline", "link", "note"];

pub const REGISTRATION_CONFIRMED: Kind = Kind {
    key: "registration-confirmed",
    owner: Owner::Event,
    subject_id: "mail-registration-confirmed-subject",
    parts: &[
        M("mail-registration-confirmed-body"),
        M("mail-registration-code"),
    ],
    placeholders: &["name", "event", "link", "until", "code"],
};

pub const REGISTRATION_PENDING: Kind = Kind {
    key: "registration-pending",
    owner: Owner::Event,
    subject_id: "mail-registration-pending-subject",
    parts: &[M("mail-registration-pending-body")],
    placeholders: REGISTRATION,
};

pub const REGISTRATION_WAITLISTED: Kind = Kind {
    key: "registration-waitlisted",
    owner: Owner::Event,
    subject_id: "mail-registration-waitlisted-subject",
    parts: &[M("mail-registration-waitlisted-body")],
    placeholders: REGISTRATION,
};

pub const REGISTRATION_OFFERED: Kind = Kind {
    key: "registration-offered",
    owner: Owner::Event,
    subject_id: "mail-registration-offered-subject",
    parts: &[M("mail-registration-offered-body")],
    placeholders: REGISTRATION,
};

pub const REGISTRATION_REJECTED: Kind = Kind {
    key: "registration-rejected",
    owner: Owner::Event,
    subject_id: "mail-registration-rejected-subject",
    parts: &[M("mail-registration-rejected-body")],
    placeholders: REGISTRATION,
};

pub const REGISTRATION_CANCELLED: Kind = Kind {
    key: "registration-cancelled",
    owner: Owner::Event,
    subject_id: "mail-registration-cancelled-subject",
    parts: &[M("mail-registration-cancelled-body")],
    placeholders: REGISTRATION,
};

pub const REGISTRATION_EXPIRED: Kind = Kind {
    key: "registration-expired",
    owner: Owner::Event,
    subject_id: "mail-registration-expired-subject",
    parts: &[M("mail-registration-expired-body")],
    placeholders: REGISTRATION,
};

pub const BOOKING_OFFERED: Kind = Kind {
    key: "booking-offered",
    owner: Owner::Event,
    subject_id: "mail-booking-offered-subject",
    parts: &[M("mail-booking-offered-body")],
    placeholders: BOOKING,
};

pub const BOOKING_EXPIRED: Kind = Kind {
    key: "booking-expired",
    owner: Owner::Event,
    subject_id: "mail-booking-expired-subject",
    parts: &[M("mail-booking-expired-body")],
    placeholders: BOOKING,
};

pub const SESSIONS_CHANGED: Kind = Kind {
    key: "sessions-changed",
    owner: Owner::Event,
    subject_id: "mail-agenda-changed-subject",
    parts: &[
        M("mail-agenda-changed-body"),
        V("changes"),
        M("mail-agenda-changed-link"),
    ],
    placeholders: &["name", "event", "changes", "link"],
};

pub const MATCHMAKING_RECEIVED: Kind = Kind {
    key: "matchmaking-received",
    owner: Owner::Event,
    subject_id: "mm-mail-received-subject",
    parts: &[M("mm-mail-received-body")],
    placeholders: MATCHMAKING,
};

pub const MATCHMAKING_ACCEPTED: Kind = Kind {
    key: "matchmaking-accepted",
    owner: Owner::Event,
    subject_id: "mm-mail-accepted-subject",
    parts: &[M("mm-mail-accepted-body")],
    placeholders: MATCHMAKING,
};

pub const MATCHMAKING_DECLINED: Kind = Kind {
    key: "matchmaking-declined",
    owner: Owner::Event,
    subject_id: "mm-mail-declined-subject",
    parts: &[M("mm-mail-declined-body")],
    placeholders: MATCHMAKING,
};

pub const MATCHMAKING_SCHEDULED: Kind = Kind {
    key: "matchmaking-scheduled",
    owner: Owner::Event,
    subject_id: "mm-mail-scheduled-subject",
    parts: &[M("mm-mail-scheduled-body")],
    placeholders: MATCHMAKING,
};

pub const MATCHMAKING_MOVED: Kind = Kind {
    key: "matchmaking-moved",
    owner: Owner::Event,
    subject_id: "mm-mail-moved-subject",
    parts: &[M("mm-mail-moved-body")],
    placeholders: MATCHMAKING,
};

pub const MATCHMAKING_CANCELLED: Kind = Kind {
    key: "matchmaking-cancelled",
    owner: Owner::Event,
    subject_id: "mm-mail-cancelled-subject",
    parts: &[M("mm-mail-cancelled-body")],
    placeholders: MATCHMAKING,
};

pub const SUBMISSION_INVITE: Kind = Kind {
    key: "submission-invite",
    owner: Owner::Call,
    subject_id: "mail-submission-invite-subject",
    parts: &[M("mail-submission-invite-body")],
    placeholders: &["name", "inviter", "call", "title", "email", "link"],
};

pub const SUBMISSION_SUBMITTED: Kind = Kind {
    key: "submission-submitted",
    owner: Owner::Call,
    subject_id: "mail-submission-submitted-subject",
    parts: &[M("mail-submission-submitted-body"), V("note")],
    placeholders: SUBMISSION,
};

pub const SUBMISSION_ELIGIBLE: Kind = Kind {
    key: "submission-eligible",
    owner: Owner::Call,
    subject_id: "mail-submission-eligible-subject",
    parts: &[M("mail-submission-eligible-body")],
    placeholders: SUBMISSION,
};

pub const SUBMISSION_INELIGIBLE: Kind = Kind {
    key: "submission-ineligible",
    owner: Owner::Call,
    subject_id: "mail-submission-ineligible-subject",
    parts: &[M("mail-submission-ineligible-body"), V("note")],
    placeholders: &[
        "name", "call", "title", "deadline", "reason", "link", "note",
    ],
};

pub const JUROR_INVITE: Kind = Kind {
    key: "juror-invite",
    owner: Owner::Call,
    subject_id: "mail-juror-invite-subject",
    parts: &[M("mail-juror-invite-body")],
    placeholders: &["name", "call", "inviter", "link"],
};

pub const JUROR_INVITE_NEW: Kind = Kind {
    key: "juror-invite-new",
    owner: Owner::Call,
    subject_id: "mail-juror-invite-subject",
    parts: &[M("mail-juror-invite-new-body")],
    placeholders: &["name", "call", "inviter", "link"],
};

pub const JURY_REMINDER: Kind = Kind {
    key: "jury-reminder",
    owner: Owner::Call,
    subject_id: "mail-jury-reminder-subject",
    parts: &[M("mail-jury-reminder-body")],
    placeholders: &["name", "call", "round", "count", "closes", "link"],
};

pub const JURY_RESULT: Kind = Kind {
    key: "jury-result",
    owner: Owner::Call,
    subject_id: "mail-jury-result-subject",
    parts: &[M("mail-jury-result-body"), V("notes")],
    placeholders: &["name", "call", "title", "outcome", "notes", "link"],
};

pub const CERTIFICATE_ISSUED: Kind = Kind {
    key: "certificate-issued",
    owner: Owner::Both,
    subject_id: "cert-mail-subject",
    parts: &[M("cert-mail-body")],
    placeholders: &["name", "title", "event", "url", "me"],
};

/// Every mail organisers may reword, in the order the pages list them.
pub const KINDS: [&Kind; 25] = [
    &REGISTRATION_CONFIRMED,
    &REGISTRATION_PENDING,
    &REGISTRATION_WAITLISTED,
    &REGISTRATION_OFFERED,
    &REGISTRATION_REJECTED,
    &REGISTRATION_CANCELLED,
    &REGISTRATION_EXPIRED,
    &BOOKING_OFFERED,
    &BOOKING_EXPIRED,
    &SESSIONS_CHANGED,
    &MATCHMAKING_RECEIVED,
    &MATCHMAKING_ACCEPTED,
    &MATCHMAKING_DECLINED,
    &MATCHMAKING_SCHEDULED,
    &MATCHMAKING_MOVED,
    &MATCHMAKING_CANCELLED,
    &SUBMISSION_INVITE,
    &SUBMISSION_SUBMITTED,
    &SUBMISSION_ELIGIBLE,
    &SUBMISSION_INELIGIBLE,
    &JUROR_INVITE,
    &JUROR_INVITE_NEW,
    &JURY_REMINDER,
    &JURY_RESULT,
    &CERTIFICATE_ISSUED,
];

/// The kind named `key`.
pub fn kind(key: &str) -> Option<&'static Kind> {
    KINDS.iter().copied().find(|k| k.key == key)
}

/// The kinds an event (`event`) or a call sends.
pub fn kinds_of(event: bool) -> impl Iterator<Item = &'static Kind> {
    KINDS.iter().copied().filter(move |k| match k.owner {
        Owner::Event => event,
        Owner::Call => !event,
        Owner::Both => true,
    })
}

impl Kind {
    /// The message naming this mail on the pages, e.g. "Registration confirmed".
    pub fn label_id(&self) -> String {
        format!("mail-kind-{}", self.key)
    }

    /// The default subject and body in `lang`, with `values` filled in: the greeting, the
    /// paragraphs and the signature of the message catalogue.
    pub fn default_text(&self, lang: Lang, values: &[(&str, String)]) -> (String, String) {
        let t = lang.tr();
        let get = |key: &str| {
            values
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        let mut paragraphs = vec![t.msg_args("mail-greeting", &[("name", get("name"))])];
        for part in self.parts {
            let text = match part {
                Part::Msg(id) => t.msg_args(id, values),
                Part::Value(key) => get(key),
            };
            if !text.trim().is_empty() {
                paragraphs.push(text.trim_end().to_string());
            }
        }
        paragraphs.push(t.msg("mail-signature"));
        let subject = t.msg_args(self.subject_id, values);
        (subject, tidy(&paragraphs.join("\n\n")))
    }

    /// The default subject and body in `lang` with the placeholders in place: what the editor
    /// starts from, and what a reset returns to.
    pub fn default_template(&self, lang: Lang) -> (String, String) {
        let values: Vec<(&str, String)> = self
            .placeholders
            .iter()
            .map(|p| (*p, format!("{{{p}}}")))
            .collect();
        self.default_text(lang, &values)
    }

    /// Checks a reworded text: every `{…}` must be one of this kind's placeholders.
    pub fn check(&self, text: &str) -> Result<(), Msg> {
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else {
                return Err(Msg::new("mail-template-unclosed"));
            };
            let name = &after[..close];
            if !self.placeholders.contains(&name) {
                return Err(Msg::new("mail-template-unknown-placeholder")
                    .arg("placeholder", format!("{{{name}}}"))
                    .arg("known", self.placeholder_list()));
            }
            rest = &after[close + 1..];
        }
        if rest.contains('}') {
            return Err(Msg::new("mail-template-unclosed"));
        }
        Ok(())
    }

    /// `{name}, {event}, …` as shown in error messages.
    pub fn placeholder_list(&self) -> String {
        self.placeholders
            .iter()
            .map(|p| format!("{{{p}}}"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// An organiser's wording of one mail in one language.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Wording {
    pub event_id: Option<EventId>,
    pub call_id: Option<i64>,
    pub kind: String,
    pub lang: String,
    pub subject: String,
    pub body: String,
    pub updated_at: DateTime<Utc>,
}

/// Checks an organiser's subject and body for `kind`: the refusals by field.
pub fn check(kind: &Kind, subject: &str, body: &str) -> Vec<(&'static str, Msg)> {
    let mut out = Vec::new();
    if subject.trim().is_empty() {
        out.push(("subject", Msg::new("mail-template-subject-empty")));
    } else if subject.contains(['\n', '\r']) {
        out.push(("subject", Msg::new("mail-template-subject-one-line")));
    } else if subject.chars().count() > MAX_SUBJECT {
        out.push((
            "subject",
            Msg::new("mail-template-too-long").arg("max", MAX_SUBJECT),
        ));
    } else if let Err(m) = kind.check(subject) {
        out.push(("subject", m));
    }
    if body.trim().is_empty() {
        out.push(("body", Msg::new("mail-template-body-empty")));
    } else if body.chars().count() > MAX_BODY {
        out.push((
            "body",
            Msg::new("mail-template-too-long").arg("max", MAX_BODY),
        ));
    } else if let Err(m) = kind.check(body) {
        out.push(("body", m));
    }
    out
}

/// `template` with every `{placeholder}` replaced by its value, in one pass (a value that
/// itself contains braces is not read again), and blank lines tidied.
pub fn fill(template: &str, values: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(template.len() + 64);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match values.iter().find(|(k, _)| *k == name) {
                    Some((_, v)) => out.push_str(v),
                    None => out.push_str(&rest[open..open + close + 2]),
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// Fills a subject: one line, whatever the values hold.
pub fn fill_subject(template: &str, values: &[(&str, String)]) -> String {
    fill(template, values)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Fills a body: Windows line ends made plain, at most one blank line in a row (an empty
/// placeholder leaves none behind), and one line end at the end.
pub fn fill_body(template: &str, values: &[(&str, String)]) -> String {
    tidy(&fill(&template.replace("\r\n", "\n"), values))
}

fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 1);
    let mut blank = 0;
    for line in text.trim().lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank += 1;
            if blank > 1 {
                continue;
            }
        } else {
            blank = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values() -> Vec<(&'static str, String)> {
        vec![
            ("name", "Erika".into()),
            ("event", "Clusters meet Regions".into()),
            ("link", "https://x.test/e".into()),
            ("until", String::new()),
            ("code", "AB12".into()),
        ]
    }

    #[test]
    fn keys_are_unique_and_every_kind_names_its_recipient() {
        for (i, k) in KINDS.iter().enumerate() {
            assert!(KINDS[i + 1..].iter().all(|o| o.key != k.key), "{}", k.key);
            assert!(k.placeholders.contains(&"name"), "{}", k.key);
        }
        assert_eq!(kind("jury-result").unwrap().owner, Owner::Call);
        assert!(kind("nope").is_none());
        assert!(kinds_of(true).any(|k| k.key == "certificate-issued"));
        assert!(kinds_of(false).any(|k| k.key == "certificate-issued"));
        assert!(!kinds_of(false).any(|k| k.key == "registration-confirmed"));
    }

    #[test]
    fn every_default_uses_only_its_placeholders_in_both_languages() {
        for k in KINDS {
            for lang in [Lang::De, Lang::En] {
                let (subject, body) = k.default_template(lang);
                assert_eq!(k.check(&subject), Ok(()), "{} {lang:?}: {subject}", k.key);
                assert_eq!(k.check(&body), Ok(()), "{} {lang:?}: {body}", k.key);
                assert!(body.contains("{name}"), "{} {lang:?}", k.key);
                // Every message exists: an unknown id would come back as the id itself.
                assert!(!subject.contains("-subject"), "{} {lang:?}", k.key);
                assert!(!body.contains("-body"), "{} {lang:?}", k.key);
            }
        }
    }

    #[test]
    fn every_kind_and_placeholder_is_named_in_both_languages() {
        for lang in [Lang::De, Lang::En] {
            let t = lang.tr();
            for k in KINDS {
                assert!(t.has(&k.label_id()), "{} {lang:?}", k.label_id());
                for p in k.placeholders {
                    assert!(t.has(&format!("mail-ph-{p}")), "mail-ph-{p} {lang:?}");
                    // The preview fills these from the event or call itself.
                    if !["event", "call", "link", "url", "me"].contains(p) {
                        assert!(
                            t.has(&format!("mail-sample-{p}")),
                            "mail-sample-{p} {lang:?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn the_default_filled_equals_the_template_filled() {
        let k = kind("registration-confirmed").unwrap();
        let (subject, body) = k.default_template(Lang::En);
        let direct = k.default_text(Lang::En, &values());
        assert_eq!(
            (
                fill_subject(&subject, &values()),
                fill_body(&body, &values())
            ),
            direct
        );
        assert!(direct.1.starts_with("Hello Erika,\n\n"), "{}", direct.1);
        assert!(direct.1.contains("AB12"));
    }

    #[test]
    fn fill_replaces_known_placeholders_once_and_keeps_the_rest() {
        let v = vec![("name", "{event}".to_string()), ("event", "E".to_string())];
        assert_eq!(
            fill("Hi {name} at {event} {x} {", &v),
            "Hi {event} at E {x} {"
        );
        assert_eq!(fill_subject("A\n{event}  B", &v), "A E B");
        assert_eq!(
            fill_body(
                "a\r\n\r\n\r\n{nothing}\n\n\nb  \n",
                &[("nothing", String::new())]
            ),
            "a\n\nb\n"
        );
    }

    #[test]
    fn checks_name_the_problem() {
        let k = kind("registration-offered").unwrap();
        assert_eq!(k.check("Hi {name}, until {until}"), Ok(()));
        let err = k.check("Hi {nmae}").unwrap_err();
        assert_eq!(err.id, "mail-template-unknown-placeholder");
        assert!(k.check("Hi {name").is_err());
        assert!(k.check("Hi name}").is_err());
        let refusals = check(k, "", "x");
        assert_eq!(refusals.len(), 1);
        assert_eq!(refusals[0].0, "subject");
        let refusals = check(k, "a\nb", " ");
        assert_eq!(
            refusals.iter().map(|r| r.0).collect::<Vec<_>>(),
            ["subject", "body"]
        );
        assert!(check(k, &"x".repeat(MAX_SUBJECT + 1), "b").len() == 1);
        assert!(check(k, "s", &"x".repeat(MAX_BODY + 1)).len() == 1);
        assert!(check(k, "Your place at {event}", "Hello {name}").is_empty());
    }
}
