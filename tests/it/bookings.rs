//! Limited sessions: seats, their own waiting lists, overlap refusal and the personal feed.

use convene::agenda::model::SessionInput;
use convene::ids::SessionId;
use convene::registration::bookings;
use convene::registration::service::{self as registration, SettingsInput};
use convene_tests::TestApp;

fn limited(title: &str, start: &str, end: &str, seats: &str) -> SessionInput {
    SessionInput {
        kind: "site_visit".into(),
        title_de: title.into(),
        day: "2026-11-08".into(),
        start: start.into(),
        end: end.into(),
        capacity: seats.into(),
        requires_signup: Some("on".into()),
        ..Default::default()
    }
}

/// An event with registration open and the given limited sessions, published.
async fn arranged(
    app: &TestApp,
    sessions: &[SessionInput],
) -> (convene::account::Actor, Vec<SessionId>) {
    let olaf = app.organiser_and_event("cmr-2026").await;
    registration::configure(&app.state, &olaf, "cmr-2026", &SettingsInput::default())
        .await
        .unwrap();
    let mut ids = Vec::new();
    for s in sessions {
        ids.push(app.session(&olaf, "cmr-2026", s).await);
    }
    convene::agenda::service::publish(&app.state, &olaf, "cmr-2026")
        .await
        .unwrap();
    (olaf, ids)
}

