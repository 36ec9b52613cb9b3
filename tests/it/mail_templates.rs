//! Mail templates: organisers reword the mails of their events and calls per language, with
//! placeholders, a preview and a reset, through the pages and the API; the mails sent afterwards
//! use the wording, the other language and other events keep the default.

use convene::registration::service::{self as registration, SettingsInput};
use convene_tests::TestApp;

/// The subject and text of the latest mail to `to`, after draining the outbox.
async fn last_mail_to(app: &TestApp, to: &str) -> convene_tests::ReceivedMail {
    app.drain_outbox().await;
    app.mail
        .to(to)
        .into_iter()
        .last()
        .unwrap_or_else(|| panic!("no mail to {to}"))
}

/// The text of the editor's body field as typed (line ends kept).
fn body_field(page: &convene_tests::Page) -> String {
    let sel = scraper::Selector::parse("textarea#body").unwrap();
    page.html()
        .select(&sel)
        .next()
        .map(|t| t.text().collect::<String>())
        .unwrap_or_default()
}

/// An organiser rewords the German confirmation on the pages: an unknown placeholder is refused
/// with the known ones named and the typed text kept; the preview fills in examples and stores
/// nothing; once saved, Ada's confirmation uses it (code filled in, QR code still attached),
/// while an English participant and another event keep the default. A reset brings the default
/// back. Participants reach neither the pages nor the API.
#[tokio::test]
async fn an_event_confirmation_is_reworded_previewed_used_and_reset() {
    let app = TestApp::spawn().await;
    let olaf = app.organiser_and_event("cmr-2026").await;
    app.event(&olaf, "other-2026").await;
    for slug in ["cmr-2026", "other-2026"] {
        registration::configure(
            &app.state,
            &olaf,
            slug,
            &SettingsInput {
                capacity: Some(10),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    }
    let de = app.signed_in("orga@example.org", "de").await;

    let dashboard = de.get("/orga/events/cmr-2026/dashboard").await;
    assert!(
        dashboard
            .body
            .contains("href=\"/orga/events/cmr-2026/mails\"")
    );
    let list = de.get("/orga/events/cmr-2026/mails").await;
    assert_eq!(list.status, 200, "{}", list.text("main"));
    let row = list.text("#mail-registration-confirmed");
    assert!(
        row.contains("Anmeldung bestätigt") && row.contains("Standardtext"),
        "{row}"
    );
    assert!(
        list.text("#mail-certificate-issued").contains("Urkunde"),
        "events send certificates too"
    );
    assert!(
        !list.body.contains("jury-result"),
        "an event lists no call mails"
    );

    let path = "/orga/events/cmr-2026/mails/registration-confirmed/de";
    let editor = de.get(path).await;
    assert_eq!(editor.status, 200, "{}", editor.text("main"));
    let default_body = body_field(&editor);
    assert!(
        default_body.starts_with("Guten Tag {name},") && default_body.contains("{code}"),
        "{default_body}"
    );
    assert_eq!(
        editor.attr("#subject", "value").as_deref(),
        Some("Ihre Anmeldung: {event}")
    );
    assert!(editor.text(".mail-placeholders").contains("{until}"));

    let custom_subject = "Willkommen bei {event}!";
    let custom_body = "Liebe*r {name},\n\nwir freuen uns auf Sie bei {event}.\nIhr Code: {code}\n\n\n{until}\n\nIhr Team vom Cluster";
    let refused = de
        .submit(
            &editor,
            "form.stack",
            &[
                ("subject", custom_subject),
                ("body", "Hallo {vorname}"),
                ("action", "save"),
            ],
        )
        .await;
    assert_eq!(refused.status, 422);
    let error = refused.text("#body-error");
    assert!(
        error.contains("{vorname}") && error.contains("{code}"),
        "{error}"
    );
    assert_eq!(body_field(&refused), "Hallo {vorname}");
    assert_eq!(
        refused.attr("#subject", "value").as_deref(),
        Some(custom_subject)
    );
    assert!(
        refused
            .attr(".error-summary a[href='#body']", "href")
            .is_some()
    );

    let preview = de
        .submit(
            &editor,
            "form.stack",
            &[
                ("subject", custom_subject),
                ("body", custom_body),
                ("action", "preview"),
            ],
        )
        .await;
    assert_eq!(preview.status, 200, "{}", preview.text("main"));
    let shown = preview.text(".mail-preview-body");
    assert!(
        shown.starts_with("Liebe*r Erika Mustermann,") && shown.contains("K7Q2-M9XD"),
        "{shown}"
    );
    assert!(preview.text(".mail-preview").contains("Willkommen bei"));
    assert_eq!(body_field(&preview), custom_body);
    assert_eq!(
        app.count("select count(*) from mail_templates").await,
        0,
        "a preview stores nothing"
    );

    let saved = de
        .submit(
            &editor,
            "form.stack",
            &[
                ("subject", custom_subject),
                ("body", custom_body),
                ("action", "save"),
            ],
        )
        .await;
    assert_eq!(saved.status, 200, "{}", saved.text("main"));
    assert!(saved.text("main").contains("umformuliert"));
    assert_eq!(body_field(&saved), custom_body);
    let list = de.get("/orga/events/cmr-2026/mails").await;
    assert!(
        list.text("#mail-registration-confirmed")
            .contains("umformuliert")
    );

    // Ada (German) registers: her confirmation is the organisers' text.
    let ada = app
        .actor(app.account("ada@example.org", "Ada Lovelace", false).await)
        .await;
    let (r, _) = registration::register(&app.state, &ada, "cmr-2026", &Default::default())
        .await
        .unwrap();
    let mail = last_mail_to(&app, "ada@example.org").await;
    let event_title: String =
        sqlx::query_scalar("select title_de from events where slug = 'cmr-2026'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(mail.subject, format!("Willkommen bei {event_title}!"));
    assert!(
        mail.text.starts_with("Liebe*r Ada Lovelace,")
            && mail.text.contains(&format!("Ihr Code: {}", r.code))
            && mail.text.contains("Ihr Team vom Cluster")
            && !mail.text.contains("\n\n\n")
            && !mail.text.contains('{'),
        "{}",
        mail.text
    );
    let raw = String::from_utf8_lossy(&mail.raw);
    assert!(raw.contains("qr-code.png") && raw.contains("text/html"));

    // An English participant of the same event, and a German one of another event: defaults.
    let bob = app
        .actor(app.account("bob@example.org", "Bob Byte", false).await)
        .await;
    sqlx::query("update accounts set language = 'en' where email = 'bob@example.org'")
        .execute(&app.db)
        .await
        .unwrap();
    let bob = app.actor(bob.id).await;
    registration::register(&app.state, &bob, "cmr-2026", &Default::default())
        .await
        .unwrap();
    let mail = last_mail_to(&app, "bob@example.org").await;
    assert!(
        mail.subject.starts_with("Your registration: "),
        "{}",
        mail.subject
    );
    assert!(mail.text.starts_with("Hello Bob Byte,"), "{}", mail.text);
    registration::register(&app.state, &ada, "other-2026", &Default::default())
        .await
        .unwrap();
    let mail = last_mail_to(&app, "ada@example.org").await;
    assert!(
        mail.subject.starts_with("Ihre Anmeldung: "),
        "{}",
        mail.subject
    );

    // Participants reach neither the pages nor the API.
    let ada_client = app.signed_in("ada@example.org", "de").await;
    assert_eq!(
        ada_client.get("/orga/events/cmr-2026/mails").await.status,
        403
    );
    assert_eq!(ada_client.get(path).await.status, 403);
    let api = ada_client
        .http
        .get(app.url("/api/v1/events/cmr-2026/mail-templates"))
        .send()
        .await
        .unwrap();
    assert_eq!(api.status(), 403);

    // Reset: the default comes back, on the page and in the next mail.
    let editor = de.get(path).await;
    let reset = de.submit(&editor, "form[action$='/reset']", &[]).await;
    assert_eq!(reset.status, 200, "{}", reset.text("main"));
    assert_eq!(body_field(&reset), default_body);
    assert!(reset.text("main").contains("Standardtext"));
    assert_eq!(app.count("select count(*) from mail_templates").await, 0);
    let cleo = app
        .actor(app.account("cleo@example.org", "Cleo Code", false).await)
        .await;
    registration::register(&app.state, &cleo, "cmr-2026", &Default::default())
        .await
        .unwrap();
    let mail = last_mail_to(&app, "cleo@example.org").await;
    assert!(
        mail.subject.starts_with("Ihre Anmeldung: "),
        "{}",
        mail.subject
    );
    assert!(
        mail.text.starts_with("Guten Tag Cleo Code,"),
        "{}",
        mail.text
    );
}

/// A call's mails through the API, in English: the list names every call mail in both
/// languages; a placeholder of events is refused for a call with the field named; the preview
/// fills in the call's title; the team that hands its entry in gets the wording with the call's
/// own note; DELETE brings the default back.
#[tokio::test]
async fn a_call_mail_is_reworded_through_the_api() {
    let app = TestApp::spawn().await;
    crate::calls::published_call(&app, "icr").await;
    sqlx::query("update accounts set language = 'en' where email = 'orga@example.org'")
        .execute(&app.db)
        .await
        .unwrap();
    let orga = app.signed_in("orga@example.org", "en").await;

    let list = orga.get("/api/v1/calls/icr/mail-templates").await;
    assert_eq!(list.status, 200, "{}", list.body);
    let all = list.json();
    let all = all.as_array().unwrap();
    let kinds: Vec<&str> = all.iter().map(|t| t["kind"].as_str().unwrap()).collect();
    for kind in [
        "submission-submitted",
        "jury-result",
        "jury-reminder",
        "certificate-issued",
    ] {
        assert_eq!(
            kinds.iter().filter(|k| **k == kind).count(),
            2,
            "{kind} in de and en"
        );
    }
    assert!(!kinds.contains(&"registration-confirmed"));
    assert!(all.iter().all(|t| t["customised"] == false));

    let url = app.url("/api/v1/calls/icr/mail-templates/submission-submitted/de");
    let refused = orga
        .http
        .put(&url)
        .json(&serde_json::json!({ "subject": "Eingang: {event}", "body": "Hallo {name}" }))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 422);
    let problem: serde_json::Value = refused.json().await.unwrap();
    assert!(
        problem.to_string().contains("subject")
            && problem
                .to_string()
                .contains("{event} is not a placeholder of this mail"),
        "{problem}"
    );
    let unknown = orga
        .http
        .get(app.url("/api/v1/calls/icr/mail-templates/registration-confirmed/de"))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), 404, "a call sends no registration mails");

    let text = serde_json::json!({
        "subject": "Eingang bestätigt: {title}",
        "body": "Hallo {name},\n\n„{title}“ ist bei {call} eingegangen.\n\n{note}\n\nIhr Innovationsteam",
    });
    let preview = orga
        .http
        .post(format!("{url}/preview"))
        .json(&text)
        .send()
        .await
        .unwrap();
    assert_eq!(preview.status(), 200);
    let preview: serde_json::Value = preview.json().await.unwrap();
    let call_title: String = sqlx::query_scalar("select title_de from calls where slug = 'icr'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert!(
        preview["body"].as_str().unwrap().contains(&call_title),
        "{preview}"
    );

    let saved = orga.http.put(&url).json(&text).send().await.unwrap();
    assert_eq!(saved.status(), 200);
    let saved: serde_json::Value = saved.json().await.unwrap();
    assert_eq!(saved["customised"], true);
    assert!(
        saved["placeholders"]
            .as_array()
            .unwrap()
            .contains(&"{note}".into())
    );
    assert_eq!(
        orga.get(&url).await.json()["subject"],
        "Eingang bestätigt: {title}"
    );

    sqlx::query("update calls set mail_submitted_de = 'Fragen? innovation@example.org'")
        .execute(&app.db)
        .await
        .unwrap();
    crate::calls::complete_submission(
        &app,
        "jana@example.org",
        "Jana Jansen",
        "H2 Ruhr",
        "Ruhr H2 GmbH",
    )
    .await;
    let mail = last_mail_to(&app, "jana@example.org").await;
    assert_eq!(mail.subject, "Eingang bestätigt: H2 Ruhr");
    assert!(
        mail.text.starts_with("Hallo Jana Jansen,")
            && mail
                .text
                .contains(&format!("„H2 Ruhr“ ist bei {call_title} eingegangen."))
            && mail.text.contains("Fragen? innovation@example.org"),
        "{}",
        mail.text
    );

    let reset = orga
        .http
        .delete(&url)
        .header("x-requested-with", "fetch")
        .send()
        .await
        .unwrap();
    assert_eq!(reset.status(), 200);
    let reset: serde_json::Value = reset.json().await.unwrap();
    assert_eq!(reset["customised"], false);
    assert!(
        reset["body"]
            .as_str()
            .unwrap()
            .starts_with("Guten Tag {name},")
    );
    assert_eq!(app.count("select count(*) from mail_templates").await, 0);
}
