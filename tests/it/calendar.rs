//! Calendar export: the agenda feed, one session, the personal feed; read back with two
//! independent parsers.

use convene::agenda::service as agenda;
use convene::event::model::EventInput;
use convene_tests::TestApp;

use crate::agenda::session;

/// The events of an `.ics` text as (UID, SUMMARY unescaped, DTSTART, DTEND, SEQUENCE, STATUS),
/// read with the `icalendar` crate; the `ical` crate must accept the same text.
fn read(ics: &str) -> Vec<(String, String, String, String, u32, String)> {
    let strict: Result<Vec<_>, _> =
        ical::IcalParser::new(std::io::BufReader::new(ics.as_bytes())).collect();
    let strict = strict.expect("the ical crate parses the feed");
    let parsed: icalendar::Calendar = ics.parse().expect("the icalendar crate parses the feed");
    use icalendar::Component;
    let out: Vec<_> = parsed
        .events()
        .map(|e| {
            let prop = |k: &str| e.property_value(k).unwrap_or("").to_string();
            (
                e.get_uid().unwrap_or("").to_string(),
                e.get_summary().unwrap_or("").to_string(),
                prop("DTSTART"),
                prop("DTEND"),
                e.get_sequence().unwrap_or(0),
                prop("STATUS"),
            )
        })
        .collect();
    assert_eq!(
        strict[0].events.len(),
        out.len(),
        "both parsers see the same events"
    );
    out
}

/// The agenda feed holds every public session in UTC with stable UIDs; a change raises its
/// SEQUENCE; a cancelled session stays as CANCELLED; unchanged feeds answer 304.
#[tokio::test]
async fn the_agenda_feed_follows_changes_and_answers_conditional_requests() {
    let app = TestApp::spawn().await;
    let olaf = app.organiser_and_event("cmr-2026").await;
    let s = &app.state;
    let room = app.room(&olaf, "cmr-2026", "Saal A").await;
    let mut panel = session(
        "Panel: Klimaneutralität, Digitalisierung; Cluster",
        "2026-11-08",
        "09:30",
        "10:45",
        &room,
    );
    panel.people = "moderator: Sarah Kerßebaum, Business Metropole Ruhr".into();
    let id = app.session(&olaf, "cmr-2026", &panel).await;
    app.session(
        &olaf,
        "cmr-2026",
        &session("Entwurf bleibt privat", "2026-11-09", "09:00", "10:00", ""),
    )
    .await;
    agenda::publish(s, &olaf, "cmr-2026").await.unwrap();
    app.session(
        &olaf,
        "cmr-2026",
        &session("Neuer Entwurf", "2026-11-09", "11:00", "12:00", ""),
    )
    .await;
    let client = app.client("de");

    let feed = client.get("/events/cmr-2026/agenda.ics").await;
    assert_eq!(feed.status, 200);
    assert_eq!(feed.header("content-type"), "text/calendar; charset=utf-8");
    let events = read(&feed.body);
    let host = app
        .base_url
        .trim_start_matches("http://")
        .split(':')
        .next()
        .unwrap()
        .to_string();
    assert_eq!(
        events.len(),
        2,
        "the draft added after publishing is not in the feed"
    );
    assert_eq!(
        events[0],
        (
            format!("session-{id}@{host}"),
            "Panel: Klimaneutralität, Digitalisierung; Cluster".to_string(),
            "20261108T083000Z".to_string(),
            "20261108T094500Z".to_string(),
            0,
            "CONFIRMED".to_string()
        )
    );
    assert!(
        feed.body.contains("Saal A\\, Haus der Universität"),
        "LOCATION names room and venue"
    );

    let etag = feed.header("etag");
    let again = client
        .http
        .get(app.url("/events/cmr-2026/agenda.ics"))
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304);

    agenda::update_session(
        s,
        &olaf,
        "cmr-2026",
        id,
        &session(
            "Panel: Klimaneutralität, Digitalisierung; Cluster",
            "2026-11-08",
            "10:00",
            "11:15",
            &room,
        ),
    )
    .await
    .unwrap();
    agenda::set_session_status(s, &olaf, "cmr-2026", id, "cancelled")
        .await
        .unwrap();
    let changed = client
        .http
        .get(app.url("/events/cmr-2026/agenda.ics"))
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(changed.status(), 200);
    let events = read(&changed.text().await.unwrap());
    let moved = events
        .iter()
        .find(|e| e.0 == format!("session-{id}@{host}"))
        .unwrap();
    assert_eq!(
        (moved.2.as_str(), moved.4, moved.5.as_str()),
        ("20261108T090000Z", 2, "CANCELLED")
    );

    let one = client
        .get(&format!("/events/cmr-2026/sessions/{id}/session.ics"))
        .await;
    assert_eq!(read(&one.body).len(), 1);
    assert!(
        one.header("content-disposition")
            .contains(&format!("cmr-2026-{id}.ics"))
    );
}

