//! Jurors with unfinished reviews are reminded once, a day before their round closes; those
//! who are done are left alone.

use convene::call::model::CallInput;
use convene::call::service as calls;
use convene::jury::model::{CriterionInput, ReviewState, RoundInput};
use convene::jury::service::{self, ReviewInput};
use convene_tests::TestApp;

#[tokio::test]
async fn jurors_with_open_reviews_are_reminded_once_before_the_round_closes() {
    let app = TestApp::spawn().await;
    // Set everything up two days before the close, so the app's own reminder worker, which may
    // run at any moment, finds nothing due until the setup is complete.
    app.clock.advance(chrono::Duration::hours(-48));
    let olaf = app
        .actor(app.organiser("orga@example.org", "Olaf Organiser").await)
        .await;
    // The clock stands at 1 November 2026, 09:00 UTC; the call closed in October.
    let call = calls::create(
        &app.state,
        &olaf,
        &CallInput {
            slug: "erinnerung".into(),
            title_de: "InnovationCall Erinnerung".into(),
            title_en: "InnovationCall reminder".into(),
            timezone: "Europe/Berlin".into(),
            opens_at: "2026-09-01T09:00".into(),
            deadline: "2026-10-15T12:00".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let entry: i64 = sqlx::query_scalar(
        "insert into submissions (call_id, status, title, submitted_at, eligible_at, created_at, updated_at) \
         values ($1, 'in_review', 'Grubenwasser-Wärme', $2, $2, $2, $2) returning id",
    )
    .bind(call.id)
    .bind(app.clock.now())
    .fetch_one(&app.db)
    .await
    .unwrap();
    let lea = app.account("lea@example.org", "Lea Brandt", false).await;
    let jan = app.account("jan@example.org", "Jan Krause", false).await;
    for email in ["lea@example.org", "jan@example.org"] {
        service::invite_juror(
            &app.state,
            &olaf,
            "erinnerung",
            email,
            "",
            &[],
            convene_frontend::Lang::De,
        )
        .await
        .unwrap();
    }
    // Closes on 2 November at 08:00 UTC: within a day of now.
    let round = service::create_round(
        &app.state,
        &olaf,
        "erinnerung",
        &RoundInput {
            name_de: "Vorauswahl".into(),
            name_en: "Pre-selection".into(),
            kind: "online".into(),
            entrants: "in_review".into(),
            opens_at: "2026-10-20T09:00".into(),
            closes_at: "2026-11-02T09:00".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let criterion = service::add_criterion(
        &app.state,
        &olaf,
        "erinnerung",
        round.id,
        &CriterionInput {
            name_de: "Neuheit".into(),
            name_en: "Novelty".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    for juror in [lea, jan] {
        service::assign_one(
            &app.state,
            &olaf,
            "erinnerung",
            round.id,
            juror.0,
            entry,
            "manual",
        )
        .await
        .unwrap();
    }
    // Lea finishes her review; Jan does not.
    let lea_actor = app.actor(lea).await;
    service::declare(&app.state, &lea_actor, round.id, entry, false, "")
        .await
        .unwrap();
    service::save_review(
        &app.state,
        &lea_actor,
        round.id,
        entry,
        &ReviewInput {
            scores: vec![(criterion.id, "8".into())],
            state: ReviewState::Final,
            ..Default::default()
        },
        convene_frontend::Lang::De,
    )
    .await
    .unwrap();

    let reminders = |app: &TestApp| {
        let db = app.db.clone();
        async move {
            sqlx::query_as::<_, (String, String)>(
                "select to_address, subject from outbox where subject like 'Erinnerung%' order by id",
            )
            .fetch_all(&db)
            .await
            .unwrap()
        }
    };
    // Two days and still a day and an hour before the close nobody is reminded yet.
    assert_eq!(service::send_reminders(&app.state).await.unwrap(), 0);
    app.clock.advance(chrono::Duration::hours(24));
    assert_eq!(service::send_reminders(&app.state).await.unwrap(), 0);
    app.clock.advance(chrono::Duration::hours(24));

    // Two app servers run the worker at the same moment, and the app's own worker may have run
    // as well: whoever sends it, the round is reminded about exactly once (the outbox below).
    let (a, b) = tokio::join!(
        service::send_reminders(&app.state),
        service::send_reminders(&app.state)
    );
    assert!(a.unwrap() + b.unwrap() <= 1);
    let sent = reminders(&app).await;
    assert_eq!(
        sent,
        [(
            "jan@example.org".to_string(),
            "Erinnerung: 1 offene Bewertung in Vorauswahl".to_string()
        )]
    );
    // Once per round.
    assert_eq!(service::send_reminders(&app.state).await.unwrap(), 0);
    assert_eq!(reminders(&app).await.len(), 1);
}
