//! Sign-up, e-mail confirmation, sign-in, sign-out, password reset, profile.

use convene_tests::{PASSWORD, TestApp};

/// Signs up through the form; returns the page after submitting.
async fn sign_up(
    client: &convene_tests::Client,
    name: &str,
    email: &str,
    org: &str,
) -> convene_tests::Page {
    let form = client.get("/signup").await;
    assert_eq!(form.status, 200);
    client
        .submit(
            &form,
            "form[action='/signup']",
            &[
                ("name", name),
                ("email", email),
                ("organisation", org),
                ("password", PASSWORD),
            ],
        )
        .await
}

/// A visitor signs up in German, confirms the address through the e-mailed link, signs in, sees
/// their profile, and signs out again.
#[tokio::test]
async fn sign_up_confirm_sign_in_and_out() {
    let app = TestApp::spawn().await;
    let client = app.client("de-DE,de;q=0.9");

    let after = sign_up(
        &client,
        "Jana Wüstefeld",
        "Jana.Wuestefeld@Example.org",
        "Fraunhofer UMSICHT",
    )
    .await;

    assert_eq!(after.status, 200);
    assert_eq!(after.text("h1"), "Bitte prüfen Sie Ihre E-Mails");
    assert!(after.text("main").contains("jana.wuestefeld@example.org"));
    app.drain_outbox().await;
    let mail = app.mail.nth_to("jana.wuestefeld@example.org", 1);
    assert_eq!(mail.subject, "Bitte bestätigen Sie Ihre E-Mail-Adresse");
    assert!(
        mail.text.starts_with("Guten Tag Jana Wüstefeld,"),
        "{}",
        mail.text
    );
    assert_eq!(
        app.count("select count(*) from accounts where email = 'jana.wuestefeld@example.org' and email_confirmed_at is null and language = 'de'").await,
        1
    );
    assert_eq!(
        app.count("select count(*) from organisations where name = 'Fraunhofer UMSICHT'")
            .await,
        1
    );

    // Signing in before confirming is refused, with an offer to resend the link.
    let signin = client.get("/signin").await;
    let refused = client
        .submit(
            &signin,
            "form[action='/signin']",
            &[
                ("email", "jana.wuestefeld@example.org"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(refused.status, 409);
    assert!(
        refused
            .text(".error-summary")
            .contains("Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse")
    );
    assert!(
        refused
            .attr("form[action='/confirm/resend']", "action")
            .is_some()
    );

    let confirmed = client.get(&mail.link(&app.base_url)).await;
    assert!(confirmed.url.ends_with("/signin"), "{}", confirmed.url);
    assert_eq!(
        confirmed.text(".flash"),
        "Danke, Ihre E-Mail-Adresse ist bestätigt. Sie können sich jetzt einloggen."
    );
    assert_eq!(
        app.count("select count(*) from accounts where email_confirmed_at is not null")
            .await,
        1
    );

    let me = client
        .submit(
            &confirmed,
            "form[action='/signin']",
            &[
                ("email", "jana.wuestefeld@example.org"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(me.status, 200);
    assert!(me.url.ends_with("/me"));
    assert_eq!(me.attr("#name", "value").as_deref(), Some("Jana Wüstefeld"));
    assert_eq!(
        me.attr("#organisation", "value").as_deref(),
        Some("Fraunhofer UMSICHT")
    );
    assert_eq!(me.text(".account-nav a"), "Eingeloggt als Jana Wüstefeld");
    assert_eq!(app.count("select count(*) from sessions").await, 1);

    let out = client.submit(&me, "form[action='/signout']", &[]).await;
    assert!(out.url.ends_with('/'), "{}", out.url);
    assert_eq!(out.text(".flash"), "Sie haben sich abgemeldet.");
    assert_eq!(app.count("select count(*) from sessions").await, 0);
    let again = client.get("/me").await;
    assert!(again.url.ends_with("/signin?next=/me"), "{}", again.url);
}

/// A confirmation link works once; a second use, or a made-up link, gets a clear 404 page.
#[tokio::test]
async fn confirmation_links_work_once() {
    let app = TestApp::spawn().await;
    let client = app.client("en");
    sign_up(&client, "Ada Lovelace", "ada@example.org", "").await;
    app.drain_outbox().await;
    let link = app.mail.nth_to("ada@example.org", 1).link(&app.base_url);

    assert!(client.get(&link).await.url.ends_with("/signin"));
    let second = client.get(&link).await;
    let made_up = client.get("/confirm/not-a-real-token").await;

    assert_eq!(second.status, 404);
    assert_eq!(
        second.text(".error-page .lead"),
        "This link is invalid or has expired. Please request a new one."
    );
    assert_eq!(made_up.status, 404);
}

/// Bad input keeps what the person typed (but the password), names every problem next to its
/// field and in a summary, in the person's language, and creates nothing.
#[tokio::test]
async fn sign_up_with_bad_input_explains_and_keeps_input() {
    let app = TestApp::spawn().await;
    let client = app.client("en-GB,en;q=0.8");

    let long_org = "x".repeat(161);
    let page = sign_up(&client, "", "not-an-address", &long_org).await;

    assert_eq!(page.status, 422);
    assert_eq!(page.text(".error-summary h2"), "There is a problem");
    assert_eq!(
        page.texts(".error-summary li"),
        [
            "Full name: Enter your full name",
            "Email address: Enter an email address in the correct format, like name@example.org",
            "Organisation: The organisation name must be 160 characters or fewer",
        ]
    );
    assert_eq!(
        page.attr("#email", "value").as_deref(),
        Some("not-an-address")
    );
    assert_eq!(page.attr("#email", "aria-invalid").as_deref(), Some("true"));
    assert_eq!(page.attr("#password", "value"), None);
    assert_eq!(app.count("select count(*) from accounts").await, 0);

    let short = sign_up(&client, "Ada", "ada@example.org", "").await;
    let form = client.get("/signup").await;
    let short_pw = client
        .submit(
            &form,
            "form[action='/signup']",
            &[
                ("name", "Ada"),
                ("email", "ada@example.org"),
                ("password", "kurz"),
            ],
        )
        .await;
    assert_eq!(short.status, 200);
    assert_eq!(short_pw.status, 422);
    assert_eq!(
        short_pw.text("#password-error"),
        "The password must be at least 10 characters long"
    );
}

/// Signing up with an address that has an account creates no second account; the owner is told
/// by e-mail, and the page says the same as for a new address.
#[tokio::test]
async fn sign_up_with_a_taken_address_tells_the_owner() {
    let app = TestApp::spawn().await;
    app.account("ada@example.org", "Ada Lovelace", false).await;
    let client = app.client("en");

    let page = sign_up(&client, "Someone Else", "ADA@example.org", "").await;

    assert_eq!(page.status, 200);
    assert_eq!(page.text("h1"), "Check your email");
    assert_eq!(app.count("select count(*) from accounts").await, 1);
    app.drain_outbox().await;
    let mail = app.mail.nth_to("ada@example.org", 1);
    assert_eq!(mail.subject, "Sie haben schon ein Konto");
    assert!(mail.text.contains(&format!("{}/reset", app.base_url)));
}

/// A wrong password gets one message for both fields; after five failures from one client,
/// that client waits (even with the right password) with a clear message, and the wait is over
/// after two minutes.
#[tokio::test]
async fn sign_in_failures_are_rate_limited() {
    let app = TestApp::spawn().await;
    app.account("ada@example.org", "Ada Lovelace", false).await;
    let client = app.client("en");

    for _ in 0..5 {
        let page = client.get("/signin").await;
        let failed = client
            .submit(
                &page,
                "form[action='/signin']",
                &[
                    ("email", "ada@example.org"),
                    ("password", "wrong password!"),
                ],
            )
            .await;
        assert_eq!(failed.status, 422);
        assert_eq!(
            failed.text("#email-error"),
            "The email address or password is not correct"
        );
    }
    let page = client.get("/signin").await;
    let limited = client
        .submit(
            &page,
            "form[action='/signin']",
            &[("email", "ada@example.org"), ("password", PASSWORD)],
        )
        .await;

    assert_eq!(limited.status, 429);
    assert_eq!(limited.text("h1"), "Too many attempts");
    assert_eq!(
        limited.text(".error-page .lead"),
        "Too many attempts. Please wait 2 minutes and try again."
    );
    assert_eq!(app.count("select count(*) from sessions").await, 0);

    app.clock.advance(chrono::Duration::minutes(3));
    app.signed_in("ada@example.org", "en").await;
}

/// Posts the sign-in form as a client at address `ip` (the kit's clients come through a
/// trusted proxy, which names the client in `X-Forwarded-For`); returns the status, without
/// following the redirect.
async fn sign_in_from(app: &TestApp, ip: &str, email: &str, password: &str) -> (u16, String) {
    let client = app.client_without_redirects("en");
    let csrf = csrf_of(&client, "/signin").await;
    let resp = client
        .http
        .post(app.url("/signin"))
        .header("x-forwarded-for", ip)
        .form(&[
            ("email", email),
            ("password", password),
            ("csrf_token", &csrf),
        ])
        .send()
        .await
        .unwrap();
    let status = resp.status().as_u16();
    let retry_after = resp
        .headers()
        .get("retry-after")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    let body = resp.text().await.unwrap();
    (status, format!("{retry_after}\n{body}"))
}

/// An attacker's failures do not lock the owner out: after many wrong passwords from one
/// address, even the right password from there waits, but the owner signs in from theirs.
#[tokio::test]
async fn an_attackers_failures_do_not_lock_the_owner_out() {
    let app = TestApp::spawn().await;
    app.account("admin@example.org", "Sarah Admin", true).await;

    let mut statuses = Vec::new();
    for _ in 0..12 {
        statuses.push(
            sign_in_from(
                &app,
                "203.0.113.7",
                "admin@example.org",
                "guess guess guess",
            )
            .await
            .0,
        );
    }
    assert_eq!(statuses[..5], [422; 5]);
    assert!(statuses[5..].iter().all(|s| *s == 429), "{statuses:?}");
    let (from_attacker, _) = sign_in_from(&app, "203.0.113.7", "admin@example.org", PASSWORD).await;
    assert_eq!(from_attacker, 429);

    let (owner, _) = sign_in_from(&app, "198.51.100.20", "admin@example.org", PASSWORD).await;
    assert_eq!(owner, 303, "the owner signs in from another address");
    assert_eq!(app.count("select count(*) from sessions").await, 1);
    // Refused attempts were not counted: the attacker's wait does not grow with them.
    assert_eq!(
        app.count("select count(*) from auth_attempts where subject like 'email:admin@example.org ip:203.0.113.7'")
            .await,
        5
    );
}

/// One wrong password for ada@example.org from 203.0.113.7, through the sign-in form.
async fn wrong_password(app_url: String) -> u16 {
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let page = client
        .get(format!("{app_url}/signin"))
        .send()
        .await
        .unwrap();
    let body = page.text().await.unwrap();
    let csrf = convene_tests::Page {
        status: 200,
        url: String::new(),
        headers: Default::default(),
        body,
    }
    .attr("input[name=csrf_token]", "value")
    .unwrap();
    client
        .post(format!("{app_url}/signin"))
        .header("x-forwarded-for", "203.0.113.7")
        .form(&[
            ("email", "ada@example.org"),
            ("password", "wrong password!"),
            ("csrf_token", csrf.as_str()),
        ])
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

/// Forty wrong passwords sent at the same instant: each attempt is counted before the slow
/// password check, so no more than five are checked (when all forty are counted before any
/// looks, none is); the others are refused and taken back, none fails.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn simultaneous_wrong_passwords_are_counted_before_they_are_checked() {
    let app = TestApp::spawn().await;
    app.account("ada@example.org", "Ada Lovelace", false).await;

    let tasks: Vec<_> = (0..40)
        .map(|_| tokio::spawn(wrong_password(app.base_url.clone())))
        .collect();
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(t.await.unwrap());
    }

    let checked = statuses.iter().filter(|s| **s == 422).count();
    assert!(checked <= 5, "{checked} checked: {statuses:?}");
    assert_eq!(
        statuses.iter().filter(|s| **s == 429).count(),
        40 - checked,
        "{statuses:?}"
    );
    assert_eq!(
        app.count("select count(*) from auth_attempts where subject like 'email:%'")
            .await as usize,
        checked,
        "each checked attempt counts, refused ones do not"
    );
    // Refused attempts were taken back: the next one is checked while fewer than five were.
    let next = wrong_password(app.base_url.clone()).await;
    assert_eq!(
        next,
        if checked < 5 { 422 } else { 429 },
        "after {checked} checked"
    );
}

/// Many sign-ins at once: no more passwords are hashed at a time than the server has permits;
/// who finds none free in time gets a friendly 503 page with `Retry-After`, never a 500.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_sign_ins_are_bounded_and_refused_politely() {
    let app = TestApp::spawn().await;
    app.account("ada@example.org", "Ada Lovelace", false).await;
    // No queue: whoever finds no free permit is refused at once.
    app.state
        .hasher
        .set_queue_wait(std::time::Duration::from_millis(0));

    let tasks: Vec<_> = (0..40)
        .map(|i| {
            let url = app.base_url.clone();
            tokio::spawn(async move {
                let client = reqwest::Client::builder()
                    .cookie_store(true)
                    .redirect(reqwest::redirect::Policy::none())
                    .build()
                    .unwrap();
                let body = client
                    .get(format!("{url}/signin"))
                    .header("accept-language", "de")
                    .send()
                    .await
                    .unwrap()
                    .text()
                    .await
                    .unwrap();
                let csrf = convene_tests::Page {
                    status: 200,
                    url: String::new(),
                    headers: Default::default(),
                    body,
                }
                .attr("input[name=csrf_token]", "value")
                .unwrap();
                let resp = client
                    .post(format!("{url}/signin"))
                    .header("accept-language", "de")
                    .header("x-forwarded-for", format!("198.51.100.{i}"))
                    .form(&[
                        ("email", "ada@example.org"),
                        ("password", convene_tests::PASSWORD),
                        ("csrf_token", csrf.as_str()),
                    ])
                    .send()
                    .await
                    .unwrap();
                convene_tests::Page::read(resp).await
            })
        })
        .collect();
    let mut pages = Vec::new();
    for t in tasks {
        pages.push(t.await.unwrap());
    }

    let statuses: Vec<u16> = pages.iter().map(|p| p.status).collect();
    assert!(
        statuses.iter().all(|s| [303, 503].contains(s)),
        "{statuses:?}"
    );
    let signed_in = statuses.iter().filter(|s| **s == 303).count();
    assert!(signed_in >= 1, "{statuses:?}");
    assert_eq!(
        app.count("select count(*) from sessions").await as usize,
        signed_in
    );
    let limit = app.state.hasher.limit();
    assert!(
        app.state.hasher.peak() <= limit,
        "{} hashes at once, limit {limit}",
        app.state.hasher.peak()
    );
    if let Some(busy) = pages.iter().find(|p| p.status == 503) {
        assert_eq!(busy.header("retry-after"), "5");
        assert_eq!(busy.text("h1"), "Gerade viel los");
        assert_eq!(
            busy.text(".error-page .lead"),
            "Gerade melden sich sehr viele Menschen gleichzeitig an. Bitte versuchen Sie es in ein paar Sekunden noch einmal."
        );
    }
    // Refused sign-ins were never checked, so they count as no failure.
    assert_eq!(app.count("select count(*) from auth_attempts").await, 0);
}

/// Signing in again replaces the session: the old session id stops working.
#[tokio::test]
async fn the_session_id_rotates_on_sign_in() {
    let app = TestApp::spawn().await;
    app.account("ada@example.org", "Ada Lovelace", false).await;
    let client = app.signed_in("ada@example.org", "en").await;
    let first: String = sqlx::query_scalar("select id from sessions")
        .fetch_one(&app.db)
        .await
        .unwrap();

    let page = client.get("/signin?next=/me").await;
    assert!(
        page.url.ends_with("/me"),
        "a signed-in visitor goes on to next"
    );
    let csrf = csrf_of(&client, "/me").await;
    let again = client
        .post_form(
            "/signin",
            &[
                ("email", "ada@example.org"),
                ("password", PASSWORD),
                ("csrf_token", &csrf),
            ],
        )
        .await;

    assert!(again.url.ends_with("/me"));
    let ids: Vec<String> = sqlx::query_scalar("select id from sessions")
        .fetch_all(&app.db)
        .await
        .unwrap();
    assert_eq!(ids.len(), 1);
    assert_ne!(ids[0], first);
}

/// The CSRF token of the forms on `path` for this client.
async fn csrf_of(client: &convene_tests::Client, path: &str) -> String {
    client
        .get(path)
        .await
        .attr("input[name=csrf_token]", "value")
        .expect("a form with a CSRF token")
}

/// A form posted without the CSRF token, or with a forged one, is refused and changes nothing.
#[tokio::test]
async fn forms_without_a_valid_csrf_token_are_refused() {
    let app = TestApp::spawn().await;
    let client = app.client("de");
    client.get("/signup").await;

    let fields = [
        ("name", "Eve"),
        ("email", "eve@example.org"),
        ("password", PASSWORD),
    ];
    let missing = client.post_form("/signup", &fields).await;
    let mut forged_fields = fields.to_vec();
    forged_fields.push(("csrf_token", "00ff00ff"));
    let forged = client.post_form("/signup", &forged_fields).await;

    for page in [missing, forged] {
        assert_eq!(page.status, 403);
        assert_eq!(
            page.text(".error-page .lead"),
            "Dieses Formular ist abgelaufen oder stammt nicht von dieser Website. Bitte laden Sie die Seite neu und versuchen Sie es noch einmal."
        );
    }
    assert_eq!(app.count("select count(*) from accounts").await, 0);
}

/// A forgotten password: the reset link sets a new password once, ends every session, and
/// expires after an hour.
#[tokio::test]
async fn password_reset_sets_a_new_password_once() {
    let app = TestApp::spawn().await;
    app.account("ada@example.org", "Ada Lovelace", false).await;
    let old_session = app.signed_in("ada@example.org", "en").await;
    let client = app.client("en");

    let form = client.get("/reset").await;
    let sent = client
        .submit(
            &form,
            "form[action='/reset']",
            &[("email", "ada@example.org")],
        )
        .await;
    let unknown = client
        .submit(
            &form,
            "form[action='/reset']",
            &[("email", "nobody@example.org")],
        )
        .await;
    assert_eq!(sent.text("h1"), "Check your email");
    assert_eq!(
        unknown.text("h1"),
        "Check your email",
        "no hint which addresses have accounts"
    );
    app.drain_outbox().await;
    let mail = app.mail.nth_to("ada@example.org", 1);
    assert_eq!(
        mail.subject, "Neues Passwort festlegen",
        "mail goes out in the account's language"
    );
    let link = mail.link(&format!("{}/reset/", app.base_url));

    let reset_form = client.get(&link).await;
    let too_short = client
        .submit(&reset_form, "form", &[("password", "short")])
        .await;
    assert_eq!(too_short.status, 422);
    let done = client
        .submit(
            &reset_form,
            "form",
            &[("password", "ein ganz neues passwort")],
        )
        .await;

    assert!(done.url.ends_with("/signin"));
    assert_eq!(
        done.text(".flash"),
        "Your password has been changed. Please sign in with the new one."
    );
    assert_eq!(app.count("select count(*) from sessions").await, 0);
    assert!(
        old_session.get("/me").await.url.contains("/signin"),
        "old sessions end"
    );
    let reused = client.get(&link).await;
    assert_eq!(reused.status, 404);
    let page = client.get("/signin").await;
    let old_pw = client
        .submit(
            &page,
            "form[action='/signin']",
            &[("email", "ada@example.org"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(old_pw.status, 422);
    let new_pw = client
        .submit(
            &page,
            "form[action='/signin']",
            &[
                ("email", "ada@example.org"),
                ("password", "ein ganz neues passwort"),
            ],
        )
        .await;
    assert!(new_pw.url.ends_with("/me"));

    // A second link, used after it expired.
    let form = client.get("/reset").await;
    client
        .submit(
            &form,
            "form[action='/reset']",
            &[("email", "ada@example.org")],
        )
        .await;
    app.drain_outbox().await;
    let late = app
        .mail
        .nth_to("ada@example.org", 2)
        .link(&format!("{}/reset/", app.base_url));
    app.clock.advance(chrono::Duration::minutes(61));
    assert_eq!(client.get(&late).await.status, 404);
}

/// People edit their name, organisation and language; the pages follow the new language.
#[tokio::test]
async fn profile_changes_are_saved_and_validated() {
    let app = TestApp::spawn().await;
    app.account("ada@example.org", "Ada Lovelace", false).await;
    let client = app.signed_in("ada@example.org", "de").await;
    let page = client.get("/me").await;
    assert_eq!(page.text("h1"), "Mein Profil");

    let bad = client
        .submit(
            &page,
            "form[action='/me']",
            &[("name", ""), ("language", "fr")],
        )
        .await;
    assert_eq!(bad.status, 422);
    assert_eq!(
        bad.texts(".error-summary li"),
        [
            "Vollständiger Name: Geben Sie Ihren vollständigen Namen ein",
            "Bevorzugte Sprache: Wählen Sie Deutsch oder Englisch"
        ]
    );

    let saved = client
        .submit(
            &page,
            "form[action='/me']",
            &[
                ("name", "Ada King"),
                ("organisation", "ruhr:HUB"),
                ("language", "en"),
            ],
        )
        .await;

    assert!(saved.url.ends_with("/me"));
    assert_eq!(saved.text("h1"), "My profile");
    assert_eq!(saved.text(".flash"), "Your profile has been saved.");
    assert_eq!(saved.attr("#name", "value").as_deref(), Some("Ada King"));
    assert_eq!(
        app.count("select count(*) from accounts a join organisations o on o.id = a.organisation_id where a.name = 'Ada King' and o.name = 'ruhr:HUB' and a.language = 'en'").await,
        1
    );
}

/// Every e-mail passes through the outbox and is marked sent once delivered.
#[tokio::test]
async fn mail_is_recorded_in_the_outbox_and_marked_sent() {
    let app = TestApp::spawn().await;
    let client = app.client("en");
    sign_up(&client, "Ada Lovelace", "ada@example.org", "").await;
    assert_eq!(
        app.count(
            "select count(*) from outbox where sent_at is null and to_address = 'ada@example.org'"
        )
        .await,
        1,
        "queued, not sent yet"
    );

    assert_eq!(app.drain_outbox().await, 1);

    app.mail.nth_to("ada@example.org", 1);
    let sent = app.count("select count(*) from outbox where sent_at is not null and to_address = 'ada@example.org'").await;
    assert_eq!(sent, 1);
}

/// Signing up again and again with one address is limited, so nobody can flood an inbox with
/// confirmation mails; the sixth attempt within an hour gets a clear 429 page.
#[tokio::test]
async fn repeated_sign_ups_for_one_address_are_rate_limited() {
    let app = TestApp::spawn().await;
    let client = app.client("en");

    for _ in 0..5 {
        let page = sign_up(&client, "Ada Lovelace", "ada@example.org", "").await;
        assert_eq!(page.status, 200);
    }
    let limited = sign_up(&client, "Ada Lovelace", "ada@example.org", "").await;

    assert_eq!(limited.status, 429);
    assert_eq!(
        limited.text(".error-page .lead"),
        "Too many attempts. Please wait 60 minutes and try again."
    );
    assert_eq!(app.count("select count(*) from accounts").await, 1);
    app.drain_outbox().await;
    app.mail.nth_to("ada@example.org", 5);
    assert_eq!(app.mail.to("ada@example.org").len(), 5);
}

/// Using one password-reset link makes the others unusable, revokes every API token (the reset
/// page says so), and a token made before can no longer reach the API.
#[tokio::test]
async fn a_password_reset_ends_other_links_and_revokes_tokens() {
    let app = TestApp::spawn().await;
    let ada = app.account("ada@example.org", "Ada Lovelace", false).await;
    let (_, token) =
        convene::account::service::create_api_token(&app.state, &app.actor(ada).await, "ci", None)
            .await
            .unwrap();
    let client = app.client("en");
    for _ in 0..2 {
        let form = client.get("/reset").await;
        client
            .submit(
                &form,
                "form[action='/reset']",
                &[("email", "ada@example.org")],
            )
            .await;
    }
    app.drain_outbox().await;
    let prefix = format!("{}/reset/", app.base_url);
    let first = app.mail.nth_to("ada@example.org", 1).link(&prefix);
    let second = app.mail.nth_to("ada@example.org", 2).link(&prefix);
    assert_ne!(first, second);

    let reset_form = client.get(&second).await;
    assert_eq!(
        reset_form.text("#reset-consequences"),
        "Setting a new password signs you out on every device, revokes all your API tokens, and makes other password-reset links stop working."
    );
    let done = client
        .submit(
            &reset_form,
            "form",
            &[("password", "ein ganz neues passwort")],
        )
        .await;
    assert!(done.url.ends_with("/signin"), "{}", done.url);

    assert_eq!(
        client.get(&first).await.status,
        404,
        "the other link is spent"
    );
    let api = reqwest::Client::new()
        .get(app.url("/api/v1/me"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(api.status(), 401);
    assert_eq!(
        app.count("select count(*) from api_tokens where revoked_at is null")
            .await,
        0
    );
}

/// The CSRF cookie is replaced at sign-in and sign-out, and tokens are bound to the session: a
/// token from a form shown before signing in (or out) is refused afterwards.
#[tokio::test]
async fn csrf_tokens_are_bound_to_the_sign_in() {
    let app = TestApp::spawn().await;
    app.account("ada@example.org", "Ada Lovelace", false).await;
    let client = app.client_without_redirects("en");
    let before = csrf_of(&client, "/signin").await;
    let signed_in = client
        .post_form(
            "/signin",
            &[
                ("email", "ada@example.org"),
                ("password", PASSWORD),
                ("csrf_token", &before),
            ],
        )
        .await;
    assert_eq!(signed_in.status, 303);
    let set_cookies: Vec<String> = signed_in
        .headers
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .collect();
    let csrf_cookie = set_cookies
        .iter()
        .find(|c| c.starts_with("convene_csrf="))
        .expect("a new CSRF cookie at sign-in");
    assert!(
        csrf_cookie.contains("Max-Age=1209600"),
        "lives as long as a session: {csrf_cookie}"
    );

    let stale = client
        .post_form(
            "/me",
            &[
                ("name", "Mallory"),
                ("language", "en"),
                ("csrf_token", &before),
            ],
        )
        .await;
    assert_eq!(stale.status, 403, "a token from before the sign-in");
    let fresh = csrf_of(&client, "/me").await;
    assert_ne!(fresh, before);
    let saved = client
        .post_form(
            "/me",
            &[
                ("name", "Ada King"),
                ("language", "en"),
                ("csrf_token", &fresh),
            ],
        )
        .await;
    assert_eq!(saved.status, 303);

    let out = client
        .post_form("/signout", &[("csrf_token", &fresh)])
        .await;
    assert_eq!(out.status, 303);
    let after_out = client
        .post_form(
            "/signin",
            &[
                ("email", "ada@example.org"),
                ("password", PASSWORD),
                ("csrf_token", &fresh),
            ],
        )
        .await;
    assert_eq!(after_out.status, 403, "a token from before the sign-out");
}

/// Pages for a signed-in person are personal: not stored by browsers or proxies; public pages
/// and static files keep their own caching.
#[tokio::test]
async fn personal_answers_are_not_cached() {
    let app = TestApp::spawn().await;
    app.account("ada@example.org", "Ada Lovelace", false).await;
    let client = app.signed_in("ada@example.org", "en").await;
    for path in ["/me", "/me/tokens", "/api/v1/me", "/api/v1/me/tokens"] {
        let page = client.get(path).await;
        assert_eq!(page.status, 200, "{path}");
        let cache = page.header("cache-control");
        assert!(cache.contains("no-store"), "{path}: {cache}");
    }
    assert_eq!(
        client.get("/static/app.css").await.header("cache-control"),
        "public, max-age=86400"
    );
    assert_eq!(
        client.get("/").await.header("strict-transport-security"),
        "",
        "no HSTS on a plain HTTP site"
    );
}
