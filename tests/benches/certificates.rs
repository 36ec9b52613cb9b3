//! Issuing 1,000 personalised certificates, on the engine the build selects.
//!
//! An event with 1,000 people checked in (German and English names with umlauts, ß and accents,
//! some very long; rows written directly, since hashing 1,000 passwords is not what is measured)
//! and an attendance template with a logo and a signature. Measured:
//!
//! 1. Issuing without mail: the job finds the recipients, takes serial numbers and codes and
//!    writes 1,000 certificates (`certificate::service::issue_now`).
//! 2. Issuing with mail, on a second template: the same, plus every PDF rendered and put in the
//!    outbox with its certificate as attachment. This is the whole "issue and send" of an
//!    organiser; the mail worker (started as `convene serve` starts it) sends to the test kit's
//!    local SMTP sink meanwhile.
//! 3. The ZIP of all 1,000 PDFs the organisers download (`zip_for_organiser`): every PDF rendered
//!    again, so the average file size is read from it.
//!
//! For each: total time, certificates per second and the growth of this process's peak resident
//! memory (`VmHWM`, reset before each step); the server runs in this process.
//!
//! Run it with:
//!
//!     cargo bench -p convene-tests --bench certificates
//!     CONVENE_TEST_DATABASE_URL=… cargo bench -p convene-tests --no-default-features \
//!         --features convene/postgres,convene-tests/postgres --bench certificates
//!
//! Every result is checked before it is printed (rows issued, mails queued, files in the ZIP).

use std::io::Read;
use std::time::Instant;

use convene::certificate::model::{Owner, TemplateInput};
use convene::certificate::service;
use convene_tests::TestApp;

const PEOPLE: usize = 1000;

const FIRST: [&str; 10] = [
    "Jörg",
    "Lena",
    "Aylin",
    "Tomasz",
    "Zoë",
    "Björn",
    "Małgorzata",
    "Pieter",
    "Anaïs",
    "Jürgen",
];
const LAST: [&str; 10] = [
    "Müller",
    "Schäfer",
    "Größe-Weiß",
    "Wiśniewski",
    "van Damme",
    "Öztürk",
    "Đorđević",
    "Łukasiewicz",
    "Straßburger",
    "von und zu Hohenzollern-Sigmaringen-Hechingen-Haigerloch",
];

