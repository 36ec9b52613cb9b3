//! Renders kept in memory and keyed by what they depend on: the public agenda page and the
//! calendar feeds are rendered once per version of the event's content, language and address,
//! then served from memory until the content changes.
//!
//! The version is the event's `content_version`, raised by database triggers in the transaction
//! of every change of what these views show (`migrations/*/0023_content_version.sql`). A request
//! reads it with the event row it needs anyway to check that the viewer may see the event, so a
//! cached render is never stale, also when several app servers share one PostgreSQL database:
//! a change made through one server gives every server a new key at once. Old versions are never
//! asked for again and leave the cache as it fills.
//!
//! Only views that are the same for everyone who may see them are cached: pages for visitors who
//! are not signed in (a signed-in page carries the person's name, bookmarks and form tokens) and
//! the event's feeds. Concurrent misses of one key render once; the others wait for that render.

use std::sync::Arc;

use bytes::Bytes;
use chrono::{DateTime, Utc};
use convene_frontend::Lang;
use poem::Response;
use poem::http::header;
use sha2::{Digest, Sha256};

use crate::error::AppError;

/// The most bytes of renders kept: the 2,000-session agenda page is 600 KB and its feed 1 MB, so
/// a few large agendas in both languages fit, and memory stays bounded whatever is asked for.
pub const CAPACITY_BYTES: u64 = 24 * 1024 * 1024;

/// What a cached render is of.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    /// The view, as the file it would be: "agenda.html", "agenda.ics" …
    view: &'static str,
    id: i64,
    version: i64,
    lang: Lang,
    /// The rest of what the view depends on: the address with its query (filters, the language
    /// switcher's `next`), a session id.
    variant: String,
}

impl Key {
    /// `id` and `version`: the record the view shows (an event) and its content version.
    pub fn new(
        view: &'static str,
        id: i64,
        version: i64,
        lang: Lang,
        variant: impl Into<String>,
    ) -> Key {
        Key {
            view,
            id,
            version,
            lang,
            variant: variant.into(),
        }
    }
}

/// One render: the body and its strong entity tag (a digest of the body), with the time and
/// file name feeds send along.
#[derive(Clone, Debug)]
pub struct Rendered {
    pub body: Bytes,
    pub tag: String,
    pub modified: Option<DateTime<Utc>>,
    pub filename: String,
}

impl Rendered {
    pub fn new(body: impl Into<Bytes>) -> Rendered {
        let body = body.into();
        let digest: String = Sha256::digest(&body)
            .iter()
            .take(16)
            .map(|b| format!("{b:02x}"))
            .collect();
        Rendered {
            body,
            tag: format!("\"{digest}\""),
            modified: None,
            filename: String::new(),
        }
    }

    /// A render whose tag the caller computed (from what the body shows, without reading it).
    pub fn tagged(body: impl Into<Bytes>, tag: String) -> Rendered {
        Rendered {
            body: body.into(),
            tag,
            modified: None,
            filename: String::new(),
        }
    }

    pub fn modified(self, at: DateTime<Utc>) -> Rendered {
        Rendered {
            modified: Some(at),
            ..self
        }
    }

    pub fn filename(self, filename: String) -> Rendered {
        Rendered { filename, ..self }
    }

    /// The page as an HTML response for visitors who are not signed in: it carries its tag, so
    /// `crate::http::encoding` answers a browser's revalidation with 304 and compresses it once.
    pub fn html(&self) -> Response {
        let mut resp = Response::builder()
            .content_type("text/html; charset=utf-8")
            .header(header::ETAG, self.tag.as_str())
            .body(self.body.clone());
        resp.extensions_mut().insert(SharedRender);
        resp
    }
}

/// Marks a response whose body is a shared render named by its `ETag` (the encoding middleware
/// keeps its compressed forms).
#[derive(Clone, Copy, Debug)]
pub struct SharedRender;

#[derive(Clone)]
struct ByBytes;

impl quick_cache::Weighter<Key, Rendered> for ByBytes {
    fn weight(&self, key: &Key, val: &Rendered) -> u64 {
        (val.body.len() + key.variant.len() + val.tag.len() + val.filename.len() + 64) as u64
    }
}

/// The cache (one per app server, in `AppState`).
#[derive(Clone)]
pub struct RenderCache(Arc<quick_cache::sync::Cache<Key, Rendered, ByBytes>>);

impl Default for RenderCache {
    fn default() -> Self {
        RenderCache::with_capacity(CAPACITY_BYTES)
    }
}

impl RenderCache {
    pub fn with_capacity(bytes: u64) -> RenderCache {
        RenderCache(Arc::new(quick_cache::sync::Cache::with_weighter(
            256, bytes, ByBytes,
        )))
    }

    /// The render for `key`: from memory, or made by `render` (once, however many requests ask
    /// for it meanwhile). A failed render is not kept.
    pub async fn get_or_render(
        &self,
        key: Key,
        render: impl Future<Output = Result<Rendered, AppError>>,
    ) -> Result<Rendered, AppError> {
        self.0.get_or_insert_async(&key, render).await
    }

    /// How many renders are kept (for tests).
    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(view: &'static str, version: i64, lang: Lang, variant: &str) -> Key {
        Key::new(view, 1, version, lang, variant)
    }

    #[tokio::test]
    async fn a_new_content_version_renders_again_and_concurrent_misses_render_once() {
        let cache = RenderCache::default();
        let renders = std::sync::atomic::AtomicUsize::new(0);
        let render = |text: &'static str| {
            let renders = &renders;
            async move {
                renders.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                tokio::task::yield_now().await;
                Ok::<_, AppError>(Rendered::new(text))
            }
        };
        let first = key("agenda.html", 1, Lang::De, "/events/x/agenda");
        let (a, b) = tokio::join!(
            cache.get_or_render(first.clone(), render("one")),
            cache.get_or_render(first.clone(), render("one")),
        );
        assert_eq!(a.unwrap().body, b.unwrap().body);
        assert_eq!(renders.load(std::sync::atomic::Ordering::SeqCst), 1);
        let again = cache.get_or_render(first, render("stale")).await.unwrap();
        assert_eq!(&again.body[..], b"one");
        let changed = key("agenda.html", 2, Lang::De, "/events/x/agenda");
        let fresh = cache.get_or_render(changed, render("two")).await.unwrap();
        assert_eq!(&fresh.body[..], b"two");
        let english = key("agenda.html", 2, Lang::En, "/events/x/agenda");
        let en = cache.get_or_render(english, render("zwei")).await.unwrap();
        assert_eq!(&en.body[..], b"zwei");
        assert_ne!(fresh.tag, en.tag);
    }

    #[tokio::test]
    async fn the_cache_keeps_no_more_than_its_capacity() {
        let cache = RenderCache::with_capacity(64 * 1024);
        for version in 0..100 {
            let key = key("agenda.ics", version, Lang::De, "");
            let body = vec![b'x'; 8 * 1024];
            cache
                .get_or_render(key, async { Ok(Rendered::new(body)) })
                .await
                .unwrap();
        }
        assert!(cache.len() <= 8, "{} renders kept", cache.len());
    }
}
