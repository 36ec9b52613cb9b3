//! A fair and confidential jury (issue "Calls, jury and certificates", Confidentiality and
//! fairness), through the pages and the API: seeing the others' reviews locks one's own; an
//! organiser who is a juror too sees no scores before handing in; blind rounds name files
//! neutrally; jurors get team names, never e-mail addresses; a conflicted juror's review is
//! shown to nobody; a juror who declares a conflict late is replaced; an organiser on a blind
//! jury cannot read the names through the call's own pages either. The set-up is the API
//! tests' (`jury_api::Fx`).

use convene::jury::service;
use convene_tests::{Client, Page};
use serde_json::{Value, json};

use crate::jury_api::{ENTRIES, Fx, Juror, SLUG, scores_json, two_jurors};

fn csrf(page: &Page) -> String {
    page.attr("input[name='csrf_token']", "value")
        .unwrap_or_else(|| panic!("no CSRF token on {}", page.url))
}

async fn set_language(fx: &Fx, account: i64, lang: &str) {
    sqlx::query("update accounts set language = $1 where id = $2")
        .bind(lang)
        .bind(account)
        .execute(&fx.app.db)
        .await
        .unwrap();
}

async fn others_seen(fx: &Fx, juror: i64, submission: i64) -> bool {
    let seen: Option<String> = sqlx::query_scalar(
        "select cast(others_seen_at as text) from jury_reviews \
         where account_id = $1 and submission_id = $2",
    )
    .bind(juror)
    .bind(submission)
    .fetch_one(&fx.app.db)
    .await
    .unwrap();
    seen.is_some()
}

// --- 1. Seeing the others' reviews locks one's own -----------------------------------------

