//! The one error type of the application. Services return it; the HTML side renders it as a
//! localized page (`http::page`), the JSON API converts it into problem JSON (`http::api`).
//!
//! Client-caused variants carry a message id (Fluent) that is safe to show. Server-side variants
//! are logged with a reference id and shown only as "something went wrong (reference …)".

use poem::http::StatusCode;
use std::borrow::Cow;

/// A user-facing message: a Fluent message id plus arguments, translated by the adapter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Msg {
    pub id: &'static str,
    pub args: Vec<(&'static str, String)>,
}

impl Msg {
    pub fn new(id: &'static str) -> Self {
        Msg {
            id,
            args: Vec::new(),
        }
    }

    pub fn arg(mut self, name: &'static str, value: impl ToString) -> Self {
        self.args.push((name, value.to_string()));
        self
    }

    /// The message in `lang`.
    pub fn text(&self, lang: convene_frontend::Lang) -> String {
        let args: Vec<(&str, String)> = self.args.iter().map(|(k, v)| (*k, v.clone())).collect();
        lang.tr().msg_args(self.id, &args)
    }
}

/// Problems with the fields of one form or request body, in field order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldErrors(pub Vec<(Cow<'static, str>, Msg)>);

impl FieldErrors {
    /// Errors with one field.
    pub fn one(field: &'static str, msg: Msg) -> Self {
        FieldErrors(vec![(Cow::Borrowed(field), msg)])
    }

    pub fn add(&mut self, field: &'static str, id: &'static str) {
        self.0.push((Cow::Borrowed(field), Msg::new(id)));
    }

    /// An error for a field whose name is made at run time (e.g. `q12` for a custom question).
    pub fn add_msg(&mut self, field: impl Into<Cow<'static, str>>, msg: Msg) {
        self.0.push((field.into(), msg));
    }

    /// Records the error of a parse result and keeps the value, if any.
    pub fn check<T>(&mut self, field: &'static str, result: Result<T, Msg>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(msg) => {
                self.0.push((Cow::Borrowed(field), msg));
                None
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The first error, if every one says that its value is taken by something stored (a slug
    /// or name in use: a message id ending in `-taken` or `-exists`). Such input is well formed
    /// but conflicts with the current state: the API answers it with 409 instead of 422.
    pub fn taken(&self) -> Option<&Msg> {
        let taken = |m: &Msg| m.id.ends_with("-taken") || m.id.ends_with("-exists");
        self.0
            .iter()
            .all(|(_, m)| taken(m))
            .then(|| self.0.first().map(|(_, m)| m))
            .flatten()
    }

    /// `Ok(())` when there are no errors, else `AppError::Invalid`.
    pub fn into_result(self) -> Result<(), AppError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(AppError::Invalid(self))
        }
    }

