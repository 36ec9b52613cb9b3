//! The e-mail outbox: files without SMTP, retries when the SMTP server is away.

use convene_tests::{MailTo, TestApp};

/// Without an SMTP server, mail is written as `.eml` files into the data folder, so a demo works
/// offline.
#[tokio::test]
async fn without_smtp_mail_is_written_to_eml_files() {
    let app = TestApp::spawn_with(MailTo::Files).await;
    let client = app.client("en");
    let form = client.get("/reset").await;
    app.account("ada@example.org", "Ada Lovelace", false).await;

    client
        .submit(
            &form,
            "form[action='/reset']",
            &[("email", "ada@example.org")],
        )
        .await;

    assert_eq!(app.drain_outbox().await, 1);

    let dir = app.dir.path().join("mail");
    let file = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(Result::ok)
        .find(|e| e.path().extension().is_some_and(|x| x == "eml"))
        .map(|e| e.path())
        .expect("an .eml file");
    let raw = std::fs::read(&file).unwrap();
    let parsed = mail_parser::MessageParser::default().parse(&raw).unwrap();
    assert_eq!(parsed.subject(), Some("Neues Passwort festlegen"));
    assert!(
        parsed
            .body_text(0)
            .unwrap()
            .contains(&format!("{}/reset/", app.base_url))
    );
}

/// When the SMTP server cannot be reached, the message stays in the outbox with the error and is
/// tried again later with growing pauses; nothing is lost.
#[tokio::test]
async fn unreachable_smtp_is_retried_with_back_off() {
    let app = TestApp::spawn_with(MailTo::Unreachable).await;
    app.account("ada@example.org", "Ada Lovelace", false).await;
    let client = app.client("en");
    let form = client.get("/reset").await;

    client
        .submit(
            &form,
            "form[action='/reset']",
            &[("email", "ada@example.org")],
        )
        .await;

    assert_eq!(app.drain_outbox().await, 0, "nothing can be sent");
    assert_eq!(
        app.count("select count(*) from outbox where attempts = 1 and last_error is not null and sent_at is null").await,
        1,
        "a first failed attempt"
    );
    // The next attempt waits 30 s: draining again before then tries nothing.
    app.clock.advance(chrono::Duration::seconds(29));
    app.drain_outbox().await;
    assert_eq!(
        app.count("select count(*) from outbox where attempts = 1")
            .await,
        1,
        "not tried again before its time"
    );
    app.clock.advance(chrono::Duration::seconds(2));
    app.drain_outbox().await;
    assert_eq!(
        app.count("select count(*) from outbox where attempts = 2 and sent_at is null")
            .await,
        1,
        "a second failed attempt"
    );
    assert_eq!(app.count("select count(*) from outbox").await, 1);
}

/// The parts of a parsed message as (`type/subtype`, decoded text), in order; containers
/// (multipart) have empty text.
fn parts_of(message: &mail_parser::Message) -> Vec<(String, String)> {
    use mail_parser::MimeHeaders;
    message
        .parts
        .iter()
        .map(|p| {
            let ct = p
                .content_type()
                .map(|c| format!("{}/{}", c.ctype(), c.subtype().unwrap_or("")))
                .unwrap_or_default();
            (ct, p.text_contents().unwrap_or("").to_string())
        })
        .collect()
}

/// What the outbox stored as a message's Message-ID (with its angle brackets).
async fn stored_message_ids(app: &TestApp) -> Vec<String> {
    sqlx::query_scalar("select message_id from outbox order by id")
        .fetch_all(&app.db)
        .await
        .unwrap()
}