#[tokio::main]
async fn main() {
    let app = TestApp::spawn().await;
    // Measured as `convene serve` runs: with its background workers (a test app starts none).
    convene::spawn_workers(&app.state);
    println!("engine: {}", convene::db::ENGINE);
    let olaf = app
        .actor(app.organiser("orga@example.org", "Olaf Organiser").await)
        .await;
    let event = app.event(&olaf, "cmr").await;
    people(&app, event.id.0).await;

    let logo = convene_tests::png(480, 200, true, |x, y| {
        if (x as i64 - 100).pow(2) + (y as i64 - 100).pow(2) < 80 * 80 {
            [20, 80, 160, 255]
        } else if x > 200 && (90..110).contains(&y) {
            [40, 40, 40, 255]
        } else {
            [0, 0, 0, 0]
        }
    });
    let signature = convene_tests::png(300, 90, true, |x, y| {
        let wave = 45.0 + 30.0 * (x as f64 / 20.0).sin();
        if (y as f64 - wave).abs() < 2.0 {
            [10, 10, 60, 255]
        } else {
            [0, 0, 0, 0]
        }
    });
    let template = |prefix: &str| TemplateInput {
        kind: "attendance".into(),
        title_de: "Teilnahmebescheinigung".into(),
        title_en: "Certificate of attendance".into(),
        body_de: "hat am {dates} an der Veranstaltung „{event}“ in Düsseldorf teilgenommen.".into(),
        body_en: "attended “{event}” in Düsseldorf on {dates}.".into(),
        place: "Düsseldorf".into(),
        signatory1_name: "Dr. Anna Schäfer".into(),
        signatory1_role: "Geschäftsführerin".into(),
        signatory2_name: "Jürgen Weiß".into(),
        signatory2_role: "Vorsitzender der Jury".into(),
        serial_prefix: prefix.into(),
        ..Default::default()
    };
    let mut ids = Vec::new();
    for prefix in ["CMR-2026", "CMR-2026-M"] {
        let t = service::create(&app.state, &olaf, Owner::Event(event.id), &template(prefix))
            .await
            .unwrap();
        service::set_image(&app.state, &olaf, t.id, false, Some(&logo))
            .await
            .unwrap();
        service::set_image(&app.state, &olaf, t.id, true, Some(&signature))
            .await
            .unwrap();
        ids.push(t.id);
    }

    // 1. Issuing without mail.
    let start = measure_start();
    let job = service::issue_now(&app.state, &olaf, ids[0], false)
        .await
        .unwrap();
    let (took, peak) = measure_end(start);
    assert_eq!((job.status.as_str(), job.issued), ("done", PEOPLE as i64));
    report("issue 1,000 (no mail)", took, peak);

    // Issuing again finds everyone issued: nothing new, and quickly.
    let start = measure_start();
    let again = service::issue_now(&app.state, &olaf, ids[0], false)
        .await
        .unwrap();
    let (took, peak) = measure_end(start);
    assert_eq!((again.done, again.issued), (PEOPLE as i64, 0));
    report("issue again (all exist)", took, peak);

    // 2. Issuing with mail: every PDF rendered and queued with its e-mail.
    let outbox_before = app.count("select count(*) from outbox").await;
    let start = measure_start();
    let job = service::issue_now(&app.state, &olaf, ids[1], true)
        .await
        .unwrap();
    let (took, peak) = measure_end(start);
    assert_eq!(job.issued, PEOPLE as i64);
    let queued = app.count("select count(*) from outbox").await - outbox_before;
    assert_eq!(queued, PEOPLE as i64);
    report("issue 1,000 with PDF mail", took, peak);

    // 3. The ZIP of all 1,000 PDFs.
    let start = measure_start();
    let (_, zip) = service::zip_for_organiser(&app.state, &olaf, ids[0])
        .await
        .unwrap();
    let (took, peak) = measure_end(start);
    report("ZIP of 1,000 PDFs", took, peak);
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip.as_slice())).unwrap();
    assert_eq!(archive.len(), PEOPLE);
    let mut sizes = Vec::with_capacity(PEOPLE);
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let mut pdf = Vec::new();
        file.read_to_end(&mut pdf).unwrap();
        assert!(pdf.starts_with(b"%PDF-") && pdf.windows(5).any(|w| w == b"%%EOF"));
        sizes.push(pdf.len());
    }
    sizes.sort_unstable();
    let average = sizes.iter().sum::<usize>() as f64 / sizes.len() as f64;
    println!(
        "PDF size: average {:.1} KiB, smallest {:.1} KiB, largest {:.1} KiB (logo, signature, QR code, font subset)",
        average / 1024.0,
        sizes[0] as f64 / 1024.0,
        sizes[sizes.len() - 1] as f64 / 1024.0
    );
}

/// Writes `PEOPLE` accounts, each registered for the event and checked in.
async fn people(app: &TestApp, event: i64) {
    let now = app.clock.now();
    let mut tx = app.db.begin().await.unwrap();
    for i in 0..PEOPLE {
        let name = format!("{} {}", FIRST[i % 10], LAST[(i / 10) % 10]);
        let account: i64 = sqlx::query_scalar(
            "insert into accounts (email, name, language, created_at, updated_at) \
             values ($1, $2, $3, $4, $4) returning id",
        )
        .bind(format!("person{i}@example.org"))
        .bind(&name)
        .bind(if i % 3 == 0 { "en" } else { "de" })
        .bind(now)
        .fetch_one(&mut *tx)
        .await
        .unwrap();
        sqlx::query(
            "insert into registrations (event_id, account_id, status, code, checked_in_at, created_at, updated_at) \
             values ($1, $2, 'confirmed', $3, $4, $4, $4)",
        )
        .bind(event)
        .bind(account)
        .bind(format!("CODE{i:06}"))
        .bind(now)
        .execute(&mut *tx)
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
}

fn report(what: &str, took: std::time::Duration, peak_kib: u64) {
    println!(
        "{what:<28} {:>8.0} ms  {:>7.0} certificates/s  peak memory +{:.1} MiB",
        took.as_secs_f64() * 1000.0,
        PEOPLE as f64 / took.as_secs_f64(),
        peak_kib as f64 / 1024.0
    );
}

fn measure_start() -> (Instant, u64) {
    // Resets the peak resident memory (VmHWM) to the current one (Linux 4.0+).
    let reset = std::fs::write("/proc/self/clear_refs", "5").is_ok();
    let base = if reset { kib("VmRSS") } else { kib("VmHWM") };
    (Instant::now(), base)
}

fn measure_end((start, base): (Instant, u64)) -> (std::time::Duration, u64) {
    (start.elapsed(), kib("VmHWM").saturating_sub(base))
}

fn kib(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}
