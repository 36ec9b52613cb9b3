//! How responses travel: large text bodies compressed (Brotli or gzip, as the client accepts),
//! and pages for visitors who are not signed in answered with an `ETag`, so that a browser
//! revalidating an unchanged page gets `304 Not Modified` without the body.
//!
//! Pages for signed-in people stay `no-store` (they carry personal data and form tokens);
//! PDFs, images and archives are sent as they are (compressed already).

use poem::http::{HeaderValue, Method, StatusCode, header};
use poem::web::{Compress, CompressionAlgo, CompressionLevel};
use poem::{Endpoint, IntoResponse, Request, Response, Result};
use sha2::{Digest, Sha256};
use std::sync::LazyLock;

use bytes::Bytes;
use quick_cache::sync::Cache;

use super::render_cache::SharedRender;

/// Bodies smaller than this are sent as they are: compressing them saves less than it costs.
pub const MIN_COMPRESS_BYTES: usize = 1024;

/// The content types worth compressing.
fn compressible(content_type: &str) -> bool {
    let t = content_type.split(';').next().unwrap_or("").trim();
    t.starts_with("text/")
        || matches!(
            t,
            "application/json"
                | "application/problem+json"
                | "application/javascript"
                | "image/svg+xml"
        )
}

/// The coding to send in, from `Accept-Encoding` (q-values honoured; Brotli before gzip).
fn negotiate(accept: &str) -> Option<CompressionAlgo> {
    let mut best: Option<(u16, u8, CompressionAlgo)> = None;
    for part in accept.split(',') {
        let mut pieces = part.split(';');
        let name = pieces.next().unwrap_or("").trim().to_ascii_lowercase();
        let q = pieces
            .find_map(|p| p.trim().strip_prefix("q="))
            .and_then(|q| q.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        let q = (q.clamp(0.0, 1.0) * 1000.0) as u16;
        let (rank, algo) = match name.as_str() {
            "br" => (2, CompressionAlgo::BR),
            "gzip" | "x-gzip" => (1, CompressionAlgo::GZIP),
            _ => continue,
        };
        if q > 0 && best.is_none_or(|(bq, br, _)| (q, rank) > (bq, br)) {
            best = Some((q, rank, algo));
        }
    }
    best.map(|(_, _, algo)| algo)
}

/// Whether `If-None-Match` names `tag` (weak comparison, RFC 9110 §13.1.2).
fn matches(if_none_match: &str, tag: &str) -> bool {
    let bare = |t: &str| t.trim().trim_start_matches("W/").to_string();
    if_none_match
        .split(',')
        .any(|t| t.trim() == "*" || bare(t) == bare(tag))
}

/// The middleware (see the module documentation). `anonymous` tells whether the request comes
/// from someone not signed in.
pub async fn apply<E: Endpoint>(ep: &E, req: Request, anonymous: bool) -> Result<Response> {
    let algo = req
        .headers()
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .and_then(negotiate);
    let if_none_match = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let get = req.method() == Method::GET || req.method() == Method::HEAD;
    let resp = ep.call(req).await?.into_response();
    let content_type = resp.content_type().unwrap_or("").to_string();
    let page = content_type.starts_with("text/html");
    if resp.status() != StatusCode::OK
        || resp.headers().contains_key(header::CONTENT_ENCODING)
        || !(compressible(&content_type))
    {
        return Ok(resp);
    }
    let tag_page = get && page && anonymous;
    if !tag_page && algo.is_none() {
        return Ok(resp);
    }
    // Every body compressed or tagged here is rendered in memory already.
    let (parts, body) = resp.into_parts();
    let bytes = body.into_bytes().await?;
    let mut resp = Response::from_parts(parts, bytes.clone().into());
    if tag_page {
        // A cached render brings its tag; any other page is tagged by a digest of its body.
        let tag = match resp
            .headers()
            .get(header::ETAG)
            .and_then(|v| v.to_str().ok())
        {
            Some(tag) => tag.to_string(),
            None => {
                let digest: String = Sha256::digest(&bytes)
                    .iter()
                    .take(16)
                    .map(|b| format!("{b:02x}"))
                    .collect();
                format!("\"{digest}\"")
            }
        };
        let headers = resp.headers_mut();
        // Browsers keep and revalidate it; shared caches do not (a first visit sets cookies).
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-cache"),
        );
        if let Ok(v) = HeaderValue::from_str(&tag) {
            headers.insert(header::ETAG, v);
        }
        if if_none_match.is_some_and(|inm| matches(&inm, &tag)) {
            let mut not_modified = Response::from_parts(resp.into_parts().0, Default::default());
            not_modified.set_status(StatusCode::NOT_MODIFIED);
            not_modified.headers_mut().remove(header::CONTENT_TYPE);
            return Ok(not_modified);
        }
    }
    let Some(algo) = algo.filter(|_| bytes.len() >= MIN_COMPRESS_BYTES) else {
        return Ok(resp);
    };
    // The compressed body is another representation of the same content: its tag is weak.
    if let Some(tag) = resp
        .headers()
        .get(header::ETAG)
        .and_then(|v| v.to_str().ok())
        && !tag.starts_with("W/")
        && let Ok(v) = HeaderValue::from_str(&format!("W/{tag}"))
    {
        resp.headers_mut().insert(header::ETAG, v);
    }
    resp.headers_mut()
        .append(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    // A shared render (the same body for everyone, named by the digest in its tag) is
    // compressed once per coding and then sent from memory.
    let shared = resp.extensions().get::<SharedRender>().is_some();
    let key = resp
        .headers()
        .get(header::ETAG)
        .and_then(|v| v.to_str().ok())
        .filter(|_| shared)
        .map(|tag| (tag.trim_start_matches("W/").to_string(), coding(algo)));
    let Some(key) = key else {
        return Ok(Compress::new(resp, algo)
            .with_quality(CompressionLevel::Default)
            .into_response());
    };
    if let Some(compressed) = COMPRESSED.get(&key) {
        resp.headers_mut()
            .insert(header::CONTENT_ENCODING, HeaderValue::from_static(key.1));
        resp.headers_mut().remove(header::CONTENT_LENGTH);
        resp.set_body(compressed);
        return Ok(resp);
    }
    let (parts, body) = Compress::new(resp, algo)
        .with_quality(CompressionLevel::Default)
        .into_response()
        .into_parts();
    let compressed = body.into_bytes().await?;
    COMPRESSED.insert(key, compressed.clone());
    Ok(Response::from_parts(parts, compressed.into()))
}

/// The `Content-Encoding` name of a coding we send.
fn coding(algo: CompressionAlgo) -> &'static str {
    match algo {
        CompressionAlgo::BR => "br",
        _ => "gzip",
    }
}

