//! What the HTML side shares: the page context extractor (`Ctx`), rendering helpers, flash
//! messages, the error pages, the security headers, and the few pages that need no domain.

use poem::http::{HeaderValue, StatusCode, header};
use poem::web::cookie::CookieJar;
use poem::web::{Path, Query};
use poem::{
    Endpoint, FromRequest, IntoResponse, Middleware, Request, RequestBody, Response, handler,
};

use super::auth::{self, FLASH_COOKIE, LANG_COOKIE, MaybeActor};
use crate::actor::{Actor, Role};
use crate::error::{AppError, Msg};
use crate::state::AppState;
use convene_frontend::{ErrorPage, Flash, FlashKind, Lang, Layout, Template, UserNav};

/// Everything a page handler needs besides its own input: state, the actor, the language, the
/// cookie jar (CSRF and flash), the path, and the page the answer stands for.
pub struct Ctx {
    pub state: AppState,
    pub actor: Option<Actor>,
    pub lang: Lang,
    pub jar: CookieJar,
    pub path: String,
    /// Where to come back to (the language switcher, sign-in): the address itself for a GET;
    /// for a form sent from a page of this site, that page, since the address a form posts to
    /// may answer nothing else.
    pub page: String,
}

/// The page a request was sent from: its `Referer`, if on this host, as a local path.
fn sent_from(req: &Request) -> Option<String> {
    let referer = url::Url::parse(req.headers().get(header::REFERER)?.to_str().ok()?).ok()?;
    let host = req.headers().get(header::HOST)?.to_str().ok()?;
    let authority = match referer.port() {
        Some(port) => format!("{}:{port}", referer.host_str()?),
        None => referer.host_str()?.to_string(),
    };
    if !authority.eq_ignore_ascii_case(host) {
        return None;
    }
    let path = match referer.query() {
        Some(q) => format!("{}?{q}", referer.path()),
        None => referer.path().to_string(),
    };
    Some(local_path(&path))
}

impl<'a> FromRequest<'a> for Ctx {
    async fn from_request(req: &'a Request, _body: &mut RequestBody) -> poem::Result<Self> {
        let path = req
            .uri()
            .path_and_query()
            .map_or_else(|| "/".into(), |p| p.as_str().to_string());
        Ok(Ctx {
            state: req
                .data::<AppState>()
                .cloned()
                .expect("AppState is attached"),
            actor: req
                .extensions()
                .get::<MaybeActor>()
                .and_then(|a| a.0.clone()),
            lang: req.extensions().get::<Lang>().copied().unwrap_or_default(),
            jar: req.cookie().clone(),
            path: path.clone(),
            page: match *req.method() {
                poem::http::Method::GET | poem::http::Method::HEAD => path,
                _ => sent_from(req).unwrap_or(path),
            },
        })
    }
}

impl Ctx {
    /// The signed-in actor, or `Unauthenticated` (pages answer with a redirect to sign-in).
    pub fn actor(&self) -> Result<&Actor, AppError> {
        self.actor.as_ref().ok_or(AppError::Unauthenticated)
    }

    /// The layout for a page titled with message `title_id` in navigation `section`. Takes the
    /// pending flash message, if any.
    pub fn layout(&self, title_id: &str, section: &'static str) -> Layout {
        let t = self.lang.tr();
        self.layout_titled(t.msg(title_id), section)
    }

    pub fn layout_titled(&self, title: String, section: &'static str) -> Layout {
        let t = self.lang.tr();
        let flash = self.take_flash();
        Layout {
            lang: self.lang,
            t,
            title,
            user: self.actor.as_ref().map(|a| UserNav {
                name: a.name.clone(),
                is_admin: a.is_admin(),
                is_organiser: a.grants.iter().any(|g| g.role == Role::Organiser) || a.is_admin(),
                is_juror: a.grants.iter().any(|g| g.role == Role::Juror),
            }),
            csrf_token: auth::csrf_token(&self.state, &self.jar),
            flash,
            path: self.page.clone(),
            section,
        }
    }

