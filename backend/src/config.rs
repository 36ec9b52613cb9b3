//! Runtime configuration, from the environment (`CONVENE_*`) or the matching command-line flags
//! (a flag wins over the variable). Defaults live here and nowhere else; DESIGN.md §4 is the
//! contract for the names.

use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::Args;
use sha2::{Digest, Sha256};

/// The settings every command shares.
#[derive(Debug, Clone, Args)]
pub struct Settings {
    /// Database URL. Default: `sqlite://<data dir>/convene.db`, created on first start.
    /// PostgreSQL: `postgres://user:password@host/convene` with a `--features postgres` build.
    #[arg(long, env = "CONVENE_DATABASE_URL", global = true)]
    pub database_url: Option<String>,
    /// Address to listen on.
    #[arg(
        long,
        env = "CONVENE_BIND",
        default_value = "127.0.0.1:8080",
        global = true
    )]
    pub bind: String,
    /// Public base URL, used in e-mails, calendar feeds and certificate links.
    /// Default: `http://<bind>`.
    #[arg(long, env = "CONVENE_BASE_URL", global = true)]
    pub base_url: Option<String>,
    /// Folder for the SQLite file, the generated secret and e-mails written to files.
    #[arg(long, env = "CONVENE_DATA_DIR", default_value = "data", global = true)]
    pub data_dir: PathBuf,
    /// SMTP server for outgoing mail, e.g. `smtp://user:pass@mail.example.org:587?tls=required`.
    /// Unset: mail is written as `.eml` files to `<data dir>/mail/`.
    #[arg(long, env = "CONVENE_SMTP_URL", global = true)]
    pub smtp_url: Option<String>,
    /// Sender of outgoing mail.
    #[arg(
        long,
        env = "CONVENE_MAIL_FROM",
        default_value = "convene <noreply@convene.localhost>",
        global = true
    )]
    pub mail_from: String,
    /// Load the demo data into an empty database on start. Default: on for the zero-setup SQLite
    /// database in the data folder, off when a database URL is configured.
    #[arg(long, env = "CONVENE_DEMO", global = true)]
    pub demo: Option<bool>,
    /// The reverse proxy in front of convene (an IP address, or several separated by commas).
    /// Only requests from it may name the client's address in `X-Forwarded-For`, which the
    /// sign-in and sign-up limits count by. Unset: the peer address counts, the header is ignored.
    #[arg(long, env = "CONVENE_TRUSTED_PROXY", global = true)]
    pub trusted_proxy: Option<String>,
    /// Let webhooks call `http://` addresses, `localhost` and private networks (receivers inside
    /// one's own network, development). Off: only `https://` on public addresses.
    #[arg(long, env = "CONVENE_WEBHOOKS_ALLOW_LOCAL", global = true)]
    pub webhooks_allow_local: Option<bool>,
}

/// The resolved configuration the application runs with.
#[derive(Clone)]
pub struct Config {
    pub database_url: String,
    /// True when no database URL was configured (the zero-setup SQLite file).
    pub database_is_default: bool,
    pub bind: String,
    /// Without a trailing slash.
    pub base_url: String,
    pub data_dir: PathBuf,
    pub smtp_url: Option<String>,
    pub mail_from: String,
    pub demo: bool,
    /// Signs CSRF tokens. From `CONVENE_SECRET`, or generated once into `<data dir>/secret.key`.
    /// Must be identical on every app server sharing a database.
    pub secret: Secret,
    /// Peers whose `X-Forwarded-For` header names the client (`CONVENE_TRUSTED_PROXY`).
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Webhooks may call `http://` and private addresses (`CONVENE_WEBHOOKS_ALLOW_LOCAL`).
    pub webhooks_allow_local: bool,
}

