//! Mail template use cases: every mail of an event or a call is written by [`compose`] (the
//! organisers' wording if they changed it, else the default); organisers list, preview, save and
//! reset the wordings of their events and calls.

use convene_frontend::Lang;

use super::model::{self, Kind, Wording};
use super::queries;
use crate::account::Actor;
use crate::audit;
use crate::db::{self, DbConn};
use crate::error::{AppError, FieldErrors, Msg};
use crate::ids::EventId;
use crate::state::AppState;
use crate::team::service::{Place, PlaceKind};

/// The event or call a mail is sent for: whose wording applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sender {
    Event(EventId),
    Call(i64),
}

impl Sender {
    fn ids(self) -> (Option<EventId>, Option<i64>) {
        match self {
            Sender::Event(e) => (Some(e), None),
            Sender::Call(c) => (None, Some(c)),
        }
    }

    fn of(place: &Place) -> Sender {
        match place {
            Place::Event(e) => Sender::Event(e.id),
            Place::Call(c) => Sender::Call(c.id),
        }
    }
}

/// A mail's subject and plain text, ready for `crate::mail::enqueue`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letter {
    pub subject: String,
    pub body: String,
}

/// The `kind` mail of `sender` in `lang`, with `values` filled in: the organisers' wording if
/// they changed it, else the default of the message catalogue.
pub async fn compose(
    conn: &mut DbConn,
    sender: Sender,
    kind: &Kind,
    lang: Lang,
    values: &[(&str, String)],
) -> sqlx::Result<Letter> {
    let (event, call) = sender.ids();
    let wording = queries::wording(conn, event, call, kind.key, lang.code()).await?;
    Ok(match wording {
        Some(w) => {
            // Every placeholder of the kind is filled, with nothing if this mail has no value.
            let all: Vec<(&str, String)> = kind
                .placeholders
                .iter()
                .map(|p| {
                    let v = values.iter().find(|(k, _)| k == p).map(|(_, v)| v.clone());
                    (*p, v.unwrap_or_default())
                })
                .collect();
            Letter {
                subject: model::fill_subject(&w.subject, &all),
                body: model::fill_body(&w.body, &all),
            }
        }
        None => {
            let (subject, body) = kind.default_text(lang, values);
            Letter { subject, body }
        }
    })
}

/// One mail in one language as the organisers see it.
#[derive(Debug, Clone)]
pub struct Template {
    pub kind: &'static Kind,
    pub lang: Lang,
    pub subject: String,
    pub body: String,
    /// Whether the organisers changed the default (`subject` and `body` are theirs).
    pub customised: bool,
    pub updated_at: Option<chrono::DateTime<chrono::Utc>>,
}

fn template(kind: &'static Kind, lang: Lang, wording: Option<&Wording>) -> Template {
    match wording {
        Some(w) => Template {
            kind,
            lang,
            subject: w.subject.clone(),
            body: w.body.clone(),
            customised: true,
            updated_at: Some(w.updated_at),
        },
        None => {
            let (subject, body) = kind.default_template(lang);
            Template {
                kind,
                lang,
                subject,
                body,
                customised: false,
                updated_at: None,
            }
        }
    }
}

/// The kind named `key`, if `place` sends it, and the language named `code`. Asked after the
/// access check, so that nobody learns more from a wrong address than from a right one.
fn mail_of(place: &Place, key: &str, code: &str) -> Result<(&'static Kind, Lang), AppError> {
    let event = matches!(place, Place::Event(_));
    let not_found = || AppError::NotFound(Msg::new("mail-template-not-found"));
    let kind = model::kinds_of(event)
        .find(|k| k.key == key)
        .ok_or_else(not_found)?;
    let lang = Lang::from_code(code).ok_or_else(not_found)?;
    Ok((kind, lang))
}

/// Every mail of an event or call in both languages (organisers only).
pub async fn templates(
    state: &AppState,
    actor: &Actor,
    kind: PlaceKind,
    slug: &str,
) -> Result<(Place, Vec<Template>), AppError> {
    let place = crate::team::service::place(state, actor, kind, slug).await?;
    let (event, call) = Sender::of(&place).ids();
    let mut conn = state.db.acquire().await?;
    let wordings = queries::wordings(&mut conn, event, call).await?;
    let mut out = Vec::new();
    for k in model::kinds_of(kind == PlaceKind::Event) {
        for lang in [Lang::De, Lang::En] {
            let w = wordings
                .iter()
                .find(|w| w.kind == k.key && w.lang == lang.code());
            out.push(template(k, lang, w));
        }
    }
    Ok((place, out))
}

