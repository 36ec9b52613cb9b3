//! The test kit: starts convene as production does (`convene::app`) on a loopback port, on a
//! fresh database per test, with outgoing mail going over real SMTP to a local sink. Tests then
//! drive it over HTTP like a browser does.
//!
//! No background worker runs inside a test app: what `convene serve` does behind the scenes, a
//! test does when it chooses, with the same code: [`TestApp::drain_outbox`] sends the mail,
//! [`TestApp::run_jobs`] runs queued certificate jobs (offer lapses and jury reminders are
//! service calls tests make themselves). So a test sees no mail it did not send for, and nothing
//! waits for a worker to get round to it.
//!
//! Engines: the `sqlite` feature (default) uses a new database file per test; the `postgres`
//! feature creates a new database per test through `CONVENE_TEST_DATABASE_URL` (a URL of a
//! server where the user may create databases, e.g. the one `tests/pg-server.sh` prints).

pub mod browser;
pub mod smtp;

use std::collections::HashMap;

use convene::AppState;
use convene::clock::Clock;
use convene::config::{Config, Secret};
use convene::db::{self, DbPool};
use poem::Server;
use poem::listener::{Acceptor, Listener, TcpListener};
use reqwest::redirect::Policy;
use scraper::{Html, Selector};

pub use smtp::{MailSink, ReceivedMail};

/// The password the kit gives accounts it creates.
pub const PASSWORD: &str = "korrektes pferd batterie";

/// A running convene with its own database and mail sink.
pub struct TestApp {
    pub base_url: String,
    pub db: DbPool,
    pub clock: Clock,
    pub mail: MailSink,
    pub state: AppState,
    pub dir: tempfile::TempDir,
}

/// Where the app under test sends its mail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailTo {
    /// Over SMTP to the kit's sink (the default).
    Sink,
    /// No SMTP configured: `.eml` files in `<data dir>/mail/`.
    Files,
    /// An SMTP address where nothing listens: every attempt fails.
    Unreachable,
}

/// A listener on a free loopback port, and its address.
async fn loopback() -> (impl Acceptor + 'static, std::net::SocketAddr) {
    let acceptor = TcpListener::bind("127.0.0.1:0")
        .into_acceptor()
        .await
        .expect("bind a loopback port");
    let addr = acceptor.local_addr()[0]
        .as_socket_addr()
        .copied()
        .expect("a socket address");
    (acceptor, addr)
}

/// Serves the app of `state` on `acceptor` until the test ends.
fn serve(acceptor: impl Acceptor + 'static, state: AppState) {
    let app = convene::app(state);
    tokio::spawn(async move {
        Server::new_with_acceptor(acceptor)
            .run(app)
            .await
            .expect("server runs");
    });
}

impl TestApp {
    /// Starts convene on a fresh database, mail going to the SMTP sink.
    pub async fn spawn() -> TestApp {
        TestApp::spawn_with(MailTo::Sink).await
    }

