//! The demo certificates from `seeds/certificates.toml`: templates created and issued through the
//! certificate service by the organiser of their event or call, each as at its `issued` time.

use std::sync::LazyLock;

use anyhow::Context;
use serde::Deserialize;

use crate::certificate::model::{Owner, TemplateInput};
use crate::certificate::service;
use crate::state::AppState;

const CERTIFICATES_TOML: &str = include_str!("../../../seeds/certificates.toml");

#[derive(Debug, Deserialize)]
pub struct DemoCertificates {
    pub templates: Vec<SeedTemplate>,
}

#[derive(Debug, Deserialize)]
pub struct SeedTemplate {
    /// The slug of the event (attendance, speaker) …
    pub event: Option<String>,
    /// … or of the call (pitch, placement, jury) the template belongs to.
    pub call: Option<String>,
    /// When they were issued, local to the event or call.
    pub issued: String,
    #[serde(flatten)]
    pub input: TemplateInput,
}

pub static DEMO_CERTIFICATES: LazyLock<DemoCertificates> = LazyLock::new(|| {
    toml::from_str(CERTIFICATES_TOML).expect("seeds/certificates.toml is valid (tested)")
});

/// Creates and issues every demo template, each with the app's clock set to when it was issued.
pub async fn load(state: &AppState) -> anyhow::Result<()> {
    for seed in &DEMO_CERTIFICATES.templates {
        let what = format!("demo certificates {}", seed.input.title_de);
        let err = |e: crate::error::AppError| anyhow::anyhow!("{what}: {e:?}");
        let mut conn = state.db.acquire().await?;
        let (owner, tz) = match (&seed.event, &seed.call) {
            (Some(slug), None) => {
                let event = crate::event::queries::find_by_slug(&mut conn, slug)
                    .await?
                    .with_context(|| format!("{what}: no event {slug}"))?;
                (Owner::Event(event.id), event.tz())
            }
            (None, Some(slug)) => {
                let call = crate::call::queries::find_by_slug(&mut conn, slug)
                    .await?
                    .with_context(|| format!("{what}: no call {slug}"))?;
                (Owner::Call(call.id), call.tz())
            }
            _ => anyhow::bail!("{what}: name either an event or a call"),
        };
        drop(conn);
        let at = crate::call::model::parse_instant(&seed.issued, tz)
            .ok()
            .flatten()
            .with_context(|| format!("{what}: issued {:?}", seed.issued))?;
        let mut then = state.clone();
        then.clock = crate::clock::Clock::fixed(at);
        // The demo's organiser organises every demo event and call.
        let (_, actor) = super::demo_actor(&then, &super::demo_email("organiser")?).await?;
        let template = service::create(&then, &actor, owner, &seed.input)
            .await
            .map_err(err)?;
        service::issue_now(&then, &actor, template.id, false)
            .await
            .map_err(err)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_templates_parse_and_validate() {
        let demo = &*DEMO_CERTIFICATES;
        assert_eq!(demo.templates.len(), 3);
        for t in &demo.templates {
            let for_event = t.event.is_some();
            assert_ne!(for_event, t.call.is_some(), "{}", t.input.title_de);
            t.input.validate(for_event).unwrap();
        }
    }
}
