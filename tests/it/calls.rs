//! Innovation calls: organisers create and publish a call; teams draft, invite, attach and
//! submit until the exact deadline; organisers check eligibility, export, decide and publish
//! the results — through the pages and the API.

use std::io::Read;

use chrono::Duration;
use convene::call::model::{CallInput, SubmissionInput};
use convene::call::service as calls;
use convene::registration::form::{AnswersIn, QuestionInput};
use convene_tests::{Client, TestApp};

/// A real PDF of at least `len` bytes (uploads are parsed).
fn pdf(len: usize) -> Vec<u8> {
    convene_tests::pdf_file("Pitch deck", len)
}

/// The call of these tests: open since 15 October, deadline 15 November 2026 at 12:00 Berlin
/// time (11:00 UTC); the test clock stands at 1 November, 09:00 UTC.
pub(crate) fn call_input(slug: &str) -> CallInput {
    CallInput {
        slug: slug.into(),
        title_de: "InnovationCall Metropole Ruhr".into(),
        title_en: "InnovationCall Ruhr Metropolis".into(),
        teaser_de: "Ideen für die Region gesucht".into(),
        teaser_en: "Ideas for the region wanted".into(),
        body_de: "Wir suchen Projekte.\n\nDie besten pitchen.".into(),
        body_en: "We are looking for projects.\n\nThe best pitch.".into(),
        timezone: "Europe/Berlin".into(),
        opens_at: "2026-10-15T09:00".into(),
        deadline: "2026-11-15T12:00".into(),
        review_at: "2026-11-16T09:00".into(),
        results_at: "2026-11-30T18:00".into(),
        categories: "Umweltwirtschaft | Environmental economy\nWasserstoff | Hydrogen".into(),
        file_required: true,
        max_files: Some(2),
        file_max_mb: Some(1),
        abstract_max: Some(200),
        ..Default::default()
    }
}

/// An organiser with a published call and one required question; returns the organiser.
pub(crate) async fn published_call(app: &TestApp, slug: &str) -> convene::account::Actor {
    let id = app.organiser("orga@example.org", "Olaf Organiser").await;
    let olaf = app.actor(id).await;
    calls::create(&app.state, &olaf, &call_input(slug))
        .await
        .unwrap();
    let q = QuestionInput {
        kind: "number".into(),
        label_de: "Anzahl Beschäftigte".into(),
        label_en: "Employees".into(),
        required: true,
        ..Default::default()
    };
    calls::add_question(&app.state, &olaf, slug, &q)
        .await
        .unwrap();
    calls::set_published(&app.state, &olaf, slug, true, false)
        .await
        .unwrap();
    olaf
}

async fn question_id(app: &TestApp) -> i64 {
    sqlx::query_scalar("select id from call_questions order by id limit 1")
        .fetch_one(&app.db)
        .await
        .unwrap()
}

