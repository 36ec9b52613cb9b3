//! The jury's HTML pages, driven like a browser: organisers build a round (criteria, jurors,
//! assignments), jurors declare conflicts and review under the blind rules, the chair closes
//! and confirms, a live pitch round scores each pitch from its slot on, and the results go out.
//! Set-up goes through the services where that is the plain way to reach a state; what is under
//! test goes through the pages and is checked on the page, in the database and in the mails.

use chrono::{DateTime, TimeZone, Utc};
use convene::account::Actor;
use convene::call::model::CallInput;
use convene::call::service as calls;
use convene::ids::AccountId;
use convene::jury::model::{CriterionInput, ReviewState, RoundInput};
use convene::jury::service::{self, Outcome, ReviewInput};
use convene_frontend::Lang;
use convene_tests::{Client, Page, TestApp};

const SLUG: &str = "innovationcall-ruhr";

// --- Set-up ----------------------------------------------------------------------------------

async fn set_language(app: &TestApp, email: &str, lang: &str) {
    sqlx::query("update accounts set language = $1 where email = $2")
        .bind(lang)
        .bind(email)
        .execute(&app.db)
        .await
        .unwrap();
}

/// The organiser orga@example.org ("Olaf Organiser"), preferring `lang`.
async fn organiser(app: &TestApp, lang: &str) -> Actor {
    let id = app.organiser("orga@example.org", "Olaf Organiser").await;
    set_language(app, "orga@example.org", lang).await;
    app.actor(id).await
}

/// A call whose deadline (15 October 2026) has passed; linked to the event `event` if not empty.
async fn call(app: &TestApp, olaf: &Actor, slug: &str, event: &str) -> i64 {
    calls::create(
        &app.state,
        olaf,
        &CallInput {
            slug: slug.into(),
            title_de: "InnovationCall Metropole Ruhr".into(),
            title_en: "InnovationCall Ruhr Metropolis".into(),
            timezone: "Europe/Berlin".into(),
            opens_at: "2026-09-01T09:00".into(),
            deadline: "2026-10-15T12:00".into(),
            event: event.into(),
            ..Default::default()
        },
    )
    .await
    .unwrap()
    .id
}

fn summary(title: &str) -> String {
    format!("{title}: ein Vorhaben für das Ruhrgebiet, Pilotbetrieb ab 2027.")
}

/// A handed-in submission with `status`, started by an account of its own, straight into the
/// table (as jury_reminders.rs does).
async fn entry(app: &TestApp, call: i64, title: &str, organisation: &str, status: &str) -> i64 {
    let handle: String = title
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let owner = app
        .account(
            &format!("{handle}-{call}@team.example"),
            &format!("Starter of {title}"),
            false,
        )
        .await;
    sqlx::query_scalar(
        "insert into submissions (call_id, account_id, status, title, abstract, organisation, \
         submitted_at, eligible_at, created_at, updated_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $7, $7, $7) returning id",
    )
    .bind(call)
    .bind(owner.0)
    .bind(status)
    .bind(title)
    .bind(summary(title))
    .bind(organisation)
    .bind(app.clock.now())
    .fetch_one(&app.db)
    .await
    .unwrap()
}

async fn member(app: &TestApp, submission: i64, email: &str, name: &str, role: &str) {
    sqlx::query(
        "insert into submission_members (submission_id, email, name, role, created_at) \
         values ($1, $2, $3, $4, $5)",
    )
    .bind(submission)
    .bind(email)
    .bind(name)
    .bind(role)
    .bind(app.clock.now())
    .execute(&app.db)
    .await
    .unwrap();
}

/// Attaches a file to a submission; returns the file's id.
async fn attach(app: &TestApp, submission: i64, filename: &str, bytes: &[u8]) -> i64 {
    let upload: i64 = sqlx::query_scalar(
        "insert into uploads (filename, content_type, size, sha256, data, created_at) \
         values ($1, 'application/pdf', $2, 'test', $3, $4) returning id",
    )
    .bind(filename)
    .bind(i64::try_from(bytes.len()).unwrap())
    .bind(bytes.to_vec())
    .bind(app.clock.now())
    .fetch_one(&app.db)
    .await
    .unwrap();
    sqlx::query_scalar(
        "insert into submission_files (submission_id, upload_id, label, created_at) \
         values ($1, $2, 'Pitch deck', $3) returning id",
    )
    .bind(submission)
    .bind(upload)
    .bind(app.clock.now())
    .fetch_one(&app.db)
    .await
    .unwrap()
}

/// Makes `account` a member of the organisation `name` (created here).
async fn join_organisation(app: &TestApp, account: i64, slug: &str, name: &str) {
    let org: i64 = sqlx::query_scalar(
        "insert into organisations (slug, name, kind, created_at) values ($1, $2, 'company', $3) \
         returning id",
    )
    .bind(slug)
    .bind(name)
    .bind(app.clock.now())
    .fetch_one(&app.db)
    .await
    .unwrap();
    sqlx::query("update accounts set organisation_id = $1 where id = $2")
        .bind(org)
        .bind(account)
        .execute(&app.db)
        .await
        .unwrap();
}

/// A confirmed account invited into the jury of `slug`; returns its id.
async fn juror(app: &TestApp, olaf: &Actor, slug: &str, email: &str, name: &str) -> i64 {
    let id = app.account(email, name, false).await;
    service::invite_juror(&app.state, olaf, slug, email, "", &[], Lang::De)
        .await
        .unwrap();
    id.0
}

/// An online round over the entries in review, open from 20 October to 20 November 2026,
/// names shown, others' scores never, two jurors per entry.
fn online(name_de: &str, name_en: &str) -> RoundInput {
    RoundInput {
        name_de: name_de.into(),
        name_en: name_en.into(),
        kind: "online".into(),
        entrants: "in_review".into(),
        per_submission: Some(2),
        others_scores: "never".into(),
        names_hidden: false,
        opens_at: "2026-10-20T09:00".into(),
        closes_at: "2026-11-20T09:00".into(),
        ..Default::default()
    }
}

async fn round(app: &TestApp, olaf: &Actor, slug: &str, input: &RoundInput) -> i64 {
    service::create_round(&app.state, olaf, slug, input)
        .await
        .unwrap()
        .id
}

async fn criterion(
    app: &TestApp,
    olaf: &Actor,
    slug: &str,
    round: i64,
    input: CriterionInput,
) -> i64 {
    service::add_criterion(&app.state, olaf, slug, round, &input)
        .await
        .unwrap()
        .id
}

fn named(name_de: &str, name_en: &str, weight: f64) -> CriterionInput {
    CriterionInput {
        name_de: name_de.into(),
        name_en: name_en.into(),
        weight: Some(weight),
        ..Default::default()
    }
}

async fn assign(app: &TestApp, olaf: &Actor, slug: &str, round: i64, juror: i64, sub: i64) {
    service::assign_one(&app.state, olaf, slug, round, juror, sub, "manual")
        .await
        .unwrap();
}

/// A juror's review through the service: "no conflict", then the scores in `state`.
#[allow(clippy::too_many_arguments)]
async fn review(
    app: &TestApp,
    juror: i64,
    round: i64,
    sub: i64,
    scores: &[(i64, &str)],
    state: ReviewState,
    comment: &str,
    team_note: &str,
) {
    let actor = app.actor(AccountId(juror)).await;
    service::declare(&app.state, &actor, round, sub, false, "")
        .await
        .unwrap();
    service::save_review(
        &app.state,
        &actor,
        round,
        sub,
        &ReviewInput {
            scores: scores.iter().map(|(c, s)| (*c, (*s).to_string())).collect(),
            comment: Some(comment.into()),
            team_note: Some(team_note.into()),
            state,
            ..Default::default()
        },
        Lang::De,
    )
    .await
    .unwrap();
}

// --- Reading back ----------------------------------------------------------------------------

fn csrf(page: &Page) -> String {
    page.attr("input[name='csrf_token']", "value")
        .unwrap_or_else(|| panic!("no CSRF token on {}", page.url))
}

/// The last path segment of a page's URL as a number (the id a redirect landed on).
fn id_in(url: &str) -> i64 {
    let path = url.split(['?', '#']).next().unwrap();
    path.rsplit('/').next().unwrap().parse().unwrap()
}

async fn review_state(app: &TestApp, round: i64, juror: i64, sub: i64) -> Option<String> {
    sqlx::query_scalar(
        "select state from jury_reviews where round_id = $1 and account_id = $2 \
         and submission_id = $3",
    )
    .bind(round)
    .bind(juror)
    .bind(sub)
    .fetch_optional(&app.db)
    .await
    .unwrap()
}

/// The stored scores of a juror's review, by criterion.
async fn scores_of(app: &TestApp, round: i64, juror: i64, sub: i64) -> Vec<(i64, f64)> {
    sqlx::query_as(
        "select s.criterion_id, s.score from jury_scores s join jury_reviews r \
         on r.id = s.review_id where r.round_id = $1 and r.account_id = $2 \
         and r.submission_id = $3 order by s.criterion_id",
    )
    .bind(round)
    .bind(juror)
    .bind(sub)
    .fetch_all(&app.db)
    .await
    .unwrap()
}

