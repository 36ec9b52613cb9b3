//! The demo matchmaking at "Clusters meet Regions NRW": about forty profiles, requests in every
//! state, the first session scheduled without a clash, and what a demo participant sees.

use convene_tests::TestApp;

#[tokio::test]
async fn the_demo_has_forty_profiles_requests_in_every_state_and_a_scheduled_first_session() {
    let app = TestApp::spawn().await;
    convene::seed::load_demo(&app.state).await.unwrap();

    let profiles = app.count("select count(*) from matchmaking_profiles").await;
    assert!((38..=45).contains(&profiles), "{profiles}");
    assert_eq!(
        app.count("select count(*) from matchmaking_profiles where hidden")
            .await,
        1
    );
    let states: Vec<(String, i64)> = sqlx::query_as(
        "select status, count(*) from matchmaking_requests group by status order by status",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    let names: Vec<&str> = states.iter().map(|(s, _)| s.as_str()).collect();
    assert_eq!(
        names,
        ["accepted", "cancelled", "declined", "pending"],
        "{states:?}"
    );

    // The first session is scheduled; nobody is in two meetings at once, no table twice.
    let first: Vec<(String, i64)> = sqlx::query_as(
        "select a.title_de, count(m.id) from matchmaking_sessions s \
         join agenda_sessions a on a.id = s.agenda_session_id \
         left join matchmaking_meetings m on m.session_id = s.id and m.cancelled_at is null \
         group by a.title_de order by a.title_de",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert_eq!(first[0].0, "Matchmaking Session I");
    assert!(first[0].1 >= 25, "{first:?}");
    assert_eq!(first[1], ("Matchmaking Session II".to_string(), 0));
    let clashes = app
        .count(
            "select count(*) from (select a.profile_id, m.starts_at from matchmaking_attendees a \
             join matchmaking_meetings m on m.id = a.meeting_id group by a.profile_id, m.starts_at \
             having count(*) > 1) x",
        )
        .await;
    assert_eq!(clashes, 0);
    // Agreed requests not yet scheduled are there for the organisers' scheduler.
    let waiting = app
        .count(
            "select count(*) from matchmaking_requests r where r.status = 'accepted' and not exists \
             (select 1 from matchmaking_meetings m where m.request_id = r.id and m.cancelled_at is null)",
        )
        .await;
    assert!(waiting > 0);

    // Marta Nowak (Silesia) signs in and finds her meetings, requests and suggestions.
    let anna = app.client("en");
    let signin = anna.get("/signin").await;
    anna.submit(
        &signin,
        "form[action='/signin']",
        &[
            ("email", "marta.nowak@demo.convene.test"),
            ("password", convene::seed::demo_password()),
        ],
    )
    .await;
    let page = anna
        .get("/events/clusters-meet-regions-nrw-2027/matchmaking")
        .await;
    assert_eq!(page.status, 200);
    assert!(!page.texts("#my-meetings tbody tr").is_empty());
    assert!(
        page.text("#my-meetings").contains("Tisch"),
        "{}",
        page.text("#my-meetings")
    );
    assert!(!page.texts("#suggestions .mm-card").is_empty());
    // The profiles come a page at a time; following "next" lists each of them once.
    let mut next = Some("/events/clusters-meet-regions-nrw-2027/matchmaking/profiles".to_string());
    let (mut listed, mut pages) = (Vec::new(), 0);
    while let Some(url) = next {
        let browse = anna.get(&url).await;
        let names = browse.texts("#profiles h3");
        assert!(
            !names.is_empty() && names.len() as i64 <= convene::matchmaking::pages::PROFILES_PAGE,
            "{url}: {names:?}"
        );
        let count = browse.text("#count");
        assert!(count.starts_with(&format!("{} ", profiles - 2)), "{count}");
        listed.extend(names);
        next = browse.attr("a[rel=next]", "href");
        pages += 1;
    }
    assert!(pages > 1, "{pages}");
    assert_eq!(
        listed.len() as i64,
        profiles - 2,
        "all but her own and the hidden one"
    );
    listed.sort();
    listed.dedup();
    assert_eq!(listed.len() as i64, profiles - 2, "each once");

    // The organiser's grid and PDFs work on the demo.
    let o = app.client("de");
    let signin = o.get("/signin").await;
    o.submit(
        &signin,
        "form[action='/signin']",
        &[
            ("email", "organiser@demo.convene.test"),
            ("password", convene::seed::demo_password()),
        ],
    )
    .await;
    let grid = o
        .get("/orga/events/clusters-meet-regions-nrw-2027/matchmaking/grid")
        .await;
    assert_eq!(grid.status, 200);
    assert_eq!(grid.texts(".mm-grid-table td a").len() as i64, first[0].1);
    let pdf = crate::certificates::get_bytes(
        &o,
        "/orga/events/clusters-meet-regions-nrw-2027/matchmaking/people.pdf",
    )
    .await;
    assert_eq!(pdf.status, 200);
    convene_tests::qpdf_check(&pdf.bytes);
}
