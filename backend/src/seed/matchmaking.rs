//! The demo matchmaking from `seeds/matchmaking.toml`: the organiser sets it up (settings,
//! topics, sessions), the participants (new demo accounts are created and registered) fill
//! their profiles and entries, send and answer requests, and the organiser schedules the first
//! session. Everything goes through the matchmaking service, as people would use it.

use std::collections::HashMap;
use std::sync::LazyLock;

use anyhow::Context;
use convene_frontend::Lang;
use serde::Deserialize;

use crate::account::Actor;
use crate::matchmaking::model::{EntryInput, ProfileInput, SessionInput, SettingsInput};
use crate::matchmaking::service::{self, Pick};
use crate::state::AppState;

const MATCHMAKING_TOML: &str = include_str!("../../../seeds/matchmaking.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoMatchmaking {
    pub event: String,
    pub settings: SeedSettings,
    pub sessions: Vec<SeedSession>,
    pub topics: Vec<SeedTopic>,
    pub profiles: Vec<SeedProfile>,
    pub requests: Vec<SeedRequest>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeedSettings {
    pub acceptance_required: bool,
    pub audience: String,
    pub max_per_person: i64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeedBreak {
    pub start: String,
    pub end: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeedSession {
    pub agenda_title_de: String,
    pub slot_minutes: i64,
    pub gap_minutes: i64,
    pub tables: Vec<String>,
    pub breaks: Vec<SeedBreak>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeedTopic {
    pub name_de: String,
    pub name_en: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeedEntry {
    pub kind: String,
    pub title: String,
    pub text: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeedProfile {
    pub email: String,
    /// Set for a new demo participant (with `language`); absent for an existing demo account.
    pub name: Option<String>,
    pub language: Option<String>,
    pub organisation: String,
    pub country: String,
    pub description: String,
    pub topics: Vec<String>,
    #[serde(default)]
    pub hidden: bool,
    #[serde(default)]
    pub entries: Vec<SeedEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeedRequest {
    pub from: String,
    pub to: String,
    pub message: String,
    pub status: String,
    pub reason: Option<String>,
    /// For accepted ones: the agenda titles of the sessions the scheduler places them in (the
    /// others wait for a slot).
    pub sessions: Option<Vec<String>>,
}

pub static DEMO_MATCHMAKING: LazyLock<DemoMatchmaking> = LazyLock::new(|| {
    toml::from_str(MATCHMAKING_TOML).expect("seeds/matchmaking.toml is valid (tested)")
});

fn err(what: &str) -> impl Fn(crate::error::AppError) -> anyhow::Error + '_ {
    move |e| anyhow::anyhow!("demo matchmaking {what}: {e:?}")
}

/// The demo participant behind `email`, created and registered for the event if new.
async fn participant(state: &AppState, slug: &str, p: &SeedProfile) -> anyhow::Result<Actor> {
    let mut conn = state.db.acquire().await?;
    let existing = crate::account::queries::find_by_email(&mut conn, &p.email).await?;
    drop(conn);
    let id = match existing {
        Some(a) => a.id,
        None => {
            let name = p
                .name
                .as_deref()
                .with_context(|| format!("demo profile {}: a new person needs a name", p.email))?;
            let lang = p
                .language
                .as_deref()
                .and_then(Lang::from_code)
                .unwrap_or_default();
            let mut tx = crate::db::begin_write(&state.db).await?;
            let id = crate::account::service::create_confirmed(
                &mut tx,
                &crate::account::service::ConfirmedAccount {
                    email: &p.email,
                    name,
                    organisation_id: None,
                    lang,
                    password: super::demo_password(),
                    roles: &[],
                },
                state.clock.now(),
            )
            .await
            .map_err(err(&p.email))?;
            tx.commit().await?;
            id
        }
    };
    let actor = crate::account::service::actor(state, id)
        .await
        .map_err(err(&p.email))?;
    let mut conn = state.db.acquire().await?;
    let event = crate::event::queries::find_by_slug(&mut conn, slug)
        .await?
        .with_context(|| format!("demo matchmaking: no event {slug}"))?;
    let registered = crate::registration::queries::find_for(&mut conn, event.id, id)
        .await?
        .is_some();
    drop(conn);
    if !registered {
        use crate::registration::form::{AnswersIn, QuestionKind};
        let form = crate::registration::service::form(state, Some(&actor), slug)
            .await
            .map_err(err(&p.email))?;
        let mut answers = AnswersIn::default();
        for q in &form.questions {
            let value = match q.kind {
                QuestionKind::Text => p.organisation.clone(),
                QuestionKind::SingleChoice => "0".into(),
                QuestionKind::Country => p.country.clone(),
                QuestionKind::Consent if q.required => "on".into(),
                _ => continue,
            };
            answers.values.insert(q.id, vec![value]);
        }
        let input = crate::registration::service::RegisterInput {
            ticket_type_id: form.tickets.first().map(|t| t.id),
            answers,
        };
        crate::registration::service::register(state, &actor, slug, &input)
            .await
            .map_err(err(&p.email))?;
    }
    Ok(actor)
}

/// Sets up the demo matchmaking (see the module comment).
pub async fn load(state: &AppState) -> anyhow::Result<()> {
    let demo = &*DEMO_MATCHMAKING;
    let slug = demo.event.as_str();
    let (_, organiser) = super::demo_actor(state, &super::demo_email("organiser")?).await?;
    service::save_settings(
        state,
        &organiser,
        slug,
        &SettingsInput {
            enabled: true,
            acceptance_required: demo.settings.acceptance_required,
            audience: demo.settings.audience.clone(),
            max_per_person: demo.settings.max_per_person.to_string(),
        },
    )
    .await
    .map_err(err("settings"))?;
    let mut topics = HashMap::new();
    for t in &demo.topics {
        let topic = service::add_topic(state, &organiser, slug, &t.name_de, &t.name_en)
            .await
            .map_err(err(&t.name_de))?;
        topics.insert(t.name_de.clone(), topic.id);
    }
    let agenda = crate::agenda::service::for_organiser(state, &organiser, slug)
        .await
        .map_err(err(slug))?
        .sessions;
    let mut sessions = HashMap::new();
    for s in &demo.sessions {
        let a = agenda
            .iter()
            .find(|a| a.title_de == s.agenda_title_de)
            .with_context(|| {
                format!("demo matchmaking: no agenda session {}", s.agenda_title_de)
            })?;
        let input = SessionInput {
            agenda_session_id: a.id.to_string(),
            slot_minutes: s.slot_minutes.to_string(),
            gap_minutes: s.gap_minutes.to_string(),
            tables: s.tables.join("\n"),
            breaks: s
                .breaks
                .iter()
                .map(|b| format!("{}-{}", b.start, b.end))
                .collect::<Vec<_>>()
                .join("\n"),
        };
        let id = service::add_session(state, &organiser, slug, &input)
            .await
            .map_err(err(&s.agenda_title_de))?;
        sessions.insert(s.agenda_title_de.clone(), id);
    }
    let mut people: HashMap<String, (Actor, i64)> = HashMap::new();
    for p in &demo.profiles {
        let actor = participant(state, slug, p).await?;
        let input = ProfileInput {
            organisation: p.organisation.clone(),
            country: p.country.clone(),
            description: p.description.clone(),
            topics: p
                .topics
                .iter()
                .map(|t| {
                    topics
                        .get(t)
                        .map(ToString::to_string)
                        .with_context(|| format!("demo profile {}: no topic {t}", p.email))
                })
                .collect::<anyhow::Result<_>>()?,
            // Hidden only once their requests are sent (below).
            hidden: false,
        };
        let profile = service::save_profile(state, &actor, slug, &input)
            .await
            .map_err(err(&p.email))?;
        for e in &p.entries {
            let input = EntryInput {
                kind: e.kind.clone(),
                title: e.title.clone(),
                body: e.text.clone(),
            };
            service::add_entry(state, &actor, slug, &input)
                .await
                .map_err(err(&e.title))?;
        }
        people.insert(p.email.clone(), (actor, profile.id));
    }
    let mut schedule: HashMap<i64, Vec<i64>> = HashMap::new();
    for r in &demo.requests {
        let what = format!("{} → {}", r.from, r.to);
        let (from, _) = people
            .get(&r.from)
            .with_context(|| format!("demo request {what}: no profile {}", r.from))?;
        let (to, to_profile) = people
            .get(&r.to)
            .with_context(|| format!("demo request {what}: no profile {}", r.to))?;
        let request = service::send_request(state, from, slug, *to_profile, &r.message)
            .await
            .map_err(err(&what))?;
        let reason = r.reason.clone().unwrap_or_default();
        match r.status.as_str() {
            "pending" => {}
            "accepted" => {
                service::accept(state, to, slug, request.id, Pick::Later)
                    .await
                    .map_err(err(&what))?;
                if let Some(titles) = &r.sessions {
                    let ids = titles
                        .iter()
                        .map(|t| {
                            sessions
                                .get(t)
                                .copied()
                                .with_context(|| format!("demo request {what}: no session {t}"))
                        })
                        .collect::<anyhow::Result<Vec<i64>>>()?;
                    schedule.insert(request.id, ids);
                }
            }
            "declined" => {
                service::decline(state, to, slug, request.id, &reason)
                    .await
                    .map_err(err(&what))?;
            }
            "cancelled" => {
                service::cancel(state, from, slug, request.id, &reason)
                    .await
                    .map_err(err(&what))?;
            }
            other => anyhow::bail!("demo request {what}: unknown status {other}"),
        }
    }
    // The organiser schedules the meetings meant for the first session; the rest wait.
    let first = demo
        .sessions
        .first()
        .and_then(|s| sessions.get(&s.agenda_title_de))
        .copied()
        .context("demo matchmaking: no session")?;
    schedule.retain(|_, ids| ids.contains(&first));
    service::run_scheduler_limited(state, &organiser, slug, Some(&schedule))
        .await
        .map_err(err("scheduler"))?;
    for p in demo.profiles.iter().filter(|p| p.hidden) {
        let (actor, _) = &people[&p.email];
        service::set_hidden(state, actor, slug, true)
            .await
            .map_err(err(&p.email))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn the_demo_matchmaking_parses_and_hangs_together() {
        let demo = &*DEMO_MATCHMAKING;
        assert!(demo.profiles.len() >= 40, "about 40 profiles");
        let emails: HashSet<&str> = demo.profiles.iter().map(|p| p.email.as_str()).collect();
        assert_eq!(emails.len(), demo.profiles.len(), "one profile per person");
        let topics: HashSet<&str> = demo.topics.iter().map(|t| t.name_de.as_str()).collect();
        for p in &demo.profiles {
            for t in &p.topics {
                assert!(topics.contains(t.as_str()), "{}: topic {t}", p.email);
            }
            for e in &p.entries {
                assert!(
                    crate::matchmaking::model::EntryKind::parse(&e.kind).is_some(),
                    "{}: kind {}",
                    p.email,
                    e.kind
                );
            }
        }
        let mut pairs = HashSet::new();
        let mut states = HashSet::new();
        for r in &demo.requests {
            assert!(emails.contains(r.from.as_str()) && emails.contains(r.to.as_str()));
            assert_ne!(r.from, r.to);
            let pair = if r.from < r.to {
                (&r.from, &r.to)
            } else {
                (&r.to, &r.from)
            };
            assert!(pairs.insert(pair), "one request per pair: {pair:?}");
            states.insert(r.status.as_str());
        }
        let all: HashSet<&str> = ["pending", "accepted", "declined", "cancelled"].into();
        assert_eq!(states, all, "requests in every state");
    }
}