/// A confirmation mail to an English-speaking visitor is a well-formed MIME message: a `Date`,
/// `MIME-Version: 1.0`, the Message-ID stored when it was queued (on the site's host), and
/// multipart/alternative with the text and an English HTML page in which the name is escaped
/// and the link is a link. A German account's mail says `lang="de"`.
#[tokio::test]
async fn mail_is_multipart_alternative_with_message_id_date_and_html_in_the_recipients_language() {
    let app = TestApp::spawn().await;
    let client = app.client("en");
    let form = client.get("/signup").await;
    client
        .submit(
            &form,
            "form[action='/signup']",
            &[
                ("name", "Ada & Byron"),
                ("email", "ada@example.org"),
                ("organisation", ""),
                ("password", convene_tests::PASSWORD),
            ],
        )
        .await;

    assert_eq!(app.drain_outbox().await, 1);

    let mail = app.mail.nth_to("ada@example.org", 1);
    let parsed = mail_parser::MessageParser::default()
        .parse(&mail.raw)
        .unwrap();
    let stored = stored_message_ids(&app).await;
    let host = url::Url::parse(&app.base_url)
        .unwrap()
        .host_str()
        .unwrap()
        .to_string();
    assert_eq!(stored.len(), 1);
    assert!(
        stored[0].starts_with('<') && stored[0].ends_with(&format!("@{host}>")),
        "{}",
        stored[0]
    );
    assert_eq!(
        parsed.message_id().map(|id| format!("<{id}>")),
        Some(stored[0].clone())
    );
    assert_eq!(
        parsed.header_raw("MIME-Version").map(str::trim),
        Some("1.0")
    );
    // The `Date` is when the mail was queued: the test clock's "now".
    assert_eq!(
        parsed.date().map(|d| d.to_timestamp()),
        Some(app.clock.now().timestamp())
    );
    let parts = parts_of(&parsed);
    let types: Vec<&str> = parts.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(types, ["multipart/alternative", "text/plain", "text/html"]);
    let link = mail.link(&format!("{}/confirm/", app.base_url));
    assert!(
        parts[1].1.starts_with("Hello Ada & Byron,"),
        "{}",
        parts[1].1
    );
    assert!(parts[1].1.contains(&link));
    let html = &parts[2].1;
    assert!(html.contains("<html lang=\"en\">"), "{html}");
    assert!(
        html.contains("<title>Please confirm your email address</title>"),
        "{html}"
    );
    assert!(html.contains("Hello Ada &amp; Byron,"), "{html}");
    assert!(
        html.contains(&format!("<a href=\"{link}\">{link}</a>")),
        "{html}"
    );

    app.account("jana@example.org", "Jana Wüstefeld", false)
        .await;
    let form = client.get("/reset").await;
    client
        .submit(
            &form,
            "form[action='/reset']",
            &[("email", "jana@example.org")],
        )
        .await;
    app.drain_outbox().await;
    let reset = app.mail.nth_to("jana@example.org", 1);
    let parsed = mail_parser::MessageParser::default()
        .parse(&reset.raw)
        .unwrap();
    let parts = parts_of(&parsed);
    assert_eq!(parts[0].0, "multipart/alternative");
    assert!(parts[2].1.contains("<html lang=\"de\">"), "{}", parts[2].1);
    assert!(parts[2].1.contains("Jana Wüstefeld"), "{}", parts[2].1);
    let ids = stored_message_ids(&app).await;
    assert_eq!(ids.len(), 2);
    assert_ne!(ids[0], ids[1], "every mail has its own Message-ID");
}

/// The worker dies after the SMTP server took a mail but before it was marked sent: the row
/// stays "being sent", is tried again once its lock has passed, and the second copy carries the
/// same Message-ID and `Date`, so a deduplicating receiver can drop it.
#[tokio::test]
async fn a_mail_interrupted_while_being_sent_is_sent_again_with_the_same_message_id() {
    let app = TestApp::spawn().await;
    app.account("ada@example.org", "Ada Lovelace", false).await;
    let client = app.client("en");
    let form = client.get("/reset").await;
    client
        .submit(
            &form,
            "form[action='/reset']",
            &[("email", "ada@example.org")],
        )
        .await;

    // The first half of the worker's loop: claim (marks it as being sent) and transmit; then
    // the "crash" (nothing marks it sent).
    let claimed = convene::mail::claim_next(&app.db, &app.state.mailer, app.clock.now())
        .await
        .unwrap()
        .expect("a mail is due");
    convene::mail::transmit(&app.db, &app.state.mailer, &claimed)
        .await
        .unwrap();
    assert_eq!(
        app.count("select count(*) from outbox where sending_at is not null and sent_at is null")
            .await,
        1,
        "marked as being sent, not as sent"
    );
    assert_eq!(app.mail.to("ada@example.org").len(), 1);

    // Another worker leaves it alone while the first one's lock holds.
    assert_eq!(app.drain_outbox().await, 0);
    app.clock.advance(chrono::Duration::minutes(3));
    assert_eq!(
        app.drain_outbox().await,
        1,
        "sent again after the lock passed"
    );

    let copies = app.mail.to("ada@example.org");
    assert_eq!(copies.len(), 2);
    let parsed: Vec<_> = copies
        .iter()
        .map(|m| mail_parser::MessageParser::default().parse(&m.raw).unwrap())
        .collect();
    let stored = stored_message_ids(&app).await;
    assert_eq!(
        parsed[0].message_id().map(|id| format!("<{id}>")),
        Some(stored[0].clone())
    );
    assert_eq!(parsed[0].message_id(), parsed[1].message_id());
    assert_eq!(
        parsed[0].date().map(|d| d.to_timestamp()),
        parsed[1].date().map(|d| d.to_timestamp())
    );
    assert_eq!(copies[0].text, copies[1].text);
    assert_eq!(
        app.count("select count(*) from outbox where sent_at is not null and attempts = 2")
            .await,
        1,
        "sent, with the interrupted attempt counted"
    );
    // Sent is final: nothing goes out a third time.
    app.clock.advance(chrono::Duration::hours(1));
    assert_eq!(app.drain_outbox().await, 0);
    assert_eq!(app.mail.to("ada@example.org").len(), 2);
}
