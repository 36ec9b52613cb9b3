//! Who is asking, in which language, and whether a form really came from our own pages.
//!
//! `account::identify` runs for every request: it resolves the session cookie (or, under `/api`,
//! an `Authorization: Bearer` token) to an [`Actor`] and the request's [`Lang`], and stores both
//! in the request's extensions as [`MaybeActor`] and `Lang` for the handlers' extractors.
//!
//! CSRF: a signed double-submit token. A random `convene_csrf` cookie (HttpOnly, SameSite=Lax,
//! as long-lived as a session) is set the first time a page with a form is shown and replaced at
//! sign-in and sign-out; every form carries HMAC(secret, that cookie, the session cookie) in its
//! `csrf_token` field, and [`CsrfForm`] checks it before the handler sees the form. We do not use
//! poem's `Csrf` middleware: it re-issues its cookie on every response (calendar feeds and public
//! pages would never be cacheable) and needs a token pair per request.

use hmac::{Hmac, Mac};
use poem::http::header;
use poem::web::cookie::{Cookie, CookieJar, SameSite};
use poem::{FromRequest, Request, RequestBody};
use serde::de::DeserializeOwned;
use sha2::Sha256;

use crate::actor::Actor;
use crate::error::{AppError, Msg};
use crate::state::AppState;
use convene_frontend::Lang;

pub const SESSION_COOKIE: &str = "convene_session";
pub const CSRF_COOKIE: &str = "convene_csrf";
pub const LANG_COOKIE: &str = "convene_lang";
pub const FLASH_COOKIE: &str = "convene_flash";

/// The signed-in account, if any (set by `account::identify`).
#[derive(Debug, Clone)]
pub struct MaybeActor(pub Option<Actor>);

/// Whether a cookie-authenticated API write came from a page of ours: a JSON body
/// (`application/json` or `application/…+json`) or an `X-Requested-With` header, neither of
/// which a cross-site request can carry without a CORS preflight.
pub fn shows_own_origin(req: &Request) -> bool {
    let json = req.content_type().is_some_and(|ct| {
        let essence = ct
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        essence == "application/json"
            || (essence.starts_with("application/") && essence.ends_with("+json"))
    });
    json || req.headers().contains_key("x-requested-with")
}

/// The client's IP address, the subject of per-address limits (sign-in, sign-up, reset).
///
/// Behind a reverse proxy every request comes from the proxy, so the limits would count all
/// clients as one. `X-Forwarded-For` names the client, but anyone can send it: it is believed
/// only from a peer listed in `CONVENE_TRUSTED_PROXY`, and then its right-most entry that is not
/// itself a trusted proxy counts (entries further left were written by the client).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientIp(pub String);

impl ClientIp {
    pub fn of(req: &Request, trusted: &[std::net::IpAddr]) -> ClientIp {
        let peer = req.remote_addr().as_socket_addr().map(|a| a.ip());
        let forwarded = req
            .headers()
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok());
        ClientIp::resolve(peer, forwarded, trusted)
    }

    fn resolve<'h>(
        peer: Option<std::net::IpAddr>,
        forwarded: impl Iterator<Item = &'h str>,
        trusted: &[std::net::IpAddr],
    ) -> ClientIp {
        let Some(peer) = peer else {
            return ClientIp("unknown".into());
        };
        if !trusted.contains(&peer) {
            return ClientIp(peer.to_string());
        }
        let chain: Vec<std::net::IpAddr> = forwarded
            .flat_map(|v| v.split(','))
            .filter_map(|s| s.trim().parse().ok())
            .collect();
        let client = chain
            .into_iter()
            .rev()
            .find(|ip| !trusted.contains(ip))
            .unwrap_or(peer);
        ClientIp(client.to_string())
    }
}

impl<'a> FromRequest<'a> for ClientIp {
    async fn from_request(req: &'a Request, _body: &mut RequestBody) -> poem::Result<Self> {
        let state = req
            .data::<AppState>()
            .expect("AppState is attached to the app");
        Ok(ClientIp::of(req, &state.config.trusted_proxies))
    }
}

/// The language of a request: the switcher's cookie, else the account's preference, else the
/// browser's `Accept-Language`, else German.
pub fn request_lang(req: &Request, actor: Option<&Actor>) -> Lang {
    req.cookie()
        .get(LANG_COOKIE)
        .and_then(|c| Lang::from_code(c.value_str()))
        .or(actor.map(|a| a.language))
        .or_else(|| accepted_lang(req))
        .unwrap_or_default()
}

