//! Who is asking: the middleware that resolves, for every request, the session cookie (or,
//! under `/api`, an `Authorization: Bearer` token) to an [`Actor`] and the request's language.
//! It lives with the accounts whose sessions and tokens it checks; `crate::routes` runs it in
//! front of every handler, and the extractors of `crate::http` read what it stored.

use poem::http::{Method, header};
use poem::{Endpoint, IntoResponse, Request, Response};

use super::model::TokenAccess;
use super::service;
use crate::error::{AppError, Msg};
use crate::http::api::problem_response;
use crate::http::auth::{MaybeActor, SESSION_COOKIE, request_lang, shows_own_origin, token_lang};
use crate::state::AppState;

/// Resolves the actor and the language of a request.
///
/// API requests are also checked here, once for every operation:
/// - a read-only token may only read: any other method gets 403;
/// - a `POST` authenticated by the session cookie must show it was made by our own script, not
///   by a form or `fetch` of another site: browsers send `POST` with no body, `text/plain`,
///   form or multipart content cross-site without asking (no CORS preflight), so such a request
///   needs a JSON body or an `X-Requested-With` header, which a foreign page cannot send
///   without a preflight we never allow (`PUT`, `PATCH` and `DELETE` always need one).
///   Requests with a Bearer token carry no ambient credential and are not affected;
/// - answers to a signed-in caller (pages and API) are personal: `Cache-Control: private,
///   no-store` unless the handler set its own (static files, calendar feeds).
pub async fn identify<E: Endpoint>(ep: E, mut req: Request) -> poem::Result<Response> {
    let state = req
        .data::<AppState>()
        .cloned()
        .expect("AppState is attached to the app");
    let is_api = req.uri().path().starts_with("/api/");
    let writes = !req.method().is_safe();
    // Of the writing methods only POST may be sent cross-site without a CORS preflight.
    let posts = req.method() == Method::POST;
    let bearer = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .map(str::to_string);
    let mut by_token = false;
    let actor = match (is_api, bearer) {
        (true, Some(secret)) => match service::authenticate_api_token(&state, &secret).await {
            Ok(Some((_, TokenAccess::Read))) if writes => {
                let lang = request_lang(&req, None);
                let err = AppError::Forbidden(Msg::new("error-token-read-only"));
                return Ok(problem_response(&err, lang));
            }
            Ok(Some((actor, _))) => {
                by_token = true;
                Some(actor)
            }
            Ok(None) => {
                let lang = request_lang(&req, None);
                return Ok(problem_response(&AppError::InvalidToken, lang));
            }
            Err(e) => return Err(e.into()),
        },
        _ => {
            let actor = match req.cookie().get(SESSION_COOKIE) {
                Some(cookie) => service::authenticate_session(&state, cookie.value_str()).await?,
                None => None,
            };
            if is_api && posts && actor.is_some() && !shows_own_origin(&req) {
                let lang = request_lang(&req, actor.as_ref());
                let err = AppError::Forbidden(Msg::new("error-csrf-api"));
                return Ok(problem_response(&err, lang));
            }
            actor
        }
    };
    let personal = actor.is_some();
    let lang = match &actor {
        Some(a) if by_token => token_lang(&req, a),
        _ => request_lang(&req, actor.as_ref()),
    };
    // Everything this request shows its caller is in the request's language (the switcher's
    // choice, or what an API client asked for), not only the page's own texts: services that
    // render answers, titles or messages for the actor read `actor.language`.
    let actor = actor.map(|mut a| {
        a.language = lang;
        a
    });
    req.extensions_mut().insert(lang);
    req.extensions_mut().insert(MaybeActor(actor));
    let mut resp = ep.call(req).await.map(IntoResponse::into_response)?;
    if personal && !resp.headers().contains_key(header::CACHE_CONTROL) {
        resp.headers_mut().insert(
            header::CACHE_CONTROL,
            header::HeaderValue::from_static("private, no-store"),
        );
    }
    Ok(resp)
}
