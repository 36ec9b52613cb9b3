//! The JSON API under `/api/v1`: the OpenAPI service, its security schemes, and the one error
//! shape every operation answers with (RFC 9457 problem details, `application/problem+json`).
//!
//! Authentication: `Authorization: Bearer <personal API token>` for scripts, or the browser's
//! session cookie. Cookie-authenticated POSTs must carry a JSON body or an `X-Requested-With`
//! header (checked in `auth::identify`): a cross-site page cannot send either without a CORS
//! preflight, which we never allow, while browsers do send body-less, `text/plain`, form and
//! multipart `POST`s cross-site. Bearer-token requests need neither. Read-only tokens may only
//! use safe methods; tokens cannot create tokens.

use std::collections::BTreeMap;

use poem::http::StatusCode;
use poem::{Endpoint, IntoEndpoint, IntoResponse, Request, Response};
use poem_openapi::auth::{ApiKey, Bearer};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Object, OpenApi, OpenApiService, SecurityScheme, Tags};

use super::auth::MaybeActor;
use crate::actor::Actor;
use crate::error::{AppError, Msg};
use convene_frontend::Lang;

#[derive(Tags)]
pub enum ApiTags {
    /// The caller's own account and API tokens
    Me,
    /// Accounts and role grants (administrators)
    Accounts,
    /// Organisations
    Organisations,
    /// Events
    Events,
    /// Rooms, tracks, sessions and published agenda versions
    Agenda,
    /// Registration, waiting list and offers, session bookings and check-in
    Registration,
    /// Innovation calls, submissions, their teams and attachments
    Calls,
    /// The jury of a call: rounds, criteria, jurors, conflicts, assignments, reviews, rankings
    Jury,
    /// Certificate templates, bulk issuing, issued certificates and their verification
    Certificates,
    /// B2B matchmaking: profiles, marketplace entries, meeting requests, meetings and slots
    Matchmaking,
}

/// RFC 9457 problem details, plus a stable `code` and per-field messages.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
#[oai(rename = "Problem")]
pub struct Problem {
    /// A URI naming the kind of problem (`about:blank`: the status says it).
    #[oai(rename = "type")]
    pub kind: String,
    /// Short summary of the kind of problem, in the request's language.
    pub title: String,
    /// The HTTP status code.
    pub status: u16,
    /// What went wrong, in the request's language.
    pub detail: String,
    /// Stable machine-readable code, e.g. `auth-last-admin`.
    pub code: String,
    /// Field name → messages, for 422 (absent on other problems).
    #[oai(skip_serializing_if_is_empty, default)]
    pub fields: BTreeMap<String, Vec<String>>,
    /// Set on 500s: quote it when reporting the failure.
    #[oai(skip_serializing_if_is_none)]
    pub reference: Option<String>,
}

