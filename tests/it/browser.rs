//! In a real headless Chromium: sign up, confirm the e-mailed link, sign in, switch language.

use convene_tests::TestApp;
use convene_tests::browser::Browser;
use fantoccini::Locator;

/// A person does the whole first visit in a real browser, German first, then switches to English.
#[tokio::test]
async fn a_person_signs_up_confirms_signs_in_and_switches_language_in_chromium() {
    let app = TestApp::spawn().await;
    let Some(browser) = Browser::launch("de-DE,de").await else {
        return;
    };
    let c = &browser.client;
    let type_into = |id: &'static str, text: &'static str| async move {
        c.find(Locator::Id(id))
            .await
            .unwrap()
            .send_keys(text)
            .await
            .unwrap();
    };
    let click = |css: &'static str| async move {
        c.find(Locator::Css(css))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
    };

    c.goto(&app.url("/")).await.unwrap();
    browser
        .expect_text(
            "h1",
            "Veranstaltungen und Innovationswettbewerbe an einem Ort",
        )
        .await;

    click(".account-nav a[href='/signup']").await;
    browser.expect_text("h1", "Konto anlegen").await;
    type_into("name", "Lena Schäfer").await;
    type_into("email", "lena.schaefer@example.org").await;
    type_into("organisation", "Greentech.Ruhr").await;
    type_into("password", "ein sicheres passwort").await;
    click("form[action='/signup'] button[type=submit]").await;
    browser
        .expect_text("h1", "Bitte prüfen Sie Ihre E-Mails")
        .await;

    app.drain_outbox().await;
    let link = app
        .mail
        .nth_to("lena.schaefer@example.org", 1)
        .link(&app.base_url);
    c.goto(&link).await.unwrap();
    browser
        .expect_text(
            ".flash",
            "Danke, Ihre E-Mail-Adresse ist bestätigt. Sie können sich jetzt einloggen.",
        )
        .await;

    type_into("email", "lena.schaefer@example.org").await;
    type_into("password", "ein sicheres passwort").await;
    click("form[action='/signin'] button[type=submit]").await;
    browser.expect_text("h1", "Mein Profil").await;
    browser
        .expect_text(".account-nav a", "Eingeloggt als Lena Schäfer")
        .await;

    click(".lang-switch a[hreflang='en']").await;
    browser.expect_text("h1", "My profile").await;
    c.goto(&app.url("/")).await.unwrap();
    browser
        .expect_text("h1", "Events and innovation calls in one place")
        .await;

    browser.close().await;
}

