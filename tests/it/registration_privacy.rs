//! The personal data of registrations: consents withdrawn as easily as they were given (on the
//! page and through the API, with both instants on record), and the retention period after
//! which an event's registrations are anonymised.

use convene::registration::form::QuestionInput;
use convene::registration::service::{self as registration, SettingsInput};
use convene_tests::TestApp;
use serde_json::{Value, json};

async fn account_id(app: &TestApp, email: &str) -> convene::ids::AccountId {
    convene::ids::AccountId(
        sqlx::query_scalar("select id from accounts where email = $1")
            .bind(email)
            .fetch_one(&app.db)
            .await
            .unwrap(),
    )
}

/// An event with a required privacy consent and an optional photo consent; Ada registered
/// through the page and ticked both. Returns (privacy, photo) question ids.
async fn registered_with_consents(app: &TestApp) -> (i64, i64) {
    let olaf = app.organiser_and_event("cmr-2026").await;
    registration::configure(&app.state, &olaf, "cmr-2026", &SettingsInput::default())
        .await
        .unwrap();
    let mut ids = Vec::new();
    for (de, en, required) in [
        (
            "Ich habe den Datenschutzhinweis gelesen.",
            "I have read the privacy notice.",
            true,
        ),
        (
            "Fotos von mir dürfen veröffentlicht werden.",
            "Photos of me may be published.",
            false,
        ),
    ] {
        let input = QuestionInput {
            kind: "consent".into(),
            label_de: de.into(),
            label_en: en.into(),
            required,
            ..Default::default()
        };
        ids.push(
            registration::add_question(&app.state, &olaf, "cmr-2026", &input)
                .await
                .unwrap(),
        );
    }
    app.account("ada@example.org", "Ada Lovelace", false).await;
    let ada = app.signed_in("ada@example.org", "de").await;
    let form = ada.get("/events/cmr-2026/register").await;
    let done = ada
        .submit(
            &form,
            "form.stack",
            &[
                (&format!("q{}", ids[0]), "on"),
                (&format!("q{}", ids[1]), "on"),
            ],
        )
        .await;
    assert_eq!(done.status, 200, "{}", done.text("main"));
    (ids[0], ids[1])
}

/// Ada sees both consents with the day she gave them; she withdraws the photo consent with one
/// button (the required one says how to withdraw it instead), the organisers' list and export say
/// "widerrufen", saving her answers unchanged keeps the withdrawal, and she gives it again.
#[tokio::test]
async fn a_consent_is_withdrawn_on_the_page_and_stays_withdrawn_with_its_date() {
    let app = TestApp::spawn().await;
    let (privacy, photo) = registered_with_consents(&app).await;
    let ada = app.signed_in("ada@example.org", "de").await;
    let page = ada.get("/events/cmr-2026/registration").await;
    assert_eq!(
        page.texts("#consents li strong"),
        [
            "erteilt am Sonntag, 1. November 2026, 10:00 MEZ",
            "erteilt am Sonntag, 1. November 2026, 10:00 MEZ"
        ]
    );
    assert_eq!(
        page.texts("#consents li .hint"),
        [
            "Für die Anmeldung nötig: Sie widerrufen diese Einwilligung, indem Sie die Anmeldung stornieren."
        ]
    );
    assert!(
        page.attr(
            &format!("form[action$='/consents/{privacy}/withdraw']"),
            "action"
        )
        .is_none(),
        "the required consent has no withdraw button"
    );

    app.clock.advance(chrono::Duration::days(2));
    let withdrawn = ada
        .submit(
            &page,
            &format!("form[action$='/consents/{photo}/withdraw']"),
            &[],
        )
        .await;
    assert_eq!(
        withdrawn.text(".flash"),
        "Ihre Einwilligung ist widerrufen."
    );
    assert_eq!(
        withdrawn.texts("#consents li strong")[1],
        "widerrufen am Dienstag, 3. November 2026, 10:00 MEZ"
    );
    let stored: (String, Option<String>) = sqlx::query_as(
        "select cast(value as text), cast(withdrawn_at as text) from registration_answers where question_id = $1",
    )
    .bind(photo)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert!(stored.0.starts_with("2026-11-01T09:00:00"), "{stored:?}");
    assert!(stored.1.is_some_and(|w| w.starts_with("2026-11-03")));
    assert_eq!(
        app.count("select count(*) from audit_log where action = 'registration.consent_withdrawn'")
            .await,
        1
    );

    // The organisers read it in the list's detail and in the export.
    let orga = app.signed_in("orga@example.org", "de").await;
    let csv = orga.get("/orga/events/cmr-2026/registrations.csv").await;
    assert!(csv.body.contains("widerrufen"), "{}", csv.body);
    assert!(csv.body.contains("erteilt"), "{}", csv.body);

    // A required consent cannot be withdrawn by forging the form: the way out is named.
    let csrf = page.attr("input[name='csrf_token']", "value").unwrap();
    let refused = ada
        .post_form(
            &format!("/events/cmr-2026/registration/consents/{privacy}/withdraw"),
            &[("csrf_token", &csrf)],
        )
        .await;
    assert_eq!(
        refused.text(".flash"),
        "Diese Einwilligung ist für die Anmeldung nötig. Um sie zu widerrufen, stornieren Sie Ihre Anmeldung."
    );
    assert_eq!(
        app.count("select count(*) from registration_answers where withdrawn_at is not null")
            .await,
        1
    );

    // Given again: a new instant, no withdrawal.
    app.clock.advance(chrono::Duration::days(1));
    let page = ada.get("/events/cmr-2026/registration").await;
    let given = ada
        .submit(
            &page,
            &format!("form[action$='/consents/{photo}/give']"),
            &[],
        )
        .await;
    assert_eq!(
        given.texts("#consents li strong")[1],
        "erteilt am Mittwoch, 4. November 2026, 10:00 MEZ"
    );
}