/// The language of a request made with an API token: its `Accept-Language`, else the account's
/// preference, else German. A browser sends the header always, so pages put the account's choice
/// first; a script sends it only when it asks for a language.
pub fn token_lang(req: &Request, actor: &Actor) -> Lang {
    accepted_lang(req).unwrap_or(actor.language)
}

fn accepted_lang(req: &Request) -> Option<Lang> {
    req.headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(Lang::from_accept_language)
}

/// Tells the browser to drop a cookie we set: the same name and path, expired. (A bare
/// `CookieJar::remove` carries no path, so the browser would keep our `/` cookie.)
pub fn expire(state: &AppState, jar: &CookieJar, name: &str) {
    jar.add(cookie(state, name, String::new(), Some(0)));
}

/// A cookie with our defaults: HttpOnly, SameSite=Lax, path `/`, Secure on HTTPS sites.
pub fn cookie(state: &AppState, name: &str, value: String, max_age_secs: Option<i64>) -> Cookie {
    let mut c = Cookie::new_with_str(name, value);
    c.set_http_only(true);
    c.set_same_site(SameSite::Lax);
    c.set_path("/");
    c.set_secure(state.config.secure_cookies());
    if let Some(secs) = max_age_secs {
        c.set_max_age(std::time::Duration::from_secs(secs.max(0) as u64));
    }
    c
}

/// HMAC(secret, CSRF cookie, session cookie): a token is bound to this browser's CSRF cookie
/// *and* to its sign-in, so a token seen before signing in (or by another session) is worthless
/// after it.
fn csrf_hmac(state: &AppState, jar: &CookieJar, cookie_value: &str) -> Hmac<Sha256> {
    let mut mac = Hmac::<Sha256>::new_from_slice(&state.config.secret.0).expect("any key length");
    mac.update(b"csrf:");
    mac.update(cookie_value.as_bytes());
    mac.update(b"\0session:");
    if let Some(session) = jar.get(SESSION_COOKIE) {
        mac.update(session.value_str().as_bytes());
    }
    mac
}

/// The CSRF cookie lives as long as a sign-in may.
fn csrf_cookie_max_age() -> i64 {
    crate::actor::SESSION_LIFETIME.num_seconds()
}

