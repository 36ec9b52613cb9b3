//! Events: organisers create, edit and publish them; drafts stay invisible to everyone else.

use convene_tests::TestApp;

/// A site organiser creates an event through the form, fixes a mistake the form points out,
/// publishes it, and visitors then find it; before that it is a 404 for them.
#[tokio::test]
async fn organisers_create_edit_and_publish_events() {
    let app = TestApp::spawn().await;
    app.organiser("orga@example.org", "Olaf Organiser").await;
    let orga = app.signed_in("orga@example.org", "en").await;
    let visitor = app.client("en");

    let form = orga.get("/orga/events/new").await;
    assert_eq!(form.status, 200);
    let bad = orga
        .submit(
            &form,
            "form.stack",
            &[
                ("slug", "Clusters Meet"),
                ("title_de", "Clusters meet Regions NRW"),
                ("title_en", ""),
                ("starts_on", "2026-11-09"),
                ("ends_on", "2026-11-08"),
            ],
        )
        .await;
    assert_eq!(bad.status, 422);
    assert_eq!(
        bad.texts(".error-summary li"),
        [
            "Webadresse: Verwenden Sie 3 bis 60 Kleinbuchstaben, Ziffern und Bindestriche",
            "Titel (Englisch): Geben Sie einen Titel ein",
            "Letzter Tag: Das Ende muss nach dem Beginn liegen"
        ]
    );
    assert_eq!(
        bad.attr("#title_de", "value").as_deref(),
        Some("Clusters meet Regions NRW"),
        "input is kept"
    );
    assert_eq!(app.count("select count(*) from events").await, 0);

    let created = orga
        .submit(
            &form,
            "form.stack",
            &[
                ("slug", "cmr-2026"),
                ("title_de", "Clusters meet Regions NRW"),
                ("title_en", "Clusters meet Regions NRW"),
                ("venue", "Haus der Universität"),
                ("starts_on", "2026-11-08"),
                ("ends_on", "2026-11-09"),
                (
                    "description_de",
                    "Cluster als Katalysatoren für Transformationsprozesse.",
                ),
            ],
        )
        .await;
    assert!(
        created.url.ends_with("/orga/events/cmr-2026"),
        "{}",
        created.url
    );
    assert_eq!(
        created.text(".flash"),
        "Die Veranstaltung wurde als Entwurf angelegt."
    );
    assert_eq!(
        app.count(
            "select count(*) from role_grants where role = 'organiser' and scope_kind = 'event'"
        )
        .await,
        1
    );

    assert_eq!(
        visitor.get("/events/cmr-2026").await.status,
        404,
        "drafts are hidden, not forbidden"
    );
    assert!(
        visitor
            .get("/events")
            .await
            .texts(".event-card h3")
            .is_empty()
    );
    assert_eq!(
        orga.get("/events/cmr-2026").await.status,
        200,
        "organisers see their draft"
    );

    let published = orga
        .submit(
            &created,
            "form[action$='/status']",
            &[("status", "published")],
        )
        .await;
    assert_eq!(
        published.text(".flash"),
        "Der Status der Veranstaltung wurde geändert."
    );
    let list = visitor.get("/events").await;
    assert_eq!(list.texts(".event-card h3"), ["Clusters meet Regions NRW"]);
    assert_eq!(
        list.text(".event-card p"),
        "8–9 November 2026 · Haus der Universität"
    );
    let page = visitor.get("/events/cmr-2026").await;
    assert_eq!(page.text("h1"), "Clusters meet Regions NRW");
    assert_eq!(
        page.attr(".feed-links a.button", "href").unwrap(),
        format!(
            "webcal://{}/events/cmr-2026/agenda.ics",
            app.base_url.trim_start_matches("http://")
        )
    );
}