    /// Whether the page is the same for everyone who asks for this address: nobody is signed
    /// in and no message waits to be shown. Such pages may come from `crate::http::render_cache`.
    pub fn is_shared_view(&self) -> bool {
        self.actor.is_none() && self.jar.get(FLASH_COOKIE).is_none()
    }

    /// Leaves a message for the next page this browser shows (e.g. after a redirect).
    pub fn flash(&self, kind: FlashKind, id: &'static str) {
        self.flash_counts(kind, id, &[]);
    }

    /// Like [`Ctx::flash`], with numbers for the message's arguments ("3 new, 2 updated").
    /// Numbers only: the cookie comes back from the browser, so nothing else is trusted there.
    pub fn flash_counts(&self, kind: FlashKind, id: &'static str, counts: &[(&str, usize)]) {
        let args: String = counts.iter().map(|(k, n)| format!("&{k}={n}")).collect();
        let kind = match kind {
            FlashKind::Success => "s",
            FlashKind::Info => "i",
            FlashKind::Error => "e",
        };
        self.jar.add(auth::cookie(
            &self.state,
            FLASH_COOKIE,
            format!("{kind}:{id}{args}"),
            Some(300),
        ));
    }

    fn take_flash(&self) -> Option<Flash> {
        let cookie = self.jar.get(FLASH_COOKIE)?;
        auth::expire(&self.state, &self.jar, FLASH_COOKIE);
        let value = cookie.value_str().to_string();
        let (kind, rest) = value.split_once(':')?;
        let mut parts = rest.split('&');
        let id = parts.next()?;
        // Only our own flash messages are shown, whatever the cookie says, with numbers only.
        let t = self.lang.tr();
        if !id.starts_with("flash-") || !t.has(id) {
            return None;
        }
        let args: Vec<(&str, String)> = parts
            .filter_map(|p| p.split_once('='))
            .filter(|(k, v)| {
                k.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                    && v.chars().all(|c| c.is_ascii_digit())
                    && v.len() < 10
            })
            .map(|(k, v)| (k, v.to_string()))
            .collect();
        let kind = match kind {
            "s" => FlashKind::Success,
            "e" => FlashKind::Error,
            _ => FlashKind::Info,
        };
        Some(Flash {
            kind,
            text: t.msg_args(id, &args),
        })
    }
}

/// An HTML response of a rendered page.
/// A page, its error summary naming each field by the page's own label
/// (`convene_frontend::summary`).
pub fn html(body: String) -> Response {
    Response::builder()
        .content_type("text/html; charset=utf-8")
        .header(header::CACHE_CONTROL, "no-store")
        .body(convene_frontend::summary::name_fields(body))
}

/// The page with a status other than 200 (e.g. 422 for a form with errors).
pub fn html_status(status: StatusCode, body: String) -> Response {
    let mut resp = html(body);
    resp.set_status(status);
    resp
}

/// 303 See Other to `location` (after a successful form post).
pub fn see_other(location: &str) -> Response {
    Response::builder()
        .status(StatusCode::SEE_OTHER)
        .header(header::LOCATION, location)
        .finish()
}

/// A local path to continue to after signing in or switching language; anything else (other
/// hosts, `//evil.example`, `/\evil`) becomes `/`.
pub fn local_path(next: &str) -> String {
    let ok = next.starts_with('/')
        && !next.starts_with("//")
        && !next.starts_with("/\\")
        && !next.chars().any(|c| c.is_control());
    if ok {
        next.to_string()
    } else {
        "/".to_string()
    }
}