/// The CSRF token for forms on this response, setting the cookie it is bound to if needed.
pub fn csrf_token(state: &AppState, jar: &CookieJar) -> String {
    let value = match jar.get(CSRF_COOKIE) {
        Some(c) if c.value_str().len() >= 32 => c.value_str().to_string(),
        _ => rotate_csrf(state, jar),
    };
    let bytes = csrf_hmac(state, jar, &value).finalize().into_bytes();
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Gives the browser a new CSRF cookie (at sign-in and sign-out, with the session): tokens of
/// forms shown before stop working. Returns the new value.
pub fn rotate_csrf(state: &AppState, jar: &CookieJar) -> String {
    let value = crate::token::random();
    jar.add(cookie(
        state,
        CSRF_COOKIE,
        value.clone(),
        Some(csrf_cookie_max_age()),
    ));
    value
}

/// Whether `submitted` is the CSRF token bound to this browser's cookies (for forms that
/// cannot use [`CsrfForm`], e.g. multipart uploads).
pub fn csrf_valid_token(state: &AppState, jar: &CookieJar, submitted: &str) -> bool {
    let Some(cookie) = jar.get(CSRF_COOKIE) else {
        return false;
    };
    let mac = csrf_hmac(state, jar, cookie.value_str());
    let Some(bytes) = decode_hex(submitted) else {
        return false;
    };
    // Constant-time comparison.
    mac.verify_slice(&bytes).is_ok()
}

fn decode_hex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

/// A submitted form whose CSRF token has been verified. Every state-changing form handler takes
/// its input through this extractor, so the check cannot be forgotten.
pub struct CsrfForm<T>(pub T);

impl<'a, T: DeserializeOwned + Send> FromRequest<'a> for CsrfForm<T> {
    async fn from_request(req: &'a Request, body: &mut RequestBody) -> poem::Result<Self> {
        let state = req
            .data::<AppState>()
            .expect("AppState is attached to the app");
        let bytes = body.take()?.into_bytes().await?;
        let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(&bytes)
            .map_err(|_| AppError::BadRequest(Msg::new("error-bad-request")))?;
        let token = pairs
            .iter()
            .find(|(k, _)| k == "csrf_token")
            .map(|(_, v)| v.as_str())
            .unwrap_or("");
        if !csrf_valid_token(state, req.cookie(), token) {
            return Err(AppError::Forbidden(Msg::new("error-csrf")).into());
        }
        let form = serde_urlencoded::from_bytes(&bytes)
            .map_err(|_| AppError::BadRequest(Msg::new("error-bad-request")))?;
        Ok(CsrfForm(form))
    }
}

/// A submitted form that may carry files (`multipart/form-data`) or not
/// (`application/x-www-form-urlencoded`), with its CSRF token verified. Field values keep their
/// order and repetitions (multiple choice); files keep their names for the person's eyes only.
#[derive(Debug, Default)]
pub struct CsrfData {
    pub fields: Vec<(String, String)>,
    /// (field name, file name, bytes) for every non-empty file.
    pub files: Vec<(String, String, Vec<u8>)>,
}

impl CsrfData {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Every value of a field.
    pub fn all(&self, name: &str) -> Vec<String> {
        self.fields
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    }
}

impl<'a> FromRequest<'a> for CsrfData {
    async fn from_request(req: &'a Request, body: &mut RequestBody) -> poem::Result<Self> {
        let state = req
            .data::<AppState>()
            .expect("AppState is attached to the app");
        let bad = || AppError::BadRequest(Msg::new("error-bad-request"));
        let multipart = req
            .content_type()
            .is_some_and(|c| c.starts_with("multipart/form-data"));
        let mut data = CsrfData::default();
        if multipart {
            let mut form = poem::web::Multipart::from_request(req, body).await?;
            while let Some(field) = form.next_field().await.map_err(|_| bad())? {
                let name = field.name().unwrap_or_default().to_string();
                match field.file_name().map(str::to_string) {
                    Some(filename) => {
                        let bytes = field.bytes().await.map_err(|_| bad())?;
                        if !bytes.is_empty() {
                            data.files.push((name, filename, bytes));
                        }
                    }
                    None => {
                        let text = field.text().await.map_err(|_| bad())?;
                        data.fields.push((name, text));
                    }
                }
            }
        } else {
            let bytes = body.take()?.into_bytes().await?;
            data.fields = serde_urlencoded::from_bytes(&bytes).map_err(|_| bad())?;
        }
        if !csrf_valid_token(state, req.cookie(), data.get("csrf_token").unwrap_or("")) {
            return Err(AppError::Forbidden(Msg::new("error-csrf")).into());
        }
        Ok(data)
    }
}

#[cfg(test)]
mod tests {
    use super::ClientIp;

    #[test]
    fn forwarded_addresses_count_only_from_a_trusted_proxy() {
        let proxy: std::net::IpAddr = "10.0.0.1".parse().unwrap();
        let ip = |peer: &str, xff: &[&str], trusted: &[std::net::IpAddr]| {
            ClientIp::resolve(Some(peer.parse().unwrap()), xff.iter().copied(), trusted).0
        };
        assert_eq!(ip("10.0.0.1", &["203.0.113.7"], &[proxy]), "203.0.113.7");
        // The client may prepend anything; the entry the proxy appended counts.
        assert_eq!(
            ip("10.0.0.1", &["1.2.3.4, 203.0.113.7"], &[proxy]),
            "203.0.113.7"
        );
        assert_eq!(
            ip("10.0.0.1", &["1.2.3.4", "10.0.0.1"], &[proxy]),
            "1.2.3.4"
        );
        assert_eq!(ip("10.0.0.1", &[], &[proxy]), "10.0.0.1");
        // From anybody else, or with no trusted proxy configured, the header is ignored.
        assert_eq!(ip("198.51.100.9", &["1.2.3.4"], &[proxy]), "198.51.100.9");
        assert_eq!(ip("10.0.0.1", &["1.2.3.4"], &[]), "10.0.0.1");
        assert_eq!(
            ClientIp::resolve(None, [].into_iter(), &[proxy]).0,
            "unknown"
        );
    }

    #[test]
    fn hex_decoding_rejects_odd_and_non_hex_input() {
        assert_eq!(super::decode_hex("0aff"), Some(vec![0x0a, 0xff]));
        assert_eq!(super::decode_hex("0af"), None);
        assert_eq!(super::decode_hex("zz"), None);
    }
}