/// The errors of every API operation.
#[derive(ApiResponse, Debug)]
pub enum ApiError {
    /// The request is malformed.
    #[oai(status = 400, content_type = "application/problem+json")]
    BadRequest(Json<Problem>),
    /// No valid session cookie or API token.
    #[oai(status = 401, content_type = "application/problem+json")]
    Unauthorized(Json<Problem>),
    /// Signed in, but not allowed to do this.
    #[oai(status = 403, content_type = "application/problem+json")]
    Forbidden(Json<Problem>),
    /// Not found, or not visible to you.
    #[oai(status = 404, content_type = "application/problem+json")]
    NotFound(Json<Problem>),
    /// Valid, but the current state forbids it.
    #[oai(status = 409, content_type = "application/problem+json")]
    Conflict(Json<Problem>),
    /// Field errors in `fields`.
    #[oai(status = 422, content_type = "application/problem+json")]
    Invalid(Json<Problem>),
    /// Too many attempts; try again later.
    #[oai(status = 429, content_type = "application/problem+json")]
    TooManyRequests(Json<Problem>),
    /// Our fault; quote `reference` when reporting it.
    #[oai(status = 500, content_type = "application/problem+json")]
    Internal(Json<Problem>),
    /// The server is busy (e.g. too many sign-ins at once); try again after `Retry-After`
    /// seconds.
    #[oai(status = 503, content_type = "application/problem+json")]
    Unavailable(Json<Problem>, #[oai(header = "Retry-After")] u64),
}

/// The id of what an operation created.
#[derive(poem_openapi::Object, Debug)]
pub struct CreatedBody {
    pub id: i64,
}

/// Where the API is mounted: `Location` headers are paths below it.
pub const API_PATH: &str = "/api/v1";

/// The answer of an operation that creates something: 201, the created object, and its address
/// in `Location` (a path on this server, e.g. `/api/v1/events/eu-clusters-2026`).
#[derive(ApiResponse, Debug)]
pub enum Created<T: poem_openapi::types::ToJSON> {
    /// Created; `Location` is its address.
    #[oai(status = 201)]
    Created(Json<T>, #[oai(header = "Location")] String),
}

impl<T: poem_openapi::types::ToJSON> Created<T> {
    /// `body`, created at `path` (below [`API_PATH`], starting with `/`).
    pub fn at(body: T, path: impl std::fmt::Display) -> Self {
        Created::Created(Json(body), format!("{API_PATH}{path}"))
    }
}

/// The answer of an operation that starts work in the background: 202, the job, and the address
/// to follow its progress in `Location`.
#[derive(ApiResponse, Debug)]
pub enum Accepted<T: poem_openapi::types::ToJSON> {
    /// Started; follow its progress at `Location`.
    #[oai(status = 202)]
    Accepted(Json<T>, #[oai(header = "Location")] String),
}

impl<T: poem_openapi::types::ToJSON> Accepted<T> {
    /// `body`, whose progress is at `path` (below [`API_PATH`], starting with `/`).
    pub fn at(body: T, path: impl std::fmt::Display) -> Self {
        Accepted::Accepted(Json(body), format!("{API_PATH}{path}"))
    }
}

tokio::task_local! {
    /// The language of the API request being handled (set by [`api_errors`]).
    static API_LANG: Lang;
}

/// The problem body of an error, in `lang`. Server errors are logged under the reference.
pub fn problem(err: &AppError, lang: Lang) -> Problem {
    let t = lang.tr();
    let reference = err.is_server_error().then(|| {
        let reference = uuid::Uuid::new_v4().simple().to_string()[..12].to_string();
        tracing::error!(reference, "API request failed: {err:?}");
        reference
    });
    let mut fields: BTreeMap<String, Vec<String>> = BTreeMap::new();
    if let AppError::Invalid(errors) = err {
        for (field, msg) in &errors.0 {
            fields
                .entry((*field).to_string())
                .or_default()
                .push(msg.text(lang));
        }
    }
    if let Some(taken) = match err {
        AppError::Invalid(errors) => errors.taken(),
        _ => None,
    } {
        // Well formed, but the value is in use: a conflict with the current state.
        return Problem {
            kind: "about:blank".into(),
            title: t.msg("error-conflict-title"),
            status: StatusCode::CONFLICT.as_u16(),
            detail: taken.text(lang),
            code: taken.id.into(),
            fields,
            reference,
        };
    }
    Problem {
        kind: "about:blank".into(),
        title: t.msg(err.title_id()),
        status: err.status().as_u16(),
        detail: err.message().text(lang),
        code: err.code().into(),
        fields,
        reference,
    }
}

impl From<AppError> for ApiError {
    fn from(err: AppError) -> Self {
        let lang = API_LANG.try_with(|l| *l).unwrap_or_default();
        let body = Json(problem(&err, lang));
        match StatusCode::from_u16(body.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR) {
            StatusCode::BAD_REQUEST => ApiError::BadRequest(body),
            StatusCode::UNAUTHORIZED => ApiError::Unauthorized(body),
            StatusCode::FORBIDDEN => ApiError::Forbidden(body),
            StatusCode::NOT_FOUND => ApiError::NotFound(body),
            StatusCode::CONFLICT => ApiError::Conflict(body),
            StatusCode::UNPROCESSABLE_ENTITY => ApiError::Invalid(body),
            StatusCode::TOO_MANY_REQUESTS => ApiError::TooManyRequests(body),
            StatusCode::SERVICE_UNAVAILABLE => {
                ApiError::Unavailable(body, err.retry_after().unwrap_or(5))
            }
            _ => ApiError::Internal(body),
        }
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(err: sqlx::Error) -> Self {
        AppError::from(err).into()
    }
}

/// A problem as a complete response (for errors raised outside an operation).
pub fn problem_response(err: &AppError, lang: Lang) -> Response {
    let mut resp = problem_body_response(&problem(err, lang));
    if let Some(secs) = err.retry_after() {
        resp.headers_mut()
            .insert(poem::http::header::RETRY_AFTER, secs.into());
    }
    resp
}

fn problem_body_response(body: &Problem) -> Response {
    let mut json = serde_json::json!({
        "type": body.kind, "title": body.title, "status": body.status, "detail": body.detail,
        "code": body.code,
    });
    if !body.fields.is_empty() {
        json["fields"] = serde_json::json!(body.fields);
    }
    if let Some(reference) = &body.reference {
        json["reference"] = serde_json::json!(reference);
    }
    Response::builder()
        .status(StatusCode::from_u16(body.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR))
        .content_type("application/problem+json")
        .body(json.to_string())
}

/// The operations of the API, read from its OpenAPI document: the methods of every path (a
/// request with another method on a known path gets 405 with the `Allow` header instead of 404)
/// and the JSON body schema of each operation that takes one (checked by
/// [`super::strict_json`] before the operation parses it).
#[derive(Debug, Default)]
pub struct Methods {
    table: Vec<PathOps>,
    /// The document's `components` (where the body schemas' `$ref`s point).
    pub components: serde_json::Value,
}

#[derive(Debug)]
struct PathOps {
    template: Vec<String>,
    methods: Vec<String>,
    /// Method → the schema of its `application/json` request body.
    json_bodies: Vec<(String, serde_json::Value)>,
    /// The schema of what GET answers on this path: an update may send back the properties read
    /// there that it does not take (`status`, `updated_at`), which are then ignored.
    read: Option<serde_json::Value>,
}

/// What [`Methods::json_body`] finds for an operation that takes a JSON body.
pub struct JsonBody<'a> {
    pub schema: &'a serde_json::Value,
    /// For PUT and PATCH, the schema of the resource as read (see [`PathOps`]).
    pub read: Option<&'a serde_json::Value>,
}

impl Methods {
    /// The table of an OpenAPI document (`paths` → path template → method objects).
    pub fn from_doc(doc: &serde_json::Value) -> Methods {
        let mut table = Vec::new();
        for (path, ops) in doc["paths"].as_object().into_iter().flatten() {
            let mut methods = Vec::new();
            let mut json_bodies = Vec::new();
            let mut read = None;
            for (method, op) in ops.as_object().into_iter().flatten() {
                let method = method.to_ascii_uppercase();
                if !["GET", "PUT", "POST", "DELETE", "PATCH", "HEAD", "OPTIONS"]
                    .contains(&method.as_str())
                {
                    continue;
                }
                let content = op["requestBody"]["content"].as_object();
                if let Some((_, media)) = content
                    .into_iter()
                    .flatten()
                    .find(|(ct, _)| ct.starts_with("application/json"))
                {
                    json_bodies.push((method.clone(), media["schema"].clone()));
                }
                if method == "GET" {
                    read = op["responses"]["200"]["content"]
                        .as_object()
                        .into_iter()
                        .flatten()
                        .find(|(ct, _)| ct.starts_with("application/json"))
                        .map(|(_, media)| media["schema"].clone());
                }
                methods.push(method);
            }
            if methods.iter().any(|m| m == "GET") {
                methods.push("HEAD".into());
            }
            methods.sort();
            methods.dedup();
            table.push((
                path.clone(),
                PathOps {
                    template: segments(path),
                    methods,
                    json_bodies,
                    // A list's GET answers its items.
                    read: read.map(|r| match r["type"].as_str() {
                        Some("array") => r["items"].clone(),
                        _ => r,
                    }),
                },
            ));
        }
        // An update without a GET of its own is read back where it is listed or held: the
        // nearest GET above it (a session in its event's list, a criterion in its round).
        let reads: std::collections::HashMap<String, serde_json::Value> = table
            .iter()
            .filter_map(|(path, ops)| ops.read.clone().map(|r| (path.clone(), r)))
            .collect();
        let table = table
            .into_iter()
            .map(|(path, mut ops)| {
                let mut at = path.as_str();
                while ops.read.is_none()
                    && let Some((above, _)) = at.rsplit_once('/')
                {
                    ops.read = reads.get(above).cloned();
                    at = above;
                }
                ops
            })
            .collect();
        Methods {
            table,
            components: doc["components"].clone(),
        }
    }