/// Renders errors of the HTML side as pages in the request's language: a redirect to sign-in for
/// 401, a friendly page for everything else, with a reference id for server errors (logged with
/// the same id).
pub async fn html_errors<E: Endpoint>(ep: E, req: Request) -> poem::Result<Response> {
    let ctx = Ctx::from_request_without_body(&req).await?;
    match super::panic::caught(ep.call(req)).await {
        Ok(resp) => Ok(resp.into_response()),
        Err(err) => Ok(error_page(&ctx, err)),
    }
}

pub(crate) fn error_page(ctx: &Ctx, err: poem::Error) -> Response {
    let app_err = match err.downcast::<AppError>() {
        Ok(app_err) => app_err,
        Err(err) => from_poem_error(&err),
    };
    if matches!(app_err, AppError::Unauthenticated) {
        let next = crate::http::page::encode(&ctx.page);
        return see_other(&format!("/signin?next={next}"));
    }
    let reference = app_err.is_server_error().then(|| {
        let reference = uuid::Uuid::new_v4().simple().to_string()[..12].to_string();
        tracing::error!(reference, path = %ctx.path, "request failed: {app_err:?}");
        reference
    });
    let page = ErrorPage {
        layout: ctx.layout(app_err.title_id(), ""),
        status: app_err.status().as_u16(),
        message: app_err.message().text(ctx.lang),
        reference,
    };
    match page.render() {
        Ok(body) => {
            let mut resp = html_status(app_err.status(), body);
            if let Some(secs) = app_err.retry_after() {
                resp.headers_mut().insert(header::RETRY_AFTER, secs.into());
            }
            if let Some(allow) = super::methods::allowed(&app_err)
                && let Ok(allow) = header::HeaderValue::from_str(allow)
            {
                resp.headers_mut().insert(header::ALLOW, allow);
            }
            resp
        }
        Err(e) => {
            tracing::error!("rendering the error page failed: {e}");
            Response::builder()
                .status(StatusCode::INTERNAL_SERVER_ERROR)
                .body("internal error")
        }
    }
}

/// poem's own errors (no route, wrong method, unreadable body …) as our error kinds.
pub fn from_poem_error(err: &poem::Error) -> AppError {
    match err.status() {
        StatusCode::NOT_FOUND | StatusCode::METHOD_NOT_ALLOWED => {
            AppError::not_found("error-not-found")
        }
        StatusCode::PAYLOAD_TOO_LARGE => AppError::TooLarge(Msg::new("error-payload-too-large")),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => {
            AppError::UnsupportedMediaType(Msg::new("error-unsupported-media-type"))
        }
        s if s.is_client_error() => AppError::BadRequest(Msg::new("error-bad-request")),
        _ => AppError::Internal(anyhow::anyhow!("{err}")),
    }
}

/// Percent-encodes a query value.
pub fn encode(value: &str) -> String {
    convene_frontend::layout::encode_query(value)
}

/// Security headers on every response. The API documentation page inlines its script, so it
/// gets its own, looser policy (see [`DocsHeaders`]).
pub struct SecurityHeaders;

impl<E: Endpoint> Middleware<E> for SecurityHeaders {
    type Output = SecurityHeadersEndpoint<E>;

    fn transform(&self, ep: E) -> Self::Output {
        SecurityHeadersEndpoint(ep)
    }
}

pub struct SecurityHeadersEndpoint<E>(E);

const CSP: &str = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; \
                   object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

impl<E: Endpoint> Endpoint for SecurityHeadersEndpoint<E> {
    type Output = Response;

    async fn call(&self, req: Request) -> poem::Result<Response> {
        // HTTPS sites tell browsers never to try plain HTTP again (a year; subdomains may be
        // run by others, so they are not included).
        let https = req
            .data::<AppState>()
            .is_some_and(|s| s.config.base_url.starts_with("https://"));
        let mut resp = self.0.call(req).await?.into_response();
        let headers = resp.headers_mut();
        let set = |h: &mut poem::http::HeaderMap, name: &'static str, value: &'static str| {
            if !h.contains_key(name) {
                h.insert(name, HeaderValue::from_static(value));
            }
        };
        if https {
            set(headers, "strict-transport-security", "max-age=31536000");
        }
        set(headers, "content-security-policy", CSP);
        set(headers, "x-content-type-options", "nosniff");
        set(headers, "referrer-policy", "same-origin");
        set(headers, "x-frame-options", "DENY");
        set(
            headers,
            "permissions-policy",
            "camera=(self), geolocation=(), microphone=()",
        );
        Ok(resp)
    }
}

