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