    /// The operations on `path` (relative to the API's base), if it is one of the API's.
    /// Templates with fixed segments win over ones with a parameter in their place.
    fn path_ops(&self, path: &str) -> Option<&PathOps> {
        let parts = segments(path);
        self.table
            .iter()
            .filter(|ops| {
                ops.template.len() == parts.len()
                    && ops
                        .template
                        .iter()
                        .zip(&parts)
                        .all(|(t, p)| t == p || (t.starts_with('{') && !p.is_empty()))
            })
            .min_by_key(|ops| ops.template.iter().filter(|t| t.starts_with('{')).count())
    }

    /// The methods allowed on `path` (relative to the API's base), if it is one of the API's.
    pub fn allowed(&self, path: &str) -> Option<&[String]> {
        self.path_ops(path).map(|ops| ops.methods.as_slice())
    }

    /// The schema of the JSON body that `method` on `path` takes, if it takes one.
    pub fn json_body(&self, method: &str, path: &str) -> Option<JsonBody<'_>> {
        let ops = self.path_ops(path)?;
        let (_, schema) = ops.json_bodies.iter().find(|(m, _)| m == method)?;
        Some(JsonBody {
            schema,
            read: ops
                .read
                .as_ref()
                .filter(|_| matches!(method, "PUT" | "PATCH")),
        })
    }
}

fn segments(path: &str) -> Vec<String> {
    path.trim_matches('/')
        .split('/')
        .map(str::to_string)
        .collect()
}

/// Runs API operations with the request's language at hand, and turns every error raised
/// outside them (unknown route, wrong method, unparsable body or parameter, missing
/// authentication) into the same problem JSON.
pub async fn api_errors<E: Endpoint>(
    ep: E,
    req: Request,
    methods: &Methods,
) -> poem::Result<Response> {
    let lang = req.extensions().get::<Lang>().copied().unwrap_or_default();
    let method = req.method().clone();
    let path = req.uri().path().to_string();
    match super::panic::caught(API_LANG.scope(lang, ep.call(req))).await {
        Ok(resp) => Ok(resp.into_response()),
        // An operation's own `ApiError` arrives as an error carrying its finished response.
        Err(err) if err.is_from_response() => Ok(err.into_response()),
        Err(err) => {
            let app_err = match err.downcast::<AppError>() {
                Ok(e) => e,
                Err(err) if err.status() == StatusCode::UNAUTHORIZED => AppError::Unauthenticated,
                Err(err)
                    if matches!(
                        err.status(),
                        StatusCode::NOT_FOUND | StatusCode::METHOD_NOT_ALLOWED
                    ) && methods
                        .allowed(&path)
                        .is_some_and(|m| !m.iter().any(|m| m == method.as_str())) =>
                {
                    let allow = methods.allowed(&path).unwrap_or_default().join(", ");
                    let err = AppError::method_not_allowed(&method, &allow);
                    let mut resp = problem_response(&err, lang);
                    if let Ok(v) = poem::http::HeaderValue::from_str(&allow) {
                        resp.headers_mut().insert(poem::http::header::ALLOW, v);
                    }
                    return Ok(resp);
                }
                Err(err) => {
                    let mapped = super::page::from_poem_error(&err);
                    if let AppError::BadRequest(_) = mapped {
                        // Say what the parser said: it names the field or parameter.
                        let mut body = problem(&mapped, lang);
                        body.detail = format!("{} ({err})", body.detail);
                        return Ok(problem_body_response(&body));
                    }
                    mapped
                }
            };
            Ok(problem_response(&app_err, lang))
        }
    }
}

/// The longest address (path and query) the server reads: far above any page's or filter's,
/// below the 64 KiB at which the HTTP server stops reading.
pub const MAX_URI_BYTES: usize = 16 * 1024;

/// Addresses the server does not read, refused before routing in the caller's format (problem
/// JSON under `/api/`, else a page in the visitor's language): longer than [`MAX_URI_BYTES`]
/// (from 64 KiB on the HTTP server itself answers 414 without a body before this runs), or a
/// path that is not UTF-8 once decoded. Other errors the router raises under `/api/` (before
/// the API's own layers) become problem JSON too. The page context is built only for a refusal,
/// not for every request.
pub async fn router_errors<E: Endpoint>(ep: E, req: Request) -> poem::Result<Response> {
    let api = req.uri().path().starts_with("/api/");
    if let Some(refused) = refusal(&req) {
        if api {
            return Ok(problem_response(
                &refused,
                super::auth::request_lang(&req, None),
            ));
        }
        use poem::FromRequest;
        let ctx = super::page::Ctx::from_request_without_body(&req).await?;
        return Ok(super::page::error_page(&ctx, refused.into()));
    }
    let lang = api.then(|| super::auth::request_lang(&req, None));
    match (ep.call(req).await, lang) {
        (Ok(resp), _) => Ok(resp.into_response()),
        (Err(err), Some(lang)) if !err.is_from_response() => {
            let app_err = match err.downcast::<AppError>() {
                Ok(e) => e,
                Err(err) => super::page::from_poem_error(&err),
            };
            Ok(problem_response(&app_err, lang))
        }
        (Err(err), _) => Err(err),
    }
}

/// Why the server does not read `req`'s address, if it does not.
fn refusal(req: &Request) -> Option<AppError> {
    let length = req.uri().path_and_query().map_or(0, |p| p.as_str().len());
    if length > MAX_URI_BYTES {
        return Some(AppError::UriTooLong(
            Msg::new("error-uri-too-long").arg("max", MAX_URI_BYTES),
        ));
    }
    percent_encoding::percent_decode_str(req.uri().path())
        .decode_utf8()
        .is_err()
        .then(|| AppError::BadRequest(Msg::new("error-bad-request")))
}

/// A personal API token (create one under "My profile → API tokens").
#[derive(SecurityScheme)]
#[oai(ty = "bearer", checker = "actor_of_bearer")]
pub struct TokenAuth(Actor);

/// The session cookie of a signed-in browser.
#[derive(SecurityScheme)]
#[oai(
    ty = "api_key",
    key_name = "convene_session",
    key_in = "cookie",
    checker = "actor_of_cookie"
)]
pub struct SessionAuth(Actor);

