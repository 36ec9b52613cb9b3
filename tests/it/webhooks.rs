//! Webhooks: organisers register receivers for an event or a call; changes reach them as signed
//! POSTs through the outbox, with retries, a delivery log, "send test" and "send again", through
//! the pages and the API. The receivers here are real HTTP servers on loopback.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use chrono::Duration;
use convene::registration::checkin::Target;
use convene::registration::service::{self as registration, SettingsInput};
use convene_tests::TestApp;
use hmac::{Hmac, Mac};
use poem::listener::{Acceptor, Listener, TcpListener};
use poem::web::Data;
use poem::{EndpointExt, Request, Response, Route, Server, handler};
use sha2::Sha256;

/// One request a receiver got.
#[derive(Debug, Clone)]
pub(crate) struct Received {
    pub(crate) topic: String,
    signature: String,
    delivery: String,
    body: String,
}

impl Received {
    pub(crate) fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).expect("the payload is JSON")
    }

    /// Checks the signature the way a receiver would: `t=<unix>,v1=<hex>` over `<t>.<body>`.
    pub(crate) fn verify(&self, secret: &str) -> bool {
        let mut t = "";
        let mut v1 = "";
        for part in self.signature.split(',') {
            match part.split_once('=') {
                Some(("t", v)) => t = v,
                Some(("v1", v)) => v1 = v,
                _ => {}
            }
        }
        let bytes: Vec<u8> = (0..v1.len())
            .step_by(2)
            .filter_map(|i| u8::from_str_radix(v1.get(i..i + 2)?, 16).ok())
            .collect();
        let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
        mac.update(format!("{t}.{}", self.body).as_bytes());
        mac.verify_slice(&bytes).is_ok()
    }
}

#[derive(Clone, Default)]
pub(crate) struct Receiver {
    got: Arc<Mutex<Vec<Received>>>,
    /// Statuses to answer with, in order; 200 once they are used up.
    answers: Arc<Mutex<VecDeque<u16>>>,
}

#[handler]
async fn receive(req: &Request, body: String, Data(r): Data<&Receiver>) -> Response {
    let header = |name: &str| {
        req.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string()
    };
    r.got.lock().unwrap().push(Received {
        topic: header("convene-event"),
        signature: header("convene-signature"),
        delivery: header("convene-delivery"),
        body,
    });
    let status = r.answers.lock().unwrap().pop_front().unwrap_or(200);
    Response::builder()
        .status(poem::http::StatusCode::from_u16(status).unwrap())
        .body(if status == 200 {
            "thanks"
        } else {
            "receiver broken"
        })
}

impl Receiver {
    /// Starts a receiver on loopback; returns it and its address.
    pub(crate) async fn start(answers: &[u16]) -> (Receiver, String) {
        let receiver = Receiver::default();
        receiver.answers.lock().unwrap().extend(answers);
        let acceptor = TcpListener::bind("127.0.0.1:0")
            .into_acceptor()
            .await
            .unwrap();
        let addr = *acceptor.local_addr()[0].as_socket_addr().unwrap();
        let app = Route::new()
            .at("/hook", poem::post(receive))
            .data(receiver.clone());
        tokio::spawn(async move {
            Server::new_with_acceptor(acceptor).run(app).await.unwrap();
        });
        (receiver, format!("http://{addr}/hook"))
    }

    pub(crate) fn got(&self) -> Vec<Received> {
        self.got.lock().unwrap().clone()
    }
}

pub(crate) async fn deliver(app: &TestApp) -> usize {
    convene::webhook::service::deliver_due(&app.state)
        .await
        .unwrap()
}

/// A form post with repeated fields (ticked boxes), its CSRF token taken from `page`.
async fn post_form(
    client: &convene_tests::Client,
    page: &convene_tests::Page,
    action: &str,
    fields: &[(&str, &str)],
) -> convene_tests::Page {
    let (_, values) = page.form("form.stack");
    let mut pairs: Vec<(&str, &str)> = vec![("csrf_token", values["csrf_token"].as_str())];
    pairs.extend_from_slice(fields);
    convene_tests::Page::read(
        client
            .http
            .post(client.url(action))
            .header(reqwest::header::REFERER, &page.url)
            .form(&pairs)
            .send()
            .await
            .unwrap(),
    )
    .await
}

