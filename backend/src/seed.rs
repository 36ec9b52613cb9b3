//! Demo data from `seeds/demo.toml` (compiled into the binary), loaded through the same services
//! and queries as real use, so the demo obeys every rule the application does.
//!
//! `convene seed demo` loads it into an empty database; `convene serve` does so on first start
//! when `CONVENE_DEMO` is on (the default for the zero-setup SQLite file).

use std::sync::LazyLock;

use anyhow::Context;
use convene_frontend::Lang;
use serde::Deserialize;

use crate::account::Role;
use crate::account::service::{ConfirmedAccount, create_confirmed};
use crate::db::{self, DbPool};
use crate::organisation::model::NewOrganisation;
use crate::organisation::queries as org_queries;
use crate::state::AppState;

const DEMO_TOML: &str = include_str!("../../seeds/demo.toml");
const EVENTS_TOML: &str = include_str!("../../seeds/events.toml");

#[derive(Debug, Deserialize)]
pub struct Demo {
    pub password: String,
    pub organisations: Vec<SeedOrganisation>,
    pub accounts: Vec<SeedAccount>,
}

#[derive(Debug, Deserialize)]
pub struct SeedOrganisation {
    pub slug: String,
    pub name: String,
    pub kind: String,
    #[serde(default)]
    pub city: String,
    #[serde(default)]
    pub website: String,
    #[serde(default)]
    pub description_de: String,
    #[serde(default)]
    pub description_en: String,
}

#[derive(Debug, Deserialize)]
pub struct SeedAccount {
    pub email: String,
    pub name: String,
    pub organisation: Option<String>,
    pub language: String,
    #[serde(default)]
    pub roles: Vec<SeedRole>,
}

#[derive(Debug, Deserialize)]
pub struct SeedRole {
    pub role: String,
    pub scope: String,
}

#[derive(Debug, Deserialize)]
pub struct DemoEvents {
    pub events: Vec<SeedEvent>,
}

#[derive(Debug, Deserialize)]
pub struct SeedEvent {
    /// The e-mail of the demo account that creates it, or `organiser` for the first organiser.
    pub organiser: String,
    #[serde(flatten)]
    pub details: crate::event::model::EventInput,
    #[serde(default)]
    pub rooms: Vec<SeedRoom>,
    #[serde(default)]
    pub tracks: Vec<crate::agenda::model::TrackInput>,
    #[serde(default)]
    pub sessions: Vec<SeedSession>,
    pub registration: Option<SeedRegistration>,
}

/// Registration for a demo event: settings, ticket types, questions, and the limited sessions
/// every registered demo participant books.
#[derive(Debug, Deserialize)]
pub struct SeedRegistration {
    pub capacity: Option<i64>,
    #[serde(default)]
    pub closes_at: String,
    #[serde(default)]
    pub tickets: Vec<crate::registration::service::TicketInput>,
    #[serde(default)]
    pub questions: Vec<crate::registration::form::QuestionInput>,
    #[serde(default)]
    pub book: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct SeedRoom {
    pub name: String,
    pub capacity: Option<i64>,
    pub available_from: Option<String>,
    pub available_until: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct SeedSession {
    pub day: String,
    pub start: String,
    pub end: String,
    pub kind: String,
    #[serde(default)]
    pub room: String,
    #[serde(default)]
    pub track: String,
    pub title_de: String,
    #[serde(default)]
    pub title_en: String,
    #[serde(default)]
    pub description_de: String,
    #[serde(default)]
    pub description_en: String,
    #[serde(default)]
    pub people: String,
    pub capacity: Option<i64>,
    #[serde(default)]
    pub signup: bool,
}

/// The parsed demo events.
pub static DEMO_EVENTS: LazyLock<DemoEvents> =
    LazyLock::new(|| toml::from_str(EVENTS_TOML).expect("seeds/events.toml is valid (tested)"));

/// The parsed demo file. A unit test proves it parses, so this never panics in a release.
pub static DEMO: LazyLock<Demo> =
    LazyLock::new(|| toml::from_str(DEMO_TOML).expect("seeds/demo.toml is valid (tested)"));

/// The password of every demo account.
pub fn demo_password() -> &'static str {
    &DEMO.password
}

/// (role message id, e-mail) of the first demo account of each role, for the home page and the
/// start-up banner.
pub fn demo_sign_ins() -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    for (id, role) in [
        ("role-admin", Some("admin")),
        ("role-organiser", Some("organiser")),
        ("role-juror", Some("juror")),
        ("role-checkin", Some("checkin")),
        ("role-participant", None),
    ] {
        let found = DEMO.accounts.iter().find(|a| match role {
            Some(r) => a.roles.iter().any(|g| g.role == r),
            None => a.roles.is_empty(),
        });
        if let Some(a) = found {
            out.push((id, a.email.clone()));
        }
    }
    out
}

/// Whether the database holds no accounts yet.
pub async fn is_empty(pool: &DbPool) -> anyhow::Result<bool> {
    let n: i64 = sqlx::query_scalar("select count(*) from accounts")
        .fetch_one(pool)
        .await?;
    Ok(n == 0)
}

