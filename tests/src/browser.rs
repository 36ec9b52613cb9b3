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
        self.sign_in_with(url, email, crate::PASSWORD).await;
    }

    /// As [`Browser::sign_in`], with another password (the demo accounts have their own).
    pub async fn sign_in_with(&self, url: &str, email: &str, password: &str) {
        use fantoccini::Locator;
        let c = &self.client;
        c.goto(url).await.expect("open the sign-in page");
        for (id, text) in [("email", email), ("password", password)] {
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

    /// Runs axe-core on the page showing (every rule axe runs by default: WCAG 2.0–2.2 A and AA
    /// and its best practices) and answers one line per violation: the rule, its help text and
    /// the elements it found. Empty when axe finds nothing.
    pub async fn axe_violations(&self) -> Vec<String> {
        let Some(source) = axe_source() else {
            eprintln!("skipped the axe-core check: no tests/axe/node_modules and no npm");
            return Vec::new();
        };
        self.client
            .execute(&format!("{source};\nreturn typeof axe;"), vec![])
            .await
            .expect("load axe-core into the page");
        let found = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];\
                 axe.run(document, { resultTypes: ['violations'] })\
                   .then(r => done(r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help\
                     + ' | ' + v.nodes.map(n => n.target.join(' ') + ' ' + n.failureSummary.replace(/\\s+/g, ' ')).join(' || '))))\
                   .catch(e => done(['axe failed: ' + e]));",
                vec![],
            )
            .await
            .expect("run axe-core");
        serde_json::from_value(found).expect("axe answers a list of lines")
    }

    /// Saves a PNG of the whole page as `dir/name.png` (the window is made as tall as the page
    /// first, then set back), for people to look at: CI keeps the folder.
    pub async fn screenshot(&self, dir: &Path, name: &str) {
        let c = &self.client;
        let (width, height) = c.get_window_size().await.expect("window size");
        let full = c
            .execute(
                "return Math.max(document.documentElement.scrollHeight, window.innerHeight);",
                vec![],
            )
            .await
            .expect("page height")
            .as_u64()
            .unwrap_or(height);
        // The window's outer height exceeds the page's viewport by the browser's own frame.
        let frame = height.saturating_sub(
            c.execute("return window.innerHeight;", vec![])
                .await
                .expect("viewport height")
                .as_u64()
                .unwrap_or(height),
        );
        c.set_window_size(width as u32, (full + frame).min(12_000) as u32)
            .await
            .expect("grow the window");
        let png = c.screenshot().await.expect("take a screenshot");
        c.set_window_size(width as u32, height as u32)
            .await
            .expect("restore the window");
        std::fs::create_dir_all(dir).expect("screenshot folder");
        std::fs::write(dir.join(format!("{name}.png")), png).expect("write the screenshot");
    }

    /// Closes the browser session.
    pub async fn close(self) {
        let _ = self.client.close().await;
    }
}

/// axe-core's script (`tests/axe`, pinned in its package-lock.json). Missing, it is installed
/// with `npm ci` once. Where that fails, the check fails with `CONVENE_E2E=required` (as in CI)
/// and is skipped otherwise, like the browser itself.
fn axe_source() -> Option<&'static str> {
    static SOURCE: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    SOURCE
        .get_or_init(|| {
            let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("axe");
            let script = dir.join("node_modules/axe-core/axe.min.js");
            if !script.exists() {
                let installed = std::process::Command::new("npm")
                    .args(["ci", "--no-audit", "--no-fund", "--prefix"])
                    .arg(&dir)
                    .status()
                    .is_ok_and(|s| s.success());
                let required = std::env::var("CONVENE_E2E").is_ok_and(|v| v == "required");
                assert!(
                    installed || !required,
                    "CONVENE_E2E=required, but axe-core is missing and \
                     `npm ci --prefix tests/axe` failed (apt-get install npm)"
                );
            }
            std::fs::read_to_string(&script).ok()
        })
        .as_deref()
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}