/// The interactive API documentation: Swagger UI inlines its script and styles, and its page is
/// 1.6 MB, so it gets a looser CSP of its own and may be cached for an hour.
pub struct DocsHeaders;

impl<E: Endpoint> Middleware<E> for DocsHeaders {
    type Output = DocsHeadersEndpoint<E>;

    fn transform(&self, ep: E) -> Self::Output {
        DocsHeadersEndpoint(ep)
    }
}

pub struct DocsHeadersEndpoint<E>(E);

impl<E: Endpoint> Endpoint for DocsHeadersEndpoint<E> {
    type Output = Response;

    async fn call(&self, req: Request) -> poem::Result<Response> {
        let mut resp = self.0.call(req).await?.into_response();
        let headers = resp.headers_mut();
        headers.insert(
            "content-security-policy",
            HeaderValue::from_static(
                "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; \
                 script-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
            ),
        );
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=3600"),
        );
        Ok(resp)
    }
}

// --- pages that belong to no domain ---------------------------------------------------------

#[derive(serde::Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

/// GET /lang/:code?next=… — the language switcher: remembers the choice in a cookie for a year
/// and returns to the page.
#[handler]
pub async fn lang_get(
    ctx: Ctx,
    Path(code): Path<String>,
    Query(q): Query<NextQuery>,
) -> Result<Response, AppError> {
    let lang = Lang::from_code(&code).ok_or_else(|| AppError::not_found("error-not-found"))?;
    ctx.jar.add(auth::cookie(
        &ctx.state,
        LANG_COOKIE,
        lang.code().to_string(),
        Some(365 * 24 * 3600),
    ));
    Ok(see_other(&local_path(q.next.as_deref().unwrap_or("/"))))
}

/// GET /healthz — 200 when the database answers, 503 otherwise.
#[handler]
pub async fn healthz_get(state: poem::web::Data<&AppState>) -> Response {
    match sqlx::query_scalar::<_, i32>("select 1")
        .fetch_one(&state.db)
        .await
    {
        Ok(_) => Response::builder()
            .content_type("text/plain; charset=utf-8")
            .header(header::CACHE_CONTROL, "no-store")
            .body("ok"),
        Err(e) => {
            tracing::error!("health check: {e}");
            Response::builder()
                .status(StatusCode::SERVICE_UNAVAILABLE)
                .content_type("text/plain; charset=utf-8")
                .body("database unavailable")
        }
    }
}

/// GET /static/:file — CSS and JS compiled into the binary, cached for a day.
#[handler]
pub async fn static_get(Path(file): Path<String>) -> Response {
    match convene_frontend::asset(&file) {
        Some((content_type, bytes)) => Response::builder()
            .content_type(content_type)
            .header(header::CACHE_CONTROL, "public, max-age=86400")
            .body(bytes),
        None => Response::builder()
            .status(StatusCode::NOT_FOUND)
            .body("not found"),
    }
}

/// An instant as people read it, in Berlin time with the zone: German `23.11.2026, 14:30 MEZ`,
/// English `23 Nov 2026, 14:30 CET`. Pages of an event use the event's zone instead.
pub fn fmt_instant(lang: Lang, t: chrono::DateTime<chrono::Utc>) -> String {
    let local = t.with_timezone(&chrono_tz::Europe::Berlin);
    let zone = local.format("%Z").to_string();
    let zone = match (lang, zone.as_str()) {
        (Lang::De, "CET") => "MEZ".to_string(),
        (Lang::De, "CEST") => "MESZ".to_string(),
        _ => zone,
    };
    match lang {
        Lang::De => format!(
            "{}, {} {zone}",
            local.format("%d.%m.%Y"),
            local.format("%H:%M")
        ),
        Lang::En => format!(
            "{}, {} {zone}",
            local.format("%-d %b %Y"),
            local.format("%H:%M")
        ),
    }
}