/// A 32-byte key whose `Debug` output never shows it.
#[derive(Clone)]
pub struct Secret(pub [u8; 32]);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(…)")
    }
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("database_url", &redact_url(&self.database_url))
            .field("bind", &self.bind)
            .field("base_url", &self.base_url)
            .field("data_dir", &self.data_dir)
            .field("smtp_url", &self.smtp_url.as_deref().map(redact_url))
            .field("demo", &self.demo)
            .field("trusted_proxies", &self.trusted_proxies)
            .field("webhooks_allow_local", &self.webhooks_allow_local)
            .finish_non_exhaustive()
    }
}

/// `scheme://user:password@host` → `scheme://user:…@host`.
fn redact_url(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) if u.password().is_some() => {
            let _ = u.set_password(Some("…"));
            u.to_string()
        }
        _ => url.to_string(),
    }
}

impl Config {
    /// Resolves the settings: creates the data folder and, when `CONVENE_SECRET` is unset, the
    /// generated secret in it.
    pub fn load(settings: &Settings) -> anyhow::Result<Config> {
        std::fs::create_dir_all(&settings.data_dir).with_context(|| {
            format!(
                "cannot create the data folder {}; set CONVENE_DATA_DIR to a writable folder",
                settings.data_dir.display()
            )
        })?;
        let database_is_default = settings.database_url.is_none();
        let database_url = settings.database_url.clone().unwrap_or_else(|| {
            format!(
                "sqlite://{}",
                settings.data_dir.join("convene.db").to_string_lossy()
            )
        });
        let base_url = settings
            .base_url
            .clone()
            .unwrap_or_else(|| format!("http://{}", settings.bind))
            .trim_end_matches('/')
            .to_string();
        url::Url::parse(&base_url)
            .with_context(|| format!("CONVENE_BASE_URL is not a URL: {base_url}"))?;
        let secret = match std::env::var("CONVENE_SECRET") {
            Ok(s) if !s.is_empty() => Secret(Sha256::digest(s.as_bytes()).into()),
            _ => load_or_create_secret(&settings.data_dir)?,
        };
        let trusted_proxies = parse_proxies(settings.trusted_proxy.as_deref().unwrap_or(""))?;
        Ok(Config {
            demo: settings.demo.unwrap_or(database_is_default),
            database_url,
            database_is_default,
            bind: settings.bind.clone(),
            base_url,
            data_dir: settings.data_dir.clone(),
            smtp_url: settings.smtp_url.clone().filter(|s| !s.is_empty()),
            mail_from: settings.mail_from.clone(),
            secret,
            trusted_proxies,
            webhooks_allow_local: settings.webhooks_allow_local.unwrap_or(false),
        })
    }

    /// Cookies get the `Secure` flag when the site is served over HTTPS.
    pub fn secure_cookies(&self) -> bool {
        self.base_url.starts_with("https://")
    }

    /// The database URL as it may be shown: without a password.
    pub fn database_shown(&self) -> String {
        redact_url(&self.database_url)
    }

    /// An absolute URL for a path of this site.
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path)
    }

    /// The site's host name, the domain part of every calendar UID.
    pub fn uid_host(&self) -> String {
        url::Url::parse(&self.base_url)
            .ok()
            .and_then(|u| u.host_str().map(str::to_string))
            .unwrap_or_else(|| "convene".into())
    }
}

/// `CONVENE_TRUSTED_PROXY`: IP addresses separated by commas (empty: none).
fn parse_proxies(list: &str) -> anyhow::Result<Vec<std::net::IpAddr>> {
    list.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.parse()
                .with_context(|| format!("CONVENE_TRUSTED_PROXY: {s:?} is not an IP address"))
        })
        .collect()
}

fn load_or_create_secret(dir: &Path) -> anyhow::Result<Secret> {
    let path = dir.join("secret.key");
    if let Ok(bytes) = std::fs::read(&path)
        && bytes.len() == 32
    {
        let mut key = [0u8; 32];
        key.copy_from_slice(&bytes);
        return Ok(Secret(key));
    }
    let key: [u8; 32] = rand::random();
    std::fs::write(&path, key).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(Secret(key))
}