/// Only an event's organisers may change it; others get 403, visitors are sent to sign in.
#[tokio::test]
async fn only_an_events_organisers_change_it() {
    let app = TestApp::spawn().await;
    let olaf = app.organiser("orga@example.org", "Olaf Organiser").await;
    let olaf = app.actor(olaf).await;
    app.event(&olaf, "cmr-2026").await;
    app.account("ada@example.org", "Ada Lovelace", false).await;
    let participant = app.signed_in("ada@example.org", "en").await;
    let visitor = app.client("en");

    for path in [
        "/orga/events/cmr-2026",
        "/orga/events/cmr-2026/agenda",
        "/orga/events/cmr-2026/rooms",
        "/orga/events/cmr-2026/sessions/new",
    ] {
        assert_eq!(participant.get(path).await.status, 403, "{path}");
        assert!(
            visitor.get(path).await.url.contains("/signin?next="),
            "{path}"
        );
    }
    let posted = participant
        .post_form("/orga/events/cmr-2026/status", &[("status", "archived")])
        .await;
    assert_eq!(posted.status, 403);
    // Creating is refused too, with the way forward: asking to organise.
    let new = participant.get("/orga/events/new").await;
    assert!(new.url.ends_with("/orga/request"), "{}", new.url);
    let created = participant
        .post_form(
            "/orga/events/new",
            &[
                ("slug", "mine"),
                ("title_de", "Meins"),
                ("title_en", "Mine"),
                ("starts_on", "2026-11-08"),
                ("ends_on", "2026-11-08"),
            ],
        )
        .await;
    assert_eq!(created.status, 403);
    assert_eq!(
        app.count("select count(*) from events where status = 'published'")
            .await,
        1
    );
}

/// The edit form shows the organising organisations, and saving it unchanged keeps them (it
/// used to show the field empty and delete them); through the API, a body read with GET and
/// sent back keeps them, and leaving the field out changes nothing.
#[tokio::test]
async fn saving_an_event_unchanged_keeps_its_organisers() {
    use serde_json::json;
    let app = TestApp::spawn().await;
    let olaf = app
        .actor(app.organiser("orga@example.org", "Olaf Organiser").await)
        .await;
    let input = convene::event::model::EventInput {
        slug: "cmr-2026".into(),
        title_de: "Clusters meet Regions NRW".into(),
        title_en: "Clusters meet Regions NRW".into(),
        starts_on: "2026-11-08".into(),
        ends_on: "2026-11-09".into(),
        organisations: Some("Cluster.Zukunft.NRW\nNRW.innovativ".into()),
        ..Default::default()
    };
    convene::event::service::create(&app.state, &olaf, &input)
        .await
        .unwrap();
    let orga = app.signed_in("orga@example.org", "en").await;
    let organisers = "select count(*) from event_organisations";

    let form = orga.get("/orga/events/cmr-2026").await;
    assert_eq!(
        form.text("#organisations"),
        "Cluster.Zukunft.NRW NRW.innovativ"
    );
    let saved = orga.submit(&form, "form.stack", &[]).await;

    assert_eq!(saved.status, 200);
    assert_eq!(
        saved.text("#organisations"),
        "Cluster.Zukunft.NRW NRW.innovativ"
    );
    assert_eq!(app.count(organisers).await, 2);

    let http = &orga.http;
    let url = app.url("/api/v1/events/cmr-2026");
    let read: serde_json::Value = http.get(&url).send().await.unwrap().json().await.unwrap();
    assert_eq!(
        read["organisations"],
        json!(["Cluster.Zukunft.NRW", "NRW.innovativ"])
    );
    let mut without = read.clone();
    without.as_object_mut().unwrap().remove("organisations");
    without["venue"] = json!("Haus der Universität");
    let put = http.put(&url).json(&without).send().await.unwrap();
    assert_eq!(put.status(), 200);
    let body: serde_json::Value = put.json().await.unwrap();
    assert_eq!(
        (body["venue"].clone(), body["organisations"].clone()),
        (
            json!("Haus der Universität"),
            json!(["Cluster.Zukunft.NRW", "NRW.innovativ"])
        )
    );
    let put = http.put(&url).json(&read).send().await.unwrap();
    assert_eq!(put.status(), 200);
    assert_eq!(app.count(organisers).await, 2);
    let mut cleared = read.clone();
    cleared["organisations"] = json!([]);
    http.put(&url).json(&cleared).send().await.unwrap();
    assert_eq!(app.count(organisers).await, 0, "an empty list removes them");
}