/// A hundred registered participants book ten seats at the same moment: exactly ten get one,
/// the rest wait in the order their bookings went through; when seats are given up, the first
/// in line get them, none twice.
#[tokio::test]
async fn concurrent_bookings_never_overbook_a_session_and_keep_its_line() {
    let app = TestApp::spawn().await;
    let (_, ids) = arranged(
        &app,
        &[limited("Werksbesichtigung", "14:00", "16:00", "10")],
    )
    .await;
    let visit = ids[0];
    let mut people = Vec::new();
    for i in 0..100 {
        let id = app
            .account(&format!("p{i}@example.org"), &format!("P {i}"), false)
            .await;
        let actor = app.actor(id).await;
        registration::register(&app.state, &actor, "cmr-2026", &Default::default())
            .await
            .unwrap();
        people.push(actor);
    }
    let tasks: Vec<_> = people
        .iter()
        .cloned()
        .map(|p| {
            let state = app.state.clone();
            tokio::spawn(async move { bookings::book(&state, &p, "cmr-2026", visit).await })
        })
        .collect();
    for t in tasks {
        t.await.unwrap().unwrap();
    }
    let rows: Vec<(i64, String)> =
        sqlx::query_as("select account_id, status from session_bookings order by created_at, id")
            .fetch_all(&app.db)
            .await
            .unwrap();
    assert_eq!(rows.len(), 100, "none lost, none twice");
    assert_eq!(rows.iter().filter(|(_, s)| s == "confirmed").count(), 10);
    assert!(
        rows[..10].iter().all(|(_, s)| s == "confirmed"),
        "the first ten in line"
    );
    let waiting: Vec<i64> = rows[10..].iter().map(|(a, _)| *a).collect();

    // Three seated people give up their seats at once; the first three waiting get them.
    let seated: Vec<_> = people
        .iter()
        .filter(|p| rows[..10].iter().any(|(a, _)| *a == p.id.0))
        .take(3)
        .cloned()
        .collect();
    let tasks: Vec<_> = seated
        .into_iter()
        .map(|p| {
            let state = app.state.clone();
            tokio::spawn(async move { bookings::unbook(&state, &p, "cmr-2026", visit).await })
        })
        .collect();
    for t in tasks {
        t.await.unwrap().unwrap();
    }
    let held: Vec<i64> = sqlx::query_scalar(
        "select account_id from session_bookings where status in ('confirmed', 'offered') order by account_id",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert_eq!(held.len(), 10, "offered seats count as taken");
    let offered: Vec<i64> = sqlx::query_scalar(
        "select account_id from session_bookings where status = 'offered' order by account_id",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    let mut first_three = waiting[..3].to_vec();
    first_three.sort_unstable();
    assert_eq!(
        offered, first_three,
        "the first three in line get the offers"
    );
}

/// Through the pages: booking needs a confirmed registration; overlapping bookings are refused
/// naming the clash; a full session offers its waiting list, which moves up by e-mail; a booked
/// session is in the personal calendar feed; cancelling the registration frees the seat.
#[tokio::test]
async fn bookings_refuse_clashes_wait_in_line_and_reach_the_calendar() {
    let app = TestApp::spawn().await;
    let (_, ids) = arranged(
        &app,
        &[
            limited("Werksbesichtigung Duisburg", "14:00", "16:00", "1"),
            limited("Workshop Wasserstoff", "15:00", "16:30", "20"),
        ],
    )
    .await;
    let (visit, workshop) = (ids[0], ids[1]);
    app.account("ada@example.org", "Ada Lovelace", false).await;
    app.account("ben@example.org", "Ben Becker", false).await;
    let ada = app.signed_in("ada@example.org", "de").await;
    let ben = app.signed_in("ben@example.org", "de").await;
    let visit_url = format!("/events/cmr-2026/sessions/{visit}");

    let page = ada.get(&visit_url).await;
    assert_eq!(
        page.text("#booking p"),
        "0 von 1 Plätzen vergeben, 0 auf der Warteliste."
    );
    assert_eq!(
        page.text("#booking p.hint"),
        "Nur Personen mit bestätigter Anmeldung zur Veranstaltung können einen Platz buchen."
    );
    for c in [&ada, &ben] {
        let f = c.get("/events/cmr-2026/register").await;
        c.submit(&f, "form.stack", &[]).await;
    }

    let page = ada.get(&visit_url).await;
    let booked = ada.submit(&page, "#booking form", &[]).await;
    assert_eq!(booked.text(".flash"), "Ihr Platz ist gebucht.");
    assert_eq!(booked.text("#booking strong"), "Platz gebucht");

    let workshop_page = ada
        .get(&format!("/events/cmr-2026/sessions/{workshop}"))
        .await;
    let clash = ada.submit(&workshop_page, "#booking form", &[]).await;
    assert_eq!(clash.status, 409);
    assert!(
        clash.text("main").contains(
            "Das überschneidet sich mit „Werksbesichtigung Duisburg“ (Sonntag, 8. November 2026, 14:00 MEZ)"
        ),
        "{}",
        clash.text("main")
    );

    let full = ben.get(&visit_url).await;
    assert_eq!(full.text("#booking button"), "Auf die Warteliste");
    let waiting = ben.submit(&full, "#booking form", &[]).await;
    assert_eq!(
        waiting.text(".flash"),
        "Der Programmpunkt ist ausgebucht; Sie stehen auf seiner Warteliste."
    );

    // At the plant visit's door: Ada has a seat, Ben only a place in line.
    let orga = app.signed_in("orga@example.org", "de").await;
    let checkin = |code: String| {
        let orga = &orga;
        let url = app.url("/api/v1/events/cmr-2026/checkin");
        async move {
            orga.http
                .post(url)
                .json(&serde_json::json!({"code": code, "session_id": visit.0}))
                .send()
                .await
                .unwrap()
                .json::<serde_json::Value>()
                .await
                .unwrap()
        }
    };
    let ada_code = ada
        .get("/events/cmr-2026/registration")
        .await
        .text("#personal-code");
    let ben_code = ben
        .get("/events/cmr-2026/registration")
        .await
        .text("#personal-code");
    assert_eq!(checkin(ada_code.clone()).await["outcome"], "valid");
    assert_eq!(checkin(ada_code).await["outcome"], "already_checked_in");
    assert_eq!(checkin(ben_code).await["outcome"], "not_booked");
    assert_eq!(
        app.count("select count(*) from registrations where checked_in_at is not null")
            .await,
        0,
        "a session check-in is not the entrance check-in"
    );

    // Ada's bookings are in her personal feed.
    let feed_link = ada.get("/me/agenda").await.text("#feed-url");
    let feed = ada
        .http
        .get(feed_link.clone())
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        feed.contains("SUMMARY:Werksbesichtigung Duisburg"),
        "{feed}"
    );

    // Ada cancels her registration: her seat is offered to Ben, who is told by e-mail and
    // takes it up on the session's page.
    let mine = ada.get("/events/cmr-2026/registration").await;
    assert_eq!(
        mine.texts("ul.bookings li a"),
        ["Werksbesichtigung Duisburg"]
    );
    ada.submit(&mine, "#registration form[action$='/cancel']", &[])
        .await;
    app.drain_outbox().await;
    let mail = app.mail.nth_to("ben@example.org", 2);
    assert_eq!(
        mail.subject,
        "Ein Platz ist für Sie frei: Werksbesichtigung Duisburg"
    );
    assert!(
        mail.text
            .contains("bis Dienstag, 3. November 2026, 10:00 MEZ für Sie reserviert"),
        "{}",
        mail.text
    );
    let offer = ben.get(&visit_url).await;
    assert_eq!(
        offer.text("#booking strong"),
        "Platz für Sie reserviert bis Dienstag, 3. November 2026, 10:00 MEZ"
    );
    assert_eq!(
        offer.texts("#booking button"),
        ["Platz annehmen", "Angebot ablehnen"]
    );
    let taken = ben.submit(&offer, "#booking form", &[]).await;
    assert_eq!(taken.text(".flash"), "Ihr Platz ist gebucht.");
    assert_eq!(taken.text("#booking strong"), "Platz gebucht");
    let feed = ada
        .http
        .get(feed_link)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        !feed.contains("Werksbesichtigung"),
        "a released seat leaves the feed"
    );
}

