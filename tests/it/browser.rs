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

    c.goto(&app.url("/")).await.unwrap();
    let h1 = c
        .find(Locator::Css("h1"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(
        h1,
        "Veranstaltungen und Innovationswettbewerbe an einem Ort"
    );

    c.find(Locator::Css(".account-nav a[href='/signup']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.find(Locator::Id("name"))
        .await
        .unwrap()
        .send_keys("Lena Schäfer")
        .await
        .unwrap();
    c.find(Locator::Id("email"))
        .await
        .unwrap()
        .send_keys("lena.schaefer@example.org")
        .await
        .unwrap();
    c.find(Locator::Id("organisation"))
        .await
        .unwrap()
        .send_keys("Greentech.Ruhr")
        .await
        .unwrap();
    c.find(Locator::Id("password"))
        .await
        .unwrap()
        .send_keys("ein sicheres passwort")
        .await
        .unwrap();
    c.find(Locator::Css("form[action='/signup'] button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let h1 = c
        .find(Locator::Css("h1"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(h1, "Bitte prüfen Sie Ihre E-Mails");

    let link = app
        .mail
        .nth_to("lena.schaefer@example.org", 1)
        .await
        .link(&app.base_url);
    c.goto(&link).await.unwrap();
    let flash = c
        .find(Locator::Css(".flash"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        flash.starts_with("Danke, Ihre E-Mail-Adresse ist bestätigt."),
        "{flash}"
    );

    c.find(Locator::Id("email"))
        .await
        .unwrap()
        .send_keys("lena.schaefer@example.org")
        .await
        .unwrap();
    c.find(Locator::Id("password"))
        .await
        .unwrap()
        .send_keys("ein sicheres passwort")
        .await
        .unwrap();
    c.find(Locator::Css("form[action='/signin'] button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let url = c.current_url().await.unwrap();
    assert!(url.as_str().ends_with("/me"), "{url}");
    let who = c
        .find(Locator::Css(".account-nav a"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(who, "Angemeldet als Lena Schäfer");

    c.find(Locator::Css(".lang-switch a[hreflang='en']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let h1 = c
        .find(Locator::Css("h1"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(h1, "My profile");
    c.goto(&app.url("/")).await.unwrap();
    let h1 = c
        .find(Locator::Css("h1"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(
        h1, "Events and innovation calls in one place",
        "the choice sticks"
    );

    browser.close().await;
}
