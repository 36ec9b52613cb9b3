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

/// The same `If-None-Match` a proxy weakened (`W/"…"`) and an `If-Modified-Since` of the feed's
/// own date answer 304; language-dependent feeds say `Vary`; an empty personal feed sends a
/// valid `Last-Modified`.
#[tokio::test]
async fn feeds_honour_weak_tags_and_dates_and_vary_by_language() {
    let app = TestApp::spawn().await;
    let olaf = app.organiser_and_event("cmr-2026").await;
    app.session(
        &olaf,
        "cmr-2026",
        &session("Eröffnung", "2026-11-08", "09:00", "09:30", ""),
    )
    .await;
    agenda::publish(&app.state, &olaf, "cmr-2026")
        .await
        .unwrap();
    let client = app.client("de");
    let url = app.url("/events/cmr-2026/agenda.ics");
    let feed = client.get("/events/cmr-2026/agenda.ics").await;
    assert_eq!(feed.status, 200);
    let vary = feed.header("vary").to_ascii_lowercase();
    assert!(vary.contains("accept-language"), "{vary}");
    let (etag, modified) = (feed.header("etag"), feed.header("last-modified"));
    chrono::DateTime::parse_from_rfc2822(&modified).expect("an HTTP date");
    let status = |name: &'static str, value: String| {
        let (client, url) = (client.clone(), url.clone());
        async move {
            client
                .http
                .get(url)
                .header(name, value)
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    assert_eq!(status("if-none-match", format!("W/{etag}")).await, 304);
    assert_eq!(status("if-none-match", "\"other\"".into()).await, 200);
    assert_eq!(status("if-modified-since", modified.clone()).await, 304);
    assert_eq!(
        status("if-modified-since", "Mon, 01 Jan 2024 00:00:00 GMT".into()).await,
        200
    );

    // A person with nothing in their calendar yet.
    app.account("ada@example.org", "Ada Lovelace", false).await;
    let ada = app.signed_in("ada@example.org", "de").await;
    let feed_url = ada.get("/me/agenda").await.text("#feed-url");
    let empty = app.client("en").get(&feed_url).await;
    assert_eq!(empty.status, 200);
    assert!(read(&empty.body).is_empty());
    let date = chrono::DateTime::parse_from_rfc2822(&empty.header("last-modified"))
        .expect("a valid HTTP date");
    assert!(date.timestamp() > 0, "{date}");
}

/// LOCATION carries room, venue and address; a new venue or a renamed room raises SEQUENCE and
/// LAST-MODIFIED of every session, so calendar apps replace their copy.
#[tokio::test]
async fn a_new_location_raises_the_sequence_of_every_session() {
    let app = TestApp::spawn().await;
    let olaf = app.organiser_and_event("cmr-2026").await;
    let room = app.room(&olaf, "cmr-2026", "Saal A").await;
    app.session(
        &olaf,
        "cmr-2026",
        &session("Eröffnung", "2026-11-08", "09:00", "09:30", &room),
    )
    .await;
    agenda::publish(&app.state, &olaf, "cmr-2026")
        .await
        .unwrap();
    let location = |ics: &str| {
        let parsed: icalendar::Calendar = ics.parse().unwrap();
        use icalendar::{Component, EventLike};
        let e = parsed.events().next().unwrap();
        (
            e.get_location().unwrap_or("").to_string(),
            e.get_sequence().unwrap_or(0),
            e.property_value("LAST-MODIFIED").unwrap_or("").to_string(),
        )
    };
    let client = app.client("de");
    let before = location(&client.get("/events/cmr-2026/agenda.ics").await.body);
    assert_eq!(
        (before.0.as_str(), before.1),
        (
            "Saal A, Haus der Universität, Schadowplatz 14, 40212 Düsseldorf",
            0
        )
    );

    app.clock.advance(chrono::Duration::minutes(5));
    let event = convene::event::service::for_organiser(&app.state, &olaf, "cmr-2026")
        .await
        .unwrap();
    let input = EventInput {
        slug: event.slug.clone(),
        title_de: event.title_de.clone(),
        title_en: event.title_en.clone(),
        venue: "Zeche Zollverein".into(),
        address: "Gelsenkirchener Straße 181, 45309 Essen".into(),
        timezone: event.timezone.clone(),
        starts_on: event.starts_on.to_string(),
        ends_on: event.ends_on.to_string(),
        ..Default::default()
    };
    convene::event::service::update(&app.state, &olaf, "cmr-2026", &input)
        .await
        .unwrap();
    let moved = location(&client.get("/events/cmr-2026/agenda.ics").await.body);
    assert_eq!(
        moved.0,
        "Saal A, Zeche Zollverein, Gelsenkirchener Straße 181, 45309 Essen"
    );
    assert_eq!(moved.1, 1);
    assert!(moved.2 > before.2, "{} > {}", moved.2, before.2);

    // Saving the same place again is no change of location.
    convene::event::service::update(&app.state, &olaf, "cmr-2026", &input)
        .await
        .unwrap();
    assert_eq!(
        location(&client.get("/events/cmr-2026/agenda.ics").await.body).1,
        1
    );

    let room_id = convene::ids::RoomId(room.parse().unwrap());
    let renamed = convene::agenda::model::RoomInput {
        name: "Halle 12".into(),
        ..Default::default()
    };
    agenda::update_room(&app.state, &olaf, "cmr-2026", room_id, &renamed)
        .await
        .unwrap();
    let after = location(&client.get("/events/cmr-2026/agenda.ics").await.body);
    assert!(
        after.0.starts_with("Halle 12, Zeche Zollverein"),
        "{}",
        after.0
    );
    assert_eq!(after.1, 2);
}

/// The personal feed holds the events the person has a place at (same UID as the
/// confirmation's `.ics`, cancelled when the place is) and the rounds they judge.
#[tokio::test]
async fn the_personal_feed_holds_places_and_jury_rounds() {
    use convene::registration::service::{self as registration, SettingsInput};
    let app = TestApp::spawn().await;
    let olaf = app.organiser_and_event("cmr-2026").await;
    registration::configure(
        &app.state,
        &olaf,
        "cmr-2026",
        &SettingsInput {
            capacity: Some(10),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let ada_id = app.account("ada@example.org", "Ada Lovelace", false).await;
    let ada_actor = app.actor(ada_id).await;
    registration::register(&app.state, &ada_actor, "cmr-2026", &Default::default())
        .await
        .unwrap();
    convene::call::service::create(
        &app.state,
        &olaf,
        &convene::call::model::CallInput {
            slug: "innovationcall".into(),
            title_de: "InnovationCall Metropole Ruhr".into(),
            title_en: "InnovationCall Ruhr Metropolis".into(),
            timezone: "Europe/Berlin".into(),
            opens_at: "2026-09-01T09:00".into(),
            deadline: "2026-10-15T12:00".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    convene::jury::service::invite_juror(
        &app.state,
        &olaf,
        "innovationcall",
        "ada@example.org",
        "",
        &[],
        convene_frontend::Lang::De,
    )
    .await
    .unwrap();
    let round = convene::jury::service::create_round(
        &app.state,
        &olaf,
        "innovationcall",
        &convene::jury::model::RoundInput {
            name_de: "Vorauswahl".into(),
            name_en: "Pre-selection".into(),
            kind: "online".into(),
            entrants: "in_review".into(),
            per_submission: Some(2),
            others_scores: "never".into(),
            opens_at: "2026-10-20T09:00".into(),
            closes_at: "2026-11-20T09:00".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap()
    .id;

    let ada = app.signed_in("ada@example.org", "en").await;
    let feed_url = ada.get("/me/agenda").await.text("#feed-url");
    let feed = app.client("de").get(&feed_url).await;
    let items = read(&feed.body);
    let host = app
        .base_url
        .trim_start_matches("http://")
        .split(':')
        .next()
        .unwrap()
        .to_string();
    let event = convene::event::service::for_organiser(&app.state, &olaf, "cmr-2026")
        .await
        .unwrap();
    let place = items
        .iter()
        .find(|i| i.0 == format!("event-{}@{host}", event.id))
        .expect("the event Ada has a place at");
    assert_eq!(
        (
            place.1.as_str(),
            place.2.as_str(),
            place.3.as_str(),
            place.5.as_str()
        ),
        (
            "Clusters meet Regions NRW",
            "20261108T080000Z",
            "20261109T170000Z",
            "CONFIRMED"
        )
    );
    assert!(feed.body.contains("Schadowplatz 14"), "the address");
    let duty = items
        .iter()
        .find(|i| i.0 == format!("jury-round-{round}@{host}"))
        .expect("the round Ada judges");
    assert_eq!(
        (duty.1.as_str(), duty.2.as_str(), duty.3.as_str()),
        (
            "Jury: Vorauswahl (InnovationCall Metropole Ruhr)",
            "20261020T070000Z",
            "20261120T080000Z"
        )
    );

    registration::cancel(&app.state, &ada_actor, "cmr-2026")
        .await
        .unwrap();
    let items = read(&app.client("de").get(&feed_url).await.body);
    let place = items
        .iter()
        .find(|i| i.0 == format!("event-{}@{host}", event.id))
        .expect("a cancelled place stays, so calendar apps remove it");
    assert_eq!(place.5, "CANCELLED");
}

/// Publishing a version that moves or cancels sessions mails everybody who bookmarked or booked
/// them, in their language, with the updated sessions as `.ics`; people whose sessions did not
/// change get nothing.
#[tokio::test]
async fn followers_are_told_when_a_published_version_moves_or_cancels_their_session() {
    let app = TestApp::spawn().await;
    let olaf = app.organiser_and_event("cmr-2026").await;
    let s = &app.state;
    let room = app.room(&olaf, "cmr-2026", "Saal A").await;
    let panel = app
        .session(
            &olaf,
            "cmr-2026",
            &session("Panel Wasserstoff", "2026-11-08", "10:00", "11:00", &room),
        )
        .await;
    let tour = app
        .session(
            &olaf,
            "cmr-2026",
            &session("Werksführung", "2026-11-09", "13:00", "16:00", ""),
        )
        .await;
    let quiet = app
        .session(
            &olaf,
            "cmr-2026",
            &session("Mittagspause", "2026-11-08", "12:00", "13:00", ""),
        )
        .await;
    agenda::publish(s, &olaf, "cmr-2026").await.unwrap();
    let mut people = Vec::new();
    for (email, lang) in [
        ("ada@example.org", "en"),
        ("bernd@example.org", "de"),
        ("clara@example.org", "de"),
    ] {
        let id = app.account(email, email, false).await;
        sqlx::query("update accounts set language = $1 where id = $2")
            .bind(lang)
            .bind(id)
            .execute(&app.db)
            .await
            .unwrap();
        people.push(app.actor(id).await);
    }
    agenda::set_bookmark(s, &people[0], "cmr-2026", panel, true)
        .await
        .unwrap();
    agenda::set_bookmark(s, &people[1], "cmr-2026", tour, true)
        .await
        .unwrap();
    agenda::set_bookmark(s, &people[2], "cmr-2026", quiet, true)
        .await
        .unwrap();
    let outbox_before = app.count("select count(*) from outbox").await;

    agenda::update_session(
        s,
        &olaf,
        "cmr-2026",
        panel,
        &session("Panel Wasserstoff", "2026-11-08", "14:00", "15:00", &room),
    )
    .await
    .unwrap();
    agenda::set_session_status(s, &olaf, "cmr-2026", tour, "cancelled")
        .await
        .unwrap();
    assert_eq!(
        app.count("select count(*) from outbox").await,
        outbox_before,
        "nothing goes out before the version is published"
    );
    agenda::publish(s, &olaf, "cmr-2026").await.unwrap();
    assert_eq!(
        app.count("select count(*) from outbox").await,
        outbox_before + 2
    );
    let ics: Vec<(String, Vec<u8>)> = sqlx::query_as(
        "select o.to_address, a.data from outbox_attachments a join outbox o on o.id = a.outbox_id \
         where a.filename = 'cmr-2026-changes.ics' order by o.to_address",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert_eq!(ics.len(), 2);
    let ada_ics = read(std::str::from_utf8(&ics[0].1).unwrap());
    assert_eq!(ada_ics.len(), 1);
    assert_eq!(
        (
            ada_ics[0].2.as_str(),
            ada_ics[0].4 > 0,
            ada_ics[0].5.as_str()
        ),
        ("20261108T130000Z", true, "CONFIRMED")
    );
    let bernd_ics = read(std::str::from_utf8(&ics[1].1).unwrap());
    assert_eq!(bernd_ics[0].5, "CANCELLED");

    app.drain_outbox().await;
    let ada = app.mail.nth_to("ada@example.org", 1);
    assert_eq!(ada.subject, "Agenda change: Clusters meet Regions NRW");
    assert!(
        ada.text
            .contains("Panel Wasserstoff: now Sunday, 8 November 2026, 14:00"),
        "{}",
        ada.text
    );
    let bernd = app.mail.nth_to("bernd@example.org", 1);
    assert_eq!(bernd.subject, "Programmänderung: Clusters meet Regions NRW");
    assert!(bernd.text.contains("Werksführung ("), "{}", bernd.text);
    assert!(bernd.text.contains("fällt aus."), "{}", bernd.text);
    assert!(app.mail.to("clara@example.org").is_empty());
}
