//! The e-mail outbox: files without SMTP, retries when the SMTP server is away.

use convene_tests::{MailTo, TestApp, eventually};

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

    let dir = app.dir.path().join("mail");
    let file = eventually("an .eml file", || async {
        std::fs::read_dir(&dir)
            .ok()?
            .filter_map(Result::ok)
            .find(|e| e.path().extension().is_some_and(|x| x == "eml"))
            .map(|e| e.path())
    })
    .await;
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

    eventually("a first failed attempt", || async {
        (app.count("select count(*) from outbox where attempts = 1 and last_error is not null and sent_at is null").await == 1).then_some(())
    })
    .await;
    // The next attempt waits 30 s; move the clock past it and wake the worker.
    app.clock.advance(chrono::Duration::seconds(31));
    app.state.mailer.wake();
    eventually("a second failed attempt", || async {
        (app.count("select count(*) from outbox where attempts = 2 and sent_at is null")
            .await
            == 1)
            .then_some(())
    })
    .await;
    assert_eq!(app.count("select count(*) from outbox").await, 1);
}
