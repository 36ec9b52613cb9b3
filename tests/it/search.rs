//! Search boxes take any text: `%`, `_` and `\` match themselves (not everything), a text far
//! longer than any name is cut, and one longer than the server reads is a 414, never a server
//! error.

use convene::registration::service::{self as registration, SettingsInput};
use convene_tests::TestApp;

#[tokio::test]
async fn searches_match_wildcards_literally_and_survive_any_length() {
    let app = TestApp::spawn().await;
    let olaf = app.organiser_and_event("cmr-2026").await;
    let input = SettingsInput {
        capacity: Some(10),
        ..Default::default()
    };
    registration::configure(&app.state, &olaf, "cmr-2026", &input)
        .await
        .unwrap();
    for (email, name) in [
        ("ada@example.org", "Ada Lovelace"),
        ("ben@example.org", "Ben 100% Becker"),
    ] {
        let id = app.account(email, name, false).await;
        let actor = app.actor(id).await;
        registration::register(&app.state, &actor, "cmr-2026", &Default::default())
            .await
            .unwrap();
    }
    app.account("admin@example.org", "Sarah Admin", true).await;
    let orga = app.signed_in("orga@example.org", "en").await;
    let admin = app.signed_in("admin@example.org", "en").await;
    let long = "a".repeat(10_001);

    let names = |q: &str| {
        let orga = &orga;
        let url = app.url("/api/v1/events/cmr-2026/registrations");
        let q = q.to_string();
        async move {
            let resp = orga.http.get(url).query(&[("q", q)]).send().await.unwrap();
            assert_eq!(resp.status(), 200);
            let list: serde_json::Value = resp.json().await.unwrap();
            list.as_array()
                .unwrap()
                .iter()
                .map(|r| r["name"].as_str().unwrap().to_string())
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(names("").await.len(), 2);
    assert_eq!(names("%").await, ["Ben 100% Becker"]);
    assert_eq!(names("_").await, Vec::<String>::new());
    assert_eq!(names("0% b").await, ["Ben 100% Becker"]);
    assert_eq!(names(&long).await, Vec::<String>::new());

    for (client, path) in [
        (&orga, "/orga/events/cmr-2026/registrations"),
        (&orga, "/events/cmr-2026/checkin"),
        (&admin, "/admin/accounts"),
    ] {
        let url = format!("{}?q={long}", app.url(path));
        let resp = client.http.get(url).send().await.unwrap();
        assert_eq!(resp.status(), 200, "{path}");
        let url = format!("{}?q={}", app.url(path), "a".repeat(50_001));
        let resp = client.http.get(url).send().await.unwrap();
        assert_eq!(resp.status(), 414, "{path}");
        let url = format!("{}?q=%25", app.url(path));
        let page = convene_tests::Page::read(client.http.get(url).send().await.unwrap()).await;
        assert!(!page.body.contains("Ada Lovelace"), "{path}: % matched Ada");
    }
}