/// One mail of an event or call in one language (organisers only).
pub async fn get(
    state: &AppState,
    actor: &Actor,
    kind: PlaceKind,
    slug: &str,
    key: &str,
    lang: &str,
) -> Result<(Place, Template), AppError> {
    let place = crate::team::service::place(state, actor, kind, slug).await?;
    let (k, lang) = mail_of(&place, key, lang)?;
    let (event, call) = Sender::of(&place).ids();
    let mut conn = state.db.acquire().await?;
    let w = queries::wording(&mut conn, event, call, k.key, lang.code()).await?;
    Ok((place, template(k, lang, w.as_ref())))
}

fn checked(kind: &Kind, subject: &str, body: &str) -> Result<(), AppError> {
    let mut errors = FieldErrors::default();
    for (field, msg) in model::check(kind, subject, body) {
        errors.add_msg(field, msg);
    }
    errors.into_result()
}

/// Stores the organisers' wording of one mail in one language (organisers only).
#[allow(clippy::too_many_arguments)]
pub async fn save(
    state: &AppState,
    actor: &Actor,
    kind: PlaceKind,
    slug: &str,
    key: &str,
    lang: &str,
    subject: &str,
    body: &str,
) -> Result<(Place, Template), AppError> {
    let place = crate::team::service::place(state, actor, kind, slug).await?;
    let (k, lang) = mail_of(&place, key, lang)?;
    checked(k, subject, body)?;
    let subject = subject.trim();
    let body = body.replace("\r\n", "\n");
    let body = body.trim();
    let (event, call) = Sender::of(&place).ids();
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    queries::delete(&mut tx, event, call, k.key, lang.code()).await?;
    queries::insert(
        &mut tx,
        event,
        call,
        k.key,
        lang.code(),
        subject,
        body,
        actor.id,
        now,
    )
    .await?;
    audit::record(
        &mut tx,
        Some(actor.id),
        "mail_template.save",
        &place.scope().key(),
        &format!("{} {}", k.key, lang.code()),
        now,
    )
    .await?;
    let w = queries::wording(&mut tx, event, call, k.key, lang.code()).await?;
    tx.commit().await?;
    let t = template(k, lang, w.as_ref());
    Ok((place, t))
}

/// Brings the default wording of one mail in one language back (organisers only). Resetting a
/// mail that was never changed changes nothing.
pub async fn reset(
    state: &AppState,
    actor: &Actor,
    kind: PlaceKind,
    slug: &str,
    key: &str,
    lang: &str,
) -> Result<(Place, Template), AppError> {
    let place = crate::team::service::place(state, actor, kind, slug).await?;
    let (k, lang) = mail_of(&place, key, lang)?;
    let (event, call) = Sender::of(&place).ids();
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    if queries::delete(&mut tx, event, call, k.key, lang.code()).await? {
        audit::record(
            &mut tx,
            Some(actor.id),
            "mail_template.reset",
            &place.scope().key(),
            &format!("{} {}", k.key, lang.code()),
            now,
        )
        .await?;
    }
    tx.commit().await?;
    Ok((place, template(k, lang, None)))
}

/// The values a preview fills in: the event's or call's own title and address, and examples
/// for the rest.
fn samples(place: &Place, kind: &Kind, lang: Lang, base: &str) -> Vec<(&'static str, String)> {
    let t = lang.tr();
    kind.placeholders
        .iter()
        .map(|p| {
            let value = match *p {
                "event" | "call" => place.title(lang).to_string(),
                "link" => match place {
                    Place::Event(e) => format!("{base}/events/{}", e.slug),
                    Place::Call(c) => format!("{base}/calls/{}", c.slug),
                },
                "url" => format!("{base}/verify/X7K2-9QPL"),
                "me" => format!("{base}/me/certificates"),
                _ => t.msg(&format!("mail-sample-{p}")),
            };
            (*p, value)
        })
        .collect()
}

/// The mail as a recipient would read it with `subject` and `body` (not stored), filled with
/// example values (organisers only). Refuses a text that could not be saved either.
#[allow(clippy::too_many_arguments)]
pub async fn preview(
    state: &AppState,
    actor: &Actor,
    kind: PlaceKind,
    slug: &str,
    key: &str,
    lang: &str,
    subject: &str,
    body: &str,
) -> Result<(Place, Letter), AppError> {
    let place = crate::team::service::place(state, actor, kind, slug).await?;
    let (k, lang) = mail_of(&place, key, lang)?;
    checked(k, subject, body)?;
    let values = samples(&place, k, lang, &state.config.base_url);
    let letter = Letter {
        subject: model::fill_subject(subject, &values),
        body: model::fill_body(body, &values),
    };
    Ok((place, letter))
}
