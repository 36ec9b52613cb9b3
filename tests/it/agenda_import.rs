//! Importing an agenda from calendar files (`.ics`), through the organiser's page and the API:
//! what calendar apps export is read, problems are named by line, imports update by UID.

use chrono::{DateTime, Utc};
use convene::agenda::service as agenda;
use convene_tests::TestApp;
use serde_json::json;

/// An organiser uploads an `.ics` file: its events become drafts for review and unknown
/// locations become rooms; a broken file is refused naming the line, and nothing is saved. Our
/// own export imports into another event unchanged.
#[tokio::test]
async fn sessions_are_imported_from_calendar_files() {
    let app = TestApp::spawn().await;
    let olaf_id = app.organiser("orga@example.org", "Olaf Organiser").await;
    let olaf = app.actor(olaf_id).await;
    app.event(&olaf, "cmr-2026").await;
    app.event(&olaf, "kopie").await;
    let orga = app.signed_in("orga@example.org", "de").await;
    let upload = |slug: &str, content: String| {
        let orga = orga.clone();
        let url = app.url(&format!("/orga/events/{slug}/agenda/import"));
        async move {
            let page = orga
                .get(&format!(
                    "/orga/events/{}/agenda",
                    url.split('/').nth(5).unwrap()
                ))
                .await;
            let token = page
                .attr(
                    "form[enctype='multipart/form-data'] input[name=csrf_token]",
                    "value",
                )
                .unwrap();
            let form = reqwest::multipart::Form::new()
                .text("csrf_token", token)
                .part(
                    "file",
                    reqwest::multipart::Part::text(content)
                        .file_name("agenda.ics")
                        .mime_str("text/calendar")
                        .unwrap(),
                );
            convene_tests::Page::read(orga.http.post(url).multipart(form).send().await.unwrap())
                .await
        }
    };

    let broken = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20261108T100000\r\nDTEND:20261108T090000\r\nSUMMARY:Kaputt\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let refused = upload("cmr-2026", broken.to_string()).await;
    assert_eq!(refused.status, 422);
    assert_eq!(
        refused.text("#file-error p"),
        "Ein Termin der Datei kann nicht importiert werden; es wurde nichts importiert. Korrigieren Sie die Datei oder wählen Sie „überspringen“, um den Rest zu importieren:"
    );
    assert_eq!(
        refused.texts("#file-error li"),
        ["Der Termin ab Zeile 2 endet, bevor er beginnt"]
    );
    assert_eq!(app.count("select count(*) from agenda_sessions").await, 0);

    let outlook = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART;TZID=\"W. Europe Standard Time\":20261108T100000\r\nDTEND;TZID=\"W. Europe Standard Time\":20261108T111500\r\nSUMMARY:Panel: Die duale Transformation\r\nLOCATION:Plenarsaal\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nDTSTART:20261109T110000Z\r\nDTEND:20261109T143000Z\r\nSUMMARY:Werksbesichtigung\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let done = upload("cmr-2026", outlook.to_string()).await;
    assert!(
        done.url.ends_with("/orga/events/cmr-2026/agenda"),
        "{}",
        done.url
    );
    assert_eq!(
        done.text(".flash"),
        "2 Sessions als Entwürfe importiert, keine aktualisiert."
    );
    assert_eq!(
        done.texts("#sessions tbody td:first-child a"),
        ["Panel: Die duale Transformation", "Werksbesichtigung"]
    );
    assert_eq!(
        done.texts("#sessions tbody td:nth-child(3)"),
        ["10:00–11:15", "12:00–15:30"]
    );
    assert_eq!(
        done.texts("#sessions tbody td:nth-child(4)"),
        ["Plenarsaal", ""]
    );
    assert_eq!(
        app.count("select count(*) from agenda_sessions where status = 'draft'")
            .await,
        2
    );

    // Round trip: publish, export, import the export into another event.
    agenda::publish(&app.state, &olaf, "cmr-2026")
        .await
        .unwrap();
    let exported = app
        .client("de")
        .get("/events/cmr-2026/agenda.ics")
        .await
        .body;
    upload("kopie", exported).await;
    let copy: Vec<(String, String, String)> = sqlx::query_as(
        "select s.title_de, cast(s.starts_at as text), coalesce(r.name, '') from agenda_sessions s join events e on e.id = s.event_id left join rooms r on r.id = s.room_id where e.slug = 'kopie' order by s.starts_at",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    let original: Vec<(String, String, String)> = sqlx::query_as(
        "select s.title_de, cast(s.starts_at as text), coalesce(r.name, '') from agenda_sessions s join events e on e.id = s.event_id left join rooms r on r.id = s.room_id where e.slug = 'cmr-2026' order by s.starts_at",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert_eq!(
        copy.iter().map(|c| (&c.0, &c.1)).collect::<Vec<_>>(),
        original.iter().map(|c| (&c.0, &c.1)).collect::<Vec<_>>()
    );
    // LOCATION carries room, venue and address, so the copy's room is named after all three.
    assert_eq!(
        copy[0].2,
        "Plenarsaal, Haus der Universität, Schadowplatz 14, 40212 Düsseldorf"
    );
}

/// Uploads `content` as the `.ics` import of event `slug` through the agenda page's form.
async fn import_ics(
    orga: &convene_tests::Client,
    slug: &str,
    content: &str,
) -> convene_tests::Page {
    let page = orga.get(&format!("/orga/events/{slug}/agenda")).await;
    orga.submit_multipart(
        &page,
        "form[enctype='multipart/form-data']",
        &[],
        &[("file", "agenda.ics", content.as_bytes().to_vec())],
    )
    .await
}

/// Importing a calendar file: folded text keeps the space before the fold; a file imported
/// again updates its sessions instead of adding them twice, and the message says how many were
/// new and how many updated; a start without an end lasts the session type's default; absurd
/// durations are refused with a message instead of a dropped connection; an update that would
/// make a published session clash is refused naming the clash.
#[tokio::test]
async fn calendar_imports_update_by_uid_and_refuse_absurd_durations() {
    let app = TestApp::spawn().await;
    let olaf = app.organiser_and_event("cmr-2026").await;
    let orga = app.signed_in("orga@example.org", "de").await;
    let file = |keynote_start: &str| {
        format!(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:keynote@example.org\r\nDTSTART:{keynote_start}\r\nDTEND:20261108T100000Z\r\nSUMMARY:Keynote: Dr. Miriam \r\n Osterkamp\r\nLOCATION:Plenarsaal\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:kaffee@example.org\r\nDTSTART:20261108T100000Z\r\nSUMMARY:Kaffeepause\r\nLOCATION:Foyer\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        )
    };

    let first = import_ics(&orga, "cmr-2026", &file("20261108T090000Z")).await;
    let again = import_ics(&orga, "cmr-2026", &file("20261108T083000Z")).await;

    assert_eq!(
        first.text(".flash"),
        "2 Sessions als Entwürfe importiert, keine aktualisiert."
    );
    assert_eq!(
        again.text(".flash"),
        "Keine neue Session importiert, 2 früher importierte aktualisiert."
    );
    let rows: Vec<(String, DateTime<Utc>, DateTime<Utc>)> = sqlx::query_as(
        "select title_de, starts_at, ends_at from agenda_sessions order by starts_at",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    let rows: Vec<(String, String, String)> = rows
        .into_iter()
        .map(|(t, s, e)| (t, s.to_rfc3339(), e.to_rfc3339()))
        .collect();
    assert_eq!(
        rows,
        [
            (
                "Keynote: Dr. Miriam Osterkamp".to_string(),
                "2026-11-08T08:30:00+00:00".to_string(),
                "2026-11-08T10:00:00+00:00".to_string()
            ),
            (
                "Kaffeepause".to_string(),
                "2026-11-08T10:00:00+00:00".to_string(),
                "2026-11-08T10:30:00+00:00".to_string()
            ),
        ]
    );

    for (duration, message) in [
        (
            "P999999999999999999W",
            "Zeile 2: Die Dauer „P999999999999999999W“ ist nicht lesbar (erwartet z. B. PT1H30M)",
        ),
        (
            "P99999999999999999D",
            "Zeile 2: Die Dauer „P99999999999999999D“ ist nicht lesbar (erwartet z. B. PT1H30M)",
        ),
        (
            "PT99999999999999999S",
            "Zeile 2: Die Dauer „PT99999999999999999S“ ist nicht lesbar (erwartet z. B. PT1H30M)",
        ),
        (
            "P9999999D",
            "Der Termin ab Zeile 2 dauert länger als 31 Tage",
        ),
    ] {
        let huge = format!(
            "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20261108T120000Z\r\nDURATION:{duration}\r\nSUMMARY:Ewig\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        );
        let refused = import_ics(&orga, "cmr-2026", &huge).await;
        assert_eq!(refused.status, 422, "{duration}");
        assert_eq!(refused.texts("#file-error li"), [message]);
    }
    assert_eq!(app.count("select count(*) from agenda_sessions").await, 2);

    // Published, the keynote is live: an import moving it onto the coffee break's room and
    // time is refused, naming the clash, and nothing changes.
    agenda::publish(&app.state, &olaf, "cmr-2026")
        .await
        .unwrap();
    let clash = file("20261108T083000Z")
        .replace("LOCATION:Plenarsaal", "LOCATION:Foyer")
        .replace("DTEND:20261108T100000Z", "DTEND:20261108T103000Z");
    let refused = import_ics(&orga, "cmr-2026", &clash).await;
    assert_eq!(refused.status, 409);
    assert_eq!(
        refused.text("#file-error"),
        "Raum Foyer ist doppelt belegt: „Keynote: Dr. Miriam Osterkamp“ und „Kaffeepause“."
    );
    assert_eq!(
        app.count("select count(*) from agenda_sessions s join rooms r on r.id = s.room_id where r.name = 'Foyer'")
            .await,
        1
    );
}

/// A file with a bad event among good ones: refused whole, every problem named by its line,
/// unless the organiser ticks "skip": then the good events go in and the page lists what was
/// skipped. The API does the same, in the caller's language.
#[tokio::test]
async fn bad_events_are_named_by_line_and_skipped_only_when_the_organiser_chooses() {
    let app = TestApp::spawn().await;
    app.organiser_and_event("cmr-2026").await;
    let orga = app.signed_in("orga@example.org", "de").await;
    let file = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:gut@example.org\r\nDTSTART:20261108T090000Z\r\nDTEND:20261108T100000Z\r\nSUMMARY:Eröffnung\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:mars@example.org\r\nDTSTART;TZID=Mars/Olympus:20261108T110000\r\nSUMMARY:Ferne Zone\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:luecke@example.org\r\nDTSTART;TZID=Europe/Berlin:20270328T023000\r\nSUMMARY:Zeitumstellung\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

    let refused = import_ics(&orga, "cmr-2026", file).await;
    assert_eq!(refused.status, 422);
    assert_eq!(
        refused.texts("#file-error li"),
        [
            "Zeile 8: Die Zeitzone „Mars/Olympus“ ist unbekannt",
            "Zeile 13: Die Ortszeit 2027-03-28 02:30 (Europe/Berlin) gibt es nicht, weil die Uhren in dieser Nacht vorgestellt werden"
        ]
    );
    assert_eq!(app.count("select count(*) from agenda_sessions").await, 0);

    let page = orga.get("/orga/events/cmr-2026/agenda").await;
    let skipped = orga
        .submit_multipart(
            &page,
            "form[enctype='multipart/form-data']",
            &[("skip_invalid", "true")],
            &[("file", "agenda.ics", file.as_bytes().to_vec())],
        )
        .await;
    assert_eq!(skipped.status, 200, "{}", skipped.text("main"));
    assert_eq!(
        skipped.text("#file-error p"),
        "1 neue und 0 aktualisierte Sessions importiert. 2 Termine wurden übersprungen:"
    );
    assert_eq!(skipped.texts("#file-error li").len(), 2);
    let titles: Vec<String> = sqlx::query_scalar("select title_de from agenda_sessions")
        .fetch_all(&app.db)
        .await
        .unwrap();
    assert_eq!(titles, ["Eröffnung"]);

    // The API, in the organiser's English: refused with every problem in `fields.ics`, then
    // skipped.
    sqlx::query("update accounts set language = 'en' where email = 'orga@example.org'")
        .execute(&app.db)
        .await
        .unwrap();
    let api = |body: serde_json::Value| {
        let orga = orga.clone();
        let url = app.url("/api/v1/events/cmr-2026/agenda/import");
        async move {
            let resp = orga.http.post(url).json(&body).send().await.unwrap();
            let status = resp.status().as_u16();
            (status, resp.json::<serde_json::Value>().await.unwrap())
        }
    };
    let (status, problem) = api(json!({ "ics": file })).await;
    assert_eq!(status, 422, "{problem}");
    let fields = problem["fields"]["ics"].as_array().unwrap();
    assert_eq!(fields.len(), 3, "{problem}");
    assert_eq!(fields[1], "Line 8: the time zone “Mars/Olympus” is unknown");
    let (status, done) = api(json!({ "ics": file, "skip_invalid": true })).await;
    assert_eq!(status, 200, "{done}");
    assert_eq!(done["created"], 0, "imported before: updated");
    assert_eq!(done["updated"], 1);
    assert_eq!(done["skipped"].as_array().unwrap().len(), 2);

    let (status, _) = api(json!({ "ics": "x".repeat(1024 * 1024 + 1) })).await;
    assert!(status == 413 || status == 422, "{status}");
}
