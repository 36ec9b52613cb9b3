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