/// Loads the demo data: organisations and accounts in one transaction, then the events with
/// their agendas through the same services organisers use.
pub async fn load_demo(state: &AppState) -> anyhow::Result<()> {
    load_accounts(&state.db, state.clock.now()).await?;
    load_events(state).await
}

async fn load_events(state: &AppState) -> anyhow::Result<()> {
    use crate::agenda::model::{RoomInput, SessionInput};
    use crate::agenda::service as agenda;
    let err = |what: String| move |e: crate::error::AppError| anyhow::anyhow!("demo {what}: {e:?}");
    for seed in &DEMO_EVENTS.events {
        let email = match seed.organiser.as_str() {
            "organiser" => DEMO
                .accounts
                .iter()
                .find(|a| a.roles.iter().any(|r| r.role == "organiser"))
                .map(|a| a.email.clone())
                .context("the demo data has no organiser")?,
            email => email.to_string(),
        };
        let mut conn = state.db.acquire().await?;
        let account = crate::account::queries::find_by_email(&mut conn, &email)
            .await?
            .with_context(|| format!("demo organiser {email} is missing"))?;
        drop(conn);
        let actor = crate::account::service::actor(state, account.id)
            .await
            .map_err(err(email.clone()))?;
        let slug = seed.details.slug.clone();
        crate::event::service::create(state, &actor, &seed.details)
            .await
            .map_err(err(slug.clone()))?;
        let mut rooms = std::collections::HashMap::new();
        for room in &seed.rooms {
            let input = RoomInput {
                name: room.name.clone(),
                capacity: room.capacity.map(|c| c.to_string()).unwrap_or_default(),
                available_from: room.available_from.clone().unwrap_or_default(),
                available_until: room.available_until.clone().unwrap_or_default(),
            };
            let id = agenda::create_room(state, &actor, &slug, &input)
                .await
                .map_err(err(room.name.clone()))?;
            rooms.insert(room.name.clone(), id);
        }
        for track in &seed.tracks {
            agenda::create_track(state, &actor, &slug, track)
                .await
                .map_err(err(track.name_de.clone()))?;
        }
        let tracks = agenda::for_organiser(state, &actor, &slug)
            .await
            .map_err(err(slug.clone()))?
            .tracks;
        for s in &seed.sessions {
            let input = SessionInput {
                kind: s.kind.clone(),
                title_de: s.title_de.clone(),
                title_en: s.title_en.clone(),
                description_de: s.description_de.clone(),
                description_en: s.description_en.clone(),
                day: s.day.clone(),
                start: s.start.clone(),
                end: s.end.clone(),
                room: rooms
                    .get(&s.room)
                    .map(|id| id.0.to_string())
                    .unwrap_or_default(),
                track: tracks
                    .iter()
                    .find(|t| t.name_de == s.track)
                    .map(|t| t.id.0.to_string())
                    .unwrap_or_default(),
                capacity: s.capacity.map(|c| c.to_string()).unwrap_or_default(),
                requires_signup: s.signup.then(|| "on".to_string()),
                people: s.people.clone(),
            };
            agenda::create_session(state, &actor, &slug, &input)
                .await
                .map_err(err(s.title_de.clone()))?;
        }
        agenda::publish(state, &actor, &slug)
            .await
            .map_err(err(slug.clone()))?;
        crate::event::service::set_status(state, &actor, &slug, "published")
            .await
            .map_err(err(slug.clone()))?;
        if let Some(r) = &seed.registration {
            load_registrations(state, &actor, &slug, r).await?;
        }
    }
    Ok(())
}

