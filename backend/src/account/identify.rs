//! Who is asking: the middleware that resolves, for every request, the session cookie (or,
//! under `/api`, an `Authorization: Bearer` token) to an [`Actor`] and the request's language.
//! It lives with the accounts whose sessions and tokens it checks; `crate::routes` runs it in
//! front of every handler, and the extractors of `crate::http` read what it stored.

use poem::http::header;
use poem::{Endpoint, IntoResponse, Request, Response};

use super::service;
use crate::error::AppError;
use crate::http::api::problem_response;
use crate::http::auth::{MaybeActor, SESSION_COOKIE, request_lang};
use crate::state::AppState;

/// Resolves the actor and the language of a request.
pub async fn identify<E: Endpoint>(ep: E, mut req: Request) -> poem::Result<Response> {
    let state = req
        .data::<AppState>()
        .cloned()
        .expect("AppState is attached to the app");
    let is_api = req.uri().path().starts_with("/api/");
    let bearer = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .map(str::to_string);
    let actor = match (is_api, bearer) {
        (true, Some(secret)) => match service::authenticate_api_token(&state, &secret).await {
            Ok(Some(actor)) => Some(actor),
            Ok(None) => {
                let lang = request_lang(&req, None);
                return Ok(problem_response(&AppError::InvalidToken, lang));
            }
            Err(e) => return Err(e.into()),
        },
        _ => match req.cookie().get(SESSION_COOKIE) {
            Some(cookie) => service::authenticate_session(&state, cookie.value_str()).await?,
            None => None,
        },
    };
    let lang = request_lang(&req, actor.as_ref());
    req.extensions_mut().insert(lang);
    req.extensions_mut().insert(MaybeActor(actor));
    ep.call(req).await.map(IntoResponse::into_response)
}
