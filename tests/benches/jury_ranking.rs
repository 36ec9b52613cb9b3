//! The jury at scale, on the engine the build selects:
//!
//! 1. The pure maths: ranking 2,000 submissions × 5 jurors × 6 criteria with per-juror
//!    normalisation (`jury::rank::rank`), and planning the assignment of 2,000 submissions to 60
//!    jurors, 5 each (`jury::assign::plan`).
//! 2. With storage: the automatic assignment through the service (plan plus 10,000 rows written in
//!    one transaction), loading a round with its 10,000 final reviews and 60,000 scores and
//!    ranking it (`jury::service::round_view`), the organisers' round page over HTTP, which
//!    shows the whole ranking, and the call dashboard (page and API) over the same round.
//!
//! Run it with:
//!
//!     cargo bench -p convene-tests --bench jury_ranking
//!     CONVENE_TEST_DATABASE_URL=… cargo bench -p convene-tests --no-default-features \
//!         --features convene/postgres,convene-tests/postgres --bench jury_ranking
//!
//! Every result is checked before it is printed (entries ranked, reviews counted, rows written).

use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};

use convene::call::model::CallInput;
use convene::call::service as calls;
use convene::jury::model::{CriterionInput, ReviewState, RoundInput};
use convene::jury::{assign, queries, rank, service};
use convene_tests::TestApp;

const SUBMISSIONS: usize = 2000;
const JURORS: usize = 60;
const PER_SUBMISSION: usize = 5;
const CRITERIA: usize = 6;
/// Where the jurors work (none of them names an entry's organisation).
const JUROR_ORGANISATIONS: [&str; 20] = [
    "Fraunhofer-Institut UMSICHT",
    "Hochschule Ruhr West",
    "Ruhr-Universität Bochum",
    "Universität Duisburg-Essen",
    "Business Metropole Ruhr GmbH",
    "Stadtwerke Bochum",
    "IHK zu Essen",
    "Westfälische Hochschule",
    "Wuppertal Institut",
    "EnergieAgentur.NRW",
    "Emschergenossenschaft",
    "Zentrum für BrennstoffzellenTechnik",
    "TU Dortmund",
    "Max-Planck-Institut für Kohlenforschung",
    "RWI – Leibniz-Institut für Wirtschaftsforschung",
    "NRW.BANK",
    "Handwerkskammer Dortmund",
    "Wirtschaftsförderung Dortmund",
    "ruhr:HUB",
    "Gründerallianz Ruhr",
];
/// Repetitions of each in-memory measurement (the median is printed).
const RUNS: usize = 15;

/// A small deterministic generator, so every run ranks the same scores.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    /// A whole score from 0 to 10.
    fn score(&mut self) -> f64 {
        (self.next() % 11) as f64
    }
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

#[tokio::main]
async fn main() {
    println!("engine: {}", convene::db::ENGINE);
    pure();
    stored().await;
}

// --- 1. The pure maths ---------------------------------------------------------------------------

fn pure() {
    let criteria: Vec<rank::Criterion> = (0..CRITERIA as i64)
        .map(|id| rank::Criterion {
            id,
            weight: [2.0, 2.0, 1.5, 1.5, 1.0, 1.0][id as usize],
            min: 0.0,
            max: 10.0,
            informational: false,
        })
        .collect();
    let submissions: Vec<i64> = (0..SUBMISSIONS as i64).collect();
    let jurors: Vec<assign::Juror> = (0..JURORS as i64)
        .map(|id| assign::Juror {
            id,
            categories: vec![],
            load: 0,
        })
        .collect();
    let entries: Vec<assign::Entry> = submissions
        .iter()
        .map(|&id| assign::Entry {
            id,
            category: Some(id % 4),
            assigned: vec![],
        })
        .collect();
    // A few declared conflicts, as in real calls.
    let conflicts: HashSet<(i64, i64)> = (0..200).map(|i| (i % JURORS as i64, i * 7)).collect();

    let mut planning = Vec::new();
    let mut plan = assign::Plan::default();
    for _ in 0..RUNS {
        let started = Instant::now();
        plan = assign::plan(&jurors, &entries, &conflicts, PER_SUBMISSION);
        planning.push(started.elapsed());
    }
    assert_eq!(plan.added.len(), SUBMISSIONS * PER_SUBMISSION);
    assert!(plan.short.is_empty());
    let mut load = vec![0usize; JURORS];
    for (j, _) in &plan.added {
        load[*j as usize] += 1;
    }
    let (lo, hi) = (load.iter().min().unwrap(), load.iter().max().unwrap());
    assert!(hi - lo <= 1, "balanced: {lo}..{hi}");

    let mut rng = Rng(7);
    let reviews: Vec<rank::Review> = plan
        .added
        .iter()
        .map(|(juror, submission)| rank::Review {
            juror: *juror,
            submission: *submission,
            scores: (0..CRITERIA as i64).map(|c| (c, rng.score())).collect(),
            abstained: false,
        })
        .collect();
    let settings = rank::Settings {
        aggregation: rank::Aggregation::WeightedMean,
        normalise: true,
        disagreement_threshold: 3.0,
    };
    let mut ranking_times = Vec::new();
    let mut ranking = Vec::new();
    for _ in 0..RUNS {
        let started = Instant::now();
        ranking = rank::rank(&criteria, &reviews, &submissions, &settings);
        ranking_times.push(started.elapsed());
    }
    assert_eq!(ranking.len(), SUBMISSIONS);
    assert!(ranking.iter().all(|r| r.reviews == PER_SUBMISSION));
    assert!(ranking.windows(2).all(|w| w[0].score >= w[1].score));
    let median_settings = rank::Settings {
        aggregation: rank::Aggregation::Median,
        ..settings
    };
    let mut median_times = Vec::new();
    for _ in 0..RUNS {
        let started = Instant::now();
        let r = rank::rank(&criteria, &reviews, &submissions, &median_settings);
        median_times.push(started.elapsed());
        assert_eq!(r.len(), SUBMISSIONS);
    }
    println!("\n## Pure maths ({RUNS} runs, median)");
    println!(
        "assign::plan: {SUBMISSIONS} submissions to {JURORS} jurors, {PER_SUBMISSION} each, 200 conflicts: {:.1} ms (loads {lo}..{hi})",
        ms(median(planning))
    );
    println!(
        "rank::rank: {SUBMISSIONS} × {PER_SUBMISSION} reviews × {CRITERIA} criteria, normalised, mean: {:.1} ms; median: {:.1} ms",
        ms(median(ranking_times)),
        ms(median(median_times))
    );
}

