//! Registration: places, the waiting list and offers, under concurrency, on both engines.

use convene::account::Actor;
use convene::registration::RegistrationStatus;
use convene::registration::service::{self as registration, SettingsInput};
use convene_tests::TestApp;

/// `n` participants (accounts without passwords: registering does not sign in).
async fn participants(app: &TestApp, n: usize) -> Vec<Actor> {
    let mut out = Vec::with_capacity(n);
    let mut conn = app.db.acquire().await.unwrap();
    for i in 0..n {
        let email = format!("p{i}@example.org");
        let new = convene::account::queries::NewAccount {
            email: &email,
            name: &format!("Teilnehmer {i}"),
            organisation_id: None,
            language: "de",
            password_hash: None,
            email_confirmed_at: Some(app.clock.now()),
            now: app.clock.now(),
        };
        let id = convene::account::queries::insert(&mut conn, &new)
            .await
            .unwrap();
        out.push(Actor {
            id,
            email,
            name: format!("Teilnehmer {i}"),
            language: Default::default(),
            grants: Vec::new(),
        });
    }
    out
}

async fn open(app: &TestApp, olaf: &Actor, capacity: i64) {
    let input = SettingsInput {
        capacity: Some(capacity),
        ..Default::default()
    };
    registration::configure(&app.state, olaf, "cmr-2026", &input)
        .await
        .unwrap();
}

async fn statuses(app: &TestApp) -> Vec<(i64, String)> {
    sqlx::query_as("select account_id, status from registrations order by created_at, id")
        .fetch_all(&app.db)
        .await
        .unwrap()
}

/// Two hundred people register at the same moment for twenty places: exactly twenty get one,
/// everyone else is on the waiting list in the order their registrations went through, nobody
/// is lost and nobody registered twice.
#[tokio::test]
async fn a_registration_rush_never_overbooks_and_keeps_the_line() {
    let app = TestApp::spawn().await;
    let olaf = app.organiser_and_event("cmr-2026").await;
    open(&app, &olaf, 20).await;
    let people = participants(&app, 200).await;
    // Every decision gets its own instant: the line must follow the order of decisions.
    app.clock.tick_each_read(true);

    let mut tasks = Vec::new();
    for p in people.clone() {
        let state = app.state.clone();
        tasks.push(tokio::spawn(async move {
            registration::register(&state, &p, "cmr-2026", &Default::default())
                .await
                .unwrap()
                .0
        }));
    }
    let mut answers = Vec::new();
    for t in tasks {
        answers.push(t.await.unwrap());
    }

    let rows = statuses(&app).await;
    assert_eq!(rows.len(), 200, "nobody lost, nobody twice");
    let confirmed = rows.iter().filter(|(_, s)| s == "confirmed").count();
    assert_eq!(confirmed, 20);
    assert_eq!(rows.iter().filter(|(_, s)| s == "waitlisted").count(), 180);
    // The line is the order in which registrations were decided (the order of their ids,
    // assigned under the event's lock): the first twenty got places.
    let by_time: Vec<i64> =
        sqlx::query_scalar("select id from registrations order by created_at, id")
            .fetch_all(&app.db)
            .await
            .unwrap();
    let mut by_decision = by_time.clone();
    by_decision.sort();
    assert_eq!(by_time, by_decision, "stamped in the order decided");
    assert!(rows[..20].iter().all(|(_, s)| s == "confirmed"));
    assert!(rows[20..].iter().all(|(_, s)| s == "waitlisted"));
    // Every answer told its person the truth.
    for a in answers {
        let (_, s) = rows
            .iter()
            .find(|(id, _)| *id == a.account_id.unwrap().0)
            .unwrap();
        assert_eq!(s, a.status.as_str());
    }
    assert_eq!(
        app.count("select count(*) from outbox").await,
        200,
        "each person gets one mail"
    );
    // Decided in batches (group commit): fewer commits than registrations.
    let batches = app
        .state
        .decisions
        .stats()
        .batches
        .load(std::sync::atomic::Ordering::Relaxed);
    assert!(batches < 200, "{batches} commits for 200 registrations");
}

/// A double click or a retried request creates one registration, not two.
#[tokio::test]
async fn registering_twice_at_once_creates_one_registration() {
    let app = TestApp::spawn().await;
    let olaf = app.organiser_and_event("cmr-2026").await;
    open(&app, &olaf, 5).await;
    let ada = participants(&app, 1).await.remove(0);

    let mut tasks = Vec::new();
    for _ in 0..10 {
        let (state, ada) = (app.state.clone(), ada.clone());
        tasks.push(tokio::spawn(async move {
            registration::register(&state, &ada, "cmr-2026", &Default::default())
                .await
                .unwrap()
        }));
    }
    let mut ids = Vec::new();
    let mut made = 0;
    for t in tasks {
        let (registration, new) = t.await.unwrap();
        ids.push(registration.id);
        made += usize::from(new);
    }

    ids.dedup();
    assert_eq!(ids.len(), 1);
    assert_eq!(made, 1, "one call made it; the others found it");
    assert_eq!(app.count("select count(*) from registrations").await, 1);
}