    /// Starts convene on a fresh database with mail going to `mail_to`.
    pub async fn spawn_with(mail_to: MailTo) -> TestApp {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = fresh_database(dir.path()).await;
        db::MIGRATOR.run(&db).await.expect("migrations apply");
        let mail = MailSink::start().await;

        let (acceptor, addr) = loopback().await;
        let base_url = format!("http://{addr}");
        let config = Config {
            database_url: String::from("(test)"),
            database_is_default: false,
            bind: addr.to_string(),
            base_url: base_url.clone(),
            data_dir: dir.path().to_path_buf(),
            smtp_url: match mail_to {
                MailTo::Sink => Some(format!("smtp://127.0.0.1:{}", mail.port())),
                MailTo::Files => None,
                MailTo::Unreachable => Some(format!("smtp://127.0.0.1:{}", closed_port())),
            },
            mail_from: "convene <noreply@convene.test>".into(),
            demo: false,
            secret: Secret(rand_key()),
            // The kit's clients connect from loopback as a reverse proxy would, so a test can
            // stand in for clients at other addresses with `X-Forwarded-For`.
            trusted_proxies: vec![std::net::Ipv4Addr::LOCALHOST.into()],
            // The webhook tests' receivers listen on loopback, over plain HTTP.
            webhooks_allow_local: true,
        };
        // A fixed "now" a week before the test events (8–9 November 2026), moved on only by
        // `clock.advance`: expiry and deadline tests never sleep, and lists of upcoming events
        // do not depend on the day the tests run.
        let clock = Clock::fixed(
            chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 11, 1, 9, 0, 0).unwrap(),
        );
        let state = AppState::new(db.clone(), config, clock.clone()).expect("state");
        serve(acceptor, state.clone());
        TestApp {
            base_url,
            db,
            clock,
            mail,
            state,
            dir,
        }
    }

    /// Starts another app server on the same database (as deployments with several servers
    /// sharing PostgreSQL run them): its own memory, caches and port. Returns its base URL.
    pub async fn second_server(&self) -> String {
        let (acceptor, addr) = loopback().await;
        let mut config = (*self.state.config).clone();
        config.bind = addr.to_string();
        config.base_url = format!("http://{addr}");
        let base_url = config.base_url.clone();
        let state = AppState::new(self.db.clone(), config, self.clock.clone()).expect("state");
        serve(acceptor, state);
        base_url
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path)
    }

    /// Sends every mail that is due, as the mail worker of `convene serve` does (the same
    /// [`convene::mail::deliver_due`]), and returns how many went out. When it returns, the sink
    /// holds them; a failed attempt is scheduled for later (advance the clock, drain again).
    pub async fn drain_outbox(&self) -> usize {
        convene::mail::deliver_due(&self.db, &self.state.mailer, &self.clock)
            .await
            .expect("the outbox drains")
    }

    /// Runs every queued certificate job to its end, as the jobs worker of `convene serve` does
    /// (the same [`convene::certificate::service::run_due_jobs`]); returns how many ran. The
    /// mail they queue waits for [`TestApp::drain_outbox`].
    pub async fn run_jobs(&self) -> usize {
        convene::certificate::service::run_due_jobs(&self.state)
            .await
            .expect("certificate jobs run")
    }

    /// A new browser-like client (own cookie jar) that prefers `lang` ("de" or "en") and
    /// follows redirects.
    pub fn client(&self, lang: &str) -> Client {
        self.client_with(lang, Policy::limited(5))
    }

    /// Like [`TestApp::client`], but redirects are returned, not followed (to see a 303 and
    /// its `Set-Cookie` headers).
    pub fn client_without_redirects(&self, lang: &str) -> Client {
        self.client_with(lang, Policy::none())
    }

    fn client_with(&self, lang: &str, policy: Policy) -> Client {
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert(
            reqwest::header::ACCEPT_LANGUAGE,
            reqwest::header::HeaderValue::from_str(lang).unwrap(),
        );
        Client {
            base_url: self.base_url.clone(),
            http: reqwest::Client::builder()
                .cookie_store(true)
                .redirect(policy)
                .default_headers(headers)
                .build()
                .unwrap(),
        }
    }

    /// Creates a confirmed account with [`PASSWORD`] through the same service as
    /// `convene user add`.
    pub async fn account(&self, email: &str, name: &str, admin: bool) -> convene::ids::AccountId {
        let roles = if admin {
            vec![convene::account::Role::Admin]
        } else {
            vec![]
        };
        let mut tx = db::begin_write(&self.db).await.unwrap();
        let new = convene::account::service::ConfirmedAccount {
            email,
            name,
            organisation_id: None,
            lang: Default::default(),
            password: PASSWORD,
            roles: &roles,
        };
        let id = convene::account::service::create_confirmed(&mut tx, &new, self.clock.now())
            .await
            .unwrap();
        tx.commit().await.unwrap();
        id
    }

    /// A confirmed account with the site-wide organiser role (may create events).
    pub async fn organiser(&self, email: &str, name: &str) -> convene::ids::AccountId {
        let id = self.account(email, name, false).await;
        let mut tx = db::begin_write(&self.db).await.unwrap();
        convene::account::queries::insert_grant(
            &mut tx,
            id,
            convene::account::Role::Organiser,
            convene::account::Scope::Site,
            None,
            self.clock.now(),
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        id
    }

    /// The actor of an account, for arranging data through the services.
    pub async fn actor(&self, id: convene::ids::AccountId) -> convene::account::Actor {
        convene::account::service::actor(&self.state, id)
            .await
            .unwrap()
    }

    /// A published two-day event in Düsseldorf (8–9 November 2026) created by `by`.
    pub async fn event(&self, by: &convene::account::Actor, slug: &str) -> convene::event::Event {
        let input = convene::event::model::EventInput {
            slug: slug.into(),
            title_de: "Clusters meet Regions NRW".into(),
            title_en: "Clusters meet Regions NRW".into(),
            venue: "Haus der Universität".into(),
            address: "Schadowplatz 14, 40212 Düsseldorf".into(),
            timezone: "Europe/Berlin".into(),
            starts_on: "2026-11-08".into(),
            ends_on: "2026-11-09".into(),
            ..Default::default()
        };
        convene::event::service::create(&self.state, by, &input)
            .await
            .unwrap();
        convene::event::service::set_status(&self.state, by, slug, "published")
            .await
            .unwrap()
    }

    /// The usual arrangement: the organiser orga@example.org ("Olaf Organiser") and a published
    /// event `slug` (see [`TestApp::event`]); returns the organiser.
    pub async fn organiser_and_event(&self, slug: &str) -> convene::account::Actor {
        let olaf = self
            .actor(self.organiser("orga@example.org", "Olaf Organiser").await)
            .await;
        self.event(&olaf, slug).await;
        olaf
    }

    /// A room of an event, through the service; returns its id as the form sends it.
    pub async fn room(&self, by: &convene::account::Actor, slug: &str, name: &str) -> String {
        let input = convene::agenda::model::RoomInput {
            name: name.into(),
            ..Default::default()
        };
        convene::agenda::service::create_room(&self.state, by, slug, &input)
            .await
            .unwrap()
            .0
            .to_string()
    }

    /// A session of an event, through the service (a draft until the agenda is published).
    pub async fn session(
        &self,
        by: &convene::account::Actor,
        slug: &str,
        input: &convene::agenda::model::SessionInput,
    ) -> convene::ids::SessionId {
        convene::agenda::service::create_session(&self.state, by, slug, input)
            .await
            .unwrap()
    }

    /// A client signed in through the real sign-in form.
    pub async fn signed_in(&self, email: &str, lang: &str) -> Client {
        let client = self.client(lang);
        let page = client.get("/signin").await;
        let after = client
            .submit(
                &page,
                "form[action='/signin']",
                &[("email", email), ("password", PASSWORD)],
            )
            .await;
        assert_eq!(
            after.status,
            200,
            "sign-in of {email} failed: {}",
            after.text("main")
        );
        assert!(
            after.url.ends_with("/me"),
            "sign-in did not land on /me: {}",
            after.url
        );
        client
    }

    /// One integer from the database (`select count(*) …`).
    pub async fn count(&self, sql: &'static str) -> i64 {
        sqlx::query_scalar::<_, i64>(sql)
            .fetch_one(&self.db)
            .await
            .unwrap()
    }
}