/// An event's organiser adds a hook on the page (after a refusal that keeps what was typed).
/// Ada's registration reaches it signed; the first answer is a 500, so it is tried again after
/// the back-off and the log says so. Check-in and cancellation follow, "send test" posts a ping,
/// a receiver that is down is logged without holding anything up, and deleting the hook takes
/// its log along. Participants see neither page nor API.
#[tokio::test]
async fn event_changes_reach_the_receiver_signed_with_retries_and_a_log() {
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
    let (receiver, url) = Receiver::start(&[500]).await;
    let de = app.signed_in("orga@example.org", "de").await;

    let page = de.get("/orga/events/cmr-2026/webhooks").await;
    assert_eq!(page.status, 200, "{}", page.text("main"));
    assert!(page.text("main").contains("Noch keine Webhooks"));
    // The dashboard leads here.
    let dashboard = de.get("/orga/events/cmr-2026/dashboard").await;
    assert!(
        dashboard
            .body
            .contains("href=\"/orga/events/cmr-2026/webhooks\"")
    );

    let refused = post_form(
        &de,
        &page,
        "/orga/events/cmr-2026/webhooks",
        &[("url", "ftp://example.org/hook"), ("description", "CRM")],
    )
    .await;
    assert_eq!(refused.status, 422);
    let errors = refused.texts(".error-summary li").join(" | ");
    assert!(
        errors.contains("Die Adresse muss mit https:// beginnen.")
            && errors.contains("Bitte wählen Sie mindestens ein Ereignis."),
        "{errors}"
    );
    assert_eq!(
        refused.attr("#url", "value").as_deref(),
        Some("ftp://example.org/hook")
    );
    assert_eq!(
        refused.attr("#description", "value").as_deref(),
        Some("CRM")
    );
    assert_eq!(
        refused
            .attr(".error-summary a[href='#topics']", "href")
            .as_deref(),
        Some("#topics"),
        "the summary links to the topics, which exist"
    );
    assert!(
        refused
            .html()
            .select(&scraper::Selector::parse("fieldset#topics").unwrap())
            .next()
            .is_some()
    );

    let added = post_form(
        &de,
        &page,
        "/orga/events/cmr-2026/webhooks",
        &[
            ("url", url.as_str()),
            ("description", "CRM"),
            ("topics", "registration.created"),
            ("topics", "registration.cancelled"),
            ("topics", "checkin.created"),
        ],
    )
    .await;
    assert_eq!(added.status, 200, "{}", added.text("main"));
    assert_eq!(added.text("h2.webhook-url"), url);
    let secret: String = sqlx::query_scalar("select secret from webhooks")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert!(secret.starts_with("whsec_") && added.body.contains(&secret));

    // A second hook whose receiver is down: only registrations.
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let down = convene::webhook::service::create(
        &app.state,
        &olaf,
        convene::team::service::PlaceKind::Event,
        "cmr-2026",
        &format!("http://127.0.0.1:{closed}/hook"),
        &["registration.created"],
        "",
    )
    .await
    .unwrap();

    // Ada registers: the request does not wait for any receiver.
    let ada = app
        .actor(app.account("ada@example.org", "Ada Lovelace", false).await)
        .await;
    let (r, _) = registration::register(&app.state, &ada, "cmr-2026", &Default::default())
        .await
        .unwrap();
    assert!(
        receiver.got().is_empty(),
        "nothing is posted before the worker runs"
    );
    assert_eq!(
        deliver(&app).await,
        0,
        "the receiver answered 500, the other is down"
    );
    let got = receiver.got();
    assert_eq!(got.len(), 1);
    let first = &got[0];
    assert_eq!(first.topic, "registration.created");
    assert!(
        first.verify(&secret),
        "the signature checks out: {}",
        first.signature
    );
    assert!(!first.verify("whsec_wrong"));
    let json = first.json();
    assert_eq!(json["type"], "registration.created");
    assert_eq!(json["scope"]["kind"], "event");
    assert_eq!(json["scope"]["slug"], "cmr-2026");
    assert_eq!(json["data"]["registration"]["id"], r.id);
    assert_eq!(json["data"]["registration"]["email"], "ada@example.org");
    assert_eq!(json["data"]["registration"]["status"], "confirmed");

    let log = de.get("/orga/events/cmr-2026/webhooks").await;
    assert_eq!(
        log.texts(".delivery-retrying .state"),
        ["wird wiederholt", "wird wiederholt"]
    );
    assert!(
        log.texts(".delivery-retrying .status")
            .contains(&"500".to_string())
    );
    assert!(
        log.body.contains("receiver broken"),
        "the answer is in the log"
    );
    let (no_answer, why): (Option<i64>, String) = sqlx::query_as(
        "select last_status, last_response from webhook_deliveries where webhook_id = $1",
    )
    .bind(down.id)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(no_answer, None);
    assert!(!why.is_empty(), "why it failed is logged");

    // Not due again before the back-off; then delivered, the same change (same id).
    assert_eq!(deliver(&app).await, 0);
    assert_eq!(receiver.got().len(), 1);
    app.clock.advance(Duration::seconds(31));
    assert_eq!(deliver(&app).await, 1);
    let got = receiver.got();
    assert_eq!(got.len(), 2);
    assert_eq!(got[1].json()["id"], json["id"]);
    assert_eq!(got[1].delivery, first.delivery);
    assert!(got[1].verify(&secret));
    let log = de.get("/orga/events/cmr-2026/webhooks").await;
    assert_eq!(log.texts(".delivery-delivered .state"), ["zugestellt"]);
    assert_eq!(log.texts(".delivery-delivered .status"), ["200"]);

    // Check-in and cancellation.
    convene::registration::checkin::check_in(
        &app.state,
        &olaf,
        "cmr-2026",
        &Target::Code(r.code.clone()),
        None,
    )
    .await
    .unwrap();
    registration::cancel(&app.state, &ada, "cmr-2026")
        .await
        .unwrap();
    assert_eq!(deliver(&app).await, 2);
    let topics: Vec<String> = receiver.got().iter().map(|g| g.topic.clone()).collect();
    assert_eq!(
        topics,
        [
            "registration.created",
            "registration.created",
            "checkin.created",
            "registration.cancelled"
        ]
    );
    let cancelled = receiver.got()[3].json();
    assert_eq!(
        cancelled["data"]["registration"]["previous_status"],
        "confirmed"
    );

    // "Send test" on the page.
    let page = de.get("/orga/events/cmr-2026/webhooks").await;
    let test_action = page
        .attr("form[action$='/test']", "action")
        .expect("a test button");
    let sent = post_form(&de, &page, &test_action, &[]).await;
    assert_eq!(sent.status, 200);
    assert!(
        sent.text(".flash").contains("Testnachricht"),
        "{}",
        sent.text("main")
    );
    assert_eq!(deliver(&app).await, 1);
    let ping = receiver.got().last().unwrap().clone();
    assert_eq!(ping.topic, "ping");
    assert!(ping.verify(&secret));

    // A participant reaches neither the page nor the API.
    let ada_web = app.signed_in("ada@example.org", "de").await;
    assert_eq!(
        ada_web.get("/orga/events/cmr-2026/webhooks").await.status,
        403
    );
    assert_eq!(
        ada_web.get("/api/v1/events/cmr-2026/webhooks").await.status,
        403
    );

    // Deleting a hook takes its log along.
    let hooks = de.get("/api/v1/events/cmr-2026/webhooks").await.json();
    assert_eq!(hooks.as_array().unwrap().len(), 2);
    let id = hooks[0]["id"].as_i64().unwrap();
    let gone = de
        .http
        .delete(app.url(&format!("/api/v1/events/cmr-2026/webhooks/{id}")))
        .send()
        .await
        .unwrap();
    assert!(gone.status().is_success(), "{}", gone.status());
    assert_eq!(
        app.count("select count(*) from webhook_deliveries where topic = 'ping'")
            .await,
        0
    );
    assert_eq!(app.count("select count(*) from webhooks").await, 1);
}