/// Cancellations free places that are offered to the first people in line, even when they race
/// each other; an offer not taken in time lapses and moves on; an accepted one confirms.
#[tokio::test]
async fn freed_places_are_offered_in_line_order_and_lapse_after_the_offer_period() {
    let app = TestApp::spawn().await;
    let olaf = app.organiser_and_event("cmr-2026").await;
    open(&app, &olaf, 5).await;
    let people = participants(&app, 12).await;
    for p in &people {
        registration::register(&app.state, p, "cmr-2026", &Default::default())
            .await
            .unwrap();
    }

    let mut tasks = Vec::new();
    for p in &people[..3] {
        let (state, p) = (app.state.clone(), p.clone());
        tasks.push(tokio::spawn(async move {
            registration::cancel(&state, &p, "cmr-2026").await.unwrap()
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }

    let status_of = |i: usize| {
        let app = &app;
        let id = people[i].id.0;
        async move {
            let s: String =
                sqlx::query_scalar("select status from registrations where account_id = $1")
                    .bind(id)
                    .fetch_one(&app.db)
                    .await
                    .unwrap();
            s
        }
    };
    for i in 5..8 {
        assert_eq!(status_of(i).await, "offered", "person {i} is next in line");
    }
    assert_eq!(status_of(8).await, "waitlisted");
    assert_eq!(
        app.count(
            "select count(*) from registrations where status in ('confirmed', 'offered', 'pending')"
        )
        .await,
        5
    );
    app.drain_outbox().await;
    let offer = app.mail.nth_to("p5@example.org", 2);
    assert!(
        offer.subject.starts_with("Ein Platz ist für Sie frei"),
        "{}",
        offer.subject
    );

    let accepted = registration::accept_offer(&app.state, &people[5], "cmr-2026")
        .await
        .unwrap();
    assert_eq!(accepted.status, RegistrationStatus::Confirmed);

    app.clock.advance(chrono::Duration::hours(49));
    assert_eq!(registration::expire_offers(&app.state).await.unwrap(), 2);
    assert_eq!(status_of(6).await, "expired");
    assert_eq!(status_of(7).await, "expired");
    assert_eq!(status_of(8).await, "offered");
    assert_eq!(status_of(9).await, "offered");
    let late = registration::accept_offer(&app.state, &people[6], "cmr-2026").await;
    assert!(late.is_err(), "an expired offer cannot be taken");
    app.drain_outbox().await;
    let lapsed = app.mail.nth_to("p6@example.org", 3);
    assert!(
        lapsed.subject.starts_with("Angebot abgelaufen") && lapsed.text.contains("nicht bis"),
        "the person whose offer lapsed is told: {} / {}",
        lapsed.subject,
        lapsed.text
    );
    assert_eq!(
        app.count(
            "select count(*) from registrations where status in ('confirmed', 'offered', 'pending')"
        )
        .await,
        5
    );
}

/// Registration opens and closes at its instants, to the second; the API answers the same.
#[tokio::test]
async fn registration_opens_and_closes_on_time_and_the_api_follows_the_rules() {
    let app = TestApp::spawn().await;
    let olaf = app.organiser_and_event("cmr-2026").await;
    let now = app.clock.now();
    let input = SettingsInput {
        opens_at: (now + chrono::Duration::hours(1)).to_rfc3339(),
        closes_at: (now + chrono::Duration::hours(2)).to_rfc3339(),
        capacity: Some(1),
        ..Default::default()
    };
    registration::configure(&app.state, &olaf, "cmr-2026", &input)
        .await
        .unwrap();
    app.account("ada@example.org", "Ada Lovelace", false).await;
    let ada = app.signed_in("ada@example.org", "en").await;
    let url = app.url("/api/v1/events/cmr-2026/registration");

    let early = ada
        .http
        .post(&url)
        .json(&serde_json::json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(early.status(), 409);
    let problem: serde_json::Value = early.json().await.unwrap();
    assert_eq!(
        problem["detail"],
        "Die Anmeldung zu dieser Veranstaltung ist noch nicht geöffnet."
    );

    app.clock.advance(chrono::Duration::hours(1));
    let ok: serde_json::Value = ada
        .http
        .post(&url)
        .json(&serde_json::json!({}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(ok["status"], "confirmed");
    let mine: serde_json::Value = ada
        .http
        .get(&url)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(mine["id"], ok["id"]);

    app.clock.advance(chrono::Duration::seconds(3600));
    let other = participants(&app, 1).await.remove(0);
    let late = registration::register(&app.state, &other, "cmr-2026", &Default::default()).await;
    assert!(
        matches!(late, Err(convene::error::AppError::Conflict(ref m)) if m.id == "registration-closed")
    );
    assert_eq!(ada.http.delete(&url).send().await.unwrap().status(), 200);
    assert_eq!(
        ada.http
            .get(&url)
            .send()
            .await
            .unwrap()
            .json::<serde_json::Value>()
            .await
            .unwrap()["status"],
        "cancelled"
    );

    let forbidden = ada
        .http
        .get(app.url("/api/v1/events/cmr-2026/registrations"))
        .send()
        .await
        .unwrap();
    assert_eq!(forbidden.status(), 403);
}

/// Through the pages: the organiser opens registration with one place; Ada registers, Ben
/// lands on the waiting list; Ada cancels, Ben is offered the place by e-mail and takes it; the
/// organiser's list shows everyone in order of arrival.
#[tokio::test]
async fn people_register_wait_and_take_offered_places_through_the_pages() {
    let app = TestApp::spawn().await;
    app.organiser_and_event("cmr-2026").await;
    app.account("ada@example.org", "Ada Lovelace", false).await;
    app.account("ben@example.org", "Ben Becker", false).await;
    let orga = app.signed_in("orga@example.org", "en").await;
    let visitor = app.client("en");
    assert!(
        visitor
            .get("/events/cmr-2026")
            .await
            .texts("#registration")
            .is_empty(),
        "no box before registration is set up"
    );

    let page = orga.get("/orga/events/cmr-2026/registrations").await;
    let bad = orga
        .submit(
            &page,
            "form.stack",
            &[("capacity", "0"), ("opens_at", "morgen")],
        )
        .await;
    assert_eq!(bad.status, 422);
    assert_eq!(bad.texts(".error-summary li").len(), 2);
    let saved = orga
        .submit(
            &page,
            "form.stack",
            &[("capacity", "1"), ("closes_at", "2026-11-07T18:00")],
        )
        .await;
    assert_eq!(
        saved.text(".flash"),
        "Die Einstellungen zur Anmeldung wurden gespeichert."
    );
    assert_eq!(
        saved.attr("#closes_at", "value").as_deref(),
        Some("2026-11-07T18:00"),
        "local time in the event's zone"
    );

    assert_eq!(
        visitor
            .get("/events/cmr-2026")
            .await
            .text("#registration a.button"),
        "Sign in to register"
    );
    let ada = app.signed_in("ada@example.org", "de").await;
    let event = ada.get("/events/cmr-2026").await;
    assert_eq!(
        event.text("#registration p"),
        "Die Anmeldung ist geöffnet bis Samstag, 7. November 2026, 18:00 MEZ."
    );
    let form = ada
        .get(&event.attr("#registration a.button", "href").unwrap())
        .await;
    let registered = ada.submit(&form, "form.stack", &[]).await;
    assert_eq!(
        registered.text(".flash"),
        "Sie sind zur Veranstaltung angemeldet; Ihr Platz ist bestätigt."
    );
    assert_eq!(registered.text("#registration strong"), "bestätigt");
    app.drain_outbox().await;
    assert_eq!(
        app.mail.nth_to("ada@example.org", 1).subject,
        "Ihre Anmeldung: Clusters meet Regions NRW"
    );

    let ben = app.signed_in("ben@example.org", "de").await;
    let form = ben.get("/events/cmr-2026/register").await;
    let waiting = ben.submit(&form, "form.stack", &[]).await;
    assert_eq!(
        waiting.text(".flash"),
        "Die Veranstaltung ist ausgebucht; Sie stehen auf der Warteliste."
    );
    assert_eq!(waiting.text("#registration strong"), "auf der Warteliste");

    let mine = ada.get("/events/cmr-2026/registration").await;
    ada.submit(&mine, "#registration form[action$='/cancel']", &[])
        .await;
    app.drain_outbox().await;
    let offer = app.mail.nth_to("ben@example.org", 2);
    assert_eq!(
        offer.subject,
        "Ein Platz ist für Sie frei: Clusters meet Regions NRW"
    );
    assert!(
        offer
            .text
            .contains("bis Dienstag, 3. November 2026, 10:00 MEZ"),
        "{}",
        offer.text
    );
    let offered = ben.get("/events/cmr-2026").await;
    assert_eq!(
        offered.text("#registration strong"),
        "Platz angeboten, für Sie reserviert bis Dienstag, 3. November 2026, 10:00 MEZ"
    );
    let taken = ben
        .submit(&offered, "#registration form[action$='/accept']", &[])
        .await;
    assert_eq!(taken.text("#registration strong"), "bestätigt");

    let list = orga.get("/orga/events/cmr-2026/registrations").await;
    assert_eq!(
        list.texts("#registrations tbody td:first-child"),
        ["Ada Lovelace", "Ben Becker"]
    );
    assert_eq!(
        list.texts("#registrations tbody td:nth-child(4)"),
        ["storniert", "bestätigt"]
    );
    assert_eq!(list.text("[data-count=confirmed]"), "1 / 1");
    assert_eq!(list.text("[data-count=waitlisted]"), "0");
}

/// Registration times typed on the settings page follow the rule for local times: a time the
/// clocks skip or show twice is refused at its field with the day and zone, and nothing is saved.
#[tokio::test]
async fn registration_times_in_a_daylight_saving_change_are_refused_not_moved() {
    let app = TestApp::spawn().await;
    app.organiser_and_event("cmr-2026").await;
    let orga = app.signed_in("orga@example.org", "de").await;
    let page = orga.get("/orga/events/cmr-2026/registrations").await;
    let refused = orga
        .submit(
            &page,
            "form[action$='/registrations']",
            &[
                ("opens_at", "2026-03-29T02:30"),
                ("closes_at", "2026-10-25T02:15"),
            ],
        )
        .await;
    assert_eq!(refused.status, 422);
    assert!(
        refused
            .text("#opens_at-error")
            .starts_with("02:30 Uhr gibt es am 2026-03-29 in Europe/Berlin nicht"),
        "{}",
        refused.text("#opens_at-error")
    );
    assert!(
        refused
            .text("#closes_at-error")
            .starts_with("02:15 Uhr gibt es am 2026-10-25 in Europe/Berlin zweimal"),
        "{}",
        refused.text("#closes_at-error")
    );
    assert_eq!(
        refused.attr("#opens_at", "value").as_deref(),
        Some("2026-03-29T02:30"),
        "the typing is kept"
    );
    assert_eq!(
        app.count("select count(*) from registration_settings")
            .await,
        0
    );
}

/// Group commit (`convene::db::group_commit`): decisions queued while a batch runs are made
/// together in the next one, under one commit; one that fails undoes only its own writes, and
/// the others of its batch are kept and answered.
#[tokio::test]
async fn decisions_are_committed_in_batches_and_a_failing_one_undoes_only_itself() {
    let app = TestApp::spawn().await;
    let decisions = app.state.decisions.clone();
    let (started, running) = tokio::sync::oneshot::channel::<()>();
    let (release, released) = tokio::sync::oneshot::channel::<()>();
    let blocker = tokio::spawn({
        let decisions = decisions.clone();
        async move {
            decisions
                .run(("events", 1), move |_conn| {
                    Box::pin(async move {
                        let _ = started.send(());
                        let _ = released.await;
                        Ok(())
                    })
                })
                .await
        }
    });
    running.await.unwrap();
    let now = app.clock.now();
    let mut queued = Vec::new();
    for (action, fails) in [
        ("test.first", false),
        ("test.second", true),
        ("test.third", false),
    ] {
        let decisions = decisions.clone();
        queued.push(tokio::spawn(async move {
            decisions
                .run(("events", 2), move |conn| {
                    Box::pin(async move {
                        convene::audit::record(conn, None, action, "test", "", now).await?;
                        if fails {
                            return Err(convene::error::AppError::Conflict(
                                convene::error::Msg::new("registration-closed"),
                            ));
                        }
                        Ok(action)
                    })
                })
                .await
        }));
    }
    // All three wait in the queue while the first batch still runs.
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    release.send(()).unwrap();
    blocker.await.unwrap().unwrap();
    let mut outcomes = Vec::new();
    for q in queued {
        outcomes.push(q.await.unwrap().map_err(|e| e.to_string()));
    }
    assert_eq!(outcomes[0], Ok("test.first"));
    assert!(outcomes[1].is_err());
    assert_eq!(outcomes[2], Ok("test.third"));
    let kept: Vec<String> =
        sqlx::query_scalar("select action from audit_log where action like 'test.%' order by id")
            .fetch_all(&app.db)
            .await
            .unwrap();
    assert_eq!(kept, ["test.first", "test.third"]);
    let stats = decisions.stats();
    assert_eq!(
        stats.batches.load(std::sync::atomic::Ordering::Relaxed),
        2,
        "the three queued decisions share one commit"
    );
}