/// A loopback port nothing listens on.
fn closed_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn rand_key() -> [u8; 32] {
    let mut key = [0u8; 32];
    let id = uuid::Uuid::new_v4();
    key[..16].copy_from_slice(id.as_bytes());
    key[16..].copy_from_slice(uuid::Uuid::new_v4().as_bytes());
    key
}

#[cfg(feature = "sqlite")]
async fn fresh_database(dir: &std::path::Path) -> DbPool {
    let url = format!("sqlite://{}", dir.join("test.db").display());
    db::connect(&url).await.expect("open SQLite")
}

#[cfg(feature = "postgres")]
async fn fresh_database(_dir: &std::path::Path) -> DbPool {
    use sqlx::Connection;
    let admin_url = std::env::var("CONVENE_TEST_DATABASE_URL").expect(
        "CONVENE_TEST_DATABASE_URL must name a PostgreSQL server for the postgres tests \
         (start one with `bash tests/pg-server.sh start`)",
    );
    let name = format!("convene_t_{}", uuid::Uuid::new_v4().simple());
    let mut admin = sqlx::PgConnection::connect(&admin_url)
        .await
        .expect("connect to CONVENE_TEST_DATABASE_URL");
    sqlx::query(sqlx::AssertSqlSafe(format!("create database {name}")))
        .execute(&mut admin)
        .await
        .expect("create a test database");
    let mut url = url::Url::parse(&admin_url).expect("a URL");
    url.set_path(&name);
    db::connect(url.as_str())
        .await
        .expect("connect to the test database")
}

