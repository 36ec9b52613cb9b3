//! The organisers' dashboards: an event's registrations, fill, check-ins and to-dos, and a call's
//! submissions and jury scores, as charts with text alternatives and tables, and through the API.

use chrono::Duration;
use convene::registration::checkin::Target;
use convene::registration::service::{self as registration, SettingsInput};
use convene_tests::TestApp;

use crate::agenda::session;

/// Every chart is an image with a title and a description, and its numbers are in a table.
fn assert_accessible_charts(page: &convene_tests::Page) {
    let html = page.html();
    let charts = scraper::Selector::parse("svg.chart").unwrap();
    let mut seen = 0;
    for svg in html.select(&charts) {
        seen += 1;
        let id = svg.value().attr("id").unwrap();
        assert_eq!(svg.value().attr("role"), Some("img"));
        assert_eq!(
            svg.value().attr("aria-labelledby"),
            Some(format!("{id}-title {id}-desc").as_str())
        );
        let title = scraper::Selector::parse(&format!("title#{id}-title")).unwrap();
        assert!(
            svg.select(&title).next().is_some_and(|t| !t
                .text()
                .collect::<String>()
                .trim()
                .is_empty()),
            "chart {id} has a title"
        );
        let table = scraper::Selector::parse(&format!("#{id}-caption")).unwrap();
        assert!(
            html.select(&table).next().is_some(),
            "chart {id} has a data table"
        );
    }
    assert!(seen >= 4, "only {seen} charts");
}

/// Two places, three people: two confirmed, one on the waiting list; one checked in on the first
/// morning. The dashboard counts them per day in the event's time zone, names the open to-dos
/// with links, and gives the same numbers through the API; participants cannot open it.
#[tokio::test]
async fn the_event_dashboard_counts_registrations_check_ins_and_to_dos() {
    let app = TestApp::spawn().await;
    let olaf = app.organiser_and_event("cmr-2026").await;
    registration::configure(
        &app.state,
        &olaf,
        "cmr-2026",
        &SettingsInput {
            capacity: Some(2),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let mut codes = Vec::new();
    for (email, name) in [
        ("ada@example.org", "Ada Lovelace"),
        ("ben@example.org", "Ben Becker"),
        ("cem@example.org", "Cem Çelik"),
    ] {
        let actor = app.actor(app.account(email, name, false).await).await;
        let (r, _) = registration::register(&app.state, &actor, "cmr-2026", &Default::default())
            .await
            .unwrap();
        codes.push(r.code);
        app.clock.advance(Duration::days(1));
    }
    // Two panels at the same time in the same room: a clash, and two unpublished drafts.
    let saal = app.room(&olaf, "cmr-2026", "Saal").await;
    for title in ["Panel A", "Panel B"] {
        app.session(
            &olaf,
            "cmr-2026",
            &session(title, "2026-11-08", "10:00", "11:00", &saal),
        )
        .await;
    }
    // The doors open on 8 November at 08:00 in Düsseldorf (07:00 UTC); Ada arrives at 08:20.
    let now = app.clock.now();
    let arrive = chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 11, 8, 7, 20, 0).unwrap();
    app.clock.advance(arrive - now);
    convene::registration::checkin::check_in(
        &app.state,
        &olaf,
        "cmr-2026",
        &Target::Code(codes[0].clone()),
        None,
    )
    .await
    .unwrap();

    let de = app.signed_in("orga@example.org", "de").await;
    // The organiser's list of events leads to the dashboard, the event's landing page.
    let list = de.get("/orga/events").await;
    let url = list.attr("main td a", "href").unwrap();
    assert_eq!(url, "/orga/events/cmr-2026/dashboard");
    let page = de.get(&url).await;
    assert_eq!(page.status, 200, "{}", page.text("main"));
    assert_accessible_charts(&page);
    let tiles = page.texts(".counts div");
    assert!(
        tiles.iter().any(|t| t.contains("Vergebene Plätze")
            && t.contains("2")
            && t.contains("von 2 Plätzen")),
        "{tiles:?}"
    );
    assert!(
        tiles
            .iter()
            .any(|t| t.contains("Eingecheckt") && t.contains("von 2 bestätigten")),
        "{tiles:?}"
    );
    assert!(
        tiles
            .iter()
            .any(|t| t.contains("Nicht erschienen") && t.contains("50 %")),
        "{tiles:?}"
    );
    let todos = page.texts(".todos li");
    assert_eq!(
        todos,
        [
            "1 Überschneidung im Programm",
            "2 Programmpunkte im Entwurf, noch nicht veröffentlicht"
        ],
    );
    assert_eq!(
        page.attr(".todos a", "href").as_deref(),
        Some("/orga/events/cmr-2026/agenda")
    );
    // The growth table, newest day first: three received by 3 November, all three still active.
    let rows = page.texts("#growth-caption ~ tbody tr");
    assert_eq!(
        rows.first().map(String::as_str),
        Some("8.11. 3 3"),
        "{rows:?}"
    );
    assert!(rows.contains(&"2.11. 2 2".to_string()), "{rows:?}");
    assert_eq!(
        rows.last().map(String::as_str),
        Some("1.11. 1 1"),
        "{rows:?}"
    );
    let hours = page.texts("#checkins-caption ~ tbody tr");
    assert_eq!(hours, ["08:00 1"]);
    // The chart's text alternative says what the line shows.
    assert!(
        page.text("#growth-desc")
            .contains("3 Anmeldungen eingegangen")
    );
    assert!(
        page.body.contains("Kapazität 2"),
        "the capacity line is labelled"
    );

    // Olaf reads English (signed-in people read their account's language).
    sqlx::query("update accounts set language = 'en' where email = 'orga@example.org'")
        .execute(&app.db)
        .await
        .unwrap();
    let en = app.signed_in("orga@example.org", "en").await;
    let page = en.get("/orga/events/cmr-2026/dashboard").await;
    assert_eq!(page.status, 200);
    assert!(page.text("h1").starts_with("Dashboard: "));
    assert!(
        page.texts(".todos li")
            .contains(&"1 clash in the agenda".to_string())
    );
    assert!(
        page.text("#statuses-desc")
            .contains("on the waiting list: 1")
    );

    let api = en.get("/api/v1/events/cmr-2026/dashboard").await;
    assert_eq!(api.status, 200, "{}", api.body);
    let json = api.json();
    let status = |key: &str| {
        json["by_status"]
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["key"] == key)
            .unwrap()["count"]
            .clone()
    };
    assert_eq!(status("confirmed"), 2);
    assert_eq!(status("waitlisted"), 1);
    assert_eq!(json["capacity"], 2);
    assert_eq!(json["checked_in"], 1);
    assert_eq!(json["no_show_rate"], 0.5);
    assert_eq!(json["checkins_by_hour"][0]["hour"], "2026-11-08T08:00:00");
    assert_eq!(json["todos"]["agenda_clashes"], 1);
    assert_eq!(json["todos"]["unpublished_sessions"], 2);
    let days = json["over_time"].as_array().unwrap();
    assert_eq!(days.first().unwrap()["day"], "2026-11-01");
    assert_eq!(days.last().unwrap()["received"], 3);

    // A participant opens neither the page nor the API.
    let ada = app.signed_in("ada@example.org", "de").await;
    assert_eq!(ada.get("/orga/events/cmr-2026/dashboard").await.status, 403);
    assert_eq!(
        ada.get("/api/v1/events/cmr-2026/dashboard").await.status,
        403
    );
}

