//! Registration forms: ticket types with their own places, custom questions with uploads,
//! consents, the confirmation mail with its attachments, changing answers until the deadline,
//! the organisers' list, decisions and exports — through the pages and the API.

use convene::registration::service::{self as registration, SettingsInput};
use convene_tests::TestApp;
use mail_parser::MimeHeaders;

async fn ids(app: &TestApp, sql: &'static str) -> Vec<i64> {
    sqlx::query_scalar(sql).fetch_all(&app.db).await.unwrap()
}

/// A real PDF of at least `len` bytes (uploads are parsed).
fn pdf(len: usize) -> Vec<u8> {
    convene_tests::pdf_file("Lebenslauf", len)
}

/// The organiser builds a form with two ticket types and five questions through the pages; Ada
/// gets every mistake named at its field (her typing kept, no file stored), then registers with a
/// PDF and receives the confirmation with the event's .ics and her QR code; she changes an answer
/// until the deadline; the organiser finds, moves and exports registrations.
#[tokio::test]
async fn a_registration_form_with_tickets_questions_and_uploads_works_end_to_end() {
    let app = TestApp::spawn().await;
    let olaf = app.organiser_and_event("cmr-2026").await;
    let input = SettingsInput {
        closes_at: "2026-11-05T18:00".into(),
        ..Default::default()
    };
    registration::configure(&app.state, &olaf, "cmr-2026", &input)
        .await
        .unwrap();
    let orga = app.signed_in("orga@example.org", "de").await;

    // Ticket types: a mistake first, then on-site with one place and online without a limit.
    let builder = orga.get("/orga/events/cmr-2026/registration-form").await;
    let bad = orga
        .submit(
            &builder,
            "form[action$='/ticket-types']",
            &[("name_de", "Vor Ort")],
        )
        .await;
    assert_eq!(bad.status, 422);
    assert_eq!(
        bad.text("#name_en-error"),
        "Bitte füllen Sie dieses Feld aus."
    );
    for (de, en, cap) in [("Vor Ort", "On site", "1"), ("Online", "Online", "")] {
        let page = orga.get("/orga/events/cmr-2026/registration-form").await;
        let saved = orga
            .submit(
                &page,
                "form[action$='/ticket-types']",
                &[("name_de", de), ("name_en", en), ("capacity", cap)],
            )
            .await;
        assert_eq!(saved.text(".flash"), "Gespeichert.");
    }
    let tickets = ids(&app, "select id from ticket_types order by position").await;
    let (on_site, online) = (tickets[0].to_string(), tickets[1].to_string());

    // Questions, one of them only for people on site.
    let questions: [&[(&str, &str)]; 5] = [
        &[
            ("kind", "text"),
            ("label_de", "Firma"),
            ("label_en", "Company"),
            ("required", "true"),
        ],
        &[
            ("kind", "single_choice"),
            ("label_de", "Essen"),
            ("label_en", "Food"),
            (
                "options",
                "Vegetarisch | Vegetarian\nVegan\nAlles | Anything",
            ),
            ("required", "true"),
            ("ticket_types", &on_site),
        ],
        &[
            ("kind", "file"),
            ("label_de", "Lebenslauf"),
            ("label_en", "CV"),
            ("max_mb", "1"),
        ],
        &[
            ("kind", "country"),
            ("label_de", "Land"),
            ("label_en", "Country"),
        ],
        &[
            ("kind", "consent"),
            ("label_de", "Ich habe den Datenschutzhinweis gelesen."),
            ("label_en", "I have read the privacy notice."),
            ("required", "true"),
        ],
    ];
    for fields in questions {
        let page = orga.get("/orga/events/cmr-2026/registration-form").await;
        let saved = orga
            .submit(&page, "form[action$='/questions']", fields)
            .await;
        assert_eq!(saved.status, 200, "{}", saved.text(".error-summary"));
    }
    let q = ids(
        &app,
        "select id from registration_questions order by position",
    )
    .await;
    let [company, food, cv, country, consent] =
        [q[0], q[1], q[2], q[3], q[4]].map(|id| format!("q{id}"));

    // Ada's first attempt: no food, no consent, a "PDF" that is a GIF.
    app.account("ada@example.org", "Ada Lovelace", false).await;
    let ada = app.signed_in("ada@example.org", "de").await;
    let form = ada.get("/events/cmr-2026/register").await;
    assert_eq!(form.texts("input[name=ticket_type_id]").len(), 2);
    let refused = ada
        .submit_multipart(
            &form,
            "form.stack",
            &[
                ("ticket_type_id", &on_site),
                (&company, "Ruhr Robotics GmbH"),
            ],
            &[(&cv, "cv.pdf", b"GIF89a not a pdf".to_vec())],
        )
        .await;
    assert_eq!(refused.status, 422);
    assert_eq!(
        refused.text(&format!("#{food}-error")),
        "Bitte füllen Sie dieses Feld aus."
    );
    assert_eq!(
        refused.text(&format!("#{cv}-error")),
        "Es werden nur PDF-, PNG- und JPEG-Dateien angenommen; diese Datei ist keins davon."
    );
    assert_eq!(
        refused.text(&format!("#{consent}-error")),
        "Bitte setzen Sie hier einen Haken, um sich anzumelden."
    );
    assert_eq!(
        refused.attr(&format!("#{company}"), "value").as_deref(),
        Some("Ruhr Robotics GmbH"),
        "what she typed is kept"
    );
    // A PDF header in front of an executable is no PDF: the file is parsed, not just sniffed.
    let fake = ada
        .submit_multipart(
            &form,
            "form.stack",
            &[
                ("ticket_type_id", &on_site),
                (&company, "Ruhr Robotics GmbH"),
                (&food, "0"),
                (&consent, "on"),
            ],
            &[(&cv, "cv.pdf", convene_tests::fake_pdf(4096))],
        )
        .await;
    assert_eq!(fake.status, 422);
    assert_eq!(
        fake.text(&format!("#{cv}-error")),
        "Diese Datei gibt sich als PDF aus, lässt sich aber nicht als PDF lesen (beschädigt oder \
         etwas anderes). Bitte laden Sie ein gültiges PDF hoch."
    );
    // Too large: refused before anything is stored.
    let too_large = ada
        .submit_multipart(
            &form,
            "form.stack",
            &[
                ("ticket_type_id", &on_site),
                (&company, "Ruhr Robotics GmbH"),
                (&food, "0"),
                (&consent, "on"),
            ],
            &[(&cv, "cv.pdf", pdf(1024 * 1024 + 1))],
        )
        .await;
    assert_eq!(
        too_large.text(&format!("#{cv}-error")),
        "Die Datei ist größer als 1 MB. Bitte laden Sie eine kleinere hoch."
    );
    assert_eq!(app.count("select count(*) from uploads").await, 0);
    assert_eq!(app.count("select count(*) from registrations").await, 0);

    let done = ada
        .submit_multipart(
            &form,
            "form.stack",
            &[
                ("ticket_type_id", &on_site),
                (&company, "Ruhr Robotics GmbH"),
                (&food, "0"),
                (&country, "DE"),
                (&consent, "on"),
            ],
            &[(&cv, "Lebenslauf Ada.pdf", pdf(2000))],
        )
        .await;
    assert_eq!(
        done.text(".flash"),
        "Sie sind zur Veranstaltung angemeldet; Ihr Platz ist bestätigt."
    );
    assert!(done.url.ends_with("/events/cmr-2026/registration"));
    assert_eq!(done.text("#registration strong"), "bestätigt");
    let code = done.text("#personal-code");
    assert!(code.len() >= 20, "an unguessable code: {code}");
    assert!(done.body.contains("<svg"), "the QR code is on the page");
    let answers = done.texts("dl.summary dd");
    assert!(answers.contains(&"Vegetarisch".to_string()), "{answers:?}");
    assert!(answers.contains(&"Deutschland".to_string()), "{answers:?}");
    // Switched to English, her German account reads her answers in English too.
    let english = ada.get("/lang/en?next=/events/cmr-2026/registration").await;
    let answers = english.texts("dl.summary dd");
    for expected in ["Vegetarian", "Germany", "given"] {
        assert!(answers.contains(&expected.to_string()), "{answers:?}");
    }
    ada.get("/lang/de?next=/").await;
    let file_url = done.attr("dl.summary dd a", "href").unwrap();
    let file = ada.http.get(ada.url(&file_url)).send().await.unwrap();
    assert_eq!(file.headers()["content-type"], "application/pdf");
    assert!(
        file.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment;")
    );
    assert_eq!(file.bytes().await.unwrap().len(), 2000);
    // Nobody else may fetch it.
    app.account("eve@example.org", "Eve", false).await;
    let eve = app.signed_in("eve@example.org", "de").await;
    assert_eq!(eve.get(&file_url).await.status, 404);

    app.drain_outbox().await;
    // The confirmation: the code, the event as .ics and the QR code as PNG.
    let mail = app.mail.nth_to("ada@example.org", 1);
    assert_eq!(mail.subject, "Ihre Anmeldung: Clusters meet Regions NRW");
    assert!(mail.text.contains(&code), "{}", mail.text);
    let parsed = mail_parser::MessageParser::default()
        .parse(&mail.raw)
        .unwrap();
    let attachments: Vec<(String, Vec<u8>)> = parsed
        .attachments()
        .map(|a| {
            (
                a.attachment_name().unwrap_or_default().to_string(),
                a.contents().to_vec(),
            )
        })
        .collect();
    assert_eq!(
        attachments.len(),
        2,
        "{:?}",
        attachments.iter().map(|a| &a.0).collect::<Vec<_>>()
    );
    let ics = String::from_utf8(attachments[0].1.clone()).unwrap();
    assert_eq!(attachments[0].0, "cmr-2026.ics");
    assert!(
        ics.contains("BEGIN:VEVENT") && ics.contains("SUMMARY:Clusters meet Regions NRW"),
        "{ics}"
    );
    let parsed_ics = ical::IcalParser::new(ics.as_bytes())
        .next()
        .unwrap()
        .unwrap();
    assert_eq!(parsed_ics.events.len(), 1);
    assert_eq!(attachments[1].0, "qr-code.png");
    assert!(attachments[1].1.starts_with(b"\x89PNG\r\n\x1a\n"));

    // On-site has one place: Ben waits, Cem online gets a place at once.
    for (email, name, ticket) in [
        ("ben@example.org", "Ben Becker", &on_site),
        ("cem@example.org", "Cem Çelik", &online),
    ] {
        app.account(email, name, false).await;
        let c = app.signed_in(email, "de").await;
        let f = c.get("/events/cmr-2026/register").await;
        let mut fields = vec![
            ("ticket_type_id", ticket.as_str()),
            (company.as_str(), "Emschergenossenschaft"),
            (consent.as_str(), "on"),
        ];
        if ticket == &on_site {
            fields.push((food.as_str(), "1"));
        }
        c.submit_multipart(&f, "form.stack", &fields, &[]).await;
    }
    let st: Vec<String> = sqlx::query_scalar("select status from registrations order by id")
        .fetch_all(&app.db)
        .await
        .unwrap();
    assert_eq!(st, ["confirmed", "waitlisted", "confirmed"]);

    // Ada changes her company; her file stays.
    let mine = ada.get("/events/cmr-2026/registration").await;
    assert!(
        mine.body.contains(
            "Sie können Ihre Angaben bis Donnerstag, 5. November 2026, 18:00 MEZ ändern."
        )
    );
    let changed = ada
        .submit_multipart(
            &mine,
            "form[action$='/answers']",
            &[(&company, "Ruhr Robotics AG")],
            &[],
        )
        .await;
    assert_eq!(
        changed.text(".flash"),
        "Ihre Angaben wurden gespeichert.",
        "{} {} {}",
        changed.status,
        changed.url,
        changed.text("main")
    );
    assert!(
        changed
            .texts("dl.summary dd")
            .contains(&"Ruhr Robotics AG".to_string())
    );
    assert_eq!(app.count("select count(*) from uploads").await, 1);

    // The organiser's list: search, filter, move, export.
    let by_answer = orga
        .get("/orga/events/cmr-2026/registrations?q=robotics")
        .await;
    assert_eq!(
        by_answer.texts("#registrations tbody td:first-child"),
        ["Ada Lovelace"]
    );
    // A ticket type people hold cannot be deleted; an unused one can.
    let builder = orga.get("/orga/events/cmr-2026/registration-form").await;
    let in_use = orga
        .submit(
            &builder,
            &format!("form[action$='/ticket-types/{on_site}/delete']"),
            &[],
        )
        .await;
    assert_eq!(in_use.status, 409);
    let extra = orga
        .submit(
            &builder,
            "form[action$='/ticket-types']",
            &[("name_de", "Nur Tag 1"), ("name_en", "Day 1 only")],
        )
        .await;
    let extra_id = ids(&app, "select id from ticket_types order by id desc").await[0];
    let deleted = orga
        .submit(
            &extra,
            &format!("form[action$='/ticket-types/{extra_id}/delete']"),
            &[],
        )
        .await;
    assert_eq!(deleted.text(".flash"), "Gelöscht.");
    assert_eq!(app.count("select count(*) from ticket_types").await, 2);
    let found = orga
        .get("/orga/events/cmr-2026/registrations?q=LOVELACE")
        .await;
    assert_eq!(
        found.texts("#registrations tbody td:first-child"),
        ["Ada Lovelace"]
    );
    let waiting = orga
        .get("/orga/events/cmr-2026/registrations?status=waitlisted")
        .await;
    assert_eq!(
        waiting.texts("#registrations tbody td:first-child"),
        ["Ben Becker"]
    );
    let ben_id = ids(&app, "select r.id from registrations r join accounts a on a.id = r.account_id where a.email = 'ben@example.org'").await[0];
    let detail = orga
        .get(&format!("/orga/events/cmr-2026/registrations/{ben_id}"))
        .await;
    let moved = orga
        .submit(&detail, "form.stack", &[("ticket_type_id", &online)])
        .await;
    assert_eq!(
        moved.text(".flash"),
        "Die Anmeldung wurde geändert und die Person informiert."
    );
    app.drain_outbox().await;
    assert_eq!(
        app.mail.nth_to("ben@example.org", 2).subject,
        "Ein Platz ist für Sie frei: Clusters meet Regions NRW",
        "online has room, so Ben is offered a place"
    );

    let csv = orga
        .http
        .get(orga.url("/orga/events/cmr-2026/registrations.csv"))
        .send()
        .await
        .unwrap();
    assert_eq!(csv.headers()["content-type"], "text/csv; charset=utf-8");
    let bytes = csv.bytes().await.unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "a BOM for Excel");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert!(
        lines[0].starts_with("Nr.;Name;E-Mail;Organisation;Status;Ticketart;Angemeldet am;Eingecheckt am;Firma;Essen;Lebenslauf;Land;"),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].contains(";Ada Lovelace;ada@example.org;")
            && lines[1]
                .contains(";Ruhr Robotics AG;Vegetarisch;Lebenslauf Ada.pdf;Deutschland;erteilt"),
        "{}",
        lines[1]
    );
    assert!(text.contains("Cem Çelik"), "UTF-8 survives");
    let json: serde_json::Value = orga
        .http
        .get(orga.url("/orga/events/cmr-2026/registrations.json?status=confirmed"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(json.as_array().unwrap().len(), 2);
    // Participants cannot export.
    assert_eq!(
        ada.get("/orga/events/cmr-2026/registrations.csv")
            .await
            .status,
        403
    );

    // After the deadline the answers stay as they are.
    app.clock.advance(chrono::Duration::days(5));
    let late = ada.get("/events/cmr-2026/registration").await;
    assert!(late.texts("form[action$='/answers']").is_empty());
    let token = late.attr("input[name=csrf_token]", "value").unwrap();
    let refused = ada
        .post_form(
            "/events/cmr-2026/registration/answers",
            &[("csrf_token", &token), (&company, "Anders")],
        )
        .await;
    assert_eq!(refused.status, 409);
    assert!(
        refused
            .text("main")
            .contains("Die Angaben können nicht mehr geändert werden.")
    );
}

/// Through the API: the form, registering with answers and a Base64 file, approval, rejection,
/// and the organisers' rules (participants may not decide or list).
#[tokio::test]
async fn the_api_registers_with_answers_and_organisers_approve_or_reject() {
    let app = TestApp::spawn().await;
    let olaf = app.organiser_and_event("cmr-2026").await;
    let input = SettingsInput {
        capacity: Some(10),
        approval_required: true,
        ..Default::default()
    };
    registration::configure(&app.state, &olaf, "cmr-2026", &input)
        .await
        .unwrap();
    let question = convene::registration::form::QuestionInput {
        kind: "file".into(),
        label_de: "Pitch-Deck".into(),
        label_en: "Pitch deck".into(),
        required: true,
        ..Default::default()
    };
    let qid = registration::add_question(&app.state, &olaf, "cmr-2026", &question)
        .await
        .unwrap();
    app.account("ada@example.org", "Ada Lovelace", false).await;
    app.account("ben@example.org", "Ben Becker", false).await;
    let ada = app.signed_in("ada@example.org", "en").await;
    let ben = app.signed_in("ben@example.org", "en").await;
    let orga = app.signed_in("orga@example.org", "en").await;
    let url = app.url("/api/v1/events/cmr-2026/registration");

    let form: serde_json::Value = ada
        .http
        .get(app.url("/api/v1/events/cmr-2026/registration-form"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(form["questions"][0]["kind"], "file");

    let missing = ada
        .http
        .post(&url)
        .json(&serde_json::json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 422);
    let problem: serde_json::Value = missing.json().await.unwrap();
    assert_eq!(
        problem["fields"][format!("q{qid}")][0],
        "Bitte füllen Sie dieses Feld aus."
    );

    use base64::Engine;
    let fake = base64::engine::general_purpose::STANDARD.encode(convene_tests::fake_pdf(600));
    let refused = ada
        .http
        .post(&url)
        .json(&serde_json::json!({"answers": {qid.to_string(): {"filename": "deck.pdf", "content_base64": fake}}}))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 422);
    let problem: serde_json::Value = refused.json().await.unwrap();
    assert_eq!(
        problem["fields"][format!("q{qid}")][0],
        "Diese Datei gibt sich als PDF aus, lässt sich aber nicht als PDF lesen (beschädigt oder \
         etwas anderes). Bitte laden Sie ein gültiges PDF hoch.",
        "{problem}"
    );
    assert_eq!(app.count("select count(*) from uploads").await, 0);
    let deck = base64::engine::general_purpose::STANDARD.encode(pdf(500));
    let body = serde_json::json!({"answers": {qid.to_string(): {"filename": "deck.pdf", "content_base64": deck}}});
    let pending: serde_json::Value = ada
        .http
        .post(&url)
        .json(&body)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(pending["status"], "pending");
    assert!(pending["code"].is_null(), "no code before confirmation");
    let bens: serde_json::Value = ben
        .http
        .post(&url)
        .json(&body)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();

    let decide = |id: &serde_json::Value| {
        app.url(&format!(
            "/api/v1/events/cmr-2026/registrations/{id}/decision"
        ))
    };
    let forbidden = ada
        .http
        .post(decide(&pending["id"]))
        .json(&serde_json::json!({"action": "approve"}))
        .send()
        .await
        .unwrap();
    assert_eq!(forbidden.status(), 403);
    assert_eq!(
        ada.http
            .get(app.url("/api/v1/events/cmr-2026/registrations"))
            .send()
            .await
            .unwrap()
            .status(),
        403
    );

    let approved: serde_json::Value = orga
        .http
        .post(decide(&pending["id"]))
        .json(&serde_json::json!({"action": "approve"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(approved["status"], "confirmed");
    assert!(approved["code"].as_str().is_some_and(|c| !c.is_empty()));
    // A ticket type with another decision than a move would be ignored: it is refused.
    let stray = orga
        .http
        .post(decide(&bens["id"]))
        .json(&serde_json::json!({"action": "reject", "ticket_type_id": 1}))
        .send()
        .await
        .unwrap();
    assert_eq!(stray.status(), 422);
    let problem: serde_json::Value = stray.json().await.unwrap();
    assert!(problem["fields"]["ticket_type_id"].is_array(), "{problem}");
    let rejected: serde_json::Value = orga
        .http
        .post(decide(&bens["id"]))
        .json(&serde_json::json!({"action": "reject"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(rejected["status"], "rejected");
    app.drain_outbox().await;
    assert_eq!(
        app.mail.nth_to("ben@example.org", 2).subject,
        "Anmeldung nicht angenommen: Clusters meet Regions NRW"
    );
    let twice = orga
        .http
        .post(decide(&pending["id"]))
        .json(&serde_json::json!({"action": "approve"}))
        .send()
        .await
        .unwrap();
    assert_eq!(twice.status(), 409);

    let list: serde_json::Value = orga
        .http
        .get(app.url("/api/v1/events/cmr-2026/registrations?status=confirmed"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["name"], "Ada Lovelace");
    assert_eq!(
        list[0]["answers"][0],
        serde_json::json!(["Pitch-Deck", "deck.pdf"])
    );
}

/// An organiser gives a number question a range on the form builder (accounts speak German
/// here); a participant's answer
/// outside it is refused at its field (the form says the range), one inside is kept. A range
/// the wrong way round, or a typed limit that is no number, is refused, not dropped.
#[tokio::test]
async fn number_questions_keep_the_range_their_organiser_gave() {
    let app = TestApp::spawn().await;
    let olaf = app.organiser_and_event("cmr-2026").await;
    registration::configure(&app.state, &olaf, "cmr-2026", &SettingsInput::default())
        .await
        .unwrap();
    let orga = app.signed_in("orga@example.org", "en").await;
    let question = |min: &'static str, max: &'static str| {
        [
            ("kind", "number"),
            ("label_de", "Beschäftigte"),
            ("label_en", "Employees"),
            ("number_min", min),
            ("number_max", max),
        ]
    };
    let builder = orga.get("/orga/events/cmr-2026/registration-form").await;
    let wrong = orga
        .submit(
            &builder,
            "form[action$='/questions']",
            &question("250", "1"),
        )
        .await;
    assert_eq!(wrong.status, 422);
    assert_eq!(
        wrong.text("#number_max-error"),
        "Der größte Wert darf nicht kleiner als der kleinste sein."
    );
    let no_number = orga
        .submit(
            &builder,
            "form[action$='/questions']",
            &question("eins", ""),
        )
        .await;
    assert_eq!(no_number.status, 422);
    let bad_mb = orga
        .submit(
            &builder,
            "form[action$='/questions']",
            &[
                ("kind", "file"),
                ("label_de", "CV"),
                ("label_en", "CV"),
                ("max_mb", "zehn"),
            ],
        )
        .await;
    assert_eq!(bad_mb.status, 422, "a size that is no number is refused");
    assert_eq!(
        app.count("select count(*) from registration_questions")
            .await,
        0
    );
    let saved = orga
        .submit(
            &builder,
            "form[action$='/questions']",
            &question("1", "249"),
        )
        .await;
    assert_eq!(saved.status, 200, "{}", saved.text(".error-summary"));
    let id: i64 = sqlx::query_scalar("select id from registration_questions")
        .fetch_one(&app.db)
        .await
        .unwrap();

    app.account("ada@example.org", "Ada Lovelace", false).await;
    let ada = app.signed_in("ada@example.org", "en").await;
    let form = ada.get("/events/cmr-2026/register").await;
    assert!(
        form.body.contains("Eine Zahl von 1 bis 249."),
        "{}",
        form.body
    );
    let field = format!("q{id}");
    let refused = ada
        .submit_multipart(&form, "form.stack", &[(field.as_str(), "250")], &[])
        .await;
    assert_eq!(refused.status, 422);
    assert_eq!(
        refused.text(&format!("#{field}-error")),
        "Diese Zahl ist zu groß: höchstens 249."
    );
    assert_eq!(app.count("select count(*) from registrations").await, 0);
    let kept = ada
        .submit_multipart(&form, "form.stack", &[(field.as_str(), "42")], &[])
        .await;
    assert!(kept.status < 400, "{}", kept.status);
    let api: serde_json::Value = ada
        .http
        .get(app.url("/api/v1/events/cmr-2026/registration-form"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        (
            &api["questions"][0]["number_min"],
            &api["questions"][0]["number_max"]
        ),
        (&serde_json::json!(1.0), &serde_json::json!(249.0))
    );
}

/// A refused registration form says which field each problem is at, and every link of its
/// summary lands on an element of the page (radio groups included); hints and errors are tied
/// to their fields.
#[tokio::test]
async fn the_error_summary_names_each_field_and_leads_to_it() {
    use convene::registration::form::QuestionInput;
    use convene::registration::service::TicketInput;
    let app = TestApp::spawn().await;
    let olaf = app.organiser_and_event("cmr-2026").await;
    registration::configure(&app.state, &olaf, "cmr-2026", &SettingsInput::default())
        .await
        .unwrap();
    for name in ["Vor Ort", "Online"] {
        let ticket = TicketInput {
            name_de: name.into(),
            name_en: name.into(),
            capacity: None,
        };
        registration::add_ticket(&app.state, &olaf, "cmr-2026", &ticket)
            .await
            .unwrap();
    }
    for (kind, label, options, help) in [
        ("text", "Firma", "", "Wie auf dem Namensschild"),
        (
            "single_choice",
            "Essen",
            "Vegetarisch | Vegetarian\nVegan | Vegan",
            "",
        ),
    ] {
        let q = QuestionInput {
            kind: kind.into(),
            label_de: label.into(),
            label_en: label.into(),
            help_de: help.into(),
            help_en: help.into(),
            options: options.into(),
            required: true,
            ..Default::default()
        };
        registration::add_question(&app.state, &olaf, "cmr-2026", &q)
            .await
            .unwrap();
    }
    app.account("ada@example.org", "Ada Lovelace", false).await;
    let ada = app.signed_in("ada@example.org", "de").await;
    let form = ada.get("/events/cmr-2026/register").await;
    let refused = ada.submit_multipart(&form, "form.stack", &[], &[]).await;
    assert_eq!(refused.status, 422);
    let summary = refused.texts(".error-summary li");
    assert_eq!(
        summary,
        [
            "Ticketart: Bitte füllen Sie dieses Feld aus.",
            "Firma: Bitte füllen Sie dieses Feld aus.",
            "Essen: Bitte füllen Sie dieses Feld aus."
        ]
    );
    let html = refused.html();
    for href in refused
        .html()
        .select(&scraper::Selector::parse(".error-summary a").unwrap())
        .filter_map(|a| a.value().attr("href").map(String::from))
    {
        let id = href.trim_start_matches('#');
        let target = scraper::Selector::parse(&format!("[id='{id}']")).unwrap();
        assert!(
            html.select(&target).next().is_some(),
            "{href} lands nowhere"
        );
    }
    let ids = ids(
        &app,
        "select id from registration_questions order by position",
    )
    .await;
    let (company, food) = (format!("q{}", ids[0]), format!("q{}", ids[1]));
    assert_eq!(
        refused
            .attr(&format!("#{company}"), "aria-describedby")
            .as_deref(),
        Some(format!("{company}-hint {company}-error").as_str())
    );
    assert_eq!(
        refused
            .attr(&format!("fieldset#{food}"), "aria-describedby")
            .as_deref(),
        Some(format!("{food}-error").as_str())
    );
    assert_eq!(
        refused
            .attr("fieldset#ticket_type_id", "aria-describedby")
            .as_deref(),
        Some("ticket_type_id-error")
    );
}
