//! The composition root: the whole application assembled from its parts. Every domain adds its
//! pages with `<domain>::routes::routes` (a file beside its handlers) and its JSON operations
//! with the `OpenApi` types of its `api.rs`; this file mounts them and wraps them in the
//! middleware every request passes, outermost first:
//! the state → cookies → security headers → who is asking (session cookie or API token) and in
//! which language → compression of large text bodies and `ETag`s on visitors' pages
//! (`http::encoding`) → the error rendering of its side (HTML pages or problem JSON) → body
//! limits (inside the error rendering, so a 413 is a page or problem JSON like any other
//! error).
//!
//! This is the only file that imports every domain; `crate::http` is the toolkit the domains
//! import, and imports none of them.

use poem::endpoint::make_sync;
use poem::middleware::CookieJarManager;
use poem::{Endpoint, EndpointExt, Route, get};

use crate::http::body::{BodyLimits, Limit};
use crate::http::{api, api_reference, page, strict_json};
use crate::state::AppState;
use crate::{
    account, admin, agenda, calendar, call, certificate, dashboard, event, jury, mail_template,
    matchmaking, organisation, registration, team, webhook,
};

/// Forms and JSON writes. The longest valid one carries two 10,000-character descriptions
/// (German and English); percent-encoded, a character takes up to 9 bytes (3-byte UTF-8), so
/// 180,000 bytes plus the other fields.
const FORM_LIMIT: usize = 256 * 1024;
/// Imports of data files (an agenda `.ics`, jury assignments as CSV): up to a megabyte of data.
const IMPORT_LIMIT: usize = 2 * 1024 * 1024;
/// Base64 (how JSON carries files) takes 4 bytes for every 3.
const fn base64_of(bytes: usize) -> usize {
    bytes.div_ceil(3) * 4
}
/// A registration or a change of its answers: the form, and the file answers at most one
/// file question's limit (10 MiB), in Base64 when it comes as JSON.
// FUTURE: a form whose several file questions together allow more than 10 MiB would need the
// event's own sum here, which a path cannot tell; organisers are told the per-file limit only.
const REGISTRATION_LIMIT: usize =
    FORM_LIMIT + base64_of(crate::registration::form::MAX_FILE_BYTES as usize);
/// A submission (its answers' files) or one of its attachments: at most the largest file a call
/// may allow (20 MiB), in Base64 when it comes as JSON.
const SUBMISSION_LIMIT: usize =
    FORM_LIMIT + base64_of(call::model::FILE_MAX_MB_LIMIT as usize * 1024 * 1024);
/// A certificate template's logo or signature image.
const IMAGE_LIMIT: usize = FORM_LIMIT + base64_of(certificate::service::IMAGE_MAX_BYTES);

/// How much a request to `path` may carry (see [`crate::http::body`]). Kept here, beside the
/// routes, because it names their URLs. Paths that may carry files are streamed.
fn limit_of(path: &str) -> Limit {
    let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    let (bytes, streamed) = match segments.as_slice() {
        ["events", _, "registration"]
        | ["events", _, "registration", "answers"]
        | ["api", "v1", "events", _, "registration"]
        | ["api", "v1", "events", _, "registration", "answers"] => (REGISTRATION_LIMIT, true),
        ["calls", _, "submissions", _]
        | ["calls", _, "submissions", _, "files"]
        | ["api", "v1", "submissions", _]
        | ["api", "v1", "submissions", _, "attachments"] => (SUBMISSION_LIMIT, true),
        ["orga", "certificates", "templates", _, "images"]
        | [
            "api",
            "v1",
            "certificate-templates",
            _,
            "logo" | "signature",
        ] => (IMAGE_LIMIT, true),
        [.., "import"] => (IMPORT_LIMIT, false),
        _ => (FORM_LIMIT, false),
    };
    Limit { bytes, streamed }
}

/// Every request's body limits (see [`crate::http::body`]).
const LIMITS: BodyLimits = BodyLimits { limit_of };

/// Every domain's pages, one `routes` function each. Their URLs do not overlap, so the order
/// is only the order of reading.
const DOMAIN_PAGES: [fn(Route) -> Route; 15] = [
    account::routes::routes,
    admin::routes::routes,
    agenda::routes::routes,
    event::routes::routes,
    calendar::routes::routes,
    registration::routes::routes,
    call::routes::routes,
    jury::routes::routes,
    certificate::routes::routes,
    matchmaking::routes::routes,
    organisation::routes::routes,
    team::routes::routes,
    dashboard::routes::routes,
    webhook::routes::routes,
    mail_template::routes::routes,
];

/// The whole application as one endpoint.
pub fn app(state: AppState) -> impl Endpoint {
    let (api, docs, spec, methods, document) = api::service(apis(), state.config.base_url.clone());
    let methods = std::sync::Arc::new(methods);
    let pages = Route::new().at("/lang/:code", get(page::lang_get)).at(
        "/api/reference",
        get(api_reference::reference_get).data(document),
    );
    let pages = DOMAIN_PAGES
        .iter()
        .fold(pages, |pages, add| add(pages))
        .around(|ep, req| LIMITS.apply(ep, req))
        .around(page::html_errors);

    Route::new()
        .at("/healthz", get(page::healthz_get))
        .at("/static/:file", get(page::static_get))
        .at("/api/openapi.json", spec)
        .nest("/api/docs", docs.with(page::DocsHeaders))
        .nest(
            api::API_PATH,
            api.around({
                let methods = methods.clone();
                move |ep, req| {
                    let methods = methods.clone();
                    async move { strict_json::apply(ep, req, &methods).await }
                }
            })
            .around(|ep, req| LIMITS.apply(ep, req))
            .around(move |ep, req| {
                let methods = methods.clone();
                async move { api::api_errors(ep, req, &methods).await }
            }),
        )
        .at(
            "/api",
            make_sync(|_| poem::web::Redirect::see_other("/api/docs")),
        )
        .nest("/", pages)
        .around(api::router_errors)
        .around(|ep, req| async move {
            let anonymous = req
                .extensions()
                .get::<crate::http::auth::MaybeActor>()
                .is_none_or(|a| a.0.is_none());
            crate::http::encoding::apply(&ep, req, anonymous).await
        })
        .around(account::identify::identify)
        .with(page::SecurityHeaders)
        .with(CookieJarManager::new())
        .data(state)
}

