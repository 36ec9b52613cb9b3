//! Request bodies: each path reads at most what it needs and refuses more with 413, however the
//! body comes (with a `Content-Length`, or chunked without one), as problem JSON on the API and
//! as a page on the HTML side; answers to questions that do not exist are refused with 422.

use convene::registration::service::{self as registration, SettingsInput};
use convene_tests::TestApp;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Sends `bytes` bytes of `content_type` to `path` as a chunked body (no `Content-Length`) over
/// a plain connection; returns the status and the whole answer. The server may answer and stop
/// reading before the body is complete, so failed writes are ignored.
async fn chunked(app: &TestApp, path: &str, content_type: &str, bytes: usize) -> (u16, String) {
    let addr = app.base_url.trim_start_matches("http://").to_string();
    let mut conn = tokio::net::TcpStream::connect(&addr).await.unwrap();
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: {content_type}\r\n\
         Accept-Language: de\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    );
    conn.write_all(head.as_bytes()).await.unwrap();
    let chunk = vec![b'a'; 64 * 1024];
    let mut sent = 0;
    while sent < bytes {
        let frame = [
            format!("{:x}\r\n", chunk.len()).into_bytes(),
            chunk.clone(),
            b"\r\n".to_vec(),
        ]
        .concat();
        if conn.write_all(&frame).await.is_err() {
            break;
        }
        sent += chunk.len();
    }
    let _ = conn.write_all(b"0\r\n\r\n").await;
    let mut answer = Vec::new();
    let _ = conn.read_to_end(&mut answer).await;
    let answer = String::from_utf8_lossy(&answer).to_string();
    let status = answer
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status line in {answer:.200}"));
    (status, answer)
}

#[tokio::test]
async fn over_limit_bodies_are_refused_with_413_however_they_come() {
    let app = TestApp::spawn().await;
    let olaf = app.organiser_and_event("cmr-2026").await;
    let input = SettingsInput {
        capacity: Some(10),
        ..Default::default()
    };
    registration::configure(&app.state, &olaf, "cmr-2026", &input)
        .await
        .unwrap();
    app.account("ada@example.org", "Ada Lovelace", false).await;
    let ada = app.signed_in("ada@example.org", "en").await;

    // An event is a form's worth of text (256 KiB): 300 KiB are refused before anything is read
    // into a handler, with the problem JSON of the API.
    let big = serde_json::json!({"slug": "x".repeat(300 * 1024)});
    let refused = ada
        .http
        .post(app.url("/api/v1/events"))
        .json(&big)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 413);
    assert!(
        refused.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/problem+json")
    );
    let problem: serde_json::Value = refused.json().await.unwrap();
    assert_eq!(problem["status"], 413);
    assert_eq!(
        problem["detail"],
        "Die Anfrage ist zu groß. Bitte schicken Sie weniger Text oder kleinere Dateien.",
        "in the account's language"
    );

    // The same without a Content-Length: 413 too, not a 400 about a broken body.
    let (status, answer) = chunked(&app, "/api/v1/events", "application/json", 300 * 1024).await;
    assert_eq!(status, 413, "{answer:.300}");
    assert!(answer.contains("application/problem+json"), "{answer:.300}");
    // A page's form: 413 as a page in the visitor's language.
    let (status, answer) = chunked(
        &app,
        "/signup",
        "application/x-www-form-urlencoded",
        300 * 1024,
    )
    .await;
    assert_eq!(status, 413, "{answer:.300}");
    assert!(answer.contains("Die Anfrage ist zu groß."), "{answer:.600}");
    // Below the limit, the same paths are answered by their handlers.
    let (status, _) = chunked(&app, "/api/v1/events", "application/json", 64 * 1024).await;
    assert_ne!(status, 413);

    // A registration may carry one file in Base64 (10 MiB): 16 MiB are refused, nothing stored.
    let huge = serde_json::json!({"answers": {"1": "x".repeat(16 * 1024 * 1024)}});
    let refused = ada
        .http
        .post(app.url("/api/v1/events/cmr-2026/registration"))
        .json(&huge)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 413);
    assert_eq!(app.count("select count(*) from registrations").await, 0);
}

/// Answers to questions the event does not ask are refused and named, on the API and the page;
/// nothing is stored.
#[tokio::test]
async fn answers_to_unknown_questions_are_refused() {
    let app = TestApp::spawn().await;
    let olaf = app.organiser_and_event("cmr-2026").await;
    let input = SettingsInput {
        capacity: Some(10),
        ..Default::default()
    };
    registration::configure(&app.state, &olaf, "cmr-2026", &input)
        .await
        .unwrap();
    app.account("ada@example.org", "Ada Lovelace", false).await;
    let ada = app.signed_in("ada@example.org", "en").await;
    let refused = ada
        .http
        .post(app.url("/api/v1/events/cmr-2026/registration"))
        .json(&serde_json::json!({"answers": {"999999": "Hallo"}}))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 422);
    let problem: serde_json::Value = refused.json().await.unwrap();
    assert!(
        problem["fields"]["q999999"][0]
            .as_str()
            .is_some_and(|m| !m.is_empty()),
        "{problem}"
    );
    let page = ada.get("/events/cmr-2026/register").await;
    let refused = ada
        .submit_multipart(&page, "form.stack", &[("q999999", "Hallo")], &[])
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert_eq!(app.count("select count(*) from registrations").await, 0);
}