/// A call's hooks through the API, in English: refusals name the field, a test delivery is
/// accepted (202) and its outcome is in the deliveries; a team handing in its entry reaches the
/// receiver; "send again" on the page repeats a delivery.
#[tokio::test]
async fn call_hooks_work_through_the_api() {
    let app = TestApp::spawn().await;
    crate::calls::published_call(&app, "icr").await;
    sqlx::query("update accounts set language = 'en' where email = 'orga@example.org'")
        .execute(&app.db)
        .await
        .unwrap();
    let orga = app.signed_in("orga@example.org", "en").await;
    let (receiver, url) = Receiver::start(&[]).await;

    let refused = orga
        .http
        .post(app.url("/api/v1/calls/icr/webhooks"))
        .json(&serde_json::json!({ "url": url, "topics": ["registration.created"] }))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 422);
    let body: serde_json::Value = refused.json().await.unwrap();
    assert!(
        body.to_string()
            .contains("There is no topic “registration.created” here."),
        "{body}"
    );

    let created = orga
        .http
        .post(app.url("/api/v1/calls/icr/webhooks"))
        .json(&serde_json::json!({
            "url": url,
            "topics": ["results.released", "submission.submitted"],
            "description": "Jury board"
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 201);
    let location = created.headers()["location"].to_str().unwrap().to_string();
    let hook: serde_json::Value = created.json().await.unwrap();
    assert_eq!(
        hook["topics"],
        serde_json::json!(["submission.submitted", "results.released"])
    );
    let secret = hook["secret"].as_str().unwrap().to_string();
    assert_eq!(orga.get(&location).await.json()["url"], url.as_str());

    let test = orga
        .http
        .post(app.url(&format!("{location}/test")))
        .header("x-requested-with", "fetch")
        .send()
        .await
        .unwrap();
    assert_eq!(test.status(), 202);
    assert_eq!(deliver(&app).await, 1);
    let ping = &receiver.got()[0];
    assert!(ping.verify(&secret));
    assert_eq!(ping.json()["scope"]["kind"], "call");
    assert_eq!(ping.json()["scope"]["slug"], "icr");

    // A team hands its entry in.
    let id = crate::calls::complete_submission(
        &app,
        "jana@example.org",
        "Jana Jansen",
        "H2 Ruhr",
        "Ruhr H2 GmbH",
    )
    .await;
    assert_eq!(deliver(&app).await, 1);
    let handed_in = &receiver.got()[1];
    assert_eq!(handed_in.topic, "submission.submitted");
    assert!(handed_in.verify(&secret));
    assert_eq!(handed_in.json()["data"]["submission"]["id"], id);
    assert_eq!(handed_in.json()["data"]["submission"]["title"], "H2 Ruhr");

    let log = orga.get(&format!("{location}/deliveries")).await;
    assert_eq!(log.status, 200, "{}", log.body);
    let log = log.json();
    assert_eq!(log.as_array().unwrap().len(), 2);
    assert_eq!(log[0]["topic"], "submission.submitted");
    assert_eq!(log[1]["state"], "delivered");
    assert_eq!(log[1]["last_status"], 200);
    assert_eq!(log[1]["last_response"], "thanks");

    // The page, in English, with "send again".
    let page = orga.get("/orga/calls/icr/webhooks").await;
    assert_eq!(page.status, 200);
    assert_eq!(page.text("h1"), "Webhooks – InnovationCall Ruhr Metropolis");
    assert_eq!(
        page.texts(".delivery-delivered .state"),
        ["delivered", "delivered"]
    );
    let again = page
        .attr("form[action$='/again']", "action")
        .expect("a send-again button");
    let sent = post_form(&orga, &page, &again, &[]).await;
    assert_eq!(sent.status, 200);
    assert_eq!(deliver(&app).await, 1);
    assert_eq!(receiver.got().len(), 3);

    // And through the API; a delivery of another hook is not found.
    let first = log[1]["id"].as_i64().unwrap();
    let again = orga
        .http
        .post(app.url(&format!("{location}/deliveries/{first}/again")))
        .header("x-requested-with", "fetch")
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 202);
    assert_eq!(deliver(&app).await, 1);
    let got = receiver.got();
    assert_eq!(got.len(), 4);
    assert_eq!(
        got[3].json()["id"],
        got[0].json()["id"],
        "the same change again"
    );
    let unknown = orga
        .http
        .post(app.url(&format!("{location}/deliveries/999999/again")))
        .header("x-requested-with", "fetch")
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), 404);
}