#[tokio::test]
async fn api_a_juror_who_opened_the_others_reviews_cannot_turn_an_abstention_into_scores() {
    let fx = Fx::new().await;
    let (round, c, lea, jan) = two_jurors(&fx, json!({ "others_scores": "after_own" })).await;
    let sub = fx.entries[0];
    let others_path = format!("/jury/rounds/{round}/entries/{sub}/others");

    // Nothing to open before her own review is handed in.
    let (status, early) = fx.post(&lea.token, &others_path, json!({})).await;
    assert_eq!(
        (status, early["code"].as_str()),
        (409, Some("jury-others-hand-in-first")),
        "{early}"
    );
    assert!(!early.to_string().contains("Jans vertrauliche Notiz"));

    // She abstains: the others stay closed until she asks.
    let (status, abstained) = fx
        .review(
            &lea,
            round,
            sub,
            json!({ "state": "abstained", "abstain_reason": "Nicht mein Fachgebiet" }),
        )
        .await;
    assert_eq!(status, 200, "{abstained}");
    assert!(abstained["others"].is_null(), "{abstained}");
    assert_eq!(abstained["others_available"], true);
    assert!(abstained["locked"].is_null(), "not locked before she looks");
    assert!(!others_seen(&fx, lea.id, sub).await);

    let (status, seen) = fx.post(&lea.token, &others_path, json!({})).await;
    assert_eq!(status, 200, "{seen}");
    assert_eq!(seen["others"][0]["comment"], "Jans vertrauliche Notiz");
    assert_eq!(seen["others_available"], false);
    assert!(
        seen["locked"]
            .as_str()
            .unwrap()
            .contains("Bewertungen der anderen Jurymitglieder"),
        "{seen}"
    );
    assert!(others_seen(&fx, lea.id, sub).await);

    // Now a scored review, a draft, or a new abstention: all refused, nothing changes.
    let before = fx.snapshot().await;
    let scored = json!({ "scores": scores_json(&[(c[0], 10.0), (c[1], 10.0)]), "state": "final" });
    let (status, de) = fx.review(&lea, round, sub, scored.clone()).await;
    assert_eq!(
        (status, de["code"].as_str()),
        (409, Some("jury-review-locked-others-seen")),
        "{de}"
    );
    assert!(
        de["detail"]
            .as_str()
            .unwrap()
            .starts_with("Sie haben die Bewertungen der anderen Jurymitglieder"),
        "{de}"
    );
    set_language(&fx, lea.id, "en").await;
    let (status, en) = fx
        .review(
            &lea,
            round,
            sub,
            json!({ "scores": scores_json(&[(c[0], 1.0)]) }),
        )
        .await;
    assert_eq!(status, 409, "{en}");
    assert!(
        en["detail"]
            .as_str()
            .unwrap()
            .starts_with("You have seen the other jurors' reviews of this entry"),
        "{en}"
    );
    let (status, _) = fx
        .review(
            &lea,
            round,
            sub,
            json!({ "state": "abstained", "abstain_reason": "anders" }),
        )
        .await;
    assert_eq!(status, 409);
    assert_eq!(fx.snapshot().await, before);
    let (_, mine) = fx
        .get(&lea.token, &format!("/jury/rounds/{round}/reviews"))
        .await;
    assert_eq!(mine[0]["state"], "abstained", "{mine}");
    assert_eq!(mine[0]["scores"], json!({}));

    // Jan has not looked: his review stays his to change (until the round locks).
    let (status, _) = fx
        .review(
            &jan,
            round,
            sub,
            json!({ "scores": scores_json(&[(c[1], 4.0)]), "state": "final" }),
        )
        .await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn page_warns_before_the_others_reviews_open_and_locks_the_review_after() {
    let fx = Fx::new().await;
    let (round, c, lea, _) = two_jurors(&fx, json!({ "others_scores": "after_own" })).await;
    let sub = fx.entries[0];
    fx.final_review(&lea, round, sub, &[(c[0], 5.0), (c[1], 5.0)], "Leas Notiz")
        .await;
    let client = fx.app.signed_in("lea@example.org", "de").await;
    let url = format!("/jury/rounds/{round}/entries/{sub}");

    let page = client.get(&url).await;
    assert_eq!(page.status, 200);
    assert_eq!(
        page.text(".others-lock-warning"),
        "Wenn Sie die Bewertungen der anderen öffnen, wird Ihre eigene Bewertung dieses \
         Beitrags gesperrt: Danach können Sie sie nicht mehr ändern, ersetzen oder eine \
         Enthaltung in eine Bewertung umwandeln."
    );
    assert!(page.texts(".other-review").is_empty());
    assert!(!page.body.contains("Jans vertrauliche Notiz"));
    // The review form is still hers.
    assert!(page.text(".jury-locked").is_empty());

    // A post without the CSRF token does nothing.
    let forged = client
        .post_form(&format!("{url}/others"), &[("csrf_token", "forged")])
        .await;
    assert!([400, 403].contains(&forged.status), "{}", forged.status);
    assert!(!others_seen(&fx, lea.id, sub).await);

    let shown = client.submit(&page, "form.open-others", &[]).await;
    assert_eq!(shown.status, 200, "{}", shown.text("main"));
    assert_eq!(shown.texts(".other-comment"), ["Jans vertrauliche Notiz"]);
    assert!(
        shown
            .text(".jury-locked")
            .starts_with("Sie haben die Bewertungen der anderen Jurymitglieder"),
        "{}",
        shown.text(".review")
    );
    assert!(others_seen(&fx, lea.id, sub).await);

    // Posting a new review anyway (the old form): 409 with the reason, nothing changes.
    let before = fx.snapshot().await;
    let field = format!("score_{}", c[0]);
    let refused = client
        .post_form(
            &format!("{url}/review"),
            &[
                ("csrf_token", &csrf(&shown)),
                (field.as_str(), "10"),
                ("action", "final"),
            ],
        )
        .await;
    assert_eq!(refused.status, 409);
    assert!(
        refused
            .text(".jury-alert")
            .starts_with("Sie haben die Bewertungen der anderen Jurymitglieder"),
        "{}",
        refused.text("main")
    );
    assert_eq!(fx.snapshot().await, before);

    // In English.
    set_language(&fx, lea.id, "en").await;
    let en: Client = fx.app.signed_in("lea@example.org", "en").await;
    let page = en.get(&url).await;
    let refused = en
        .post_form(
            &format!("{url}/review"),
            &[
                ("csrf_token", &csrf(&page)),
                ("action", "abstain"),
                ("abstain_reason", "x"),
            ],
        )
        .await;
    assert_eq!(refused.status, 409);
    assert!(
        refused
            .text(".jury-alert")
            .starts_with("You have seen the other jurors' reviews of this entry"),
        "{}",
        refused.text("main")
    );
    assert_eq!(fx.snapshot().await, before);
}

// --- 2. An organiser who is also a juror -----------------------------------------------------

#[tokio::test]
async fn an_organiser_on_the_jury_sees_no_scores_until_their_own_reviews_are_in() {
    let fx = Fx::new().await;
    let lea = fx.juror("lea@example.org", "Lea Brandt").await;
    service::invite_juror(
        &fx.app.state,
        &fx.olaf,
        SLUG,
        "orga@example.org",
        "",
        &[],
        convene_frontend::Lang::De,
    )
    .await
    .unwrap();
    let olaf = Juror {
        id: fx.olaf.id.0,
        token: fx.orga.clone(),
    };
    let round = fx.round(json!({ "names_hidden": true })).await;
    let c = fx.criterion(round, "Neuheit", 1.0, false).await;
    let sub = fx.entries[0];
    for j in [&lea, &olaf] {
        fx.assign(round, j, sub).await;
        fx.open(j, round, sub).await;
    }
    fx.final_review(&lea, round, sub, &[(c, 8.0)], "Leas vertrauliche Notiz")
        .await;
    // Olaf has a draft only.
    let (status, _) = fx
        .review(
            &olaf,
            round,
            sub,
            json!({ "scores": scores_json(&[(c, 2.0)]) }),
        )
        .await;
    assert_eq!(status, 200);

    let base = format!("/calls/{SLUG}/jury/rounds/{round}");
    for path in [base.clone(), format!("{base}/ranking")] {
        let (status, body) = fx.get(&fx.orga, &path).await;
        assert_eq!(status, 403, "{path}: {body}");
        assert_eq!(body["code"], "jury-orga-own-reviews-pending");
        assert!(
            body["detail"]
                .as_str()
                .unwrap()
                .starts_with("Sie sind Jurymitglied in dieser Runde"),
            "{body}"
        );
        for secret in ["Leas vertrauliche Notiz", ENTRIES[0].1] {
            assert!(!body.to_string().contains(secret), "{secret} in {body}");
        }
    }
    set_language(&fx, olaf.id, "en").await;
    let (_, en) = fx.get(&fx.orga, &base).await;
    assert!(
        en["detail"]
            .as_str()
            .unwrap()
            .starts_with("You are a juror in this round"),
        "{en}"
    );

    // The pages: the round, its scores, the stage and the report are closed to him; the
    // jury's overview (with counts only) is not.
    let client = fx.app.signed_in("orga@example.org", "en").await;
    let orga = format!("/orga/calls/{SLUG}/jury");
    for path in [
        format!("{orga}/rounds/{round}"),
        format!("{orga}/rounds/{round}/scores.csv"),
        format!("{orga}/rounds/{round}/stage"),
        format!("{orga}/rounds/{round}/report.pdf"),
    ] {
        let page = client.get(&path).await;
        assert_eq!(page.status, 403, "{path}");
        assert!(
            page.body.contains("You are a juror in this round"),
            "{path}: {}",
            page.body
        );
        assert!(!page.body.contains("Leas vertrauliche Notiz"), "{path}");
        assert!(!page.body.contains(ENTRIES[0].1), "{path}");
    }
    assert_eq!(client.get(&orga).await.status, 200);

    // Once his own review is final, the organiser view is his again, with the rule written.
    fx.final_review(&olaf, round, sub, &[(c, 6.0)], "").await;
    let (status, body) = fx.get(&fx.orga, &base).await;
    assert_eq!(status, 200, "{body}");
    assert!(body.to_string().contains("Leas vertrauliche Notiz"));
    let page = client.get(&format!("{orga}/rounds/{round}")).await;
    assert_eq!(page.status, 200);
    assert_eq!(
        page.text(".juror-rule"),
        "Organisers who are also jurors in this round see its scores, reviews, ranking, report \
         and the applicants' names only once all their own reviews in it are handed in, or the \
         round has closed."
    );
}

#[tokio::test]
async fn an_organiser_on_the_jury_sees_the_scores_once_the_round_is_closed() {
    let fx = Fx::new().await;
    service::invite_juror(
        &fx.app.state,
        &fx.olaf,
        SLUG,
        "orga@example.org",
        "",
        &[],
        convene_frontend::Lang::De,
    )
    .await
    .unwrap();
    let olaf = Juror {
        id: fx.olaf.id.0,
        token: fx.orga.clone(),
    };
    let round = fx.round(json!({})).await;
    fx.assign(round, &olaf, fx.entries[1]).await;
    let base = format!("/calls/{SLUG}/jury/rounds/{round}");
    assert_eq!(fx.get(&fx.orga, &base).await.0, 403);
    let (status, closed) = fx.post(&fx.orga, &format!("{base}/close"), json!({})).await;
    assert_eq!(status, 200, "{closed}");
    let (status, body) = fx.get(&fx.orga, &base).await;
    assert_eq!(status, 200, "{body}");
}

// --- 3. and 4. What jurors see of the files and the team ----------------------------------------

#[tokio::test]
async fn blind_rounds_give_jurors_neutral_file_names_on_pages_and_api() {
    let fx = Fx::new().await;
    let lea = fx.juror("lea@example.org", "Lea Brandt").await;
    let blind = fx.round(json!({ "names_hidden": true })).await;
    let open = fx
        .round(json!({ "names_hidden": false, "name_de": "Offen", "name_en": "Open" }))
        .await;
    let sub = fx.entries[1];
    let file = fx.files[1];
    for round in [blind, open] {
        fx.assign(round, &lea, sub).await;
    }
    fx.open(&lea, blind, sub).await;

    let download = |path: String, token: Option<String>| {
        let http = fx.http.clone();
        let url = fx.app.url(&path);
        async move {
            let mut req = http.get(url);
            if let Some(t) = token {
                req = req.bearer_auth(t);
            }
            let resp = req.send().await.unwrap();
            let status = resp.status().as_u16();
            let disposition = resp
                .headers()
                .get("content-disposition")
                .map(|v| v.to_str().unwrap().to_string())
                .unwrap_or_default();
            (status, disposition, resp.bytes().await.unwrap().to_vec())
        }
    };

    // API: the listing and the download.
    let (_, entry) = fx.entry(&lea, blind, sub).await;
    assert_eq!(
        entry["content"]["attachments"][0]["filename"],
        "Anhang 1.pdf"
    );
    assert!(!entry.to_string().contains("pitch-1"), "{entry}");
    let api_file = |round: i64| format!("/api/v1/jury/rounds/{round}/entries/{sub}/files/{file}");
    let (status, disposition, bytes) = download(api_file(blind), Some(lea.token.clone())).await;
    assert_eq!(status, 200);
    assert!(disposition.contains("Anhang 1.pdf"), "{disposition}");
    assert!(!disposition.contains("pitch-1"), "{disposition}");
    assert_eq!(bytes, b"%PDF-1.7\npitch deck 1\n");
    set_language(&fx, lea.id, "en").await;
    let (_, entry) = fx.entry(&lea, blind, sub).await;
    assert_eq!(
        entry["content"]["attachments"][0]["filename"],
        "Attachment 1.pdf"
    );
    let (_, disposition, _) = download(api_file(blind), Some(lea.token.clone())).await;
    assert!(disposition.contains("Attachment 1.pdf"), "{disposition}");
    // Only for jurors of the entry.
    let tom = fx.juror("tom@example.org", "Tom Weber").await;
    let (status, _, bytes) = download(api_file(blind), Some(tom.token.clone())).await;
    assert_eq!(status, 404);
    assert!(!String::from_utf8_lossy(&bytes).contains("pitch deck"));
    // The control: a round that shows names shows the file's own name.
    let (_, disposition, _) = download(api_file(open), Some(lea.token.clone())).await;
    assert!(disposition.contains("pitch-1.pdf"), "{disposition}");

    // Pages.
    set_language(&fx, lea.id, "de").await;
    let client = fx.app.signed_in("lea@example.org", "de").await;
    let page = client
        .get(&format!("/jury/rounds/{blind}/entries/{sub}"))
        .await;
    assert_eq!(page.texts(".entry-files a"), ["Anhang 1.pdf"]);
    assert!(!page.body.contains("pitch-1"));
    let href = page.attr(".entry-files a", "href").unwrap();
    let resp = client.http.get(client.url(&href)).send().await.unwrap();
    assert_eq!(resp.status(), 200);
    let disposition = resp.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_string();
    // The pages' download names it twice: ASCII (space as `_`) and UTF-8 (percent-encoded).
    assert!(
        disposition.contains("filename*=UTF-8''Anhang%201.pdf"),
        "{disposition}"
    );
    assert!(!disposition.contains("pitch-1"), "{disposition}");
    let page = client
        .get(&format!("/jury/rounds/{open}/entries/{sub}"))
        .await;
    assert_eq!(page.texts(".entry-files a"), ["pitch-1.pdf"]);
}

#[tokio::test]
async fn jurors_get_team_names_and_roles_never_their_email_addresses() {
    let fx = Fx::new().await;
    let lea = fx.juror("lea@example.org", "Lea Brandt").await;
    let round = fx.round(json!({ "names_hidden": false })).await;
    let sub = fx.entries[2];
    let (_, _, _, email, name) = ENTRIES[2];
    fx.assign(round, &lea, sub).await;
    let (status, declared) = fx.declare(&lea, round, sub, false, "").await;
    assert_eq!(status, 200);
    let (_, entry) = fx.entry(&lea, round, sub).await;
    for body in [&declared["entry"], &entry] {
        let member = &body["content"]["members"][0];
        assert_eq!(member["name"], name, "{body}");
        assert_eq!(member["role"], "Geschäftsführung");
        assert!(member.get("email").is_none(), "{member}");
        assert!(!body.to_string().contains(email), "{body}");
    }
    let client = fx.app.signed_in("lea@example.org", "de").await;
    let page = client
        .get(&format!("/jury/rounds/{round}/entries/{sub}"))
        .await;
    assert_eq!(
        page.texts(".entry-team li"),
        [format!("{name} – Geschäftsführung")]
    );
    assert!(!page.body.contains(email));
}

// --- 5. A conflicted juror's review ------------------------------------------------------------

#[tokio::test]
async fn a_conflicted_jurors_review_is_shown_to_no_other_juror() {
    let fx = Fx::new().await;
    let (round, c, lea, jan) = two_jurors(&fx, json!({ "others_scores": "after_close" })).await;
    let sub = fx.entries[0];
    let tom = fx.juror("tom@example.org", "Tom Weber").await;
    let uwe = fx.juror("uwe@example.org", "Uwe Lind").await;
    for (j, note) in [(&tom, "Toms Notiz"), (&uwe, "Uwes Notiz")] {
        fx.assign(round, j, sub).await;
        fx.open(j, round, sub).await;
        fx.final_review(j, round, sub, &[(c[0], 2.0), (c[1], 2.0)], note)
            .await;
    }
    fx.final_review(&lea, round, sub, &[(c[0], 5.0), (c[1], 5.0)], "")
        .await;
    // Jan declares a conflict after his review; Tom joins the applicant's organisation.
    let (status, body) = fx
        .declare(&jan, round, sub, true, "Mein Schwager ist im Team")
        .await;
    assert_eq!(status, 200, "{body}");
    fx.set_organisation(tom.id, ENTRIES[0].1).await;
    let (status, _) = fx
        .post(
            &fx.orga,
            &format!("/calls/{SLUG}/jury/rounds/{round}/close"),
            json!({}),
        )
        .await;
    assert_eq!(status, 200);

    let (_, entry) = fx.entry(&lea, round, sub).await;
    let comments: Vec<&Value> = entry["others"]
        .as_array()
        .expect("others after the close")
        .iter()
        .map(|o| &o["comment"])
        .collect();
    assert_eq!(comments, [&json!("Uwes Notiz")], "{entry}");
    for secret in ["Jans vertrauliche Notiz", "Toms Notiz"] {
        assert!(!entry.to_string().contains(secret), "{secret} in {entry}");
    }
    let client = fx.app.signed_in("lea@example.org", "de").await;
    let page = client
        .get(&format!("/jury/rounds/{round}/entries/{sub}"))
        .await;
    assert_eq!(page.texts(".other-comment"), ["Uwes Notiz"]);
    assert!(!page.body.contains("Jans vertrauliche Notiz"));
    assert!(!page.body.contains("Toms Notiz"));
    // As today, neither is counted: the ranking's reviews are Lea's and Uwe's.
    let (_, ranking) = fx
        .get(
            &fx.orga,
            &format!("/calls/{SLUG}/jury/rounds/{round}/ranking"),
        )
        .await;
    let first = ranking
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["submission_id"] == sub)
        .unwrap();
    assert_eq!(first["reviews"], 2, "{ranking}");
}

