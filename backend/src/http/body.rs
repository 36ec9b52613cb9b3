//! Request body limits: every body is read up to a limit before a handler sees it, so an
//! oversized request is refused with 413 however it is sent (also without a `Content-Length`,
//! or with a false one). Which paths may carry files, and how much, is the composition root's
//! choice (`crate::routes`); this file only enforces it.

use poem::{Endpoint, Request, Response};

/// How large request bodies may be.
#[derive(Debug, Clone, Copy)]
pub struct BodyLimits {
    /// Forms and JSON bodies.
    pub default: usize,
    /// Requests that may carry files (the paths `is_upload` names).
    pub upload: usize,
    /// Whether requests to a path may carry files. Their bodies are streamed to the handler
    /// (and cut off at `upload`) instead of being read into memory first, so a file is held in
    /// memory once.
    pub is_upload: fn(&str) -> bool,
}

impl BodyLimits {
    /// The largest body a request to `path` may have.
    fn limit(&self, path: &str) -> usize {
        if (self.is_upload)(path) {
            self.upload
        } else {
            self.default
        }
    }

    /// Reads request bodies up to their limit; a larger one is refused with 413 before any
    /// handler sees it (also when it comes without a `Content-Length`).
    pub async fn apply<E: Endpoint>(self, ep: E, mut req: Request) -> poem::Result<Response> {
        use poem::IntoResponse;
        let declared = req
            .headers()
            .get(poem::http::header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<usize>().ok());
        let limit = self.limit(req.uri().path());
        if declared.is_some_and(|n| n > limit) {
            return Ok(too_large());
        }
        let body = req.take_body();
        if (self.is_upload)(req.uri().path()) {
            req.set_body(poem::Body::from_async_read(Limited {
                inner: body.into_async_read(),
                left: limit,
            }));
            return ep.call(req).await.map(IntoResponse::into_response);
        }
        match body.into_bytes_limit(limit).await {
            Ok(bytes) => {
                req.set_body(bytes);
                ep.call(req).await.map(IntoResponse::into_response)
            }
            Err(poem::error::ReadBodyError::PayloadTooLarge) => Ok(too_large()),
            Err(e) => Err(e.into()),
        }
    }
}

fn too_large() -> Response {
    Response::builder()
        .status(poem::http::StatusCode::PAYLOAD_TOO_LARGE)
        .content_type("text/plain; charset=utf-8")
        .body("413 – Die Anfrage ist zu groß. / The request is too large.")
}

/// A body reader that fails once more than `left` bytes have come (bodies without a
/// `Content-Length`, or with a false one).
struct Limited<R> {
    inner: R,
    left: usize,
}

impl<R: tokio::io::AsyncRead + Unpin> tokio::io::AsyncRead for Limited<R> {
    fn poll_read(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        buf: &mut tokio::io::ReadBuf<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        let before = buf.filled().len();
        let poll = std::pin::Pin::new(&mut self.inner).poll_read(cx, buf);
        if let std::task::Poll::Ready(Ok(())) = &poll {
            let n = buf.filled().len() - before;
            if n > self.left {
                return std::task::Poll::Ready(Err(std::io::Error::other(
                    "request body too large",
                )));
            }
            self.left -= n;
        }
        poll
    }
}
