//! The demo jury: a scored, confirmed pre-selection in the decided call (with a declared
//! conflict that kept its juror off the entry), and the open call's live final placed in the
//! pitching session of the demo event.

use convene::jury::service;
use convene_tests::{TestApp, pdf_text, qpdf_check};

#[tokio::test]
async fn the_demo_jury_has_a_scored_pre_selection_and_a_live_final() {
    let app = TestApp::spawn().await;
    convene::seed::load_demo(&app.state).await.unwrap();

    let organiser: i64 =
        sqlx::query_scalar("select id from accounts where email = 'organiser@demo.convene.test'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    let henrik = app.actor(convene::ids::AccountId(organiser)).await;

    let jury = service::jury(&app.state, &henrik, "innovationcall-ruhr-2026")
        .await
        .unwrap();
    assert_eq!(jury.jurors.len(), 4);
    let conflicts: Vec<_> = jury
        .declarations
        .iter()
        .filter(|(d, _)| d.conflict)
        .collect();
    assert_eq!(conflicts.len(), 1);
    assert!(conflicts[0].1.starts_with("Sortwerk"));
    let conflicted = (conflicts[0].0.account_id, conflicts[0].0.submission_id);

    let round = &jury.rounds[0];
    assert!(round.confirmed_at.is_some());
    let view = service::round_view(&app.state, &henrik, "innovationcall-ruhr-2026", round.id)
        .await
        .unwrap();
    // Six entries reached the review; each has three final reviews, none by the conflicted juror.
    assert_eq!(view.entrants.len(), 6);
    assert!(!view.is_assigned(conflicted.0, conflicted.1));
    assert_eq!(view.progress(), (18, 18));
    assert!(
        view.ranking.iter().all(|r| r.reviews == 3),
        "{:?} {:?}",
        view.ranking,
        view.conflicts
    );
    let title = |id: i64| view.entrant(id).unwrap().title.clone();
    assert!(title(view.ranking[0].submission).starts_with("25square"));
    assert!(title(view.ranking[5].submission).starts_with("Digital product passport"));
    assert_eq!(
        app.count("select count(*) from audit_log where action = 'jury.confirm'")
            .await,
        1
    );

    // The results are out: the 25square team reads the jury's notes on its submission page.
    let square = view.ranking[0].submission;
    let jonas = app.client("de");
    let page = jonas.get("/signin").await;
    jonas
        .submit(
            &page,
            "form[action='/signin']",
            &[
                ("email", "jonas.becker@demo.convene.test"),
                ("password", "convene-demo"),
            ],
        )
        .await;
    let mine = jonas
        .get(&format!(
            "/calls/innovationcall-ruhr-2026/submissions/{square}"
        ))
        .await;
    assert_eq!(mine.status, 200);
    let notes = mine.texts(".jury-notes li");
    assert_eq!(notes.len(), 3, "{notes:?}");
    assert!(notes[0].starts_with("Überzeugender Praxisbezug"));

    // The open call: the same jury, a pre-selection to come, and the final during the pitches.
    let open = service::jury(&app.state, &henrik, "innovationcall-ruhr-2027")
        .await
        .unwrap();
    assert_eq!(open.jurors.len(), 4);
    let last = open.rounds.last().unwrap();
    assert_eq!(last.kind, "pitch");
    let session: (String, chrono::DateTime<chrono::Utc>) =
        sqlx::query_as("select title_de, starts_at from agenda_sessions where id = $1")
            .bind(last.session_id.unwrap())
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert!(session.0.starts_with("Pitching Session I"));
    assert_eq!(last.opens_at, session.1);
}

/// The chair's jury report of the decided pre-selection: a real PDF with the ranking, every
/// review and the confirmation, in the reader's language; jurors cannot fetch it.
#[tokio::test]
async fn the_jury_report_is_a_pdf_with_the_ranking_and_every_review() {
    let app = TestApp::spawn().await;
    convene::seed::load_demo(&app.state).await.unwrap();
    let round: i64 = sqlx::query_scalar(
        "select r.id from jury_rounds r join calls c on c.id = r.call_id \
         where c.slug = 'innovationcall-ruhr-2026'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    let path = format!("/orga/calls/innovationcall-ruhr-2026/jury/rounds/{round}/report.pdf");
    // A title the standard fonts' WinAnsi encoding cannot print ("Ł", "ź").
    sqlx::query("update submissions set title = $1 where title like '25square%'")
        .bind("25square – Sensornetz für Łódź")
        .execute(&app.db)
        .await
        .unwrap();

    let orga = app.client("de");
    let page = orga.get("/signin").await;
    orga.submit(
        &page,
        "form[action='/signin']",
        &[
            ("email", "organiser@demo.convene.test"),
            ("password", "convene-demo"),
        ],
    )
    .await;
    let resp = orga.http.get(app.url(&path)).send().await.unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["content-type"], "application/pdf");
    assert!(
        resp.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
    let bytes = resp.bytes().await.unwrap().to_vec();
    assert!(bytes.starts_with(b"%PDF-"));
    assert!(bytes.ends_with(b"%%EOF") || bytes.ends_with(b"%%EOF\n"));
    qpdf_check(&bytes);
    let text = pdf_text(&bytes);
    assert!(text.contains("Jurybericht"), "{text}");
    assert!(text.contains("InnovationCall Metropole Ruhr 2026"));
    assert!(text.contains("Online-Vorauswahl"));
    assert!(text.contains("1. 25square"), "{text}");
    // Set in an embedded font: the name prints as written; the score has a decimal comma.
    assert!(text.contains("25square – Sensornetz für Łódź"), "{text}");
    let fonts = convene_tests::pdf_fonts(&bytes);
    assert!(!fonts.is_empty());
    for f in &fonts {
        assert!(f.embedded && f.subset && f.unicode, "{f:?}");
    }
    let first = ranked_first(&text);
    // The demo round evens out its jurors; the best normalised score lands on the best raw one.
    assert_eq!(first, "1. 25square – Sensornetz für Łódź — 8,83", "{text}");
    assert!(
        text.contains(
            "Ergebnis bestätigt am Mittwoch, 20. Mai 2026, 16:00 MESZ von Henrik Sandberg"
        ),
        "{text}"
    );
    // Eighteen reviews, each with its juror's name.
    assert_eq!(
        text.lines()
            .filter(|l| l.starts_with("Anna Kowalczyk:"))
            .count()
            + text
                .lines()
                .filter(|l| l.starts_with("Prof. Dr. Jörg Halbach:"))
                .count()
            + text
                .lines()
                .filter(|l| l.starts_with("Dr. Lea Brandt:"))
                .count()
            + text
                .lines()
                .filter(|l| l.starts_with("Miriam Osterkamp:"))
                .count(),
        18
    );

    // In English, the decimal point.
    orga.get("/lang/en?next=/").await;
    let english = orga.http.get(app.url(&path)).send().await.unwrap();
    assert_eq!(english.status(), 200);
    let english = pdf_text(&english.bytes().await.unwrap());
    assert!(english.contains("Jury report"), "{english}");
    assert_eq!(
        ranked_first(&english),
        "1. 25square – Sensornetz für Łódź — 8.83",
        "{english}"
    );

    // A juror of the call is not its organiser.
    let juror = app.client("de");
    let page = juror.get("/signin").await;
    juror
        .submit(
            &page,
            "form[action='/signin']",
            &[
                ("email", "lea.brandt@demo.convene.test"),
                ("password", "convene-demo"),
            ],
        )
        .await;
    let refused = juror.get(&path).await;
    assert!([403, 404].contains(&refused.status), "{}", refused.status);
}

/// The first ranking line of a jury report up to its score: "1. <title> — <score>".
fn ranked_first(text: &str) -> String {
    let line = text
        .lines()
        .find(|l| l.starts_with("1. ") && l.contains(" ("))
        .unwrap_or_else(|| panic!("no ranking line in:\n{text}"));
    line.split(" (").next().unwrap().to_string()
}
