//! What every visitor meets: the home page, languages, health, headers and error pages.

use convene_tests::TestApp;

/// The home page speaks the browser's language; the switcher's choice sticks across pages and
/// wins over the browser.
#[tokio::test]
async fn the_language_follows_the_browser_and_the_switcher_sticks() {
    let app = TestApp::spawn().await;
    let english = app.client("en-US,en;q=0.9");
    let german = app.client("de-DE");
    let other = app.client("fr-FR");

    let en = english.get("/").await;
    assert_eq!(en.attr("html", "lang").as_deref(), Some("en"));
    assert_eq!(en.text("h1"), "Events and innovation calls in one place");
    assert_eq!(
        german.get("/").await.text("h1"),
        "Veranstaltungen und Innovationswettbewerbe an einem Ort"
    );
    assert_eq!(
        other.get("/").await.attr("html", "lang").as_deref(),
        Some("de"),
        "German by default"
    );

    let switched = english.get("/lang/de?next=/signin").await;
    assert!(switched.url.ends_with("/signin"));
    assert_eq!(switched.text("h1"), "Einloggen");
    assert_eq!(english.get("/signup").await.text("h1"), "Konto anlegen");
    assert_eq!(
        english
            .get("/")
            .await
            .attr(".lang-switch a[aria-current]", "hreflang")
            .as_deref(),
        Some("de")
    );

    let offsite = english.get("/lang/en?next=https://evil.example/").await;
    assert_eq!(
        offsite.url,
        app.url("/"),
        "the switcher never leaves the site"
    );
}

/// Unknown pages get a friendly 404 page in the visitor's language, never a bare error.
#[tokio::test]
async fn unknown_pages_get_a_friendly_not_found_page() {
    let app = TestApp::spawn().await;

    let de = app.client("de").get("/gibt-es-nicht").await;
    let en = app.client("en").get("/admin/nothing/here").await;

    assert_eq!(de.status, 404);
    assert_eq!(de.text("h1"), "Seite nicht gefunden");
    assert_eq!(en.status, 404);
    assert_eq!(en.text("h1"), "Page not found");
    assert_eq!(en.text(".error-page a"), "Back to the home page");
}