/// Every domain's API operations.
fn apis() -> impl poem_openapi::OpenApi {
    (
        account::api::MeApi,
        account::api::AccountApi,
        organisation::api::OrganisationApi,
        organisation::api::OrganiserRequestApi,
        admin::api::AdminApi,
        team::api::TeamApi,
        event::api::EventApi,
        agenda::api::AgendaApi,
        registration::api::RegistrationApi,
        call::api::CallApi,
        call::api::SubmissionApi,
        jury::api::JuryApi,
        certificate::api::CertificateApi,
        matchmaking::api::MatchmakingApi,
        dashboard::api::DashboardApi,
        // A tuple of APIs has at most 16 members: the organisers' tools of events and calls.
        (
            webhook::api::WebhookApi,
            mail_template::api::MailTemplateApi,
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refined_doc() -> (serde_json::Value, Vec<String>) {
        let service = poem_openapi::OpenApiService::new(apis(), "convene", "test");
        let mut doc: serde_json::Value = serde_json::from_str(&service.spec()).unwrap();
        let missed = crate::http::api_doc::refine(&mut doc);
        (doc, missed)
    }

    /// Every value rule and link written for the API document lands on a property or an
    /// operation (and its path parameters) of it.
    #[test]
    fn every_api_value_rule_and_link_names_what_exists() {
        assert_eq!(refined_doc().1, Vec::<String>::new());
    }

    /// The properties an object schema (through `$ref`, `allOf` and arrays) names, and with
    /// `depth` those of the objects inside it.
    fn properties(doc: &serde_json::Value, schema: &serde_json::Value, depth: u8) -> Vec<String> {
        let mut schema = schema;
        loop {
            if let Some(r) = schema["$ref"].as_str() {
                schema = &doc["components"]["schemas"][r.rsplit('/').next().unwrap()];
            } else if let Some([only]) = schema["allOf"].as_array().map(Vec::as_slice) {
                schema = only;
            } else if schema["type"] == "array" {
                schema = &schema["items"];
            } else {
                break;
            }
        }
        let mut found = Vec::new();
        for (name, inner) in schema["properties"].as_object().into_iter().flatten() {
            found.push(name.clone());
            if depth > 0 {
                found.extend(properties(doc, inner, depth - 1));
            }
        }
        found
    }

    /// What an update takes, its resource's GET answers (or the GET of the list it is in): a
    /// client that reads, changes one field and writes back loses nothing.
    #[test]
    fn what_an_update_takes_its_get_answers() {
        // Updates that are decisions or uploads rather than a record to read back.
        const NOT_RECORDS: &[&str] = &[
            "decide_possible_conflict",
            "declare_conflict",
            "set_round_panel",
            "set_pitch_slots",
            "set_certificate_image",
            "give_consent",
            "publish_call",
        ];
        let (doc, _) = refined_doc();
        let paths = doc["paths"].as_object().unwrap();
        let mut checked = 0;
        for (path, ops) in paths {
            let Some(put) = ops.get("put") else { continue };
            let id = put["operationId"].as_str().unwrap();
            let Some(body) =
                put["requestBody"]["content"]["application/json; charset=utf-8"].get("schema")
            else {
                continue;
            };
            if NOT_RECORDS.contains(&id) {
                continue;
            }
            // The nearest GET at the path or above it (a criterion is read in its round).
            let mut at = path.as_str();
            let get = loop {
                if let Some(get) = paths.get(at).and_then(|ops| ops.get("get")) {
                    break get;
                }
                at = at
                    .rsplit_once('/')
                    .unwrap_or_else(|| panic!("{id}: no GET at or above {path}"))
                    .0;
            };
            let answered =
                &get["responses"]["200"]["content"]["application/json; charset=utf-8"]["schema"];
            let answered = properties(&doc, answered, 2);
            let missing: Vec<_> = properties(&doc, body, 0)
                .into_iter()
                .filter(|p| !answered.contains(p))
                .collect();
            assert!(
                missing.is_empty(),
                "{id}: its GET does not answer {missing:?}"
            );
            checked += 1;
        }
        assert!(checked >= 10, "only {checked} updates checked");
    }

    /// Every creation answers 201 (or 202 for background work) with `Location`, and leads on to
    /// what it created through its links.
    #[test]
    fn creations_answer_201_with_location_and_links() {
        let (doc, _) = refined_doc();
        let mut created = 0;
        for (path, ops) in doc["paths"].as_object().unwrap() {
            for (method, op) in ops.as_object().unwrap() {
                for status in ["201", "202"] {
                    let Some(response) = op["responses"].get(status) else {
                        continue;
                    };
                    created += 1;
                    assert!(
                        response["headers"].get("Location").is_some(),
                        "{method} {path}: {status} without Location"
                    );
                    assert!(
                        response["links"].as_object().is_some_and(|l| !l.is_empty()),
                        "{method} {path}: {status} without links"
                    );
                }
            }
        }
        assert!(created >= 20, "only {created} creations answer 201/202");
    }
}