async fn category_id(app: &TestApp, name_de: &str) -> i64 {
    sqlx::query_scalar("select id from call_categories where name_de = $1")
        .bind(name_de)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

/// Makes an account prefer English (accounts start in German).
async fn english(app: &TestApp, email: &str) {
    sqlx::query("update accounts set language = 'en' where email = $1")
        .bind(email)
        .execute(&app.db)
        .await
        .unwrap();
}

/// Starts a submission through the call page; returns its page.
async fn start(client: &Client, slug: &str) -> convene_tests::Page {
    let call = client.get(&format!("/calls/{slug}")).await;
    client
        .submit(
            &call,
            &format!("form[action='/calls/{slug}/submissions']"),
            &[],
        )
        .await
}

#[tokio::test]
async fn organisers_create_a_call_with_every_mistake_named_then_publish_it() {
    let app = TestApp::spawn().await;
    app.organiser("orga@example.org", "Olaf Organiser").await;
    let orga = app.signed_in("orga@example.org", "de").await;

    let form = orga.get("/orga/calls/new").await;
    assert_eq!(form.status, 200);
    let bad = orga
        .submit(
            &form,
            "form[action='/orga/calls/new']",
            &[
                ("slug", "Innovation Call!"),
                ("title_de", "InnovationCall"),
                ("title_en", ""),
                ("opens_at", "2026-11-10T09:00"),
                ("deadline", "2026-11-01T12:00"),
                ("max_files", "viele"),
            ],
        )
        .await;
    assert_eq!(bad.status, 422);
    assert!(
        bad.text("#slug-error").contains("Kleinbuchstaben"),
        "{}",
        bad.text("#slug-error")
    );
    assert_eq!(bad.text("#title_en-error"), "Geben Sie einen Titel ein");
    assert_eq!(
        bad.text("#deadline-error"),
        "Die Einreichungsfrist muss nach dem Start liegen."
    );
    assert_eq!(
        bad.text("#max_files-error"),
        "Geben Sie eine ganze Zahl von 0 bis 20 ein"
    );
    assert_eq!(
        bad.attr("#title_de", "value").as_deref(),
        Some("InnovationCall"),
        "typing is kept"
    );
    assert_eq!(app.count("select count(*) from calls").await, 0);

    // Times the clocks skip or show twice are refused, not moved by an hour in silence.
    let dst = orga
        .submit(
            &bad,
            "form[action='/orga/calls/new']",
            &[
                ("slug", "innovationcall-ruhr"),
                ("title_en", "InnovationCall Ruhr"),
                ("opens_at", "2027-03-28T02:30"),
                ("deadline", "2027-10-31T02:30"),
                ("max_files", "3"),
            ],
        )
        .await;
    assert_eq!(dst.status, 422);
    assert_eq!(
        dst.text("#opens_at-error"),
        "02:30 Uhr gibt es am 2027-03-28 in Europe/Berlin nicht: In dieser Nacht werden die Uhren \
         vorgestellt. Wählen Sie eine andere Uhrzeit"
    );
    assert_eq!(
        dst.text("#deadline-error"),
        "02:30 Uhr gibt es am 2027-10-31 in Europe/Berlin zweimal, weil die Uhren zurückgestellt \
         werden (zuerst mit UTC+02:00, dann mit UTC+01:00). Wählen Sie für diese Frist eine andere \
         Uhrzeit"
    );
    assert_eq!(app.count("select count(*) from calls").await, 0);

    let created = orga
        .submit(
            &bad,
            "form[action='/orga/calls/new']",
            &[
                ("slug", "innovationcall-ruhr"),
                ("title_en", "InnovationCall Ruhr"),
                ("opens_at", "2026-10-15T09:00"),
                ("deadline", "2026-11-15T12:00:00"),
                ("max_files", "3"),
                (
                    "categories",
                    "Wasserstoff | Hydrogen\nKreislaufwirtschaft | Circular economy",
                ),
            ],
        )
        .await;
    assert_eq!(created.status, 200, "{}", created.text("main"));
    assert!(created.url.ends_with("/orga/calls/innovationcall-ruhr"));
    assert_eq!(
        created.text(".flash"),
        "Der Wettbewerb wurde als Entwurf angelegt."
    );
    // The deadline is stored exact to the second in UTC (12:00 CET is 11:00 UTC).
    let deadline: chrono::DateTime<chrono::Utc> = sqlx::query_scalar("select deadline from calls")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(deadline.to_rfc3339(), "2026-11-15T11:00:00+00:00");

    // A draft: organisers see it, nobody else does.
    let anonymous = app.client("en");
    assert_eq!(
        anonymous.get("/calls/innovationcall-ruhr").await.status,
        404
    );
    assert!(
        anonymous
            .get("/calls")
            .await
            .texts(".call-card h2")
            .is_empty()
    );

    // A question for the submission form, then publish.
    let builder = orga.get("/orga/calls/innovationcall-ruhr/questions").await;
    let added = orga
        .submit(
            &builder,
            "form[action='/orga/calls/innovationcall-ruhr/questions']",
            &[
                ("kind", "single_choice"),
                ("label_de", "Reifegrad"),
                ("label_en", "Technology readiness"),
                ("options", "Idee | Idea\nPrototyp | Prototype"),
                ("required", "true"),
            ],
        )
        .await;
    assert_eq!(added.texts("ol.questions strong"), ["Reifegrad"]);
    let edit = orga.get("/orga/calls/innovationcall-ruhr").await;
    let published = orga
        .submit(
            &edit,
            "form[action='/orga/calls/innovationcall-ruhr/publish']",
            &[],
        )
        .await;
    assert_eq!(published.text("#status-title"), "Veröffentlicht");

    let list = anonymous.get("/calls").await;
    assert_eq!(list.texts(".call-card h2"), ["InnovationCall Ruhr"]);
    let page = anonymous.get("/calls/innovationcall-ruhr").await;
    assert_eq!(page.text("#phase-title"), "Open for submissions");
    assert_eq!(page.text(".countdown"), "14 days, 2 hours left");
    assert_eq!(
        page.attr(".countdown", "data-countdown").as_deref(),
        Some("2026-11-15T11:00:00+00:00")
    );
    assert!(
        page.text(".summary").contains("15 November 2026, 12:00"),
        "{}",
        page.text(".summary")
    );
    assert_eq!(
        page.texts("main ul li")[..2],
        ["Hydrogen", "Circular economy"]
    );
    assert_eq!(
        page.attr("main a.button", "href").as_deref(),
        Some("/signin?next=/calls/innovationcall-ruhr")
    );
    let german = app.client("de").get("/calls/innovationcall-ruhr").await;
    assert_eq!(german.text("#phase-title"), "Einreichung offen");
    assert_eq!(german.text(".countdown"), "noch 14 Tage, 2 Stunden");
}

/// A team drafts, is told what is missing, invites a colleague (who then sees and edits the
/// draft), attaches files checked by content and size, submits and gets the confirmation; the
/// deadline goes into their calendar; one second after the deadline everything is refused.
#[tokio::test]
async fn a_team_drafts_invites_attaches_and_submits_until_the_exact_deadline() {
    let app = TestApp::spawn().await;
    published_call(&app, "icr").await;
    let qid = question_id(&app).await;
    let hydrogen = category_id(&app, "Wasserstoff").await;
    let ada_id = app.account("ada@example.org", "Ada Lovelace", false).await;
    app.account("ben@example.org", "Ben Becker", false).await;
    app.account("eve@example.org", "Eve Outsider", false).await;
    english(&app, "ben@example.org").await;
    let ada = app.signed_in("ada@example.org", "de").await;

    let draft = start(&ada, "icr").await;
    assert_eq!(draft.status, 200);
    let base = draft.url.trim_start_matches(&app.base_url).to_string();
    let id: i64 = base.rsplit('/').next().unwrap().parse().unwrap();
    assert_eq!(draft.text(".badge"), "Entwurf");
    assert_eq!(
        draft.texts("#missing li"),
        [
            "Projekttitel",
            "Kategorie",
            "Kurzbeschreibung",
            "Organisation",
            "Anzahl Beschäftigte",
            "Anhänge"
        ]
    );

    // Saving half a draft works; a too-long abstract or a bad website is named, nothing stored.
    let long = "x".repeat(201);
    let bad = ada
        .submit_multipart(
            &draft,
            &format!("form[action='{base}']"),
            &[
                ("title", "25square"),
                ("abstract", &long),
                ("website", "25square.de"),
                (&format!("q{qid}"), "viele"),
            ],
            &[],
        )
        .await;
    assert_eq!(bad.status, 422);
    assert_eq!(bad.text("#abstract-error"), "Höchstens 200 Zeichen");
    assert!(!bad.text("#website-error").is_empty());
    assert!(!bad.text(&format!("#q{qid}-error")).is_empty());
    assert_eq!(
        bad.attr("#title", "value").as_deref(),
        Some("25square"),
        "typing is kept"
    );
    assert_eq!(
        app.count("select count(*) from submissions where title <> ''")
            .await,
        0
    );

    let saved = ada
        .submit_multipart(
            &draft,
            &format!("form[action='{base}']"),
            &[
                ("title", "25square – Starkregen-Sensornetz"),
                ("abstract", "Ein IoT-Netz warnt vor Starkregen."),
            ],
            &[],
        )
        .await;
    assert_eq!(saved.text(".flash"), "Gespeichert.");
    assert_eq!(
        saved.texts("#missing li"),
        [
            "Kategorie",
            "Organisation",
            "Anzahl Beschäftigte",
            "Anhänge"
        ]
    );

    // Submitting now is refused with what is missing.
    let refused = ada
        .submit(&saved, &format!("form[action='{base}/submit']"), &[])
        .await;
    assert_eq!(refused.status, 422);
    assert!(
        refused
            .text(".error-summary")
            .contains("Bitte füllen Sie dieses Feld aus.")
    );
    assert_eq!(
        app.count("select count(*) from submissions where status = 'draft'")
            .await,
        1
    );

    // Invite Ben; he gets a mail, signs in, sees the draft and completes it.
    let invited = ada
        .submit(
            &saved,
            &format!("form[action='{base}/members']"),
            &[
                ("email", "Ben@Example.org"),
                ("name", "Ben Becker"),
                ("role", "Technik"),
            ],
        )
        .await;
    assert_eq!(invited.texts("ul.team li").len(), 2);
    app.drain_outbox().await;
    let mail = app.mail.nth_to("ben@example.org", 1);
    assert_eq!(
        mail.subject,
        "Ada Lovelace invites you to a submission to InnovationCall Ruhr Metropolis"
    );
    assert!(mail.link(&app.base_url).ends_with(&base), "{}", mail.text);
    let ben = app.signed_in("ben@example.org", "en").await;
    let bens = ben.get(&base).await;
    assert_eq!(bens.status, 200);
    assert_eq!(bens.text(".badge"), "Draft");
    let completed = ben
        .submit_multipart(
            &bens,
            &format!("form[action='{base}']"),
            &[
                ("category_id", &hydrogen.to_string()),
                ("organisation", "25square GmbH"),
                ("website", "https://25square.example"),
                (&format!("q{qid}"), "12"),
            ],
            &[],
        )
        .await;
    assert_eq!(completed.text(".flash"), "Saved.");
    assert_eq!(completed.texts("#missing li"), ["Attachments"]);

    // Files are judged by content and size before anything is stored.
    let upload = |name: &'static str, bytes: Vec<u8>| {
        let ben = ben.clone();
        let completed = &completed;
        let base = base.clone();
        async move {
            ben.submit_multipart(
                completed,
                &format!("form[action='{base}/files']"),
                &[("label", "Pitch-Deck")],
                &[("file", name, bytes)],
            )
            .await
        }
    };
    let not_pdf = upload("deck.pdf", b"MZ\x90\x00 not a pdf".to_vec()).await;
    assert_eq!(not_pdf.status, 422);
    assert_eq!(
        not_pdf.text("#file-error"),
        "Only PDF, PNG and JPEG files are accepted; this file is none of them."
    );
    // A PDF header in front of an executable is no PDF: the file is parsed, not just sniffed.
    let fake = upload("deck.pdf", convene_tests::fake_pdf(4096)).await;
    assert_eq!(fake.status, 422);
    assert_eq!(
        fake.text("#file-error"),
        "This file claims to be a PDF but cannot be read as one (damaged, or something else). \
         Please upload a valid PDF."
    );
    let truncated = pdf(50_000);
    let truncated = upload("deck.pdf", truncated[..truncated.len() / 2].to_vec()).await;
    assert_eq!(truncated.status, 422);
    let too_big = upload("deck.pdf", pdf(1024 * 1024 + 1)).await;
    assert_eq!(too_big.status, 422);
    assert_eq!(
        too_big.text("#file-error"),
        "The file is larger than 1 MB. Please upload a smaller one."
    );
    assert_eq!(app.count("select count(*) from submission_files").await, 0);
    let attached = upload("pitch-deck.pdf", pdf(50_000)).await;
    assert_eq!(attached.text(".flash"), "The file has been attached.");
    assert!(attached.texts("#missing li").is_empty());

    // Only the team and the organisers get the file, always as a download.
    let file_url = attached.attr("ul.files a", "href").unwrap();
    let got = ada.get(&file_url).await;
    assert_eq!(got.status, 200);
    assert_eq!(got.header("content-type"), "application/pdf");
    assert!(got.header("content-disposition").starts_with("attachment"));
    assert_eq!(got.header("x-content-type-options"), "nosniff");
    let eve = app.signed_in("eve@example.org", "de").await;
    assert_eq!(eve.get(&file_url).await.status, 404);
    assert_eq!(eve.get(&base).await.status, 404);
    let stolen = eve
        .http
        .post(app.url(&format!("/api/v1/submissions/{id}/withdraw")))
        .header("x-requested-with", "fetch")
        .send()
        .await
        .unwrap();
    assert_eq!(
        stolen.status(),
        404,
        "someone else's submission does not exist for her"
    );

    // Submit: both members get the confirmation.
    let page = ada.get(&base).await;
    let submitted = ada
        .submit(&page, &format!("form[action='{base}/submit']"), &[])
        .await;
    assert_eq!(
        submitted.text(".flash"),
        "Eingereicht. Ihr Team hat eine Bestätigung per E-Mail erhalten."
    );
    assert_eq!(submitted.text(".badge"), "Eingereicht");
    assert_eq!(
        ada.get("/calls").await.texts("ul.mine li"),
        ["25square – Starkregen-Sensornetz (InnovationCall Metropole Ruhr) – Eingereicht"]
    );
    app.drain_outbox().await;
    let confirmation = app.mail.nth_to("ada@example.org", 1);
    assert!(
        confirmation.subject.starts_with("Eingereicht: 25square"),
        "{}",
        confirmation.subject
    );
    let bens_mail = app.mail.nth_to("ben@example.org", 2);
    assert!(
        bens_mail.subject.starts_with("Submitted: 25square"),
        "{}",
        bens_mail.subject
    );

    // A submitted entry can change, but must stay complete.
    let emptied = ada
        .submit_multipart(
            &submitted,
            &format!("form[action='{base}']"),
            &[("title", "")],
            &[],
        )
        .await;
    assert_eq!(emptied.status, 422);
    let title: String = sqlx::query_scalar("select title from submissions")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(
        title, "25square – Starkregen-Sensornetz",
        "nothing was stored"
    );

    // The deadline is in the personal calendar feed.
    let ada_actor = app.actor(ada_id).await;
    let token = convene::calendar::service::feed_token(&app.state, &ada_actor)
        .await
        .unwrap();
    let feed = app
        .client("de")
        .get(&format!("/calendar/{token}.ics"))
        .await;
    let parsed: icalendar::Calendar = feed.body.parse().unwrap();
    let deadline = parsed
        .components
        .iter()
        .filter_map(|c| c.as_event())
        .find(|e| {
            use icalendar::Component;
            e.get_summary() == Some("Einreichungsfrist: InnovationCall Metropole Ruhr")
        })
        .expect("the deadline is in the feed");
    assert_eq!(
        icalendar::Component::get_end(deadline),
        Some(icalendar::DatePerhapsTime::DateTime(
            icalendar::CalendarDateTime::Utc(
                chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 11, 15, 11, 0, 0).unwrap()
            )
        ))
    );

    // One second before the deadline a change still lands; at the deadline it is refused.
    let now = app.clock.now();
    let deadline =
        chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 11, 15, 11, 0, 0).unwrap();
    app.clock.advance(deadline - now - Duration::seconds(1));
    let ada = app.signed_in("ada@example.org", "de").await;
    let page = ada.get(&base).await;
    let last = ada
        .submit_multipart(
            &page,
            &format!("form[action='{base}']"),
            &[("title", "25square")],
            &[],
        )
        .await;
    assert_eq!(last.text(".flash"), "Gespeichert.");
    app.clock.advance(Duration::seconds(1));
    let late = ada
        .submit_multipart(
            &page,
            &format!("form[action='{base}']"),
            &[("title", "zu spät")],
            &[],
        )
        .await;
    assert_eq!(late.status, 409);
    assert!(
        late.text("main")
            .contains("Die Einreichungsfrist ist abgelaufen"),
        "{}",
        late.text("main")
    );
    let read_only = ada.get(&base).await;
    assert!(
        read_only
            .html()
            .select(&scraper::Selector::parse(&format!("form[action='{base}']")).unwrap())
            .next()
            .is_none()
    );
    assert_eq!(
        read_only.text(".status-box p"),
        "Die Einreichungsfrist ist abgelaufen: Die Einreichung kann gelesen, aber nicht mehr geändert werden."
    );
    let withdraw = ada
        .http
        .post(app.url(&format!("/api/v1/submissions/{id}/withdraw")))
        .header("x-requested-with", "fetch")
        .send()
        .await
        .unwrap();
    assert_eq!(withdraw.status(), 409);
    let problem: serde_json::Value = withdraw.json().await.unwrap();
    assert_eq!(problem["code"], "submission-deadline-passed");
    let title: String = sqlx::query_scalar("select title from submissions")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(title, "25square");
}

