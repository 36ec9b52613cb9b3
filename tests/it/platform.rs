//! One platform for many organisations: organisations own events and calls, people ask to
//! organise and an administrator approves (or the site is open), teams per event and call,
//! readable audit logs and the administrators' area.

use convene_tests::{PASSWORD, TestApp};
use serde_json::json;

/// Creates a confirmed organisation through the administrators' service; returns its slug.
async fn organisation(app: &TestApp, name: &str) -> String {
    let admin = app
        .actor(
            app.account(
                &format!("admin-{}@example.org", name.len()),
                "Sabine Admin",
                true,
            )
            .await,
        )
        .await;
    let input = convene::organisation::service::OrganisationInput {
        name: name.into(),
        kind: "agency".into(),
        ..Default::default()
    };
    convene::organisation::service::create(&app.state, &admin, &input)
        .await
        .unwrap();
    convene::organisation::model::slugify(name)
}

/// Makes an account an organiser of an organisation.
async fn organiser_of(
    app: &TestApp,
    email: &str,
    name: &str,
    org: &str,
) -> convene::ids::AccountId {
    let id = app.account(email, name, false).await;
    let mut tx = convene::db::begin_write(&app.db).await.unwrap();
    let org = convene::organisation::queries::find_by_slug(&mut tx, org)
        .await
        .unwrap()
        .unwrap();
    convene::account::queries::insert_grant(
        &mut tx,
        id,
        convene::account::Role::Organiser,
        convene::account::Scope::Org(org.0),
        None,
        app.clock.now(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    id
}

/// The whole way of a new organiser: sign up, confirm, ask to organise for a new organisation,
/// one approval by an administrator, then create an event, publish it and open registration;
/// a visitor can register.
#[tokio::test]
async fn a_new_person_reaches_a_published_event_with_open_registration_after_one_approval() {
    let app = TestApp::spawn().await;
    app.account("admin@example.org", "Sabine Admin", true).await;
    let nora = app.client("de");
    let form = nora.get("/signup").await;
    nora.submit(
        &form,
        "form[action='/signup']",
        &[
            ("name", "Nora Neumann"),
            ("email", "nora@wf-musterstadt.example"),
            ("organisation", ""),
            ("password", PASSWORD),
        ],
    )
    .await;
    app.drain_outbox().await;
    let confirm = app
        .mail
        .nth_to("nora@wf-musterstadt.example", 1)
        .link(&app.url("/confirm/"));
    nora.get(confirm.trim_start_matches(&app.base_url)).await;
    let nora = app.signed_in("nora@wf-musterstadt.example", "de").await;

    // Creating an event leads to asking to organise, not to a dead end.
    let asked = nora.get("/orga/events/new").await;
    assert!(asked.url.ends_with("/orga/request"), "{}", asked.url);
    assert_eq!(asked.text("h1"), "Organisieren anfragen");
    let sent = nora
        .submit(
            &asked,
            "form[action='/orga/request']",
            &[
                ("organisation", ""),
                ("name", "Wirtschaftsförderung Musterstadt"),
                ("kind", "agency"),
                ("city", "Musterstadt"),
                ("message", "Wir planen den Innovationstag 2027."),
            ],
        )
        .await;
    assert_eq!(sent.status, 200, "{}", sent.text("main"));
    assert_eq!(
        sent.text("#my-requests li strong"),
        "Wirtschaftsförderung Musterstadt"
    );
    assert!(
        sent.text("#my-requests li")
            .contains("wartet auf Entscheidung"),
        "{}",
        sent.text("#my-requests li")
    );
    // Still no event until someone decides; a second request waits for the first.
    assert!(
        nora.get("/orga/events/new")
            .await
            .url
            .ends_with("/orga/request")
    );
    let again = nora
        .submit(
            &asked,
            "form[action='/orga/request']",
            &[("name", "Noch eine"), ("kind", "agency")],
        )
        .await;
    assert_eq!(again.status, 409);
    app.drain_outbox().await;
    let to_admin = app.mail.nth_to("admin@example.org", 1);
    assert_eq!(
        to_admin.subject,
        "Anfrage zum Organisieren: Wirtschaftsförderung Musterstadt"
    );
    assert!(
        to_admin
            .text
            .contains("Wir planen den Innovationstag 2027.")
    );

    let admin = app.signed_in("admin@example.org", "de").await;
    let list = admin
        .get(
            to_admin
                .link(&app.url("/admin/requests"))
                .trim_start_matches(&app.base_url),
        )
        .await;
    assert_eq!(list.texts("#requests tbody tr").len(), 1);
    let approved = admin
        .submit(&list, "#requests form[action$='/approve']", &[])
        .await;
    assert_eq!(approved.status, 200);
    assert!(approved.texts("#requests tbody form").is_empty());
    app.drain_outbox().await;
    let to_nora = app.mail.nth_to("nora@wf-musterstadt.example", 2);
    assert_eq!(
        to_nora.subject,
        "Sie organisieren jetzt für Wirtschaftsförderung Musterstadt"
    );

    // The event belongs to her organisation without her choosing: it is her only one.
    let new = nora.get("/orga/events/new").await;
    assert_eq!(new.status, 200);
    assert_eq!(
        new.texts("#owner option"),
        ["Wirtschaftsförderung Musterstadt"]
    );
    let created = nora
        .submit(
            &new,
            "form.stack",
            &[
                ("slug", "innovationstag-2027"),
                ("title_de", "Innovationstag Musterstadt"),
                ("title_en", "Musterstadt Innovation Day"),
                ("starts_on", "2026-11-20"),
                ("ends_on", "2026-11-20"),
            ],
        )
        .await;
    assert_eq!(created.status, 200, "{}", created.text("main"));
    assert!(created.url.ends_with("/orga/events/innovationstag-2027"));
    assert_eq!(
        app.count("select count(*) from events e join organisations o on o.id = e.owner_organisation_id where o.name = 'Wirtschaftsförderung Musterstadt'").await,
        1
    );
    let published = nora
        .submit(
            &created,
            "form[action$='/status']",
            &[("status", "published")],
        )
        .await;
    assert_eq!(published.status, 200);
    let settings = nora
        .get("/orga/events/innovationstag-2027/registrations")
        .await;
    let saved = nora
        .submit(
            &settings,
            "form.stack",
            &[("capacity", "80"), ("closes_at", "2026-11-19T18:00")],
        )
        .await;
    assert_eq!(saved.status, 200, "{}", saved.text("main"));
    let visitor = app.client("en");
    assert_eq!(
        visitor
            .get("/events/innovationstag-2027")
            .await
            .text("#registration a.button"),
        "Sign in to register"
    );
}

/// Organisers of one organisation run what it owns, together, and see nothing of another
/// organisation's events and calls; they cannot hand their event to an organisation that is
/// not theirs.
#[tokio::test]
async fn organisers_of_one_organisation_see_nothing_of_another() {
    let app = TestApp::spawn().await;
    let bmr = organisation(&app, "Business Metropole Ruhr").await;
    let nrw = organisation(&app, "NRW.innovativ").await;
    let henrik = app
        .actor(organiser_of(&app, "henrik@bmr.example", "Henrik Sandberg", &bmr).await)
        .await;
    organiser_of(&app, "ines@bmr.example", "Ines Kollegin", &bmr).await;
    organiser_of(&app, "miriam@nrw.example", "Miriam Osterkamp", &nrw).await;
    app.event(&henrik, "ruhr-2026").await;

    let ines = app.signed_in("ines@bmr.example", "en").await;
    let miriam = app.signed_in("miriam@nrw.example", "en").await;
    // A colleague of the same organisation runs it without being invited.
    assert_eq!(ines.get("/orga/events/ruhr-2026").await.status, 200);
    assert_eq!(
        ines.get("/orga/events").await.texts("#events tbody a"),
        ["Clusters meet Regions NRW"]
    );
    // Another organisation's organiser is a visitor here.
    assert!(
        miriam
            .get("/orga/events")
            .await
            .texts("#events tbody a")
            .is_empty()
    );
    for path in [
        "/orga/events/ruhr-2026",
        "/orga/events/ruhr-2026/registrations",
        "/orga/events/ruhr-2026/registrations.csv",
        "/orga/events/ruhr-2026/team",
        "/orga/events/ruhr-2026/log",
    ] {
        assert_eq!(miriam.get(path).await.status, 403, "{path}");
    }
    // Her own event cannot be given to BMR, and BMR's cannot be taken.
    let new = miriam.get("/orga/events/new").await;
    assert_eq!(new.texts("#owner option"), ["NRW.innovativ"]);
    let refused = miriam
        .submit(
            &new,
            "form.stack",
            &[
                ("owner", &bmr),
                ("slug", "cmr-2026"),
                ("title_de", "Clusters meet Regions"),
                ("title_en", "Clusters meet Regions"),
                ("starts_on", "2026-11-08"),
                ("ends_on", "2026-11-09"),
            ],
        )
        .await;
    assert_eq!(refused.status, 422);
    assert_eq!(
        refused.text("#owner-error"),
        "Sie organisieren nicht für diese Organisation."
    );
    assert_eq!(app.count("select count(*) from events").await, 1);
    // Through the API too: the owner is named, and a token carries its holder's roles only.
    let miriam_id = convene::ids::AccountId(
        app.count("select id from accounts where email = 'miriam@nrw.example'")
            .await,
    );
    let miriam_token = convene::account::service::create_api_token(
        &app.state,
        &app.actor(miriam_id).await,
        "script",
        None,
    )
    .await
    .unwrap()
    .1;
    let http = reqwest::Client::new();
    let event = convene_tests::get_json(&http, app.url("/api/v1/events/ruhr-2026")).await;
    assert_eq!(event["owner"], json!(bmr));
    let put = http
        .put(app.url("/api/v1/events/ruhr-2026"))
        .bearer_auth(&miriam_token)
        .json(&json!({
            "slug": "ruhr-2026", "title_de": "Gekapert", "title_en": "Taken",
            "starts_on": "2026-11-08", "ends_on": "2026-11-09", "owner": nrw
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(put.status(), 403);
    for path in [
        "/api/v1/events/ruhr-2026/registrations",
        "/api/v1/events/ruhr-2026/team",
        "/api/v1/events/ruhr-2026/log",
    ] {
        let r = http
            .get(app.url(path))
            .bearer_auth(&miriam_token)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 403, "{path}");
    }
}

/// An event's organisers invite a co-organiser and door staff by e-mail; the invitation
/// explains the role, a new address gets an account with a link to set a password, door staff
/// find their desk from /me, members are removed again, and all of it is in the event's log.
#[tokio::test]
async fn an_events_team_is_invited_removed_and_logged() {
    let app = TestApp::spawn().await;
    let bmr = organisation(&app, "Business Metropole Ruhr").await;
    let henrik = app
        .actor(organiser_of(&app, "henrik@bmr.example", "Henrik Sandberg", &bmr).await)
        .await;
    app.event(&henrik, "ruhr-2026").await;
    app.account("petra@partner.example", "Petra Partner", false)
        .await;
    let orga = app.signed_in("henrik@bmr.example", "de").await;

    let team = orga.get("/orga/events/ruhr-2026/team").await;
    assert_eq!(team.status, 200);
    assert_eq!(
        team.texts("#team tbody td:first-child"),
        ["Henrik Sandberg"]
    );
    assert_eq!(
        team.text("#team tbody td.via"),
        "über Business Metropole Ruhr"
    );
    let invited = orga
        .submit(
            &team,
            "form.stack",
            &[("email", "petra@partner.example"), ("role", "organiser")],
        )
        .await;
    assert_eq!(invited.status, 200, "{}", invited.text("main"));
    let door = orga
        .submit(
            &team,
            "form.stack",
            &[
                ("email", "tom@einlass.example"),
                ("name", "Tom Tür"),
                ("role", "checkin"),
            ],
        )
        .await;
    assert_eq!(door.status, 200, "{}", door.text("main"));
    assert_eq!(
        door.texts("#team tbody td.role"),
        ["Veranstalter/in", "Veranstalter/in", "Einlasspersonal"]
    );
    let twice = orga
        .submit(
            &team,
            "form.stack",
            &[("email", "petra@partner.example"), ("role", "organiser")],
        )
        .await;
    assert_eq!(twice.status, 409);
    assert_eq!(
        twice.text("#email-error"),
        "Diese Person hat diese Rolle hier bereits."
    );
    app.drain_outbox().await;
    let to_tom = app.mail.nth_to("tom@einlass.example", 1);
    assert_eq!(
        to_tom.subject,
        "Sie gehören jetzt zum Team von Clusters meet Regions NRW"
    );
    assert!(to_tom.text.contains("„Einlasspersonal“"), "{}", to_tom.text);
    assert!(to_tom.text.contains("Beim Check-in"), "{}", to_tom.text);
    let set_password = to_tom.link(&app.url("/reset/"));
    let to_petra = app.mail.nth_to("petra@partner.example", 1);
    assert!(
        to_petra.text.contains(&app.url("/orga/events/ruhr-2026")),
        "{}",
        to_petra.text
    );

    // Tom sets a password with his link and finds the check-in desk from /me.
    let tom = app.client("de");
    let reset = tom
        .get(set_password.trim_start_matches(&app.base_url))
        .await;
    tom.submit(
        &reset,
        "form.stack",
        &[("password", PASSWORD), ("password_confirm", PASSWORD)],
    )
    .await;
    let tom = app.signed_in("tom@einlass.example", "de").await;
    let me = tom.get("/me").await;
    assert!(
        me.attr("a[href='/events/ruhr-2026/checkin']", "href")
            .is_some(),
        "{}",
        me.text("main")
    );
    assert_eq!(tom.get("/events/ruhr-2026/checkin").await.status, 200);
    assert_eq!(tom.get("/orga/events/ruhr-2026").await.status, 403);
    // Petra, co-organiser, runs the event.
    let petra = app.signed_in("petra@partner.example", "de").await;
    assert_eq!(
        petra
            .get("/orga/events/ruhr-2026/registrations")
            .await
            .status,
        200
    );

    // Removing: Tom goes; his desk with him.
    let team = orga.get("/orga/events/ruhr-2026/team").await;
    let removed = orga
        .submit(&team, "#team tbody tr:nth-child(3) form", &[])
        .await;
    assert_eq!(removed.status, 200);
    assert_eq!(removed.texts("#team tbody tr").len(), 2);
    assert_eq!(tom.get("/events/ruhr-2026/checkin").await.status, 403);

    let log = orga.get("/orga/events/ruhr-2026/log?kind=team").await;
    assert_eq!(
        log.texts("#log tbody td.what"),
        [
            "Aus dem Team entfernt",
            "Ins Team eingeladen",
            "Ins Team eingeladen"
        ]
    );
    assert_eq!(
        log.texts("#log tbody td.detail"),
        [
            "checkin tom@einlass.example",
            "checkin tom@einlass.example",
            "organiser petra@partner.example"
        ]
    );
    let csv = orga.get("/orga/events/ruhr-2026/log.csv?kind=team").await;
    assert_eq!(csv.status, 200);
    assert!(csv.body.contains("Ins Team eingeladen"));
}

/// The last organiser of an event no organisation owns cannot be removed (nobody could run it);
/// a call's team takes co-organisers through the API, and jurors are left to the jury page.
#[tokio::test]
async fn teams_keep_an_organiser_and_work_through_the_api() {
    let app = TestApp::spawn().await;
    let olaf = app.organiser_and_event("cmr-2026").await;
    // Platform staff created it without an owner: Olaf is its only organiser by grant.
    let olaf_member = convene::team::service::members(
        &app.state,
        &olaf,
        convene::team::service::PlaceKind::Event,
        "cmr-2026",
    )
    .await
    .unwrap()
    .1;
    let convene::team::service::Via::Grant(grant) = olaf_member[0].via.clone() else {
        panic!("a grant");
    };
    let last = convene::team::service::remove(
        &app.state,
        &olaf,
        convene::team::service::PlaceKind::Event,
        "cmr-2026",
        grant,
    )
    .await;
    assert!(
        matches!(last, Err(convene::error::AppError::Conflict(_))),
        "{last:?}"
    );

    let token = convene::account::service::create_api_token(&app.state, &olaf, "script", None)
        .await
        .unwrap()
        .1;
    let http = reqwest::Client::new();
    let created = http
        .post(app.url("/api/v1/events/cmr-2026/team"))
        .bearer_auth(&token)
        .json(&json!({"email": "petra@partner.example", "name": "Petra Partner", "role": "organiser", "language": "en"}))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 201);
    let location = created.headers()["location"].to_str().unwrap().to_string();
    let body: serde_json::Value = created.json().await.unwrap();
    assert_eq!(body["role"], "organiser");
    assert!(location.ends_with(&format!("/events/cmr-2026/team/{}", body["id"])));
    let read = http
        .get(app.url(&location.replace(&app.base_url, "")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(read.status(), 200);
    let wrong = http
        .post(app.url("/api/v1/events/cmr-2026/team"))
        .bearer_auth(&token)
        .json(&json!({"email": "jury@example.org", "name": "J", "role": "juror"}))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 422);
    let gone = http
        .delete(app.url(&format!("/api/v1/events/cmr-2026/team/{}", body["id"])))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(gone.status(), 200);
    app.drain_outbox().await;
    let mail = app.mail.nth_to("petra@partner.example", 1);
    assert_eq!(
        mail.subject,
        "You are now in the team of Clusters meet Regions NRW"
    );
}

/// With the site open to organisers, a request is approved the moment it is made (pages and
/// API); the administrators' area shows the site in numbers, retries a failed mail, and finds
/// lines in the whole site's log.
#[tokio::test]
async fn an_open_site_approves_at_once_and_administrators_see_the_site() {
    let app = TestApp::spawn().await;
    app.account("admin@example.org", "Sabine Admin", true).await;
    let ada = app.account("ada@example.org", "Ada Lovelace", false).await;
    let admin = app.signed_in("admin@example.org", "en").await;
    let settings = admin.get("/admin/settings").await;
    assert_eq!(
        settings
            .attr("input[name='organiser_signup'][checked]", "value")
            .as_deref(),
        Some("approval")
    );
    let saved = admin
        .submit(&settings, "form.stack", &[("organiser_signup", "open")])
        .await;
    assert_eq!(saved.status, 200);
    let bad = admin
        .submit(&settings, "form.stack", &[("organiser_signup", "everyone")])
        .await;
    assert_eq!(bad.status, 422);

    let token =
        convene::account::service::create_api_token(&app.state, &app.actor(ada).await, "ada", None)
            .await
            .unwrap()
            .1;
    let http = reqwest::Client::new();
    let asked = http
        .post(app.url("/api/v1/organiser-requests"))
        .bearer_auth(&token)
        .json(&json!({"name": "Ada Analytics", "kind": "startup", "message": "Hackathon"}))
        .send()
        .await
        .unwrap();
    assert_eq!(asked.status(), 201);
    let asked: serde_json::Value = asked.json().await.unwrap();
    assert_eq!(asked["status"], "approved");
    assert_eq!(asked["organisation"], "ada-analytics");
    let created = http
        .post(app.url("/api/v1/events"))
        .bearer_auth(&token)
        .json(
            &json!({"slug": "hack-2026", "title_de": "Hackathon", "title_en": "Hackathon",
                      "starts_on": "2026-12-01", "ends_on": "2026-12-01"}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 201);
    let created: serde_json::Value = created.json().await.unwrap();
    assert_eq!(created["owner"], "ada-analytics");
    // Her list of requests is hers; the administrators' is everyone's.
    let mine: serde_json::Value = http
        .get(app.url("/api/v1/organiser-requests"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(mine.as_array().unwrap().len(), 1);
    let decide = http
        .post(app.url(&format!(
            "/api/v1/organiser-requests/{}/decline",
            asked["id"]
        )))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(decide.status(), 403);

    // The organisation with who organises for it and what it owns.
    let orgs = admin.get("/admin/organisations").await;
    assert_eq!(orgs.texts("#organisations td.organisers"), ["1"]);
    assert_eq!(orgs.texts("#organisations td.events"), ["1"]);
    assert_eq!(orgs.texts("#organisations td.calls"), ["0"]);
    // Numbers at a glance.
    let overview = admin.get("/admin").await;
    assert_eq!(overview.text("[data-count='events']"), "1");
    assert_eq!(overview.text("[data-count='organisations']"), "1");
    assert_eq!(overview.text("[data-count='accounts']"), "2");

    // A mail that failed every attempt is sent again from the outbox.
    sqlx::query("update outbox set attempts = 8, last_error = 'connection refused'")
        .execute(&app.db)
        .await
        .unwrap();
    let failed = admin.get("/admin/outbox?state=failed").await;
    assert!(!failed.texts("#outbox tbody form").is_empty());
    assert_eq!(
        admin.get("/admin").await.text("[data-count='mail_failed']"),
        failed.texts("#outbox tbody form").len().to_string()
    );
    let retried = admin.submit(&failed, "#outbox tbody form", &[]).await;
    assert_eq!(retried.status, 200);
    assert!(app.drain_outbox().await >= 1);

    // The site's log, searched.
    let log = admin.get("/admin/log?q=ada%20analytics").await;
    assert_eq!(
        log.texts("#log tbody td.what"),
        [
            "Anfrage zum Organisieren angenommen",
            "Organisation angelegt",
            "Anfrage zum Organisieren gestellt"
        ]
    );
    let events = admin.get("/admin/log?kind=event").await;
    assert_eq!(
        events.texts("#log tbody td.what"),
        ["Veranstaltung angelegt"]
    );
    let api_log: serde_json::Value = http
        .get(app.url("/api/v1/admin/log?kind=organiser_request"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(api_log["status"], 403);
}
