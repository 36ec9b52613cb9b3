//! The agenda: rooms, sessions, clash checks, publishing versions, the public grid and filters.

use chrono::{DateTime, Utc};
use convene::agenda::model::{SessionInput, TrackInput};
use convene::agenda::service as agenda;
use convene_tests::TestApp;

/// A session as the organiser's form would send it.
pub fn session(title: &str, day: &str, start: &str, end: &str, room: &str) -> SessionInput {
    SessionInput {
        kind: "panel".into(),
        title_de: title.into(),
        day: day.into(),
        start: start.into(),
        end: end.into(),
        room: room.into(),
        ..Default::default()
    }
}

/// An organiser builds an agenda through the pages: a room, two sessions in it at the same time
/// (publishing is refused and both are named), then one is moved and publishing works; visitors
/// then see the sessions, never the drafts.
#[tokio::test]
async fn the_agenda_is_checked_before_it_is_published() {
    let app = TestApp::spawn().await;
    let olaf = app.organiser("orga@example.org", "Olaf Organiser").await;
    let olaf_actor = app.actor(olaf).await;
    app.event(&olaf_actor, "cmr-2026").await;
    let orga = app.signed_in("orga@example.org", "en").await;
    let visitor = app.client("en");

    let rooms = orga.get("/orga/events/cmr-2026/rooms").await;
    let added = orga
        .submit(
            &rooms,
            "form[action$='/rooms']",
            &[("name", "Saal A"), ("capacity", "120")],
        )
        .await;
    assert_eq!(added.texts("#rooms tbody td:first-child"), ["Saal A"]);
    let room_id: i64 = sqlx::query_scalar("select id from rooms")
        .fetch_one(&app.db)
        .await
        .unwrap();

    let new = orga.get("/orga/events/cmr-2026/sessions/new").await;
    let first = [
        ("kind", "panel"),
        ("title_de", "Panel: Die duale Transformation"),
        ("day", "2026-11-08"),
        ("start", "09:30"),
        ("end", "10:45"),
        ("room", &room_id.to_string()),
        (
            "people",
            "moderator: Sarah Kerßebaum, Business Metropole Ruhr\npanelist: Dr. Jan Weber",
        ),
    ];
    let after = orga.submit(&new, "form.stack", &first).await;
    assert_eq!(
        after.text(".flash"),
        "Die Session wurde als Entwurf hinzugefügt."
    );
    let clash = orga
        .submit(
            &new,
            "form.stack",
            &[
                ("title_de", "Pitching-Session"),
                ("start", "10:00"),
                ("end", "11:00"),
                ("room", &room_id.to_string()),
            ],
        )
        .await;
    assert_eq!(
        clash.texts("#warnings li"),
        [
            "Raum Saal A ist doppelt belegt: „Panel: Die duale Transformation“ und „Pitching-Session“."
        ]
    );

    let refused = orga.submit(&clash, "form[action$='/publish']", &[]).await;
    assert_eq!(refused.status, 409);
    assert_eq!(app.count("select count(*) from agenda_versions").await, 0);
    assert_eq!(
        visitor
            .get("/events/cmr-2026/agenda")
            .await
            .texts(".slot h3"),
        Vec::<String>::new(),
        "drafts stay private"
    );

    let pitching_id: i64 =
        sqlx::query_scalar("select id from agenda_sessions where title_de = 'Pitching-Session'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    let edit = orga
        .get(&format!("/orga/events/cmr-2026/sessions/{pitching_id}"))
        .await;
    assert_eq!(
        edit.attr("#start", "value").as_deref(),
        Some("10:00"),
        "the form shows local times"
    );
    orga.submit(&edit, "form.stack", &[("start", "11:00"), ("end", "12:00")])
        .await;
    let ok = orga.get("/orga/events/cmr-2026/agenda").await;
    assert!(ok.texts("#warnings li").is_empty());
    let published = orga.submit(&ok, "form[action$='/publish']", &[]).await;
    assert_eq!(
        published.text(".flash"),
        "Das Programm wurde veröffentlicht."
    );
    assert_eq!(
        app.count("select count(*) from agenda_sessions where status = 'scheduled'")
            .await,
        2
    );
    assert_eq!(app.count("select agenda_version from events").await, 1);

    let public = visitor.get("/events/cmr-2026/agenda").await;
    assert_eq!(
        public.texts(".slot h3"),
        ["Panel: Die duale Transformation", "Pitching-Session"]
    );
    assert_eq!(
        public.texts(".slot .slot-meta time"),
        ["09:30–10:45", "11:00–12:00"]
    );
    assert_eq!(
        public.text(".slot .slot-people"),
        "Sarah Kerßebaum (Business Metropole Ruhr), Dr. Jan Weber"
    );
    assert_eq!(
        public.texts(".agenda-day h2"),
        ["Sunday, 8 November 2026", "Monday, 9 November 2026"]
    );
    assert!(
        public
            .attr(".agenda-grid", "class")
            .unwrap()
            .contains("cols-1")
    );
}

/// After a second publication, participants see what was added, moved and cancelled.
#[tokio::test]
async fn participants_see_what_changed_since_the_last_version() {
    let app = TestApp::spawn().await;
    let olaf = app.organiser_and_event("cmr-2026").await;
    let s = &app.state;
    let room = app.room(&olaf, "cmr-2026", "Saal A").await;
    let keynote = app
        .session(
            &olaf,
            "cmr-2026",
            &session("Eröffnung", "2026-11-08", "09:00", "09:30", &room),
        )
        .await;
    let panel = app
        .session(
            &olaf,
            "cmr-2026",
            &session("Panel Wasserstoff", "2026-11-08", "10:00", "11:00", &room),
        )
        .await;
    agenda::publish(s, &olaf, "cmr-2026").await.unwrap();
    // The first version is no change: it says it is the first, not that nothing changed.
    let first = app.client("en").get("/events/cmr-2026/agenda").await;
    assert!(
        first.text("#changes-title").starts_with("Published on"),
        "{}",
        first.text("#changes-title")
    );
    assert!(
        first
            .text(".changes p")
            .starts_with("This is the first published version")
    );

    agenda::update_session(
        s,
        &olaf,
        "cmr-2026",
        keynote,
        &session("Eröffnung", "2026-11-08", "09:15", "09:45", &room),
    )
    .await
    .unwrap();
    agenda::set_session_status(s, &olaf, "cmr-2026", panel, "cancelled")
        .await
        .unwrap();
    app.session(
        &olaf,
        "cmr-2026",
        &session("Werksführung", "2026-11-09", "13:00", "15:00", ""),
    )
    .await;
    agenda::publish(s, &olaf, "cmr-2026").await.unwrap();

    let page = app.client("de").get("/events/cmr-2026/agenda").await;
    assert!(
        page.text("#changes-title")
            .starts_with("Was sich in Version 2 geändert hat"),
        "{}",
        page.text("#changes-title")
    );
    assert_eq!(
        page.texts(".changes li"),
        [
            "neu Werksführung – Montag, 9. November 2026, 13:00–15:00 MEZ",
            "verschoben Eröffnung – bisher Sonntag, 8. November 2026, 09:00–09:30 MEZ, Saal A, jetzt Sonntag, 8. November 2026, 09:15–09:45 MEZ, Saal A",
            "abgesagt Panel Wasserstoff – Sonntag, 8. November 2026, 10:00–11:00 MEZ, Saal A",
        ]
    );
    assert_eq!(
        page.texts(".slot.cancelled h3"),
        ["Panel Wasserstoff"],
        "cancelled sessions stay visible, marked"
    );
}

/// The public agenda filters by track and type without JavaScript.
#[tokio::test]
async fn the_public_agenda_filters_by_track_and_type() {
    let app = TestApp::spawn().await;
    let olaf = app.organiser_and_event("cmr-2026").await;
    let s = &app.state;
    agenda::create_track(
        s,
        &olaf,
        "cmr-2026",
        &TrackInput {
            name_de: "Wasserstoff".into(),
            name_en: "Hydrogen".into(),
        },
    )
    .await
    .unwrap();
    let track: i64 = sqlx::query_scalar("select id from tracks")
        .fetch_one(&app.db)
        .await
        .unwrap();
    let mut h2 = session(
        "Wasserstoff-Logistik im Ruhrgebiet",
        "2026-11-08",
        "10:00",
        "11:00",
        "",
    );
    h2.track = track.to_string();
    h2.kind = "talk".into();
    app.session(&olaf, "cmr-2026", &h2).await;
    app.session(
        &olaf,
        "cmr-2026",
        &session("Podium KI", "2026-11-08", "11:00", "12:00", ""),
    )
    .await;
    agenda::publish(s, &olaf, "cmr-2026").await.unwrap();
    let client = app.client("en");

    let by_track = client
        .get(&format!("/events/cmr-2026/agenda?track={track}"))
        .await;
    let by_kind = client.get("/events/cmr-2026/agenda?kind=panel").await;
    let all = client.get("/events/cmr-2026/agenda?track=&kind=").await;

    assert_eq!(
        by_track.texts(".slot h3"),
        ["Wasserstoff-Logistik im Ruhrgebiet"]
    );
    assert_eq!(
        by_track.text(".slot .slot-meta"),
        "10:00–11:00 · Talk · Hydrogen"
    );
    assert_eq!(by_kind.texts(".slot h3"), ["Podium KI"]);
    assert_eq!(all.texts(".slot h3").len(), 2);
    assert_eq!(
        by_kind.attr("#kind option[selected]", "value").as_deref(),
        Some("panel")
    );
}

/// Bad session input gets every problem named, keeps what was typed, and saves nothing.
#[tokio::test]
async fn bad_session_input_is_explained_and_saves_nothing() {
    let app = TestApp::spawn().await;
    app.organiser("orga@example.org", "Olaf Organiser").await;
    let olaf = app.actor(convene::ids::AccountId(1)).await;
    app.event(&olaf, "cmr-2026").await;
    let orga = app.signed_in("orga@example.org", "de").await;

    let form = orga.get("/orga/events/cmr-2026/sessions/new").await;
    let long_title = "T".repeat(201);
    let page = orga
        .submit(
            &form,
            "form.stack",
            &[
                ("title_de", &long_title),
                ("start", "11:00"),
                ("end", "10:00"),
                ("room", "999"),
                ("people", "Ada ohne Rolle"),
            ],
        )
        .await;

    assert_eq!(page.status, 422);
    assert_eq!(
        page.texts(".error-summary li"),
        [
            "Titel (Deutsch): Höchstens 200 Zeichen",
            "Raum: Wählen Sie einen Raum dieser Veranstaltung",
            "Vortragende, Moderation und Podium: Zeile 1 hat nicht die Form „Rolle: Name, Organisation“ mit der Rolle Vortrag, Moderation oder Podium",
            "Ende: Das Ende muss nach dem Beginn liegen",
        ]
    );
    assert_eq!(page.text("#people"), "Ada ohne Rolle");
    assert_eq!(app.count("select count(*) from agenda_sessions").await, 0);
}

/// Scripts build and publish an agenda through the API with the same rules as the pages:
/// a clash is refused with 409 and listed, drafts are visible to organisers only.
#[tokio::test]
async fn the_agenda_api_follows_the_same_rules_as_the_pages() {
    use serde_json::json;
    let app = TestApp::spawn().await;
    app.organiser("orga@example.org", "Olaf Organiser").await;
    let orga = app.signed_in("orga@example.org", "en").await;
    let http = &orga.http;

    let created = http
        .post(app.url("/api/v1/events"))
        .json(&json!({ "slug": "cmr-2026", "title_de": "Clusters meet Regions NRW", "title_en": "Clusters meet Regions NRW", "starts_on": "2026-11-08", "ends_on": "2026-11-09" }))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 201);
    // A web address in use is a conflict with what is stored (409), named at its field; the
    // same for a room name.
    let again = http
        .post(app.url("/api/v1/events"))
        .header("accept-language", "en")
        .json(&json!({ "slug": "cmr-2026", "title_de": "Noch einmal", "title_en": "Again", "starts_on": "2026-11-08", "ends_on": "2026-11-09" }))
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 409);
    let problem: serde_json::Value = again.json().await.unwrap();
    assert_eq!(problem["code"], "valid-slug-taken", "{problem}");
    assert_eq!(
        problem["fields"]["slug"],
        json!([problem["detail"].as_str().unwrap()])
    );
    assert_eq!(app.count("select count(*) from events").await, 1);
    // A year no calendar can write is refused at its field, not turned into a broken feed.
    for (field, bad) in [("starts_on", "0000-01-01"), ("ends_on", "+10000-01-01")] {
        let mut body = json!({ "slug": "far-future", "title_de": "Fern", "title_en": "Far", "starts_on": "2026-11-08", "ends_on": "2026-11-09" });
        body[field] = json!(bad);
        let refused = http
            .post(app.url("/api/v1/events"))
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(refused.status(), 422, "{field} {bad}");
        let problem: serde_json::Value = refused.json().await.unwrap();
        assert!(problem["fields"][field].is_array(), "{problem}");
    }
    let room: serde_json::Value = http
        .post(app.url("/api/v1/events/cmr-2026/rooms"))
        .json(&json!({ "name": "Saal A" }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let same_room = http
        .post(app.url("/api/v1/events/cmr-2026/rooms"))
        .json(&json!({ "name": "Saal A" }))
        .send()
        .await
        .unwrap();
    assert_eq!(same_room.status(), 409);
    let session = |title: &str, start: &str, end: &str| {
        json!({ "kind": "panel", "title_de": title, "day": "2026-11-08", "start": start, "end": end, "room_id": room["id"],
                "people": [{ "role": "moderator", "name": "Sarah Kerßebaum", "organisation": "Business Metropole Ruhr" }] })
    };
    for (title, start, end) in [("Panel A", "09:00", "10:00"), ("Panel B", "09:30", "10:30")] {
        let r = http
            .post(app.url("/api/v1/events/cmr-2026/sessions"))
            .json(&session(title, start, end))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 201, "{}", r.text().await.unwrap());
    }
    let bad = http
        .post(app.url("/api/v1/events/cmr-2026/sessions"))
        .json(&session("", "11:00", "10:00"))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 422);
    let bad: serde_json::Value = bad.json().await.unwrap();
    assert_eq!(
        bad["fields"]["title_de"],
        json!(["Geben Sie einen Titel ein"])
    );
    assert_eq!(
        bad["fields"]["end"],
        json!(["Das Ende muss nach dem Beginn liegen"])
    );

    let refused = http
        .post(app.url("/api/v1/events/cmr-2026/agenda/publish"))
        .header("x-requested-with", "fetch")
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 409);
    let warnings: serde_json::Value = http
        .get(app.url("/api/v1/events/cmr-2026/agenda/warnings"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        warnings.as_array().unwrap().len(),
        2,
        "a room clash and a person clash: {warnings}"
    );

    let all: serde_json::Value = http
        .get(app.url("/api/v1/events/cmr-2026/sessions?drafts=true"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let b_id = all
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["title_de"] == "Panel B")
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let mut moved = session("Panel B", "10:00", "11:00");
    moved["people"] = json!([]);
    assert_eq!(
        http.put(app.url(&format!("/api/v1/events/cmr-2026/sessions/{b_id}")))
            .json(&moved)
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    let published: serde_json::Value = http
        .post(app.url("/api/v1/events/cmr-2026/agenda/publish"))
        .header("x-requested-with", "fetch")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(published["version"], 1);
    let versions: serde_json::Value = http
        .get(app.url("/api/v1/events/cmr-2026/agenda/versions"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(versions.as_array().unwrap().len(), 1);
    assert_eq!(versions[0]["version"], 1);

    // The event is still a draft: visitors see nothing, neither event nor sessions.
    let visitor = reqwest::Client::new();
    assert_eq!(
        visitor
            .get(app.url("/api/v1/events/cmr-2026/sessions"))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
    http.post(app.url("/api/v1/events/cmr-2026/status"))
        .json(&json!({ "status": "published" }))
        .send()
        .await
        .unwrap();
    let public: serde_json::Value = visitor
        .get(app.url("/api/v1/events/cmr-2026/sessions"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let titles: Vec<&str> = public
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["title_de"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Panel A", "Panel B"]);
    assert_eq!(public[1]["local_start"], "2026-11-08T10:00");
    assert_eq!(public[1]["starts_at"], "2026-11-08T09:00:00+00:00");
    assert_eq!(public[0]["people"][0]["name"], "Sarah Kerßebaum");
    let drafts = visitor
        .get(app.url("/api/v1/events/cmr-2026/sessions?drafts=true"))
        .send()
        .await
        .unwrap();
    assert_eq!(drafts.status(), 401);
}

/// Speakers can be linked to their accounts by e-mail; an unknown address is refused; the
/// event page names the organising organisations.
#[tokio::test]
async fn speakers_link_to_accounts_and_events_name_their_organisers() {
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
        organisations: Some(
            "NRW.innovativ\nEuropean Cluster Collaboration Platform\nnrw.innovativ".into(),
        ),
        ..Default::default()
    };
    convene::event::service::create(&app.state, &olaf, &input)
        .await
        .unwrap();
    convene::event::service::set_status(&app.state, &olaf, "cmr-2026", "published")
        .await
        .unwrap();
    app.account("ada@example.org", "Ada Lovelace", false).await;
    let orga = app.signed_in("orga@example.org", "en").await;

    let page = app.client("en").get("/events/cmr-2026").await;
    assert!(
        page.texts("dl.summary dd")
            .contains(&"European Cluster Collaboration Platform, NRW.innovativ".to_string()),
        "{:?}",
        page.texts("dl.summary dd")
    );

    let form = orga.get("/orga/events/cmr-2026/sessions/new").await;
    let unknown = orga
        .submit(
            &form,
            "form.stack",
            &[
                ("title_de", "Keynote"),
                ("people", "speaker: Eve <eve@example.org>"),
            ],
        )
        .await;
    assert_eq!(unknown.status, 422);
    assert_eq!(
        unknown.text("#people-error"),
        "Kein Konto hat die E-Mail-Adresse eve@example.org; lassen Sie sie weg, um einen Gast zu nennen"
    );
    orga.submit(
        &form,
        "form.stack",
        &[
            ("title_de", "Keynote"),
            (
                "people",
                "speaker: Ada Lovelace <ADA@example.org>, Analytical Engines",
            ),
        ],
    )
    .await;
    assert_eq!(
        app.count("select count(*) from session_people p join accounts a on a.id = p.account_id where a.email = 'ada@example.org'").await,
        1
    );
    let id: i64 = sqlx::query_scalar("select id from agenda_sessions")
        .fetch_one(&app.db)
        .await
        .unwrap();
    let edit = orga
        .get(&format!("/orga/events/cmr-2026/sessions/{id}"))
        .await;
    assert_eq!(
        edit.text("#people"),
        "speaker: Ada Lovelace <ada@example.org>, Analytical Engines"
    );
}

/// Organisers rename rooms and set their hours; a name the event already has is refused.
#[tokio::test]
async fn organisers_edit_rooms() {
    let app = TestApp::spawn().await;
    let olaf = app.organiser_and_event("cmr-2026").await;
    let saal = app.room(&olaf, "cmr-2026", "Saal A").await;
    app.room(&olaf, "cmr-2026", "Saal B").await;
    let orga = app.signed_in("orga@example.org", "en").await;

    let form = orga
        .get(&format!("/orga/events/cmr-2026/rooms/{saal}"))
        .await;
    assert_eq!(form.attr("#name", "value").as_deref(), Some("Saal A"));
    let taken = orga
        .submit(&form, "form.stack", &[("name", "saal b")])
        .await;
    let saved = orga
        .submit(
            &form,
            "form.stack",
            &[
                ("name", "Plenarsaal"),
                ("capacity", "250"),
                ("available_from", "08:00"),
                ("available_until", "18:00"),
            ],
        )
        .await;

    assert_eq!(taken.status, 422);
    assert_eq!(
        taken.text("#name-error"),
        "Die Veranstaltung hat schon einen Raum mit diesem Namen"
    );
    assert_eq!(saved.text(".flash"), "Der Raum wurde gespeichert.");
    assert_eq!(
        saved.texts("#rooms tbody td:first-child"),
        ["Plenarsaal", "Saal B"]
    );
    assert_eq!(
        saved.texts("#rooms tbody td:nth-child(3)"),
        ["08:00–18:00", "ganztägig"]
    );
}

/// Where session `id` is: (room id or 0, start, end, status).
async fn stored(app: &TestApp, id: convene::ids::SessionId) -> (i64, String, String, String) {
    let (room, starts_at, ends_at, status): (Option<i64>, DateTime<Utc>, DateTime<Utc>, String) =
        sqlx::query_as(
            "select room_id, starts_at, ends_at, status from agenda_sessions where id = $1",
        )
        .bind(id)
        .fetch_one(&app.db)
        .await
        .unwrap();
    (
        room.unwrap_or(0),
        starts_at.to_rfc3339(),
        ends_at.to_rfc3339(),
        status,
    )
}

/// A published session is live: moving it onto another session's room and time is refused with
/// the clash named, through the page and the API, and nothing changes; a move that clashes with
/// nothing goes live; restoring a cancelled session into a slot taken meanwhile is refused too.
#[tokio::test]
async fn changes_to_published_sessions_are_checked_like_publishing() {
    use serde_json::json;
    let app = TestApp::spawn().await;
    let olaf = app.organiser_and_event("cmr-2026").await;
    let saal_a = app.room(&olaf, "cmr-2026", "Saal A").await;
    let saal_b = app.room(&olaf, "cmr-2026", "Saal B").await;
    let panel = app
        .session(
            &olaf,
            "cmr-2026",
            &session("Panel", "2026-11-08", "10:00", "11:00", &saal_a),
        )
        .await;
    let pitching = app
        .session(
            &olaf,
            "cmr-2026",
            &session("Pitching", "2026-11-08", "10:30", "11:30", &saal_b),
        )
        .await;
    agenda::publish(&app.state, &olaf, "cmr-2026")
        .await
        .unwrap();
    let before = stored(&app, pitching).await;
    let orga = app.signed_in("orga@example.org", "de").await;

    let form = orga
        .get(&format!("/orga/events/cmr-2026/sessions/{pitching}"))
        .await;
    let refused = orga.submit(&form, "form.stack", &[("room", &saal_a)]).await;
    let api = orga
        .http
        .put(app.url(&format!("/api/v1/events/cmr-2026/sessions/{pitching}")))
        .json(
            &json!({ "kind": "panel", "title_de": "Pitching", "day": "2026-11-08",
            "start": "10:30", "end": "11:30", "room_id": saal_a.parse::<i64>().unwrap() }),
        )
        .send()
        .await
        .unwrap();

    assert_eq!(refused.status, 409);
    assert_eq!(
        refused.texts(".error-summary li"),
        ["Raum Saal A ist doppelt belegt: „Panel“ und „Pitching“."]
    );
    assert_eq!(api.status(), 409);
    let problem: serde_json::Value = api.json().await.unwrap();
    assert_eq!(
        (problem["code"].as_str(), problem["detail"].as_str()),
        (
            Some("agenda-warning-room-twice"),
            Some("Raum Saal A ist doppelt belegt: „Panel“ und „Pitching“.")
        )
    );
    assert_eq!(stored(&app, pitching).await, before, "nothing changed");

    let moved = orga
        .submit(
            &form,
            "form.stack",
            &[("room", &saal_a), ("start", "11:00"), ("end", "12:00")],
        )
        .await;
    assert_eq!(moved.text(".flash"), "Die Session wurde gespeichert.");
    assert_eq!(stored(&app, pitching).await.2, "2026-11-08T11:00:00+00:00");

    // Cancel the panel, put the pitching into its slot, then try to bring the panel back.
    agenda::set_session_status(&app.state, &olaf, "cmr-2026", panel, "cancelled")
        .await
        .unwrap();
    agenda::update_session(
        &app.state,
        &olaf,
        "cmr-2026",
        pitching,
        &session("Pitching", "2026-11-08", "10:00", "11:00", &saal_a),
    )
    .await
    .unwrap();
    let panel_page = orga
        .get(&format!("/orga/events/cmr-2026/sessions/{panel}"))
        .await;
    let restore = orga
        .submit(&panel_page, "form[action$='/status']", &[])
        .await;
    assert_eq!(restore.status, 409);
    assert_eq!(
        restore.texts(".error-summary li"),
        ["Raum Saal A ist doppelt belegt: „Panel“ und „Pitching“."]
    );
    assert_eq!(stored(&app, panel).await.3, "cancelled");
}

/// A draft cancelled before it was ever published stays private: not on the agenda page, not in
/// `agenda.ics`, no page or `.ics` of its own, not in the API, not even after the next
/// publication; restored, it is a draft again. A published session that is cancelled stays
/// visible as cancelled, so calendars remove it.
#[tokio::test]
async fn sessions_cancelled_before_publication_never_appear_publicly() {
    let app = TestApp::spawn().await;
    let olaf = app.organiser_and_event("cmr-2026").await;
    app.session(
        &olaf,
        "cmr-2026",
        &session("Keynote", "2026-11-08", "09:00", "10:00", ""),
    )
    .await;
    agenda::publish(&app.state, &olaf, "cmr-2026")
        .await
        .unwrap();
    let secret = app
        .session(
            &olaf,
            "cmr-2026",
            &session("Geheimes Panel", "2026-11-08", "11:00", "12:00", ""),
        )
        .await;
    let orga = app.signed_in("orga@example.org", "de").await;
    let visitor = app.client("de");

    let page = orga
        .get(&format!("/orga/events/cmr-2026/sessions/{secret}"))
        .await;
    let cancelled = orga.submit(&page, "form[action$='/status']", &[]).await;
    assert_eq!(cancelled.text(".flash"), "Die Session wurde gespeichert.");
    agenda::publish(&app.state, &olaf, "cmr-2026")
        .await
        .unwrap();

    let agenda_page = visitor.get("/events/cmr-2026/agenda").await;
    let ics = visitor.get("/events/cmr-2026/agenda.ics").await;
    let own = visitor
        .get(&format!("/events/cmr-2026/sessions/{secret}"))
        .await;
    let own_ics = visitor
        .get(&format!("/events/cmr-2026/sessions/{secret}/session.ics"))
        .await;
    let api = visitor.get("/api/v1/events/cmr-2026/sessions").await;

    assert_eq!(agenda_page.texts(".slot h3"), ["Keynote"]);
    assert!(ics.body.contains("Keynote"));
    assert!(!ics.body.contains("Geheimes Panel"), "{}", ics.body);
    assert_eq!((own.status, own_ics.status), (404, 404));
    let titles: Vec<String> = api
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["title_de"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(titles, ["Keynote"]);

    let page = orga
        .get(&format!("/orga/events/cmr-2026/sessions/{secret}"))
        .await;
    orga.submit(&page, "form[action$='/status']", &[]).await;
    assert_eq!(stored(&app, secret).await.3, "draft", "restored as a draft");

    let keynote: i64 =
        sqlx::query_scalar("select id from agenda_sessions where title_de = 'Keynote'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    agenda::set_session_status(
        &app.state,
        &olaf,
        "cmr-2026",
        convene::ids::SessionId(keynote),
        "cancelled",
    )
    .await
    .unwrap();
    let ics = visitor.get("/events/cmr-2026/agenda.ics").await;
    assert!(ics.body.contains("STATUS:CANCELLED"), "{}", ics.body);
    assert_eq!(
        visitor
            .get("/events/cmr-2026/agenda")
            .await
            .texts(".slot.cancelled h3"),
        ["Keynote"]
    );
}

/// Creates a published event on `first`..`last` in Berlin.
async fn event_on(
    app: &TestApp,
    by: &convene::account::Actor,
    slug: &str,
    first: &str,
    last: &str,
) {
    let input = convene::event::model::EventInput {
        slug: slug.into(),
        title_de: slug.into(),
        title_en: slug.into(),
        timezone: "Europe/Berlin".into(),
        starts_on: first.into(),
        ends_on: last.into(),
        ..Default::default()
    };
    convene::event::service::create(&app.state, by, &input)
        .await
        .unwrap();
    convene::event::service::set_status(&app.state, by, slug, "published")
        .await
        .unwrap();
}

/// A local time the clocks skip is refused with a message in the organiser's language; a time
/// that happens twice asks which one is meant and keeps the choice, so saving the form
/// unchanged keeps the instant. The API follows the same rule.
#[tokio::test]
async fn daylight_saving_times_are_refused_or_chosen_never_guessed() {
    use serde_json::json;
    let app = TestApp::spawn().await;
    let olaf = app
        .actor(app.organiser("orga@example.org", "Olaf Organiser").await)
        .await;
    event_on(&app, &olaf, "fruehling", "2027-03-27", "2027-03-28").await;
    event_on(&app, &olaf, "herbst", "2027-10-30", "2027-10-31").await;
    let de = app.signed_in("orga@example.org", "de").await;
    let en = app.signed_in("orga@example.org", "en").await;
    en.get("/lang/en").await;
    let night = [
        ("title_de", "Nachtschicht"),
        ("day", "2027-03-28"),
        ("start", "02:30"),
        ("end", "03:30"),
    ];

    let form = de.get("/orga/events/fruehling/sessions/new").await;
    let gap_de = de.submit(&form, "form.stack", &night).await;
    let form = en.get("/orga/events/fruehling/sessions/new").await;
    let gap_en = en.submit(&form, "form.stack", &night).await;

    assert_eq!(gap_de.status, 422);
    assert_eq!(
        gap_de.texts(".error-summary li"),
        [
            "Beginn: 02:30 Uhr gibt es am 2027-03-28 in Europe/Berlin nicht: In dieser Nacht werden die Uhren vorgestellt. Wählen Sie eine andere Uhrzeit"
        ]
    );
    assert_eq!(
        gap_en.texts(".error-summary li"),
        [
            "Starts at: 02:30 does not exist on 2027-03-28 in Europe/Berlin: the clocks go forward that night. Choose another time"
        ]
    );
    assert_eq!(app.count("select count(*) from agenda_sessions").await, 0);

    let form = de.get("/orga/events/herbst/sessions/new").await;
    assert!(
        form.attr("#start_fold", "name").is_none(),
        "no choice on ordinary times"
    );
    let twice = de
        .submit(
            &form,
            "form.stack",
            &[
                ("title_de", "Doppelte Stunde"),
                ("day", "2027-10-31"),
                ("start", "02:30"),
                ("end", "03:30"),
            ],
        )
        .await;
    assert_eq!(twice.status, 422);
    assert_eq!(
        twice.texts(".error-summary li"),
        [
            "Beginn: 02:30 Uhr gibt es am 2027-10-31 in Europe/Berlin zweimal, weil die Uhren zurückgestellt werden: zuerst mit UTC+02:00, dann mit UTC+01:00. Wählen Sie, welche gemeint ist"
        ]
    );
    assert_eq!(
        twice.texts("#start_fold option"),
        [
            "Bitte wählen",
            "das erste Mal 02:30 (UTC+02:00, vor dem Zurückstellen der Uhren)",
            "das zweite Mal 02:30 (UTC+01:00, nach dem Zurückstellen der Uhren)"
        ]
    );
    let chosen = de
        .submit(&twice, "form.stack", &[("start_fold", "later")])
        .await;
    assert_eq!(
        chosen.text(".flash"),
        "Die Session wurde als Entwurf hinzugefügt."
    );
    let id = convene::ids::SessionId(
        sqlx::query_scalar("select id from agenda_sessions")
            .fetch_one(&app.db)
            .await
            .unwrap(),
    );
    let second = stored(&app, id).await;
    assert_eq!(
        (second.1.as_str(), second.2.as_str()),
        ("2027-10-31T01:30:00+00:00", "2027-10-31T02:30:00+00:00"),
        "the second 02:30 (CET) until 03:30 CET: one hour"
    );
    let edit = de.get(&format!("/orga/events/herbst/sessions/{id}")).await;
    assert_eq!(
        edit.attr("#start_fold option[selected]", "value")
            .as_deref(),
        Some("later")
    );
    de.submit(&edit, "form.stack", &[]).await;
    assert_eq!(stored(&app, id).await, second, "saved unchanged, unchanged");

    let http = &en.http;
    let body = |fold: Option<&str>, day: &str| {
        json!({ "kind": "talk", "title_de": "API", "day": day, "start": "02:30", "end": "03:30",
                "start_fold": fold, "room_id": null, "track_id": null, "capacity": null })
    };
    let api_gap = http
        .post(app.url("/api/v1/events/fruehling/sessions"))
        .json(&body(Some("earlier"), "2027-03-28"))
        .send()
        .await
        .unwrap();
    let api_twice = http
        .post(app.url("/api/v1/events/herbst/sessions"))
        .json(&body(None, "2027-10-31"))
        .send()
        .await
        .unwrap();
    let api_chosen = http
        .post(app.url("/api/v1/events/herbst/sessions"))
        .json(&body(Some("earlier"), "2027-10-31"))
        .send()
        .await
        .unwrap();
    assert_eq!(api_gap.status(), 422);
    let problem: serde_json::Value = api_gap.json().await.unwrap();
    assert_eq!(
        problem["fields"]["start"],
        json!([
            "02:30 does not exist on 2027-03-28 in Europe/Berlin: the clocks go forward that night. Choose another time"
        ])
    );
    assert_eq!(api_twice.status(), 422);
    assert_eq!(api_chosen.status(), 201);
    let listed: serde_json::Value = http
        .get(app.url("/api/v1/events/herbst/sessions?drafts=true"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let folds: Vec<(String, String)> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["starts_at"].as_str().unwrap().to_string(),
                s["start_fold"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    assert_eq!(
        folds,
        [
            (
                "2027-10-31T00:30:00+00:00".to_string(),
                "earlier".to_string()
            ),
            ("2027-10-31T01:30:00+00:00".to_string(), "later".to_string())
        ]
    );
}

/// Organisers delete what they no longer need, with clear rules: a room or track is deleted
/// only when no session uses it (the refusal says how many do), a session only while it was
/// never published (a published one is cancelled instead), through the pages and the API.
#[tokio::test]
async fn rooms_tracks_and_unpublished_sessions_can_be_deleted_when_nothing_depends_on_them() {
    use serde_json::json;
    let app = TestApp::spawn().await;
    let olaf = app.organiser_and_event("cmr-2026").await;
    let saal = app.room(&olaf, "cmr-2026", "Saal A").await;
    let foyer = app.room(&olaf, "cmr-2026", "Foyer").await;
    agenda::create_track(
        &app.state,
        &olaf,
        "cmr-2026",
        &TrackInput {
            name_de: "Wasserstoff".into(),
            name_en: "Hydrogen".into(),
        },
    )
    .await
    .unwrap();
    agenda::create_track(
        &app.state,
        &olaf,
        "cmr-2026",
        &TrackInput {
            name_de: "Leer".into(),
            name_en: "Empty".into(),
        },
    )
    .await
    .unwrap();
    let track: i64 = sqlx::query_scalar("select id from tracks where name_de = 'Wasserstoff'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    let keynote = app
        .session(
            &olaf,
            "cmr-2026",
            &SessionInput {
                track: track.to_string(),
                ..session("Keynote", "2026-11-08", "09:00", "10:00", &saal)
            },
        )
        .await;
    agenda::publish(&app.state, &olaf, "cmr-2026")
        .await
        .unwrap();
    let draft = app
        .session(
            &olaf,
            "cmr-2026",
            &session("Entwurf", "2026-11-08", "11:00", "12:00", ""),
        )
        .await;
    let orga = app.signed_in("orga@example.org", "de").await;

    let rooms = orga.get("/orga/events/cmr-2026/rooms").await;
    let refused = orga
        .submit(
            &rooms,
            &format!("form[action$='/rooms/{saal}/delete']"),
            &[],
        )
        .await;
    assert_eq!(refused.status, 409);
    assert_eq!(
        refused.texts(".error-summary li"),
        [
            "Raum Saal A wird von einer Session genutzt (abgesagte zählen mit); verlegen Sie sie zuerst in einen anderen Raum."
        ]
    );
    let deleted = orga
        .submit(
            &rooms,
            &format!("form[action$='/rooms/{foyer}/delete']"),
            &[],
        )
        .await;
    assert_eq!(deleted.text(".flash"), "Der Raum wurde gelöscht.");
    assert_eq!(deleted.texts("#rooms tbody td:first-child"), ["Saal A"]);

    let refused = orga
        .submit(
            &rooms,
            &format!("form[action$='/tracks/{track}/delete']"),
            &[],
        )
        .await;
    assert_eq!(refused.status, 409);
    assert_eq!(
        refused.texts(".error-summary li"),
        [
            "Zum Themenstrang Wasserstoff gehört eine Session (abgesagte zählen mit); ordnen Sie sie zuerst einem anderen zu."
        ]
    );
    let http = &orga.http;
    let empty: i64 = sqlx::query_scalar("select id from tracks where name_de = 'Leer'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    let gone = http
        .delete(app.url(&format!("/api/v1/events/cmr-2026/tracks/{empty}")))
        .send()
        .await
        .unwrap();
    assert_eq!(gone.status(), 200);
    assert_eq!(
        orga.get("/orga/events/cmr-2026/rooms")
            .await
            .texts("#tracks .track-name"),
        ["Wasserstoff"]
    );

    let published = orga
        .get(&format!("/orga/events/cmr-2026/sessions/{keynote}"))
        .await;
    assert!(
        published
            .attr("form[action$='/delete']", "action")
            .is_none(),
        "no delete button on a published session"
    );
    let api_refused = http
        .delete(app.url(&format!("/api/v1/events/cmr-2026/sessions/{keynote}")))
        .send()
        .await
        .unwrap();
    assert_eq!(api_refused.status(), 409);
    let problem: serde_json::Value = api_refused.json().await.unwrap();
    assert_eq!(problem["code"], json!("session-delete-published"));

    let page = orga
        .get(&format!("/orga/events/cmr-2026/sessions/{draft}"))
        .await;
    let deleted = orga.submit(&page, "form[action$='/delete']", &[]).await;
    assert_eq!(deleted.text(".flash"), "Der Entwurf wurde gelöscht.");
    assert_eq!(
        app.count("select count(*) from agenda_sessions").await,
        1,
        "only the keynote is left"
    );
    let api_room = http
        .delete(app.url(&format!("/api/v1/events/cmr-2026/rooms/{saal}")))
        .send()
        .await
        .unwrap();
    assert_eq!(api_room.status(), 409);
}

/// Visitors' agenda pages and the agenda feed are rendered once per version of what they show
/// and served from memory after that. Every kind of change reaches visitors at once, on this
/// server and on a second one sharing the database (whose cache knows nothing of the change):
/// a room renamed, a published session retitled, the event renamed, a speaker added. A new
/// draft changes nothing visitors see.
#[tokio::test]
async fn cached_agenda_pages_and_feeds_follow_every_change_on_every_server() {
    let app = TestApp::spawn().await;
    let (olaf, room, panel) = published_with(&app, "Cluster im Dialog").await;
    let s = &app.state;

    let mut visitors = vec![app.client("de")];
    let mut second = app.client("de");
    second.base_url = app.second_server().await;
    visitors.push(second);
    let both_show = |wanted: &'static str, missing: &'static str| {
        let visitors = &visitors;
        async move {
            for visitor in visitors {
                for path in ["/events/cmr-2026/agenda", "/events/cmr-2026/agenda.ics"] {
                    let page = visitor.get(path).await;
                    assert_eq!(page.status, 200, "{path}");
                    let text = page.body.replace("\r\n ", "");
                    assert!(
                        text.contains(wanted),
                        "{}{path} lacks {wanted:?}",
                        visitor.base_url
                    );
                    assert!(
                        !text.contains(missing),
                        "{}{path} still shows {missing:?}",
                        visitor.base_url
                    );
                }
            }
        }
    };
    both_show("Saal Rhein", "Saal Ruhr").await;
    // Served from memory now: the same tag, and the kept renders of this server.
    let first = visitors[0].get("/events/cmr-2026/agenda").await;
    let again = visitors[0].get("/events/cmr-2026/agenda").await;
    assert_eq!(first.header("etag"), again.header("etag"));
    assert!(!first.header("etag").is_empty());
    assert!(!app.state.renders.is_empty());

    let renamed = convene::agenda::model::RoomInput {
        name: "Saal Ruhr".into(),
        ..Default::default()
    };
    let room_id = convene::ids::RoomId(room.parse().unwrap());
    agenda::update_room(s, &olaf, "cmr-2026", room_id, &renamed)
        .await
        .unwrap();
    both_show("Saal Ruhr", "Saal Rhein").await;

    agenda::update_session(
        s,
        &olaf,
        "cmr-2026",
        panel,
        &session("Regionen im Dialog", "2026-11-08", "10:00", "11:00", &room),
    )
    .await
    .unwrap();
    both_show("Regionen im Dialog", "Cluster im Dialog").await;

    let event = convene::event::service::visible(s, Some(&olaf), "cmr-2026")
        .await
        .unwrap();
    let mut input = convene::event::model::EventInput::of(&event, &[], None);
    input.title_de = "Regionen treffen Cluster".into();
    convene::event::service::update(s, &olaf, "cmr-2026", &input)
        .await
        .unwrap();
    both_show("Regionen treffen Cluster", "Clusters meet Regions NRW").await;

    sqlx::query(
        "insert into session_people (session_id, role, name, organisation, position) values ($1, 'speaker', 'Dr. Ada Wegner', '', 0)",
    )
    .bind(panel)
    .execute(&app.db)
    .await
    .unwrap();
    both_show("Ada Wegner", "Cluster im Dialog").await;

    let tag = visitors[1]
        .get("/events/cmr-2026/agenda")
        .await
        .header("etag");
    app.session(
        &olaf,
        "cmr-2026",
        &session("Geheimer Entwurf", "2026-11-08", "12:00", "13:00", &room),
    )
    .await;
    both_show("Regionen im Dialog", "Geheimer Entwurf").await;
    let after = visitors[1].get("/events/cmr-2026/agenda").await;
    assert!(!after.body.contains("Geheimer Entwurf"));
    assert!(!tag.is_empty(), "the second server tags its page");
}

/// A version that added, moved or cancelled no session (a title was corrected) is named by its
/// number and date, not headed "What changed" above "nothing changed".
#[tokio::test]
async fn a_version_with_only_text_changes_is_named_not_headed_what_changed() {
    let app = TestApp::spawn().await;
    let (olaf, room, panel) = published_with(&app, "Podium").await;
    let s = &app.state;
    let corrected = session("Podium Wasserstoff", "2026-11-08", "10:00", "11:00", &room);
    agenda::update_session(s, &olaf, "cmr-2026", panel, &corrected)
        .await
        .unwrap();
    agenda::publish(s, &olaf, "cmr-2026").await.unwrap();
    for (lang, named, headed, none) in [
        (
            "de",
            "Version 2 vom",
            "Was sich in Version 2",
            "Keine Sitzung wurde hinzugefügt",
        ),
        (
            "en",
            "Version 2 of",
            "What changed in version 2",
            "No session was added",
        ),
    ] {
        let page = app.client(lang).get("/events/cmr-2026/agenda").await;
        assert!(page.body.contains(named), "{lang}: {}", page.text("main"));
        assert!(!page.body.contains(headed), "{lang}");
        assert!(page.body.contains(none), "{lang}");
    }
}

/// The event cmr-2026 with the room "Saal Rhein" and one session `title` in it, published:
/// (organiser, room as the form sends it, session).
async fn published_with(
    app: &TestApp,
    title: &str,
) -> (convene::account::Actor, String, convene::ids::SessionId) {
    let olaf = app.organiser_and_event("cmr-2026").await;
    let room = app.room(&olaf, "cmr-2026", "Saal Rhein").await;
    let input = session(title, "2026-11-08", "10:00", "11:00", &room);
    let id = app.session(&olaf, "cmr-2026", &input).await;
    agenda::publish(&app.state, &olaf, "cmr-2026")
        .await
        .unwrap();
    (olaf, room, id)
}