// --- 2. With storage ---------------------------------------------------------------------------

async fn stored() {
    let app = TestApp::spawn().await;
    // Measured as `convene serve` runs: with its background workers (a test app starts none).
    convene::spawn_workers(&app.state);
    let olaf = app
        .actor(app.organiser("orga@example.org", "Olaf Organiser").await)
        .await;
    let slug = "jury-bench";
    let call = calls::create(
        &app.state,
        &olaf,
        &CallInput {
            slug: slug.into(),
            title_de: "InnovationCall Jury".into(),
            title_en: "InnovationCall jury".into(),
            timezone: "Europe/Berlin".into(),
            opens_at: "2026-06-01T09:00".into(),
            deadline: "2026-10-01T12:00".into(),
            categories: "Umwelt | Environment\nDigitales | Digital\nWasserstoff | Hydrogen\nKreislauf | Circular"
                .into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let categories: Vec<i64> = calls::categories(&app.state, &call)
        .await
        .unwrap()
        .iter()
        .map(|c| c.id)
        .collect();
    let now = app.clock.now();
    let started = Instant::now();
    let mut tx = convene::db::begin_write(&app.db).await.unwrap();
    for i in 0..SUBMISSIONS {
        sqlx::query(
            "insert into submissions (call_id, status, title, category_id, abstract, organisation, \
                 submitted_at, eligible_at, created_at, updated_at) \
             values ($1, 'in_review', $2, $3, $4, $5, $6, $6, $6, $6)",
        )
        .bind(call.id)
        .bind(format!("Projekt {i}: Sensorik für das Quartier"))
        .bind(categories[i % categories.len()])
        .bind("Ein Pilot im Ruhrgebiet.")
        .bind(format!("Firma {i} GmbH"))
        .bind(now)
        .execute(&mut *tx)
        .await
        .unwrap();
    }
    // Jurors come from 20 organisations, as a regional jury does: conflict detection compares
    // each juror's organisation with every entry's.
    let mut organisations = Vec::new();
    for (k, name) in JUROR_ORGANISATIONS.iter().enumerate() {
        let id: i64 = sqlx::query_scalar(
            "insert into organisations (slug, name, kind, created_at) values ($1, $2, 'other', $3) returning id",
        )
        .bind(format!("jury-org-{k}"))
        .bind(name)
        .bind(now)
        .fetch_one(&mut *tx)
        .await
        .unwrap();
        organisations.push(id);
    }
    for j in 0..JURORS {
        let email = format!("juror{j}@example.org");
        let id = convene::account::queries::insert(
            &mut tx,
            &convene::account::queries::NewAccount {
                email: &email,
                name: &format!("Juror {j}"),
                organisation_id: Some(convene::ids::OrganisationId(
                    organisations[j % organisations.len()],
                )),
                language: "de",
                password_hash: None,
                email_confirmed_at: Some(now),
                now,
            },
        )
        .await
        .unwrap();
        queries::upsert_juror(&mut tx, call.id, id.0, &[], olaf.id.0, now)
            .await
            .unwrap();
    }
    tx.commit().await.unwrap();
    let round = service::create_round(
        &app.state,
        &olaf,
        slug,
        &RoundInput {
            name_de: "Vorauswahl".into(),
            name_en: "Pre-selection".into(),
            kind: "online".into(),
            entrants: "in_review".into(),
            per_submission: Some(PER_SUBMISSION as i64),
            normalise: true,
            opens_at: "2026-10-02T09:00".into(),
            closes_at: "2026-12-20T18:00".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let mut criteria = Vec::new();
    for c in 0..CRITERIA {
        criteria.push(
            service::add_criterion(
                &app.state,
                &olaf,
                slug,
                round.id,
                &CriterionInput {
                    name_de: format!("Kriterium {c}"),
                    name_en: format!("Criterion {c}"),
                    labels_de: "0 = schwach\n10 = herausragend".into(),
                    labels_en: "0 = weak\n10 = outstanding".into(),
                    weight: Some([2.0, 2.0, 1.5, 1.5, 1.0, 1.0][c]),
                    ..Default::default()
                },
            )
            .await
            .unwrap()
            .id,
        );
    }
    println!("\n## With storage ({})", convene::db::ENGINE);
    println!(
        "arranged in {:.1} s ({SUBMISSIONS} submissions in review, {JURORS} jurors, {CRITERIA} criteria)",
        started.elapsed().as_secs_f64()
    );

    let started = Instant::now();
    let plan = service::auto_assign(&app.state, &olaf, slug, round.id)
        .await
        .unwrap();
    let assigning = started.elapsed();
    assert_eq!(plan.added.len(), SUBMISSIONS * PER_SUBMISSION);
    assert_eq!(
        app.count("select count(*) from jury_assignments").await,
        (SUBMISSIONS * PER_SUBMISSION) as i64
    );
    println!(
        "service::auto_assign: {} assignments planned and written in {:.0} ms",
        plan.added.len(),
        ms(assigning)
    );

    // Every juror's declaration (no conflict, as each must declare before scoring) and final
    // reviews, written straight into the tables in one transaction.
    let started = Instant::now();
    let mut rng = Rng(11);
    let mut tx = convene::db::begin_write(&app.db).await.unwrap();
    for (juror, submission) in &plan.added {
        queries::upsert_declaration(&mut tx, *submission, *juror, false, "", now)
            .await
            .unwrap();
        let review = queries::review_for_update(&mut tx, round.id, *juror, *submission, now)
            .await
            .unwrap();
        for c in &criteria {
            queries::set_score(&mut tx, review, *c, Some(rng.score()), now)
                .await
                .unwrap();
        }
        queries::update_review(
            &mut tx,
            review,
            ReviewState::Final,
            Some(""),
            Some(""),
            "",
            now,
        )
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
    println!(
        "wrote {} declarations and final reviews with {} scores in {:.1} s",
        plan.added.len(),
        plan.added.len() * CRITERIA,
        started.elapsed().as_secs_f64()
    );

    let mut loading = Vec::new();
    for _ in 0..5 {
        let started = Instant::now();
        let view = service::round_view(&app.state, &olaf, slug, round.id)
            .await
            .unwrap();
        loading.push(started.elapsed());
        assert_eq!(view.ranking.len(), SUBMISSIONS);
        assert!(view.ranking.iter().all(|r| r.reviews == PER_SUBMISSION));
        assert_eq!(
            view.progress(),
            (SUBMISSIONS * PER_SUBMISSION, SUBMISSIONS * PER_SUBMISSION)
        );
    }
    println!(
        "service::round_view (load 10,000 reviews and 60,000 scores, rank with normalisation): median {:.0} ms of 5",
        ms(median(loading))
    );

    let client = app.signed_in("orga@example.org", "de").await;
    let path = format!("/orga/calls/{slug}/jury/rounds/{}", round.id);
    let mut pages = Vec::new();
    let mut size = 0;
    let mut statuses: HashMap<u16, usize> = HashMap::new();
    for _ in 0..5 {
        let started = Instant::now();
        let page = client.get(&path).await;
        pages.push(started.elapsed());
        *statuses.entry(page.status).or_default() += 1;
        size = page.body.len();
    }
    assert_eq!(statuses.get(&200), Some(&5), "{path}: {statuses:?}");
    println!(
        "GET {path} (ranking of {SUBMISSIONS}, assignment matrix {SUBMISSIONS} × {JURORS}): median {:.0} ms of 5, {} KiB",
        ms(median(pages)),
        size / 1024
    );

    // The call dashboard over the same round: progress per juror, score distributions per
    // criterion, disagreements; the page and the API.
    for path in [
        format!("/orga/calls/{slug}/dashboard"),
        format!("/api/v1/calls/{slug}/dashboard"),
    ] {
        let mut times = Vec::new();
        let mut size = 0;
        for _ in 0..5 {
            let started = Instant::now();
            let page = client.get(&path).await;
            times.push(started.elapsed());
            assert_eq!(page.status, 200, "{path}");
            size = page.body.len();
            if path.starts_with("/api") {
                let json = page.json();
                assert_eq!(
                    json["rounds"][0]["done"],
                    (SUBMISSIONS * PER_SUBMISSION) as i64
                );
                assert_eq!(
                    json["rounds"][0]["criteria"][0]["count"],
                    (SUBMISSIONS * PER_SUBMISSION) as i64
                );
            } else {
                assert!(page.body.contains("Punkte je Kriterium"));
            }
        }
        println!(
            "GET {path} ({SUBMISSIONS} submissions × {PER_SUBMISSION} final reviews): median {:.0} ms of 5, {} KiB",
            ms(median(times)),
            size / 1024
        );
    }
}