/// Through the API: the consents with their instants, withdrawal by DELETE or by answering
/// `false`, a refusal for the required one, and giving again by PUT.
#[tokio::test]
async fn the_api_lists_gives_and_withdraws_consents() {
    let app = TestApp::spawn().await;
    let (privacy, photo) = registered_with_consents(&app).await;
    let ada = account_id(&app, "ada@example.org").await;
    let (_, token) = convene::account::service::create_api_token(
        &app.state,
        &app.actor(ada).await,
        "consents",
        None,
    )
    .await
    .unwrap();
    let http = reqwest::Client::new();
    let call = |method: reqwest::Method, path: String, body: Option<Value>| {
        let req = http
            .request(method, app.url(&format!("/api/v1/events/cmr-2026{path}")))
            .bearer_auth(&token)
            .header("accept-language", "en");
        let req = match body {
            Some(b) => req.json(&b),
            None => req,
        };
        async move {
            let resp = req.send().await.unwrap();
            let status = resp.status().as_u16();
            let text = resp.text().await.unwrap();
            (status, serde_json::from_str(&text).unwrap_or(Value::Null))
        }
    };

    let (status, list) = call(reqwest::Method::GET, "/registration/consents".into(), None).await;
    assert_eq!(status, 200);
    assert_eq!(list.as_array().unwrap().len(), 2);
    assert_eq!(list[0]["required"], true);
    assert_eq!(list[1]["given_at"], "2026-11-01T09:00:00+00:00");
    assert!(list[1].get("withdrawn_at").is_none());

    let (status, refused) = call(
        reqwest::Method::DELETE,
        format!("/registration/consents/{privacy}"),
        None,
    )
    .await;
    assert_eq!(status, 409);
    assert_eq!(refused["code"], "consent-required-cancel");
    assert_eq!(
        refused["detail"],
        "This consent is needed for the registration. To withdraw it, cancel your registration."
    );

    app.clock.advance(chrono::Duration::hours(1));
    let (status, withdrawn) = call(
        reqwest::Method::DELETE,
        format!("/registration/consents/{photo}"),
        None,
    )
    .await;
    assert_eq!(status, 200, "{withdrawn}");
    assert_eq!(withdrawn["withdrawn_at"], "2026-11-01T10:00:00+00:00");
    assert_eq!(withdrawn["given_at"], "2026-11-01T09:00:00+00:00");

    let (status, given) = call(
        reqwest::Method::PUT,
        format!("/registration/consents/{photo}"),
        None,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(given["given_at"], "2026-11-01T10:00:00+00:00");
    assert!(given.get("withdrawn_at").is_none(), "{given}");

    // Answering `false` withdraws too; for the required one it is refused at its field.
    let (status, _) = call(
        reqwest::Method::PUT,
        "/registration/answers".into(),
        Some(json!({ "answers": { photo.to_string(): false } })),
    )
    .await;
    assert_eq!(status, 200);
    let (_, list) = call(reqwest::Method::GET, "/registration/consents".into(), None).await;
    assert_eq!(list[1]["withdrawn_at"], "2026-11-01T10:00:00+00:00");
    let (status, problem) = call(
        reqwest::Method::PUT,
        "/registration/answers".into(),
        Some(json!({ "answers": { privacy.to_string(): false } })),
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(
        problem["fields"][format!("q{privacy}")][0],
        "This consent is needed for the registration. To withdraw it, cancel your registration."
    );
    assert_eq!(list[0]["given_at"], "2026-11-01T09:00:00+00:00");
}

/// The organiser sets a retention period of 6 months; the day it runs out, the worker deletes the
/// answers and files of the event's registrations and unlinks them from the accounts. The counts
/// stay, the settings page says when it happened, and another event keeps its registrations.
#[tokio::test]
async fn registrations_are_anonymised_when_the_retention_period_runs_out() {
    let app = TestApp::spawn().await;
    registered_with_consents(&app).await;
    let olaf = app.actor(account_id(&app, "orga@example.org").await).await;
    app.event(&olaf, "ruhr-2026").await;
    registration::configure(&app.state, &olaf, "ruhr-2026", &SettingsInput::default())
        .await
        .unwrap();
    let ada = app.actor(account_id(&app, "ada@example.org").await).await;
    registration::register(&app.state, &ada, "ruhr-2026", &Default::default())
        .await
        .unwrap();

    sqlx::query("update accounts set language = 'en' where email = 'orga@example.org'")
        .execute(&app.db)
        .await
        .unwrap();
    let orga = app.signed_in("orga@example.org", "en").await;
    let page = orga.get("/orga/events/cmr-2026/registrations").await;
    let bad = orga
        .submit(
            &page,
            "form[action$='/registrations']",
            &[("retention_months", "0")],
        )
        .await;
    assert_eq!(bad.status, 422);
    assert_eq!(
        bad.text("#retention_months-error"),
        "Enter 1 to 120 months, or leave the field empty"
    );
    let saved = orga
        .submit(
            &page,
            "form[action$='/registrations']",
            &[("retention_months", "6")],
        )
        .await;
    assert_eq!(saved.status, 200);
    assert_eq!(
        saved.attr("#retention_months", "value").as_deref(),
        Some("6")
    );

    // The event ends on 9 November 2026: due on 10 May 2027, not a day earlier.
    let before = app.count("select count(*) from registration_answers").await;
    assert_eq!(before, 2);
    app.clock.advance(chrono::Duration::days(189)); // 9 May 2027, 09:00 UTC
    assert_eq!(
        convene::registration::privacy::apply_retention(&app.state)
            .await
            .unwrap(),
        0
    );
    app.clock.advance(chrono::Duration::days(1));
    assert_eq!(
        convene::registration::privacy::apply_retention(&app.state)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        app.count("select count(*) from registration_answers").await,
        0
    );
    assert_eq!(
        app.count(
            "select count(*) from registrations r join events e on e.id = r.event_id \
             where e.slug = 'cmr-2026' and r.account_id is null and r.status = 'confirmed'"
        )
        .await,
        1,
        "the registration stays, as a count, without its person"
    );
    assert_eq!(
        app.count(
            "select count(*) from registrations r join events e on e.id = r.event_id \
             where e.slug = 'ruhr-2026' and r.account_id is not null"
        )
        .await,
        1,
        "an event without a retention period keeps its registrations"
    );
    assert_eq!(
        convene::registration::privacy::apply_retention(&app.state)
            .await
            .unwrap(),
        0,
        "done once"
    );
    let orga = app.signed_in("orga@example.org", "en").await; // months later
    let page = orga.get("/orga/events/cmr-2026/registrations").await;
    assert!(
        page.text("#anonymised")
            .starts_with("The registrations were anonymised on Monday, 10 May 2027"),
        "{}",
        page.text("#anonymised")
    );
    // Ada's own page no longer finds a registration there.
    let mine = app
        .signed_in("ada@example.org", "de")
        .await
        .get("/events/cmr-2026/registration")
        .await;
    assert!(
        mine.url.ends_with("/events/cmr-2026/register"),
        "{}",
        mine.url
    );
}