/// In Chromium: a participant fills the registration form with a real file upload and a consent,
/// sees their QR code; at the door the code is typed and accepted; the organiser's live counts
/// update without a reload.
#[tokio::test]
async fn a_participant_registers_with_an_upload_and_is_checked_in_in_chromium() {
    use convene::registration::service::{self as registration, SettingsInput};
    let app = TestApp::spawn().await;
    let olaf = app.organiser_and_event("cmr-2026").await;
    registration::configure(&app.state, &olaf, "cmr-2026", &SettingsInput::default())
        .await
        .unwrap();
    for q in [
        convene::registration::form::QuestionInput {
            kind: "file".into(),
            label_de: "Lebenslauf".into(),
            label_en: "CV".into(),
            required: true,
            ..Default::default()
        },
        convene::registration::form::QuestionInput {
            kind: "consent".into(),
            label_de: "Ich habe den Datenschutzhinweis gelesen.".into(),
            label_en: "I have read the privacy notice.".into(),
            required: true,
            ..Default::default()
        },
    ] {
        registration::add_question(&app.state, &olaf, "cmr-2026", &q)
            .await
            .unwrap();
    }
    let mut tickets = Vec::new();
    for (de, en) in [("Vor Ort", "On site"), ("Online", "Online")] {
        let t = registration::TicketInput {
            name_de: de.into(),
            name_en: en.into(),
            capacity: None,
        };
        tickets.push(
            registration::add_ticket(&app.state, &olaf, "cmr-2026", &t)
                .await
                .unwrap(),
        );
    }
    let food = convene::registration::form::QuestionInput {
        kind: "text".into(),
        label_de: "Essenswunsch".into(),
        label_en: "Food".into(),
        required: true,
        ticket_types: vec![tickets[0]],
        ..Default::default()
    };
    registration::add_question(&app.state, &olaf, "cmr-2026", &food)
        .await
        .unwrap();
    app.account("ada@example.org", "Ada Lovelace", false).await;
    let Some(browser) = Browser::launch("de-DE,de").await else {
        return;
    };
    let c = &browser.client;
    let dir = tempfile::tempdir().unwrap();
    let cv = dir.path().join("Lebenslauf.pdf");
    std::fs::write(&cv, convene_tests::pdf_file("Lebenslauf", 0)).unwrap();

    browser
        .sign_in(
            &app.url("/signin?next=/events/cmr-2026/register"),
            "ada@example.org",
        )
        .await;
    browser
        .expect_text("h1", "Anmelden – Clusters meet Regions NRW")
        .await;

    // The food question is for people on site only: choosing online hides it.
    let food_box = c
        .find(Locator::Css(".question[data-tickets]"))
        .await
        .unwrap();
    assert!(food_box.is_displayed().await.unwrap());
    c.find(Locator::Css(&format!("label[for='ticket-{}']", tickets[1])))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    assert!(!food_box.is_displayed().await.unwrap(), "hidden for online");

    // Without the consent the form comes back with the error at the box.
    c.find(Locator::Css("input[type=file]"))
        .await
        .unwrap()
        .send_keys(cv.to_str().unwrap())
        .await
        .unwrap();
    c.find(Locator::Css("form.stack button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    browser
        .expect_text(
            ".field-error",
            "Bitte setzen Sie hier einen Haken, um sich anzumelden.",
        )
        .await;
    // On a small phone the box keeps its size beside its long label, and the error stands on a
    // line of its own above them.
    c.set_window_size(320, 700).await.unwrap();
    let consent = c
        .execute(
            "const box = document.querySelector('.question .checkbox input[type=checkbox]').getBoundingClientRect();\
             const error = document.querySelector('.question .checkbox .field-error').getBoundingClientRect();\
             return [box.width >= 20, error.bottom <= box.top];",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(consent, serde_json::json!([true, true]));
    c.find(Locator::Css("input[type=file]"))
        .await
        .unwrap()
        .send_keys(cv.to_str().unwrap())
        .await
        .unwrap();
    c.find(Locator::Css(".question .checkbox label"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.find(Locator::Css("form.stack button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    browser
        .expect_text(
            ".flash",
            "Sie sind zur Veranstaltung angemeldet; Ihr Platz ist bestätigt.",
        )
        .await;
    browser
        .expect_text("#registration strong", "bestätigt")
        .await;
    assert!(
        c.find(Locator::Css("figure.qr svg")).await.is_ok(),
        "the QR code is shown"
    );
    let code = c
        .find(Locator::Id("personal-code"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(app.count("select count(*) from uploads").await, 1);

    // The organiser watches the live counts while the door checks Ada in.
    c.delete_all_cookies().await.unwrap();
    browser
        .sign_in(
            &app.url("/signin?next=/orga/events/cmr-2026/registrations"),
            "orga@example.org",
        )
        .await;
    browser.expect_text("[data-count=checked_in]", "0").await;
    let door = app.signed_in("orga@example.org", "de").await;
    let page = door.get("/events/cmr-2026/checkin").await;
    let result = door
        .submit(&page, "#checkin-form", &[("code", &code)])
        .await;
    assert_eq!(result.text(".checkin-message"), "Gültig: eingecheckt.");
    browser.expect_text("[data-count=checked_in]", "1").await;

    browser.close().await;
}

/// An applicant sees the live countdown, drafts a submission with the abstract counter, attaches
/// a pitch deck and submits, in English.
#[tokio::test]
async fn an_applicant_drafts_attaches_and_submits_in_chromium() {
    use convene::call::model::CallInput;
    let app = TestApp::spawn().await;
    let olaf = app.organiser("orga@example.org", "Olaf Organiser").await;
    let olaf = app.actor(olaf).await;
    // The browser counts down with the real clock; the deadline lies three days ahead of it
    // (and well ahead of the server's fixed test clock).
    let deadline = (chrono::Utc::now() + chrono::Duration::days(3)).to_rfc3339();
    let input = CallInput {
        slug: "icr".into(),
        title_de: "InnovationCall Metropole Ruhr".into(),
        title_en: "InnovationCall Ruhr".into(),
        opens_at: "2026-10-01T09:00".into(),
        deadline,
        abstract_max: Some(200),
        file_required: true,
        categories: "Wasserstoff | Hydrogen".into(),
        ..Default::default()
    };
    convene::call::service::create(&app.state, &olaf, &input)
        .await
        .unwrap();
    convene::call::service::set_published(&app.state, &olaf, "icr", true, false)
        .await
        .unwrap();
    app.account("ada@example.org", "Ada Lovelace", false).await;
    sqlx::query("update accounts set language = 'en' where email = 'ada@example.org'")
        .execute(&app.db)
        .await
        .unwrap();
    let Some(browser) = Browser::launch("en-GB,en").await else {
        return;
    };
    let c = &browser.client;
    let dir = tempfile::tempdir().unwrap();
    let deck = dir.path().join("pitch-deck.pdf");
    std::fs::write(&deck, convene_tests::pdf_file("Pitch deck", 0)).unwrap();
    let click = |css: &'static str| async move {
        c.find(Locator::Css(css))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
    };
    let type_into = |id: &'static str, text: &'static str| async move {
        c.find(Locator::Id(id))
            .await
            .unwrap()
            .send_keys(text)
            .await
            .unwrap();
    };

    browser
        .sign_in(&app.url("/signin?next=/calls/icr"), "ada@example.org")
        .await;
    browser.expect_text("h1", "InnovationCall Ruhr").await;

    // The server renders the countdown from its own clock; the script keeps it current.
    let mut shown = String::new();
    for _ in 0..100 {
        shown = c
            .find(Locator::Css(".countdown"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        if shown.ends_with("minutes") || shown.ends_with("minute") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(
        shown.starts_with("2 days, 23 hours") || shown.starts_with("3 days, 0 hours"),
        "{shown}"
    );

    click("form[action='/calls/icr/submissions'] button").await;
    browser.expect_text(".badge", "Draft").await;
    type_into("title", "25square").await;
    type_into("abstract", "Sensors warn of heavy rain.").await;
    browser.expect_text("#abstract + .hint", "27 / 200").await;
    type_into("organisation", "25square GmbH").await;
    c.find(Locator::Css("#category_id option:nth-child(2)"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    click("form.stack button[type=submit]").await;
    browser.expect_text(".flash", "Saved.").await;
    browser.expect_text("#missing li", "Attachments").await;

    c.find(Locator::Id("file"))
        .await
        .unwrap()
        .send_keys(deck.to_str().unwrap())
        .await
        .unwrap();
    type_into("label", "Pitch deck").await;
    click("form[action$='/files'] button").await;
    browser
        .expect_text(".flash", "The file has been attached.")
        .await;
    browser.expect_text("ul.files a", "pitch-deck.pdf").await;

    click("form[action$='/submit'] button").await;
    browser
        .expect_text(
            ".flash",
            "Submitted. We have sent a confirmation to your team.",
        )
        .await;
    browser.expect_text(".badge", "Submitted").await;
    browser.close().await;
}

/// A juror scores an entry on a phone-sized screen in Chromium: declares no conflict, taps the
/// scale points (no sideways scrolling on a 390 px screen, each point a finger-sized target),
/// and hands in the review, which is stored with every score.
#[tokio::test]
async fn a_juror_scores_an_entry_on_a_phone_in_chromium() {
    use convene::call::model::CallInput;
    use convene::jury::model::{CriterionInput, RoundInput};
    use convene::jury::service;
    let app = TestApp::spawn().await;
    let olaf = app
        .actor(app.organiser("orga@example.org", "Olaf Organiser").await)
        .await;
    // The clock stands at 1 November 2026; the call closed in October.
    convene::call::service::create(
        &app.state,
        &olaf,
        &CallInput {
            slug: "icr".into(),
            title_de: "InnovationCall Metropole Ruhr".into(),
            title_en: "InnovationCall Ruhr".into(),
            opens_at: "2026-09-01T09:00".into(),
            deadline: "2026-10-15T12:00".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let call_id: i64 = sqlx::query_scalar("select id from calls where slug = 'icr'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    let entry: i64 = sqlx::query_scalar(
        "insert into submissions (call_id, status, title, abstract, submitted_at, eligible_at, created_at, updated_at) \
         values ($1, 'in_review', '25square – Starkregen-Sensornetz', 'Sensoren warnen vor Starkregen.', $2, $2, $2, $2) returning id",
    )
    .bind(call_id)
    .bind(app.clock.now())
    .fetch_one(&app.db)
    .await
    .unwrap();
    let lea = app.account("lea@example.org", "Lea Brandt", false).await;
    service::invite_juror(
        &app.state,
        &olaf,
        "icr",
        "lea@example.org",
        "",
        &[],
        convene_frontend::Lang::De,
    )
    .await
    .unwrap();
    let round = service::create_round(
        &app.state,
        &olaf,
        "icr",
        &RoundInput {
            name_de: "Vorauswahl".into(),
            name_en: "Pre-selection".into(),
            kind: "online".into(),
            entrants: "in_review".into(),
            opens_at: "2026-10-20T09:00".into(),
            closes_at: "2026-11-20T09:00".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let mut criteria = Vec::new();
    for (de, en, labels) in [
        (
            "Innovationsgrad",
            "Novelty",
            "0 = nicht neu\n10 = bahnbrechend",
        ),
        ("Umsetzbarkeit", "Feasibility", ""),
    ] {
        let c = service::add_criterion(
            &app.state,
            &olaf,
            "icr",
            round.id,
            &CriterionInput {
                name_de: de.into(),
                name_en: en.into(),
                labels_de: labels.into(),
                weight: Some(1.0),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        criteria.push(c.id);
    }
    service::assign_one(&app.state, &olaf, "icr", round.id, lea.0, entry, "manual")
        .await
        .unwrap();

    let Some(browser) = Browser::launch("de-DE,de").await else {
        return;
    };
    let c = &browser.client;
    c.set_window_size(390, 844).await.unwrap();
    let click = |css: String| async move {
        c.find(Locator::Css(&css))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
    };
    browser
        .sign_in(&app.url("/signin?next=/jury"), "lea@example.org")
        .await;
    browser.expect_text("h1", "Meine Juryarbeit").await;
    click(format!("a[href='/jury/rounds/{}']", round.id)).await;
    browser.expect_text("h1", "Vorauswahl").await;
    click(".jury-entry-title a".into()).await;
    browser
        .expect_text("h1", "25square – Starkregen-Sensornetz")
        .await;
    // The content stays closed until the juror has declared that there is no conflict.
    assert!(c.find(Locator::Css(".entry-abstract")).await.is_err());
    click("form.declare-none button".into()).await;
    browser
        .expect_text(".entry-abstract p", "Sensoren warnen vor Starkregen.")
        .await;
    browser
        .expect_text(".scale-labels li:last-child", "10 = bahnbrechend")
        .await;

    // Nothing on the page is wider than the phone, and a scale point is at least 44 px square.
    let fits = c
        .execute(
            "const p = document.querySelector('.score-point label').getBoundingClientRect();\
             return [document.documentElement.scrollWidth <= window.innerWidth, p.width >= 44 && p.height >= 44];",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(fits, serde_json::json!([true, true]));

    click(format!("label[for='score_{}-8']", criteria[0])).await;
    click(format!("label[for='score_{}-6']", criteria[1])).await;
    c.find(Locator::Id("comment"))
        .await
        .unwrap()
        .send_keys("Überzeugender Praxisbezug.")
        .await
        .unwrap();
    click("button[value='final']".into()).await;
    // Back in the queue, the entry counts as done.
    browser
        .expect_text(".flash", "Ihre Bewertung ist abgegeben.")
        .await;
    browser.expect_text(".jury-status", "Abgegeben").await;
    browser
        .expect_text(".jury-progress-text", "1 von 1 erledigt")
        .await;

    let stored: Vec<(i64, f64)> = sqlx::query_as(
        "select s.criterion_id, s.score from jury_scores s join jury_reviews r on r.id = s.review_id \
         where r.account_id = $1 and r.submission_id = $2 and r.state = 'final' order by s.criterion_id",
    )
    .bind(lea.0)
    .bind(entry)
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert_eq!(stored, vec![(criteria[0], 8.0), (criteria[1], 6.0)]);
    browser.close().await;
}

/// Matchmaking in Chromium. On a phone, a participant finds the meeting request she received,
/// picks one of the free slots as she accepts it and sees the meeting (time and table) on her
/// page, which is never wider than the screen. On a laptop, the organisers' grid of twelve
/// tables scrolls inside its frame while the page keeps the window's width.
#[tokio::test]
async fn a_participant_accepts_a_meeting_on_a_phone_and_the_grid_fits_in_chromium() {
    use crate::matchmaking::{SLUG, arranged, participant};
    use convene::matchmaking::service as mm;
    let app = TestApp::spawn().await;
    let f = arranged(&app, "12", "6").await;
    let (anna, _) = participant(&app, "anna@example.org", "Anna Kowalczyk", "ZENIT e.V.").await;
    let (_, lea_p) = participant(&app, "lea@example.org", "Lea Brandt", "25square GmbH").await;
    let request = mm::send_request(&app.state, &anna, SLUG, lea_p, "Wasserstoff-Kooperation?")
        .await
        .unwrap();

    let Some(browser) = Browser::launch("de-DE,de").await else {
        return;
    };
    let c = &browser.client;
    c.set_window_size(390, 844).await.unwrap();
    browser
        .sign_in(
            &app.url(&format!("/signin?next=/events/{SLUG}/matchmaking")),
            "lea@example.org",
        )
        .await;
    browser
        .expect_text(
            &format!("#request-{} blockquote", request.id),
            "Wasserstoff-Kooperation?",
        )
        .await;
    // The choices: decide automatically, later, or one of the six free slots; she takes the
    // second slot (14:20).
    let pick = c
        .find(Locator::Id(&format!("pick-{}", request.id)))
        .await
        .unwrap();
    let mut options = Vec::new();
    for o in pick.find_all(Locator::Css("option")).await.unwrap() {
        let value = o.attr("value").await.unwrap().unwrap_or_default();
        options.push((value, o.text().await.unwrap()));
    }
    assert_eq!(options.len(), 8, "{options:?}");
    assert_eq!(options[0].0, "auto");
    assert!(options[3].1.contains("14:20"), "{options:?}");
    assert!(
        options[3].0.starts_with(&format!("{}:", f.mm_session)),
        "{options:?}"
    );
    pick.select_by_value(&options[3].0).await.unwrap();
    c.find(Locator::Css(&format!(
        "form[action$='/requests/{}/accept'] button",
        request.id
    )))
    .await
    .unwrap()
    .click()
    .await
    .unwrap();
    browser
        .expect_text(".flash", "Sie haben die Anfrage angenommen.")
        .await;
    let row = c
        .find(Locator::Css("#my-meetings tbody tr"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        row.contains("14:20") && row.contains("Anna Kowalczyk"),
        "{row}"
    );
    let fits = c
        .execute(
            "return document.documentElement.scrollWidth <= window.innerWidth;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(fits, serde_json::json!(true));
    let stored: (String, i64) = sqlx::query_as(
        "select r.status, m.table_no from matchmaking_requests r \
         join matchmaking_meetings m on m.request_id = r.id where r.id = $1",
    )
    .bind(request.id)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(stored.0, "accepted");
    assert!((0..12).contains(&stored.1), "{stored:?}");

    // The organiser, on a laptop: the grid shows the meeting; its twelve table columns scroll
    // inside the frame, not the page.
    c.delete_all_cookies().await.unwrap();
    c.set_window_size(1200, 900).await.unwrap();
    browser
        .sign_in(
            &app.url(&format!(
                "/signin?next=/orga/events/{SLUG}/matchmaking/grid"
            )),
            "orga@example.org",
        )
        .await;
    browser
        .expect_text(".mm-grid-table td a", "Anna Kowalczyk – Lea Brandt")
        .await;
    let widths = c
        .execute(
            "const f = document.querySelector('.mm-grid .table-scroll');\
             return [document.documentElement.scrollWidth <= window.innerWidth, f.scrollWidth > f.clientWidth];",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(widths, serde_json::json!([true, true]));
    browser.close().await;
}

/// In Chromium on a 320 px phone: an event whose German title is one long compound breaks it at
/// its syllables; the page never scrolls sideways.
#[tokio::test]
async fn long_german_words_break_instead_of_widening_a_phone_page_in_chromium() {
    let app = TestApp::spawn().await;
    app.organiser_and_event("cmr-2026").await;
    sqlx::query(
        "update events set title_de = 'Innovationswettbewerbsausschreibungsbekanntmachungsveranstaltung 2026'",
    )
    .execute(&app.db)
    .await
    .unwrap();
    let Some(browser) = Browser::launch("de-DE,de").await else {
        return;
    };
    let c = &browser.client;
    c.set_window_size(320, 700).await.unwrap();
    c.goto(&app.url("/events/cmr-2026")).await.unwrap();
    browser
        .expect_text(
            "h1",
            "Innovationswettbewerbsausschreibungsbekanntmachungsveranstaltung 2026",
        )
        .await;
    let fits = c
        .execute(
            "return document.documentElement.scrollWidth <= window.innerWidth;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(fits, serde_json::json!(true));
    browser.close().await;
}

/// In Chromium: the stage screen of a round being scored follows the jury's progress in place,
/// without reloading the page (its region is fetched again and announced politely).
#[tokio::test]
async fn a_stage_screen_follows_the_jury_without_reloading_in_chromium() {
    use crate::jury_api::{Fx, SLUG};
    let fx = Fx::new().await;
    let round = fx.round(serde_json::json!({})).await;
    let novelty = fx.criterion(round, "Neuheit", 1.0, false).await;
    let lea = fx.juror("lea@example.org", "Lea Brandt").await;
    fx.assign(round, &lea, fx.entries[0]).await;

    let Some(browser) = Browser::launch("de-DE,de").await else {
        return;
    };
    let c = &browser.client;
    let stage = format!("/orga/calls/{SLUG}/jury/rounds/{round}/stage");
    browser
        .sign_in(
            &fx.app.url(&format!("/signin?next={stage}")),
            "orga@example.org",
        )
        .await;
    // The text once the page (or its replaced region) shows it; the element may be swapped
    // between finding and reading it.
    let progress = || async {
        for _ in 0..200 {
            if let Ok(el) = c.find(Locator::Css(".stage-progress")).await
                && let Ok(text) = el.text().await
            {
                return text;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("no stage progress on the page");
    };
    let before = progress().await;
    assert!(before.starts_with("0 von 1"), "{before}");
    // A mark on the page itself: a reload would lose it.
    c.execute("window.stageMark = 1; return true;", vec![])
        .await
        .unwrap();

    fx.open(&lea, round, fx.entries[0]).await;
    fx.final_review(&lea, round, fx.entries[0], &[(novelty, 8.0)], "")
        .await;
    let mut now = before.clone();
    for _ in 0..60 {
        now = progress().await;
        if now != before {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    }
    assert!(now.starts_with("1 von 1"), "the stage still shows {now:?}");
    let same_page = c
        .execute("return window.stageMark === 1;", vec![])
        .await
        .unwrap();
    assert_eq!(same_page, serde_json::json!(true), "the page was reloaded");
    browser.close().await;
}

/// In Chromium on a 390 px phone: the header of a signed-in organiser stays compact (the menu
/// is one line that scrolls sideways within itself), so the page's content starts near the top.
#[tokio::test]
async fn the_phone_header_stays_compact_in_chromium() {
    let app = TestApp::spawn().await;
    app.organiser_and_event("cmr-2026").await;
    let Some(browser) = Browser::launch("de-DE,de").await else {
        return;
    };
    let c = &browser.client;
    c.set_window_size(390, 844).await.unwrap();
    browser
        .sign_in(&app.url("/signin?next=/events"), "orga@example.org")
        .await;
    let measured = c
        .execute(
            "return [document.querySelector('.site-header').getBoundingClientRect().height,\
                     document.documentElement.scrollWidth <= window.innerWidth];",
            vec![],
        )
        .await
        .unwrap();
    let height = measured[0].as_f64().unwrap();
    assert!(height <= 140.0, "the header takes {height} px");
    assert_eq!(
        measured[1],
        serde_json::json!(true),
        "the page scrolls sideways"
    );
    browser.close().await;
}

/// In Chromium on a 320 px phone: the administrators' pages, the team page and the page to ask
/// to organise fit the screen (wide tables scroll in their own box, the page does not).
#[tokio::test]
async fn the_platform_pages_fit_a_phone_in_chromium() {
    let app = TestApp::spawn().await;
    app.account("admin@example.org", "Sabine Admin", true).await;
    let olaf = app.organiser_and_event("cmr-2026").await;
    convene::team::service::invite(
        &app.state,
        &olaf,
        convene::team::service::PlaceKind::Event,
        "cmr-2026",
        "tom.tuerkontrolle-einlassverwaltung@veranstaltungsdienstleistungen.example",
        "Tom Türkontrolle",
        "checkin",
        convene_frontend::Lang::De,
    )
    .await
    .unwrap();
    app.drain_outbox().await;
    let Some(browser) = Browser::launch("de-DE,de").await else {
        return;
    };
    let c = &browser.client;
    c.set_window_size(320, 700).await.unwrap();
    browser
        .sign_in(&app.url("/signin?next=/admin"), "admin@example.org")
        .await;
    browser.expect_text("h1", "Überblick").await;
    for path in [
        "/admin",
        "/admin/requests",
        "/admin/settings",
        "/admin/outbox?state=sent",
        "/admin/log",
        "/orga/events/cmr-2026/team",
        "/orga/events/cmr-2026/log",
        "/orga/request",
    ] {
        c.goto(&app.url(path)).await.unwrap();
        let fits = c
            .execute(
                "return [document.querySelector('h1') !== null,\
                         document.documentElement.scrollWidth <= window.innerWidth];",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(fits, serde_json::json!([true, true]), "{path}");
    }
    browser.close().await;
}
