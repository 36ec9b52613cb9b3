//! The event dashboard at 10,000 registrations, on the engine the build selects: the page the
//! organisers land on and its API twin, over HTTP.
//!
//!     cargo bench -p convene-tests --bench event_dashboard
//!     CONVENE_TEST_DATABASE_URL=… cargo bench -p convene-tests --no-default-features \
//!         --features convene/postgres,convene-tests/postgres --bench event_dashboard
//!
//! The registrations are written straight into the tables (spread over eight weeks, across 200
//! organisations and three ticket types, a country answer each, 60 % checked in over the first
//! morning), then every figure is checked before the times are printed.

use std::time::{Duration, Instant};

use chrono::TimeZone;
use convene::registration::service::{self as registration, SettingsInput};
use convene_tests::TestApp;

const REGISTRATIONS: i64 = 10_000;
const CAPACITY: i64 = 9_000;
const RUNS: usize = 7;

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

#[tokio::main]
async fn main() {
    println!("engine: {}", convene::db::ENGINE);
    let app = TestApp::spawn().await;
    let olaf = app.organiser_and_event("dash").await;
    registration::configure(
        &app.state,
        &olaf,
        "dash",
        &SettingsInput {
            capacity: Some(CAPACITY),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let mut tickets = Vec::new();
    for (de, en) in [
        ("Beide Tage", "Both days"),
        ("Erster Tag", "First day"),
        ("Online", "Online"),
    ] {
        let input = registration::TicketInput {
            name_de: de.into(),
            name_en: en.into(),
            capacity: None,
        };
        tickets.push(
            registration::add_ticket(&app.state, &olaf, "dash", &input)
                .await
                .unwrap(),
        );
    }
    let country = registration::add_question(
        &app.state,
        &olaf,
        "dash",
        &convene::registration::form::QuestionInput {
            kind: "country".into(),
            label_de: "Land".into(),
            label_en: "Country".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();

    let started = Instant::now();
    let event_id: i64 = sqlx::query_scalar("select id from events where slug = 'dash'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    let opened = chrono::Utc.with_ymd_and_hms(2026, 9, 1, 8, 0, 0).unwrap();
    let doors = chrono::Utc.with_ymd_and_hms(2026, 11, 8, 7, 0, 0).unwrap();
    let countries = [
        "DE", "DE", "DE", "NL", "BE", "PL", "FR", "AT", "DK", "IT", "ES", "CZ",
    ];
    let mut tx = convene::db::begin_write(&app.db).await.unwrap();
    for o in 0..200 {
        sqlx::query(
            "insert into organisations (slug, name, kind, created_at) values ($1, $2, 'company', $3)",
        )
        .bind(format!("org-{o}"))
        .bind(format!("Firma {o} GmbH"))
        .bind(opened)
        .execute(&mut *tx)
        .await
        .unwrap();
    }
    let first_org: i64 = sqlx::query_scalar("select min(id) from organisations")
        .fetch_one(&mut *tx)
        .await
        .unwrap();
    for i in 0..REGISTRATIONS {
        let email = format!("p{i}@example.org");
        let account = convene::account::queries::insert(
            &mut tx,
            &convene::account::queries::NewAccount {
                email: &email,
                name: &format!("Person {i}"),
                organisation_id: Some(convene::ids::OrganisationId(first_org + i % 200)),
                language: "de",
                password_hash: None,
                email_confirmed_at: Some(opened),
                now: opened,
            },
        )
        .await
        .unwrap();
        // Eight weeks of registrations, more of them towards the event.
        let share = (i as f64 / REGISTRATIONS as f64).sqrt();
        let created = opened + chrono::Duration::minutes((share * 8.0 * 7.0 * 24.0 * 60.0) as i64);
        let status = match i % 20 {
            0 => "cancelled",
            1 => "waitlisted",
            _ => "confirmed",
        };
        let checked_in = (status == "confirmed" && i % 5 < 3)
            .then(|| doors + chrono::Duration::seconds((i * 2) % 14_400));
        let id: i64 = sqlx::query_scalar(
            "insert into registrations (event_id, account_id, ticket_type_id, status, code, \
                 checked_in_at, created_at, updated_at) \
             values ($1, $2, $3, $4, $5, $6, $7, $7) returning id",
        )
        .bind(event_id)
        .bind(account)
        .bind(tickets[(i % 3) as usize])
        .bind(status)
        .bind(format!("code-{i}"))
        .bind(checked_in)
        .bind(created)
        .fetch_one(&mut *tx)
        .await
        .unwrap();
        sqlx::query(
            "insert into registration_answers (registration_id, question_id, value) values ($1, $2, $3)",
        )
        .bind(id)
        .bind(country)
        .bind(countries[(i % countries.len() as i64) as usize])
        .execute(&mut *tx)
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
    println!(
        "arranged {REGISTRATIONS} registrations in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    // The dashboard on the second morning of the event, after the doors opened.
    let now = app.clock.now();
    app.clock
        .advance(chrono::Utc.with_ymd_and_hms(2026, 11, 9, 12, 0, 0).unwrap() - now);

    let client = app.signed_in("orga@example.org", "de").await;
    for path in [
        "/orga/events/dash/dashboard",
        "/api/v1/events/dash/dashboard",
    ] {
        let mut times = Vec::new();
        let mut size = 0;
        for _ in 0..RUNS {
            let started = Instant::now();
            let page = client.get(path).await;
            times.push(started.elapsed());
            assert_eq!(page.status, 200, "{path}: {}", page.body);
            size = page.body.len();
            if path.starts_with("/api") {
                let json = page.json();
                let days = json["over_time"].as_array().unwrap();
                assert_eq!(days.last().unwrap()["received"], REGISTRATIONS);
                assert_eq!(json["countries"][0]["key"], "DE");
                assert!(json["checkins_by_hour"].as_array().unwrap().len() >= 4);
                assert!(json["no_show_rate"].as_f64().unwrap() > 0.3);
            } else {
                assert!(page.body.contains("Anmeldungen im Zeitverlauf"));
            }
        }
        println!(
            "GET {path} ({REGISTRATIONS} registrations): median {:.0} ms of {RUNS}, {} KiB",
            median(times).as_secs_f64() * 1000.0,
            size / 1024
        );
    }
}
