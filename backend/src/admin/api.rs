//! JSON API of the administrators' area: the site in numbers, site settings, the outbox and
//! the site's audit log.

use poem::web::Data;
use poem_openapi::param::{Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{Object, OpenApi};

use super::service;
use super::service::OutboxRow;
use crate::http::api::{ApiAuth, ApiError, ApiTags, AuditLineBody};
use crate::ids::MailId;
use crate::state::AppState;

/// The site in numbers.
#[derive(Object, Debug)]
#[oai(rename = "SiteOverview")]
pub struct OverviewBody {
    pub accounts: i64,
    pub organisations: i64,
    /// Organiser requests waiting for a decision.
    pub requests: i64,
    pub events: i64,
    pub calls: i64,
    /// Registrations not cancelled.
    pub registrations: i64,
    /// Submissions handed in.
    pub submissions: i64,
    pub certificates: i64,
    /// Mails waiting to be sent (or retried).
    pub mail_queued: i64,
    /// Mails given up on after every attempt failed.
    pub mail_failed: i64,
}

/// The site settings.
#[derive(Object, Debug)]
#[oai(rename = "SiteSettings")]
pub struct SettingsBody {
    /// `approval`: an administrator approves every request to organise; `open`: requests are
    /// approved at once.
    pub organiser_signup: String,
}

/// A mail in the outbox.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
#[oai(rename = "OutboxMail")]
pub struct OutboxMailBody {
    pub id: i64,
    pub to: String,
    pub subject: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub attempts: i64,
    pub next_attempt_at: chrono::DateTime<chrono::Utc>,
    pub sent_at: Option<chrono::DateTime<chrono::Utc>>,
    /// Why the last attempt failed.
    pub last_error: Option<String>,
}

impl From<OutboxRow> for OutboxMailBody {
    fn from(r: OutboxRow) -> Self {
        OutboxMailBody {
            id: r.id.0,
            to: r.to_address,
            subject: r.subject,
            created_at: r.created_at,
            attempts: r.attempts,
            next_attempt_at: r.next_attempt_at,
            sent_at: r.sent_at,
            last_error: r.last_error,
        }
    }
}

pub struct AdminApi;

#[OpenApi(prefix_path = "/admin", tag = "ApiTags::Accounts")]
impl AdminApi {
    /// The site in numbers
    ///
    /// Administrators only.
    #[oai(path = "/overview", method = "get", operation_id = "get_site_overview")]
    async fn overview(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
    ) -> Result<Json<OverviewBody>, ApiError> {
        let counts = service::overview(&state, auth.actor()).await?;
        let n = |key: &str| {
            counts
                .iter()
                .find(|(k, _)| *k == key)
                .map_or(0, |(_, n)| *n)
        };
        Ok(Json(OverviewBody {
            accounts: n("accounts"),
            organisations: n("organisations"),
            requests: n("requests"),
            events: n("events"),
            calls: n("calls"),
            registrations: n("registrations"),
            submissions: n("submissions"),
            certificates: n("certificates"),
            mail_queued: n("mail_queued"),
            mail_failed: n("mail_failed"),
        }))
    }

    /// Site settings
    ///
    /// Administrators only.
    #[oai(path = "/settings", method = "get", operation_id = "get_site_settings")]
    async fn settings(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
    ) -> Result<Json<SettingsBody>, ApiError> {
        let s = service::settings(&state, auth.actor()).await?;
        Ok(Json(SettingsBody {
            organiser_signup: s.organiser_signup.as_str().into(),
        }))
    }

    /// Change the site settings
    ///
    /// Administrators only.
    #[oai(
        path = "/settings",
        method = "put",
        operation_id = "update_site_settings"
    )]
    async fn update_settings(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        body: Json<SettingsBody>,
    ) -> Result<Json<SettingsBody>, ApiError> {
        let s = service::update_settings(&state, auth.actor(), &body.0.organiser_signup).await?;
        Ok(Json(SettingsBody {
            organiser_signup: s.organiser_signup.as_str().into(),
        }))
    }

    /// Mails in the outbox
    ///
    /// Administrators only; 100 a page, newest first.
    #[oai(path = "/outbox", method = "get", operation_id = "list_outbox")]
    async fn outbox(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        /// `queued` (the default), `failed` or `sent`.
        #[oai(name = "state")]
        mail_state: Query<Option<String>>,
        /// From 1.
        page: Query<Option<i64>>,
    ) -> Result<Json<Vec<OutboxMailBody>>, ApiError> {
        let rows = service::outbox(
            &state,
            auth.actor(),
            mail_state.0.as_deref().unwrap_or("queued"),
            page.0.unwrap_or(1),
        )
        .await?;
        Ok(Json(rows.into_iter().map(Into::into).collect()))
    }

    /// Send a mail again
    ///
    /// Administrators only: a queued or failed mail is tried again now, with a fresh count of
    /// attempts.
    #[oai(
        path = "/outbox/:id/retry",
        method = "post",
        operation_id = "retry_mail"
    )]
    async fn retry(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        id: Path<i64>,
    ) -> Result<(), ApiError> {
        service::retry_mail(&state, auth.actor(), MailId(id.0)).await?;
        Ok(())
    }

    /// The site's audit log
    ///
    /// Administrators only; 100 lines a page, newest first.
    #[oai(path = "/log", method = "get", operation_id = "get_site_log")]
    async fn log(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        /// The action's first word, e.g. `event`, `registration`, `account`.
        kind: Query<Option<String>>,
        /// Text in who did it, the subject or the detail.
        q: Query<Option<String>>,
        /// From 1.
        page: Query<Option<i64>>,
    ) -> Result<Json<Vec<AuditLineBody>>, ApiError> {
        let actor = auth.actor();
        let log = service::log(
            &state,
            actor,
            kind.0.as_deref().unwrap_or(""),
            q.0.as_deref().unwrap_or(""),
            page.0.unwrap_or(1),
            crate::audit::LOG_PAGE,
        )
        .await?;
        Ok(Json(
            log.lines
                .into_iter()
                .map(|r| crate::audit::line(&r, actor.language).into())
                .collect(),
        ))
    }
}