/// A browser-like HTTP client with a cookie jar that follows redirects.
#[derive(Clone)]
pub struct Client {
    pub base_url: String,
    pub http: reqwest::Client,
}

/// A response read as a page.
#[derive(Debug)]
pub struct Page {
    pub status: u16,
    /// The final URL after redirects.
    pub url: String,
    pub headers: reqwest::header::HeaderMap,
    pub body: String,
}

impl Client {
    pub fn url(&self, path: &str) -> String {
        if path.starts_with("http") {
            path.to_string()
        } else {
            format!("{}{}", self.base_url, path)
        }
    }

    pub async fn get(&self, path: &str) -> Page {
        Page::read(self.http.get(self.url(path)).send().await.expect("GET")).await
    }

    /// Posts `fields` as a form to `path` (no CSRF token unless given).
    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> Page {
        Page::read(
            self.http
                .post(self.url(path))
                .form(fields)
                .send()
                .await
                .expect("POST"),
        )
        .await
    }

    /// Fills the form `selector` of `page` like a person would: every field keeps what the page
    /// put there (hidden CSRF token included) unless `fields` sets it, then submits it from the
    /// page (a browser names it in `Referer`).
    pub async fn submit(&self, page: &Page, selector: &str, fields: &[(&str, &str)]) -> Page {
        let (action, mut values) = page.form(selector);
        for (name, value) in fields {
            values.insert((*name).to_string(), (*value).to_string());
        }
        let pairs: Vec<(String, String)> = values.into_iter().collect();
        Page::read(
            self.http
                .post(self.url(&action))
                .header(reqwest::header::REFERER, &page.url)
                .form(&pairs)
                .send()
                .await
                .expect("POST"),
        )
        .await
    }

    /// Submits the form `selector` of `page` as `multipart/form-data`, the way a browser sends a
    /// form with file inputs: the page's values, except those `fields` names, then `fields`
    /// (a name may repeat, as ticked boxes of a multiple choice do) and `files`
    /// (field name, file name, bytes).
    pub async fn submit_multipart(
        &self,
        page: &Page,
        selector: &str,
        fields: &[(&str, &str)],
        files: &[(&str, &str, Vec<u8>)],
    ) -> Page {
        let (action, values) = page.form(selector);
        let mut form = reqwest::multipart::Form::new();
        for (name, value) in values {
            if !fields.iter().any(|(n, _)| *n == name) {
                form = form.text(name, value);
            }
        }
        for (name, value) in fields {
            form = form.text((*name).to_string(), (*value).to_string());
        }
        for (name, filename, bytes) in files {
            let part =
                reqwest::multipart::Part::bytes(bytes.clone()).file_name((*filename).to_string());
            form = form.part((*name).to_string(), part);
        }
        Page::read(
            self.http
                .post(self.url(&action))
                .header(reqwest::header::REFERER, &page.url)
                .multipart(form)
                .send()
                .await
                .expect("POST multipart"),
        )
        .await
    }
}

