//! B2B matchmaking through the pages: profiles and entries, the marketplace and suggestions,
//! requests with their answers and mails, slots, the organisers' settings and grid, the lock,
//! the PDFs, who sees what, bad input, and no double-booking under concurrent accepts.

use convene::account::Actor;
use convene::agenda::model::SessionInput;
use convene::ids::SessionId;
use convene::matchmaking::model::{ProfileInput, SessionInput as MmSessionInput, SettingsInput};
use convene::matchmaking::service::{self as mm, Pick};
use convene::registration::service::{self as registration, SettingsInput as RegSettings};
use convene_tests::ReceivedMail;
use convene_tests::{Client, Page, TestApp, pdf_text, qpdf_check};

use crate::certificates::{attachments, get_bytes};

pub const SLUG: &str = "cmr-2026";

/// The arranged event: the organiser, the matchmaking session's id and the agenda's workshop.
pub struct Fixture {
    pub olaf: Actor,
    pub mm_session: i64,
    pub workshop: SessionId,
}

fn agenda_session(kind: &str, title: &str, start: &str, end: &str, signup: bool) -> SessionInput {
    SessionInput {
        kind: kind.into(),
        title_de: title.into(),
        title_en: title.into(),
        day: "2026-11-08".into(),
        start: start.into(),
        end: end.into(),
        requires_signup: signup.then(|| "on".into()),
        capacity: if signup { "50".into() } else { String::new() },
        ..Default::default()
    }
}

/// Registration open; the agenda (published) has "Matchmaking" 14:00–16:00 and a bookable
/// workshop 14:00–15:00 on 8 November 2026; matchmaking is on with 20-minute slots (six), the
/// given tables and limit, requests needing acceptance.
pub async fn arranged(app: &TestApp, tables: &str, max: &str) -> Fixture {
    let olaf = app.organiser_and_event(SLUG).await;
    registration::configure(&app.state, &olaf, SLUG, &RegSettings::default())
        .await
        .unwrap();
    let matchmaking = app
        .session(
            &olaf,
            SLUG,
            &agenda_session("matchmaking", "Matchmaking", "14:00", "16:00", false),
        )
        .await;
    let workshop = app
        .session(
            &olaf,
            SLUG,
            &agenda_session("workshop", "Workshop Wasserstoff", "14:00", "15:00", true),
        )
        .await;
    convene::agenda::service::publish(&app.state, &olaf, SLUG)
        .await
        .unwrap();
    mm::save_settings(
        &app.state,
        &olaf,
        SLUG,
        &SettingsInput {
            enabled: true,
            acceptance_required: true,
            audience: "registered".into(),
            max_per_person: max.into(),
        },
    )
    .await
    .unwrap();
    for (de, en) in [
        ("Wasserstoff", "Hydrogen"),
        ("Kreislaufwirtschaft", "Circular economy"),
    ] {
        mm::add_topic(&app.state, &olaf, SLUG, de, en)
            .await
            .unwrap();
    }
    let mm_session = mm::add_session(
        &app.state,
        &olaf,
        SLUG,
        &MmSessionInput {
            agenda_session_id: matchmaking.to_string(),
            slot_minutes: "20".into(),
            gap_minutes: "0".into(),
            tables: tables.into(),
            breaks: String::new(),
        },
    )
    .await
    .unwrap();
    Fixture {
        olaf,
        mm_session,
        workshop,
    }
}