/// A conflict declared after assignment does not leave the entry short: another juror who may
/// review it takes the place at once (recorded in the audit log); when nobody is left, the
/// round page lists the entry as short, counting the conflicted juror as no juror.
#[tokio::test]
async fn a_conflict_declared_after_assignment_is_restaffed() {
    let fx = Fx::new().await;
    let lea = fx.juror("lea@example.org", "Lea Brandt").await;
    let jan = fx.juror("jan@example.org", "Jan Krause").await;
    let tom = fx.juror("tom@example.org", "Tom Weber").await;
    let round = fx.round(json!({ "per_submission": 2 })).await;
    fx.criterion(round, "Neuheit", 1.0, false).await;
    let s0 = fx.entries[0];
    fx.assign(round, &lea, s0).await;
    fx.assign(round, &jan, s0).await;
    let assigned = |juror: i64| {
        let db = fx.app.db.clone();
        async move {
            sqlx::query_scalar::<_, String>(
                "select source from jury_assignments \
                 where round_id = $1 and account_id = $2 and submission_id = $3",
            )
            .bind(round)
            .bind(juror)
            .bind(s0)
            .fetch_optional(&db)
            .await
            .unwrap()
        }
    };
    assert_eq!(assigned(tom.id).await, None);

    let (status, body) = fx
        .declare(&lea, round, s0, true, "Ich berate das Team")
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(assigned(tom.id).await.as_deref(), Some("auto"));
    assert_eq!(
        fx.count("select count(*) from audit_log where action = 'jury.assign.restaff'")
            .await,
        1
    );
    let (status, queue) = fx
        .get(&tom.token, &format!("/jury/rounds/{round}/entries"))
        .await;
    assert_eq!(status, 200, "{queue}");
    assert!(
        queue.to_string().contains(ENTRIES[0].0),
        "Tom now reviews the entry: {queue}"
    );

    // Jan withdraws too: nobody is left, and the page says the entry is one juror short.
    let (status, _) = fx.declare(&jan, round, s0, true, "Mein Bruder").await;
    assert_eq!(status, 200);
    assert_eq!(
        fx.count("select count(*) from audit_log where action = 'jury.assign.restaff'")
            .await,
        1
    );
    set_language(&fx, fx.olaf.id.0, "en").await;
    let client = fx.app.signed_in("orga@example.org", "en").await;
    let page = client
        .get(&format!("/orga/calls/{SLUG}/jury/rounds/{round}"))
        .await;
    assert_eq!(page.status, 200);
    let short = page.texts("#short li");
    assert!(
        short.contains(&format!("{} (1 more juror wanted)", ENTRIES[0].0)),
        "{short:?}"
    );
}