impl Page {
    /// Reads a response. An HTML page is checked for what every page must get right (see
    /// [`Page::assert_named_focus_boxes`]), so that each test opening a page checks it too.
    pub async fn read(resp: reqwest::Response) -> Page {
        let page = Page {
            status: resp.status().as_u16(),
            url: resp.url().to_string(),
            headers: resp.headers().clone(),
            body: resp.text().await.expect("body"),
        };
        page.assert_named_focus_boxes();
        page.assert_unique_landmarks();
        page.assert_tables_scroll_in_a_box();
        page
    }

    /// No two landmarks of one role (navigation, region) share a name, so that a screen
    /// reader's list of landmarks tells them apart (axe's `landmark-unique`): a section named
    /// by its heading does not wrap a scroll box named by the same heading.
    pub fn assert_unique_landmarks(&self) {
        if !self.is_html() {
            return;
        }
        let html = self.html();
        let landmarks = Selector::parse(
            "nav, [role=navigation], [role=region], section[aria-label], section[aria-labelledby]",
        )
        .unwrap();
        let mut seen = std::collections::HashSet::new();
        for e in html.select(&landmarks) {
            let el = e.value();
            let role = match el.attr("role") {
                Some(role) => role,
                None if el.name() == "nav" => "navigation",
                None => "region",
            };
            let name = match (el.attr("aria-label"), el.attr("aria-labelledby")) {
                (Some(label), _) => label.trim().to_string(),
                (None, Some(ids)) => ids
                    .split_whitespace()
                    .map(|id| {
                        let sel = Selector::parse(&format!("[id=\"{id}\"]")).unwrap();
                        html.select(&sel)
                            .next()
                            .map(|l| l.text().collect::<String>().trim().to_string())
                            .unwrap_or_default()
                    })
                    .collect::<Vec<_>>()
                    .join(" "),
                (None, None) => String::new(),
            };
            let shown: String = e.html().chars().take(160).collect();
            assert!(
                seen.insert((role, name.clone())),
                "{}: a second {role} landmark named {name:?} (a screen reader's list of \
                 landmarks cannot tell them apart): {shown}",
                self.url
            );
        }
    }

    /// Every table sits in a scroll box (`.table-scroll`): on a phone a wide table scrolls in
    /// its box instead of widening the whole page.
    pub fn assert_tables_scroll_in_a_box(&self) {
        if !self.is_html() {
            return;
        }
        let html = self.html();
        for table in html.select(&Selector::parse("table").unwrap()) {
            let boxed = table.ancestors().any(|a| {
                a.value()
                    .as_element()
                    .is_some_and(|e| e.classes().any(|c| c == "table-scroll"))
            });
            let shown: String = table.html().chars().take(160).collect();
            assert!(
                boxed,
                "{}: a table outside a scroll box (.table-scroll): {shown}",
                self.url
            );
        }
    }

