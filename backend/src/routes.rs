//! The composition root: the whole application assembled from its parts. Every domain adds its
//! pages with `<domain>::routes::routes` (a file beside its handlers) and its JSON operations
//! with the `OpenApi` types of its `api.rs`; this file mounts them and wraps them in the
//! middleware every request passes, outermost first:
//! the state → cookies → body limits → security headers → who is asking (session cookie or API
//! token) and in which language → the error rendering of its side (HTML pages or problem JSON).
//!
//! This is the only file that imports every domain; `crate::http` is the toolkit the domains
//! import, and imports none of them.

use poem::endpoint::make_sync;
use poem::middleware::CookieJarManager;
use poem::{Endpoint, EndpointExt, Route, get};

use crate::http::body::BodyLimits;
use crate::http::{api, page};
use crate::state::AppState;
use crate::{
    account, agenda, calendar, call, certificate, event, jury, matchmaking, organisation,
    registration,
};

/// Forms and JSON bodies are small; an agenda import (`.ics`) may reach a megabyte.
const BODY_LIMIT: usize = 2 * 1024 * 1024;
/// Requests that may carry files: answers to registration or call questions (each file at
/// most 10 MiB), attachments of submissions (at most 20 MiB; JSON carries files in Base64).
const UPLOAD_LIMIT: usize = 32 * 1024 * 1024;

/// Whether requests to `path` may carry files. Their bodies are streamed to the handler (and
/// cut off at [`UPLOAD_LIMIT`]) instead of being read into memory first, so a file is held in
/// memory once. Kept here, beside the routes, because it names their URLs.
fn is_upload(path: &str) -> bool {
    let registration = (path.starts_with("/events/") || path.starts_with("/api/v1/events/"))
        && (path.ends_with("/registration") || path.ends_with("/registration/answers"));
    let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    let submission = matches!(
        segments.as_slice(),
        ["calls", _, "submissions", _]
            | ["calls", _, "submissions", _, "files"]
            | ["api", "v1", "submissions", _]
            | ["api", "v1", "submissions", _, "attachments"]
            | ["orga", "certificates", "templates", _, "images"]
            | [
                "api",
                "v1",
                "certificate-templates",
                _,
                "logo" | "signature"
            ]
    );
    registration || submission
}

/// Every request's body limits (see [`crate::http::body`]).
const LIMITS: BodyLimits = BodyLimits {
    default: BODY_LIMIT,
    upload: UPLOAD_LIMIT,
    is_upload,
};

/// Every domain's pages, one `routes` function each. Their URLs do not overlap, so the order
/// is only the order of reading.
const DOMAIN_PAGES: [fn(Route) -> Route; 10] = [
    account::routes::routes,
    agenda::routes::routes,
    event::routes::routes,
    calendar::routes::routes,
    registration::routes::routes,
    call::routes::routes,
    jury::routes::routes,
    certificate::routes::routes,
    matchmaking::routes::routes,
    organisation::routes::routes,
];

/// The whole application as one endpoint.
pub fn app(state: AppState) -> impl Endpoint {
    let pages = Route::new().at("/lang/:code", get(page::lang_get));
    let pages = DOMAIN_PAGES
        .iter()
        .fold(pages, |pages, add| add(pages))
        .around(page::html_errors);

    let apis = (
        account::api::MeApi,
        account::api::AccountApi,
        organisation::api::OrganisationApi,
        event::api::EventApi,
        agenda::api::AgendaApi,
        registration::api::RegistrationApi,
        call::api::CallApi,
        call::api::SubmissionApi,
        jury::api::JuryApi,
        certificate::api::CertificateApi,
        matchmaking::api::MatchmakingApi,
    );
    let (api, docs, spec) = api::service(apis, state.config.base_url.clone());

    Route::new()
        .at("/healthz", get(page::healthz_get))
        .at("/static/:file", get(page::static_get))
        .at("/api/openapi.json", spec)
        .nest("/api/docs", docs.with(page::DocsHeaders))
        .nest("/api/v1", api.around(api::api_errors))
        .at(
            "/api",
            make_sync(|_| poem::web::Redirect::see_other("/api/docs")),
        )
        .nest("/", pages)
        .around(account::identify::identify)
        .with(page::SecurityHeaders)
        .around(|ep, req| LIMITS.apply(ep, req))
        .with(CookieJarManager::new())
        .data(state)
}
