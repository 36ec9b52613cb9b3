//! Check-in at the door and who may see personal data; the participant's data export and
//! account deletion.

use convene::account::{Role, Scope};
use convene::registration::service::{self as registration, SettingsInput};
use convene_tests::TestApp;

/// Staff with the check-in role scan codes and search names: valid, already checked in,
/// cancelled, another event's code, unknown; they see names and statuses, never e-mail addresses
/// or answers, and cannot open the organisers' list. The API gives the same outcomes.
#[tokio::test]
async fn check_in_staff_see_at_once_whether_a_code_is_valid_and_nothing_more() {
    let app = TestApp::spawn().await;
    let olaf = app.organiser_and_event("cmr-2026").await;
    app.event(&olaf, "other-2026").await;
    for slug in ["cmr-2026", "other-2026"] {
        let input = SettingsInput {
            capacity: Some(1),
            ..Default::default()
        };
        registration::configure(&app.state, &olaf, slug, &input)
            .await
            .unwrap();
    }
    let mut codes = Vec::new();
    for (email, name, slug) in [
        ("ada@example.org", "Ada Lovelace", "cmr-2026"),
        ("ben@example.org", "Ben Becker", "cmr-2026"),
        ("cem@example.org", "Cem Çelik", "other-2026"),
    ] {
        let id = app.account(email, name, false).await;
        let actor = app.actor(id).await;
        let (r, _) = registration::register(&app.state, &actor, slug, &Default::default())
            .await
            .unwrap();
        codes.push(r.code);
    }
    let door = app.account("door@example.org", "Dora Door", false).await;
    let event_id: i64 = sqlx::query_scalar("select id from events where slug = 'cmr-2026'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    {
        let mut conn = app.db.acquire().await.unwrap();
        convene::account::queries::insert_grant(
            &mut conn,
            door,
            Role::Checkin,
            Scope::Event(event_id),
            Some(olaf.id),
            app.clock.now(),
        )
        .await
        .unwrap();
    }
    let staff = app.signed_in("door@example.org", "de").await;

    // The desk is found from the profile: the role names the event and leads to it.
    let me = staff.get("/me").await;
    let desk = me
        .attr("a[href$='/checkin']", "href")
        .expect("a link to the check-in desk");
    assert_eq!(desk, "/events/cmr-2026/checkin");
    assert!(
        me.body.contains("Clusters meet Regions NRW"),
        "the event by its title"
    );
    let page = staff.get(&desk).await;
    assert_eq!(page.status, 200);
    assert_eq!(page.attr("#code", "type").as_deref(), Some("text"));
    let scan = |code: String| {
        let staff = &staff;
        let page = &page;
        async move {
            staff
                .submit(page, "#checkin-form", &[("code", &code)])
                .await
        }
    };
    let valid = scan(codes[0].clone()).await;
    assert_eq!(valid.status, 200);
    assert_eq!(valid.text(".checkin-message"), "Gültig: eingecheckt.");
    assert_eq!(valid.text(".checkin-name"), "Ada Lovelace");
    let again = scan(codes[0].clone()).await;
    assert_eq!(again.status, 409);
    assert!(
        again
            .text(".checkin-message")
            .starts_with("Bereits eingecheckt am Sonntag, 1. November 2026")
    );
    let waiting = scan(codes[1].clone()).await;
    assert_eq!(
        waiting.text(".checkin-message"),
        "Ungültig: Diese Anmeldung ist nicht bestätigt. (auf der Warteliste)"
    );
    let other = scan(codes[2].clone()).await;
    assert_eq!(
        other.text(".checkin-message"),
        "Ungültig: Dieser Code gehört zu einer anderen Veranstaltung."
    );
    assert_eq!(other.text(".checkin-name"), "", "nobody else's name leaks");
    assert_eq!(
        scan("nonsense".into()).await.text(".checkin-message"),
        "Unbekannter Code."
    );

    // Cancelled: Ada cancels, her code stops working.
    let ada = app.signed_in("ada@example.org", "de").await;
    let mine = ada.get("/events/cmr-2026/registration").await;
    ada.submit(&mine, "#registration form[action$='/cancel']", &[])
        .await;
    assert_eq!(
        scan(codes[0].clone()).await.text(".checkin-message"),
        "Ungültig: Diese Anmeldung ist beendet. (storniert)"
    );

    // Name search: name and status only.
    let found = staff.get("/events/cmr-2026/checkin?q=beck").await;
    assert_eq!(found.texts("ul.found li strong"), ["Ben Becker"]);
    assert!(!found.body.contains("ben@example.org"));
    let by_name = staff.submit(&found, "ul.found form", &[]).await;
    // Ben was offered Ada's place but has not taken it yet.
    assert_eq!(by_name.text(".checkin-name"), "Ben Becker");
    assert_eq!(by_name.status, 409);

    // Staff cannot open the organisers' list, its exports or the answers; participants cannot
    // open the door page.
    assert_eq!(
        staff
            .get("/orga/events/cmr-2026/registrations")
            .await
            .status,
        403
    );
    assert_eq!(
        staff
            .get("/orga/events/cmr-2026/registrations.csv")
            .await
            .status,
        403
    );
    assert_eq!(ada.get("/events/cmr-2026/checkin").await.status, 403);
    assert_eq!(staff.get("/events/other-2026/checkin").await.status, 403);

    // The same through the API, and the live counts.
    let api: serde_json::Value = staff
        .http
        .post(app.url("/api/v1/events/cmr-2026/checkin"))
        .json(&serde_json::json!({"code": codes[2]}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(api["outcome"], "wrong_event");
    let orga = app.signed_in("orga@example.org", "de").await;
    let live: serde_json::Value = orga
        .http
        .get(app.url("/orga/events/cmr-2026/registrations/live.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(live["offered"], "1");
    assert_eq!(
        live["checked_in"], "0",
        "Ada's check-in ended with her registration"
    );
}

/// Site-wide check-in staff work the door of every public event, but a draft (or an event set
/// back to draft) stays with its organisers and the staff they named for it: the page, the name
/// search and the API answer 404 as for anyone else.
#[tokio::test]
async fn site_wide_check_in_staff_do_not_see_draft_events() {
    let app = TestApp::spawn().await;
    let olaf = app.organiser_and_event("cmr-2026").await;
    let input = convene::event::model::EventInput {
        slug: "draft-2027".into(),
        title_de: "Entwurf".into(),
        title_en: "Draft".into(),
        venue: "Haus der Universität".into(),
        address: "Schadowplatz 14, 40212 Düsseldorf".into(),
        timezone: "Europe/Berlin".into(),
        starts_on: "2027-03-01".into(),
        ends_on: "2027-03-01".into(),
        ..Default::default()
    };
    convene::event::service::create(&app.state, &olaf, &input)
        .await
        .unwrap();
    let door = app.account("door@example.org", "Dora Door", false).await;
    {
        let mut conn = app.db.acquire().await.unwrap();
        convene::account::queries::insert_grant(
            &mut conn,
            door,
            Role::Checkin,
            Scope::Site,
            None,
            app.clock.now(),
        )
        .await
        .unwrap();
    }
    let staff = app.signed_in("door@example.org", "en").await;
    assert_eq!(staff.get("/events/cmr-2026/checkin").await.status, 200);
    // They find the desk from the event they work at (they have no event of their own on /me);
    // participants do not.
    let event = staff.get("/events/cmr-2026").await;
    assert_eq!(
        event
            .attr("a[href='/events/cmr-2026/checkin']", "href")
            .as_deref(),
        Some("/events/cmr-2026/checkin")
    );
    let visitor = app.client("en").get("/events/cmr-2026").await;
    assert!(!visitor.body.contains("/events/cmr-2026/checkin"));
    for path in [
        "/events/draft-2027/checkin",
        "/events/draft-2027/checkin?q=a",
    ] {
        assert_eq!(staff.get(path).await.status, 404, "{path}");
    }
    let api = staff
        .http
        .post(app.url("/api/v1/events/draft-2027/checkin"))
        .json(&serde_json::json!({"code": "ABCD"}))
        .send()
        .await
        .unwrap();
    assert_eq!(api.status(), 404);

    // Set back to draft, the published event closes its door to them too; its organiser keeps it.
    convene::event::service::set_status(&app.state, &olaf, "cmr-2026", "draft")
        .await
        .unwrap();
    assert_eq!(staff.get("/events/cmr-2026/checkin").await.status, 404);
    let orga = app.signed_in("orga@example.org", "en").await;
    assert_eq!(orga.get("/events/draft-2027/checkin").await.status, 200);

    // Published, the draft's door opens for them.
    convene::event::service::set_status(&app.state, &olaf, "draft-2027", "published")
        .await
        .unwrap();
    assert_eq!(staff.get("/events/draft-2027/checkin").await.status, 200);
}

/// A participant downloads everything stored about them, then deletes their account: their
/// place goes to the waiting list, their answers are gone, and the registration stays only as
/// an anonymous row.
#[tokio::test]
async fn participants_download_their_data_and_delete_their_account() {
    let app = TestApp::spawn().await;
    let olaf = app.organiser_and_event("cmr-2026").await;
    let input = SettingsInput {
        capacity: Some(1),
        ..Default::default()
    };
    registration::configure(&app.state, &olaf, "cmr-2026", &input)
        .await
        .unwrap();
    let q = convene::registration::form::QuestionInput {
        kind: "text".into(),
        label_de: "Firma".into(),
        label_en: "Company".into(),
        ..Default::default()
    };
    registration::add_question(&app.state, &olaf, "cmr-2026", &q)
        .await
        .unwrap();
    app.account("ada@example.org", "Ada Lovelace", false).await;
    app.account("ben@example.org", "Ben Becker", false).await;
    let ada = app.signed_in("ada@example.org", "de").await;
    let form = ada.get("/events/cmr-2026/register").await;
    let qname = form.attr("input[name^=q]", "name").unwrap();
    ada.submit(&form, "form.stack", &[(&qname, "Okeanos GmbH")])
        .await;
    let ben = app.signed_in("ben@example.org", "de").await;
    let f = ben.get("/events/cmr-2026/register").await;
    ben.submit(&f, "form.stack", &[]).await;

    let data = ada.get("/me/data.json").await;
    assert!(data.header("content-disposition").starts_with("attachment"));
    let json = data.json();
    assert_eq!(json["account"]["email"], "ada@example.org");
    assert_eq!(json["registrations"][0]["status"], "confirmed");
    assert_eq!(
        json["registrations"][0]["answers"][0]["answer"],
        "Okeanos GmbH"
    );

    let page = ada.get("/me/delete").await;
    let wrong = ada
        .submit(
            &page,
            "form[action='/me/delete']",
            &[("password", "falsch")],
        )
        .await;
    assert_eq!(wrong.status, 422);
    assert_eq!(
        wrong.text("#password-error"),
        "Das Passwort ist nicht richtig."
    );
    let gone = ada
        .submit(
            &page,
            "form[action='/me/delete']",
            &[("password", convene_tests::PASSWORD)],
        )
        .await;
    assert_eq!(gone.text(".flash"), "Ihr Konto wurde gelöscht.");
    assert_eq!(
        app.count("select count(*) from accounts where email = 'ada@example.org'")
            .await,
        0
    );
    assert_eq!(
        app.count("select count(*) from registration_answers").await,
        0
    );
    assert_eq!(
        app.count(
            "select count(*) from registrations where account_id is null and status = 'cancelled'"
        )
        .await,
        1,
        "an anonymous row remains"
    );
    app.drain_outbox().await;
    assert_eq!(
        app.mail.nth_to("ben@example.org", 2).subject,
        "Ein Platz ist für Sie frei: Clusters meet Regions NRW"
    );
    // Signed out: the session is gone with the account.
    assert!(ada.get("/me").await.url.contains("/signin"));
}