async fn status_of(app: &TestApp, sub: i64) -> String {
    sqlx::query_scalar("select status from submissions where id = $1")
        .bind(sub)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

async fn account_id(app: &TestApp, email: &str) -> i64 {
    sqlx::query_scalar("select id from accounts where email = $1")
        .bind(email)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
}

/// Moves the test clock to `to`.
fn set_clock(app: &TestApp, to: DateTime<Utc>) {
    app.clock.advance(to - app.clock.now());
}

// --- 1. Building a round -------------------------------------------------------------------

/// An organiser builds a round in English: the round form, three criteria (one for information
/// only), two jurors invited by e-mail (the unknown address gets an account), automatic
/// assignment; the matrix shows who judges what, and the juror from an entrant's organisation
/// is shown in conflict and never assigned.
#[tokio::test]
async fn an_organiser_builds_a_round_and_conflicts_are_never_assigned() {
    let app = TestApp::spawn().await;
    let olaf = organiser(&app, "en").await;
    let call = call(&app, &olaf, SLUG, "").await;
    let mine = entry(&app, call, "Mine water heat", "Sortwerk GmbH", "in_review").await;
    let hydrogen = entry(&app, call, "Hydrogen valley", "H2 Valley eG", "in_review").await;
    let solar = entry(&app, call, "Solar roofs", "", "in_review").await;
    let lea = app
        .account("lea@example.org", "Dr. Lea Brandt", false)
        .await
        .0;
    join_organisation(&app, lea, "sortwerk", "Sortwerk GmbH").await;
    let orga = app.signed_in("orga@example.org", "en").await;
    let jury_url = format!("/orga/calls/{SLUG}/jury");

    // The round.
    let jury = orga.get(&jury_url).await;
    assert_eq!(jury.status, 200);
    assert_eq!(
        jury.text("#round-list tbody"),
        "No round yet. Create the first one below."
    );
    let created = orga
        .submit(
            &jury,
            &format!("form[action='{jury_url}/rounds']"),
            &[
                ("name_de", "Online-Vorauswahl"),
                ("name_en", "Online pre-selection"),
                ("opens_at", "2026-11-01T09:00"),
                ("closes_at", "2026-11-15T18:00"),
                ("per_submission", "2"),
            ],
        )
        .await;
    assert_eq!(created.status, 200, "{}", created.text("main"));
    assert_eq!(
        created.text(".flash"),
        "The round has been created. Add its criteria next."
    );
    let round = id_in(&created.url);
    assert!(created.url.ends_with(&format!("{jury_url}/rounds/{round}")));
    let stored: (String, String, String, i64, DateTime<Utc>, DateTime<Utc>) = sqlx::query_as(
        "select name_en, kind, entrants, per_submission, opens_at, closes_at from jury_rounds",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(
        stored,
        (
            "Online pre-selection".to_string(),
            "online".to_string(),
            "in_review".to_string(),
            2,
            utc(2026, 11, 1, 8, 0),
            utc(2026, 11, 15, 17, 0)
        )
    );

    // Three criteria, the last for information only.
    let criteria = format!("{jury_url}/rounds/{round}/criteria");
    let mut page = created;
    for fields in [
        vec![
            ("name_de", "Innovationsgrad"),
            ("name_en", "Degree of innovation"),
            ("labels_de", "0 = nicht überzeugend\n10 = herausragend"),
            ("labels_en", "0 = not convincing\n10 = outstanding"),
            ("weight", "2"),
        ],
        vec![
            ("name_de", "Marktpotenzial"),
            ("name_en", "Market potential"),
            ("weight", "1.5"),
        ],
        vec![
            ("name_de", "Regionale Wirkung"),
            ("name_en", "Regional impact"),
            ("informational", "true"),
        ],
    ] {
        page = orga
            .submit(&page, &format!("form[action='{criteria}']"), &fields)
            .await;
        assert_eq!(page.status, 200, "{}", page.text("main"));
        assert_eq!(page.text(".flash"), "The criterion has been added.");
    }
    assert_eq!(
        page.texts("#criterion-list tbody .name"),
        [
            "Degree of innovation",
            "Market potential",
            "Regional impact"
        ]
    );
    assert_eq!(page.texts("#criterion-list .weight"), ["2", "1.5", "1"]);
    assert_eq!(page.texts("#criterion-list .badge"), ["for information"]);
    assert!(
        page.text("#criterion-list tbody tr")
            .contains("0 = not convincing · 10 = outstanding"),
        "{}",
        page.text("#criterion-list tbody tr")
    );
    let rows: Vec<(String, f64, bool, String)> = sqlx::query_as(
        "select name_en, weight, informational, labels_de from jury_criteria \
         order by position, id",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert_eq!(
        rows.iter()
            .map(|(n, w, i, _)| (n.as_str(), *w, *i))
            .collect::<Vec<_>>(),
        [
            ("Degree of innovation", 2.0, false),
            ("Market potential", 1.5, false),
            ("Regional impact", 1.0, true)
        ]
    );
    assert!(rows[0].3.contains("nicht überzeugend"), "{}", rows[0].3);

    // Two jurors by e-mail: one with an account, one unknown.
    let invite = format!("form[action='{jury_url}/jurors']");
    let jury = orga.get(&jury_url).await;
    let after = orga
        .submit(&jury, &invite, &[("email", "lea@example.org")])
        .await;
    assert_eq!(after.status, 200, "{}", after.text("main"));
    assert_eq!(
        after.text(".flash"),
        "The juror has been added and informed by e-mail."
    );
    let after = orga
        .submit(
            &after,
            &invite,
            &[("email", "jan.krause@example.org"), ("name", "Jan Krause")],
        )
        .await;
    assert_eq!(after.status, 200, "{}", after.text("main"));
    assert_eq!(
        after.texts("#juror-list .name"),
        ["Dr. Lea Brandt", "Jan Krause"]
    );
    assert_eq!(
        app.count("select count(*) from jurors").await,
        2,
        "both are on the jury"
    );
    let jan: (i64, Option<String>, String) = sqlx::query_as(
        "select id, password_hash, language from accounts where email = 'jan.krause@example.org'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(jan.1, None, "the new account has no password yet");
    assert_eq!(
        jan.2, "en",
        "the new account speaks the inviting page's language"
    );
    let jan = jan.0;
    app.drain_outbox().await;
    // Lea's account speaks German, so does her mail; Jan's new account gets a link to set a
    // password, in English.
    let to_lea = app.mail.nth_to("lea@example.org", 1);
    assert_eq!(
        to_lea.subject,
        "Einladung in die Jury von InnovationCall Metropole Ruhr"
    );
    assert!(to_lea.text.contains(&app.url("/jury")), "{}", to_lea.text);
    let to_jan = app.mail.nth_to("jan.krause@example.org", 1);
    assert_eq!(
        to_jan.subject,
        "Invitation to the jury of InnovationCall Ruhr Metropolis"
    );
    assert!(to_jan.text.contains("set your password"), "{}", to_jan.text);
    let link = to_jan.link(&app.url("/reset/"));
    assert_eq!(app.client("en").get(&link).await.status, 200);

    // The conflict is detected and shown before anyone is assigned.
    assert_eq!(
        after.texts("#conflict-list tr.conflict-detected"),
        ["Dr. Lea Brandt Mine water heat Same organisation (detected)"]
    );

    // Automatic assignment: two jurors per entry, never Lea on her organisation's entry.
    let round_url = format!("{jury_url}/rounds/{round}");
    let before = orga.get(&round_url).await;
    assert_eq!(
        before.texts("#matrix th.juror"),
        ["Dr. Lea Brandt", "Jan Krause"]
    );
    let assigned = orga.submit(&before, "form#auto-assign", &[]).await;
    assert_eq!(assigned.status, 200, "{}", assigned.text("main"));
    assert_eq!(assigned.text(".jury-notice"), "5 assignments were added.");
    let cells = |sub: i64| assigned.texts(&format!("#matrix tr[data-submission='{sub}'] .state"));
    assert_eq!(cells(mine), ["Conflict", "Assigned"]);
    assert_eq!(cells(hydrogen), ["Assigned", "Assigned"]);
    assert_eq!(cells(solar), ["Assigned", "Assigned"]);
    assert_eq!(
        assigned.texts("#matrix tbody .count"),
        ["1 / 2", "2 / 2", "2 / 2"]
    );
    assert_eq!(
        assigned.texts("#short li"),
        ["Mine water heat (1 more juror wanted)"]
    );
    let pairs: Vec<(i64, i64)> = sqlx::query_as(
        "select account_id, submission_id from jury_assignments order by submission_id, account_id",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    let mut expected = vec![
        (jan, mine),
        (lea, hydrogen),
        (jan, hydrogen),
        (lea, solar),
        (jan, solar),
    ];
    expected.sort_by_key(|(j, s)| (*s, *j));
    assert_eq!(pairs, expected);

    // Assigning Lea by hand is refused at the matrix, and nothing is stored.
    let refused = orga
        .post_form(
            &format!("{round_url}/assign"),
            &[
                ("csrf_token", &csrf(&assigned)),
                ("juror", &lea.to_string()),
                ("submission", &mine.to_string()),
            ],
        )
        .await;
    assert_eq!(refused.status, 409);
    assert_eq!(
        refused.text(".error-summary li"),
        "This juror is in conflict with the submission and cannot be assigned."
    );
    assert_eq!(app.count("select count(*) from jury_assignments").await, 5);
    // Nor does a second automatic run add her.
    let again = orga.submit(&refused, "form#auto-assign", &[]).await;
    assert_eq!(
        again.text(".jury-notice"),
        "No assignment was added: every entry has its jurors, or nobody else may review it."
    );
    assert_eq!(app.count("select count(*) from jury_assignments").await, 5);
}

// --- 2. Bad input on the organisers' forms -------------------------------------------------

/// German: a round that closes before it opens and has no German name, a criterion weighing
/// 150 or −1: 422 with the messages at the fields, what was typed is kept, nothing is stored.
#[tokio::test]
async fn the_organisers_forms_name_every_mistake_and_store_nothing() {
    let app = TestApp::spawn().await;
    let olaf = organiser(&app, "de").await;
    call(&app, &olaf, SLUG, "").await;
    let orga = app.signed_in("orga@example.org", "de").await;
    let jury_url = format!("/orga/calls/{SLUG}/jury");

    let jury = orga.get(&jury_url).await;
    let bad = orga
        .submit(
            &jury,
            &format!("form[action='{jury_url}/rounds']"),
            &[
                ("name_de", ""),
                ("name_en", "Pre-selection"),
                ("opens_at", "2026-11-10T09:00"),
                ("closes_at", "2026-11-05T09:00"),
                ("per_submission", "2"),
            ],
        )
        .await;
    assert_eq!(bad.status, 422, "{}", bad.text("main"));
    assert_eq!(
        bad.text("#r-closes_at-error"),
        "Die Runde muss nach ihrem Beginn enden."
    );
    // The jury's own message, not the account form's "Ihren vollständigen Namen".
    assert_eq!(bad.text("#r-name_de-error"), "Geben Sie einen Namen ein");
    assert_eq!(
        bad.attr("#r-closes_at", "aria-invalid").as_deref(),
        Some("true")
    );
    assert!(
        bad.texts(".error-summary a")
            .contains(&"Endet: Die Runde muss nach ihrem Beginn enden.".to_string()),
        "{:?}",
        bad.texts(".error-summary a")
    );
    assert_eq!(
        bad.attr(".error-summary a[href='#r-closes_at']", "href")
            .as_deref(),
        Some("#r-closes_at")
    );
    // The form is open again with what was typed.
    assert!(bad.attr("details#new-round", "open").is_some());
    assert_eq!(
        bad.attr("#r-name_en", "value").as_deref(),
        Some("Pre-selection")
    );
    assert_eq!(
        bad.attr("#r-opens_at", "value").as_deref(),
        Some("2026-11-10T09:00")
    );
    assert_eq!(
        bad.attr("#r-closes_at", "value").as_deref(),
        Some("2026-11-05T09:00")
    );
    assert_eq!(bad.attr("#r-per_submission", "value").as_deref(), Some("2"));
    assert_eq!(app.count("select count(*) from jury_rounds").await, 0);

    // A weight out of range, for a new criterion and for an existing one.
    let round = round(&app, &olaf, SLUG, &online("Vorauswahl", "Pre-selection")).await;
    let round_url = format!("{jury_url}/rounds/{round}");
    let page = orga.get(&round_url).await;
    let bad = orga
        .submit(
            &page,
            "form#c-form",
            &[
                ("name_de", "Innovationsgrad"),
                ("name_en", "Degree of innovation"),
                ("labels_de", "0 = schwach\n10 = stark"),
                ("weight", "150"),
            ],
        )
        .await;
    assert_eq!(bad.status, 422, "{}", bad.text("main"));
    assert_eq!(
        bad.text("#c-weight-error"),
        "Geben Sie ein Gewicht über 0 und höchstens 100 an."
    );
    assert_eq!(bad.attr("#c-weight", "value").as_deref(), Some("150"));
    assert_eq!(
        bad.attr("#c-name_de", "value").as_deref(),
        Some("Innovationsgrad")
    );
    assert_eq!(bad.text("#c-labels_de"), "0 = schwach 10 = stark");
    assert!(bad.attr("details#new-criterion", "open").is_some());
    assert_eq!(app.count("select count(*) from jury_criteria").await, 0);

    let existing = criterion(&app, &olaf, SLUG, round, named("Markt", "Market", 2.0)).await;
    let page = orga.get(&round_url).await;
    let bad = orga
        .submit(
            &page,
            &format!("form#c{existing}-form"),
            &[("name_en", "Market potential"), ("weight", "-1")],
        )
        .await;
    assert_eq!(bad.status, 422, "{}", bad.text("main"));
    assert_eq!(
        bad.text(&format!("#c{existing}-weight-error")),
        "Geben Sie ein Gewicht über 0 und höchstens 100 an."
    );
    assert_eq!(
        bad.attr(&format!("#c{existing}-weight"), "value")
            .as_deref(),
        Some("-1")
    );
    assert_eq!(
        bad.attr(&format!("#c{existing}-name_en"), "value")
            .as_deref(),
        Some("Market potential")
    );
    let stored: (String, f64) = sqlx::query_as("select name_en, weight from jury_criteria")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(stored, ("Market".to_string(), 2.0));
}

// --- 3. The juror's flow -------------------------------------------------------------------

/// German: the juror's calls and queue with progress; the entry asks for a declaration before
/// it shows anything; then the abstract and files, the scale labels, a draft that is kept, a
/// final review, the progress moving on. A declared conflict closes the entry and reaches the
/// organiser's jury page.
#[tokio::test]
async fn a_juror_declares_reviews_and_declares_a_conflict() {
    let app = TestApp::spawn().await;
    let olaf = organiser(&app, "de").await;
    let call = call(&app, &olaf, SLUG, "").await;
    let mine = entry(
        &app,
        call,
        "Grubenwasser-Wärme",
        "Ruhrwerk GmbH",
        "in_review",
    )
    .await;
    member(
        &app,
        mine,
        "marta@ruhrwerk.example",
        "Marta Musterfrau",
        "Geschäftsführerin",
    )
    .await;
    let deck_bytes = b"%PDF-1.7\n% the deck\n".to_vec();
    let deck = attach(&app, mine, "pitch-deck.pdf", &deck_bytes).await;
    let other = entry(&app, call, "Wasserstoff-Tal", "H2 Tal eG", "in_review").await;
    let lea = juror(&app, &olaf, SLUG, "lea@example.org", "Dr. Lea Brandt").await;
    let round = round(
        &app,
        &olaf,
        SLUG,
        &online("Online-Vorauswahl", "Online pre-selection"),
    )
    .await;
    let novelty = criterion(
        &app,
        &olaf,
        SLUG,
        round,
        CriterionInput {
            help_de: "Wie neu ist die Lösung?".into(),
            labels_de: "0 = nicht überzeugend\n10 = herausragend".into(),
            labels_en: "0 = not convincing\n10 = outstanding".into(),
            ..named("Innovationsgrad", "Degree of innovation", 2.0)
        },
    )
    .await;
    let market = criterion(
        &app,
        &olaf,
        SLUG,
        round,
        named("Marktpotenzial", "Market", 1.0),
    )
    .await;
    for sub in [mine, other] {
        assign(&app, &olaf, SLUG, round, lea, sub).await;
    }
    let client = app.signed_in("lea@example.org", "de").await;

    // My jury work: the round with its progress.
    let home = client.get("/jury").await;
    assert_eq!(home.status, 200);
    assert_eq!(
        home.texts(".jury-call h2"),
        ["InnovationCall Metropole Ruhr"]
    );
    assert_eq!(home.texts(".jury-round h3"), ["Online-Vorauswahl"]);
    assert!(
        home.text(".jury-round .jury-progress-text")
            .starts_with("0 von 2 erledigt"),
        "{}",
        home.text(".jury-round")
    );
    assert_eq!(home.attr(".jury-progress", "max").as_deref(), Some("2"));
    assert_eq!(home.attr(".jury-progress", "value").as_deref(), Some("0"));

    // The queue.
    let queue_url = format!("/jury/rounds/{round}");
    let queue = client.get(&queue_url).await;
    assert_eq!(queue.status, 200);
    assert_eq!(
        queue.texts(".jury-entry-title"),
        ["Grubenwasser-Wärme", "Wasserstoff-Tal"]
    );
    assert_eq!(
        queue.texts(".jury-status"),
        ["Erklärung ausstehend", "Erklärung ausstehend"]
    );

    // The entry asks first and shows nothing of the content.
    let entry_url = format!("/jury/rounds/{round}/entries/{mine}");
    let asked = client.get(&entry_url).await;
    assert_eq!(asked.status, 200);
    assert_eq!(asked.text("h1"), "Grubenwasser-Wärme");
    assert_eq!(asked.text("#declare-title"), "Interessenkonflikt");
    for hidden in [
        summary("Grubenwasser-Wärme").as_str(),
        "pitch-deck.pdf",
        "Marta Musterfrau",
        "Ruhrwerk",
    ] {
        assert!(
            !asked.body.contains(hidden),
            "{hidden} shown before declaring"
        );
    }
    assert!(asked.texts("form.review-form").is_empty());
    let file_url = format!("{entry_url}/files/{deck}");
    let early = client.get(&file_url).await;
    assert_eq!(early.status, 409, "no file before the declaration");

    // "No conflict" opens it.
    let opened = client.submit(&asked, "form.declare-none", &[]).await;
    assert_eq!(opened.status, 200, "{}", opened.text("main"));
    assert!(opened.url.ends_with(&entry_url), "{}", opened.url);
    assert_eq!(
        opened.text(".flash"),
        "Danke. Sie können den Beitrag jetzt bewerten."
    );
    assert_eq!(
        opened.text(".entry-abstract"),
        summary("Grubenwasser-Wärme")
    );
    assert_eq!(opened.text(".entry-organisation"), "Ruhrwerk GmbH");
    assert_eq!(
        opened.texts(".entry-team li"),
        ["Marta Musterfrau – Geschäftsführerin"]
    );
    assert_eq!(opened.texts(".entry-files a"), ["pitch-deck.pdf"]);
    let declared: bool = sqlx::query_scalar(
        "select conflict from jury_declarations where submission_id = $1 and account_id = $2",
    )
    .bind(mine)
    .bind(lea)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert!(!declared);
    let href = opened.attr(".entry-files a", "href").unwrap();
    let file = client.http.get(client.url(&href)).send().await.unwrap();
    assert_eq!(file.status(), 200);
    assert!(
        file.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
    assert_eq!(file.bytes().await.unwrap().to_vec(), deck_bytes);

    // The review form: each criterion with its weight, help and the scale's labels.
    assert_eq!(
        opened.texts("fieldset.criterion legend"),
        ["Innovationsgrad", "Marktpotenzial"]
    );
    let help = opened.text(&format!("#score_{novelty}-hint"));
    assert!(help.contains("Wie neu ist die Lösung?"), "{help}");
    assert!(help.contains("Gewicht 2"), "{help}");
    assert_eq!(
        opened.texts(&format!("#score_{novelty}-hint .scale-labels li")),
        ["0 = nicht überzeugend", "10 = herausragend"]
    );
    assert_eq!(
        opened.text(&format!("label[for='score_{novelty}-10']")),
        "10 – herausragend"
    );
    assert_eq!(
        opened
            .texts(&format!("input[name='score_{novelty}']"))
            .len(),
        11,
        "one radio per point of 0–10"
    );
    assert_eq!(opened.text(".review-state"), "Nicht begonnen");
    assert_eq!(opened.texts("button[value='final']"), ["Bewertung abgeben"]);

    // A draft is kept on reload.
    let novelty_field = format!("score_{novelty}");
    let market_field = format!("score_{market}");
    let saved = client
        .submit(
            &opened,
            "form.review-form",
            &[
                (novelty_field.as_str(), "7"),
                ("comment", "Solide Technik, Markt unklar."),
                ("action", "draft"),
            ],
        )
        .await;
    assert_eq!(saved.status, 200, "{}", saved.text("main"));
    assert_eq!(saved.text(".flash"), "Ihr Entwurf ist gespeichert.");
    let reloaded = client.get(&entry_url).await;
    assert_eq!(
        reloaded
            .attr(&format!("input[name='{novelty_field}'][checked]"), "value")
            .as_deref(),
        Some("7")
    );
    assert!(
        reloaded
            .attr(&format!("input[name='{market_field}'][checked]"), "value")
            .is_none()
    );
    assert_eq!(
        reloaded.text("textarea#comment"),
        "Solide Technik, Markt unklar."
    );
    assert_eq!(
        reloaded.attr(".review-state", "data-state").as_deref(),
        Some("draft")
    );
    assert_eq!(
        review_state(&app, round, lea, mine).await.as_deref(),
        Some("draft")
    );
    assert_eq!(scores_of(&app, round, lea, mine).await, [(novelty, 7.0)]);

    // The final review.
    let done = client
        .submit(
            &reloaded,
            "form.review-form",
            &[
                (market_field.as_str(), "5"),
                ("team_note", "Suchen Sie früh Pilotkunden."),
                ("action", "final"),
            ],
        )
        .await;
    assert_eq!(done.status, 200, "{}", done.text("main"));
    assert!(done.url.ends_with(&queue_url), "{}", done.url);
    assert_eq!(done.text(".flash"), "Ihre Bewertung ist abgegeben.");
    assert_eq!(
        done.texts(".jury-status"),
        ["Abgegeben", "Erklärung ausstehend"]
    );
    assert_eq!(done.attr(".jury-progress", "value").as_deref(), Some("1"));
    assert!(
        done.text(".jury-progress-text")
            .starts_with("1 von 2 erledigt")
    );
    assert_eq!(
        review_state(&app, round, lea, mine).await.as_deref(),
        Some("final")
    );
    assert_eq!(
        scores_of(&app, round, lea, mine).await,
        [(novelty, 7.0), (market, 5.0)]
    );
    let texts: (String, String, Option<DateTime<Utc>>) = sqlx::query_as(
        "select comment, team_note, finalised_at from jury_reviews where submission_id = $1",
    )
    .bind(mine)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(texts.0, "Solide Technik, Markt unklar.");
    assert_eq!(texts.1, "Suchen Sie früh Pilotkunden.");
    assert_eq!(texts.2, Some(app.clock.now()));
    let home = client.get("/jury").await;
    assert_eq!(home.attr(".jury-progress", "value").as_deref(), Some("1"));

    // A conflict needs a reason …
    let other_url = format!("/jury/rounds/{round}/entries/{other}");
    let asked = client.get(&other_url).await;
    let refused = client
        .submit(&asked, "form.declare-conflict", &[("reason", "  ")])
        .await;
    assert_eq!(refused.status, 422);
    assert_eq!(
        refused.text("#reason-error"),
        "Nennen Sie kurz den Grund des Interessenkonflikts (z. B. „Ich berate dieses Unternehmen“)."
    );
    assert_eq!(
        app.count("select count(*) from jury_declarations where conflict")
            .await,
        0
    );
    // … and then closes the entry.
    let declared = client
        .submit(
            &refused,
            "form.declare-conflict",
            &[("reason", "Ich berate dieses Unternehmen seit 2025.")],
        )
        .await;
    assert_eq!(declared.status, 200, "{}", declared.text("main"));
    assert!(declared.url.ends_with(&queue_url), "{}", declared.url);
    assert_eq!(
        declared.text(".flash"),
        "Ihr Interessenkonflikt ist vermerkt; der Beitrag ist aus Ihrer Liste verschwunden."
    );
    assert_eq!(
        declared.text(".jury-entry[data-status='conflict'] .jury-entry-title"),
        "Wasserstoff-Tal"
    );
    assert!(
        declared
            .attr(".jury-entry[data-status='conflict'] a", "href")
            .is_none(),
        "the conflicted entry has no link"
    );
    let closed = client.get(&other_url).await;
    assert_eq!(closed.status, 403);
    assert!(
        closed
            .text("main")
            .contains("Sie haben einen Interessenkonflikt mit dieser Einreichung erklärt."),
        "{}",
        closed.text("main")
    );
    assert!(!closed.body.contains(&summary("Wasserstoff-Tal")));
    // In the queue the conflict counts as done.
    let queue = client.get(&queue_url).await;
    assert_eq!(queue.attr(".jury-progress", "value").as_deref(), Some("2"));
    let stored: (bool, String) =
        sqlx::query_as("select conflict, reason from jury_declarations where submission_id = $1")
            .bind(other)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(
        stored,
        (true, "Ich berate dieses Unternehmen seit 2025.".into())
    );

    // The organiser sees the declaration.
    let orga = app.signed_in("orga@example.org", "de").await;
    let jury = orga.get(&format!("/orga/calls/{SLUG}/jury")).await;
    assert_eq!(
        jury.texts("#conflict-list tr.conflict-declared"),
        ["Dr. Lea Brandt Wasserstoff-Tal Ich berate dieses Unternehmen seit 2025."]
    );
}

// --- 4. Bad input on the review form -------------------------------------------------------

/// English: a score out of the scale, a final review missing a required criterion, an
/// abstention without a reason: 422 with the message at the field, the typing kept, nothing
/// stored. Then a valid review goes through.
#[tokio::test]
async fn the_review_form_names_every_mistake_and_stores_nothing() {
    let app = TestApp::spawn().await;
    let olaf = organiser(&app, "en").await;
    let call = call(&app, &olaf, SLUG, "").await;
    let sub = entry(&app, call, "Mine water heat", "Ruhrwerk GmbH", "in_review").await;
    let lea = juror(&app, &olaf, SLUG, "lea@example.org", "Dr. Lea Brandt").await;
    set_language(&app, "lea@example.org", "en").await;
    // 0–20: wider than the radio rows, so the form has number inputs.
    let round = round(
        &app,
        &olaf,
        SLUG,
        &RoundInput {
            scale_min: Some(0),
            scale_max: Some(20),
            ..online("Vorauswahl", "Pre-selection")
        },
    )
    .await;
    let innovation = criterion(
        &app,
        &olaf,
        SLUG,
        round,
        named("Innovation", "Innovation", 2.0),
    )
    .await;
    let market = criterion(&app, &olaf, SLUG, round, named("Markt", "Market", 1.0)).await;
    let fit = criterion(
        &app,
        &olaf,
        SLUG,
        round,
        CriterionInput {
            informational: true,
            ..named("Region", "Fit with the region", 1.0)
        },
    )
    .await;
    assign(&app, &olaf, SLUG, round, lea, sub).await;
    let client = app.signed_in("lea@example.org", "en").await;
    let entry_url = format!("/jury/rounds/{round}/entries/{sub}");
    let asked = client.get(&entry_url).await;
    let page = client.submit(&asked, "form.declare-none", &[]).await;
    assert_eq!(page.status, 200);
    let f_innovation = format!("score_{innovation}");
    let f_market = format!("score_{market}");

    // Out of the scale.
    let bad = client
        .submit(
            &page,
            "form.review-form",
            &[
                (f_innovation.as_str(), "25"),
                (f_market.as_str(), "8"),
                ("comment", "Promising, but costly."),
                ("action", "draft"),
            ],
        )
        .await;
    assert_eq!(bad.status, 422, "{}", bad.text("main"));
    assert_eq!(
        bad.text(&format!("#{f_innovation}-error")),
        "Give a score from 0 to 20."
    );
    assert_eq!(
        bad.attr(&format!("#{f_innovation}"), "aria-invalid")
            .as_deref(),
        Some("true")
    );
    assert_eq!(
        bad.attr(&format!("#{f_innovation}"), "value").as_deref(),
        Some("25")
    );
    assert_eq!(
        bad.attr(&format!("#{f_market}"), "value").as_deref(),
        Some("8")
    );
    assert_eq!(bad.text("textarea#comment"), "Promising, but costly.");
    assert_eq!(
        bad.texts(".error-summary a"),
        ["Innovation: Give a score from 0 to 20."]
    );
    nothing_stored(&app).await;

    // A final review without the market score (the informational one may stay empty).
    let bad = client
        .submit(
            &bad,
            "form.review-form",
            &[
                (f_innovation.as_str(), "15"),
                (f_market.as_str(), ""),
                ("action", "final"),
            ],
        )
        .await;
    assert_eq!(bad.status, 422, "{}", bad.text("main"));
    assert_eq!(
        bad.text(&format!("#{f_market}-error")),
        "Give a score for this criterion."
    );
    assert_eq!(bad.text(&format!("#score_{fit}-error")), "");
    assert_eq!(bad.text(&format!("#{f_innovation}-error")), "");
    assert_eq!(
        bad.attr(&format!("#{f_innovation}"), "value").as_deref(),
        Some("15")
    );
    assert_eq!(bad.text("textarea#comment"), "Promising, but costly.");
    nothing_stored(&app).await;

    // An abstention without a reason.
    let bad = client
        .submit(&bad, "form.abstain-form", &[("abstain_reason", "")])
        .await;
    assert_eq!(bad.status, 422, "{}", bad.text("main"));
    assert_eq!(
        bad.text("#abstain_reason-error"),
        "Say briefly why you abstain."
    );
    assert!(bad.attr("details.abstain", "open").is_some());
    nothing_stored(&app).await;

    // Put right, the final review is stored.
    let done = client
        .submit(
            &bad,
            "form.review-form",
            &[
                (f_innovation.as_str(), "15"),
                (f_market.as_str(), "12,5"),
                ("action", "final"),
            ],
        )
        .await;
    assert_eq!(done.status, 200, "{}", done.text("main"));
    assert_eq!(done.text(".flash"), "Your review has been submitted.");
    assert_eq!(
        review_state(&app, round, lea, sub).await.as_deref(),
        Some("final")
    );
    assert_eq!(
        scores_of(&app, round, lea, sub).await,
        [(innovation, 15.0), (market, 12.5)]
    );
}

async fn nothing_stored(app: &TestApp) {
    assert_eq!(app.count("select count(*) from jury_reviews").await, 0);
    assert_eq!(app.count("select count(*) from jury_scores").await, 0);
}

// --- 5. The blind rules --------------------------------------------------------------------

/// A juror opens only their own entries: not another juror's (404), not one in conflict (403),
/// not the queue of a round they are not in (404). With hidden names the team, organisation and
/// website are not in the page; with "never" the other jurors' scores are not either, even
/// after the juror's own final review. The organisers' pages are closed to them.
#[tokio::test]
async fn jurors_see_only_what_the_blind_rules_allow() {
    let app = TestApp::spawn().await;
    let olaf = organiser(&app, "de").await;
    let call = call(&app, &olaf, SLUG, "").await;
    let hidden = entry(
        &app,
        call,
        "Grubenwasser-Wärme",
        "Ruhrwerk GmbH",
        "in_review",
    )
    .await;
    sqlx::query("update submissions set website = 'https://ruhrwerk.example' where id = $1")
        .bind(hidden)
        .execute(&app.db)
        .await
        .unwrap();
    member(
        &app,
        hidden,
        "marta@ruhrwerk.example",
        "Marta Musterfrau",
        "CEO",
    )
    .await;
    let jans = entry(&app, call, "Wasserstoff-Tal", "H2 Tal eG", "in_review").await;
    let sortwerk = entry(
        &app,
        call,
        "Sortieranlage 4.0",
        "Sortwerk GmbH",
        "in_review",
    )
    .await;
    let lea = juror(&app, &olaf, SLUG, "lea@example.org", "Dr. Lea Brandt").await;
    let jan = juror(&app, &olaf, SLUG, "jan@example.org", "Jan Krause").await;
    let blind = round(
        &app,
        &olaf,
        SLUG,
        &RoundInput {
            names_hidden: true,
            ..online("Blinde Vorauswahl", "Blind pre-selection")
        },
    )
    .await;
    let c = criterion(&app, &olaf, SLUG, blind, named("Neuheit", "Novelty", 1.0)).await;
    for (j, s) in [(lea, hidden), (lea, sortwerk), (jan, hidden), (jan, jans)] {
        assign(&app, &olaf, SLUG, blind, j, s).await;
    }
    // Lea joins Sortwerk after she was assigned: the conflict is detected from now on.
    join_organisation(&app, lea, "sortwerk", "Sortwerk GmbH").await;
    // A second round of the call without Lea, and another call whose jury she is not on.
    let without = round(&app, &olaf, SLUG, &online("Ohne Lea", "Without Lea")).await;
    assign(&app, &olaf, SLUG, without, jan, jans).await;
    let other_call = call_with_slug(&app, &olaf, "anderer-call").await;
    let foreign = entry(&app, other_call, "Fremd", "", "in_review").await;
    juror(&app, &olaf, "anderer-call", "kim@example.org", "Kim Berg").await;
    let kim = account_id(&app, "kim@example.org").await;
    let foreign_round = round(&app, &olaf, "anderer-call", &online("Fremd", "Foreign")).await;
    assign(&app, &olaf, "anderer-call", foreign_round, kim, foreign).await;

    let client = app.signed_in("lea@example.org", "de").await;
    let entry_url = |s: i64| format!("/jury/rounds/{blind}/entries/{s}");

    // Not hers, in conflict, not her rounds.
    let not_mine = client.get(&entry_url(jans)).await;
    assert_eq!(not_mine.status, 404);
    assert!(!not_mine.body.contains(&summary("Wasserstoff-Tal")));
    assert_eq!(
        client
            .get(&format!("{}/files/1", entry_url(jans)))
            .await
            .status,
        404
    );
    let conflicted = client.get(&entry_url(sortwerk)).await;
    assert_eq!(conflicted.status, 403);
    assert!(
        conflicted.text("main").contains(
            "Sie gehören zur Organisation der Einreichenden und bewerten diese Einreichung \
             deshalb nicht."
        ),
        "{}",
        conflicted.text("main")
    );
    assert!(!conflicted.body.contains(&summary("Sortieranlage 4.0")));
    let queue = client.get(&format!("/jury/rounds/{blind}")).await;
    assert_eq!(
        queue.text(".jury-entry[data-status='conflict']"),
        "Sortieranlage 4.0 Interessenkonflikt"
    );
    assert_eq!(
        client.get(&format!("/jury/rounds/{without}")).await.status,
        404
    );
    assert_eq!(
        client
            .get(&format!("/jury/rounds/{foreign_round}"))
            .await
            .status,
        404
    );
    assert_eq!(
        client
            .get(&format!("/jury/rounds/{foreign_round}/entries/{foreign}"))
            .await
            .status,
        404
    );
    // Posting to an entry that is not hers changes nothing.
    let token = csrf(&client.get(&entry_url(hidden)).await);
    let refused = client
        .post_form(
            &format!("{}/declaration", entry_url(jans)),
            &[("csrf_token", &token), ("conflict", "0")],
        )
        .await;
    assert_eq!(refused.status, 404);
    assert_eq!(app.count("select count(*) from jury_declarations").await, 0);

    // Names hidden: the project, not who is behind it.
    let asked = client.get(&entry_url(hidden)).await;
    let opened = client.submit(&asked, "form.declare-none", &[]).await;
    assert_eq!(opened.status, 200, "{}", opened.text("main"));
    assert_eq!(
        opened.text(".entry-abstract"),
        summary("Grubenwasser-Wärme")
    );
    assert_eq!(
        opened.text(".names-hidden"),
        "In dieser Runde sind die Namen der Einreichenden verborgen: kein Team, keine \
         Organisation, keine Website."
    );
    for name in [
        "Ruhrwerk",
        "ruhrwerk.example",
        "Marta Musterfrau",
        "CEO",
        "Starter of",
    ] {
        assert!(!opened.body.contains(name), "{name} is in the entry page");
    }

    // "Never": Jan's finished review stays invisible, also after Lea's own.
    review(
        &app,
        jan,
        blind,
        hidden,
        &[(c, "3")],
        ReviewState::Final,
        "Jans vertraulicher Kommentar",
        "",
    )
    .await;
    let field = format!("score_{c}");
    let done = client
        .submit(
            &opened,
            "form.review-form",
            &[(field.as_str(), "9"), ("action", "final")],
        )
        .await;
    assert_eq!(done.status, 200, "{}", done.text("main"));
    assert_eq!(
        review_state(&app, blind, lea, hidden).await.as_deref(),
        Some("final")
    );
    let after = client.get(&entry_url(hidden)).await;
    assert_eq!(after.status, 200);
    assert!(after.texts(".others").is_empty());
    assert!(after.texts(".other-review").is_empty());
    assert!(!after.body.contains("Jans vertraulicher Kommentar"));
    assert!(!after.body.contains("Jurymitglied 1"));
    // Control: under "after their own review" the same page offers it, warning that opening
    // it locks her review, and shows it once she asks.
    sqlx::query("update jury_rounds set others_scores = 'after_own' where id = $1")
        .bind(blind)
        .execute(&app.db)
        .await
        .unwrap();
    let offered = client.get(&entry_url(hidden)).await;
    assert!(offered.texts(".other-review").is_empty());
    assert!(!offered.body.contains("Jans vertraulicher Kommentar"));
    assert!(
        offered
            .text(".others-lock-warning")
            .contains("wird Ihre eigene Bewertung dieses Beitrags gesperrt"),
        "{}",
        offered.text("main")
    );
    let shown = client.submit(&offered, "form.open-others", &[]).await;
    assert_eq!(shown.status, 200, "{}", shown.text("main"));
    assert_eq!(
        shown.texts(".other-comment"),
        ["Jans vertraulicher Kommentar"]
    );
    assert_eq!(shown.texts(".other-total"), ["3"]);

    // The organisers' pages are not hers.
    let jury_url = format!("/orga/calls/{SLUG}/jury");
    for path in [
        jury_url.clone(),
        format!("{jury_url}/rounds/{blind}"),
        format!("{jury_url}/rounds/{blind}/scores.csv"),
        format!("{jury_url}/rounds/{blind}/stage"),
    ] {
        let page = client.get(&path).await;
        assert!([403, 404].contains(&page.status), "{path}: {}", page.status);
        assert!(
            !page.body.contains("Jans vertraulicher Kommentar"),
            "{path}"
        );
    }
    let close = client
        .post_form(
            &format!("{jury_url}/rounds/{blind}/close"),
            &[("csrf_token", &csrf(&shown))],
        )
        .await;
    assert!([403, 404].contains(&close.status), "{}", close.status);
    let closed_at: Option<DateTime<Utc>> =
        sqlx::query_scalar("select closed_at from jury_rounds where id = $1")
            .bind(blind)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(closed_at, None);
}

async fn call_with_slug(app: &TestApp, olaf: &Actor, slug: &str) -> i64 {
    call(app, olaf, slug, "").await
}

// --- 6. Closing and confirming ---------------------------------------------------------------

/// The organiser closes the round with its button: the juror's form locks (a stale post gets
/// 409 and changes nothing). The round page ranks the entries; the chair confirms the outcome,
/// the submissions move on and `jury.confirm` is audited; the CSV has one line per review with
/// the jurors' names; the stage screen shows the ranking.
#[tokio::test]
async fn the_round_closes_and_the_chair_confirms_the_ranking() {
    let app = TestApp::spawn().await;
    let olaf = organiser(&app, "en").await;
    let call = call(&app, &olaf, SLUG, "").await;
    let mine = entry(&app, call, "Mine water heat", "Ruhrwerk GmbH", "in_review").await;
    let hydrogen = entry(&app, call, "Hydrogen valley", "H2 Valley eG", "in_review").await;
    let solar = entry(&app, call, "Solar roofs", "Dachwerk", "in_review").await;
    let lea = juror(&app, &olaf, SLUG, "lea@example.org", "Dr. Lea Brandt").await;
    let jan = juror(&app, &olaf, SLUG, "jan@example.org", "Jan Krause").await;
    let round = round(&app, &olaf, SLUG, &online("Vorauswahl", "Pre-selection")).await;
    let innovation = criterion(
        &app,
        &olaf,
        SLUG,
        round,
        named("Innovation", "Innovation", 2.0),
    )
    .await;
    let market = criterion(&app, &olaf, SLUG, round, named("Markt", "Market", 1.0)).await;
    for j in [lea, jan] {
        for s in [mine, hydrogen, solar] {
            assign(&app, &olaf, SLUG, round, j, s).await;
        }
    }
    // Totals (innovation counts twice): mine 7.33 and 6, hydrogen 9 and 8, solar 3.
    let fin = ReviewState::Final;
    review(
        &app,
        lea,
        round,
        mine,
        &[(innovation, "8"), (market, "6")],
        fin,
        "",
        "",
    )
    .await;
    review(
        &app,
        lea,
        round,
        hydrogen,
        &[(innovation, "9"), (market, "9")],
        fin,
        "",
        "",
    )
    .await;
    review(
        &app,
        jan,
        round,
        mine,
        &[(innovation, "6"), (market, "6")],
        fin,
        "",
        "",
    )
    .await;
    review(
        &app,
        jan,
        round,
        hydrogen,
        &[(innovation, "8"), (market, "8")],
        fin,
        "",
        "",
    )
    .await;
    review(
        &app,
        jan,
        round,
        solar,
        &[(innovation, "3"), (market, "3")],
        fin,
        "",
        "",
    )
    .await;
    // Lea is halfway through the last one when the round closes.
    review(
        &app,
        lea,
        round,
        solar,
        &[(innovation, "5")],
        ReviewState::Draft,
        "Noch unklar",
        "",
    )
    .await;
    let juror_client = app.signed_in("lea@example.org", "de").await;
    let entry_url = format!("/jury/rounds/{round}/entries/{solar}");
    let stale = juror_client.get(&entry_url).await;
    assert!(stale.texts(".jury-locked").is_empty());

    let orga = app.signed_in("orga@example.org", "en").await;
    let round_url = format!("/orga/calls/{SLUG}/jury/rounds/{round}");
    let page = orga.get(&round_url).await;
    let closed = orga.submit(&page, "form#close-round", &[]).await;
    assert_eq!(closed.status, 200, "{}", closed.text("main"));
    assert_eq!(
        closed.text(".flash"),
        "The round is closed: reviews can no longer be changed."
    );
    assert!(closed.texts("form#close-round").is_empty());
    assert!(
        closed.text(".round-facts").contains("Phase Closed"),
        "{}",
        closed.text(".round-facts")
    );
    let closed_at: Option<DateTime<Utc>> =
        sqlx::query_scalar("select closed_at from jury_rounds where id = $1")
            .bind(round)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(closed_at, Some(app.clock.now()));

    // The juror's form is locked: a post from the page loaded before is refused.
    let market_field = format!("score_{market}");
    let refused = juror_client
        .submit(
            &stale,
            "form.review-form",
            &[(market_field.as_str(), "4"), ("action", "final")],
        )
        .await;
    assert_eq!(refused.status, 409);
    assert_eq!(
        refused.text(".jury-alert"),
        "Die Runde ist geschlossen: Bewertungen können nicht mehr geändert werden."
    );
    assert_eq!(
        review_state(&app, round, lea, solar).await.as_deref(),
        Some("draft")
    );
    assert_eq!(
        scores_of(&app, round, lea, solar).await,
        [(innovation, 5.0)]
    );
    let locked = juror_client.get(&entry_url).await;
    assert_eq!(
        locked.text(".jury-locked"),
        "Die Runde ist geschlossen: Bewertungen können nicht mehr geändert werden."
    );
    assert!(locked.attr("fieldset.review-fields", "disabled").is_some());
    assert!(locked.texts("button[value='final']").is_empty());
    assert!(locked.texts("form.abstain-form").is_empty());

    // The ranking.
    assert_eq!(
        closed.texts("#ranking-table tbody .title"),
        ["Hydrogen valley", "Mine water heat", "Solar roofs"]
    );
    assert_eq!(closed.texts("#ranking-table tbody .rank"), ["1", "2", "3"]);
    assert_eq!(
        closed.texts("#ranking-table tbody .score"),
        ["8.50", "6.67", "3.00"]
    );
    assert_eq!(
        closed.texts("#ranking-table tbody .reviews"),
        ["2", "2", "1"]
    );

    // The chair confirms: the form is prefilled from the ranking.
    let selected = |sub: i64| {
        closed
            .attr(&format!("#outcome_{sub} option[selected]"), "value")
            .unwrap_or_default()
    };
    assert_eq!(selected(hydrogen), "advance");
    assert_eq!(selected(mine), "advance");
    assert_eq!(selected(solar), "not_selected");
    let hydrogen_field = format!("outcome_{hydrogen}");
    let confirmed = orga
        .submit(
            &closed,
            "form#confirm",
            &[(hydrogen_field.as_str(), "finalist")],
        )
        .await;
    assert_eq!(confirmed.status, 200, "{}", confirmed.text("main"));
    assert_eq!(
        confirmed.text(".flash"),
        "The outcome is confirmed and the submissions have moved on."
    );
    let note = confirmed.text("#confirmed");
    assert!(
        note.starts_with("Confirmed on") && note.ends_with("by Olaf Organiser."),
        "{note}"
    );
    assert!(confirmed.texts("form#confirm").is_empty());
    assert_eq!(status_of(&app, hydrogen).await, "finalist");
    assert_eq!(status_of(&app, mine).await, "shortlisted");
    assert_eq!(status_of(&app, solar).await, "not_selected");
    assert_eq!(
        app.count("select count(*) from audit_log where action = 'jury.confirm'")
            .await,
        1
    );
    assert_eq!(
        app.count("select count(*) from jury_rounds where confirmed_at is not null")
            .await,
        1
    );

    // Every review as CSV, with the jurors' names.
    let resp = orga
        .http
        .get(orga.url(&format!("{round_url}/scores.csv")))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["content-type"], "text/csv; charset=utf-8");
    let csv = resp.text().await.unwrap();
    let csv = csv.strip_prefix('\u{feff}').expect("a BOM for Excel");
    let lines: Vec<Vec<&str>> = csv
        .split("\r\n")
        .filter(|l| !l.is_empty())
        .map(|l| l.split(';').collect())
        .collect();
    assert_eq!(lines[0][2], "Juror", "{:?}", lines[0]);
    assert_eq!(lines[0][6..8], ["Innovation", "Market"]);
    let reviews = usize::try_from(app.count("select count(*) from jury_reviews").await).unwrap();
    assert_eq!(reviews, 6);
    assert_eq!(lines.len(), 1 + reviews, "{csv}");
    let mut people: Vec<(&str, &str, &str)> =
        lines[1..].iter().map(|l| (l[1], l[2], l[4])).collect();
    people.sort_unstable();
    assert_eq!(
        people,
        [
            ("Hydrogen valley", "Dr. Lea Brandt", "Submitted"),
            ("Hydrogen valley", "Jan Krause", "Submitted"),
            ("Mine water heat", "Dr. Lea Brandt", "Submitted"),
            ("Mine water heat", "Jan Krause", "Submitted"),
            ("Solar roofs", "Dr. Lea Brandt", "Draft"),
            ("Solar roofs", "Jan Krause", "Submitted"),
        ]
    );

    // The stage screen.
    let stage = orga.get(&format!("{round_url}/stage")).await;
    assert_eq!(stage.status, 200);
    assert_eq!(
        stage.texts(".stage-title"),
        ["Hydrogen valley", "Mine water heat", "Solar roofs"]
    );
    assert_eq!(stage.texts(".stage-place"), ["1.", "2.", "3."]);
    assert_eq!(stage.texts(".stage-score"), ["8.50", "6.67", "3.00"]);
    assert!(
        stage.attr("main", "data-refresh").is_none(),
        "a closed round's results stay as they are"
    );
}

// --- 7. A live pitch round -----------------------------------------------------------------

/// A call linked to an event with a pitching session; a pitch round for the finalists made
/// with the round form, the order set with the slots form: the public session page lists the
/// pitches in order, and a juror can score a pitch only once its slot has started.
#[tokio::test]
async fn pitches_are_scored_from_their_slot_on() {
    let app = TestApp::spawn().await;
    let olaf_id = app.organiser("orga@example.org", "Olaf Organiser").await;
    let olaf = app.actor(olaf_id).await;
    app.event(&olaf, "cmr-2026").await;
    let session = app
        .session(
            &olaf,
            "cmr-2026",
            &convene::agenda::model::SessionInput {
                kind: "pitching".into(),
                title_de: "Pitching Session I".into(),
                title_en: "Pitching session I".into(),
                day: "2026-11-08".into(),
                start: "14:00".into(),
                end: "15:00".into(),
                ..Default::default()
            },
        )
        .await
        .0;
    convene::agenda::service::publish(&app.state, &olaf, "cmr-2026")
        .await
        .unwrap();
    let call = call(&app, &olaf, SLUG, "cmr-2026").await;
    let first = entry(
        &app,
        call,
        "Grubenwasser-Wärme",
        "Ruhrwerk GmbH",
        "finalist",
    )
    .await;
    let second = entry(&app, call, "Wasserstoff-Tal", "H2 Tal eG", "finalist").await;
    entry(&app, call, "Nicht im Finale", "", "not_selected").await;
    let lea = juror(&app, &olaf, SLUG, "lea@example.org", "Dr. Lea Brandt").await;
    let orga = app.signed_in("orga@example.org", "de").await;
    let jury_url = format!("/orga/calls/{SLUG}/jury");

    // The round, with the session chosen in the form.
    let jury = orga.get(&jury_url).await;
    assert_eq!(
        jury.attr(&format!("#r-session_id option[value='{session}']"), "value"),
        Some(session.to_string())
    );
    let session_text = session.to_string();
    let created = orga
        .submit(
            &jury,
            &format!("form[action='{jury_url}/rounds']"),
            &[
                ("name_de", "Finale"),
                ("name_en", "Final"),
                ("kind", "pitch"),
                ("session_id", session_text.as_str()),
                ("entrants", "finalist"),
                ("opens_at", "2026-11-08T14:00"),
                ("closes_at", "2026-11-08T16:00"),
            ],
        )
        .await;
    assert_eq!(created.status, 200, "{}", created.text("main"));
    let round = id_in(&created.url);
    let stored: (String, Option<i64>) =
        sqlx::query_as("select kind, session_id from jury_rounds where id = $1")
            .bind(round)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(stored, ("pitch".to_string(), Some(session)));
    let c = criterion(&app, &olaf, SLUG, round, named("Auftritt", "Pitch", 1.0)).await;
    for s in [first, second] {
        assign(&app, &olaf, SLUG, round, lea, s).await;
    }

    // The order: the hydrogen team pitches first.
    let page = orga.get(&format!("{jury_url}/rounds/{round}")).await;
    assert_eq!(
        page.texts("#pitch-order .order-line label"),
        ["Grubenwasser-Wärme", "Wasserstoff-Tal"]
    );
    let (f_first, f_second) = (format!("pos_{first}"), format!("pos_{second}"));
    let saved = orga
        .submit(
            &page,
            "form#pitch-order",
            &[(f_first.as_str(), "2"), (f_second.as_str(), "1")],
        )
        .await;
    assert_eq!(saved.status, 200, "{}", saved.text("main"));
    assert_eq!(
        saved.text(".flash"),
        "Die Pitch-Reihenfolge wurde gespeichert."
    );
    assert_eq!(
        saved.texts("#slots .title"),
        ["Wasserstoff-Tal", "Grubenwasser-Wärme"]
    );
    assert_eq!(saved.texts("#slots .time"), ["14:00–14:30", "14:30–15:00"]);
    let slots: Vec<(i64, i64, DateTime<Utc>)> = sqlx::query_as(
        "select submission_id, position, starts_at from pitch_slots order by position",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert_eq!(
        slots,
        [
            (second, 1, utc(2026, 11, 8, 13, 0)),
            (first, 2, utc(2026, 11, 8, 13, 30))
        ]
    );

    // The public session page names no finalist before the results are released, and lists
    // the pitches in order once they are.
    let session_url = format!("/events/cmr-2026/sessions/{session}");
    let public = app.client("de").get(&session_url).await;
    assert_eq!(public.status, 200);
    assert!(public.texts(".pitch-list li").is_empty());
    assert!(!public.text("main").contains("Wasserstoff-Tal"));
    service::release(&app.state, &olaf, SLUG).await.unwrap();
    let public = app.client("de").get(&session_url).await;
    assert_eq!(
        public.texts(".pitch-list li"),
        [
            "14:00–14:30 Wasserstoff-Tal (H2 Tal eG)",
            "14:30–15:00 Grubenwasser-Wärme (Ruhrwerk GmbH)"
        ]
    );

    // Ten minutes into the session: the first pitch can be scored, the second not yet.
    set_clock(&app, utc(2026, 11, 8, 13, 10));
    let client = app.signed_in("lea@example.org", "de").await;
    let queue = client.get(&format!("/jury/rounds/{round}")).await;
    assert_eq!(
        queue.texts(".jury-entry-title"),
        ["Wasserstoff-Tal", "Grubenwasser-Wärme"]
    );
    assert_eq!(
        queue.texts(".jury-opens"),
        ["Bewertung ab Sonntag, 8. November 2026, 14:30 MEZ"]
    );
    let field = format!("score_{c}");
    let url = |s: i64| format!("/jury/rounds/{round}/entries/{s}");
    let asked = client.get(&url(first)).await;
    let early = client.submit(&asked, "form.declare-none", &[]).await;
    assert_eq!(early.status, 200, "{}", early.text("main"));
    assert_eq!(
        early.text(".jury-locked"),
        "Die Bewertung beginnt mit diesem Pitch: Sonntag, 8. November 2026, 14:30 MEZ."
    );
    assert!(early.texts("button[value='final']").is_empty());
    let refused = client
        .submit(
            &early,
            "form.review-form",
            &[(field.as_str(), "8"), ("action", "final")],
        )
        .await;
    assert_eq!(refused.status, 409);
    assert_eq!(
        refused.text(".jury-alert"),
        "Die Bewertung öffnet, wenn dieser Pitch beginnt."
    );
    assert_eq!(review_state(&app, round, lea, first).await, None);

    let asked = client.get(&url(second)).await;
    let open = client.submit(&asked, "form.declare-none", &[]).await;
    assert!(open.texts(".jury-locked").is_empty());
    let done = client
        .submit(
            &open,
            "form.review-form",
            &[(field.as_str(), "9"), ("action", "final")],
        )
        .await;
    assert_eq!(done.status, 200, "{}", done.text("main"));
    assert_eq!(
        review_state(&app, round, lea, second).await.as_deref(),
        Some("final")
    );

    // Once the clock reaches the second slot, it opens.
    set_clock(&app, utc(2026, 11, 8, 13, 30));
    let now_open = client.get(&url(first)).await;
    assert!(now_open.texts(".jury-locked").is_empty());
    let done = client
        .submit(
            &now_open,
            "form.review-form",
            &[(field.as_str(), "8"), ("action", "final")],
        )
        .await;
    assert_eq!(done.status, 200, "{}", done.text("main"));
    assert_eq!(
        review_state(&app, round, lea, first).await.as_deref(),
        Some("final")
    );
    assert_eq!(scores_of(&app, round, lea, first).await, [(c, 8.0)]);
}

// --- 8. Releasing the results --------------------------------------------------------------

/// What a team member sees of a submission's outcome: the status badge and box of its page,
/// status and place in the API, the call page, and the status in the data download.
async fn team_view(
    member: &Client,
    sub: i64,
) -> (
    String,
    String,
    serde_json::Value,
    serde_json::Value,
    String,
    serde_json::Value,
) {
    let page = member
        .get(&format!("/calls/{SLUG}/submissions/{sub}"))
        .await;
    assert_eq!(page.status, 200, "{}", page.text("main"));
    let api = member
        .get(&format!("/api/v1/submissions/{sub}"))
        .await
        .json();
    let list = member.get(&format!("/calls/{SLUG}")).await;
    let download = member.get("/me/data.json").await.json();
    (
        page.text(".status-box .badge"),
        page.text(".status-box"),
        api["status"].clone(),
        api["placement"].clone(),
        list.text("main"),
        download["submissions"][0]["status"].clone(),
    )
}

/// After the chair's confirmation the organiser releases the results (once the box is ticked):
/// every team member gets a mail in their language with the jury's notes for the team, and the
/// public call page lists the winners with their places.
#[tokio::test]
async fn released_results_reach_the_teams_and_the_public_page() {
    let app = TestApp::spawn().await;
    let olaf = organiser(&app, "en").await;
    let call = call(&app, &olaf, SLUG, "").await;
    calls::set_published(&app.state, &olaf, SLUG, true, false)
        .await
        .unwrap();
    let gold = entry(
        &app,
        call,
        "Grubenwasser-Wärme",
        "Ruhrwerk GmbH",
        "finalist",
    )
    .await;
    let silver = entry(&app, call, "Wasserstoff-Tal", "H2 Tal eG", "finalist").await;
    let out = entry(&app, call, "Sortieranlage 4.0", "Sortwerk GmbH", "finalist").await;
    app.account("anna@example.org", "Anna Kowalczyk", false)
        .await;
    set_language(&app, "anna@example.org", "en").await;
    member(&app, gold, "anna@example.org", "Anna K.", "CEO").await;
    // Bernd has no account: his mail is in German.
    member(&app, silver, "bernd@example.org", "Bernd Vogel", "CTO").await;
    app.account("clara@example.org", "Clara Stein", false).await;
    member(&app, out, "clara@example.org", "Clara Stein", "").await;
    let lea = juror(&app, &olaf, SLUG, "lea@example.org", "Dr. Lea Brandt").await;
    let jan = juror(&app, &olaf, SLUG, "jan@example.org", "Jan Krause").await;
    let round = round(
        &app,
        &olaf,
        SLUG,
        &RoundInput {
            entrants: "finalist".into(),
            ..online("Finale", "Final")
        },
    )
    .await;
    // The organisers' CRM hears of every final review and of the release, signed.
    let (receiver, hook_url) = crate::webhooks::Receiver::start(&[]).await;
    let hook = convene::webhook::service::create(
        &app.state,
        &olaf,
        convene::team::service::PlaceKind::Call,
        SLUG,
        &hook_url,
        &["review.finalised", "results.released"],
        "CRM",
    )
    .await
    .unwrap();
    let c = criterion(
        &app,
        &olaf,
        SLUG,
        round,
        named("Gesamteindruck", "Overall", 1.0),
    )
    .await;
    let fin = ReviewState::Final;
    for (j, s, score, note) in [
        (
            lea,
            gold,
            "9",
            "Starker Praxisbezug – sprechen Sie mit dem Wasserstoff-Cluster.",
        ),
        (jan, gold, "8", "A clear business case."),
        (lea, silver, "7", "Work on the pricing."),
        (jan, silver, "7", ""),
        (lea, out, "3", ""),
        (jan, out, "4", ""),
    ] {
        assign(&app, &olaf, SLUG, round, j, s).await;
        review(&app, j, round, s, &[(c, score)], fin, "intern", note).await;
    }
    service::close_round(&app.state, &olaf, SLUG, round)
        .await
        .unwrap();
    service::confirm(
        &app.state,
        &olaf,
        SLUG,
        round,
        &[
            (gold, Outcome::Place(1)),
            (silver, Outcome::Place(2)),
            (out, Outcome::NotSelected),
        ],
    )
    .await
    .unwrap();
    let public = app.client("en");
    assert!(
        public
            .get(&format!("/calls/{SLUG}"))
            .await
            .texts("ol.results li")
            .is_empty()
    );

    // Confirmed but not released: the team reads "in review" everywhere it looks.
    let anna = app.signed_in("anna@example.org", "en").await;
    let (badge, box_text, api_status, api_place, call_page, download) =
        team_view(&anna, gold).await;
    assert_eq!(badge, "In review");
    assert!(!box_text.contains("place"), "{box_text}");
    assert_eq!(api_status, "in_review");
    assert!(api_place.is_null(), "{api_place}");
    assert!(!call_page.contains("Winner"), "{call_page}");
    assert_eq!(download, "in_review");

    let orga = app.signed_in("orga@example.org", "en").await;
    let jury_url = format!("/orga/calls/{SLUG}/jury");
    let release = format!("form[action='{jury_url}/release']");
    let page = orga.get(&jury_url).await;
    // Without the ticked box nothing goes out.
    let refused = orga.submit(&page, &release, &[]).await;
    assert_eq!(refused.status, 422);
    assert_eq!(
        refused.text("#confirm-error"),
        "Tick the box to confirm that the results may go out."
    );
    assert_eq!(
        app.count("select count(*) from calls where results_published")
            .await,
        0
    );
    assert_eq!(
        app.count("select count(*) from outbox").await,
        2,
        "the juror invitations only"
    );

    let released = orga
        .submit(&refused, &release, &[("confirm", "true")])
        .await;
    assert_eq!(released.status, 200, "{}", released.text("main"));
    // The hook got the six final reviews and the release, each signed with its secret.
    assert_eq!(crate::webhooks::deliver(&app).await, 7);
    let got = receiver.got();
    assert!(got.iter().all(|r| r.verify(&hook.secret)));
    let finals: Vec<(i64, i64)> = got
        .iter()
        .filter(|r| r.topic == "review.finalised")
        .map(|r| {
            let review = &r.json()["data"]["review"];
            (
                review["round_id"].as_i64().unwrap(),
                review["submission_id"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(finals.len(), 6, "{got:?}");
    assert!(finals.iter().all(|(r, _)| *r == round));
    assert_eq!(finals.iter().filter(|(_, s)| *s == gold).count(), 2);
    let release_note = got
        .iter()
        .find(|r| r.topic == "results.released")
        .expect("the release reached the hook")
        .json();
    assert_eq!(release_note["data"]["results"]["teams_told"], 3);
    assert_eq!(release_note["scope"]["slug"], SLUG);
    assert_eq!(
        released.text(".flash"),
        "The results have been released to the teams."
    );
    assert_eq!(
        released.text(".jury-notice"),
        "3 teams have been sent their results."
    );
    assert!(released.texts(&release).is_empty(), "released once");
    assert_eq!(
        app.count("select count(*) from calls where results_published")
            .await,
        1
    );
    assert_eq!(
        app.count("select count(*) from audit_log where action = 'jury.release'")
            .await,
        1
    );

    app.drain_outbox().await;
    let anna_mail = app.mail.nth_to("anna@example.org", 1);
    assert_eq!(
        anna_mail.subject,
        "Result for “Grubenwasser-Wärme” (InnovationCall Ruhr Metropolis)"
    );
    assert!(
        anna_mail.text.starts_with("Hello Anna Kowalczyk,"),
        "{}",
        anna_mail.text
    );
    assert!(
        anna_mail.text.contains(": 1st place."),
        "{}",
        anna_mail.text
    );
    assert!(
        anna_mail.text.contains("Notes from the jury:"),
        "{}",
        anna_mail.text
    );
    assert!(
        anna_mail
            .text
            .contains("Starker Praxisbezug – sprechen Sie mit dem Wasserstoff-Cluster."),
        "{}",
        anna_mail.text
    );
    assert!(
        anna_mail.text.contains("A clear business case."),
        "{}",
        anna_mail.text
    );
    assert!(
        !anna_mail.text.contains("intern"),
        "the jury's comments stay inside"
    );
    let bernd = app.mail.nth_to("bernd@example.org", 1);
    assert_eq!(
        bernd.subject,
        "Ergebnis für „Wasserstoff-Tal“ (InnovationCall Metropole Ruhr)"
    );
    assert!(bernd.text.contains(": 2. Platz."), "{}", bernd.text);
    assert!(bernd.text.contains("Hinweise der Jury:"), "{}", bernd.text);
    assert!(
        bernd.text.contains("Work on the pricing."),
        "{}",
        bernd.text
    );
    assert!(!bernd.text.contains("business case"), "{}", bernd.text);
    let clara = app.mail.nth_to("clara@example.org", 1);
    assert!(clara.text.contains(": Nicht ausgewählt."), "{}", clara.text);
    assert!(!clara.text.contains("Hinweise der Jury"), "{}", clara.text);

    // Released: the team reads its place.
    let (badge, _, api_status, api_place, _, download) = team_view(&anna, gold).await;
    assert_eq!(badge, "Winner");
    assert_eq!(api_status, "winner");
    assert_eq!(api_place, 1);
    assert_eq!(download, "winner");

    let page = public.get(&format!("/calls/{SLUG}")).await;
    assert_eq!(
        page.texts("ol.results li"),
        [
            "1st place: Grubenwasser-Wärme – Ruhrwerk GmbH",
            "2nd place: Wasserstoff-Tal – H2 Tal eG"
        ]
    );
}

// --- 9. Regressions ----------------------------------------------------------------------------

/// German: a juror with a final review and a declared conflict has nothing left to do, and
/// "My jury work" says so just as the round's queue does.
#[tokio::test]
async fn progress_counts_a_declared_conflict_as_done_on_both_pages() {
    let app = TestApp::spawn().await;
    let olaf = organiser(&app, "de").await;
    let call = call(&app, &olaf, SLUG, "").await;
    let reviewed = entry(
        &app,
        call,
        "Grubenwasser-Wärme",
        "Ruhrwerk GmbH",
        "in_review",
    )
    .await;
    let declined = entry(&app, call, "Wasserstoff-Tal", "H2 Tal eG", "in_review").await;
    let lea = juror(&app, &olaf, SLUG, "lea@example.org", "Dr. Lea Brandt").await;
    let round = round(&app, &olaf, SLUG, &online("Vorauswahl", "Pre-selection")).await;
    let c = criterion(&app, &olaf, SLUG, round, named("Neuheit", "Novelty", 1.0)).await;
    for s in [reviewed, declined] {
        assign(&app, &olaf, SLUG, round, lea, s).await;
    }
    review(
        &app,
        lea,
        round,
        reviewed,
        &[(c, "7")],
        ReviewState::Final,
        "",
        "",
    )
    .await;
    let actor = app.actor(AccountId(lea)).await;
    service::declare(
        &app.state,
        &actor,
        round,
        declined,
        true,
        "Ich berate H2 Tal.",
    )
    .await
    .unwrap();
    assert_eq!(
        app.count("select count(*) from jury_declarations where conflict")
            .await,
        1
    );
    let client = app.signed_in("lea@example.org", "de").await;

    let queue = client.get(&format!("/jury/rounds/{round}")).await;
    assert_eq!(queue.status, 200);
    assert_eq!(
        queue.texts(".jury-status"),
        ["Abgegeben", "Interessenkonflikt"]
    );
    assert_eq!(queue.text("#progress-label"), "2 von 2 erledigt");
    assert_eq!(queue.attr(".jury-progress", "value").as_deref(), Some("2"));
    assert_eq!(queue.attr(".jury-progress", "max").as_deref(), Some("2"));

    let home = client.get("/jury").await;
    assert_eq!(home.status, 200);
    assert_eq!(home.texts(".jury-round h3"), ["Vorauswahl"]);
    assert_eq!(
        home.text(&format!("#progress-{round}")),
        "2 von 2 erledigt",
        "{}",
        home.text(".jury-round")
    );
    assert_eq!(home.attr(".jury-progress", "value").as_deref(), Some("2"));
    assert_eq!(home.attr(".jury-progress", "max").as_deref(), Some("2"));
}

/// English: a juror hands in a final review with a note for the team, then declares a conflict
/// through the entry page while the round is open. Her review stays stored, but once the chair
/// has confirmed and the results are released, neither the team's mail nor the team's
/// submission page carries her note; the other juror's note is in both.
#[tokio::test]
async fn a_conflicted_jurors_team_note_is_never_released() {
    let app = TestApp::spawn().await;
    let olaf = organiser(&app, "en").await;
    let call = call(&app, &olaf, SLUG, "").await;
    let gold = entry(&app, call, "Mine water heat", "Ruhrwerk GmbH", "finalist").await;
    app.account("anna@example.org", "Anna Kowalczyk", false)
        .await;
    set_language(&app, "anna@example.org", "en").await;
    member(&app, gold, "anna@example.org", "Anna K.", "CEO").await;
    let lea = juror(&app, &olaf, SLUG, "lea@example.org", "Dr. Lea Brandt").await;
    set_language(&app, "lea@example.org", "en").await;
    let jan = juror(&app, &olaf, SLUG, "jan@example.org", "Jan Krause").await;
    let round = round(
        &app,
        &olaf,
        SLUG,
        &RoundInput {
            entrants: "finalist".into(),
            ..online("Finale", "Final")
        },
    )
    .await;
    let c = criterion(&app, &olaf, SLUG, round, named("Gesamt", "Overall", 1.0)).await;
    for j in [lea, jan] {
        assign(&app, &olaf, SLUG, round, j, gold).await;
    }
    let jans_note = "A clear business case.";
    let leas_note = "Talk to my colleagues at the heat network, they will fund you.";
    review(
        &app,
        jan,
        round,
        gold,
        &[(c, "8")],
        ReviewState::Final,
        "",
        jans_note,
    )
    .await;

    // Lea reviews through the page, note for the team included …
    let client = app.signed_in("lea@example.org", "en").await;
    let entry_url = format!("/jury/rounds/{round}/entries/{gold}");
    let asked = client.get(&entry_url).await;
    let opened = client.submit(&asked, "form.declare-none", &[]).await;
    assert_eq!(opened.status, 200, "{}", opened.text("main"));
    let field = format!("score_{c}");
    let done = client
        .submit(
            &opened,
            "form.review-form",
            &[
                (field.as_str(), "9"),
                ("team_note", leas_note),
                ("action", "final"),
            ],
        )
        .await;
    assert_eq!(done.status, 200, "{}", done.text("main"));
    assert_eq!(
        review_state(&app, round, lea, gold).await.as_deref(),
        Some("final")
    );

    // … then declares a conflict on it, before the round closes.
    let again = client.get(&entry_url).await;
    let declared = client
        .submit(
            &again,
            "details.late-conflict form.declare-conflict",
            &[("reason", "I learnt that my brother is on the team.")],
        )
        .await;
    assert_eq!(declared.status, 200, "{}", declared.text("main"));
    assert_eq!(
        declared.text(".jury-entry[data-status='conflict'] .jury-entry-title"),
        "Mine water heat"
    );
    let conflict: bool = sqlx::query_scalar(
        "select conflict from jury_declarations where submission_id = $1 and account_id = $2",
    )
    .bind(gold)
    .bind(lea)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert!(conflict);
    // Her review is still stored, note and all: only the release leaves it out.
    let stored: (String, String) = sqlx::query_as(
        "select state, team_note from jury_reviews where submission_id = $1 and account_id = $2",
    )
    .bind(gold)
    .bind(lea)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(stored, ("final".to_string(), leas_note.to_string()));

    service::close_round(&app.state, &olaf, SLUG, round)
        .await
        .unwrap();
    service::confirm(&app.state, &olaf, SLUG, round, &[(gold, Outcome::Place(1))])
        .await
        .unwrap();
    let orga = app.signed_in("orga@example.org", "en").await;
    let jury_url = format!("/orga/calls/{SLUG}/jury");
    let page = orga.get(&jury_url).await;
    let released = orga
        .submit(
            &page,
            &format!("form[action='{jury_url}/release']"),
            &[("confirm", "true")],
        )
        .await;
    assert_eq!(released.status, 200, "{}", released.text("main"));
    assert_eq!(status_of(&app, gold).await, "winner");

    app.drain_outbox().await;
    let mail = app.mail.nth_to("anna@example.org", 1);
    assert!(mail.text.contains(": 1st place."), "{}", mail.text);
    assert!(mail.text.contains("Notes from the jury:"), "{}", mail.text);
    assert!(mail.text.contains(jans_note), "{}", mail.text);
    assert!(!mail.text.contains(leas_note), "{}", mail.text);
    assert!(!mail.text.contains("heat network"), "{}", mail.text);

    let team = app.signed_in("anna@example.org", "en").await;
    let page = team.get(&format!("/calls/{SLUG}/submissions/{gold}")).await;
    assert_eq!(page.status, 200, "{}", page.text("main"));
    assert_eq!(page.texts(".jury-notes li"), [jans_note]);
    assert!(!page.body.contains("heat network"), "{}", page.text("main"));
}

/// German: numbers typed as words on the round forms (create and settings) and the criterion
/// forms (new and existing) are refused with 422, and each form shows exactly what was typed,
/// not an empty field; nothing is stored. An empty criterion name gets the jury's message.
#[tokio::test]
async fn refused_forms_keep_numbers_typed_as_words() {
    let app = TestApp::spawn().await;
    let olaf = organiser(&app, "de").await;
    call(&app, &olaf, SLUG, "").await;
    let orga = app.signed_in("orga@example.org", "de").await;
    let jury_url = format!("/orga/calls/{SLUG}/jury");

    // The new round.
    let jury = orga.get(&jury_url).await;
    let bad = orga
        .submit(
            &jury,
            &format!("form[action='{jury_url}/rounds']"),
            &[
                ("name_de", "Vorauswahl"),
                ("name_en", "Pre-selection"),
                ("opens_at", "2026-11-05T09:00"),
                ("closes_at", "2026-11-10T09:00"),
                ("scale_max", "zehn"),
                ("per_submission", "drei"),
                ("disagreement", "viel"),
            ],
        )
        .await;
    assert_eq!(bad.status, 422, "{}", bad.text("main"));
    for (id, typed) in [
        ("#r-scale_max", "zehn"),
        ("#r-per_submission", "drei"),
        ("#r-disagreement", "viel"),
    ] {
        assert_eq!(bad.attr(id, "value").as_deref(), Some(typed), "{id}");
        assert_eq!(
            bad.attr(id, "aria-invalid").as_deref(),
            Some("true"),
            "{id}"
        );
        assert!(!bad.text(&format!("{id}-error")).is_empty(), "{id}");
    }
    assert_eq!(
        bad.attr("#r-name_de", "value").as_deref(),
        Some("Vorauswahl")
    );
    assert_eq!(app.count("select count(*) from jury_rounds").await, 0);

    // The round's settings.
    let round = round(&app, &olaf, SLUG, &online("Vorauswahl", "Pre-selection")).await;
    let round_url = format!("{jury_url}/rounds/{round}");
    let page = orga.get(&round_url).await;
    assert_eq!(
        page.attr("#r-per_submission", "value").as_deref(),
        Some("2")
    );
    let bad = orga
        .submit(
            &page,
            "form#settings-form",
            &[("per_submission", "zwei"), ("disagreement", "viel")],
        )
        .await;
    assert_eq!(bad.status, 422, "{}", bad.text("main"));
    assert_eq!(
        bad.attr("#r-per_submission", "value").as_deref(),
        Some("zwei")
    );
    assert_eq!(
        bad.attr("#r-disagreement", "value").as_deref(),
        Some("viel")
    );
    assert!(!bad.text("#r-per_submission-error").is_empty());
    let stored: (i64, f64) =
        sqlx::query_as("select per_submission, disagreement from jury_rounds where id = $1")
            .bind(round)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(stored.0, 2);

    // A new criterion, also without a German name.
    let bad = orga
        .submit(
            &bad,
            "form#c-form",
            &[
                ("name_de", ""),
                ("name_en", "Degree of innovation"),
                ("weight", "zwei"),
            ],
        )
        .await;
    assert_eq!(bad.status, 422, "{}", bad.text("main"));
    assert_eq!(bad.attr("#c-weight", "value").as_deref(), Some("zwei"));
    assert!(!bad.text("#c-weight-error").is_empty());
    assert_eq!(bad.text("#c-name_de-error"), "Geben Sie einen Namen ein");
    assert_eq!(
        bad.attr("#c-name_en", "value").as_deref(),
        Some("Degree of innovation")
    );
    assert!(bad.attr("details#new-criterion", "open").is_some());
    assert_eq!(app.count("select count(*) from jury_criteria").await, 0);

    // An existing criterion.
    let existing = criterion(&app, &olaf, SLUG, round, named("Markt", "Market", 2.0)).await;
    let page = orga.get(&round_url).await;
    let bad = orga
        .submit(
            &page,
            &format!("form#c{existing}-form"),
            &[("weight", "zwei")],
        )
        .await;
    assert_eq!(bad.status, 422, "{}", bad.text("main"));
    assert_eq!(
        bad.attr(&format!("#c{existing}-weight"), "value")
            .as_deref(),
        Some("zwei")
    );
    assert!(!bad.text(&format!("#c{existing}-weight-error")).is_empty());
    let weight: f64 = sqlx::query_scalar("select weight from jury_criteria where id = $1")
        .bind(existing)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(weight, 2.0);
}

/// English: a round or criterion without a name is asked for "a name", not for the account
/// form's "full name"; nothing is stored.
#[tokio::test]
async fn an_empty_round_or_criterion_name_asks_for_a_name() {
    let app = TestApp::spawn().await;
    let olaf = organiser(&app, "en").await;
    call(&app, &olaf, SLUG, "").await;
    let orga = app.signed_in("orga@example.org", "en").await;
    let jury_url = format!("/orga/calls/{SLUG}/jury");

    let jury = orga.get(&jury_url).await;
    let bad = orga
        .submit(
            &jury,
            &format!("form[action='{jury_url}/rounds']"),
            &[
                ("name_de", "Vorauswahl"),
                ("name_en", "  "),
                ("opens_at", "2026-11-05T09:00"),
                ("closes_at", "2026-11-10T09:00"),
            ],
        )
        .await;
    assert_eq!(bad.status, 422, "{}", bad.text("main"));
    assert_eq!(bad.text("#r-name_en-error"), "Enter a name");
    assert_eq!(bad.text("#r-name_de-error"), "");
    assert_eq!(
        bad.texts(".error-summary a"),
        ["Name (English): Enter a name"]
    );
    assert_eq!(app.count("select count(*) from jury_rounds").await, 0);

    let round = round(&app, &olaf, SLUG, &online("Vorauswahl", "Pre-selection")).await;
    let page = orga.get(&format!("{jury_url}/rounds/{round}")).await;
    let bad = orga
        .submit(
            &page,
            "form#c-form",
            &[("name_de", ""), ("name_en", ""), ("weight", "1")],
        )
        .await;
    assert_eq!(bad.status, 422, "{}", bad.text("main"));
    assert_eq!(bad.text("#c-name_de-error"), "Enter a name");
    assert_eq!(bad.text("#c-name_en-error"), "Enter a name");
    assert!(!bad.body.contains("full name"), "{}", bad.text("main"));
    assert_eq!(app.count("select count(*) from jury_criteria").await, 0);
}

/// German: once the round is closed, a juror can neither declare "no conflict" on an entry
/// not yet opened nor a conflict on one already reviewed: the declaration forms of pages
/// loaded before answer 409 with the reason, and nothing is stored or changed.
#[tokio::test]
async fn declarations_are_refused_after_the_round_closes() {
    let app = TestApp::spawn().await;
    let olaf = organiser(&app, "de").await;
    let call = call(&app, &olaf, SLUG, "").await;
    let unopened = entry(
        &app,
        call,
        "Grubenwasser-Wärme",
        "Ruhrwerk GmbH",
        "in_review",
    )
    .await;
    let reviewed = entry(&app, call, "Wasserstoff-Tal", "H2 Tal eG", "in_review").await;
    let lea = juror(&app, &olaf, SLUG, "lea@example.org", "Dr. Lea Brandt").await;
    let round = round(&app, &olaf, SLUG, &online("Vorauswahl", "Pre-selection")).await;
    let c = criterion(&app, &olaf, SLUG, round, named("Neuheit", "Novelty", 1.0)).await;
    for s in [unopened, reviewed] {
        assign(&app, &olaf, SLUG, round, lea, s).await;
    }
    review(
        &app,
        lea,
        round,
        reviewed,
        &[(c, "6")],
        ReviewState::Final,
        "",
        "",
    )
    .await;
    let client = app.signed_in("lea@example.org", "de").await;
    let url = |s: i64| format!("/jury/rounds/{round}/entries/{s}");
    let asked = client.get(&url(unopened)).await;
    assert_eq!(asked.texts("form.declare-none").len(), 1);
    let open = client.get(&url(reviewed)).await;
    assert_eq!(
        open.texts("details.late-conflict form.declare-conflict")
            .len(),
        1
    );

    service::close_round(&app.state, &olaf, SLUG, round)
        .await
        .unwrap();
    let closed = "Die Runde ist geschlossen: Bewertungen können nicht mehr geändert werden.";

    // "No conflict" on the entry never opened.
    let refused = client.submit(&asked, "form.declare-none", &[]).await;
    assert_eq!(refused.status, 409, "{}", refused.text("main"));
    assert!(
        refused.text("main").contains(closed),
        "{}",
        refused.text("main")
    );
    // Nor a conflict on it.
    let refused = client
        .submit(
            &asked,
            "form.declare-conflict",
            &[("reason", "Ich berate dieses Unternehmen.")],
        )
        .await;
    assert_eq!(refused.status, 409, "{}", refused.text("main"));
    assert!(
        refused.text("main").contains(closed),
        "{}",
        refused.text("main")
    );
    // A late conflict on the reviewed one.
    let refused = client
        .submit(
            &open,
            "details.late-conflict form.declare-conflict",
            &[("reason", "Ich berate dieses Unternehmen.")],
        )
        .await;
    assert_eq!(refused.status, 409, "{}", refused.text("main"));
    assert!(
        refused.text("main").contains(closed),
        "{}",
        refused.text("main")
    );

    // Loaded now, the closed round's pages offer no declaration and say why.
    let now_closed = client.get(&url(unopened)).await;
    assert!(
        now_closed
            .texts("form.declare-none, form.declare-conflict")
            .is_empty()
    );
    assert_eq!(now_closed.text(".jury-alert"), closed);
    let now_closed = client.get(&url(reviewed)).await;
    assert!(now_closed.texts("details.late-conflict").is_empty());

    let declarations: Vec<(i64, bool, String)> = sqlx::query_as(
        "select submission_id, conflict, reason from jury_declarations order by submission_id",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert_eq!(declarations, [(reviewed, false, String::new())]);
    assert_eq!(
        app.count("select count(*) from audit_log where action like 'jury.conflict.%'")
            .await,
        1,
        "only the declaration made while the round was open"
    );
    assert_eq!(
        review_state(&app, round, lea, reviewed).await.as_deref(),
        Some("final")
    );
}

// --- 10. The matrix's buttons, small and large rounds ------------------------------------------

/// In a small round the matrix is a grid: a free cell's button assigns that juror to that entry,
/// an assigned cell's button removes them again; one form (one CSRF token) serves every button.
#[tokio::test]
async fn the_matrix_assigns_and_removes_by_hand() {
    let app = TestApp::spawn().await;
    let olaf = organiser(&app, "en").await;
    let call = call(&app, &olaf, SLUG, "").await;
    let sub = entry(
        &app,
        call,
        "Grubenwasser-Wärme",
        "Ruhrwerk GmbH",
        "in_review",
    )
    .await;
    let lea = juror(&app, &olaf, SLUG, "lea@example.org", "Dr. Lea Brandt").await;
    let round = round(&app, &olaf, SLUG, &online("Vorauswahl", "Pre-selection")).await;
    let orga = app.signed_in("orga@example.org", "en").await;
    let round_url = format!("/orga/calls/{SLUG}/jury/rounds/{round}");
    let page = orga.get(&round_url).await;
    assert_eq!(page.texts("#matrix th.juror"), ["Dr. Lea Brandt"]);
    assert_eq!(page.texts("#matrix-form input[name='csrf_token']").len(), 1);
    let pair = format!("{lea}-{sub}");
    let button = format!("#matrix tr[data-submission='{sub}'] button[value='{pair}']");
    assert_eq!(page.text(&button), "Assign");
    let action = page.attr(&button, "formaction").unwrap();
    assert_eq!(action, format!("{round_url}/assign"));

    let assigned = orga
        .post_form(&action, &[("csrf_token", &csrf(&page)), ("pair", &pair)])
        .await;
    assert_eq!(assigned.status, 200, "{}", assigned.text("main"));
    assert_eq!(
        app.count("select count(*) from jury_assignments where source = 'manual'")
            .await,
        1
    );
    assert_eq!(assigned.text(&button), "Remove");
    let action = assigned.attr(&button, "formaction").unwrap();
    assert_eq!(action, format!("{round_url}/unassign"));
    let removed = orga
        .post_form(
            &action,
            &[("csrf_token", &csrf(&assigned)), ("pair", &pair)],
        )
        .await;
    assert_eq!(removed.status, 200, "{}", removed.text("main"));
    assert_eq!(app.count("select count(*) from jury_assignments").await, 0);
    assert_eq!(removed.text(&button), "Assign");
    // A pair that is not one gets a 400, and nothing changes.
    let bad = orga
        .post_form(
            &format!("{round_url}/assign"),
            &[("csrf_token", &csrf(&removed)), ("pair", "lea-1")],
        )
        .await;
    assert_eq!(bad.status, 400);
    assert_eq!(app.count("select count(*) from jury_assignments").await, 0);
}

/// A round too large for a grid (250 entries × 11 jurors) lists each entry's assigned jurors
/// only, with their removal buttons, and assigns by hand with one form below the table.
#[tokio::test]
async fn a_large_round_lists_assigned_jurors_instead_of_a_grid() {
    let app = TestApp::spawn().await;
    let olaf = organiser(&app, "de").await;
    let call = call(&app, &olaf, SLUG, "").await;
    for i in 0..250 {
        sqlx::query(
            "insert into submissions (call_id, status, title, abstract, organisation, \
             submitted_at, eligible_at, created_at, updated_at) \
             values ($1, 'in_review', $2, '', '', $3, $3, $3, $3)",
        )
        .bind(call)
        .bind(format!("Vorhaben {i:03}"))
        .bind(app.clock.now())
        .execute(&app.db)
        .await
        .unwrap();
    }
    for i in 0..11 {
        // Unknown addresses: the invitation creates the accounts.
        service::invite_juror(
            &app.state,
            &olaf,
            SLUG,
            &format!("juror{i:02}@example.org"),
            &format!("Juror {i:02}"),
            &[],
            Lang::De,
        )
        .await
        .unwrap();
    }
    let round = round(&app, &olaf, SLUG, &online("Vorauswahl", "Pre-selection")).await;
    service::auto_assign(&app.state, &olaf, SLUG, round)
        .await
        .unwrap();
    assert_eq!(
        app.count("select count(*) from jury_assignments").await,
        500
    );

    let orga = app.signed_in("orga@example.org", "de").await;
    let round_url = format!("/orga/calls/{SLUG}/jury/rounds/{round}");
    let page = orga.get(&round_url).await;
    assert_eq!(page.status, 200);
    assert!(page.texts("#matrix th.juror").is_empty());
    assert_eq!(page.texts("#matrix tbody tr").len(), 250);
    // Two jurors per entry, each with a removal button; no button for the 2,250 free pairs.
    assert_eq!(page.texts("#matrix .assigned-jurors li").len(), 500);
    assert_eq!(page.texts("#matrix button").len(), 500);
    let first: i64 = sqlx::query_scalar("select min(id) from submissions")
        .fetch_one(&app.db)
        .await
        .unwrap();
    let jurors_of_first: Vec<i64> = sqlx::query_scalar(
        "select account_id from jury_assignments where submission_id = $1 order by account_id",
    )
    .bind(first)
    .fetch_all(&app.db)
    .await
    .unwrap();
    let free: i64 = sqlx::query_scalar(
        "select account_id from jurors where account_id not in \
         (select account_id from jury_assignments where submission_id = $1) order by account_id limit 1",
    )
    .bind(first)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert!(!jurors_of_first.contains(&free));

    let added = orga
        .submit(
            &page,
            "form#assign-one",
            &[
                ("juror", &free.to_string()),
                ("submission", &first.to_string()),
            ],
        )
        .await;
    assert_eq!(added.status, 200, "{}", added.text("main"));
    assert_eq!(
        added
            .texts(&format!(
                "#matrix tr[data-submission='{first}'] .assigned-jurors li"
            ))
            .len(),
        3
    );
    let now: Vec<i64> = sqlx::query_scalar(
        "select account_id from jury_assignments where submission_id = $1 order by account_id",
    )
    .bind(first)
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert_eq!(now.len(), 3);
    assert!(now.contains(&free));
}
