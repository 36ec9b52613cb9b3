//! The organiser's click on "schedule automatically", end to end, on the engine the build
//! selects: 2,000 accepted requests among 400 people into 3 sessions × 9 slots × 40 tables.
//!
//! The event has three matchmaking sessions of 9 twenty-minute slots with 40 tables each
//! (1,080 table-slots), at most 6 meetings per person and session. 400 registered people with
//! profiles and 2,000 accepted requests between random pairs (a fixed seed; rows written
//! directly, since hashing 400 passwords is not what is measured). Measured, each once:
//!
//! 1. `matchmaking::service::run_scheduler`: the world loaded inside the locked write
//!    transaction, the pure scheduler, every meeting written with its two attendee rows, and
//!    two e-mails per meeting (in each person's language, with an `.ics`) queued.
//! 2. The organisers' grid page for all 1,080 meetings (`GET …/matchmaking/grid`).
//! 3. The per-table and per-person PDFs (`tables.pdf`, `people.pdf`).
//!
//! Run it with:
//!
//!     cargo bench -p convene-tests --bench matchmaking_run
//!     CONVENE_TEST_DATABASE_URL=… cargo bench -p convene-tests --no-default-features \
//!         --features convene/postgres,convene-tests/postgres --bench matchmaking_run
//!
//! The results are checked before they are printed: every placed meeting is in the database,
//! nobody is in two meetings at once, no table holds two, and the mails are queued.

use std::time::Instant;

use convene::agenda::model::SessionInput;
use convene::matchmaking::model::{SessionInput as MmSessionInput, SettingsInput};
use convene::matchmaking::service as mm;
use convene_tests::TestApp;

const PEOPLE: usize = 400;
const REQUESTS: usize = 2000;
const SLUG: &str = "cmr";

#[tokio::main]
async fn main() {
    let app = TestApp::spawn().await;
    // Measured as `convene serve` runs: with its background workers (a test app starts none).
    convene::spawn_workers(&app.state);
    println!("engine: {}", convene::db::ENGINE);
    let olaf = app.organiser_and_event(SLUG).await;
    let event = sqlx::query_scalar::<_, i64>("select id from events where slug = $1")
        .bind(SLUG)
        .fetch_one(&app.db)
        .await
        .unwrap();
    convene::registration::service::configure(&app.state, &olaf, SLUG, &Default::default())
        .await
        .unwrap();
    mm::save_settings(
        &app.state,
        &olaf,
        SLUG,
        &SettingsInput {
            enabled: true,
            acceptance_required: true,
            audience: "registered".into(),
            max_per_person: "6".into(),
        },
    )
    .await
    .unwrap();
    for (day, start, end) in [
        ("2026-11-08", "09:00", "12:00"),
        ("2026-11-08", "14:00", "17:00"),
        ("2026-11-09", "09:00", "12:00"),
    ] {
        let agenda = app
            .session(
                &olaf,
                SLUG,
                &SessionInput {
                    kind: "matchmaking".into(),
                    title_de: format!("Matchmaking {day} {start}"),
                    title_en: format!("Matchmaking {day} {start}"),
                    day: day.into(),
                    start: start.into(),
                    end: end.into(),
                    ..Default::default()
                },
            )
            .await;
        mm::add_session(
            &app.state,
            &olaf,
            SLUG,
            &MmSessionInput {
                agenda_session_id: agenda.to_string(),
                slot_minutes: "20".into(),
                gap_minutes: "0".into(),
                tables: "40".into(),
                breaks: String::new(),
            },
        )
        .await
        .unwrap();
    }
    let profiles = people(&app, event).await;
    requests(&app, event, &profiles).await;

    let start = Instant::now();
    let report = mm::run_scheduler(&app.state, &olaf, SLUG).await.unwrap();
    let run = start.elapsed();
    // Checks: what was placed is stored, without clashes, and the mails are queued.
    let meetings = app
        .count("select count(*) from matchmaking_meetings where cancelled_at is null")
        .await;
    assert_eq!(meetings as usize, report.placed);
    let clashes = app
        .count(
            "select count(*) from (select a.profile_id, m.starts_at from matchmaking_attendees a \
             join matchmaking_meetings m on m.id = a.meeting_id group by a.profile_id, m.starts_at \
             having count(*) > 1) x",
        )
        .await;
    assert_eq!(clashes, 0);
    let mails = app.count("select count(*) from outbox").await;
    assert!(mails as usize >= 2 * report.placed, "{mails}");
    println!(
        "run_scheduler (load, schedule, write, queue mail): {:>6.0} ms; placed {} of {REQUESTS} \
         ({} table-slots), {} mails queued",
        run.as_secs_f64() * 1000.0,
        report.placed,
        3 * 9 * 40,
        mails
    );

    let o = app.signed_in("orga@example.org", "en").await;
    let start = Instant::now();
    let grid = o
        .get(&format!("/orga/events/{SLUG}/matchmaking/grid"))
        .await;
    let took = start.elapsed();
    assert_eq!(grid.status, 200);
    assert_eq!(grid.texts(".mm-grid-table td a").len(), report.placed);
    println!(
        "grid page: {:>6.0} ms, {} KiB of HTML",
        took.as_secs_f64() * 1000.0,
        grid.body.len() / 1024
    );
    for pdf in ["tables.pdf", "people.pdf"] {
        let start = Instant::now();
        let resp = o
            .http
            .get(o.url(&format!("/orga/events/{SLUG}/matchmaking/{pdf}")))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 200);
        let bytes = resp.bytes().await.unwrap();
        let took = start.elapsed();
        assert!(bytes.starts_with(b"%PDF-"));
        println!(
            "{pdf}: {:>6.0} ms, {} KiB",
            took.as_secs_f64() * 1000.0,
            bytes.len() / 1024
        );
    }
}