/// Compressed shared renders by (entity tag, coding), bounded in bytes like the renders.
static COMPRESSED: LazyLock<Cache<(String, &'static str), Bytes, ByLength>> =
    LazyLock::new(|| Cache::with_weighter(256, COMPRESSED_CAPACITY_BYTES, ByLength));

/// The most bytes of compressed renders kept (compressed agendas are a tenth of their size).
const COMPRESSED_CAPACITY_BYTES: u64 = 8 * 1024 * 1024;

#[derive(Clone)]
struct ByLength;

impl quick_cache::Weighter<(String, &'static str), Bytes> for ByLength {
    fn weight(&self, key: &(String, &'static str), val: &Bytes) -> u64 {
        (key.0.len() + val.len() + 32) as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brotli_is_preferred_and_q_values_count() {
        assert!(matches!(
            negotiate("gzip, deflate, br"),
            Some(CompressionAlgo::BR)
        ));
        assert!(matches!(negotiate("gzip"), Some(CompressionAlgo::GZIP)));
        assert!(matches!(
            negotiate("br;q=0.5, gzip"),
            Some(CompressionAlgo::GZIP)
        ));
        assert!(negotiate("br;q=0, gzip;q=0").is_none());
        assert!(negotiate("identity").is_none());
        assert!(negotiate("").is_none());
    }

    #[test]
    fn only_text_is_compressed() {
        assert!(compressible("text/html; charset=utf-8"));
        assert!(compressible("text/calendar; charset=utf-8"));
        assert!(compressible("application/json"));
        assert!(!compressible("application/pdf"));
        assert!(!compressible("image/png"));
        assert!(!compressible("application/zip"));
    }

    #[test]
    fn tags_compare_weakly() {
        assert!(super::matches("W/\"abc\"", "\"abc\""));
        assert!(super::matches("\"x\", W/\"abc\"", "\"abc\""));
        assert!(super::matches("*", "\"abc\""));
        assert!(!super::matches("\"abd\"", "\"abc\""));
    }
}