    /// For the pages: the translated errors.
    pub fn view(&self, lang: convene_frontend::Lang) -> convene_frontend::Errors {
        convene_frontend::Errors {
            items: self
                .0
                .iter()
                .map(|(field, msg)| convene_frontend::layout::FieldError {
                    field: field.to_string(),
                    message: msg.text(lang),
                    label: String::new(),
                })
                .collect(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// 400: the request cannot be understood (malformed form or body).
    #[error("bad request: {0:?}")]
    BadRequest(Msg),
    /// 401: no valid session or API token. Pages redirect to `/signin?next=…`.
    #[error("authentication required")]
    Unauthenticated,
    /// 401: an `Authorization: Bearer` token that is unknown, expired or revoked.
    #[error("invalid API token")]
    InvalidToken,
    /// 403: signed in, but not allowed; also a failed CSRF check.
    #[error("forbidden: {0:?}")]
    Forbidden(Msg),
    /// 404: names the kind of thing, never whether a hidden one exists.
    #[error("not found: {0:?}")]
    NotFound(Msg),
    /// 405: a known address, but not with this method (the API answers with `Allow`).
    #[error("method not allowed: {0:?}")]
    MethodNotAllowed(Msg),
    /// 409: valid request, but the current state forbids it.
    #[error("conflict: {0:?}")]
    Conflict(Msg),
    /// 422: field errors, shown next to the inputs or as `fields` in JSON.
    #[error("invalid input: {0:?}")]
    Invalid(FieldErrors),
    /// 429: rate limit reached (sign-in, sign-up, reset).
    #[error("too many requests: {0:?}")]
    TooManyRequests(Msg),
    /// 413: the request body is larger than its endpoint takes (`crate::http::body`).
    #[error("payload too large: {0:?}")]
    TooLarge(Msg),
    /// 415: the request body comes in a media type the endpoint does not read.
    #[error("unsupported media type: {0:?}")]
    UnsupportedMediaType(Msg),
    /// 414: the address is longer than the server reads (`crate::http::api::router_errors`).
    #[error("URI too long: {0:?}")]
    UriTooLong(Msg),
    /// 503: the server is at capacity for this kind of work (e.g. password hashing); try again
    /// after the given number of seconds (`Retry-After`).
    #[error("unavailable: {0:?}")]
    Unavailable(Msg, u64),
    /// 500: `?` on any sqlx call lands here.
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    /// 500: a template failed to render.
    #[error("template error: {0}")]
    Render(#[from] askama::Error),
    /// 500: anything else unexpected, with context.
    #[error("internal error: {0:#}")]
    Internal(#[from] anyhow::Error),
}

impl AppError {
    pub fn not_found(id: &'static str) -> Self {
        AppError::NotFound(Msg::new(id))
    }

    /// 405 for `method`, naming the methods the address takes (`allow`, as in the `Allow`
    /// header, which the answer carries: see `crate::http::methods::allowed`).
    pub fn method_not_allowed(method: &impl std::fmt::Display, allow: &str) -> Self {
        AppError::MethodNotAllowed(
            Msg::new("error-method-not-allowed")
                .arg("method", method)
                .arg("allow", allow),
        )
    }

    pub fn forbidden() -> Self {
        AppError::Forbidden(Msg::new("error-forbidden"))
    }

    /// A single field error.
    pub fn field(field: &'static str, id: &'static str) -> Self {
        AppError::Invalid(FieldErrors::one(field, Msg::new(id)))
    }

    pub fn status(&self) -> StatusCode {
        match self {
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Unauthenticated | AppError::InvalidToken => StatusCode::UNAUTHORIZED,
            AppError::Forbidden(_) => StatusCode::FORBIDDEN,
            AppError::NotFound(_) => StatusCode::NOT_FOUND,
            AppError::MethodNotAllowed(_) => StatusCode::METHOD_NOT_ALLOWED,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            AppError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            AppError::UriTooLong(_) => StatusCode::URI_TOO_LONG,
            AppError::Unavailable(..) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Database(_) | AppError::Render(_) | AppError::Internal(_) => {
                StatusCode::INTERNAL_SERVER_ERROR
            }
        }
    }

    /// The stable machine-readable code: the message id, or a fixed code per kind.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::BadRequest(m)
            | AppError::Forbidden(m)
            | AppError::NotFound(m)
            | AppError::MethodNotAllowed(m)
            | AppError::Conflict(m)
            | AppError::TooManyRequests(m)
            | AppError::TooLarge(m)
            | AppError::UnsupportedMediaType(m)
            | AppError::UriTooLong(m)
            | AppError::Unavailable(m, _) => m.id,
            AppError::Unauthenticated => "error-unauthenticated",
            AppError::InvalidToken => "error-invalid-token",
            AppError::Invalid(_) => "error-invalid",
            AppError::Database(_) | AppError::Render(_) | AppError::Internal(_) => "error-internal",
        }
    }

    /// The main message, for people.
    pub fn message(&self) -> Msg {
        match self {
            AppError::BadRequest(m)
            | AppError::Forbidden(m)
            | AppError::NotFound(m)
            | AppError::MethodNotAllowed(m)
            | AppError::Conflict(m)
            | AppError::TooManyRequests(m)
            | AppError::TooLarge(m)
            | AppError::UnsupportedMediaType(m)
            | AppError::UriTooLong(m)
            | AppError::Unavailable(m, _) => m.clone(),
            AppError::Unauthenticated => Msg::new("error-unauthenticated"),
            AppError::InvalidToken => Msg::new("error-invalid-token"),
            AppError::Invalid(_) => Msg::new("error-invalid"),
            AppError::Database(_) | AppError::Render(_) | AppError::Internal(_) => {
                Msg::new("error-internal")
            }
        }
    }

    /// The page title for this kind of error.
    pub fn title_id(&self) -> &'static str {
        match self {
            AppError::BadRequest(_) => "error-bad-request-title",
            AppError::Unauthenticated | AppError::InvalidToken => "error-unauthenticated-title",
            AppError::Forbidden(_) => "error-forbidden-title",
            AppError::NotFound(_) => "error-not-found-title",
            AppError::MethodNotAllowed(_) => "error-method-not-allowed-title",
            AppError::Conflict(_) => "error-conflict-title",
            AppError::Invalid(_) => "error-invalid-title",
            AppError::TooManyRequests(_) => "error-too-many-title",
            AppError::TooLarge(_) => "error-payload-too-large-title",
            AppError::UnsupportedMediaType(_) => "error-unsupported-media-type-title",
            AppError::UriTooLong(_) => "error-uri-too-long-title",
            AppError::Unavailable(..) => "error-busy-title",
            AppError::Database(_) | AppError::Render(_) | AppError::Internal(_) => {
                "error-internal-title"
            }
        }
    }

    /// Whether this is our fault (logged with a reference). A 503 for a full queue is the
    /// server protecting itself, not a failure.
    pub fn is_server_error(&self) -> bool {
        self.status().is_server_error() && !matches!(self, AppError::Unavailable(..))
    }

    /// Seconds a client should wait before trying again (`Retry-After`), when that is known.
    pub fn retry_after(&self) -> Option<u64> {
        match self {
            AppError::Unavailable(_, secs) => Some(*secs),
            _ => None,
        }
    }
}

impl poem::error::ResponseError for AppError {
    fn status(&self) -> StatusCode {
        AppError::status(self)
    }
}

/// Maps the unique-constraint violation of one statement to a domain error.
pub trait DbResultExt<T> {
    /// Turn a unique-constraint violation of *this statement* into `f()`. Use it only on
    /// statements with a single unique constraint that can fail: SQLite does not report which one
    /// fired.
    fn on_unique_violation(self, f: impl FnOnce() -> AppError) -> Result<T, AppError>;
}

impl<T> DbResultExt<T> for Result<T, sqlx::Error> {
    fn on_unique_violation(self, f: impl FnOnce() -> AppError) -> Result<T, AppError> {
        match self {
            Err(sqlx::Error::Database(e))
                if e.kind() == sqlx::error::ErrorKind::UniqueViolation =>
            {
                Err(f())
            }
            other => other.map_err(AppError::from),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_errors_are_taken_only_when_every_one_says_so() {
        let mut errors = FieldErrors::one("slug", Msg::new("valid-slug-taken"));
        assert_eq!(errors.taken().map(|m| m.id), Some("valid-slug-taken"));
        errors.add("name", "valid-ticket-type-exists");
        assert_eq!(errors.taken().map(|m| m.id), Some("valid-slug-taken"));
        errors.add("title_de", "valid-title-required");
        assert_eq!(errors.taken(), None);
        assert_eq!(FieldErrors::default().taken(), None);
    }

    #[test]
    fn every_variant_has_its_status() {
        let cases = [
            (AppError::BadRequest(Msg::new("x")), 400),
            (AppError::Unauthenticated, 401),
            (AppError::forbidden(), 403),
            (AppError::not_found("x"), 404),
            (AppError::Conflict(Msg::new("x")), 409),
            (AppError::field("email", "valid-email-invalid"), 422),
            (AppError::TooManyRequests(Msg::new("x")), 429),
            (AppError::TooLarge(Msg::new("x")), 413),
            (AppError::UnsupportedMediaType(Msg::new("x")), 415),
            (AppError::Unavailable(Msg::new("x"), 5), 503),
            (AppError::Internal(anyhow::anyhow!("boom")), 500),
            (AppError::Database(sqlx::Error::RowNotFound), 500),
        ];
        for (err, status) in cases {
            assert_eq!(err.status().as_u16(), status, "{err:?}");
        }
    }

    #[test]
    fn server_errors_never_expose_their_cause_as_message() {
        let err = AppError::Internal(anyhow::anyhow!("password=hunter2"));
        assert_eq!(err.message(), Msg::new("error-internal"));
        assert_eq!(err.code(), "error-internal");
    }
}

#[cfg(test)]
mod catalogue_tests {
    use convene_frontend::Lang;

    /// Message-id prefixes of the catalogue; string literals in the backend that start with one
    /// of them and look like an id are message ids.
    const PREFIXES: &[&str] = &[
        "admin-",
        "agenda-",
        "auth-",
        "bookmark-",
        "calendar-",
        "check-mail-",
        "error-",
        "event-",
        "events-",
        "flash-",
        "form-",
        "home-",
        "import-",
        "layout-",
        "mail-",
        "mine-",
        "org-kind-",
        "orga-",
        "person-role-",
        "profile-",
        "reset-",
        "role-",
        "room-",
        "scope-",
        "session-",
        "signin-",
        "signup-",
        "tokens-",
        "track-",
        "valid-",
        "webhook-",
    ];

    fn literals(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        for piece in text.split('"').skip(1).step_by(2) {
            let is_id = !piece.is_empty()
                && piece
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                && !piece.ends_with('-')
                && PREFIXES.iter().any(|p| piece.starts_with(p));
            if is_id {
                out.push(piece.to_string());
            }
        }
        out
    }

    #[test]
    fn every_message_id_the_backend_uses_exists_in_both_languages() {
        let mut missing = Vec::new();
        let mut stack = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src"
        ))];
        let mut seen = 0;
        while let Some(path) = stack.pop() {
            if path.is_dir() {
                stack.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for id in literals(&text) {
                // Route paths and SQL never match the id shape; generated ids are listed below.
                seen += 1;
                for lang in Lang::ALL {
                    if !lang.tr().has(&id) {
                        missing.push(format!("{}: {id} ({})", path.display(), lang.code()));
                    }
                }
            }
        }
        for status in ["draft", "published", "archived"] {
            for lang in Lang::ALL {
                assert!(lang.tr().has(&format!("event-status-to-{status}")));
            }
        }
        assert!(seen > 100, "the scan found too few ids: {seen}");
        missing.sort();
        missing.dedup();
        assert!(missing.is_empty(), "missing translations: {missing:#?}");
    }
}
