//! A registration opening rush: 1,000 clients register over HTTP at the same moment for 200
//! places. Prints registrations per second, p50/p99 latency, and the proof that exactly 200
//! are confirmed and 800 waitlisted. Runs on the engine the build selects:
//!
//!     cargo bench -p convene-tests --bench registration_rush
//!     CONVENE_TEST_DATABASE_URL=… cargo bench -p convene-tests --no-default-features \
//!         --features convene-tests/postgres --bench registration_rush
//!
//! Load goes to the loopback address only and stops by itself.

use std::time::{Duration, Instant};

use convene_tests::TestApp;

const CLIENTS: usize = 1000;
const PLACES: i64 = 200;

#[tokio::main]
async fn main() {
    let app = TestApp::spawn().await;
    // Measured as `convene serve` runs: with its background workers (a test app starts none).
    convene::spawn_workers(&app.state);
    let olaf = app.organiser_and_event("rush").await;
    let input = convene::registration::service::SettingsInput {
        capacity: Some(PLACES),
        ..Default::default()
    };
    convene::registration::service::configure(&app.state, &olaf, "rush", &input)
        .await
        .unwrap();

    // One account and API token per client, made through the services (no password hashing).
    let mut tokens = Vec::with_capacity(CLIENTS);
    let mut ids = Vec::with_capacity(CLIENTS);
    {
        let mut conn = app.db.acquire().await.unwrap();
        for i in 0..CLIENTS {
            let email = format!("rush{i}@example.org");
            let new = convene::account::queries::NewAccount {
                email: &email,
                name: &format!("Rush {i}"),
                organisation_id: None,
                language: "de",
                password_hash: None,
                email_confirmed_at: Some(app.clock.now()),
                now: app.clock.now(),
            };
            ids.push(
                convene::account::queries::insert(&mut conn, &new)
                    .await
                    .unwrap(),
            );
        }
    }
    for id in ids {
        let actor = app.actor(id).await;
        let (_, secret) =
            convene::account::service::create_api_token(&app.state, &actor, "rush", None)
                .await
                .unwrap();
        tokens.push(secret);
    }

    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(CLIENTS)
        .build()
        .unwrap();
    let url = app.url("/api/v1/events/rush/registration");
    let start = Instant::now();
    let mut tasks = Vec::with_capacity(CLIENTS);
    for token in tokens {
        let (client, url) = (client.clone(), url.clone());
        tasks.push(tokio::spawn(async move {
            let t = Instant::now();
            let resp = client
                .post(&url)
                .bearer_auth(token)
                .json(&serde_json::json!({}))
                .send()
                .await
                .unwrap();
            (resp.status().as_u16(), t.elapsed())
        }));
    }
    let mut latencies: Vec<Duration> = Vec::with_capacity(CLIENTS);
    let mut failures = 0;
    for t in tasks {
        let (status, took) = t.await.unwrap();
        if status != 201 {
            failures += 1;
        }
        latencies.push(took);
    }
    let total = start.elapsed();
    latencies.sort();
    let pct = |p: f64| latencies[((latencies.len() as f64 - 1.0) * p).round() as usize];

    let confirmed = app
        .count("select count(*) from registrations where status = 'confirmed'")
        .await;
    let waitlisted = app
        .count("select count(*) from registrations where status = 'waitlisted'")
        .await;
    let rows = app.count("select count(*) from registrations").await;
    println!("engine: {}", convene::db::ENGINE);
    println!("registrations: {CLIENTS} concurrent clients, {PLACES} places");
    println!(
        "total: {:.2} s, {:.0} registrations/s",
        total.as_secs_f64(),
        CLIENTS as f64 / total.as_secs_f64()
    );
    println!(
        "latency: p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        ms(pct(0.5)),
        ms(pct(0.99)),
        ms(pct(1.0))
    );
    println!(
        "result: {confirmed} confirmed, {waitlisted} waitlisted, {rows} rows, {failures} failed requests"
    );
    assert_eq!(
        (confirmed, waitlisted, rows, failures),
        (PLACES, CLIENTS as i64 - PLACES, CLIENTS as i64, 0)
    );
    // The line is the order of decisions: stamped in the order decided, the places taken by
    // the first decided, everyone after them waiting in that order.
    let line: Vec<(i64, String)> =
        sqlx::query_as("select id, status from registrations order by created_at, id")
            .fetch_all(&app.db)
            .await
            .unwrap();
    assert!(
        line.windows(2).all(|w| w[0].0 < w[1].0),
        "stamped out of order"
    );
    assert!(
        line[..PLACES as usize]
            .iter()
            .all(|(_, s)| s == "confirmed")
    );
    assert!(
        line[PLACES as usize..]
            .iter()
            .all(|(_, s)| s == "waitlisted")
    );
    let stats = app.state.decisions.stats();
    println!(
        "order: places and waiting list in decision order; {} commits",
        stats.batches.load(std::sync::atomic::Ordering::Relaxed)
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
