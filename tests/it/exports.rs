//! The organisers' exports as a spreadsheet opens them: whatever people typed into their names,
//! organisations or answers, no cell of a CSV export runs as a formula.

use convene::registration::service::{self as registration, SettingsInput};
use convene_tests::TestApp;

/// The cells of a CSV export (BOM, semicolons, CRLF), row by row.
fn cells(bytes: &[u8]) -> Vec<Vec<String>> {
    let text = std::str::from_utf8(
        bytes
            .strip_prefix(b"\xEF\xBB\xBF")
            .expect("a BOM for Excel"),
    )
    .expect("UTF-8");
    text.split("\r\n")
        .filter(|l| !l.is_empty())
        .map(|l| {
            l.split(';')
                .map(|c| c.trim_matches('"').replace("\"\"", "\""))
                .collect()
        })
        .collect()
}

#[tokio::test]
async fn no_cell_of_the_registrations_csv_runs_as_a_formula() {
    let app = TestApp::spawn().await;
    let olaf = app.organiser_and_event("cmr-2026").await;
    registration::configure(&app.state, &olaf, "cmr-2026", &SettingsInput::default())
        .await
        .unwrap();
    for (email, name) in [
        (
            "mallory@example.org",
            "=HYPERLINK(\"https://evil.example\",\"Klick\")",
        ),
        ("ada@example.org", "Ada Lovelace"),
        ("at@example.org", "@SUM(A1:A9)"),
    ] {
        let id = app.account(email, name, false).await;
        let actor = app.actor(id).await;
        registration::register(&app.state, &actor, "cmr-2026", &Default::default())
            .await
            .unwrap();
    }
    let orga = app.signed_in("orga@example.org", "de").await;
    let csv = orga
        .http
        .get(orga.url("/orga/events/cmr-2026/registrations.csv"))
        .send()
        .await
        .unwrap();
    assert_eq!(csv.status(), 200);
    let rows = cells(&csv.bytes().await.unwrap());
    let names: Vec<&str> = rows[1..].iter().map(|r| r[1].as_str()).collect();
    assert!(
        names.contains(&"'=HYPERLINK(\"https://evil.example\",\"Klick\")")
            && names.contains(&"'@SUM(A1:A9)")
            && names.contains(&"Ada Lovelace"),
        "{names:?}"
    );
    for row in &rows {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '@', '\t', '\r']),
                "a cell that runs as a formula: {cell:?}"
            );
        }
    }
}

/// The organisers' list of a call with hundreds of entries comes in pages of 200 that keep the
/// filter; the export holds every match.
#[tokio::test]
async fn long_submission_lists_come_in_pages_and_exports_hold_everything() {
    let app = TestApp::spawn().await;
    let olaf = app
        .actor(app.organiser("orga@example.org", "Olaf Organiser").await)
        .await;
    let input = convene::call::model::CallInput {
        slug: "ruhr-2026".into(),
        title_de: "InnovationCall".into(),
        title_en: "InnovationCall".into(),
        timezone: "Europe/Berlin".into(),
        opens_at: "2026-10-15T09:00".into(),
        deadline: "2026-11-15T12:00".into(),
        ..Default::default()
    };
    let call = convene::call::service::create(&app.state, &olaf, &input)
        .await
        .unwrap();
    let starter = app.account("team@example.org", "Team Lead", false).await;
    for i in 0..450 {
        let title = if i % 3 == 0 {
            "Wasserstoff"
        } else {
            "Kreislauf"
        };
        sqlx::query(
            "insert into submissions (call_id, account_id, status, title, abstract, organisation, \
             submitted_at, created_at, updated_at) values ($1, $2, 'submitted', $3, '', 'Start-up', $4, $4, $4)",
        )
        .bind(call.id)
        .bind(starter.0)
        .bind(format!("{title} {i:03}"))
        .bind(app.clock.now())
        .execute(&app.db)
        .await
        .unwrap();
    }
    let orga = app.signed_in("orga@example.org", "de").await;
    let first = orga.get("/orga/calls/ruhr-2026/submissions").await;
    assert_eq!(first.texts("#submissions tbody tr").len(), 200);
    assert_eq!(first.text("#list-shown"), "1–200 von 450");
    assert!(first.attr("a[rel='prev']", "href").is_none());
    let next = first.attr(".pager a[rel='next']", "href").unwrap();
    let last = orga
        .get(
            &orga
                .get(&next)
                .await
                .attr(".pager a[rel='next']", "href")
                .unwrap(),
        )
        .await;
    assert_eq!(last.texts("#submissions tbody tr").len(), 50);
    assert_eq!(last.text("#list-shown"), "401–450 von 450");
    assert!(last.attr(".pager a[rel='next']", "href").is_none());
    // The filter stays with the pages.
    let hydrogen = orga
        .get("/orga/calls/ruhr-2026/submissions?q=wasserstoff")
        .await;
    assert_eq!(hydrogen.text("#list-shown"), "1–150 von 150");
    assert!(hydrogen.attr(".pager a[rel='next']", "href").is_none());
    let beyond = orga.get("/orga/calls/ruhr-2026/submissions?page=9").await;
    assert_eq!(
        beyond.texts("#submissions tbody tr[data-submission]").len(),
        0
    );
    // The export holds every match, not a page.
    let csv = orga.get("/orga/calls/ruhr-2026/submissions.csv").await;
    assert_eq!(cells(csv.body.as_bytes()).len(), 451);
}

/// The organisers' list of an event's registrations comes in pages of 200 that keep the
/// filter; the counts and the export hold every registration.
#[tokio::test]
async fn long_registration_lists_come_in_pages_and_exports_hold_everything() {
    let app = TestApp::spawn().await;
    let olaf = app.organiser_and_event("cmr-2026").await;
    registration::configure(&app.state, &olaf, "cmr-2026", &SettingsInput::default())
        .await
        .unwrap();
    let event = convene::event::service::for_organiser(&app.state, &olaf, "cmr-2026")
        .await
        .unwrap();
    for i in 0..230 {
        let id = app
            .account(
                &format!("gast{i:03}@example.org"),
                &format!("Gast {i:03}"),
                false,
            )
            .await;
        sqlx::query(
            "insert into registrations (event_id, account_id, status, code, created_at, updated_at) \
             values ($1, $2, 'confirmed', $3, $4, $4)",
        )
        .bind(event.id)
        .bind(id.0)
        .bind(format!("CODE{i:04}"))
        .bind(app.clock.now())
        .execute(&app.db)
        .await
        .unwrap();
    }
    let orga = app.signed_in("orga@example.org", "de").await;
    let first = orga.get("/orga/events/cmr-2026/registrations").await;
    assert_eq!(first.status, 200, "{}", first.text("main"));
    assert_eq!(first.texts("tbody tr[data-status]").len(), 200);
    assert!(
        first.text("caption").contains("1–200 von 230"),
        "{}",
        first.text("caption")
    );
    let next = first.attr(".pager a[rel='next']", "href").unwrap();
    let second = orga.get(&next).await;
    assert_eq!(second.texts("tbody tr[data-status]").len(), 30);
    let one = orga
        .get("/orga/events/cmr-2026/registrations?q=gast%20007")
        .await;
    assert_eq!(one.texts("tbody tr[data-status]").len(), 1);
    assert!(one.attr(".pager a", "href").is_none());
    let csv = orga.get("/orga/events/cmr-2026/registrations.csv").await;
    assert_eq!(cells(csv.body.as_bytes()).len(), 231);
}