/// The demo call: its pre-selection was scored by three jurors per entry. The dashboard shows the
/// review progress per juror, every criterion's scores (median, quartiles, one count per whole
/// score) and the entries handed in, in both languages and through the API.
#[tokio::test]
async fn the_call_dashboard_shows_jury_progress_and_score_distributions() {
    let app = TestApp::spawn().await;
    convene::seed::load_demo(&app.state).await.unwrap();
    let organiser: i64 =
        sqlx::query_scalar("select id from accounts where email = 'organiser@demo.convene.test'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    let henrik = app.actor(convene::ids::AccountId(organiser)).await;
    let d = convene::dashboard::service::call(&app.state, &henrik, "innovationcall-ruhr-2026")
        .await
        .unwrap();
    let round = &d.rounds[0];
    assert!(!round.withheld);
    assert_eq!((round.done, round.assigned), (18, 18));
    assert_eq!(round.jurors.iter().map(|j| j.done).sum::<usize>(), 18);
    assert!(!round.criteria.is_empty());
    let (lo, hi) = round.scale;
    for c in &round.criteria {
        assert_eq!(c.count, 18, "{}", c.name_en);
        assert_eq!(c.histogram.iter().map(|(_, k)| k).sum::<usize>(), 18);
        let q = c.quartiles.unwrap();
        assert!(
            lo as f64 <= q.min
                && q.min <= q.q1
                && q.q1 <= q.median
                && q.median <= q.q3
                && q.q3 <= q.max
                && q.max <= hi as f64
        );
    }
    let handed_in: i64 = sqlx::query_scalar(
        "select count(*) from submissions s join calls c on c.id = s.call_id \
         where c.slug = 'innovationcall-ruhr-2026' and s.status not in ('draft', 'withdrawn')",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(d.eligibility.1, handed_in);
    assert_eq!(
        d.over_time.last().unwrap().1,
        handed_in,
        "every entry handed in is on the line"
    );

    for (lang, heading, scores) in [
        ("de", "Übersicht: ", "Punkte je Kriterium"),
        ("en", "Dashboard: ", "Scores per criterion"),
    ] {
        sqlx::query(
            "update accounts set language = $1 where email = 'organiser@demo.convene.test'",
        )
        .bind(lang)
        .execute(&app.db)
        .await
        .unwrap();
        let client = app.client(lang);
        let page = client.get("/signin").await;
        client
            .submit(
                &page,
                "form[action='/signin']",
                &[
                    ("email", "organiser@demo.convene.test"),
                    ("password", "convene-demo"),
                ],
            )
            .await;
        let page = client
            .get("/orga/calls/innovationcall-ruhr-2026/dashboard")
            .await;
        assert_eq!(page.status, 200, "{}", page.text("main"));
        assert!(page.text("h1").starts_with(heading), "{}", page.text("h1"));
        assert_accessible_charts(&page);
        assert!(page.texts("h3").contains(&scores.to_string()));
        let rows = page.texts(&format!("#round-{}-scores-caption ~ tbody tr", round.id));
        assert_eq!(rows.len(), round.criteria.len());

        let api = client
            .get("/api/v1/calls/innovationcall-ruhr-2026/dashboard")
            .await;
        assert_eq!(api.status, 200, "{}", api.body);
        let json = api.json();
        assert_eq!(json["handed_in"], handed_in);
        assert_eq!(json["rounds"][0]["done"], 18);
        assert_eq!(
            json["rounds"][0]["criteria"][0]["median"].as_f64(),
            round.criteria[0].quartiles.map(|q| q.median)
        );
    }
}

/// The dashboard works a round out from counts and sums in SQL, not from its reviews; it must
/// still agree with the round's organiser view, which reads every review: a draft is not done,
/// an abstention is done but not scored, a conflict declared after the review was handed in
/// makes the assignment done and takes the review out of the ranking, and normalised
/// disagreements are the ranking's own.
#[tokio::test]
async fn the_call_dashboard_agrees_with_the_round_view_it_no_longer_reads() {
    let app = TestApp::spawn().await;
    convene::seed::load_demo(&app.state).await.unwrap();
    let organiser: i64 =
        sqlx::query_scalar("select id from accounts where email = 'organiser@demo.convene.test'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    let henrik = app.actor(convene::ids::AccountId(organiser)).await;
    let slug = "innovationcall-ruhr-2026";
    let d = convene::dashboard::service::call(&app.state, &henrik, slug)
        .await
        .unwrap();
    let round_id = d.rounds[0].id;
    sqlx::query("update jury_rounds set normalise = true, disagreement = 0 where id = $1")
        .bind(round_id)
        .execute(&app.db)
        .await
        .unwrap();
    let reviews: Vec<(i64, i64, i64)> = sqlx::query_as(
        "select id, account_id, submission_id from jury_reviews \
         where round_id = $1 and state = 'final' order by id",
    )
    .bind(round_id)
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert!(reviews.len() >= 3, "{reviews:?}");
    for (state, (id, _, _)) in ["draft", "abstained"].iter().zip(&reviews) {
        sqlx::query("update jury_reviews set state = $1 where id = $2")
            .bind(state)
            .bind(id)
            .execute(&app.db)
            .await
            .unwrap();
    }
    // The conflict on another entry than the draft and the abstention, which keeps two reviews.
    let (_, juror, submission) = *reviews
        .iter()
        .find(|(_, _, s)| *s != reviews[0].2 && *s != reviews[1].2)
        .unwrap();
    // The juror had declared no conflict before scoring; they now declare one (at the latest
    // when the chair confirmed the round, so that its ranking counts it).
    sqlx::query("delete from jury_declarations where submission_id = $1 and account_id = $2")
        .bind(submission)
        .bind(juror)
        .execute(&app.db)
        .await
        .unwrap();
    sqlx::query(
        "insert into jury_declarations (submission_id, account_id, conflict, reason, declared_at) \
         values ($1, $2, true, 'Beirat des Unternehmens', \
             coalesce((select confirmed_at from jury_rounds where id = $3), $4))",
    )
    .bind(submission)
    .bind(juror)
    .bind(round_id)
    .bind(app.state.clock.now())
    .execute(&app.db)
    .await
    .unwrap();
    // Scores changed after they were first written (the demo data wrote them): one raised, one
    // withdrawn. The dashboard reads each review's line of scores, which must follow its rows.
    let (raised, withdrawn) = (reviews[2].0, reviews[3].0);
    sqlx::query(
        "update jury_scores set score = score + 1 where review_id = $1 \
         and criterion_id = (select min(criterion_id) from jury_scores where review_id = $1)",
    )
    .bind(raised)
    .execute(&app.db)
    .await
    .unwrap();
    let criterion: i64 =
        sqlx::query_scalar("select max(criterion_id) from jury_scores where review_id = $1")
            .bind(withdrawn)
            .fetch_one(&app.db)
            .await
            .unwrap();
    sqlx::query("delete from jury_scores where review_id = $1 and criterion_id = $2")
        .bind(withdrawn)
        .bind(criterion)
        .execute(&app.db)
        .await
        .unwrap();

    let d = convene::dashboard::service::call(&app.state, &henrik, slug)
        .await
        .unwrap();
    let stats = &d.rounds[0];
    let view = convene::jury::service::round_view(&app.state, &henrik, slug, round_id)
        .await
        .unwrap();
    assert!(view.conflicts.contains(&(juror, submission)));

    // Progress: the draft is the one assignment left.
    let (done, assigned) = view.progress();
    assert_eq!((stats.done, stats.assigned), (done, assigned));
    assert_eq!(assigned - done, 1);
    let mut per_juror: Vec<(String, usize, usize)> = view
        .call_jurors
        .iter()
        .filter_map(|j| {
            let mine: Vec<_> = view
                .assignments
                .iter()
                .filter(|a| a.account_id == j.account_id)
                .collect();
            let done = mine
                .iter()
                .filter(|a| {
                    view.conflicts.contains(&(a.account_id, a.submission_id))
                        || view
                            .review_of(a.account_id, a.submission_id)
                            .is_some_and(|r| r.row.state().is_done())
                })
                .count();
            (!mine.is_empty()).then(|| (j.name.clone(), done, mine.len()))
        })
        .collect();
    per_juror.sort_by_key(|(name, _, _)| name.to_lowercase());
    let shown: Vec<(String, usize, usize)> = stats
        .jurors
        .iter()
        .map(|j| (j.name.clone(), j.done, j.assigned))
        .collect();
    assert_eq!(shown, per_juror);

    // Scores per criterion: every final review's (the draft and the abstention give none).
    for (c, shown) in view.criteria.iter().zip(&stats.criteria) {
        let mut scores: Vec<f64> = view
            .reviews
            .iter()
            .filter(|r| r.row.state() == convene::jury::model::ReviewState::Final)
            .filter_map(|r| r.scores.get(&c.id).copied())
            .collect();
        scores.sort_by(f64::total_cmp);
        assert_eq!(shown.count, scores.len(), "{}", c.name_en);
        assert!(shown.count >= reviews.len() - 3);
        assert_eq!(
            shown.quartiles,
            convene::dashboard::model::quartiles(&scores)
        );
    }

    // Disagreements: the ranking's, normalised, with the conflicted review left out.
    let mut expected: Vec<(i64, usize, f64)> = view
        .ranking
        .iter()
        .filter(|e| e.disagreement)
        .map(|e| (e.submission, e.reviews, e.spread))
        .collect();
    // With a threshold of 0, every entry the jurors scored differently is listed, the one
    // with the conflict too (one review fewer).
    assert!(
        expected.iter().any(|(id, _, _)| *id == submission),
        "{:?}",
        view.ranking
    );
    assert!(view.ranking.iter().all(|e| e.normalised_spread.is_some()));
    expected.sort_by(|a, b| b.2.total_cmp(&a.2));
    let mut shown: Vec<(String, usize, f64)> = stats
        .disagreements
        .iter()
        .map(|d| (d.title.clone(), d.reviews, d.spread))
        .collect();
    let mut wanted: Vec<(String, usize, f64)> = expected
        .iter()
        .map(|(id, n, spread)| (view.entrant(*id).unwrap().title.clone(), *n, *spread))
        .collect();
    let key = |a: &(String, usize, f64), b: &(String, usize, f64)| a.0.cmp(&b.0);
    shown.sort_by(key);
    wanted.sort_by(key);
    assert_eq!(shown.len(), wanted.len());
    for (s, w) in shown.iter().zip(&wanted) {
        assert_eq!((&s.0, s.1), (&w.0, w.1));
        assert!((s.2 - w.2).abs() < 1e-9, "{s:?} {w:?}");
    }
}