/// A freed seat is held for the next person in line for the event's offer period (never past the
/// session's start); an offer not taken up lapses with a mail, and the seat moves on to the next
/// person, who takes it up through the API. Whoever lets an offer lapse may queue again, at the end.
#[tokio::test]
async fn freed_seats_are_offered_for_a_time_and_lapse_to_the_next_in_line() {
    let app = TestApp::spawn().await;
    let (_, ids) = arranged(
        &app,
        &[limited("Werksbesichtigung Duisburg", "14:00", "16:00", "1")],
    )
    .await;
    let visit = ids[0];
    let mut people = Vec::new();
    for (email, name) in [
        ("ada@example.org", "Ada Lovelace"),
        ("ben@example.org", "Ben Becker"),
        ("cem@example.org", "Cem Yilmaz"),
    ] {
        let actor = app.actor(app.account(email, name, false).await).await;
        registration::register(&app.state, &actor, "cmr-2026", &Default::default())
            .await
            .unwrap();
        bookings::book(&app.state, &actor, "cmr-2026", visit)
            .await
            .unwrap();
        people.push(actor);
    }
    let [ada, ben, cem] = [&people[0], &people[1], &people[2]];
    let status = |who: &convene::account::Actor| {
        let (db, id) = (app.db.clone(), who.id.0);
        async move {
            sqlx::query_scalar::<_, String>(
                "select status from session_bookings where account_id = $1",
            )
            .bind(id)
            .fetch_one(&db)
            .await
            .unwrap()
        }
    };

    bookings::unbook(&app.state, ada, "cmr-2026", visit)
        .await
        .unwrap();
    assert_eq!(status(ben).await, "offered");
    assert_eq!(status(cem).await, "waitlisted");
    assert_eq!(
        bookings::expire_offers(&app.state).await.unwrap(),
        0,
        "an offer lasts the event's offer period (48 hours)"
    );

    // Ben lets the offer lapse: he is told, and the seat is offered to Cem.
    app.clock.advance(chrono::Duration::hours(48));
    assert_eq!(bookings::expire_offers(&app.state).await.unwrap(), 1);
    assert_eq!(status(ben).await, "expired");
    assert_eq!(status(cem).await, "offered");
    app.drain_outbox().await;
    let subjects =
        |to: &str| -> Vec<String> { app.mail.to(to).into_iter().map(|m| m.subject).collect() };
    assert!(
        subjects("ben@example.org")
            .contains(&"Angebot abgelaufen: Werksbesichtigung Duisburg".into()),
        "{:?}",
        subjects("ben@example.org")
    );
    assert!(
        subjects("cem@example.org")
            .contains(&"Ein Platz ist für Sie frei: Werksbesichtigung Duisburg".into()),
        "{:?}",
        subjects("cem@example.org")
    );

    // Cem reads the offer in English and takes it up through the API.
    sqlx::query("update accounts set language = 'en' where email = 'cem@example.org'")
        .execute(&app.db)
        .await
        .unwrap();
    let cem_page = app.signed_in("cem@example.org", "en").await;
    let page = cem_page
        .get(&format!("/events/cmr-2026/sessions/{visit}"))
        .await;
    assert!(
        page.text("#booking strong")
            .starts_with("seat held for you until Thursday, 5 November 2026"),
        "{}",
        page.text("#booking strong")
    );
    let token = convene::account::service::create_api_token(&app.state, cem, "bookings", None)
        .await
        .unwrap()
        .1;
    let taken: serde_json::Value = reqwest::Client::new()
        .post(app.url(&format!("/api/v1/events/cmr-2026/sessions/{visit}/booking")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(taken["status"], "confirmed", "{taken}");
    assert!(taken.get("offer_expires_at").is_none(), "{taken}");

    // Ben queues again, at the end of the line.
    let again = bookings::book(&app.state, ben, "cmr-2026", visit)
        .await
        .unwrap();
    assert_eq!(
        again.status,
        convene::registration::model::BookingStatus::Waitlisted
    );

    // An offer made shortly before the session ends when the session starts; none is made once
    // it has started.
    app.clock.advance(chrono::Duration::hours(5 * 24 + 2)); // 8 November, 12:00 MEZ
    bookings::unbook(&app.state, cem, "cmr-2026", visit)
        .await
        .unwrap();
    let until: chrono::DateTime<chrono::Utc> =
        sqlx::query_scalar("select offer_expires_at from session_bookings where account_id = $1")
            .bind(ben.id.0)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(until.to_rfc3339(), "2026-11-08T13:00:00+00:00");
    app.clock.advance(chrono::Duration::hours(2));
    assert_eq!(bookings::expire_offers(&app.state).await.unwrap(), 1);
    assert_eq!(status(ben).await, "expired");
    assert_eq!(
        app.count("select count(*) from session_bookings where status = 'offered'")
            .await,
        0,
        "no offers once the session has started"
    );
}
