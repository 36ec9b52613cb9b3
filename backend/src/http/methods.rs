//! The methods of a page address: poem's `get` and `post`, and for any other method the answer
//! HTTP asks for, 405 with `Allow` naming the ones the address takes (HEAD wherever GET is),
//! rendered as a page by `super::page::html_errors`. The API's operations get the same from
//! their OpenAPI document (`super::api::Methods`).

use poem::http::StatusCode;
use poem::{Endpoint, IntoEndpoint, Request, Response, RouteMethod};

use crate::error::AppError;

/// The handlers of one page address, by method.
#[derive(Default)]
pub struct PageMethods {
    route: RouteMethod,
    allow: Vec<&'static str>,
}

/// An address answering `GET` (and `HEAD`) with `ep`.
pub fn get<E>(ep: E) -> PageMethods
where
    E: IntoEndpoint,
    E::Endpoint: 'static,
{
    PageMethods::default().get(ep)
}

/// An address answering `POST` with `ep`.
pub fn post<E>(ep: E) -> PageMethods
where
    E: IntoEndpoint,
    E::Endpoint: 'static,
{
    PageMethods::default().post(ep)
}

impl PageMethods {
    #[must_use]
    pub fn get<E>(mut self, ep: E) -> Self
    where
        E: IntoEndpoint,
        E::Endpoint: 'static,
    {
        self.route = self.route.get(ep);
        self.allow.extend(["GET", "HEAD"]);
        self
    }

    #[must_use]
    pub fn post<E>(mut self, ep: E) -> Self
    where
        E: IntoEndpoint,
        E::Endpoint: 'static,
    {
        self.route = self.route.post(ep);
        self.allow.push("POST");
        self
    }

    /// The `Allow` header's value.
    fn allow(&self) -> String {
        let mut allow = self.allow.clone();
        allow.sort_unstable();
        allow.join(", ")
    }
}

impl Endpoint for PageMethods {
    type Output = Response;

    async fn call(&self, req: Request) -> poem::Result<Response> {
        let method = req.method().clone();
        match self.route.call(req).await {
            Err(err) if err.status() == StatusCode::METHOD_NOT_ALLOWED => {
                Err(AppError::method_not_allowed(&method, &self.allow()).into())
            }
            other => other,
        }
    }
}

/// The methods a 405 names (its message's `allow`), for the `Allow` header.
pub fn allowed(err: &AppError) -> Option<&str> {
    match err {
        AppError::MethodNotAllowed(msg) => msg
            .args
            .iter()
            .find(|(name, _)| *name == "allow")
            .map(|(_, v)| v.as_str()),
        _ => None,
    }
}