/// Local times around the clock changes end up at the right instants: a time in the
/// spring-forward gap is refused, a time in the autumn overlap is the instant the organiser
/// chose, late October is summer time until the Sunday.
#[tokio::test]
async fn daylight_saving_changes_are_exported_at_the_right_instants() {
    let app = TestApp::spawn().await;
    let olaf = app
        .actor(app.organiser("orga@example.org", "Olaf Organiser").await)
        .await;
    let s = &app.state;
    for (slug, first, last) in [
        ("fruehling", "2026-03-28", "2026-03-29"),
        ("herbst", "2026-10-24", "2026-10-25"),
    ] {
        let input = EventInput {
            slug: slug.into(),
            title_de: slug.into(),
            title_en: slug.into(),
            timezone: "Europe/Berlin".into(),
            starts_on: first.into(),
            ends_on: last.into(),
            ..Default::default()
        };
        convene::event::service::create(s, &olaf, &input)
            .await
            .unwrap();
        convene::event::service::set_status(s, &olaf, slug, "published")
            .await
            .unwrap();
    }
    let gap = convene::agenda::service::create_session(
        s,
        &olaf,
        "fruehling",
        &session("Nachtschicht", "2026-03-29", "02:30", "04:00", ""),
    )
    .await;
    assert!(matches!(gap, Err(convene::error::AppError::Invalid(_))));
    app.session(
        &olaf,
        "fruehling",
        &session("Nachtschicht", "2026-03-29", "03:00", "04:00", ""),
    )
    .await;
    app.session(
        &olaf,
        "herbst",
        &session("Samstag", "2026-10-24", "10:00", "11:00", ""),
    )
    .await;
    app.session(
        &olaf,
        "herbst",
        &convene::agenda::model::SessionInput {
            start_fold: "earlier".into(),
            ..session("Doppelte Stunde", "2026-10-25", "02:30", "03:30", "")
        },
    )
    .await;
    agenda::publish(s, &olaf, "fruehling").await.unwrap();
    agenda::publish(s, &olaf, "herbst").await.unwrap();
    let client = app.client("de");

    let spring = read(&client.get("/events/fruehling/agenda.ics").await.body);
    let autumn = read(&client.get("/events/herbst/agenda.ics").await.body);

    assert_eq!(
        (spring[0].2.as_str(), spring[0].3.as_str()),
        ("20260329T010000Z", "20260329T020000Z")
    );
    assert_eq!(
        (autumn[0].2.as_str(), autumn[0].3.as_str()),
        ("20261024T080000Z", "20261024T090000Z")
    );
    assert_eq!(
        (autumn[1].2.as_str(), autumn[1].3.as_str()),
        ("20261025T003000Z", "20261025T023000Z")
    );
    let page = client.get("/events/herbst/agenda").await;
    assert_eq!(page.texts(".slot time"), ["10:00–11:00", "02:30–03:30"]);
}

/// A participant bookmarks a session, finds it in their personal feed, and a new link revokes
/// the old one.
#[tokio::test]
async fn the_personal_feed_holds_bookmarks_behind_a_revocable_link() {
    let app = TestApp::spawn().await;
    let olaf = app.organiser_and_event("cmr-2026").await;
    let s = &app.state;
    let id = app
        .session(
            &olaf,
            "cmr-2026",
            &session(
                "Werksführung Stahl im Wandel",
                "2026-11-09",
                "13:00",
                "16:00",
                "",
            ),
        )
        .await;
    app.session(
        &olaf,
        "cmr-2026",
        &session("Nicht gemerkt", "2026-11-09", "09:00", "10:00", ""),
    )
    .await;
    agenda::publish(s, &olaf, "cmr-2026").await.unwrap();
    app.account("ada@example.org", "Ada Lovelace", false).await;
    let ada = app.signed_in("ada@example.org", "de").await;

    let agenda_page = ada.get("/events/cmr-2026/agenda").await;
    let marked = ada
        .submit(
            &agenda_page,
            &format!("form[action='/events/cmr-2026/sessions/{id}/bookmark']"),
            &[],
        )
        .await;
    assert!(
        marked.url.ends_with("/events/cmr-2026/agenda"),
        "back to the agenda: {}",
        marked.url
    );
    assert_eq!(marked.text(".flash"), "Die Session ist in Ihrem Programm.");

    let mine = ada.get("/me/agenda").await;
    assert_eq!(mine.texts(".slot h3"), ["Werksführung Stahl im Wandel"]);
    let feed_url = mine.text("#feed-url");
    let feed = app.client("en").get(&feed_url).await;
    assert_eq!(feed.status, 200);
    let items = read(&feed.body);
    assert_eq!(
        items.iter().map(|i| i.1.as_str()).collect::<Vec<_>>(),
        ["Werksführung Stahl im Wandel"]
    );
    assert!(
        feed.body.contains("X-WR-CALNAME:Mein convene-Programm"),
        "in the account's language"
    );

    let renewed = ada
        .submit(&mine, "form[action='/me/calendar/regenerate']", &[])
        .await;
    let new_url = renewed.text("#feed-url");
    assert_ne!(new_url, feed_url);
    assert_eq!(
        app.client("en").get(&feed_url).await.status,
        404,
        "the old link is revoked"
    );
    assert_eq!(app.client("en").get(&new_url).await.status, 200);

    let page = ada.get(&format!("/events/cmr-2026/sessions/{id}")).await;
    ada.submit(
        &page,
        &format!("form[action='/events/cmr-2026/sessions/{id}/bookmark']"),
        &[],
    )
    .await;
    assert!(read(&app.client("en").get(&new_url).await.body).is_empty());
}
