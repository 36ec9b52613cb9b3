//! The demo certificates: attendance at the past final of InnovationCall Metropole Ruhr 2026 for
//! everyone checked in there, placement certificates for its winning teams and jury-service
//! certificates, each found by its recipient and verifiable by anyone.

use convene_tests::TestApp;

use crate::certificates::{get_bytes, sound_pdf};

#[tokio::test]
async fn the_demo_has_issued_attendance_placement_and_jury_certificates() {
    let app = TestApp::spawn().await;
    convene::seed::load_demo(&app.state).await.unwrap();

    // Everyone checked in at the final has exactly one attendance certificate, numbered 1…n.
    let checked_in = app
        .count(
            "select count(*) from registrations r join events e on e.id = r.event_id \
             where e.slug = 'innovationcall-ruhr-2026-finale' and r.checked_in_at is not null",
        )
        .await;
    assert!(checked_in >= 10, "{checked_in}");
    let attendance: Vec<(i64, i64)> = sqlx::query_as(
        "select c.serial, c.account_id from certificates c \
         join certificate_templates t on t.id = c.template_id \
         where t.kind = 'attendance' order by c.serial",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert_eq!(attendance.len() as i64, checked_in);
    assert_eq!(
        attendance.iter().map(|(s, _)| *s).collect::<Vec<_>>(),
        (1..=checked_in).collect::<Vec<_>>()
    );
    // Placement: the members of the three winning teams; jury service: the four jurors who
    // finished the pre-selection.
    let per_kind: Vec<(String, i64)> = sqlx::query_as(
        "select t.kind, count(*) from certificates c \
         join certificate_templates t on t.id = c.template_id \
         where t.kind <> 'attendance' group by t.kind order by t.kind",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert_eq!(
        per_kind,
        [("jury".to_string(), 4), ("placement".to_string(), 5)]
    );

    // Jonas Becker (25square, first place) finds both of his, in German.
    let jonas = app.client("de");
    let signin = jonas.get("/signin").await;
    jonas
        .submit(
            &signin,
            "form[action='/signin']",
            &[
                ("email", "jonas.becker@demo.convene.test"),
                ("password", convene::seed::demo_password()),
            ],
        )
        .await;
    let mine = jonas.get("/me/certificates").await;
    assert_eq!(mine.status, 200);
    let text = mine.text("main");
    assert!(text.contains("Teilnahmebescheinigung"), "{text}");
    assert!(text.contains("Urkunde – 1. Platz"), "{text}");
    let award = mine
        .html()
        .select(&scraper::Selector::parse("a[href$='/pdf']").unwrap())
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect::<Vec<_>>();
    assert_eq!(award.len(), 2, "{award:?}");
    let mut found_award = false;
    for href in &award {
        // Without his session cookie nobody gets it: the stranger is sent to sign in.
        let stranger = get_bytes(&app.client_without_redirects("de"), href).await;
        assert_ne!(stranger.status, 200);
        assert!(!stranger.bytes.starts_with(b"%PDF"));
        let pdf = get_bytes(&jonas, href).await;
        assert_eq!(pdf.status, 200);
        assert_eq!(pdf.content_type, "application/pdf");
        let words = sound_pdf(&pdf.bytes);
        assert!(words.contains("Jonas Becker"), "{words}");
        if words.contains("1. Platz") {
            assert!(words.contains("25square"), "{words}");
            assert!(
                words.contains("InnovationCall Metropole Ruhr 2026"),
                "{words}"
            );
            found_award = true;
        }
    }
    assert!(found_award);

    // Anyone verifies his award by the code printed on it, in English.
    let code: String = sqlx::query_scalar(
        "select c.code from certificates c join certificate_templates t on t.id = c.template_id \
         join accounts a on a.id = c.account_id \
         where t.kind = 'placement' and a.email = 'jonas.becker@demo.convene.test'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    let verify = app.client("en").get(&format!("/verify/{code}")).await;
    assert_eq!(verify.status, 200);
    assert_eq!(
        verify.text("#verify-result h2"),
        "This certificate is genuine."
    );
    assert_eq!(
        verify.text("#certificate .recipient"),
        "Jonas Becker, Okeanos"
    );
    assert!(verify.text("#certificate .for").contains("1st place"));
}
