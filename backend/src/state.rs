//! What every request handler and background worker shares.

use std::sync::Arc;

use crate::account::password::Hasher;
use crate::clock::Clock;
use crate::config::Config;
use crate::db::DbPool;
use crate::mail::Mailer;

#[derive(Clone)]
pub struct AppState {
    pub db: DbPool,
    pub config: Arc<Config>,
    pub clock: Clock,
    pub mailer: Mailer,
    /// Bounds the password hashing of this server (see `account::password`).
    pub hasher: Hasher,
}

impl AppState {
    pub fn new(db: DbPool, config: Config, clock: Clock) -> anyhow::Result<Self> {
        let mailer = Mailer::new(&config)?;
        Ok(AppState {
            db,
            config: Arc::new(config),
            clock,
            mailer,
            hasher: Hasher::default(),
        })
    }
}