/// Opens registration and registers every demo participant (everyone but the administrators,
/// organisers and door staff)
/// with believable answers; then they book the named limited sessions in the same order, so a
/// small one fills up and has a waiting list.
async fn load_registrations(
    state: &AppState,
    organiser: &crate::account::Actor,
    slug: &str,
    seed: &SeedRegistration,
) -> anyhow::Result<()> {
    use crate::registration::form::AnswersIn;
    use crate::registration::service::{self as registration, RegisterInput, SettingsInput};
    let err = |what: &str| {
        let what = what.to_string();
        move |e: crate::error::AppError| anyhow::anyhow!("demo registration {what}: {e:?}")
    };
    let settings = SettingsInput {
        capacity: seed.capacity,
        closes_at: seed.closes_at.clone(),
        ..Default::default()
    };
    registration::configure(state, organiser, slug, &settings)
        .await
        .map_err(err(slug))?;
    let mut tickets = Vec::new();
    for t in &seed.tickets {
        tickets.push(
            registration::add_ticket(state, organiser, slug, t)
                .await
                .map_err(err(&t.name_de))?,
        );
    }
    let mut questions = Vec::new();
    for q in &seed.questions {
        questions.push(
            registration::add_question(state, organiser, slug, q)
                .await
                .map_err(err(&q.label_de))?,
        );
    }
    let form = registration::form(state, Some(organiser), slug)
        .await
        .map_err(err(slug))?;
    let participants: Vec<&SeedAccount> = DEMO
        .accounts
        .iter()
        .filter(|a| a.roles.iter().all(|r| r.role == "juror"))
        .collect();
    let mut actors = Vec::new();
    for (i, a) in participants.iter().enumerate() {
        let mut conn = state.db.acquire().await?;
        let account = crate::account::queries::find_by_email(&mut conn, &a.email)
            .await?
            .with_context(|| format!("demo participant {} is missing", a.email))?;
        drop(conn);
        let actor = crate::account::service::actor(state, account.id)
            .await
            .map_err(err(&a.email))?;
        let mut answers = AnswersIn::default();
        for q in &form.questions {
            use crate::registration::form::QuestionKind;
            let value = match q.kind {
                QuestionKind::Text => account
                    .organisation_name
                    .clone()
                    .unwrap_or_else(|| a.name.clone()),
                QuestionKind::SingleChoice => (i % 3).to_string(),
                QuestionKind::Country => match a.email.as_str() {
                    e if e.starts_with("tomasz") => "PL".into(),
                    e if e.starts_with("pieter") => "BE".into(),
                    _ => "DE".into(),
                },
                QuestionKind::Consent if q.required || i % 2 == 0 => "on".into(),
                _ => continue,
            };
            answers.values.insert(q.id, vec![value]);
        }
        let input = RegisterInput {
            // Most on site for both days, every fourth person for the first day only.
            ticket_type_id: tickets.get(usize::from(i % 4 == 3)).copied(),
            answers,
        };
        registration::register(state, &actor, slug, &input)
            .await
            .map_err(err(&a.email))?;
        actors.push(actor);
    }
    let sessions = crate::agenda::service::for_organiser(state, organiser, slug)
        .await
        .map_err(err(slug))?
        .sessions;
    for title in &seed.book {
        let session = sessions
            .iter()
            .find(|s| &s.title_de == title)
            .with_context(|| format!("demo booking: no session {title}"))?;
        for actor in &actors {
            crate::registration::bookings::book(state, actor, slug, session.id)
                .await
                .map_err(err(title))?;
        }
    }
    Ok(())
}

async fn load_accounts(pool: &DbPool, now: chrono::DateTime<chrono::Utc>) -> anyhow::Result<()> {
    let demo = &*DEMO;
    let mut tx = db::begin_write(pool).await?;
    for org in &demo.organisations {
        let new = NewOrganisation {
            slug: org.slug.clone(),
            name: org.name.clone(),
            kind: org.kind.clone(),
            city: org.city.clone(),
            website: org.website.clone(),
            description_de: org.description_de.clone(),
            description_en: org.description_en.clone(),
        };
        org_queries::insert(&mut tx, &new, now)
            .await
            .with_context(|| format!("demo organisation {}", org.slug))?;
    }
    for account in &demo.accounts {
        let organisation_id = match &account.organisation {
            Some(slug) => Some(
                org_queries::find_by_slug(&mut tx, slug)
                    .await?
                    .with_context(|| {
                        format!("demo account {}: no organisation {slug}", account.email)
                    })?,
            ),
            None => None,
        };
        let roles: Vec<Role> = account
            .roles
            .iter()
            .filter(|r| r.scope == "site")
            .map(|r| {
                Role::parse(&r.role).map_err(|m| anyhow::anyhow!("demo role {}: {}", r.role, m.id))
            })
            .collect::<anyhow::Result<_>>()?;
        let new = ConfirmedAccount {
            email: &account.email,
            name: &account.name,
            organisation_id,
            lang: Lang::from_code(&account.language).unwrap_or_default(),
            password: &demo.password,
            roles: &roles,
        };
        create_confirmed(&mut tx, &new, now)
            .await
            .map_err(|e| anyhow::anyhow!("demo account {}: {e}", account.email))?;
    }
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_events_parse_with_their_sessions() {
        let events = &DEMO_EVENTS.events;
        assert!(events.len() >= 2);
        let cmr = &events[0];
        assert!(
            cmr.sessions
                .iter()
                .any(|s| s.kind == "site_visit" && s.capacity == Some(8) && s.signup)
        );
        for s in &cmr.sessions {
            assert!(
                s.room.is_empty() || cmr.rooms.iter().any(|r| r.name == s.room),
                "{}",
                s.room
            );
        }
    }

    #[test]
    fn the_demo_file_parses_and_names_every_role() {
        let demo = &*DEMO;
        assert!(demo.organisations.len() >= 20);
        let sign_ins = demo_sign_ins();
        let roles: Vec<&str> = sign_ins.iter().map(|(r, _)| *r).collect();
        assert_eq!(
            roles,
            [
                "role-admin",
                "role-organiser",
                "role-juror",
                "role-checkin",
                "role-participant"
            ]
        );
        for account in &demo.accounts {
            if let Some(slug) = &account.organisation {
                assert!(demo.organisations.iter().any(|o| &o.slug == slug), "{slug}");
            }
        }
    }
}