/// How API callers authenticate: a personal API token, or the browser's session.
#[derive(SecurityScheme)]
pub enum ApiAuth {
    Token(TokenAuth),
    Session(SessionAuth),
}

impl ApiAuth {
    pub fn actor(&self) -> &Actor {
        match self {
            ApiAuth::Token(TokenAuth(a)) | ApiAuth::Session(SessionAuth(a)) => a,
        }
    }
}

// `identify` has already resolved the token or cookie; the checkers only pick up its result.
async fn actor_of_bearer(req: &Request, _: Bearer) -> poem::Result<Actor> {
    identified(req)
}

async fn actor_of_cookie(req: &Request, _: ApiKey) -> poem::Result<Actor> {
    identified(req)
}

/// The caller, if signed in (for operations that answer visitors too).
pub fn maybe_actor(req: &Request) -> Option<Actor> {
    req.extensions()
        .get::<MaybeActor>()
        .and_then(|a| a.0.clone())
}

fn identified(req: &Request) -> poem::Result<Actor> {
    req.extensions()
        .get::<MaybeActor>()
        .and_then(|a| a.0.clone())
        .ok_or_else(|| AppError::Unauthenticated.into())
}

/// The API service of `apis` (every domain's operations, listed by `crate::routes`), the
/// Swagger UI, the OpenAPI document as served and as data (for the reference page).
pub fn service<T: OpenApi + 'static>(
    apis: T,
    base_url: String,
) -> (
    impl Endpoint,
    impl Endpoint,
    impl Endpoint,
    Methods,
    super::api_reference::ApiDocument,
) {
    let service = OpenApiService::new(apis, "convene", env!("CARGO_PKG_VERSION"))
        .description("Business events and innovation calls: the REST API. Errors are RFC 9457 problem details. JSON bodies are read strictly: a value of the wrong type, a property the operation does not take or a key given twice is refused with 422, naming the field in `fields` (`members.0.email`); an update may be sent what its GET answered, and the read-only part is ignored. A creation answers 201 with the created object and its address in `Location` (work started in the background: 202 with the job's address); its `links` name the operations that read, change or remove it. Authenticate with `Authorization: Bearer <token>`; with the browser's session cookie, POST requests need a JSON body or an `X-Requested-With` header. Messages, titles and answers come in German or English: with a token, the language of `Accept-Language`, else the account's language; with the session cookie, the account's language first, as on the pages; else German.")
        .server(format!("{base_url}/api/v1"));
    // Rendered once at start-up; both are plain strings from then on.
    // The Swagger UI is for trying requests out; its first link leads to the reference as a
    // plain page, which reads with a screen reader, a keyboard and on a phone.
    let docs_html = service.swagger_ui_html().replacen(
        "<body>",
        "<body><p style=\"margin:1rem;font:1rem sans-serif\"><a href=\"/api/reference\" \
         style=\"color:#0b4f8a\"><span lang=\"en\">API reference as text</span> · \
         <span lang=\"de\">API-Referenz als Text</span></a></p>",
        1,
    );
    let mut doc: serde_json::Value = serde_json::from_str(&service.spec()).unwrap_or_default();
    for missed in super::api_doc::refine(&mut doc) {
        tracing::warn!(rule = %missed, "an API value rule names no property of the document");
    }
    let spec_json = serde_json::to_string_pretty(&doc).unwrap_or_default();
    let methods = Methods::from_doc(&doc);
    let docs = poem::endpoint::make_sync(move |_| {
        Response::builder()
            .content_type("text/html; charset=utf-8")
            .body(docs_html.clone())
    });
    let spec = poem::endpoint::make_sync(move |_| {
        Response::builder()
            .content_type("application/json")
            .header("cache-control", "public, max-age=300")
            .body(spec_json.clone())
    });
    let document = super::api_reference::ApiDocument(std::sync::Arc::new(doc));
    (service.into_endpoint(), docs, spec, methods, document)
}

/// A line of the audit log.
#[derive(Object, Debug)]
#[oai(rename = "AuditLine")]
pub struct AuditLineBody {
    pub at: chrono::DateTime<chrono::Utc>,
    /// Who did it (empty: the system).
    pub who: String,
    /// The action, e.g. `event.update`.
    pub action: String,
    /// The action in words, in the caller's language.
    pub what: String,
    /// What it concerns, e.g. `event:7`.
    pub subject: String,
    pub detail: String,
}

impl From<crate::audit::LogLine> for AuditLineBody {
    fn from(l: crate::audit::LogLine) -> Self {
        AuditLineBody {
            at: l.at,
            who: l.who,
            action: l.action,
            what: l.what,
            subject: l.subject,
            detail: l.detail,
        }
    }
}