/// A registered participant with a profile (through the services); returns the actor and the
/// profile id.
pub async fn participant(app: &TestApp, email: &str, name: &str, org: &str) -> (Actor, i64) {
    let actor = registered(app, email, name).await;
    let profile = mm::save_profile(
        &app.state,
        &actor,
        SLUG,
        &ProfileInput {
            organisation: org.into(),
            country: "DE".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    (actor, profile.id)
}

pub async fn registered(app: &TestApp, email: &str, name: &str) -> Actor {
    let id = app.account(email, name, false).await;
    let actor = app.actor(id).await;
    registration::register(&app.state, &actor, SLUG, &Default::default())
        .await
        .unwrap();
    actor
}

pub async fn set_language(app: &TestApp, email: &str, lang: &str) {
    sqlx::query("update accounts set language = $1 where email = $2")
        .bind(lang)
        .bind(email)
        .execute(&app.db)
        .await
        .unwrap();
}

/// Live meetings as (person profile, slot) pairs: a person twice in a slot is a double-booking.
async fn person_slots(app: &TestApp) -> Vec<(i64, i64, i64)> {
    sqlx::query_as(
        "select p.profile_id, m.slot, m.table_no from matchmaking_meetings m \
         join matchmaking_requests r on r.id = m.request_id \
         join (select id as request_id, from_profile as profile_id from matchmaking_requests \
               union all select id, to_profile from matchmaking_requests) p on p.request_id = r.id \
         where m.cancelled_at is null order by p.profile_id, m.slot",
    )
    .fetch_all(&app.db)
    .await
    .unwrap()
}

/// Posts a form with the client's CSRF token (taken from its profile page), as a crafted
/// request would: for input the pages' own forms do not offer.
pub async fn post(c: &Client, path: &str, fields: &[(&str, &str)]) -> Page {
    let me = c.get("/me").await;
    let token = me
        .attr("input[name='csrf_token']", "value")
        .expect("a CSRF token on /me");
    let mut all = fields.to_vec();
    all.push(("csrf_token", &token));
    c.post_form(path, &all).await
}

/// The first mail to `to` whose subject contains `part`, after draining the outbox.
pub async fn mail_to(app: &TestApp, to: &str, part: &str) -> ReceivedMail {
    app.drain_outbox().await;
    app.mail
        .to(to)
        .into_iter()
        .find(|m| m.subject.contains(part))
        .unwrap_or_else(|| panic!("no mail to {to} about {part}"))
}

/// The `.ics` attached to a mail, unfolded.
pub fn ics_of(mail: &ReceivedMail) -> String {
    let files = attachments(mail);
    let (name, ct, bytes) = files
        .iter()
        .find(|(_, ct, _)| ct == "text/calendar")
        .unwrap_or_else(|| panic!("no .ics in {}: {files:?}", mail.subject));
    assert!(name.ends_with(".ics"), "{name} ({ct})");
    String::from_utf8(bytes.clone())
        .unwrap()
        .replace("\r\n ", "")
}

fn request_id_in(page: &convene_tests::Page, list: &str) -> i64 {
    let id = page
        .attr(&format!("#{list} li.mm-request"), "id")
        .unwrap_or_else(|| panic!("no request in #{list}: {}", page.text("main")));
    id.trim_start_matches("request-").parse().unwrap()
}

#[tokio::test]
async fn two_participants_find_each_other_agree_a_meeting_and_get_it_in_mail_and_calendar() {
    let app = TestApp::spawn().await;
    arranged(&app, "Tisch A\nTisch B", "6").await;
    let anna = registered(&app, "anna@example.org", "Anna Kowalczyk").await;
    let _ = anna;
    set_language(&app, "anna@example.org", "en").await;
    registered(&app, "jonas@example.org", "Jonas Becker").await;

    // Anna, in English, takes part: first the intro and the profile form.
    let a = app.signed_in("anna@example.org", "en").await;
    let page = a.get(&format!("/events/{SLUG}/matchmaking")).await;
    assert_eq!(page.status, 200);
    assert!(
        page.text("main")
            .contains("create your matchmaking profile"),
        "{}",
        page.text("main")
    );
    let topics = page.texts("#topics label");
    assert_eq!(topics, ["Hydrogen", "Circular economy"]);
    let hydrogen = page.attr("#topics input", "value").unwrap();
    let page = a
        .submit(
            &page,
            "form[action$='/matchmaking/profile']",
            &[
                ("organisation", "ClusterAllianz.NRW"),
                ("country", "DE"),
                ("description", "Die Cluster in NRW."),
                ("topics", &hydrogen),
            ],
        )
        .await;
    assert_eq!(page.status, 200, "{}", page.text("main"));
    assert!(page.text(".flash").contains("profile has been saved"));
    let page = a
        .submit(
            &page,
            "#entry-form",
            &[
                ("kind", "request"),
                ("title", "Partner für Elektrolyseure"),
                ("body", "Wir suchen Hersteller von Elektrolyseuren."),
            ],
        )
        .await;
    assert_eq!(page.status, 200);
    assert_eq!(
        page.texts("#entries strong"),
        ["Partner für Elektrolyseure"]
    );

    // A new entry without a title is refused and keeps what was typed.
    let refused = a
        .submit(
            &page,
            "#entry-form",
            &[
                ("kind", "expertise"),
                ("title", " "),
                ("body", "Betrieb von H2-Tankstellen"),
            ],
        )
        .await;
    assert_eq!(refused.status, 422);
    assert_eq!(
        refused.attr(".error-summary a", "href").as_deref(),
        Some("#title")
    );
    assert!(!refused.text("#entry-form .field-error").is_empty());
    assert_eq!(
        refused
            .attr("#entry-form option[selected]", "value")
            .as_deref(),
        Some("expertise")
    );
    assert_eq!(
        refused.text("#entry-form textarea"),
        "Betrieb von H2-Tankstellen"
    );
    assert_eq!(refused.texts("#entries strong").len(), 1);

    // Her entry is edited in place: a refused edit opens its form again, with the message
    // linked from the summary and the typed text; then it is saved.
    let entry = page.attr("#entries details form", "action").unwrap();
    let id = entry.rsplit('/').next().unwrap().to_string();
    let form = format!("form[action='{entry}']");
    let refused = a
        .submit(
            &page,
            &form,
            &[
                (&format!("entry-{id}-title"), ""),
                (&format!("entry-{id}-body"), "Neuer Text"),
            ],
        )
        .await;
    assert_eq!(refused.status, 422);
    assert_eq!(
        refused.attr(".error-summary a", "href"),
        Some(format!("#entry-{id}-title"))
    );
    assert!(!refused.text(&format!("#entry-{id}-title-error")).is_empty());
    assert!(refused.attr("#entries details", "open").is_some());
    assert_eq!(refused.text(&format!("#entry-{id}-body")), "Neuer Text");
    assert_eq!(
        refused.texts("#entries strong"),
        ["Partner für Elektrolyseure"]
    );
    let page = a
        .submit(
            &page,
            &form,
            &[
                (&format!("entry-{id}-kind"), "request"),
                (
                    &format!("entry-{id}-title"),
                    "Partner für Elektrolyseure und Speicher",
                ),
            ],
        )
        .await;
    assert_eq!(page.status, 200, "{}", page.text("main"));
    assert!(
        page.text(".flash").contains("entry has been saved"),
        "{}",
        page.text(".flash")
    );
    assert_eq!(
        page.texts("#entries strong"),
        ["Partner für Elektrolyseure und Speicher"]
    );
    assert_eq!(page.texts("#entries .badge"), ["Request"]);
    assert!(
        page.text("#entries")
            .contains("Wir suchen Hersteller von Elektrolyseuren.")
    );

    // Jonas, in German, offers electrolysers on the same topic.
    let j = app.signed_in("jonas@example.org", "de").await;
    let page = j.get(&format!("/events/{SLUG}/matchmaking")).await;
    let page = j
        .submit(
            &page,
            "form[action$='/matchmaking/profile']",
            &[
                ("organisation", "25square GmbH"),
                ("country", "DE"),
                ("topics", &hydrogen),
            ],
        )
        .await;
    assert!(
        page.text(".flash").contains("gespeichert"),
        "{}",
        page.text("main")
    );
    j.submit(
        &page,
        "#entry-form",
        &[
            ("kind", "offer"),
            ("title", "Elektrolyseure im Megawattbereich"),
            ("body", ""),
        ],
    )
    .await;
    // Jonas cannot edit Anna's entry.
    let theirs = j.get(&format!("/events/{SLUG}/matchmaking")).await;
    let token = theirs.attr("input[name=csrf_token]", "value").unwrap();
    let denied = j
        .post_form(
            &entry,
            &[
                ("csrf_token", token.as_str()),
                (&format!("entry-{id}-kind"), "offer"),
                (&format!("entry-{id}-title"), "Gekapert"),
            ],
        )
        .await;
    assert_eq!(denied.status, 404, "{}", denied.text("main"));
    assert_eq!(
        app.count("select count(*) from matchmaking_entries where title = 'Gekapert'")
            .await,
        0
    );

    // Anna's suggestions name Jonas first, with the reasons; the marketplace filters.
    let page = a.get(&format!("/events/{SLUG}/matchmaking")).await;
    assert_eq!(page.texts("#suggestions .mm-card h3"), ["Jonas Becker"]);
    let reasons = page.text("#suggestions .mm-reasons");
    assert!(reasons.contains("Shared topics: Hydrogen"), "{reasons}");
    assert!(
        reasons.contains("Elektrolyseure im Megawattbereich"),
        "{reasons}"
    );
    let found = a
        .get(&format!(
            "/events/{SLUG}/matchmaking/profiles?kind=offer&q=megawatt"
        ))
        .await;
    assert_eq!(found.texts("#profiles h3"), ["Jonas Becker"]);
    let none = a
        .get(&format!(
            "/events/{SLUG}/matchmaking/profiles?kind=request&q=megawatt"
        ))
        .await;
    assert!(none.texts("#profiles h3").is_empty());
    let none = a
        .get(&format!("/events/{SLUG}/matchmaking/profiles?country=NL"))
        .await;
    assert!(none.texts("#profiles h3").is_empty());

    // Anna sends a request from the marketplace card.
    let page = a
        .submit(
            &found,
            "#profiles form.mm-request-form",
            &[("message", "Shall we talk about electrolysers?")],
        )
        .await;
    assert_eq!(page.status, 200, "{}", page.text("main"));
    assert!(page.text("#outgoing").contains("Jonas Becker"));
    let mail = mail_to(
        &app,
        "jonas@example.org",
        "Gesprächsanfrage von Anna Kowalczyk",
    )
    .await;
    assert!(mail.text.contains("Shall we talk about electrolysers?"));

    // Jonas accepts with the first common slot: 14:00 at Tisch A.
    let page = j.get(&format!("/events/{SLUG}/matchmaking")).await;
    let id = request_id_in(&page, "incoming");
    let page = j
        .submit(
            &page,
            &format!("form[action$='/requests/{id}/accept']"),
            &[("pick", "auto")],
        )
        .await;
    assert_eq!(page.status, 200, "{}", page.text("main"));
    let row = page.text("#my-meetings tbody tr");
    assert!(row.contains("14:00–14:20"), "{row}");
    assert!(row.contains("Tisch A"), "{row}");
    assert!(
        row.contains("Anna Kowalczyk") && row.contains("ClusterAllianz.NRW"),
        "{row}"
    );

    // Anna is told in English: accepted, then scheduled with an .ics for her calendar.
    mail_to(
        &app,
        "anna@example.org",
        "Jonas Becker accepted your meeting request",
    )
    .await;
    let scheduled = mail_to(&app, "anna@example.org", "Your meeting with Jonas Becker").await;
    assert!(
        scheduled.text.contains("at Tisch A.") && !scheduled.text.contains("table Tisch"),
        "{}",
        scheduled.text
    );
    let ics = ics_of(&scheduled);
    assert!(ics.contains("SUMMARY:Meeting with Jonas Becker"), "{ics}");
    assert!(
        ics.contains("DTSTART:20261108T130000Z") && ics.contains("DTEND:20261108T132000Z"),
        "{ics}"
    );
    let scheduled_de = mail_to(&app, "jonas@example.org", "Ihr Gespräch mit Anna Kowalczyk").await;
    assert!(
        scheduled_de.text.contains("an Tisch A statt")
            && !scheduled_de.text.contains("Tisch Tisch"),
        "{}",
        scheduled_de.text
    );

    // The meeting is on Anna's page and in her personal calendar feed.
    let page = a.get(&format!("/events/{SLUG}/matchmaking")).await;
    assert!(page.text("#my-meetings").contains("Jonas Becker"));
    let agenda = a.get("/me/agenda").await;
    let feed_url = agenda
        .attr("a[href*='/calendar/']", "href")
        .expect("a personal feed link");
    let feed_path = feed_url[feed_url.find("/calendar/").unwrap()..].to_string();
    let feed = app.client("en").get(&feed_path).await;
    assert_eq!(feed.status, 200);
    let ics = feed.body.replace("\r\n ", "");
    assert!(ics.contains("SUMMARY:Meeting with Jonas Becker"), "{ics}");
    assert!(ics.contains("DTSTART:20261108T130000Z"), "{ics}");
    // … and on her personal agenda; the event page leads to matchmaking.
    assert!(
        agenda
            .text("#my-meetings")
            .contains("Jonas Becker, 25square GmbH"),
        "{}",
        agenda.text("main")
    );
    let event = a.get(&format!("/events/{SLUG}")).await;
    assert_eq!(
        event.attr("a[href$='/matchmaking']", "href").as_deref(),
        Some(format!("/events/{SLUG}/matchmaking").as_str())
    );
}

/// The data download holds the person's matchmaking; deleting the account calls off their
/// meetings and tells the other side.
#[tokio::test]
async fn the_data_download_and_account_deletion_cover_matchmaking() {
    let app = TestApp::spawn().await;
    arranged(&app, "2", "6").await;
    let (anna, _) = participant(&app, "anna@example.org", "Anna", "ClusterAllianz").await;
    let (jonas, jonas_p) = participant(&app, "jonas@example.org", "Jonas", "25square").await;
    let r = mm::send_request(&app.state, &anna, SLUG, jonas_p, "Hallo Jonas")
        .await
        .unwrap();
    mm::accept(&app.state, &jonas, SLUG, r.id, Pick::Auto)
        .await
        .unwrap();
    let data = convene::account::privacy::export(&app.state, &anna)
        .await
        .unwrap();
    let mine = &data["matchmaking"][0];
    assert_eq!(mine["organisation"], "ClusterAllianz");
    assert_eq!(mine["requests"][0]["message"], "Hallo Jonas");
    assert_eq!(mine["meetings"][0]["with"], "Jonas");

    convene::account::privacy::delete(&app.state, &anna, convene_tests::PASSWORD)
        .await
        .unwrap();
    let told = mail_to(&app, "jonas@example.org", "Gespräch mit Anna abgesagt").await;
    assert!(ics_of(&told).contains("STATUS:CANCELLED"));
    assert_eq!(
        app.count("select count(*) from matchmaking_profiles").await,
        1
    );
    assert_eq!(
        app.count("select count(*) from matchmaking_meetings").await,
        0
    );
}

#[tokio::test]
async fn bad_input_gets_a_clear_message_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let f = arranged(&app, "1", "6").await;
    let (anna, anna_p) = participant(&app, "anna@example.org", "Anna", "A").await;
    let (jonas, jonas_p) = participant(&app, "jonas@example.org", "Jonas", "J").await;
    let (lea, lea_p) = participant(&app, "lea@example.org", "Lea", "L").await;
    let a = app.signed_in("anna@example.org", "de").await;
    let path = format!("/events/{SLUG}/matchmaking/requests");

    // A request to oneself.
    let page = post(&a, &path, &[("to", &anna_p.to_string()), ("message", "")]).await;
    assert_eq!(page.status, 409);
    assert!(
        page.text("#problem").contains("mit sich selbst"),
        "{}",
        page.text("main")
    );
    // A duplicate (also the other way round).
    let r = mm::send_request(&app.state, &anna, SLUG, jonas_p, "Hallo")
        .await
        .unwrap();
    let page = post(&a, &path, &[("to", &jonas_p.to_string()), ("message", "")]).await;
    assert_eq!(page.status, 409);
    assert!(
        page.text("#problem")
            .contains("bereits eine offene Anfrage")
    );
    let e = mm::send_request(&app.state, &jonas, SLUG, anna_p, "")
        .await
        .unwrap_err();
    assert!(matches!(e, convene::error::AppError::Conflict(_)), "{e:?}");
    // A message that is too long; an unknown profile.
    let long = "x".repeat(501);
    let page = post(&a, &path, &[("to", &lea_p.to_string()), ("message", &long)]).await;
    assert_eq!(page.status, 422);
    let page = post(&a, &path, &[("to", "999999"), ("message", "")]).await;
    assert_eq!(page.status, 404);
    assert_eq!(
        app.count("select count(*) from matchmaking_requests").await,
        1
    );

    // Declining needs a reason; a slot outside the session is refused; the request stays.
    set_language(&app, "jonas@example.org", "en").await;
    let j = app.signed_in("jonas@example.org", "en").await;
    let decline = format!("/events/{SLUG}/matchmaking/requests/{}/decline", r.id);
    let page = post(&j, &decline, &[("reason", "  ")]).await;
    assert_eq!(page.status, 422);
    assert!(
        page.text(".error-summary").contains("fill this in"),
        "{}",
        page.text("main")
    );
    let accept = format!("/events/{SLUG}/matchmaking/requests/{}/accept", r.id);
    let page = post(&j, &accept, &[("pick", &format!("{}:99", f.mm_session))]).await;
    assert_eq!(page.status, 422, "{}", page.text("main"));
    assert!(
        page.text(".error-summary")
            .contains("not part of the session")
    );
    // Only the receiver answers.
    let page = post(&a, &accept, &[("pick", "auto")]).await;
    assert_eq!(page.status, 404);
    let status: String = sqlx::query_scalar("select status from matchmaking_requests")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(status, "pending");
    assert_eq!(
        app.count("select count(*) from matchmaking_meetings").await,
        0
    );

    // With one table, a second meeting in the same slot finds the table taken.
    mm::accept(
        &app.state,
        &jonas,
        SLUG,
        r.id,
        Pick::Slot {
            session: f.mm_session,
            slot: 0,
        },
    )
    .await
    .unwrap();
    let r2 = mm::send_request(&app.state, &lea, SLUG, anna_p, "")
        .await
        .unwrap();
    let a_page = post(
        &a,
        &format!("/events/{SLUG}/matchmaking/requests/{}/accept", r2.id),
        &[("pick", &format!("{}:0", f.mm_session))],
    )
    .await;
    assert_eq!(a_page.status, 409);
    assert!(
        a_page.text("#problem").contains("bereits ein Gespräch"),
        "{}",
        a_page.text("main")
    );
    assert_eq!(
        app.count("select count(*) from matchmaking_meetings").await,
        1
    );
    let pending: i64 = app
        .count("select count(*) from matchmaking_requests where status = 'pending'")
        .await;
    assert_eq!(pending, 1, "the refused accept left the request pending");

    // The organiser cannot move a meeting onto a table that does not exist or is taken.
    let o = app.signed_in("orga@example.org", "de").await;
    let grid = o
        .get(&format!("/orga/events/{SLUG}/matchmaking/grid"))
        .await;
    assert_eq!(grid.status, 200);
    let meeting: i64 = sqlx::query_scalar("select id from matchmaking_meetings")
        .fetch_one(&app.db)
        .await
        .unwrap();
    let moved = post(
        &o,
        &format!("/orga/events/{SLUG}/matchmaking/meetings/{meeting}/move"),
        &[
            ("place", &format!("{}:1", f.mm_session)),
            ("table", &format!("{}:5", f.mm_session)),
        ],
    )
    .await;
    assert_eq!(moved.status, 422);
    assert!(
        moved.text(".error-summary").contains("Tisch gibt es"),
        "{}",
        moved.text("main")
    );
    let _ = lea;
}

#[tokio::test]
async fn profiles_are_seen_only_by_participants_who_take_part_and_by_organisers() {
    let app = TestApp::spawn().await;
    arranged(&app, "4", "6").await;
    let (_, _anna_p) = participant(&app, "anna@example.org", "Anna Sichtbar", "A").await;
    let (hidden, hidden_p) = participant(&app, "hugo@example.org", "Hugo Verborgen", "H").await;
    mm::set_hidden(&app.state, &hidden, SLUG, true)
        .await
        .unwrap();
    registered(&app, "nora@example.org", "Nora Ohneprofil").await;
    app.account("gast@example.org", "Gast", false).await;
    let browse = format!("/events/{SLUG}/matchmaking/profiles");

    // Not registered: the page says to register, the marketplace is closed.
    let g = app.signed_in("gast@example.org", "de").await;
    let page = g.get(&format!("/events/{SLUG}/matchmaking")).await;
    assert!(
        page.text("main")
            .contains("Melden Sie sich zuerst zur Veranstaltung an")
    );
    assert!(
        page.texts("form[action$='/matchmaking/profile']")
            .is_empty()
    );
    let page = g.get(&browse).await;
    assert_eq!(page.status, 403);
    assert!(page.texts("#profiles h3").is_empty());
    // Registered without a profile: nothing to see yet.
    let n = app.signed_in("nora@example.org", "de").await;
    let page = n.get(&browse).await;
    assert_eq!(page.status, 403);
    assert!(
        page.text("#problem").contains("Matchmaking-Profil an"),
        "{}",
        page.text("main")
    );
    // Anonymous visitors are sent to sign in.
    let page = app.client("de").get(&browse).await;
    assert!(page.url.contains("/signin"), "{}", page.url);

    // A participant sees the visible profile, not the hidden one, and cannot request it.
    let a = app.signed_in("anna@example.org", "de").await;
    let page = a.get(&browse).await;
    assert_eq!(page.texts("#profiles h3"), Vec::<String>::new());
    let page = post(
        &a,
        &format!("/events/{SLUG}/matchmaking/requests"),
        &[("to", &hidden_p.to_string()), ("message", "")],
    )
    .await;
    assert_eq!(page.status, 404);
    // Once Hugo shows his profile again, Anna sees it.
    mm::set_hidden(&app.state, &hidden, SLUG, false)
        .await
        .unwrap();
    let page = a.get(&browse).await;
    assert_eq!(page.texts("#profiles h3"), ["Hugo Verborgen"]);
    // Anna hides hers: she no longer browses, and Hugo no longer sees her.
    let me = a.get(&format!("/events/{SLUG}/matchmaking")).await;
    let page = a
        .submit(
            &me,
            "form[action$='/matchmaking/profile']",
            &[("organisation", "A"), ("hidden", "true")],
        )
        .await;
    assert_eq!(page.status, 200);
    assert_eq!(a.get(&browse).await.status, 403);
    let h = app.signed_in("hugo@example.org", "de").await;
    assert!(h.get(&browse).await.texts("#profiles h3").is_empty());

    // The organiser sees everyone, hidden ones marked.
    let o = app.signed_in("orga@example.org", "de").await;
    let page = o.get(&browse).await;
    assert_eq!(page.status, 200);
    assert_eq!(
        page.texts("#profiles h3"),
        ["Anna Sichtbar", "Hugo Verborgen"]
    );
    assert!(page.text("#profiles").contains("verborgen"));

    // Without matchmaking switched on, the page does not exist.
    let olaf = app
        .actor(app.organiser("o2@example.org", "Other").await)
        .await;
    app.event(&olaf, "other-2026").await;
    let page = a.get("/events/other-2026/matchmaking").await;
    assert_eq!(page.status, 404);
}

/// Ten people's requests to one person are accepted at the same moment, each taking the first
/// free slot; and six pairs accept into the same slot of a session with two tables. Nobody is
/// ever in two meetings at once, no table holds two, and a refused accept changes nothing.
#[tokio::test]
async fn concurrent_accepts_never_double_book_a_person_or_a_table() {
    let app = TestApp::spawn().await;
    let f = arranged(&app, "2", "6").await;
    let (star, star_p) = participant(&app, "star@example.org", "Star", "S").await;
    let mut requests = Vec::new();
    for i in 0..10 {
        let (actor, _) =
            participant(&app, &format!("p{i}@example.org"), &format!("P {i}"), "P").await;
        requests.push(
            mm::send_request(&app.state, &actor, SLUG, star_p, "")
                .await
                .unwrap()
                .id,
        );
    }
    let tasks: Vec<_> = requests
        .iter()
        .map(|id| {
            let (state, star, id) = (app.state.clone(), star.clone(), *id);
            tokio::spawn(async move { mm::accept(&state, &star, SLUG, id, Pick::Auto).await })
        })
        .collect();
    for t in tasks {
        t.await.unwrap().unwrap();
    }
    // Star has six slots (14:00–16:00 in 20 minutes): six meetings, one per slot; the other
    // four are agreed and wait for a slot.
    let slots = person_slots(&app).await;
    let star_slots: Vec<i64> = slots
        .iter()
        .filter(|(p, _, _)| *p == star_p)
        .map(|(_, s, _)| *s)
        .collect();
    assert_eq!(star_slots, vec![0, 1, 2, 3, 4, 5]);
    assert_eq!(
        app.count("select count(*) from matchmaking_requests where status = 'accepted'")
            .await,
        10
    );

    // Six pairs accept into slot 0 of the two-table session at once: two get it.
    let mut pairs = Vec::new();
    for i in 0..6 {
        let (a, _) = participant(&app, &format!("a{i}@example.org"), &format!("A {i}"), "A").await;
        let (b, b_p) =
            participant(&app, &format!("b{i}@example.org"), &format!("B {i}"), "B").await;
        let r = mm::send_request(&app.state, &a, SLUG, b_p, "")
            .await
            .unwrap();
        pairs.push((b, r.id));
    }
    let tasks: Vec<_> = pairs
        .into_iter()
        .map(|(b, id)| {
            let (state, session) = (app.state.clone(), f.mm_session);
            tokio::spawn(async move {
                mm::accept(&state, &b, SLUG, id, Pick::Slot { session, slot: 1 }).await
            })
        })
        .collect();
    let mut ok = 0;
    for t in tasks {
        match t.await.unwrap() {
            Ok(_) => ok += 1,
            Err(convene::error::AppError::Conflict(m)) => {
                assert!(
                    ["mm-slot-full", "mm-slot-just-taken"].contains(&m.id),
                    "{m:?}"
                )
            }
            Err(e) => panic!("{e:?}"),
        }
    }
    // Slot 1 already had one of Star's meetings at a table: one table was left.
    assert_eq!(ok, 1);
    assert_eq!(
        app.count("select count(*) from matchmaking_requests where status = 'pending'")
            .await,
        5,
        "the refused accepts left their requests pending"
    );
    let slots = person_slots(&app).await;
    let mut seen = std::collections::HashSet::new();
    for (person, slot, _) in &slots {
        assert!(
            seen.insert((person, slot)),
            "person {person} twice in slot {slot}"
        );
    }
    let tables: Vec<(i64, i64, i64)> = sqlx::query_as(
        "select session_id, slot, count(*) from matchmaking_meetings where cancelled_at is null \
         group by session_id, slot, table_no having count(*) > 1",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert!(tables.is_empty(), "a table twice: {tables:?}");
}

#[tokio::test]
async fn booked_sessions_and_the_limit_keep_people_free() {
    let app = TestApp::spawn().await;
    let f = arranged(&app, "4", "2").await;
    let (anna, anna_p) = participant(&app, "anna@example.org", "Anna", "A").await;
    let (jonas, jonas_p) = participant(&app, "jonas@example.org", "Jonas", "J").await;
    // Jonas booked the workshop 14:00–15:00: the first three slots are not his.
    convene::registration::bookings::book(&app.state, &jonas, SLUG, f.workshop)
        .await
        .unwrap();
    let r = mm::send_request(&app.state, &anna, SLUG, jonas_p, "")
        .await
        .unwrap();
    let e = mm::accept(
        &app.state,
        &jonas,
        SLUG,
        r.id,
        Pick::Slot {
            session: f.mm_session,
            slot: 0,
        },
    )
    .await
    .unwrap_err();
    match e {
        convene::error::AppError::Conflict(m) => assert_eq!(m.id, "mm-person-booked"),
        e => panic!("{e:?}"),
    }
    mm::accept(&app.state, &jonas, SLUG, r.id, Pick::Auto)
        .await
        .unwrap();
    let start: chrono::DateTime<chrono::Utc> =
        sqlx::query_scalar("select starts_at from matchmaking_meetings")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(
        start.to_rfc3339(),
        "2026-11-08T14:00:00+00:00",
        "15:00 local, after the workshop"
    );

    // A limit of two meetings per session: Anna's third agreed meeting waits for a slot.
    for i in 0..2 {
        let (p, _) = participant(&app, &format!("p{i}@example.org"), &format!("P {i}"), "P").await;
        let r = mm::send_request(&app.state, &p, SLUG, anna_p, "")
            .await
            .unwrap();
        mm::accept(&app.state, &anna, SLUG, r.id, Pick::Auto)
            .await
            .unwrap();
    }
    let anna_meetings = person_slots(&app)
        .await
        .into_iter()
        .filter(|(p, _, _)| *p == anna_p)
        .count();
    assert_eq!(anna_meetings, 2);
    // The grid explains why the third waits.
    let o = app.signed_in("orga@example.org", "en").await;
    let grid = o
        .get(&format!("/orga/events/{SLUG}/matchmaking/grid"))
        .await;
    assert!(
        grid.text("#waiting")
            .contains("Anna hat die Höchstzahl an Gesprächen erreicht"),
        "{}",
        grid.text("#waiting")
    );
}

#[tokio::test]
async fn organisers_set_up_schedule_move_cancel_lock_and_print() {
    let app = TestApp::spawn().await;
    let olaf = app.organiser_and_event(SLUG).await;
    registration::configure(&app.state, &olaf, SLUG, &RegSettings::default())
        .await
        .unwrap();
    app.session(
        &olaf,
        SLUG,
        &agenda_session("matchmaking", "Matchmaking I", "14:00", "15:00", false),
    )
    .await;
    let o = app.signed_in("orga@example.org", "de").await;
    let base = format!("/orga/events/{SLUG}/matchmaking");

    // Settings: a bad limit is named at its field; then matchmaking goes on.
    let page = o.get(&base).await;
    assert_eq!(page.status, 200);
    let page = o
        .submit(
            &page,
            "#settings-form",
            &[
                ("enabled", "true"),
                ("audience", "registered"),
                ("max_per_person", "0"),
            ],
        )
        .await;
    assert_eq!(page.status, 422);
    assert!(page.text(".error-summary").contains("1 bis 50"));
    let page = o
        .submit(
            &page,
            "#settings-form",
            &[
                ("enabled", "true"),
                ("acceptance_required", "true"),
                ("audience", "registered"),
                ("max_per_person", "3"),
            ],
        )
        .await;
    assert_eq!(page.status, 200, "{}", page.text("main"));
    // Topics and a session; a bad break and an empty table list are refused first.
    let page = o
        .submit(
            &page,
            "form[action$='/topics']",
            &[("name_de", "Wasserstoff"), ("name_en", "Hydrogen")],
        )
        .await;
    assert_eq!(page.texts("#topic-list li").len(), 1);
    let agenda_id = page.attr("#agenda_session_id option", "value").unwrap();
    let refused = o
        .submit(
            &page,
            "#session-form",
            &[
                ("agenda_session_id", &agenda_id),
                ("slot_minutes", "15"),
                ("tables", ""),
                ("breaks", "halb drei"),
            ],
        )
        .await;
    assert_eq!(refused.status, 422);
    let summary = refused.text(".error-summary");
    assert!(
        summary.contains("mindestens einen Tisch") && summary.contains("„halb drei“"),
        "{summary}"
    );
    assert_eq!(
        app.count("select count(*) from matchmaking_sessions").await,
        0
    );
    let page = o
        .submit(
            &refused,
            "#session-form",
            &[
                ("agenda_session_id", &agenda_id),
                ("slot_minutes", "15"),
                ("gap_minutes", "0"),
                ("tables", "Stand Nord\nStand Süd"),
                ("breaks", "14:30-14:45"),
            ],
        )
        .await;
    assert_eq!(page.status, 200, "{}", page.text("main"));
    // 14:00, 14:15, (break) 14:45: three slots, two tables.
    assert!(
        page.text("details.mm-session summary")
            .contains("3 / 2 / 0"),
        "{}",
        page.text("details.mm-session summary")
    );
    let mm_session: i64 = sqlx::query_scalar("select id from matchmaking_sessions")
        .fetch_one(&app.db)
        .await
        .unwrap();

    // Four people, three agreed requests without slots; the scheduler places them.
    let mut people = Vec::new();
    for i in 0..4 {
        people.push(
            participant(
                &app,
                &format!("p{i}@example.org"),
                &format!("Person {i}"),
                &format!("Org {i}"),
            )
            .await,
        );
    }
    for (from, to) in [(0, 1), (2, 3), (0, 2)] {
        let r = mm::send_request(&app.state, &people[from].0, SLUG, people[to].1, "")
            .await
            .unwrap();
        mm::accept(&app.state, &people[to].0, SLUG, r.id, Pick::Later)
            .await
            .unwrap();
    }
    let grid = o.get(&format!("{base}/grid")).await;
    assert_eq!(grid.texts("#waiting li").len(), 3);
    let grid = o.submit(&grid, "form[action$='/schedule']", &[]).await;
    assert_eq!(grid.status, 200);
    assert!(
        grid.text("#report").contains("3 Gespräche eingeplant"),
        "{}",
        grid.text("main")
    );
    let cells: Vec<String> = grid.texts(".mm-grid-table td a");
    assert_eq!(cells.len(), 3, "{cells:?}");
    assert!(
        cells.contains(&"Person 0 – Person 1".to_string()),
        "{cells:?}"
    );
    let slots = person_slots(&app).await;
    let mut seen = std::collections::HashSet::new();
    assert!(
        slots.iter().all(|(p, s, _)| seen.insert((*p, *s))),
        "{slots:?}"
    );

    // Moving onto a taken table is refused; to a free one works and both are told.
    let (meeting, slot, table): (i64, i64, i64) = sqlx::query_as(
        "select m.id, m.slot, m.table_no from matchmaking_meetings m join matchmaking_requests r on r.id = m.request_id where r.from_profile = $1 and r.to_profile = $2",
    )
    .bind(people[0].1)
    .bind(people[1].1)
    .fetch_one(&app.db)
    .await
    .unwrap();
    let other: (i64, i64) = sqlx::query_as(
        "select slot, table_no from matchmaking_meetings where id <> $1 order by id limit 1",
    )
    .bind(meeting)
    .fetch_one(&app.db)
    .await
    .unwrap();
    // The grid's cell links to the meeting's page with its move and cancel forms.
    let link = grid.attr(&format!("#meeting-{meeting}"), "href").unwrap();
    let page = o.get(&link).await;
    assert_eq!(page.status, 200);
    assert_eq!(page.text("h1"), "Person 0 – Person 1");
    // Its own title, naming the pair and the event (not the grid's title again).
    let event_title: String = sqlx::query_scalar("select title_de from events where slug = $1")
        .bind(SLUG)
        .fetch_one(&app.db)
        .await
        .unwrap();
    let title = page.text("title");
    assert!(
        title.starts_with("Gespräch: Person 0 – Person 1 – "),
        "{title}"
    );
    assert!(title.contains(&event_title), "{title}");
    let grid_title = grid.text("title");
    assert!(grid_title.starts_with("Gesprächsplan – "), "{grid_title}");
    assert!(grid_title.contains(&event_title), "{grid_title}");
    assert_eq!(
        page.attr("#slot option[selected]", "value"),
        Some(format!("{mm_session}:{slot}"))
    );
    let refused = o
        .submit(
            &page,
            "#move-form",
            &[
                ("place", &format!("{mm_session}:{}", other.0)),
                ("table", &format!("{mm_session}:{}", other.1)),
            ],
        )
        .await;
    assert_eq!(refused.status, 409, "{}", refused.text("main"));
    assert!(!refused.text("#problem").is_empty());
    assert!(refused.attr("#move-form", "action").is_some());
    let free_slot = (0..3)
        .find(|s| {
            *s != slot
                && !slots
                    .iter()
                    .any(|(p, x, _)| (*p == people[0].1 || *p == people[1].1) && x == s)
        })
        .unwrap();
    let page = o
        .submit(
            &page,
            "#move-form",
            &[
                ("place", &format!("{mm_session}:{free_slot}")),
                ("table", ""),
            ],
        )
        .await;
    assert_eq!(page.status, 200, "{}", page.text("main"));
    assert!(
        page.text(".flash").contains("verschoben"),
        "{}",
        page.text(".flash")
    );
    assert!(page.attr(&format!("#meeting-{meeting}"), "href").is_some());
    let moved = mail_to(&app, "p1@example.org", "Gespräch mit Person 0 verschoben").await;
    let ics = ics_of(&moved);
    assert!(
        ics.contains("SEQUENCE:1"),
        "a move raises the sequence: {ics}"
    );
    let _ = table;

    // Cancelling tells both and frees the table; the calendar item stays, cancelled.
    let meeting_page = o.get(&link).await;
    let page = o
        .submit(
            &meeting_page,
            "#cancel-form",
            &[("reason", "Raum fällt aus")],
        )
        .await;
    assert_eq!(page.status, 200);
    assert!(page.attr(&format!("#meeting-{meeting}"), "href").is_none());
    assert_eq!(o.get(&link).await.status, 404);
    let cancelled = mail_to(&app, "p1@example.org", "Gespräch mit Person 0 abgesagt").await;
    assert!(cancelled.text.contains("Raum fällt aus"));
    assert_eq!(
        app.count("select count(*) from matchmaking_meetings where cancelled_at is null")
            .await,
        2
    );
    let items = mm::feed_items(&app.state, people[1].0.id, convene_frontend::Lang::De)
        .await
        .unwrap();
    assert_eq!(items.len(), 1);
    assert!(items[0].cancelled);

    // Lock: the scheduler and participants' picks are refused; the organiser still adds.
    let grid = o.get(&format!("{base}/grid")).await;
    let grid = o.submit(&grid, "form[action$='/lock']", &[]).await;
    assert!(grid.text("#locked").contains("festgeschrieben"));
    let page = post(&o, &format!("{base}/schedule"), &[]).await;
    assert_eq!(page.status, 409);
    let r = mm::send_request(&app.state, &people[1].0, SLUG, people[3].1, "")
        .await
        .unwrap();
    let e = mm::accept(
        &app.state,
        &people[3].0,
        SLUG,
        r.id,
        Pick::Slot {
            session: mm_session,
            slot: 2,
        },
    )
    .await
    .unwrap_err();
    assert!(
        matches!(e, convene::error::AppError::Conflict(ref m) if m.id == "mm-schedule-locked"),
        "{e:?}"
    );
    let page = post(
        &o,
        &format!("{base}/meetings"),
        &[
            ("person_a", &people[1].1.to_string()),
            ("person_b", &people[2].1.to_string()),
            ("place", &format!("{mm_session}:{free_slot}")),
            ("table", ""),
        ],
    )
    .await;
    assert_eq!(page.status, 200, "{}", page.text("main"));

    // The PDFs: a page per table of the session, a page per person with meetings.
    let tables = get_bytes(&o, &format!("{base}/tables.pdf")).await;
    assert_eq!(tables.status, 200);
    assert_eq!(tables.content_type, "application/pdf");
    let tables = tables.bytes;
    qpdf_check(&tables);
    assert_eq!(
        convene_tests::pdf_pages(&tables).len(),
        2,
        "one page per table"
    );
    let text = pdf_text(&tables);
    assert!(
        text.contains("Stand Nord") && text.contains("Stand Süd"),
        "{text}"
    );
    assert!(
        text.contains("Person 2") && text.contains("Org 3"),
        "{text}"
    );
    let people_pdf = get_bytes(&o, &format!("{base}/people.pdf")).await.bytes;
    qpdf_check(&people_pdf);
    assert_eq!(
        convene_tests::pdf_pages(&people_pdf).len(),
        4,
        "one page per person with meetings"
    );
    let text = pdf_text(&people_pdf);
    assert!(
        text.contains("Person 3") && text.contains("Stand"),
        "{text}"
    );

    // Someone else may not see the grid.
    let (_, _) = participant(&app, "x@example.org", "X", "X").await;
    let x = app.signed_in("x@example.org", "de").await;
    assert_eq!(x.get(&format!("{base}/grid")).await.status, 403);
    assert_eq!(x.get(&format!("{base}/tables.pdf")).await.status, 403);
    let live = o
        .get(&format!("{base}/grid"))
        .await
        .attr(".mm-grid-table td a", "href")
        .unwrap();
    assert_eq!(o.get(&live).await.status, 200);
    assert_eq!(x.get(&live).await.status, 403);
}
