//! The demo jury: a scored, confirmed pre-selection in the decided call (with a declared
//! conflict that kept its juror off the entry), and the open call's live final placed in the
//! pitching session of the demo event.

use convene::jury::service;
use convene_tests::TestApp;

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
    let conflicts: Vec<_> = jury.declarations.iter().filter(|(d, _)| d.conflict).collect();
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
    assert!(view.ranking.iter().all(|r| r.reviews == 3), "{:?} {:?}", view.ranking, view.conflicts);
    let title = |id: i64| view.entrant(id).unwrap().title.clone();
    assert!(title(view.ranking[0].submission).starts_with("25square"));
    assert!(title(view.ranking[5].submission).starts_with("Digital product passport"));
    assert_eq!(
        app.count("select count(*) from audit_log where action = 'jury.confirm'")
            .await,
        1
    );

    // The open call: the same jury, a pre-selection to come, and the final during the pitches.
    let open = service::jury(&app.state, &henrik, "innovationcall-ruhr-2027")
        .await
        .unwrap();
    assert_eq!(open.jurors.len(), 4);
    let last = open.rounds.last().unwrap();
    assert_eq!(last.kind, "pitch");
    let session: (String, chrono::DateTime<chrono::Utc>) = sqlx::query_as(
        "select title_de, starts_at from agenda_sessions where id = $1",
    )
    .bind(last.session_id.unwrap())
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert!(session.0.starts_with("Pitching Session I"));
    assert_eq!(last.opens_at, session.1);
}
