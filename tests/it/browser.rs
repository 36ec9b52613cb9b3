//! In a real headless Chromium: sign up, confirm the e-mailed link, sign in, switch language.

use convene_tests::TestApp;
use convene_tests::browser::Browser;
use fantoccini::Locator;

/// A person does the whole first visit in a real browser, German first, then switches to English.
#[tokio::test]
async fn a_person_signs_up_confirms_signs_in_and_switches_language_in_chromium() {
    let app = TestApp::spawn().await;
    let Some(browser) = Browser::launch("de-DE,de").await else {
        return;
    };
    let c = &browser.client;
    let type_into = |id: &'static str, text: &'static str| async move {
        c.find(Locator::Id(id))
            .await
            .unwrap()
            .send_keys(text)
            .await
            .unwrap();
    };
    let click = |css: &'static str| async move {
        c.find(Locator::Css(css))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
    };

    c.goto(&app.url("/")).await.unwrap();
    browser
        .expect_text(
            "h1",
            "Veranstaltungen und Innovationswettbewerbe an einem Ort",
        )
        .await;

    click(".account-nav a[href='/signup']").await;
    browser.expect_text("h1", "Konto anlegen").await;
    type_into("name", "Lena Schäfer").await;
    type_into("email", "lena.schaefer@example.org").await;
    type_into("organisation", "Greentech.Ruhr").await;
    type_into("password", "ein sicheres passwort").await;
    click("form[action='/signup'] button[type=submit]").await;
    browser
        .expect_text("h1", "Bitte prüfen Sie Ihre E-Mails")
        .await;

    let link = app
        .mail
        .nth_to("lena.schaefer@example.org", 1)
        .await
        .link(&app.base_url);
    c.goto(&link).await.unwrap();
    browser
        .expect_text(
            ".flash",
            "Danke, Ihre E-Mail-Adresse ist bestätigt. Sie können sich jetzt anmelden.",
        )
        .await;

    type_into("email", "lena.schaefer@example.org").await;
    type_into("password", "ein sicheres passwort").await;
    click("form[action='/signin'] button[type=submit]").await;
    browser.expect_text("h1", "Mein Profil").await;
    browser
        .expect_text(".account-nav a", "Angemeldet als Lena Schäfer")
        .await;

    click(".lang-switch a[hreflang='en']").await;
    browser.expect_text("h1", "My profile").await;
    c.goto(&app.url("/")).await.unwrap();
    browser
        .expect_text("h1", "Events and innovation calls in one place")
        .await;

    browser.close().await;
}
