//! Innovation calls under load, on the engine the build selects:
//!
//! 1. Submitting with a 5 MiB attachment: sequential uploads through the API, each to its own
//!    submission, then submitting; time per upload, throughput, and the growth of the process's
//!    peak resident memory (`VmHWM`) per upload. The server runs in this process, so that is the
//!    server's memory (plus the client, which sends one shared, never copied buffer). A 5 MiB
//!    body that is refused after it was read (not a PDF) shows what the HTTP layer alone costs;
//!    one round of concurrent uploads shows what several at once cost.
//! 2. The organisers' list of a call with 5,000 submitted submissions: the HTML page, the API
//!    list, the CSV export and one filtered page: requests one after the other (one organiser
//!    alone), then many over a few concurrent connections; and, without HTTP, how long the
//!    service's queries take.
//!
//! Run it with:
//!
//!     cargo bench -p convene-tests --bench call_submissions
//!     CONVENE_TEST_DATABASE_URL=… cargo bench -p convene-tests --no-default-features \
//!         --features convene/postgres,convene-tests/postgres --bench call_submissions
//!
//! With `MALLOC_MMAP_THRESHOLD_=131072 MALLOC_TRIM_THRESHOLD_=131072` in the environment, glibc
//! returns large buffers as soon as they are freed, so that every upload shows its own peak
//! (with its defaults, memory freed by the first upload is kept and reused by the next ones).
//!
//! Every result is checked before it is printed (stored sizes, row counts), so a wrong count
//! fails the run. Load goes to the loopback address only and stops by itself.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use convene::account::Actor;
use convene::call::model::{CallInput, SubmissionInput};
use convene::call::service as calls;
use convene::registration::form::{AnswersIn, QuestionInput};
use convene_tests::TestApp;

const MIB: usize = 1024 * 1024;
/// The attachment: a PDF of 5 MiB.
const FILE: usize = 5 * MIB;
/// Sequential uploads, each to its own submission.
const UPLOADS: usize = 20;
/// Uploads sent at the same moment in the concurrent round.
const AT_ONCE: usize = 4;
/// Submissions in the organisers' list.
const SUBMISSIONS: usize = 5000;
/// Requests per list measurement, and the connections they share.
const REQUESTS: usize = 200;
const CONNECTIONS: usize = 8;
/// Sequential requests per list measurement before the concurrent ones (one organiser alone).
const ALONE: usize = 20;

#[tokio::main]
async fn main() {
    let app = TestApp::spawn().await;
    // Measured as `convene serve` runs: with its background workers (a test app starts none).
    convene::spawn_workers(&app.state);
    let olaf = app
        .actor(app.organiser("orga@example.org", "Olaf Organiser").await)
        .await;
    println!("engine: {}", convene::db::ENGINE);
    println!(
        "peak memory reset per measurement (/proc/self/clear_refs): {}",
        if reset_peak() { "yes" } else { "no" }
    );
    // glibc keeps freed memory for reuse, so after the first upload later ones may not grow
    // the peak at all; with fixed thresholds every buffer goes back at once and every upload
    // shows its own peak (see docs/BENCHMARKS.md).
    println!(
        "allocator: {}",
        match std::env::var("MALLOC_MMAP_THRESHOLD_") {
            Ok(v) => format!("glibc, MALLOC_MMAP_THRESHOLD_={v} (fixed thresholds)"),
            Err(_) => "glibc defaults (dynamic mmap threshold)".into(),
        }
    );
    uploads(&app, &olaf).await;
    list(&app, &olaf).await;
}

// --- 1. Submitting with a 5 MiB attachment ---------------------------------------------------