/// Arranges a complete submission by `email` through the services; returns its id.
pub(crate) async fn complete_submission(
    app: &TestApp,
    email: &str,
    name: &str,
    title: &str,
    org: &str,
) -> i64 {
    let id = app.account(email, name, false).await;
    let actor = app.actor(id).await;
    let sub = calls::start(&app.state, &actor, "icr").await.unwrap();
    let mut answers = AnswersIn::default();
    answers
        .values
        .insert(question_id(app).await, vec!["7".into()]);
    let input = SubmissionInput {
        title: title.into(),
        category_id: Some(category_id(app, "Umweltwirtschaft").await),
        summary: format!("{title}: Kurzbeschreibung"),
        organisation: org.into(),
        website: String::new(),
    };
    calls::save(&app.state, &actor, sub.id, &input, Some(&answers))
        .await
        .unwrap();
    calls::add_file(
        &app.state,
        &actor,
        sub.id,
        "deck.pdf",
        "Pitch-Deck",
        &pdf(2000),
    )
    .await
    .unwrap();
    calls::submit(&app.state, &actor, sub.id).await.unwrap();
    sub.id
}

/// Organisers filter and open submissions, mark them (in)eligible with the team told, export
/// CSV, JSON and a ZIP of all attachments, and after the deadline decide in the order the state
/// machine allows; published results show on the public page, every change in the history.
#[tokio::test]
async fn organisers_check_eligibility_export_decide_and_publish_results() {
    let app = TestApp::spawn().await;
    published_call(&app, "icr").await;
    let a = complete_submission(
        &app,
        "ada@example.org",
        "Ada Lovelace",
        "25square",
        "25square GmbH",
    )
    .await;
    let b = complete_submission(
        &app,
        "ben@example.org",
        "Ben Becker",
        "=HYPERLINK(\"x\")",
        "Hochvolt AG",
    )
    .await;
    // A draft stays with its team.
    let cid = app.account("cy@example.org", "Cy Draft", false).await;
    calls::start(&app.state, &app.actor(cid).await, "icr")
        .await
        .unwrap();
    english(&app, "orga@example.org").await;
    let orga = app.signed_in("orga@example.org", "en").await;

    let list = orga.get("/orga/calls/icr/submissions").await;
    assert_eq!(list.status, 200);
    assert_eq!(
        list.texts("#submissions tbody tr").len(),
        2,
        "drafts are not listed"
    );
    let found = orga.get("/orga/calls/icr/submissions?q=hochvolt").await;
    assert_eq!(
        found.texts("#submissions tbody td:nth-child(3)"),
        ["Hochvolt AG"]
    );

    // Ineligible needs a reason; the team is told it.
    let detail = orga.get(&format!("/orga/calls/icr/submissions/{b}")).await;
    let no_reason = orga
        .submit(
            &detail,
            "form.stack[action$='/decide']",
            &[("reason", "  ")],
        )
        .await;
    assert_eq!(no_reason.status, 422);
    assert_eq!(
        no_reason.text("#reason-error"),
        "Say why it is not eligible; the team is told."
    );
    let marked = orga
        .submit(
            &detail,
            "form.stack[action$='/decide']",
            &[("reason", "Sitz außerhalb der Metropole Ruhr")],
        )
        .await;
    assert_eq!(marked.text("#status"), "Not eligible");
    app.drain_outbox().await;
    let told = app.mail.nth_to("ben@example.org", 2);
    assert!(
        told.text.contains("Sitz außerhalb der Metropole Ruhr"),
        "{}",
        told.text
    );
    let bens_view = app.signed_in("ben@example.org", "de").await;
    let page = bens_view.get(&format!("/calls/icr/submissions/{b}")).await;
    assert_eq!(page.text(".badge"), "Nicht teilnahmeberechtigt");
    assert!(
        page.text(".status-box")
            .contains("Sitz außerhalb der Metropole Ruhr")
    );

    let detail = orga.get(&format!("/orga/calls/icr/submissions/{a}")).await;
    let eligible = orga
        .submit(
            &detail,
            "form.inline[action$='/decide']:has(input[value='eligible'])",
            &[],
        )
        .await;
    assert!(
        eligible.text(".summary").contains("Eligible (checked"),
        "{}",
        eligible.text(".summary")
    );
    // Review cannot start before the deadline.
    let early = orga
        .post_form(
            &format!("/orga/calls/icr/submissions/{a}/decide"),
            &[
                (
                    "csrf_token",
                    &eligible.attr("input[name=csrf_token]", "value").unwrap(),
                ),
                ("action", "in_review"),
            ],
        )
        .await;
    assert_eq!(early.status, 409);

    // Exports follow the filters; CSV cells that look like formulas are defused.
    let csv = orga.get("/orga/calls/icr/submissions.csv").await;
    assert_eq!(csv.header("content-type"), "text/csv; charset=utf-8");
    assert!(csv.body.starts_with('\u{feff}'));
    assert!(csv.body.contains("25square GmbH"));
    assert!(csv.body.contains("'=HYPERLINK"), "{}", csv.body);
    let json = orga
        .get("/orga/calls/icr/submissions.json?status=ineligible")
        .await;
    let records: serde_json::Value = serde_json::from_str(&json.body).unwrap();
    assert_eq!(records.as_array().unwrap().len(), 1);
    assert_eq!(
        records[0]["status_reason"],
        "Sitz außerhalb der Metropole Ruhr"
    );
    assert_eq!(records[0]["answers"][0][0], "Employees");
    let zip = orga
        .http
        .get(app.url("/orga/calls/icr/attachments.zip"))
        .send()
        .await
        .unwrap();
    assert_eq!(zip.headers()["content-type"], "application/zip");
    let bytes = zip.bytes().await.unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let mut names: Vec<String> = archive
        .file_names()
        .map(|n| n.unwrap().to_string())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [format!("{a:04}/deck.pdf"), format!("{b:04}/deck.pdf")]
    );
    let mut first = Vec::new();
    archive
        .by_name(&format!("{a:04}/deck.pdf"))
        .unwrap()
        .read_to_end(&mut first)
        .unwrap();
    assert_eq!(first, pdf(2000));
    // Not for participants.
    assert_eq!(
        bens_view
            .get("/orga/calls/icr/submissions.csv")
            .await
            .status,
        403
    );
    assert_eq!(
        bens_view
            .get("/orga/calls/icr/attachments.zip")
            .await
            .status,
        403
    );

    // After the deadline: review, shortlist, finalist, winner with placement.
    let deadline =
        chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 11, 15, 11, 0, 0).unwrap();
    app.clock.advance(deadline - app.clock.now());
    // Two weeks later the old sign-in has expired.
    let orga = app.signed_in("orga@example.org", "en").await;
    for action in ["in_review", "shortlisted", "finalist"] {
        let page = orga.get(&format!("/orga/calls/icr/submissions/{a}")).await;
        let moved = orga
            .submit(
                &page,
                &format!("form.inline:has(input[value='{action}'])"),
                &[],
            )
            .await;
        assert_eq!(moved.status, 200, "{action}: {}", moved.text("main"));
    }
    let page = orga.get(&format!("/orga/calls/icr/submissions/{a}")).await;
    let bad_place = orga
        .submit(
            &page,
            "form.row-form[action$='/decide']",
            &[("placement", "0")],
        )
        .await;
    assert_eq!(bad_place.status, 422);
    let won = orga
        .submit(
            &page,
            "form.row-form[action$='/decide']",
            &[("placement", "1")],
        )
        .await;
    assert_eq!(won.text("#status"), "Winner");
    assert_eq!(
        won.text(".status-box p"),
        "Nothing more to decide at this stage."
    );
    assert_eq!(
        won.texts("table.data tbody td:nth-child(3)"),
        [
            "→ Draft",
            "Draft → Submitted",
            "Submitted (eligible)",
            "Submitted → In review",
            "In review → Shortlisted",
            "Shortlisted → Finalist",
            "Finalist → Winner (#1)"
        ]
    );

    // Results appear once published.
    let public = app.client("de");
    assert!(
        public
            .get("/calls/icr")
            .await
            .texts(".results li")
            .is_empty()
    );
    let edit = orga.get("/orga/calls/icr").await;
    orga.submit(&edit, "form.inline:has(input[name=results_published])", &[])
        .await;
    let results = public.get("/calls/icr").await;
    assert_eq!(
        results.texts(".results li"),
        ["1. Platz: 25square – 25square GmbH (Umweltwirtschaft)"]
    );
}

