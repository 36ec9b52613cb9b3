//! The main pages of the demo, as people see them in Chromium: a visitor's, a participant's, a
//! juror's and an organiser's, on a 390 px phone and a 1366 px laptop, in German and in English.
//! Each page is kept as a screenshot (`target/tmp/screenshots`, which CI keeps), must not scroll
//! sideways, and axe-core must find nothing on it.

use std::path::Path;

use convene_tests::TestApp;
use convene_tests::browser::Browser;

const EVENT: &str = "clusters-meet-regions-nrw-2027";
const CALL: &str = "innovationcall-ruhr-2026";

/// Who looks (signed in as, or a visitor), and at which pages (a name for the screenshot, the path).
type Visit = (Option<&'static str>, Vec<(&'static str, String)>);

fn tour(session: i64) -> Vec<Visit> {
    vec![
        (
            None,
            vec![
                ("home", "/".into()),
                ("events", "/events".into()),
                ("event", format!("/events/{EVENT}")),
                ("agenda", format!("/events/{EVENT}/agenda")),
                ("session", format!("/events/{EVENT}/sessions/{session}")),
                ("register", format!("/events/{EVENT}/register")),
                ("calls", "/calls".into()),
                ("call", format!("/calls/{CALL}")),
                ("verify", "/verify".into()),
                ("signin", "/signin".into()),
                ("signup", "/signup".into()),
                ("api-reference", "/api/reference".into()),
            ],
        ),
        (
            Some("jonas.becker@demo.convene.test"),
            vec![
                ("me", "/me".into()),
                ("my-agenda", "/me/agenda".into()),
                ("my-certificates", "/me/certificates".into()),
                ("matchmaking", format!("/events/{EVENT}/matchmaking")),
                ("profiles", format!("/events/{EVENT}/matchmaking/profiles")),
            ],
        ),
        (
            Some("lea.brandt@demo.convene.test"),
            vec![("jury", "/jury".into())],
        ),
        (
            Some("organiser@demo.convene.test"),
            vec![
                ("orga-events", "/orga/events".into()),
                ("orga-event", format!("/orga/events/{EVENT}")),
                (
                    "orga-event-dashboard",
                    format!("/orga/events/{EVENT}/dashboard"),
                ),
                ("orga-agenda", format!("/orga/events/{EVENT}/agenda")),
                (
                    "orga-registrations",
                    format!("/orga/events/{EVENT}/registrations"),
                ),
                ("orga-calls", "/orga/calls".into()),
                (
                    "orga-call-dashboard",
                    format!("/orga/calls/{CALL}/dashboard"),
                ),
                ("orga-jury", format!("/orga/calls/{CALL}/jury")),
            ],
        ),
    ]
}

#[tokio::test]
async fn the_main_pages_fit_phones_and_laptops_and_axe_finds_nothing_in_chromium() {
    let app = TestApp::spawn().await;
    convene::seed::load_demo(&app.state).await.unwrap();
    let session: i64 = sqlx::query_scalar(
        "select s.id from agenda_sessions s join events e on e.id = s.event_id \
         where e.slug = $1 order by s.starts_at, s.id limit 1",
    )
    .bind(EVENT)
    .fetch_one(&app.db)
    .await
    .unwrap();
    let shots = Path::new(env!("CARGO_TARGET_TMPDIR")).join("screenshots");
    let mut problems = Vec::new();
    let mut seen = 0;
    for (lang, accept) in [("de", "de-DE,de"), ("en", "en-GB,en")] {
        for (who, pages) in tour(session) {
            let Some(browser) = Browser::launch(accept).await else {
                return;
            };
            let c = &browser.client;
            if let Some(email) = who {
                browser
                    .sign_in_with(
                        &app.url("/signin?next=/me"),
                        email,
                        convene::seed::demo_password(),
                    )
                    .await;
                browser.expect_text("h1", h1_of_me("de")).await;
                // Every demo account speaks German; the language menu switches.
                c.goto(&app.url(&format!("/lang/{lang}?next=/me")))
                    .await
                    .unwrap();
                browser.expect_text("h1", h1_of_me(lang)).await;
            }
            for (name, path) in &pages {
                for width in [390, 1366] {
                    c.set_window_size(width, 900).await.unwrap();
                    c.goto(&app.url(path)).await.unwrap();
                    // A window just made narrower may lay the page out once more after it
                    // loaded: a page that really is too wide stays so for the whole second.
                    let mut state = serde_json::Value::Null;
                    for _ in 0..10 {
                        state = c
                            .execute(
                                "return [document.documentElement.lang,\
                                         document.querySelector('h1') !== null,\
                                         document.documentElement.scrollWidth <= window.innerWidth];",
                                vec![],
                            )
                            .await
                            .unwrap();
                        if state == serde_json::json!([lang, true, true]) {
                            break;
                        }
                        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                    }
                    let where_ = format!("{lang} {width}px {path}");
                    if state != serde_json::json!([lang, true, true]) {
                        let wide = c.execute(WIDER_THAN_THE_SCREEN, vec![]).await.unwrap();
                        problems.push(format!(
                            "{where_}: [lang, has h1, fits] = {state} (expected [{lang:?}, true, true]); \
                             wider than the screen: {wide}"
                        ));
                    }
                    for violation in browser.axe_violations().await {
                        problems.push(format!("{where_}: {violation}"));
                    }
                    browser
                        .screenshot(&shots, &format!("{lang}-{width}-{name}"))
                        .await;
                    seen += 1;
                }
            }
            browser.close().await;
        }
    }
    assert_eq!(seen, 2 * 2 * 26, "every page of the tour was looked at");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The outermost elements that reach past the right edge of the screen outside a scroll box (to
/// say what widened a page).
const WIDER_THAN_THE_SCREEN: &str = "
    const out = [];
    const scrolls = e => ['auto', 'scroll', 'hidden'].includes(getComputedStyle(e).overflowX);
    for (const e of document.body.querySelectorAll('*')) {
        if (e.getBoundingClientRect().right <= window.innerWidth + 1) continue;
        let p = e.parentElement, inside = false;
        while (p && p !== document.body) {
            if (scrolls(p) || p.getBoundingClientRect().right > window.innerWidth + 1) { inside = true; break; }
            p = p.parentElement;
        }
        if (!inside) out.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
            (e.className ? '.' + String(e.className).split(' ').join('.') : '') +
            ' ' + Math.round(e.getBoundingClientRect().right) + 'px');
        if (out.length >= 5) break;
    }
    return out;";

/// The heading of `/me`, where signing in leads.
fn h1_of_me(lang: &str) -> &'static str {
    if lang == "de" {
        "Mein Profil"
    } else {
        "My profile"
    }
}