async fn uploads(app: &TestApp, olaf: &Actor) {
    let slug = "upload";
    calls::create(&app.state, olaf, &call_input(slug, "InnovationCall Upload"))
        .await
        .unwrap();
    calls::set_published(&app.state, olaf, slug, true, false)
        .await
        .unwrap();
    let call = calls::visible(&app.state, Some(olaf), slug).await.unwrap();
    let category = calls::categories(&app.state, &call).await.unwrap()[0].id;

    // One team (account, API token, complete draft) per upload, plus one for a small warm-up
    // upload and one for the refused body.
    let teams = UPLOADS + AT_ONCE + 2;
    let mut drafts = Vec::with_capacity(teams);
    for i in 0..teams {
        let actor = team_account(app, i).await;
        let (_, token) =
            convene::account::service::create_api_token(&app.state, &actor, "bench", None)
                .await
                .unwrap();
        let sub = calls::start(&app.state, &actor, slug).await.unwrap();
        let input = SubmissionInput {
            title: format!("Quartiersspeicher {i} für das Ruhrgebiet"),
            category_id: Some(category),
            summary: "Ein Batteriespeicher je Straßenzug glättet die Lastspitzen der \
                      Wärmepumpen und Ladepunkte."
                .into(),
            organisation: format!("Speicherwerk {i} GmbH"),
            website: String::new(),
        };
        calls::save(
            &app.state,
            &actor,
            sub.id,
            &input,
            Some(&AnswersIn::default()),
        )
        .await
        .unwrap();
        drafts.push((sub.id, token));
    }
    let pdf: &'static [u8] = pdf(FILE).leak();
    // The same bytes without the leading `%`: read whole, then refused as "not a PDF".
    let not_pdf: &'static [u8] = &pdf[1..];
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(AT_ONCE)
        .build()
        .unwrap();
    let base = app.base_url.clone();

    // Warm-up: prepared statements, connections and the first pages of the uploads table.
    let (warm_id, warm_token) = &drafts[0];
    let warm: &'static [u8] = self::pdf(64 * 1024).leak();
    let (status, _) = upload(&client, &base, warm_token, *warm_id, warm).await;
    assert_eq!(status, 201, "warm-up upload");

    // The HTTP layer alone: a 5 MiB body that the service refuses before storing anything.
    let (probe_id, probe_token) = &drafts[1];
    let rss = reset_and_rss();
    let (status, _) = upload(&client, &base, probe_token, *probe_id, not_pdf).await;
    assert_eq!(status, 422, "a body that is not a PDF is refused");
    let refused_growth = kib("VmHWM").saturating_sub(rss);

    // Sequential uploads, each measured on its own.
    let start_rss = kib("VmRSS");
    let mut latencies = Vec::with_capacity(UPLOADS);
    let mut growth = Vec::with_capacity(UPLOADS);
    let started = Instant::now();
    for (id, token) in &drafts[2..2 + UPLOADS] {
        let rss = reset_and_rss();
        let (status, took) = upload(&client, &base, token, *id, pdf).await;
        assert_eq!(status, 201, "upload to submission {id}");
        growth.push(kib("VmHWM").saturating_sub(rss));
        latencies.push(took);
    }
    let sequential = started.elapsed();
    let after_rss = kib("VmRSS");
    let refused_again = {
        let rss = reset_and_rss();
        let (status, _) = upload(&client, &base, probe_token, *probe_id, not_pdf).await;
        assert_eq!(status, 422);
        kib("VmHWM").saturating_sub(rss)
    };

    // Concurrent uploads to as many submissions.
    let rss = reset_and_rss();
    let started = Instant::now();
    let mut tasks = Vec::with_capacity(AT_ONCE);
    for (id, token) in drafts[2 + UPLOADS..].iter().cloned() {
        let (client, base) = (client.clone(), base.clone());
        tasks.push(tokio::spawn(async move {
            upload(&client, &base, &token, id, pdf).await
        }));
    }
    let mut concurrent_latencies = Vec::with_capacity(AT_ONCE);
    for t in tasks {
        let (status, took) = t.await.unwrap();
        assert_eq!(status, 201, "concurrent upload");
        concurrent_latencies.push(took);
    }
    let concurrent = started.elapsed();
    let concurrent_growth = kib("VmHWM").saturating_sub(rss);

    // Hand in every submission with a file.
    let mut submits = Vec::new();
    for (id, token) in drafts
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != 1)
        .map(|(_, d)| d)
    {
        let t = Instant::now();
        let resp = client
            .post(format!("{base}/api/v1/submissions/{id}/submit"))
            .bearer_auth(token)
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status().as_u16(), 200, "submit {id}");
        resp.bytes().await.unwrap();
        submits.push(t.elapsed());
    }

    // What was stored, so that the figures mean something.
    let uploaded = UPLOADS + AT_ONCE;
    let expected = (uploaded * FILE + 64 * 1024) as i64;
    let sizes = app
        .count("select cast(coalesce(sum(size), 0) as bigint) from uploads")
        .await;
    let bytes = app
        .count("select cast(coalesce(sum(length(data)), 0) as bigint) from uploads")
        .await;
    let files = app.count("select count(*) from submission_files").await;
    let submitted = app
        .count("select count(*) from submissions where status = 'submitted'")
        .await;
    assert_eq!(
        (sizes, bytes, files, submitted),
        (expected, expected, uploaded as i64 + 1, uploaded as i64 + 1)
    );

    latencies.sort();
    let first_growth = growth[0];
    growth.sort();
    let file_mib = FILE as f64 / MIB as f64;
    println!();
    println!("## {UPLOADS} sequential uploads of {file_mib:.0} MiB through the API, then submit");
    println!(
        "upload: p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms; {:.0} MiB/s over all {UPLOADS} ({:.0} MiB/s at p50)",
        ms(pct(&latencies, 0.5)),
        ms(pct(&latencies, 0.99)),
        ms(pct(&latencies, 1.0)),
        (UPLOADS * FILE) as f64 / MIB as f64 / sequential.as_secs_f64(),
        file_mib / pct(&latencies, 0.5).as_secs_f64()
    );
    submits.sort();
    println!(
        "submit (with the confirmation mail queued): p50 {:.1} ms, p99 {:.1} ms",
        ms(pct(&submits, 0.5)),
        ms(pct(&submits, 0.99))
    );
    let times = |kib: u64| kib as f64 / (FILE / 1024) as f64;
    println!(
        "peak memory growth per upload (VmHWM after − VmRSS before): first {} ({:.1}× the file), \
         median {} ({:.1}×), min {}, max {} ({:.1}×)",
        mib(first_growth),
        times(first_growth),
        mib(growth[growth.len() / 2]),
        times(growth[growth.len() / 2]),
        mib(growth[0]),
        mib(*growth.last().unwrap()),
        times(*growth.last().unwrap())
    );
    println!(
        "peak memory growth for a {file_mib:.0} MiB body read and refused (not a PDF): {} \
         before the uploads, {} after ({:.1}× / {:.1}× the file)",
        mib(refused_growth),
        mib(refused_again),
        times(refused_growth),
        times(refused_again)
    );
    println!(
        "resident memory: {} before the sequential uploads, {} after",
        mib(start_rss),
        mib(after_rss)
    );
    concurrent_latencies.sort();
    println!(
        "{AT_ONCE} concurrent uploads: {:.0} ms for all, slowest {:.0} ms; peak memory growth {} \
         ({:.1}× the file, {:.1}× per upload)",
        ms(concurrent),
        ms(*concurrent_latencies.last().unwrap()),
        mib(concurrent_growth),
        times(concurrent_growth),
        times(concurrent_growth) / AT_ONCE as f64
    );
    println!(
        "stored: {files} files, sum(size) {sizes} bytes = sum(length(data)) {bytes} bytes \
         (expected {expected}), {submitted} submitted"
    );
}