    fn is_html(&self) -> bool {
        self.headers
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("text/html"))
    }

    /// Every box that takes the keyboard focus without being a control (the scroll boxes around
    /// wide tables, chart frames) has a role and a name, so that a screen reader says where the
    /// focus landed (WCAG 4.1.2): a `region` or `group` with an `aria-label`, or with an
    /// `aria-labelledby` naming elements that exist and have text.
    pub fn assert_named_focus_boxes(&self) {
        if !self.is_html() {
            return;
        }
        let html = self.html();
        let boxes = Selector::parse(r#"div[tabindex="0"], section[tabindex="0"]"#).unwrap();
        for e in html.select(&boxes) {
            let el = e.value();
            let shown: String = e.html().chars().take(160).collect();
            assert!(
                matches!(el.attr("role"), Some("region" | "group")),
                "{}: a focusable box without the role region or group: {shown}",
                self.url
            );
            let labelled = el.attr("aria-label").is_some_and(|l| !l.trim().is_empty());
            let labelled_by = el.attr("aria-labelledby").is_some_and(|ids| {
                !ids.trim().is_empty()
                    && ids.split_whitespace().all(|id| {
                        let sel = Selector::parse(&format!("[id=\"{id}\"]")).unwrap();
                        html.select(&sel)
                            .next()
                            .is_some_and(|l| l.text().any(|t| !t.trim().is_empty()))
                    })
            });
            assert!(
                labelled || labelled_by,
                "{}: a focusable box without a name (aria-label, or aria-labelledby an element \
                 with text): {shown}",
                self.url
            );
        }
    }

    pub fn html(&self) -> Html {
        Html::parse_document(&self.body)
    }

    /// The text of every element matching `selector`, whitespace collapsed.
    pub fn texts(&self, selector: &str) -> Vec<String> {
        let sel = Selector::parse(selector).expect("selector");
        self.html()
            .select(&sel)
            .map(|e| {
                e.text()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    /// The text of the first element matching `selector` ("" when none).
    pub fn text(&self, selector: &str) -> String {
        self.texts(selector).into_iter().next().unwrap_or_default()
    }

    /// An attribute of the first element matching `selector`.
    pub fn attr(&self, selector: &str, attr: &str) -> Option<String> {
        let sel = Selector::parse(selector).expect("selector");
        self.html()
            .select(&sel)
            .next()
            .and_then(|e| e.value().attr(attr).map(str::to_string))
    }

    /// The action and current values of a form.
    pub fn form(&self, selector: &str) -> (String, HashMap<String, String>) {
        let html = self.html();
        let form_sel = Selector::parse(selector).expect("selector");
        let form = html
            .select(&form_sel)
            .next()
            .unwrap_or_else(|| panic!("no form {selector} on {}:\n{}", self.url, self.body));
        let action = form.value().attr("action").unwrap_or("").to_string();
        let mut values = HashMap::new();
        let inputs = Selector::parse("input[name], textarea[name], select[name]").unwrap();
        for field in form.select(&inputs) {
            let name = field.value().attr("name").unwrap().to_string();
            // Like a browser: unticked checkboxes and radio buttons are not sent.
            let kind = field.value().attr("type").unwrap_or("");
            if (kind == "checkbox" || kind == "radio") && field.value().attr("checked").is_none() {
                continue;
            }
            let value = match field.value().name() {
                "textarea" => field.text().collect(),
                "select" => {
                    let selected = Selector::parse("option[selected]").unwrap();
                    let first = Selector::parse("option").unwrap();
                    field
                        .select(&selected)
                        .next()
                        .or_else(|| field.select(&first).next())
                        .and_then(|o| o.value().attr("value"))
                        .unwrap_or("")
                        .to_string()
                }
                _ => field.value().attr("value").unwrap_or("").to_string(),
            };
            values.insert(name, value);
        }
        (action, values)
    }

    /// The JSON body.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    pub fn header(&self, name: &str) -> String {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string()
    }
}

// --- PDFs and images ---------------------------------------------------------------------------
//
// The tests read the PDFs convene renders with its own reader, `convene::pdf::inspect` (lopdf
// underneath), so `cargo test` needs nothing but the Rust toolchain. With
// `CONVENE_PDF_TOOLS=required` (as in CI), [`qpdf_check`] also runs `qpdf --check`, as a second
// opinion from an independent implementation; a missing `qpdf` then fails the test.

fn parsed(pdf: &[u8]) -> convene::pdf::inspect::Pdf {
    assert!(
        pdf.starts_with(b"%PDF-"),
        "not a PDF: {:?}",
        &pdf[..pdf.len().min(40)]
    );
    convene::pdf::inspect::Pdf::parse(pdf).unwrap_or_else(|e| panic!("the PDF does not parse: {e}"))
}

/// GET `url` with `http` and read the answer as JSON.
pub async fn get_json(http: &reqwest::Client, url: impl reqwest::IntoUrl) -> serde_json::Value {
    http.get(url).send().await.unwrap().json().await.unwrap()
}

/// The text of a PDF in reading order: lines top to bottom, words left to right, each page
/// followed by a line holding only a form feed.
pub fn pdf_text(pdf: &[u8]) -> String {
    parsed(pdf)
        .text()
        .unwrap_or_else(|e| panic!("cannot read the PDF's text: {e}"))
}

/// [`pdf_text`] with all whitespace (line breaks included) collapsed to single spaces.
pub fn pdf_words_text(pdf: &[u8]) -> String {
    pdf_text(pdf)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Panics unless the PDF's structure is sound ([`convene::pdf::inspect::check`]: cross-reference
/// offsets, references, streams, page tree, content streams). With `CONVENE_PDF_TOOLS=required`
/// `qpdf --check` must agree.
pub fn qpdf_check(pdf: &[u8]) {
    if let Err(e) = convene::pdf::inspect::check(pdf) {
        panic!("the PDF is not sound: {e}");
    }
    if std::env::var("CONVENE_PDF_TOOLS").as_deref() == Ok("required") {
        let file = tempfile::Builder::new()
            .suffix(".pdf")
            .tempfile()
            .expect("a temp file for the PDF");
        std::fs::write(file.path(), pdf).expect("write the PDF");
        let out = std::process::Command::new("qpdf")
            .arg("--check")
            .arg(file.path())
            .output()
            .unwrap_or_else(|e| {
                panic!(
                    "CONVENE_PDF_TOOLS=required but `qpdf` does not run ({e}): apt-get install qpdf"
                )
            });
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && stdout.contains("No syntax or stream encoding errors found"),
            "qpdf --check ({}):\n{stdout}{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// A font as a PDF declares it.
pub use convene::pdf::inspect::Font as PdfFont;

/// The fonts of a PDF (composite fonts once, as `pdffonts` lists them).
pub fn pdf_fonts(pdf: &[u8]) -> Vec<PdfFont> {
    parsed(pdf).fonts()
}

/// How many images a PDF draws (soft masks not counted, as in `pdfimages -list`).
pub fn pdf_image_count(pdf: &[u8]) -> usize {
    parsed(pdf)
        .image_count()
        .unwrap_or_else(|e| panic!("cannot count the PDF's images: {e}"))
}

/// The MediaBox of every page, `[x0, y0, x1, y1]` in points.
pub fn pdf_media_boxes(pdf: &[u8]) -> Vec<[f64; 4]> {
    parsed(pdf)
        .media_boxes()
        .unwrap_or_else(|e| panic!("cannot read the PDF's MediaBoxes: {e}"))
}

/// A word and its box: points, origin top left (as `pdftotext -bbox` reports it).
pub use convene::pdf::inspect::Word as PdfWord;

/// A page: its size in points and its words.
#[derive(Debug, Clone, PartialEq)]
pub struct PdfPage {
    pub width: f64,
    pub height: f64,
    pub words: Vec<PdfWord>,
}

/// Every page of a PDF with its words and their boxes.
pub fn pdf_pages(pdf: &[u8]) -> Vec<PdfPage> {
    let pages = parsed(pdf)
        .pages()
        .unwrap_or_else(|e| panic!("cannot read the PDF's pages: {e}"));
    assert!(!pages.is_empty(), "a PDF without pages");
    pages
        .into_iter()
        .map(|p| PdfPage {
            width: p.width,
            height: p.height,
            words: p.words().cloned().collect(),
        })
        .collect()
}

/// A valid one-page PDF that shows `text` (ASCII) in Helvetica, as simple writers make it, `len`
/// bytes long (or as short as it can be): an extra stream no page uses is filled up with
/// digits. Uploads are
/// parsed, so a test that uploads "a PDF" needs a real one.
pub fn pdf_file(text: &str, len: usize) -> Vec<u8> {
    pdf_file_with(text, len, |i| b'0' + (i % 10) as u8)
}

/// [`pdf_file`] with the filling made by `filler` (byte `i` of it), e.g. bytes that do not
/// compress.
pub fn pdf_file_with(text: &str, len: usize, filler: impl FnMut(usize) -> u8) -> Vec<u8> {
    let fill: Vec<u8> = (0..len).map(filler).collect();
    // Built once without the filling to learn what the rest takes, then with just enough of it
    // (the length of the filling is written in the file too, so allow for its digits).
    let bare = pdf_with_fill(text, &[]).len();
    let mut take = len.saturating_sub(bare);
    let mut pdf = pdf_with_fill(text, &fill[..take]);
    // Exactly `len` bytes where that is possible (a few tries: the digits move).
    for _ in 0..4 {
        if pdf.len() == len || (pdf.len() > len && take == 0) {
            break;
        }
        take = (take + len).saturating_sub(pdf.len()).min(fill.len());
        pdf = pdf_with_fill(text, &fill[..take]);
    }
    pdf
}

fn pdf_with_fill(text: &str, fill: &[u8]) -> Vec<u8> {
    let content = format!("BT /F1 12 Tf 56 780 Td ({text}) Tj ET");
    let stream = |body: &[u8]| {
        let mut s = format!("<< /Length {} >>\nstream\n", body.len()).into_bytes();
        s.extend_from_slice(body);
        s.extend_from_slice(b"\nendstream");
        s
    };
    let objects: [Vec<u8>; 6] = [
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] \
          /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>"
            .to_vec(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            .to_vec(),
        stream(content.as_bytes()),
        stream(fill),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(object);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(b"xref\n0 7\n0000000000 65535 f \n");
    for offset in offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!("trailer\n<< /Size 7 /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n").as_bytes(),
    );
    out
}

/// A file that begins like a PDF (`%PDF-1.4`) and is an executable after that: what a check of
/// the first bytes alone lets through.
pub fn fake_pdf(len: usize) -> Vec<u8> {
    let mut b = b"%PDF-1.4\nMZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00".to_vec();
    b.extend_from_slice(b"This program cannot be run in DOS mode.\r\r\n$");
    b.resize(len.max(b.len()), 0x90);
    b
}

/// A valid RGBA PNG of `width` × `height` pixels coloured by `pixel`. `compress: false` stores
/// the pixels uncompressed, for files of a known, large size.
pub fn png(
    width: u32,
    height: u32,
    compress: bool,
    pixel: impl Fn(u32, u32) -> [u8; 4],
) -> Vec<u8> {
    use std::io::Write;
    fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
        out.extend_from_slice(&u32::try_from(data.len()).unwrap().to_be_bytes());
        let mut crc = flate2::Crc::new();
        crc.update(kind);
        crc.update(data);
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        out.extend_from_slice(&crc.sum().to_be_bytes());
    }
    let mut raw = Vec::with_capacity((width as usize * 4 + 1) * height as usize);
    for y in 0..height {
        raw.push(0); // filter: none
        for x in 0..width {
            raw.extend_from_slice(&pixel(x, y));
        }
    }
    let level = if compress {
        flate2::Compression::default()
    } else {
        flate2::Compression::none()
    };
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), level);
    z.write_all(&raw).unwrap();
    let idat = z.finish().unwrap();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 6, 0, 0, 0]); // 8 bit, RGBA, deflate, no filter, no interlace
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(&mut out, b"IDAT", &idat);
    chunk(&mut out, b"IEND", &[]);
    out
}