/// An organiser with own reviews to hand in in a round that hides the names cannot read the
/// names through the call's own submission pages, files, exports or API either; once the
/// review is in, everything is open again.
#[tokio::test]
async fn an_organiser_on_a_blind_jury_cannot_read_the_names_through_the_calls_pages() {
    let fx = Fx::new().await;
    service::invite_juror(
        &fx.app.state,
        &fx.olaf,
        SLUG,
        "orga@example.org",
        "",
        &[],
        convene_frontend::Lang::De,
    )
    .await
    .unwrap();
    let olaf = Juror {
        id: fx.olaf.id.0,
        token: fx.orga.clone(),
    };
    let round = fx.round(json!({ "names_hidden": true })).await;
    let c = fx.criterion(round, "Neuheit", 1.0, false).await;
    let sub = fx.entries[0];
    fx.assign(round, &olaf, sub).await;
    fx.open(&olaf, round, sub).await;

    set_language(&fx, olaf.id, "en").await;
    let client = fx.app.signed_in("orga@example.org", "en").await;
    let pages = [
        format!("/orga/calls/{SLUG}/submissions"),
        format!("/orga/calls/{SLUG}/submissions/{sub}"),
        format!("/orga/calls/{SLUG}/submissions.csv"),
        format!("/orga/calls/{SLUG}/submissions.json"),
        format!("/orga/calls/{SLUG}/attachments.zip"),
        format!("/calls/{SLUG}/submissions/{sub}/files/{}", fx.files[0]),
    ];
    let api = [
        format!("/calls/{SLUG}/log"),
        format!("/calls/{SLUG}/submissions"),
        format!("/submissions/{sub}"),
        format!("/submissions/{sub}/attachments"),
    ];
    for path in &pages {
        let page = client.get(path).await;
        assert_eq!(page.status, 403, "{path}");
        assert!(
            page.body.contains("You are a juror of this call"),
            "{path}: {}",
            page.body
        );
        assert!(!page.body.contains(ENTRIES[0].1), "{path}");
    }
    for path in &api {
        let (status, body) = fx.get(&fx.orga, path).await;
        assert_eq!(status, 403, "{path}: {body}");
        assert!(!body.to_string().contains(ENTRIES[0].1), "{path}");
    }

    fx.final_review(&olaf, round, sub, &[(c, 6.0)], "").await;
    for path in &pages {
        assert_eq!(client.get(path).await.status, 200, "{path}");
    }
    for path in &api {
        let (status, body) = fx.get(&fx.orga, path).await;
        assert_eq!(status, 200, "{path}: {body}");
    }
}