/// A file to save, never to show inline: `attachment` with the name in ASCII and in UTF-8
/// (RFC 6266), private and not sniffed.
pub fn download(name: &str, content_type: &str, data: Vec<u8>) -> Response {
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded = url::form_urlencoded::byte_serialize(name.as_bytes()).collect::<String>();
    Response::builder()
        .content_type(content_type)
        .header(
            header::CONTENT_DISPOSITION,
            format!(
                "attachment; filename=\"{ascii}\"; filename*=UTF-8''{}",
                encoded.replace('+', "%20")
            ),
        )
        .header(header::CACHE_CONTROL, "private, no-store")
        .header("X-Content-Type-Options", "nosniff")
        .body(data)
}

#[cfg(test)]
mod tests {
    use super::{SecurityHeaders, fmt_instant, local_path};
    use poem::{EndpointExt, IntoResponse};

    /// An app state whose database is never opened.
    fn state_for(base_url: &str) -> crate::AppState {
        let dir = std::env::temp_dir().join("convene-page-tests");
        let config = crate::config::Config {
            database_url: String::new(),
            database_is_default: false,
            bind: "127.0.0.1:0".into(),
            base_url: base_url.into(),
            data_dir: dir,
            smtp_url: None,
            mail_from: "convene <noreply@convene.test>".into(),
            demo: false,
            secret: crate::config::Secret([7; 32]),
            trusted_proxies: Vec::new(),
            webhooks_allow_local: false,
        };
        let url = if crate::db::ENGINE == "sqlite" {
            "sqlite::memory:"
        } else {
            "postgres://127.0.0.1/unused"
        };
        let db = crate::db::DbPool::connect_lazy(url).unwrap();
        crate::AppState::new(db, config, crate::clock::Clock::system()).unwrap()
    }

    #[tokio::test]
    async fn https_sites_send_strict_transport_security() {
        for (base, hsts) in [
            ("https://events.example.org", Some("max-age=31536000")),
            ("http://127.0.0.1:8080", None),
        ] {
            let ep = poem::endpoint::make_sync(|_| "ok")
                .with(SecurityHeaders)
                .data(state_for(base));
            let resp = poem::Endpoint::call(&ep, poem::Request::builder().finish())
                .await
                .unwrap()
                .into_response();
            assert!(resp.status().is_success());
            assert_eq!(
                resp.headers()
                    .get("strict-transport-security")
                    .map(|v| v.to_str().unwrap()),
                hsts,
                "{base}"
            );
        }
    }
    use chrono::{TimeZone, Utc};
    use convene_frontend::Lang;

    #[test]
    fn instants_show_in_berlin_time_with_the_zone_across_daylight_saving() {
        let winter = Utc.with_ymd_and_hms(2026, 11, 8, 8, 30, 0).unwrap();
        let summer = Utc.with_ymd_and_hms(2026, 10, 24, 22, 5, 0).unwrap();
        assert_eq!(fmt_instant(Lang::De, winter), "08.11.2026, 09:30 MEZ");
        assert_eq!(fmt_instant(Lang::En, winter), "8 Nov 2026, 09:30 CET");
        assert_eq!(fmt_instant(Lang::De, summer), "25.10.2026, 00:05 MESZ");
    }

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(local_path("/me?x=1"), "/me?x=1");
        for evil in [
            "https://evil.example",
            "//evil.example",
            "/\\evil.example",
            "me",
            "",
        ] {
            assert_eq!(local_path(evil), "/", "{evil}");
        }
    }
}
