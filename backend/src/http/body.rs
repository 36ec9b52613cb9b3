//! Request body limits: every body is read up to a limit before a handler sees it, so an
//! oversized request is refused with 413 however it is sent (also without a `Content-Length`,
//! or with a false one). How much each path may carry is the composition root's choice
//! (`crate::routes`); this file only enforces it.
//!
//! The refusal is an [`AppError::TooLarge`], so it is rendered by the side the request is on:
//! problem JSON on the API, a page in the visitor's language on the HTML side. That is why this
//! runs inside each side's error rendering (and after `identify`), not around the whole app.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use poem::{Endpoint, Request, Response};

use crate::error::{AppError, Msg};

/// How much a request to one path may carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    /// The largest body, in bytes.
    pub bytes: usize,
    /// Whether the body may carry files. It is then streamed to the handler (and cut off at
    /// `bytes`) instead of being read into memory first, so a file is held in memory once.
    pub streamed: bool,
}

/// How large request bodies may be: the limit of each path (the full path, also under a
/// `nest`).
#[derive(Debug, Clone, Copy)]
pub struct BodyLimits {
    pub limit_of: fn(&str) -> Limit,
}

/// The refusal of an over-limit body (413).
fn too_large() -> poem::Error {
    AppError::TooLarge(Msg::new("error-payload-too-large")).into()
}

impl BodyLimits {
    /// Reads request bodies up to their limit; a larger one is refused with 413 before any
    /// handler sees it (also when it comes without a `Content-Length`). A streamed body that
    /// turns out too large while the handler reads it is refused with 413 too, whatever the
    /// handler made of the cut-off body.
    pub async fn apply<E: Endpoint>(self, ep: E, mut req: Request) -> poem::Result<Response> {
        use poem::IntoResponse;
        let limit = (self.limit_of)(req.original_uri().path());
        let declared = req
            .headers()
            .get(poem::http::header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<usize>().ok());
        if declared.is_some_and(|n| n > limit.bytes) {
            return Err(too_large());
        }
        let body = req.take_body();
        if limit.streamed {
            let exceeded = Arc::new(AtomicBool::new(false));
            req.set_body(poem::Body::from_async_read(Limited {
                inner: body.into_async_read(),
                left: limit.bytes,
                exceeded: Arc::clone(&exceeded),
            }));
            let result = ep.call(req).await.map(IntoResponse::into_response);
            if exceeded.load(Ordering::SeqCst) {
                return Err(too_large());
            }
            return result;
        }
        match body.into_bytes_limit(limit.bytes).await {
            Ok(bytes) => {
                req.set_body(bytes);
                ep.call(req).await.map(IntoResponse::into_response)
            }
            Err(poem::error::ReadBodyError::PayloadTooLarge) => Err(too_large()),
            Err(e) => Err(e.into()),
        }
    }
}

/// A body reader that fails once more than `left` bytes have come (bodies without a
/// `Content-Length`, or with a false one), and says so in `exceeded`.
struct Limited<R> {
    inner: R,
    left: usize,
    exceeded: Arc<AtomicBool>,
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
                self.exceeded.store(true, Ordering::SeqCst);
                return std::task::Poll::Ready(Err(std::io::Error::other(
                    "request body too large",
                )));
            }
            self.left -= n;
        }
        poll
    }
}
