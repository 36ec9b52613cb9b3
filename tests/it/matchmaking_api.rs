//! The matchmaking API: profiles, entries, browsing, suggestions, requests, slots and meetings
//! for participants; settings, meetings, the scheduler and the lock for organisers; problem
//! JSON for bad input, in the caller's language.

use serde_json::{Value, json};

use convene::account::service as accounts;
use convene_tests::TestApp;

use crate::matchmaking::{SLUG, arranged, participant};

struct Api {
    http: reqwest::Client,
    base: String,
    token: String,
    lang: &'static str,
}

impl Api {
    async fn of(app: &TestApp, actor: &convene::account::Actor, lang: &'static str) -> Api {
        let (_, token) = accounts::create_api_token(&app.state, actor, "matchmaking", None)
            .await
            .unwrap();
        Api {
            http: reqwest::Client::new(),
            base: app.url("/api/v1"),
            token,
            lang,
        }
    }

    async fn send(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> (u16, Value) {
        let mut req = self
            .http
            .request(method, format!("{}{path}", self.base))
            .bearer_auth(&self.token)
            .header("accept-language", self.lang);
        if let Some(b) = body {
            req = req.json(&b);
        }
        let resp = req.send().await.unwrap();
        let status = resp.status().as_u16();
        let text = resp.text().await.unwrap();
        (
            status,
            serde_json::from_str(&text).unwrap_or(Value::String(text)),
        )
    }

    async fn get(&self, path: &str) -> (u16, Value) {
        self.send(reqwest::Method::GET, path, None).await
    }

    async fn post(&self, path: &str, body: Value) -> (u16, Value) {
        self.send(reqwest::Method::POST, path, Some(body)).await
    }

    async fn put(&self, path: &str, body: Value) -> (u16, Value) {
        self.send(reqwest::Method::PUT, path, Some(body)).await
    }
}

fn p(path: &str) -> String {
    format!("/events/{SLUG}/matchmaking{path}")
}

#[tokio::test]
async fn participants_use_profiles_entries_requests_slots_and_meetings_over_the_api() {
    let app = TestApp::spawn().await;
    let f = arranged(&app, "Tisch 1\nTisch 2", "6").await;
    let anna = crate::matchmaking::registered(&app, "anna@example.org", "Anna Kowalczyk").await;
    crate::matchmaking::set_language(&app, "anna@example.org", "en").await;
    let (jonas, jonas_p) = participant(&app, "jonas@example.org", "Jonas Becker", "25square").await;
    let a = Api::of(&app, &anna, "en").await;
    let j = Api::of(&app, &jonas, "de").await;

    // No profile yet: 404; browsing is refused with a reason.
    let (status, body) = a.get(&p("/profile")).await;
    assert_eq!(status, 404, "{body}");
    let (status, body) = a.get(&p("/profiles")).await;
    assert_eq!(status, 403, "{body}");
    assert!(
        body["detail"].as_str().unwrap().contains("profile"),
        "{body}"
    );

    // The topics, then a profile with one; a bad country and topic are named.
    let (_, topics) = a.get(&p("/topics")).await;
    let hydrogen = topics[0]["id"].as_i64().unwrap();
    assert_eq!(topics[0]["name_en"], "Hydrogen");
    let (status, body) = a
        .put(
            &p("/profile"),
            json!({"organisation": "", "country": "XX", "topics": [9999]}),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    let fields = body["fields"].as_object().unwrap();
    assert!(
        fields.contains_key("organisation")
            && fields.contains_key("country")
            && fields.contains_key("topics"),
        "{body}"
    );
    let (status, me) = a
        .put(
            &p("/profile"),
            json!({"organisation": "ClusterAllianz.NRW", "country": "de", "topics": [hydrogen]}),
        )
        .await;
    assert_eq!(status, 200, "{me}");
    assert_eq!(me["country"], "DE");
    assert_eq!(me["topics"][0]["name_de"], "Wasserstoff");
    let anna_p = me["id"].as_i64().unwrap();

    // Entries: add, change, a bad kind is a 400-class problem, delete.
    let (status, e) = a
        .post(
            &p("/entries"),
            json!({"kind": "request", "title": "Electrolysers", "body": "MW scale"}),
        )
        .await;
    assert_eq!(status, 201, "{e}");
    let entry = e["id"].as_i64().unwrap();
    let (status, e) = a
        .put(
            &p(&format!("/entries/{entry}")),
            json!({"kind": "request", "title": "Electrolysers wanted"}),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(e["title"], "Electrolysers wanted");
    let (status, _) = a
        .post(&p("/entries"), json!({"kind": "gift", "title": "x"}))
        .await;
    assert!((400..500).contains(&status), "{status}");
    let (status, _) = j
        .put(
            &p(&format!("/entries/{entry}")),
            json!({"kind": "offer", "title": "mine now"}),
        )
        .await;
    assert_eq!(status, 404, "only the owner changes an entry");

    // Jonas offers electrolysers: Anna's suggestions and filters find him.
    j.post(
        &p("/entries"),
        json!({"kind": "offer", "title": "Electrolysers for hydrogen"}),
    )
    .await;
    j.put(
        &p("/profile"),
        json!({"organisation": "25square", "country": "NL", "topics": [hydrogen]}),
    )
    .await;
    let (_, s) = a.get(&p("/suggestions")).await;
    assert_eq!(s[0]["profile"]["name"], "Jonas Becker", "{s}");
    assert!(
        s[0]["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r.as_str().unwrap().contains("Electrolysers for hydrogen")),
        "{s}"
    );
    let (_, found) = a
        .get(&p(&format!(
            "/profiles?country=nl&kind=offer&topic={hydrogen}&q=electro"
        )))
        .await;
    assert_eq!(found.as_array().unwrap().len(), 1, "{found}");
    let (_, found) = a.get(&p("/profiles?country=BE")).await;
    assert!(found.as_array().unwrap().is_empty());

    // Requests: to oneself and twice are refused with codes; then Jonas accepts into a slot.
    let (status, body) = a.post(&p("/requests"), json!({"to_profile": anna_p})).await;
    assert_eq!(status, 409);
    assert_eq!(body["code"], "mm-request-self", "{body}");
    let (status, r) = a
        .post(
            &p("/requests"),
            json!({"to_profile": jonas_p, "message": "Talk?"}),
        )
        .await;
    assert_eq!(status, 201, "{r}");
    assert_eq!(r["status"], "pending");
    let id = r["id"].as_i64().unwrap();
    let (status, body) = a
        .post(&p("/requests"), json!({"to_profile": jonas_p}))
        .await;
    assert_eq!(status, 409);
    assert_eq!(body["code"], "mm-request-duplicate");
    assert!(
        body["detail"].as_str().unwrap().contains("open request"),
        "in English: {body}"
    );

    let (_, slots) = j.get(&p(&format!("/slots?request={id}"))).await;
    let slots = slots.as_array().unwrap();
    assert_eq!(slots.len(), 6, "14:00–16:00 in 20 minutes");
    assert_eq!(slots[0]["free_tables"], 2);
    let (status, body) = j
        .post(
            &p(&format!("/requests/{id}/accept")),
            json!({"pick": "slot", "session_id": f.mm_session, "slot": 6}),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    assert!(body["detail"].is_string());
    let (status, r) = j
        .post(
            &p(&format!("/requests/{id}/accept")),
            json!({"pick": "slot", "session_id": f.mm_session, "slot": 2}),
        )
        .await;
    assert_eq!(status, 200, "{r}");
    assert_eq!(r["status"], "accepted");
    assert_eq!(r["meeting"]["slot"], 2);
    assert_eq!(r["meeting"]["table_name"], "Tisch 1");
    assert_eq!(r["meeting"]["starts_at"], "2026-11-08T13:40:00+00:00");
    let (_, mine) = a.get(&p("/meetings")).await;
    assert_eq!(mine.as_array().unwrap().len(), 1);
    let (_, slots) = a.get(&p("/slots")).await;
    assert_eq!(slots[2]["free_tables"], 1);
    // Participants may not list everyone's meetings.
    let (status, _) = a.get(&p("/meetings?all=true")).await;
    assert_eq!(status, 403);

    // Either side calls it off.
    let (status, r) = a
        .post(
            &p(&format!("/requests/{id}/cancel")),
            json!({"reason": "Flight cancelled"}),
        )
        .await;
    assert_eq!(status, 200, "{r}");
    assert_eq!(r["status"], "cancelled");
    assert!(r["meeting"].is_null());
    let (_, mine) = j.get(&p("/meetings")).await;
    assert!(mine.as_array().unwrap().is_empty());
    // A second request between them is possible again, and a decline needs a reason.
    let (_, r) = j.post(&p("/requests"), json!({"to_profile": anna_p})).await;
    let id = r["id"].as_i64().unwrap();
    let (status, body) = a
        .post(
            &p(&format!("/requests/{id}/decline")),
            json!({"reason": ""}),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    let (status, r) = a
        .post(
            &p(&format!("/requests/{id}/decline")),
            json!({"reason": "No time"}),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(r["status"], "declined");
    assert_eq!(r["reason"], "No time");
    let (_, list) = j.get(&p("/requests")).await;
    assert_eq!(list.as_array().unwrap().len(), 2);

    // Participants may not run the organisers' operations.
    let (status, _) = a.post(&p("/schedule"), json!({})).await;
    assert_eq!(status, 403);
}

#[tokio::test]
async fn organisers_run_matchmaking_over_the_api() {
    let app = TestApp::spawn().await;
    let f = arranged(&app, "3", "6").await;
    let o = Api::of(&app, &f.olaf, "en").await;
    let mut people = Vec::new();
    for i in 0..4 {
        people
            .push(participant(&app, &format!("p{i}@example.org"), &format!("P {i}"), "Org").await);
    }
    // Settings: an out-of-range limit is refused.
    let (status, body) = o
        .put(
            &p("/settings"),
            json!({"enabled": true, "audience": "approved", "max_per_person": 99}),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    let (status, s) = o
        .put(&p("/settings"), json!({"enabled": true, "audience": "registered", "max_per_person": 4, "acceptance_required": false}))
        .await;
    assert_eq!(status, 200, "{s}");
    assert_eq!(s["acceptance_required"], false);

    // Without acceptance, a request is agreed and placed at once.
    let a = Api::of(&app, &people[0].0, "de").await;
    let (_, r) = a
        .post(&p("/requests"), json!({"to_profile": people[1].1}))
        .await;
    assert_eq!(r["status"], "accepted", "{r}");
    assert_eq!(r["meeting"]["slot"], 0, "{r}");

    // The organiser adds a meeting, sees all, moves one and is refused a taken table.
    let (status, m) = o
        .post(&p("/meetings"), json!({"people": [people[2].1, people[3].1], "session_id": f.mm_session, "slot": 0, "table": 0}))
        .await;
    assert_eq!(status, 409, "table 0 of slot 0 is taken: {m}");
    assert_eq!(m["code"], "mm-table-taken");
    let (status, m) = o
        .post(
            &p("/meetings"),
            json!({"people": [people[2].1, people[3].1], "session_id": f.mm_session, "slot": 0}),
        )
        .await;
    assert_eq!(status, 201, "{m}");
    assert_eq!(m["table"], 1);
    let (status, body) = o
        .post(
            &p("/meetings"),
            json!({"people": [people[2].1, people[2].1], "session_id": f.mm_session, "slot": 1}),
        )
        .await;
    assert_eq!(status, 409, "{body}");
    let (_, all) = o.get(&p("/meetings?all=true")).await;
    assert_eq!(all.as_array().unwrap().len(), 2);
    let id = m["id"].as_i64().unwrap();
    let (status, body) = o
        .put(
            &p(&format!("/meetings/{id}")),
            json!({"session_id": f.mm_session, "slot": 0, "table": 0}),
        )
        .await;
    assert_eq!(status, 409, "{body}");
    let (status, moved) = o
        .put(
            &p(&format!("/meetings/{id}")),
            json!({"session_id": f.mm_session, "slot": 3, "table": 2}),
        )
        .await;
    assert_eq!(status, 200, "{moved}");
    assert_eq!(moved["starts_at"], "2026-11-08T14:00:00+00:00");

    // Lock; the scheduler is refused; unlock and it runs.
    let (status, _) = o.post(&p("/lock"), json!({"locked": true})).await;
    assert_eq!(status, 200);
    let (status, body) = o.post(&p("/schedule"), json!({})).await;
    assert_eq!(status, 409);
    assert_eq!(body["code"], "mm-schedule-locked");
    o.post(&p("/lock"), json!({"locked": false})).await;
    let (status, run) = o.post(&p("/schedule"), json!({})).await;
    assert_eq!(status, 200, "{run}");
    assert_eq!(run["placed"], 0);

    // Cancel a meeting.
    let (status, _) = o
        .post(&p(&format!("/meetings/{id}/cancel")), json!({"reason": ""}))
        .await;
    assert_eq!(status, 200);
    let (_, all) = o.get(&p("/meetings?all=true")).await;
    assert_eq!(all.as_array().unwrap().len(), 1);
    let (status, _) = o
        .post(&p(&format!("/meetings/{id}/cancel")), json!({}))
        .await;
    assert_eq!(status, 404, "already cancelled");

    // The spec documents the operations.
    let spec: Value = reqwest::get(app.url("/api/openapi.json"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let paths = spec["paths"].as_object().unwrap();
    for path in [
        "/events/{slug}/matchmaking/profile",
        "/events/{slug}/matchmaking/profiles",
        "/events/{slug}/matchmaking/entries",
        "/events/{slug}/matchmaking/requests",
        "/events/{slug}/matchmaking/meetings",
        "/events/{slug}/matchmaking/slots",
    ] {
        assert!(paths.contains_key(path), "{path} missing");
    }
}

/// Organisers prepare topics before matchmaking is switched on: what they create answers 201
/// and reads back at its address; participants see nothing until it is on.
#[tokio::test]
async fn organisers_read_back_what_they_prepare_before_matchmaking_is_on() {
    let app = TestApp::spawn().await;
    let olaf = app.organiser_and_event(SLUG).await;
    let o = Api::of(&app, &olaf, "en").await;
    let ada = app
        .actor(app.account("ada@example.org", "Ada Lovelace", false).await)
        .await;
    let a = Api::of(&app, &ada, "en").await;

    let (status, topic) = o
        .post(
            &p("/topics"),
            json!({"name_de": "Wasserstoff", "name_en": "Hydrogen"}),
        )
        .await;
    assert_eq!(status, 201, "{topic}");
    let id = topic["id"].as_i64().unwrap();
    let (status, read) = o.get(&p(&format!("/topics/{id}"))).await;
    assert_eq!(status, 200, "{read}");
    assert_eq!(read["name_en"], "Hydrogen");
    let (status, listed) = o.get(&p("/topics")).await;
    assert_eq!((status, listed[0]["id"].as_i64()), (200, Some(id)));

    let (status, refused) = a.get(&p(&format!("/topics/{id}"))).await;
    assert_eq!((status, &refused["code"]), (404, &json!("mm-not-enabled")));
    let (status, _) = o
        .put(
            &p("/settings"),
            json!({"enabled": true, "audience": "registered", "max_per_person": 4}),
        )
        .await;
    assert_eq!(status, 200);
    let (status, read) = a.get(&p(&format!("/topics/{id}"))).await;
    assert_eq!((status, &read["name_en"]), (200, &json!("Hydrogen")));
}