/// 400 registered people with a profile each; returns the profile ids.
async fn people(app: &TestApp, event: i64) -> Vec<i64> {
    let now = app.clock.now();
    let mut tx = app.db.begin().await.unwrap();
    let mut profiles = Vec::with_capacity(PEOPLE);
    for i in 0..PEOPLE {
        let account: i64 = sqlx::query_scalar(
            "insert into accounts (email, name, language, created_at, updated_at) \
             values ($1, $2, $3, $4, $4) returning id",
        )
        .bind(format!("person{i}@example.org"))
        .bind(format!("Person {i}"))
        .bind(if i % 3 == 0 { "en" } else { "de" })
        .bind(now)
        .fetch_one(&mut *tx)
        .await
        .unwrap();
        sqlx::query(
            "insert into registrations (event_id, account_id, status, code, created_at, updated_at) \
             values ($1, $2, 'confirmed', $3, $4, $4)",
        )
        .bind(event)
        .bind(account)
        .bind(format!("CODE{i:06}"))
        .bind(now)
        .execute(&mut *tx)
        .await
        .unwrap();
        let profile: i64 = sqlx::query_scalar(
            "insert into matchmaking_profiles (event_id, account_id, organisation, created_at, updated_at) \
             values ($1, $2, $3, $4, $4) returning id",
        )
        .bind(event)
        .bind(account)
        .bind(format!("Organisation {}", i % 57))
        .bind(now)
        .fetch_one(&mut *tx)
        .await
        .unwrap();
        profiles.push(profile);
    }
    tx.commit().await.unwrap();
    profiles
}

/// 2,000 accepted requests between distinct random pairs (a fixed-seed LCG).
async fn requests(app: &TestApp, event: i64, profiles: &[i64]) {
    let now = app.clock.now();
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = |n: usize| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((seed >> 33) as usize) % n
    };
    let mut pairs = std::collections::HashSet::new();
    let mut tx = app.db.begin().await.unwrap();
    while pairs.len() < REQUESTS {
        let (a, b) = (profiles[next(PEOPLE)], profiles[next(PEOPLE)]);
        if a == b || !pairs.insert((a.min(b), a.max(b))) {
            continue;
        }
        sqlx::query(
            "insert into matchmaking_requests (event_id, from_profile, to_profile, pair_low, pair_high, status, created_at, updated_at) \
             values ($1, $2, $3, $4, $5, 'accepted', $6, $6)",
        )
        .bind(event)
        .bind(a)
        .bind(b)
        .bind(a.min(b))
        .bind(a.max(b))
        .bind(now)
        .execute(&mut *tx)
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
}