/// Sends `body` as an attachment of submission `id`; returns the status and the time to the
/// whole response.
async fn upload(
    client: &reqwest::Client,
    base: &str,
    token: &str,
    id: i64,
    body: &'static [u8],
) -> (u16, Duration) {
    let t = Instant::now();
    let resp = client
        .post(format!(
            "{base}/api/v1/submissions/{id}/attachments?filename=pitch-deck.pdf&label=Pitch-Deck"
        ))
        .bearer_auth(token)
        .header(reqwest::header::CONTENT_TYPE, "application/octet-stream")
        .body(body)
        .send()
        .await
        .unwrap();
    let status = resp.status().as_u16();
    resp.bytes().await.unwrap();
    (status, t.elapsed())
}

/// A real PDF of `len` bytes (uploads are parsed) whose filling varies, so nothing on the way
/// could shrink it.
fn pdf(len: usize) -> Vec<u8> {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    convene_tests::pdf_file_with("Pitch deck", len, |_| b' ' + (rng.next() % 95) as u8)
}

// --- 2. The organisers' list with 5,000 submissions -------------------------------------------

async fn list(app: &TestApp, olaf: &Actor) {
    let slug = "liste";
    let call = calls::create(&app.state, olaf, &call_input(slug, "InnovationCall Liste"))
        .await
        .unwrap();
    let stage = QuestionInput {
        kind: "text".into(),
        label_de: "Entwicklungsstand".into(),
        label_en: "Stage".into(),
        ..Default::default()
    };
    let question = calls::add_question(&app.state, olaf, slug, &stage)
        .await
        .unwrap();
    let categories: Vec<i64> = calls::categories(&app.state, &call)
        .await
        .unwrap()
        .iter()
        .map(|c| c.id)
        .collect();

    // 5,000 submitted entries, each with its lead's account, one team member and one answer,
    // written in one transaction.
    let started = Instant::now();
    let mut rng = Rng(42);
    // The filtered page searches for this word (one topic of fourteen has it).
    let word = "geothermie";
    let mut searchable = 0;
    let now = app.clock.now();
    let mut tx = convene::db::begin_write(&app.db).await.unwrap();
    for i in 0..SUBMISSIONS {
        let e = Entry::new(&mut rng, i);
        if [&e.title, &e.organisation, &e.summary, &e.lead]
            .iter()
            .any(|v| v.to_lowercase().contains(word))
        {
            searchable += 1;
        }
        let new = convene::account::queries::NewAccount {
            email: &e.email,
            name: &e.lead,
            organisation_id: None,
            language: "de",
            password_hash: None,
            email_confirmed_at: Some(now),
            now,
        };
        let account = convene::account::queries::insert(&mut tx, &new)
            .await
            .unwrap();
        let submitted_at = now - chrono::Duration::minutes(i as i64 * 7);
        let id: i64 = sqlx::query_scalar(
            "insert into submissions (call_id, account_id, status, title, category_id, abstract, \
                 organisation, website, submitted_at, created_at, updated_at) \
             values ($1, $2, 'submitted', $3, $4, $5, $6, $7, $8, $8, $8) returning id",
        )
        .bind(call.id)
        .bind(account)
        .bind(&e.title)
        .bind(categories[i % categories.len()])
        .bind(&e.summary)
        .bind(&e.organisation)
        .bind(&e.website)
        .bind(submitted_at)
        .fetch_one(&mut *tx)
        .await
        .unwrap();
        sqlx::query(
            "insert into submission_members (submission_id, email, name, role, invited_by, created_at) \
             values ($1, $2, $3, 'Projektleitung', $4, $5)",
        )
        .bind(id)
        .bind(&e.email)
        .bind(&e.lead)
        .bind(account)
        .bind(submitted_at)
        .execute(&mut *tx)
        .await
        .unwrap();
        sqlx::query(
            "insert into submission_answers (submission_id, question_id, value) values ($1, $2, $3)",
        )
        .bind(id)
        .bind(question)
        .bind(STAGES[i % STAGES.len()])
        .execute(&mut *tx)
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
    let inserted = started.elapsed();
    assert_eq!(
        app.count("select count(*) from submissions where status = 'submitted'")
            .await,
        (UPLOADS + AT_ONCE + 1 + SUBMISSIONS) as i64
    );
    println!();
    println!(
        "## The organisers' list of a call with {SUBMISSIONS} submitted submissions \
         ({REQUESTS} requests, {CONNECTIONS} connections each)"
    );
    println!(
        "arranged in {:.1} s (accounts, submissions, members, answers in one transaction)",
        inserted.as_secs_f64()
    );

    let orga = app.signed_in("orga@example.org", "de").await;
    let (_, token) = convene::account::service::create_api_token(&app.state, olaf, "bench", None)
        .await
        .unwrap();
    let api = reqwest::Client::builder()
        .pool_max_idle_per_host(CONNECTIONS)
        .build()
        .unwrap();
    let base = app.base_url.clone();
    // (what, path, through the API, how to count the entries of a response, how many).
    type Run = (&'static str, String, bool, fn(&str) -> usize, usize);
    let runs: [Run; 4] = [
        (
            "HTML page",
            format!("/orga/calls/{slug}/submissions"),
            false,
            html_rows,
            SUBMISSIONS,
        ),
        (
            "API list",
            format!("/api/v1/calls/{slug}/submissions"),
            true,
            json_entries,
            SUBMISSIONS,
        ),
        (
            "CSV export",
            format!("/orga/calls/{slug}/submissions.csv"),
            false,
            csv_records,
            SUBMISSIONS,
        ),
        (
            "HTML page, filtered",
            format!("/orga/calls/{slug}/submissions?q={word}&status=submitted"),
            false,
            html_rows,
            searchable,
        ),
    ];
    for (what, path, through_api, count, expected) in runs {
        let (http, bearer) = if through_api {
            (&api, Some(token.as_str()))
        } else {
            (&orga.http, None)
        };
        let url = format!("{base}{path}");
        let rss = reset_and_rss();
        let r = load(http, &url, bearer, REQUESTS, CONNECTIONS).await;
        let peak = kib("VmHWM").saturating_sub(rss);
        let found = count(&r.body);
        assert_eq!(found, expected, "{what}: entries in {path}");
        println!(
            "{what} `GET {path}`: alone p50 {:.0} ms; {CONNECTIONS} connections {:.1} req/s, \
             p50 {:.0} ms, p99 {:.0} ms, max {:.0} ms; {} KiB, {found} entries; non-200 {}; \
             peak memory growth {}",
            ms(pct(&r.alone, 0.5)),
            REQUESTS as f64 / r.wall.as_secs_f64(),
            ms(pct(&r.latencies, 0.5)),
            ms(pct(&r.latencies, 0.99)),
            ms(pct(&r.latencies, 1.0)),
            r.body.len() / 1024,
            r.failed,
            mib(peak)
        );
        assert_eq!(r.failed, 0, "{what}: failed requests");
    }
    breakdown(app, olaf, slug).await;
}

fn html_rows(body: &str) -> usize {
    body.matches("<tr data-status=").count()
}

fn csv_records(body: &str) -> usize {
    body.matches("\r\n").count().saturating_sub(1)
}

fn json_entries(body: &str) -> usize {
    serde_json::from_str::<serde_json::Value>(body)
        .map(|v| v.as_array().map_or(0, Vec::len))
        .unwrap_or(0)
}

/// Where the time of one list request goes, measured in this process without HTTP: the
/// service's queries, the per-row formatting the page does, and the one-row-at-a-time loads
/// of the API list.
async fn breakdown(app: &TestApp, olaf: &Actor, slug: &str) {
    let filter = convene::call::queries::Filter::default();
    let mut took = Vec::new();
    let mut overview = None;
    for _ in 0..20 {
        let t = Instant::now();
        overview = Some(
            calls::overview(&app.state, olaf, slug, &filter)
                .await
                .unwrap(),
        );
        took.push(t.elapsed());
    }
    took.sort();
    let o = overview.unwrap();
    let lang = convene_frontend::Lang::De;
    let (t, tz) = (lang.tr(), o.call.tz());
    let mut formatting = Duration::MAX;
    for _ in 0..5 {
        let started = Instant::now();
        let mut len = 0;
        for r in &o.rows {
            len += t.msg(r.status.label_id()).len();
            len += r
                .submitted_at
                .map(|s| convene::http::fmt::at(lang, tz, s))
                .unwrap_or_default()
                .len();
        }
        assert!(len > 0);
        formatting = formatting.min(started.elapsed());
    }
    let mut conn = app.db.acquire().await.unwrap();
    let started = Instant::now();
    let all = convene::call::queries::submitted_of_call(&mut conn, o.call.id)
        .await
        .unwrap();
    assert_eq!(all.len(), o.rows.len());
    let in_one = started.elapsed();
    println!(
        "without HTTP: `service::overview` (queries, {} rows) p50 {:.0} ms; status label and \
         `fmt::at` for every row {:.0} ms; the API list's full rows in one query \
         (`queries::submitted_of_call`, {} rows) {:.0} ms",
        o.rows.len(),
        ms(pct(&took, 0.5)),
        ms(formatting),
        all.len(),
        ms(in_one)
    );
}

/// What one list measurement saw.
struct Loaded {
    wall: Duration,
    latencies: Vec<Duration>,
    /// Sequential requests on one connection, sorted.
    alone: Vec<Duration>,
    /// The body of the first response (after a warm-up request).
    body: String,
    failed: usize,
}

/// One warm-up request (its body is kept to check the content), [`ALONE`] sequential requests,
/// then `n` GET requests over `connections` concurrent connections.
async fn load(
    http: &reqwest::Client,
    url: &str,
    bearer: Option<&str>,
    n: usize,
    connections: usize,
) -> Loaded {
    let get = |http: &reqwest::Client| {
        let req = http.get(url);
        match bearer {
            Some(t) => req.bearer_auth(t),
            None => req,
        }
    };
    let first = get(http).send().await.unwrap();
    assert_eq!(first.status().as_u16(), 200, "GET {url}");
    let body = first.text().await.unwrap();

    // One organiser alone: sequential requests on one connection.
    let mut alone = Vec::with_capacity(ALONE);
    for _ in 0..ALONE {
        let t = Instant::now();
        let resp = get(http).send().await.unwrap();
        assert_eq!(resp.status().as_u16(), 200, "GET {url}");
        resp.bytes().await.unwrap();
        alone.push(t.elapsed());
    }
    alone.sort();

    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let mut workers = Vec::with_capacity(connections);
    for _ in 0..connections {
        let (next, req) = (next.clone(), get(http));
        workers.push(tokio::spawn(async move {
            let mut seen = Vec::new();
            while next.fetch_add(1, Ordering::Relaxed) < n {
                let t = Instant::now();
                let resp = req.try_clone().unwrap().send().await.unwrap();
                let ok = resp.status().as_u16() == 200;
                resp.bytes().await.unwrap();
                seen.push((ok, t.elapsed()));
            }
            seen
        }));
    }
    let mut latencies = Vec::with_capacity(n);
    let mut failed = 0;
    for w in workers {
        for (ok, took) in w.await.unwrap() {
            failed += usize::from(!ok);
            latencies.push(took);
        }
    }
    let wall = started.elapsed();
    latencies.sort();
    Loaded {
        wall,
        latencies,
        alone,
        body,
        failed,
    }
}

// --- Arrangement -------------------------------------------------------------------------------

/// A call open from 1 October to 1 December 2026 (the test clock stands at 1 November), with
/// six categories and attachments of up to 10 MB, at least one required.
fn call_input(slug: &str, title: &str) -> CallInput {
    CallInput {
        slug: slug.into(),
        title_de: title.into(),
        title_en: title.into(),
        timezone: "Europe/Berlin".into(),
        opens_at: "2026-10-01T09:00".into(),
        deadline: "2026-12-01T12:00".into(),
        categories: CATEGORIES.join("\n"),
        abstract_max: Some(1500),
        max_files: Some(3),
        file_max_mb: Some(10),
        file_required: true,
        ..Default::default()
    }
}

/// A confirmed team account made through the account queries (no password hashing).
async fn team_account(app: &TestApp, i: usize) -> Actor {
    let mut conn = app.db.acquire().await.unwrap();
    let email = format!("team{i}@example.org");
    let new = convene::account::queries::NewAccount {
        email: &email,
        name: &format!("Team {i}"),
        organisation_id: None,
        language: "de",
        password_hash: None,
        email_confirmed_at: Some(app.clock.now()),
        now: app.clock.now(),
    };
    let id = convene::account::queries::insert(&mut conn, &new)
        .await
        .unwrap();
    drop(conn);
    app.actor(id).await
}

const CATEGORIES: [&str; 6] = [
    "Energie und Wasserstoff | Energy and hydrogen",
    "Kreislaufwirtschaft | Circular economy",
    "Mobilität und Logistik | Mobility and logistics",
    "Gesundheit | Health",
    "Digitale Verwaltung | Digital administration",
    "Bauen und Wohnen | Building and housing",
];

const STAGES: [&str; 4] = ["Idee", "Prototyp", "Pilotkunde", "Markteintritt"];

/// One generated submission: realistic German titles, organisations, abstracts and leads.
struct Entry {
    title: String,
    organisation: String,
    summary: String,
    website: String,
    lead: String,
    email: String,
}

impl Entry {
    fn new(rng: &mut Rng, i: usize) -> Entry {
        const ADJECTIVES: [&str; 10] = [
            "Digitale",
            "Kreislauffähige",
            "KI-gestützte",
            "Modulare",
            "Dezentrale",
            "Vernetzte",
            "Mobile",
            "Offene",
            "Smarte",
            "Regionale",
        ];
        const TOPICS: [&str; 14] = [
            "Wärmepumpen-Steuerung",
            "Wasserstoff-Elektrolyse",
            "Baustoff-Rückgewinnung",
            "Lastenrad-Logistik",
            "Quartiersspeicher",
            "Gebäudesanierung",
            "Abwasserwärme-Nutzung",
            "Fassadenbegrünung",
            "Batterie-Wiederverwertung",
            "Ladeinfrastruktur",
            "Pflegedokumentation",
            "Bürgerterminvergabe",
            "Starkregen-Frühwarnung",
            "Grubenwasser-Geothermie",
        ];
        const PLACES: [&str; 8] = [
            "für das Ruhrgebiet",
            "im Quartier",
            "für den Mittelstand",
            "in Kommunen",
            "für Kliniken",
            "am Binnenhafen",
            "auf Industriebrachen",
            "für Handwerksbetriebe",
        ];
        const STEMS: [&str; 12] = [
            "Rheinwerk",
            "Ruhrtal",
            "Emscher",
            "Zollverein",
            "Phoenix",
            "Hafenkante",
            "Lippe",
            "Grubenlicht",
            "Halde",
            "Kokerei",
            "Förderturm",
            "Stahlgrün",
        ];
        const KINDS: [&str; 8] = [
            "Labs",
            "Systems",
            "Energie",
            "Robotics",
            "Analytics",
            "Bau",
            "Tech",
            "Logistik",
        ];
        const FORMS: [&str; 5] = [
            "GmbH",
            "UG (haftungsbeschränkt)",
            "AG",
            "e. V.",
            "GmbH & Co. KG",
        ];
        const FIRST: [&str; 12] = [
            "Anna", "Mehmet", "Julia", "Lukas", "Sophie", "Jonas", "Leonie", "Elias", "Marie",
            "Finn", "Aylin", "Paul",
        ];
        const LAST: [&str; 12] = [
            "Schneider",
            "Yılmaz",
            "Fischer",
            "Weber",
            "Kowalski",
            "Becker",
            "Hoffmann",
            "Schäfer",
            "Nowak",
            "Krüger",
            "Demir",
            "Wagner",
        ];
        const SENTENCES: [&str; 10] = [
            "Unser Team entwickelt eine Lösung, die bestehende Anlagen ohne Umbau nachrüstet und \
             den Energiebedarf um bis zu ein Drittel senkt.",
            "Ein Pilot mit zwei Stadtwerken aus der Region läuft seit dem Frühjahr; die ersten \
             Messwerte bestätigen die Annahmen aus dem Labor.",
            "Die Daten bleiben bei den Betreibern: Auswertung und Steuerung laufen auf einem \
             kleinen Rechner vor Ort, ohne Cloud-Anbindung.",
            "Wir verbinden Sensorik, eine offene Schnittstelle und ein einfaches Abrechnungsmodell, \
             das auch kleine Betriebe ohne eigene IT nutzen können.",
            "Das Vorhaben schafft Arbeitsplätze auf ehemaligen Industrieflächen und bindet \
             Ausbildungsbetriebe aus dem Umkreis ein.",
            "Für die Skalierung suchen wir Partner aus Kommunen, Wohnungswirtschaft und Handwerk, \
             die Standorte für weitere Installationen bereitstellen.",
            "Der Wasserstoff wird aus Überschussstrom erzeugt und in bestehenden Leitungen \
             zwischengespeichert, bevor ihn Industriebetriebe abnehmen.",
            "Die Materialien stammen zu über 80 Prozent aus Rückbau und werden nach der Nutzung \
             vollständig wiederverwertet.",
            "Mit dem Preisgeld wollen wir die Zulassung abschließen und eine Kleinserie von \
             fünfzig Geräten fertigen.",
            "Nutzerinnen und Nutzer haben das Konzept in drei Werkstätten mitentwickelt; ihre \
             Rückmeldungen sind in den zweiten Prototyp eingeflossen.",
        ];
        let pick = |rng: &mut Rng, list: &[&'static str]| list[rng.next() as usize % list.len()];
        let title = format!(
            "{} {} {}",
            pick(rng, &ADJECTIVES),
            pick(rng, &TOPICS),
            pick(rng, &PLACES)
        );
        let stem = pick(rng, &STEMS);
        let organisation = format!("{stem} {} {}", pick(rng, &KINDS), pick(rng, &FORMS));
        let sentences = 3 + rng.next() as usize % 4;
        let summary = (0..sentences)
            .map(|_| pick(rng, &SENTENCES))
            .collect::<Vec<_>>()
            .join(" ");
        let (first, last) = (pick(rng, &FIRST), pick(rng, &LAST));
        let domain = stem.to_lowercase();
        Entry {
            title,
            organisation,
            summary,
            website: format!("https://www.{domain}-{i}.de"),
            lead: format!("{first} {last}"),
            email: format!("lead{i}@{domain}.example"),
        }
    }
}

/// A small deterministic generator (xorshift64), so every run lists the same data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

// --- Measuring ---------------------------------------------------------------------------------

/// A field of /proc/self/status in KiB (0 where there is no such file).
fn kib(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

/// Resets the peak resident memory (VmHWM) to the current resident memory (Linux 4.0+).
fn reset_peak() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

/// Resets the peak and returns the resident memory it starts from, in KiB.
fn reset_and_rss() -> u64 {
    if reset_peak() {
        kib("VmRSS")
    } else {
        kib("VmHWM")
    }
}

fn pct(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn mib(kib: u64) -> String {
    format!("{:.1} MiB", kib as f64 / 1024.0)
}