/// `/healthz` answers when the database does; every page carries the security headers; the
/// session cookie is HttpOnly and SameSite.
#[tokio::test]
async fn health_security_headers_and_cookie_flags() {
    let app = TestApp::spawn().await;
    let client = app.client("en");

    let health = client.get("/healthz").await;
    assert_eq!((health.status, health.body.as_str()), (200, "ok"));

    let home = client.get("/").await;
    let csp = home.header("content-security-policy");
    assert!(
        csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"),
        "{csp}"
    );
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    assert_eq!(home.header("x-content-type-options"), "nosniff");
    assert_eq!(home.header("referrer-policy"), "same-origin");

    app.account("ada@example.org", "Ada Lovelace", false).await;
    let raw = app.client_without_redirects("en");
    let page = raw.get("/signin").await;
    let (_, values) = page.form("form[action='/signin']");
    let resp = raw
        .http
        .post(app.url("/signin"))
        .form(&[
            ("email", "ada@example.org"),
            ("password", convene_tests::PASSWORD),
            ("csrf_token", values["csrf_token"].as_str()),
            ("next", "/me"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 303);
    assert_eq!(resp.headers()["location"], "/me");
    let set_cookie: Vec<String> = resp
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .collect();
    let session = set_cookie
        .iter()
        .find(|c| c.starts_with("convene_session="))
        .expect("a session cookie");
    assert!(session.contains("HttpOnly"), "{session}");
    assert!(session.contains("SameSite=Lax"), "{session}");
}

/// Bodies over the size limit are refused with 413 before anything reads them.
#[tokio::test]
async fn oversized_bodies_are_refused() {
    let app = TestApp::spawn().await;
    let big = "x".repeat(3 * 1024 * 1024);

    let resp = reqwest::Client::new()
        .post(app.url("/signup"))
        .form(&[("name", big.as_str())])
        .send()
        .await
        .unwrap();

    assert_eq!(resp.status(), 413);
    assert_eq!(app.count("select count(*) from accounts").await, 0);
}

/// A malformed id in an address is a clear 400 page (never a 500), in the visitor's language.
#[tokio::test]
async fn malformed_addresses_get_a_bad_request_page() {
    let app = TestApp::spawn().await;
    app.account("admin@example.org", "Sarah Admin", true).await;
    let admin = app.signed_in("admin@example.org", "en").await;

    let page = admin.get("/admin/accounts/not-a-number").await;
    let missing = admin.get("/admin/accounts/999999").await;

    assert_eq!(page.status, 400);
    assert_eq!(page.text("h1"), "Ungültige Anfrage");
    assert_eq!(missing.status, 404);
    assert_eq!(
        missing.text(".error-page .lead"),
        "Dieses Konto gibt es nicht."
    );
}

/// The demo data loads through the services: organisations, accounts of every role, and the
/// Clusters meet Regions event with its published two-day agenda and plant visit.
#[tokio::test]
async fn the_demo_data_loads_with_a_published_agenda() {
    let app = TestApp::spawn().await;

    convene::seed::load_demo(&app.state).await.unwrap();

    assert!(app.count("select count(*) from organisations").await >= 20);
    assert_eq!(
        app.count("select count(*) from role_grants where role = 'admin'")
            .await,
        1
    );
    let client = app.client("de");
    let events = client.get("/events").await;
    assert_eq!(
        events.texts(".event-card h3"),
        [
            "Cluster.Zukunft.NRW – das Zukunftspapier der ClusterAllianz.NRW",
            "Clusters meet Regions NRW"
        ]
    );
    let agenda = client
        .get("/events/clusters-meet-regions-nrw-2027/agenda")
        .await;
    assert_eq!(
        agenda.texts(".agenda-day h2"),
        ["Montag, 8. November 2027", "Dienstag, 9. November 2027"]
    );
    assert!(agenda.texts(".slot h3").contains(
        &"Werksbesichtigung „Stahl im Wandel“ bei Thyssenkrupp Steel Europe".to_string()
    ));
    let signin = app.client("de");
    let page = signin.get("/signin").await;
    let me = signin
        .submit(
            &page,
            "form[action='/signin']",
            &[
                ("email", "organiser@demo.convene.test"),
                ("password", "convene-demo"),
            ],
        )
        .await;
    assert!(me.url.ends_with("/me"));

    // Registrations: everyone registered, the plant visit booked out with a waiting list.
    let registrations = signin
        .get("/orga/events/clusters-meet-regions-nrw-2027/registrations")
        .await;
    assert!(registrations.texts("#registrations tbody tr").len() >= 10);
    let visit: Vec<(String, i64)> = sqlx::query_as(
        "select status, count(*) from session_bookings group by status order by status",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert_eq!(visit[0], ("confirmed".to_string(), 8));
    assert_eq!(visit[1].0, "waitlisted");
    assert!(visit[1].1 >= 2, "{visit:?}");
}

/// Switching language on a form's error page leads back to the form's page in the other
/// language, not to the address the form posts to (which answers nothing else).
#[tokio::test]
async fn switching_language_on_a_forms_error_page_returns_to_the_form() {
    let app = TestApp::spawn().await;
    app.organiser_and_event("cmr-2026").await;
    let orga = app.signed_in("orga@example.org", "de").await;
    let builder = orga.get("/orga/events/cmr-2026/registration-form").await;
    let refused = orga
        .submit(&builder, "form[action$='/questions']", &[("kind", "text")])
        .await;
    assert_eq!(refused.status, 422);
    assert!(
        refused.url.ends_with("/orga/events/cmr-2026/questions"),
        "{}",
        refused.url
    );
    let switch = refused
        .attr(".lang-switch a[hreflang=en]", "href")
        .expect("a link to the English page");
    assert_eq!(
        switch,
        "/lang/en?next=/orga/events/cmr-2026/registration-form"
    );
    let english = orga.get(&switch).await;
    assert_eq!(english.status, 200);
    assert!(
        english
            .url
            .ends_with("/orga/events/cmr-2026/registration-form")
    );
    assert_eq!(english.attr("html", "lang").as_deref(), Some("en"));
}

/// An organiser's page and the public page of the same event have different titles (in tabs,
/// history and screen readers), in both languages.
#[tokio::test]
async fn organiser_pages_are_titled_apart_from_public_ones() {
    let app = TestApp::spawn().await;
    app.organiser_and_event("cmr-2026").await;
    for (lang, suffix) in [("de", "Organisieren"), ("en", "Organise")] {
        sqlx::query("update accounts set language = $1")
            .bind(lang)
            .execute(&app.db)
            .await
            .unwrap();
        let orga = app.signed_in("orga@example.org", lang).await;
        let public = orga.get("/events/cmr-2026").await.text("title");
        let manage = orga.get("/orga/events/cmr-2026").await.text("title");
        assert_ne!(public, manage);
        assert!(manage.contains(&format!(" – {suffix} – ")), "{manage}");
        assert!(!public.contains(suffix), "{public}");
    }
}

/// Large text bodies travel compressed (Brotli or gzip, as the client accepts) and decode to the
/// same page; visitors' pages carry an `ETag` and an unchanged page revalidates with 304, a
/// changed one does not; signed-in pages are never stored; PDFs and small bodies go as they are.
#[tokio::test]
async fn large_bodies_are_compressed_and_visitors_pages_revalidate() {
    use std::io::Read;
    let app = TestApp::spawn().await;
    let olaf = app.organiser_and_event("cmr-2026").await;
    let http = reqwest::Client::new();
    let get = |path: &str, accept: &str, tag: Option<&str>| {
        let mut req = http.get(app.url(path)).header("accept-language", "de");
        if !accept.is_empty() {
            req = req.header("accept-encoding", accept);
        }
        if let Some(t) = tag {
            req = req.header("if-none-match", t);
        }
        req.send()
    };
    let plain = get("/events/cmr-2026", "", None).await.unwrap();
    assert_eq!(plain.status(), 200);
    assert!(plain.headers().get("content-encoding").is_none());
    let tag = plain.headers()["etag"].to_str().unwrap().to_string();
    assert_eq!(plain.headers()["cache-control"], "private, no-cache");
    let plain = plain.text().await.unwrap();
    assert!(plain.len() > 1024);

    let gz = get("/events/cmr-2026", "gzip", None).await.unwrap();
    assert_eq!(gz.headers()["content-encoding"], "gzip");
    assert!(
        gz.headers()["vary"]
            .to_str()
            .unwrap()
            .contains("Accept-Encoding")
            || gz
                .headers()
                .get_all("vary")
                .iter()
                .any(|v| v.to_str().unwrap().contains("Accept-Encoding"))
    );
    assert_eq!(gz.headers()["etag"].to_str().unwrap(), format!("W/{tag}"));
    let bytes = gz.bytes().await.unwrap();
    assert!(
        bytes.len() < plain.len() / 2,
        "{} of {}",
        bytes.len(),
        plain.len()
    );
    let mut decoded = String::new();
    flate2::read::GzDecoder::new(&bytes[..])
        .read_to_string(&mut decoded)
        .unwrap();
    assert_eq!(decoded, plain);
    let br = get("/events/cmr-2026", "gzip, deflate, br", None)
        .await
        .unwrap();
    assert_eq!(br.headers()["content-encoding"], "br");

    // Revalidation: the same page is 304 without a body, with either form of the tag.
    for sent in [tag.clone(), format!("W/{tag}")] {
        let again = get("/events/cmr-2026", "gzip", Some(&sent)).await.unwrap();
        assert_eq!(again.status(), 304, "{sent}");
        assert!(again.bytes().await.unwrap().is_empty());
    }
    let input = convene::event::model::EventInput {
        venue: "Haus der Wirtschaft".into(),
        ..convene::event::model::EventInput::of(
            &convene::event::service::for_organiser(&app.state, &olaf, "cmr-2026")
                .await
                .unwrap(),
            &[],
            None,
        )
    };
    convene::event::service::update(&app.state, &olaf, "cmr-2026", &input)
        .await
        .unwrap();
    let changed = get("/events/cmr-2026", "", Some(&tag)).await.unwrap();
    assert_eq!(changed.status(), 200);
    assert_ne!(changed.headers()["etag"].to_str().unwrap(), tag);
    assert!(
        changed
            .text()
            .await
            .unwrap()
            .contains("Haus der Wirtschaft")
    );

    // Signed in: personal, never stored, no tag.
    let signed_in = app.signed_in("orga@example.org", "de").await;
    let own = signed_in
        .http
        .get(app.url("/events/cmr-2026"))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(own.headers()["cache-control"], "no-store");
    assert!(own.headers().get("etag").is_none());
    assert_eq!(own.headers()["content-encoding"], "gzip");
    // Feeds: compressed with a weak tag, which revalidates.
    for hour in 9..15 {
        let input = crate::agenda::session(
            &format!("Panel {hour}: Klimaneutralität und Digitalisierung im Ruhrgebiet"),
            "2026-11-08",
            &format!("{hour}:00"),
            &format!("{hour}:45"),
            "",
        );
        app.session(&olaf, "cmr-2026", &input).await;
    }
    convene::agenda::service::publish(&app.state, &olaf, "cmr-2026")
        .await
        .unwrap();
    let feed = get("/events/cmr-2026/agenda.ics", "gzip", None)
        .await
        .unwrap();
    let feed_tag = feed.headers()["etag"].to_str().unwrap().to_string();
    assert!(feed_tag.starts_with("W/"), "{feed_tag}");
    let again = get("/events/cmr-2026/agenda.ics", "gzip", Some(&feed_tag))
        .await
        .unwrap();
    assert_eq!(again.status(), 304);
    // Small bodies go as they are.
    let health = get("/healthz", "gzip", None).await.unwrap();
    assert!(health.headers().get("content-encoding").is_none());
}

/// Every error summary names the field of each message by the label the page gives that field
/// ("Titel (Deutsch): Bitte füllen Sie dieses Feld aus."), on forms of several areas: signing
/// up, an event, a session, a room, a track, a registration question. A bare message repeated for three fields tells a
/// screen-reader user nothing about where to go.
#[tokio::test]
async fn every_error_summary_names_the_field_of_each_message() {
    let app = TestApp::spawn().await;
    app.organiser_and_event("cmr-2026").await;
    let visitor = app.client("de");
    let orga = app.signed_in("orga@example.org", "de").await;
    // (client, page, form, fields to send)
    type Form<'a> = (
        &'a convene_tests::Client,
        &'a str,
        &'a str,
        &'a [(&'a str, &'a str)],
    );
    let forms: [Form; 6] = [
        (&visitor, "/signup", "form[action='/signup']", &[]),
        (
            &orga,
            "/orga/events/new",
            "form.stack[method=post]",
            &[("slug", ""), ("title_de", ""), ("starts_on", "")],
        ),
        (
            &orga,
            "/orga/events/cmr-2026/sessions/new",
            "form.stack[method=post]",
            &[("title_de", ""), ("day", ""), ("start", "")],
        ),
        (
            &orga,
            "/orga/events/cmr-2026/rooms",
            "form[action='/orga/events/cmr-2026/rooms']",
            &[("name", "")],
        ),
        (
            &orga,
            "/orga/events/cmr-2026/rooms",
            "form[action='/orga/events/cmr-2026/tracks']",
            &[("name_de", ""), ("name_en", "")],
        ),
        (
            &orga,
            "/orga/events/cmr-2026/registration-form",
            "form[action='/orga/events/cmr-2026/questions']",
            &[("kind", "choice"), ("label_de", ""), ("options", "")],
        ),
    ];
    for (client, path, form, fields) in forms {
        let page = client.get(path).await;
        let answer = client.submit(&page, form, fields).await;
        assert_eq!(answer.status, 422, "{path} {form}: {}", answer.text("main"));
        let html = answer.html();
        let links = scraper::Selector::parse(".error-summary a").unwrap();
        let mut named = 0;
        for link in html.select(&links) {
            let field = link.value().attr("href").unwrap().trim_start_matches('#');
            let label = answer
                .texts(&format!("label[for='{field}']"))
                .into_iter()
                .chain(answer.texts(&format!("fieldset[id='{field}'] > legend")))
                .next()
                .unwrap_or_else(|| panic!("{path}: #{field} has no label on its page"));
            let text: String = link.text().collect::<String>();
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            let label = label.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(
                text.starts_with(&format!("{label}: ")),
                "{path}: the summary says {text:?} for #{field}, labelled {label:?}"
            );
            named += 1;
        }
        assert!(named > 0, "{path} {form}: no summary");
        assert!(
            !answer.body.contains("<!--field-label"),
            "{path}: a mark is left"
        );
    }
}

/// Texts organisers wrote in one language only are shown in it on the other language's pages,
/// marked with `lang` (so that screen readers pronounce them right); texts in the page's own
/// language carry no mark. Event list and page, agenda, session page, call list and call page.
#[tokio::test]
async fn text_in_the_other_language_is_marked_with_its_language() {
    let app = TestApp::spawn().await;
    let olaf = app.organiser_and_event("cmr-2026").await;
    let saal = app.room(&olaf, "cmr-2026", "Saal 1").await;
    let session = app
        .session(
            &olaf,
            "cmr-2026",
            &convene::agenda::model::SessionInput {
                description_de: "Drei Unternehmen stellen ihre Projekte vor.".into(),
                ..crate::agenda::session(
                    "Wasserstoff im Revier",
                    "2026-11-08",
                    "09:00",
                    "10:00",
                    &saal,
                )
            },
        )
        .await;
    convene::agenda::service::publish(&app.state, &olaf, "cmr-2026")
        .await
        .unwrap();
    sqlx::query(
        "update events set title_de = 'Cluster treffen Regionen', title_en = '', \
         description_de = 'Ein Tag für Cluster.', description_en = ''",
    )
    .execute(&app.db)
    .await
    .unwrap();
    convene::call::service::create(&app.state, &olaf, &crate::calls::call_input("ic-2027"))
        .await
        .unwrap();
    convene::call::service::set_published(&app.state, &olaf, "ic-2027", true, false)
        .await
        .unwrap();
    sqlx::query("update calls set title_de = '', title_en = 'Innovation Call', body_en = 'Only in English.'")
        .execute(&app.db)
        .await
        .unwrap();
    sqlx::query("update calls set body_de = ''")
        .execute(&app.db)
        .await
        .unwrap();

    let en = app.client("en");
    let list = en.get("/events").await;
    assert_eq!(list.attr(".event-card h3 a", "lang").as_deref(), Some("de"));
    let event = en.get("/events/cmr-2026").await;
    assert_eq!(event.text("h1"), "Cluster treffen Regionen");
    assert_eq!(event.attr("h1", "lang").as_deref(), Some("de"));
    assert_eq!(event.attr("main p[lang]", "lang").as_deref(), Some("de"));
    let agenda = en.get("/events/cmr-2026/agenda").await;
    assert_eq!(agenda.attr(".slot h3 a", "lang").as_deref(), Some("de"));
    assert_eq!(agenda.attr("main > p > a", "lang").as_deref(), Some("de"));
    let page = en
        .get(&format!("/events/cmr-2026/sessions/{session}"))
        .await;
    assert_eq!(page.attr("h1", "lang").as_deref(), Some("de"));
    assert!(
        page.texts("main p[lang=de]")
            .contains(&"Drei Unternehmen stellen ihre Projekte vor.".to_string()),
        "{}",
        page.body
    );
    // The call is written in English: its English pages carry no mark.
    let call = en.get("/calls/ic-2027").await;
    assert_eq!(call.text("h1"), "Innovation Call");
    assert_eq!(call.attr("h1", "lang"), None);
    assert_eq!(call.texts("main [lang]"), Vec::<String>::new());

    let de = app.client("de");
    let event = de.get("/events/cmr-2026").await;
    assert_eq!(event.attr("h1", "lang"), None);
    assert_eq!(
        de.get("/events/cmr-2026/agenda").await.texts("main [lang]"),
        Vec::<String>::new()
    );
    let calls = de.get("/calls").await;
    assert_eq!(calls.attr(".call-card h2 a", "lang").as_deref(), Some("en"));
    let call = de.get("/calls/ic-2027").await;
    assert_eq!(call.attr("h1", "lang").as_deref(), Some("en"));
    assert!(
        call.texts("main p[lang=en]")
            .contains(&"Only in English.".to_string()),
        "{}",
        call.body
    );
}