/// "Same organisation" is decided on organisation records, not on typed text: a spelling of the
/// entry's organisation is a conflict, a colleague (same organisation record) on the team is a
/// conflict, and a name within another ("Aquila" / "Aquila Solar GmbH") waits for an
/// organiser, who confirms it (the juror is replaced) on the page or through the API.
#[tokio::test]
async fn organisations_are_matched_by_record_and_normalised_name_with_organiser_confirmation() {
    let fx = Fx::new().await;
    let [sortwerk, aquila, _] = fx.entries;
    let mia = fx.juror("mia@example.org", "Mia Sommer").await;
    let tom = fx.juror("tom@example.org", "Tom Weber").await;
    let jan = fx.juror("jan@example.org", "Jan Krause").await;
    let lea = fx.juror("lea@example.org", "Lea Brandt").await;
    // Assigned before their organisations are known (assigning a known conflict is refused).
    let round = fx
        .round(json!({ "names_hidden": false, "per_submission": 1 }))
        .await;
    fx.assign(round, &mia, sortwerk).await;
    fx.assign(round, &tom, aquila).await;
    fx.assign(round, &jan, aquila).await;
    // Mia's organisation is written differently from the entry's "Sortwerk GmbH".
    fx.set_organisation(mia.id, "sortwerk").await;
    // Tom works at Ruhr Consult, as does Paul, who started the Aquila entry.
    fx.set_organisation(tom.id, "Ruhr Consult").await;
    let paul: i64 =
        sqlx::query_scalar("select id from accounts where email = 'paul@aquila.example'")
            .fetch_one(&fx.app.db)
            .await
            .unwrap();
    fx.set_organisation(paul, "Ruhr Consult").await;
    // Jan's "Aquila" may or may not be "Aquila Solar GmbH".
    fx.set_organisation(jan.id, "Aquila").await;

    for (juror, sub, code) in [
        (&mia, sortwerk, "jury-conflict-organisation"),
        (&tom, aquila, "jury-conflict-organisation"),
    ] {
        let (status, body) = fx.entry(juror, round, sub).await;
        assert_eq!((status, body["code"].as_str()), (403, Some(code)), "{body}");
    }
    // Jan's possible match is no conflict until decided; the organiser is asked.
    let (status, body) = fx.entry(&jan, round, aquila).await;
    assert_eq!(status, 200, "{body}");
    let (_, jury) = fx.get(&fx.orga, &format!("/calls/{SLUG}/jury")).await;
    assert_eq!(
        jury["possible_conflicts"],
        json!([{
            "submission_id": aquila,
            "juror_account_id": jan.id,
            "juror_organisation": "Aquila",
            "entry_organisation": "Aquila Solar GmbH",
        }])
    );
    let detected: Vec<(i64, i64)> = jury["detected_conflicts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["juror_account_id"].as_i64().unwrap(),
                d["submission_id"].as_i64().unwrap(),
            )
        })
        .collect();
    assert!(detected.contains(&(mia.id, sortwerk)) && detected.contains(&(tom.id, aquila)));

    set_language(&fx, fx.olaf.id.0, "en").await;
    let client = fx.app.signed_in("orga@example.org", "en").await;
    let page = client.get(&format!("/orga/calls/{SLUG}/jury")).await;
    let line = page.text("#possible .possible-match .what");
    assert!(
        line.contains("Jan Krause") && line.contains("„Aquila“ / „Aquila Solar GmbH“"),
        "{line}"
    );
    // Confirmed on the page: Jan is in conflict now, and Lea takes his place.
    let confirmed = client
        .submit(&page, "#possible form", &[("conflict", "true")])
        .await;
    assert_eq!(confirmed.status, 200);
    assert!(confirmed.texts("#possible").is_empty());
    let (status, body) = fx.entry(&jan, round, aquila).await;
    assert_eq!(status, 403, "{body}");
    let lea_assigned: i64 = sqlx::query_scalar(
        "select count(*) from jury_assignments where account_id = $1 and submission_id = $2",
    )
    .bind(lea.id)
    .bind(aquila)
    .fetch_one(&fx.app.db)
    .await
    .unwrap();
    assert_eq!(lea_assigned, 1);
    // Changed mind through the API: different organisations after all.
    let (status, body) = fx
        .put(
            &fx.orga,
            &format!("/calls/{SLUG}/jury/possible-conflicts/{}/{aquila}", jan.id),
            json!({ "conflict": false }),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(fx.entry(&jan, round, aquila).await.0, 200);
    // Nothing to decide for a pair without similar names.
    let (status, _) = fx
        .put(
            &fx.orga,
            &format!(
                "/calls/{SLUG}/jury/possible-conflicts/{}/{sortwerk}",
                lea.id
            ),
            json!({ "conflict": true }),
        )
        .await;
    assert_eq!(status, 404);
}
