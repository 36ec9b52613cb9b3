//! A round's own jury: a final judged by other jurors than the pre-selection. Only the panel is
//! assigned (automatically, by hand, by re-staffing), set on the round page or through the API;
//! a juror who already reviewed in the round stays on it.

use serde_json::json;

use crate::jury_api::{Fx, SLUG};

#[tokio::test]
async fn a_round_with_its_own_jury_assigns_only_its_panel() {
    let fx = Fx::new().await;
    let lea = fx.juror("lea@example.org", "Lea Brandt").await;
    let jan = fx.juror("jan@example.org", "Jan Krause").await;
    let tom = fx.juror("tom@example.org", "Tom Weber").await;
    let pre = fx.round(json!({ "per_submission": 2 })).await;
    let finale = fx
        .round(json!({ "name_de": "Finale", "name_en": "Final", "per_submission": 2 }))
        .await;
    let c = fx.criterion(finale, "Pitch", 1.0, false).await;
    let [s0, ..] = fx.entries;

    // Tom and Jan form the final's jury.
    let panel = format!("/calls/{SLUG}/jury/rounds/{finale}/panel");
    let (status, detail) = fx
        .put(
            &fx.orga,
            &panel,
            json!({ "juror_account_ids": [tom.id, jan.id] }),
        )
        .await;
    assert_eq!(status, 200, "{detail}");
    let mut on: Vec<i64> = serde_json::from_value(detail["panel"].clone()).unwrap();
    on.sort_unstable();
    let mut want = vec![tom.id, jan.id];
    want.sort_unstable();
    assert_eq!(on, want);

    // Automatic assignment of the final uses its jury only; the pre-selection everyone.
    let (status, body) = fx
        .post(
            &fx.orga,
            &format!("/calls/{SLUG}/jury/rounds/{finale}/auto-assign"),
            json!({}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let jurors_in = |round: i64| {
        let db = fx.app.db.clone();
        async move {
            let mut ids: Vec<i64> = sqlx::query_scalar(
                "select distinct account_id from jury_assignments where round_id = $1",
            )
            .bind(round)
            .fetch_all(&db)
            .await
            .unwrap();
            ids.sort_unstable();
            ids
        }
    };
    assert_eq!(jurors_in(finale).await, want);
    // By hand: Lea is not on the final's jury, but on the pre-selection's.
    let (status, problem) = fx
        .post(
            &fx.orga,
            &format!("/calls/{SLUG}/jury/rounds/{finale}/assignments"),
            json!({ "juror_account_id": lea.id, "submission_id": s0 }),
        )
        .await;
    assert_eq!(status, 422, "{problem}");
    assert_eq!(
        problem["fields"]["juror"][0],
        "Dieses Jurymitglied gehört nicht zur Jury dieser Runde."
    );
    fx.assign(pre, &lea, s0).await;

    // Tom reviews in the final: he stays on its jury.
    fx.open(&tom, finale, s0).await;
    fx.final_review(&tom, finale, s0, &[(c, 7.0)], "").await;
    let (status, problem) = fx
        .put(&fx.orga, &panel, json!({ "juror_account_ids": [jan.id] }))
        .await;
    assert_eq!(status, 422, "{problem}");
    assert_eq!(jurors_in(finale).await, want, "nothing changed");
    // A juror the call does not have is refused.
    let (status, _) = fx
        .put(&fx.orga, &panel, json!({ "juror_account_ids": [999_999] }))
        .await;
    assert_eq!(status, 422);

    // The page shows the panel and changes it: Lea joins, Jan leaves (his assignments go).
    sqlx::query("update accounts set language = 'en' where id = $1")
        .bind(fx.olaf.id.0)
        .execute(&fx.app.db)
        .await
        .unwrap();
    let client = fx.app.signed_in("orga@example.org", "en").await;
    let page = client
        .get(&format!("/orga/calls/{SLUG}/jury/rounds/{finale}"))
        .await;
    assert_eq!(page.text("#panel-title"), "This round's jury");
    assert_eq!(page.attr(&format!("#panel-{}", lea.id), "checked"), None);
    assert_eq!(
        page.attr(&format!("#panel-{}", tom.id), "checked")
            .as_deref(),
        Some("")
    );
    let csrf = page.attr("input[name=csrf_token]", "value").unwrap();
    let (sl, st) = (lea.id.to_string(), tom.id.to_string());
    let saved = client
        .post_form(
            &format!("/orga/calls/{SLUG}/jury/rounds/{finale}/panel"),
            &[("csrf_token", &csrf), ("jurors", &sl), ("jurors", &st)],
        )
        .await;
    assert_eq!(saved.status, 200, "{}", saved.text("main"));
    let mut now_on: Vec<i64> =
        sqlx::query_scalar("select account_id from jury_round_panels where round_id = $1")
            .bind(finale)
            .fetch_all(&fx.app.db)
            .await
            .unwrap();
    now_on.sort_unstable();
    let mut expect = vec![lea.id, tom.id];
    expect.sort_unstable();
    assert_eq!(now_on, expect);
    assert_eq!(jurors_in(finale).await, vec![tom.id]);
}
