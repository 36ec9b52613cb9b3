//! A real headless Chromium, driven over WebDriver (chromedriver + fantoccini), for tests that
//! must see what a person sees.
//!
//! Without Chromium the browser tests are skipped with a message, so that `cargo test` passes on
//! a machine that has only the Rust toolchain. CI sets `CONVENE_E2E=required`: there a missing
//! browser fails the run instead of skipping it.

use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use fantoccini::{Client, ClientBuilder};
use hyper_util::client::legacy::connect::HttpConnector;
use tokio::process::{Child, Command};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// A browser session; the driver process ends when this is dropped.
pub struct Browser {
    pub client: Client,
    _driver: Child,
    _profile: tempfile::TempDir,
}

impl Browser {
    /// Starts Chromium preferring `accept_language` (e.g. "de-DE,de"), or `None` when no browser
    /// is installed and browser tests are not required.
    pub async fn launch(accept_language: &str) -> Option<Browser> {
        let required = std::env::var("CONVENE_E2E").is_ok_and(|v| v == "required");
        if !Path::new(CHROMIUM).exists() || !Path::new(CHROMEDRIVER).exists() {
            assert!(
                !required,
                "CONVENE_E2E=required, but {CHROMIUM} or {CHROMEDRIVER} is missing \
                 (apt-get install chromium chromium-driver)"
            );
            eprintln!(
                "skipped: the browser test needs {CHROMIUM} and {CHROMEDRIVER} (run `just e2e`)"
            );
            return None;
        }
        let port = free_port();
        let driver = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("start chromedriver");
        let profile = tempfile::tempdir().expect("profile dir");
        let caps = serde_json::json!({
            "goog:chromeOptions": {
                "binary": CHROMIUM,
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--window-size=1200,900",
                    format!("--user-data-dir={}", profile.path().display()),
                ],
                "prefs": { "intl.accept_languages": accept_language }
            }
        });
        let caps = match caps {
            serde_json::Value::Object(map) => map,
            _ => unreachable!(),
        };
        let url = format!("http://127.0.0.1:{port}");
        let mut last_error = String::new();
        // chromedriver needs a moment before it listens.
        for _ in 0..100 {
            match ClientBuilder::new(HttpConnector::new())
                .capabilities(caps.clone())
                .connect(&url)
                .await
            {
                Ok(client) => {
                    return Some(Browser {
                        client,
                        _driver: driver,
                        _profile: profile,
                    });
                }
                Err(e) => last_error = e.to_string(),
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("could not start a Chromium session: {last_error}");
    }

    /// Opens `url` (a sign-in page, e.g. `…/signin?next=/jury`), types `email` and the test
    /// kit's password into the form and submits it.
    pub async fn sign_in(&self, url: &str, email: &str) {
        use fantoccini::Locator;
        let c = &self.client;
        c.goto(url).await.expect("open the sign-in page");
        for (id, text) in [("email", email), ("password", crate::PASSWORD)] {
            c.find(Locator::Id(id))
                .await
                .expect("sign-in field")
                .send_keys(text)
                .await
                .expect("type into the sign-in form");
        }
        c.find(Locator::Css("form[action='/signin'] button[type=submit]"))
            .await
            .expect("sign-in button")
            .click()
            .await
            .expect("submit the sign-in form");
    }

    /// Waits (up to 10 s) until the page's `selector` has exactly `text`: after a click that
    /// navigates, the old page may still be showing.
    pub async fn expect_text(&self, selector: &str, text: &str) {
        let mut last = String::new();
        for _ in 0..200 {
            if let Ok(el) = self.client.find(fantoccini::Locator::Css(selector)).await
                && let Ok(t) = el.text().await
            {
                if t == text {
                    return;
                }
                last = t;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("{selector} shows {last:?}, expected {text:?}");
    }

    /// Closes the browser session.
    pub async fn close(self) {
        let _ = self.client.close().await;
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}
