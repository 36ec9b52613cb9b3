//! Administration use cases: site settings, the site in numbers, the outbox.

use super::queries;
pub use super::queries::OutboxRow;
use crate::account::Actor;
use crate::audit;
use crate::db::{self, DbConn};
use crate::error::{AppError, Msg};
use crate::ids::MailId;
use crate::state::AppState;

/// Who may become an organiser of an organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrganiserSignup {
    /// People ask; an administrator approves (the default).
    Approval,
    /// Every signed-in person's request is approved at once.
    Open,
}

impl OrganiserSignup {
    pub const ALL: [OrganiserSignup; 2] = [OrganiserSignup::Approval, OrganiserSignup::Open];

    pub fn as_str(self) -> &'static str {
        match self {
            OrganiserSignup::Approval => "approval",
            OrganiserSignup::Open => "open",
        }
    }

    pub fn parse(input: &str) -> Result<OrganiserSignup, Msg> {
        OrganiserSignup::ALL
            .into_iter()
            .find(|s| s.as_str() == input.trim())
            .ok_or_else(|| Msg::new("valid-choice-invalid"))
    }

    /// The catalogue id of its description.
    pub fn label_id(self) -> &'static str {
        match self {
            OrganiserSignup::Approval => "admin-signup-approval",
            OrganiserSignup::Open => "admin-signup-open",
        }
    }
}

/// The site settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub organiser_signup: OrganiserSignup,
}

const ORGANISER_SIGNUP: &str = "organiser_signup";

/// The site settings as stored (defaults for what was never set).
pub async fn settings_in(conn: &mut DbConn) -> Result<Settings, AppError> {
    let organiser_signup = queries::setting(conn, ORGANISER_SIGNUP)
        .await?
        .and_then(|v| OrganiserSignup::parse(&v).ok())
        .unwrap_or(OrganiserSignup::Approval);
    Ok(Settings { organiser_signup })
}

/// The site settings (administrators only).
pub async fn settings(state: &AppState, actor: &Actor) -> Result<Settings, AppError> {
    actor.require_admin()?;
    let mut conn = state.db.acquire().await?;
    settings_in(&mut conn).await
}

/// Changes the site settings (administrators only).
///
/// # Errors
/// `Forbidden`; `Invalid` at `organiser_signup` for an unknown value.
pub async fn update_settings(
    state: &AppState,
    actor: &Actor,
    organiser_signup: &str,
) -> Result<Settings, AppError> {
    actor.require_admin()?;
    let signup = OrganiserSignup::parse(organiser_signup)
        .map_err(|m| AppError::field("organiser_signup", m.id))?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    queries::set_setting(&mut tx, ORGANISER_SIGNUP, signup.as_str()).await?;
    audit::record(
        &mut tx,
        Some(actor.id),
        "site.settings",
        "site",
        &format!("{ORGANISER_SIGNUP}={}", signup.as_str()),
        now,
    )
    .await?;
    let settings = settings_in(&mut tx).await?;
    tx.commit().await?;
    Ok(settings)
}

/// The site in numbers (administrators only), as (key, count).
pub async fn overview(
    state: &AppState,
    actor: &Actor,
) -> Result<Vec<(&'static str, i64)>, AppError> {
    actor.require_admin()?;
    let mut conn = state.db.acquire().await?;
    Ok(queries::counts(&mut conn).await?)
}

/// The states an outbox mail can be in, as pages and the API name them.
pub const OUTBOX_STATES: [&str; 3] = ["queued", "failed", "sent"];

/// Mails per page of the outbox.
pub const OUTBOX_PAGE: i64 = 100;

/// One page of the outbox's mails in `mail_state` (administrators only).
///
/// # Errors
/// `Forbidden`; `Invalid` at `state` for an unknown state.
pub async fn outbox(
    state: &AppState,
    actor: &Actor,
    mail_state: &str,
    page: i64,
) -> Result<Vec<OutboxRow>, AppError> {
    actor.require_admin()?;
    if !OUTBOX_STATES.contains(&mail_state) {
        return Err(AppError::field("state", "valid-choice-invalid"));
    }
    let mut conn = state.db.acquire().await?;
    let offset = (page.max(1) - 1).saturating_mul(OUTBOX_PAGE);
    Ok(queries::outbox(&mut conn, mail_state, OUTBOX_PAGE, offset).await?)
}

/// Sends a mail that is queued or was given up on again, from now on (administrators only).
///
/// # Errors
/// `Forbidden`; `Conflict` when it was sent already or does not exist.
pub async fn retry_mail(state: &AppState, actor: &Actor, id: MailId) -> Result<(), AppError> {
    actor.require_admin()?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    if !queries::retry_mail(&mut tx, id, now).await? {
        return Err(AppError::Conflict(Msg::new("admin-mail-not-retryable")));
    }
    audit::record(
        &mut tx,
        Some(actor.id),
        "mail.retry",
        &format!("mail:{id}"),
        "",
        now,
    )
    .await?;
    tx.commit().await?;
    state.mailer.wake();
    Ok(())
}

/// A page of the site's audit log with the number of lines in all.
#[derive(Debug, Clone)]
pub struct SiteLog {
    pub lines: Vec<crate::audit::LogRow>,
    pub total: i64,
}

/// A page (from 1, `limit` lines) of the whole site's audit log, filtered by kind (the action's
/// first word) and text (administrators only).
pub async fn log(
    state: &AppState,
    actor: &Actor,
    kind: &str,
    q: &str,
    page: i64,
    limit: i64,
) -> Result<SiteLog, AppError> {
    actor.require_admin()?;
    let kind = kind.trim();
    if !kind.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
        return Err(AppError::field("kind", "valid-choice-invalid"));
    }
    let mut conn = state.db.acquire().await?;
    let offset = (page.max(1) - 1).saturating_mul(limit);
    let lines = audit::site_log(&mut conn, kind, q, limit, offset).await?;
    let total = audit::site_log_count(&mut conn, kind, q).await?;
    Ok(SiteLog { lines, total })
}