/// The API: organisers create a call; applicants read the form, start a submission with
/// answers, attach a file as raw bytes, are told what is missing, submit and list their own;
/// organisers list all and decide.
#[tokio::test]
async fn the_api_runs_a_call_with_the_same_rules() {
    let app = TestApp::spawn().await;
    app.organiser("orga@example.org", "Olaf Organiser").await;
    app.account("ada@example.org", "Ada Lovelace", false).await;
    app.account("ben@example.org", "Ben Becker", false).await;
    for email in ["orga@example.org", "ada@example.org", "ben@example.org"] {
        english(&app, email).await;
    }
    let orga = app.signed_in("orga@example.org", "en").await;
    let ada = app.signed_in("ada@example.org", "en").await;
    let ben = app.signed_in("ben@example.org", "en").await;
    let api = |p: &str| app.url(&format!("/api/v1{p}"));

    let body = serde_json::json!({
        "slug": "icr", "title_de": "InnovationCall", "title_en": "InnovationCall",
        "opens_at": "2026-10-15T07:00:00Z", "deadline": "2026-11-15T11:00:00Z",
        "categories": [["Wasserstoff", "Hydrogen"]], "file_required": true
    });
    let refused = ada
        .http
        .post(api("/calls"))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 403, "only site organisers create calls");
    let bad = orga
        .http
        .post(api("/calls"))
        .json(
            &serde_json::json!({"slug": "icr", "title_de": "x", "title_en": "x",
            "opens_at": "2026-11-15T11:00:00Z", "deadline": "2026-11-15T11:00:00Z"}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 422);
    let problem: serde_json::Value = bad.json().await.unwrap();
    assert_eq!(
        problem["fields"]["deadline"][0],
        "The submission deadline must be after the opening."
    );
    let created: serde_json::Value = orga
        .http
        .post(api("/calls"))
        .json(&body)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(created["phase"], "open");
    assert_eq!(created["published"], false);
    assert_eq!(
        ada.http
            .get(api("/calls/icr"))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
    let q = orga
        .http
        .post(api("/calls/icr/questions"))
        .json(&serde_json::json!({"kind": "yes_no", "label_de": "Gegründet?", "label_en": "Founded?", "required": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(q.status(), 201);
    let created: serde_json::Value = q.json().await.unwrap();
    let asked = created["id"].as_i64().expect("the new question's id");
    let pubd = orga
        .http
        .put(api("/calls/icr/publication"))
        .json(&serde_json::json!({"published": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(pubd.status(), 200);

    let form: serde_json::Value = ada
        .http
        .get(api("/calls/icr/form"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let qid = form["questions"][0]["id"].as_i64().unwrap();
    assert_eq!(qid, asked, "the id the creation answered");
    let cat = form["categories"][0]["id"].as_i64().unwrap();
    let started: serde_json::Value = ada
        .http
        .post(api("/calls/icr/submissions"))
        .json(&serde_json::json!({"title": "25square", "category_id": cat,
            "abstract": "Sensoren gegen Starkregen", "answers": {format!("q{qid}"): "maybe"}}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        started["fields"][format!("q{qid}")][0],
        "Please choose one of the options.",
        "{started}"
    );
    // The draft was started before the answers were refused; it stays, empty.
    let mine: serde_json::Value = ada
        .http
        .get(api("/calls/icr/submissions"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = mine[0]["id"].as_i64().unwrap();
    let saved: serde_json::Value = ada
        .http
        .put(api(&format!("/submissions/{id}")))
        .json(&serde_json::json!({"title": "25square", "category_id": cat,
            "abstract": "Sensoren gegen Starkregen", "organisation": "25square GmbH",
            "answers": {format!("q{qid}"): "yes"}}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(saved["status"], "draft");
    assert_eq!(
        saved["missing"]["files"],
        "Attach at least one file (e.g. your pitch deck)."
    );
    // A key that names no question, two keys for one question and a list item that is not a
    // choice are refused at their field; nothing of the body is saved.
    let refused = ada
        .http
        .put(api(&format!("/submissions/{id}")))
        .json(&serde_json::json!({"title": "Anders", "category_id": cat,
            "answers": {format!("q{qid}"): "no", qid.to_string(): "yes", "+7": "x", "q7": [{"a": 1}]}}))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 422);
    let problem: serde_json::Value = refused.json().await.unwrap();
    assert_eq!(
        problem["fields"],
        serde_json::json!({
            "answers.+7": ["This key names no question: the question's number is expected, e.g. \"q12\" or \"12\"."],
            format!("answers.q{qid}"): ["This field is given more than once."],
            "answers.q7.0": ["A choice is sent as text or a number."],
        }),
        "{problem}"
    );
    let kept: serde_json::Value = ada
        .http
        .get(api(&format!("/submissions/{id}")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(kept["title"], "25square", "{kept}");
    // Saved without `answers`, the stored answers stay (absent is not "none").
    let answer = kept["answers"][format!("q{qid}")].clone();
    assert!(answer.is_string(), "{kept}");
    let resaved = ada
        .http
        .put(api(&format!("/submissions/{id}")))
        .json(&serde_json::json!({"title": "25square", "category_id": cat,
            "abstract": "Sensoren gegen Starkregen", "organisation": "25square GmbH"}))
        .send()
        .await
        .unwrap();
    assert_eq!(resaved.status(), 200);
    let resaved: serde_json::Value = resaved.json().await.unwrap();
    assert_eq!(resaved["answers"][format!("q{qid}")], answer, "{resaved}");

    let not_pdf = ada
        .http
        .post(api(&format!(
            "/submissions/{id}/attachments?filename=deck.pdf"
        )))
        .header("content-type", "application/octet-stream")
        .body(b"<html>".to_vec())
        .header("x-requested-with", "fetch")
        .send()
        .await
        .unwrap();
    assert_eq!(not_pdf.status(), 422);
    let fake = ada
        .http
        .post(api(&format!(
            "/submissions/{id}/attachments?filename=deck.pdf"
        )))
        .header("content-type", "application/octet-stream")
        .body(convene_tests::fake_pdf(4096))
        .header("x-requested-with", "fetch")
        .send()
        .await
        .unwrap();
    assert_eq!(fake.status(), 422);
    let problem: serde_json::Value = fake.json().await.unwrap();
    assert_eq!(
        problem["fields"]["file"][0],
        "This file claims to be a PDF but cannot be read as one (damaged, or something else). \
         Please upload a valid PDF.",
        "{problem}"
    );
    assert_eq!(app.count("select count(*) from uploads").await, 0);
    let file: serde_json::Value = ada
        .http
        .post(api(&format!(
            "/submissions/{id}/attachments?filename=deck.pdf&label=Pitch%20deck"
        )))
        .header("content-type", "application/octet-stream")
        .body(pdf(3000))
        .header("x-requested-with", "fetch")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(file["content_type"], "application/pdf");
    assert_eq!(file["size"], 3000);
    // Five uploads at once against a limit of three: exactly two more land, the rest are told.
    let mut uploads = tokio::task::JoinSet::new();
    for i in 0..5 {
        let http = ada.http.clone();
        let url = api(&format!(
            "/submissions/{id}/attachments?filename=more-{i}.pdf"
        ));
        uploads.spawn(async move {
            http.post(url)
                .header("content-type", "application/octet-stream")
                .body(pdf(1000))
                .header("x-requested-with", "fetch")
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        });
    }
    let statuses: Vec<u16> = uploads.join_all().await;
    assert_eq!(
        statuses.iter().filter(|s| **s == 201).count(),
        2,
        "{statuses:?}"
    );
    assert_eq!(
        statuses.iter().filter(|s| **s == 422).count(),
        3,
        "{statuses:?}"
    );
    assert_eq!(app.count("select count(*) from submission_files").await, 3);
    let fid = file["id"].as_i64().unwrap();
    let download = ada
        .http
        .get(api(&format!("/submissions/{id}/attachments/{fid}")))
        .send()
        .await
        .unwrap();
    assert_eq!(
        download.headers()["content-disposition"],
        "attachment; filename=\"deck.pdf\""
    );
    assert_eq!(download.bytes().await.unwrap().to_vec(), pdf(3000));
    assert_eq!(
        ben.http
            .get(api(&format!("/submissions/{id}/attachments/{fid}")))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );

    let submitted: serde_json::Value = ada
        .http
        .post(api(&format!("/submissions/{id}/submit")))
        .header("x-requested-with", "fetch")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(submitted["status"], "submitted");
    assert!(submitted["submitted_at"].is_string());

    // Organisers see all handed-in submissions; Ben sees only his own (none).
    let all: serde_json::Value = orga
        .http
        .get(api("/calls/icr/submissions"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(all.as_array().unwrap().len(), 1);
    let bens: serde_json::Value = ben
        .http
        .get(api("/calls/icr/submissions"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(bens.as_array().unwrap().len(), 0);
    let decided = orga
        .http
        .post(api(&format!("/submissions/{id}/decision")))
        .json(&serde_json::json!({"action": "ineligible"}))
        .send()
        .await
        .unwrap();
    assert_eq!(decided.status(), 422);
    let decided: serde_json::Value = orga
        .http
        .post(api(&format!("/submissions/{id}/decision")))
        .json(&serde_json::json!({"action": "eligible"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(decided["eligible_at"].is_string());
    let forbidden = ada
        .http
        .post(api(&format!("/submissions/{id}/decision")))
        .json(&serde_json::json!({"action": "eligible"}))
        .send()
        .await
        .unwrap();
    assert_eq!(forbidden.status(), 403);
}

/// A person's data download holds their submissions; deleting the account removes them from
/// every team and deletes the drafts only they worked on, while handed-in entries stay.
#[tokio::test]
async fn deleting_an_account_leaves_teams_and_removes_lone_drafts() {
    let app = TestApp::spawn().await;
    published_call(&app, "icr").await;
    let handed_in = complete_submission(
        &app,
        "ben@example.org",
        "Ben Becker",
        "Hochvolt-Speicher",
        "SPIN",
    )
    .await;
    let ben_id: convene::ids::AccountId =
        sqlx::query_scalar("select id from accounts where email = 'ben@example.org'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    let ben = app.actor(ben_id).await;
    let ada_id = app.account("ada@example.org", "Ada Lovelace", false).await;
    let ada_actor = app.actor(ada_id).await;
    // Reopen Ben's entry as a draft to add Ada to the team, then hand it in again.
    sqlx::query("update submissions set status = 'draft' where id = $1")
        .bind(handed_in)
        .execute(&app.db)
        .await
        .unwrap();
    calls::invite(
        &app.state,
        &ben,
        handed_in,
        "ada@example.org",
        "Ada",
        "Technik",
    )
    .await
    .unwrap();
    calls::submit(&app.state, &ben, handed_in).await.unwrap();
    let lone = calls::start(&app.state, &ada_actor, "icr").await.unwrap();
    let ada = app.signed_in("ada@example.org", "de").await;

    let data = ada.get("/me/data.json").await.json();
    let titles: Vec<&str> = data["submissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Hochvolt-Speicher", ""]);
    assert_eq!(data["submissions"][0]["attachments"][0], "deck.pdf");

    let page = ada.get("/me/delete").await;
    let gone = ada
        .submit(
            &page,
            "form[action='/me/delete']",
            &[("password", convene_tests::PASSWORD)],
        )
        .await;
    assert_eq!(gone.text(".flash"), "Ihr Konto wurde gelöscht.");
    assert_eq!(
        app.count("select count(*) from submission_members where email = 'ada@example.org'")
            .await,
        0
    );
    let left: Vec<i64> = sqlx::query_scalar("select id from submissions order by id")
        .fetch_all(&app.db)
        .await
        .unwrap();
    assert_eq!(left, [handed_in], "the lone draft {} is gone", lone.id);
    assert_eq!(app.count("select count(*) from submission_files").await, 1);
}

/// Team invitations mail an address the inviter typed, so they are limited: one address gets at
/// most three a day however often it is removed and invited again (the page and the API answer
/// 429 and name the wait); renaming a member mails nothing and counts nothing; other addresses
/// still work, and a day later the first does again.
#[tokio::test]
async fn team_invitations_are_limited_per_address() {
    let app = TestApp::spawn().await;
    published_call(&app, "icr").await;
    let ada_id = app.account("ada@example.org", "Ada Lovelace", false).await;
    let ada = app.actor(ada_id).await;
    let sub = calls::start(&app.state, &ada, "icr").await.unwrap();
    for _ in 0..3 {
        let d = calls::invite(&app.state, &ada, sub.id, "ben@example.org", "Ben", "")
            .await
            .unwrap();
        calls::invite(
            &app.state,
            &ada,
            sub.id,
            "BEN@example.org",
            "Ben Becker",
            "Technik",
        )
        .await
        .expect("a rename is not an invitation");
        let ben = d
            .members
            .iter()
            .find(|m| m.email == "ben@example.org")
            .unwrap();
        calls::remove_member(&app.state, &ada, sub.id, ben.id)
            .await
            .unwrap();
    }
    app.drain_outbox().await;
    assert_eq!(app.mail.to("ben@example.org").len(), 3);

    let client = app.signed_in("ada@example.org", "de").await;
    let base = format!("/calls/icr/submissions/{}", sub.id);
    let page = client.get(&base).await;
    let refused = client
        .submit(
            &page,
            &format!("form[action='{base}/members']"),
            &[("email", "ben@example.org"), ("name", "Ben"), ("role", "")],
        )
        .await;
    assert_eq!(refused.status, 429);
    assert!(
        refused
            .text("main")
            .contains("Zu viele Versuche. Bitte warten Sie 24 Stunden"),
        "{}",
        refused.text("main")
    );
    let api = client
        .http
        .post(app.url(&format!("/api/v1/submissions/{}/members", sub.id)))
        .json(&serde_json::json!({"email": "ben@example.org", "name": "Ben", "role": ""}))
        .send()
        .await
        .unwrap();
    assert_eq!(api.status(), 429);
    app.drain_outbox().await;
    assert_eq!(app.mail.to("ben@example.org").len(), 3, "no fourth mail");
    assert_eq!(
        app.count("select count(*) from submission_members where email = 'ben@example.org'")
            .await,
        0
    );

    calls::invite(&app.state, &ada, sub.id, "cem@example.org", "Cem", "")
        .await
        .expect("another address");
    app.clock.advance(Duration::hours(25));
    calls::invite(&app.state, &ada, sub.id, "ben@example.org", "Ben", "")
        .await
        .expect("a day later");
}

/// Organisers decide eligibility for many entries at once from the list: ticked entries, one
/// decision, one reason for all; all or none, every team told; refused batches keep what was
/// ticked and typed and change nothing. The API takes the same decision.
#[tokio::test]
async fn organisers_decide_many_entries_at_once_on_the_list_and_through_the_api() {
    let app = TestApp::spawn().await;
    let olaf = published_call(&app, "icr").await;
    let a = complete_submission(&app, "ada@example.org", "Ada", "25square", "25square GmbH").await;
    let b = complete_submission(&app, "ben@example.org", "Ben", "Hochvolt", "Hochvolt AG").await;
    let c = complete_submission(&app, "cy@example.org", "Cy", "Grubenwärme", "Ruhrwärme eG").await;
    let status_of = |id: i64| {
        let db = app.db.clone();
        async move {
            sqlx::query_scalar::<_, String>("select status from submissions where id = $1")
                .bind(id)
                .fetch_one(&db)
                .await
                .unwrap()
        }
    };
    let mails =
        || app.count("select count(*) from outbox where body_text like '%Kein Bezug zur Region%'");
    english(&app, "orga@example.org").await;
    let orga = app.signed_in("orga@example.org", "en").await;
    let list = orga.get("/orga/calls/icr/submissions").await;
    assert_eq!(list.status, 200);
    assert_eq!(
        list.attr(&format!("#select-{a}"), "aria-label").as_deref(),
        Some("Select “25square”")
    );
    let csrf = list.attr("input[name=csrf_token]", "value").unwrap();
    let action = list.attr("form#bulk", "action").unwrap();

    // Nothing ticked; then "not eligible" without a reason: refused, nothing changes.
    let none = orga
        .post_form(
            &action,
            &[
                ("csrf_token", &csrf),
                ("action", "ineligible"),
                ("reason", "x"),
            ],
        )
        .await;
    assert_eq!(none.status, 422);
    assert_eq!(
        none.text("#submissions-error"),
        "Select at least one submission in the list."
    );
    let (sa, sb) = (a.to_string(), b.to_string());
    let no_reason = orga
        .post_form(
            &action,
            &[
                ("csrf_token", &csrf),
                ("submissions", &sa),
                ("submissions", &sb),
                ("action", "ineligible"),
                ("reason", " "),
            ],
        )
        .await;
    assert_eq!(no_reason.status, 422);
    assert!(
        no_reason.text("#reason-error").contains("Say why"),
        "{}",
        no_reason.text("main")
    );
    assert_eq!(
        no_reason
            .attr(&format!("#select-{a}"), "checked")
            .as_deref(),
        Some("")
    );
    assert_eq!(no_reason.attr(&format!("#select-{c}"), "checked"), None);
    assert_eq!(status_of(a).await, "submitted");

    // With a reason: both are not eligible, each team is told why.
    let done = orga
        .post_form(
            &action,
            &[
                ("csrf_token", &csrf),
                ("submissions", &sa),
                ("submissions", &sb),
                ("action", "ineligible"),
                ("reason", "Kein Bezug zur Region"),
            ],
        )
        .await;
    assert_eq!(done.status, 200, "{}", done.text("main"));
    assert_eq!(done.text(".flash"), "2 submissions decided.");
    assert_eq!(status_of(a).await, "ineligible");
    assert_eq!(status_of(b).await, "ineligible");
    assert_eq!(status_of(c).await, "submitted");
    assert_eq!(mails().await, 2);

    // Into review before the deadline does not fit: the batch names the entry, nothing moves.
    let sc = c.to_string();
    let early = orga
        .post_form(
            &action,
            &[
                ("csrf_token", &csrf),
                ("submissions", &sc),
                ("action", "in_review"),
                ("reason", ""),
            ],
        )
        .await;
    assert_eq!(early.status, 409);
    assert!(
        early
            .text("#submissions-error")
            .starts_with("“Grubenwärme” cannot take this decision"),
        "{}",
        early.text("main")
    );
    assert_eq!(status_of(c).await, "submitted");

    // The German page says the same.
    sqlx::query("update accounts set language = 'de' where email = 'orga@example.org'")
        .execute(&app.db)
        .await
        .unwrap();
    let de = orga.get("/orga/calls/icr/submissions").await;
    assert_eq!(
        de.text("#submissions-bulk legend"),
        "Entscheidung für die ausgewählten Einreichungen"
    );

    // The API: one decision for a and c; an entry of another call refuses the batch.
    let (_, token) = convene::account::service::create_api_token(&app.state, &olaf, "bulk", None)
        .await
        .unwrap();
    let http = reqwest::Client::new();
    let post = |body: serde_json::Value| {
        http.post(app.url("/api/v1/calls/icr/submissions/decisions"))
            .bearer_auth(&token)
            .json(&body)
            .send()
    };
    let resp = post(serde_json::json!({ "submission_ids": [a, c, 999_999], "action": "eligible" }))
        .await
        .unwrap();
    assert_eq!(resp.status(), 422);
    assert_eq!(status_of(a).await, "ineligible");
    let resp = post(serde_json::json!({ "submission_ids": [a], "action": "winner" }))
        .await
        .unwrap();
    assert_eq!(resp.status(), 422);
    let resp = post(serde_json::json!({ "submission_ids": [a, c], "action": "eligible" }))
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let body: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(body["decided"], 2);
    assert_eq!(status_of(a).await, "submitted");
    let eligible: i64 = sqlx::query_scalar(
        "select count(*) from submissions where eligible_at is not null and id in ($1, $2)",
    )
    .bind(a)
    .bind(c)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(eligible, 2);
}

/// The call's log says in words who changed what and when: a team's edits (naming the fields,
/// not repeating the content), files, submission, the organiser's decision with its reason;
/// filterable, as CSV and through the API, in both languages.
#[tokio::test]
async fn the_call_log_names_who_changed_what_in_words() {
    let app = TestApp::spawn().await;
    let olaf = published_call(&app, "icr").await;
    let a = complete_submission(
        &app,
        "ada@example.org",
        "Ada Lovelace",
        "25square",
        "25square GmbH",
    )
    .await;
    // Ada renames the entry: the log names the field, not the new text.
    let ada_id: i64 = sqlx::query_scalar("select id from accounts where email = 'ada@example.org'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    let ada = app.actor(convene::ids::AccountId(ada_id)).await;
    let d = calls::detail(&app.state, &ada, a).await.unwrap();
    let mut answers = AnswersIn::default();
    answers
        .values
        .insert(question_id(&app).await, vec!["7".into()]);
    let input = SubmissionInput {
        title: "25square Sensornetz".into(),
        category_id: d.sub.category_id,
        summary: d.sub.summary.clone(),
        organisation: d.sub.organisation.clone(),
        website: String::new(),
    };
    calls::save(&app.state, &ada, a, &input, Some(&answers))
        .await
        .unwrap();
    // Saved unchanged: nothing to log.
    calls::save(&app.state, &ada, a, &input, Some(&answers))
        .await
        .unwrap();
    calls::decide(
        &app.state,
        &olaf,
        a,
        &calls::Decision::Ineligible("Kein Bezug zur Region".into()),
    )
    .await
    .unwrap();

    english(&app, "orga@example.org").await;
    let orga = app.signed_in("orga@example.org", "en").await;
    let log = orga.get("/orga/calls/icr/log").await;
    assert_eq!(log.status, 200);
    let edits = log.texts("#log tr[data-action='submission.edit'] .detail");
    assert_eq!(edits[0], "Project title", "{edits:?}");
    assert_eq!(
        edits.len(),
        2,
        "the unchanged save is not logged: {edits:?}"
    );
    assert!(edits[1].contains("Employees"), "{edits:?}");
    let status = log.texts("#log tr[data-action='submission.status'] .detail");
    assert_eq!(status[0], "Submitted → Not eligible: Kein Bezug zur Region");
    assert_eq!(
        log.texts("#log tr[data-action='submission.status'] .what")[0],
        "Status changed"
    );
    assert_eq!(
        log.texts("#log tr[data-action='submission.status'] .about")[0],
        "25square Sensornetz"
    );
    assert!(
        log.text("#log-count").ends_with("page 1 of 1"),
        "{}",
        log.text("#log-count")
    );
    assert!(
        log.texts("#log tr[data-action='call.create']").len() == 1,
        "the call's own lines are there too"
    );
    let jury = orga.get("/orga/calls/icr/log?kind=jury").await;
    assert_eq!(jury.texts("#log tbody tr"), ["No entries yet."]);
    let csv = orga.get("/orga/calls/icr/log.csv?kind=submission").await;
    assert_eq!(csv.status, 200);
    assert!(csv.body.contains("Status changed"), "{}", csv.body);
    assert!(!csv.body.contains("Call created"), "filtered: {}", csv.body);

    sqlx::query("update accounts set language = 'de' where email = 'orga@example.org'")
        .execute(&app.db)
        .await
        .unwrap();
    let de = orga.get("/orga/calls/icr/log").await;
    assert_eq!(
        de.texts("#log tr[data-action='submission.status'] .detail")[0],
        "Eingereicht → Nicht teilnahmeberechtigt: Kein Bezug zur Region"
    );

    let (_, token) = convene::account::service::create_api_token(&app.state, &olaf, "log", None)
        .await
        .unwrap();
    let body: serde_json::Value = reqwest::Client::new()
        .get(app.url("/api/v1/calls/icr/log?kind=submission"))
        .bearer_auth(&token)
        .header("accept-language", "en")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let first = &body["lines"][0];
    assert_eq!(first["action"], "submission.status", "{body}");
    assert_eq!(first["subject"], format!("submission:{a}"));
    assert_eq!(first["actor"], "Olaf Organiser");
    assert!(body["total"].as_i64().unwrap() >= 4, "{body}");
}
