//! What every request handler and background worker shares.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Notify;

use crate::account::password::Hasher;
use crate::clock::Clock;
use crate::config::Config;
use crate::db::DbPool;
use crate::db::group_commit::GroupCommit;
use crate::http::render_cache::RenderCache;
use crate::mail::Mailer;

#[derive(Clone)]
pub struct AppState {
    pub db: DbPool,
    pub config: Arc<Config>,
    pub clock: Clock,
    pub mailer: Mailer,
    /// Bounds the password hashing of this server (see `account::password`).
    pub hasher: Hasher,
    /// Rung when a certificate job is queued; the jobs worker of [`crate::spawn_workers`] answers.
    pub jobs: Wake,
    /// Public agenda pages and feeds, rendered once per version of the event's content.
    pub renders: RenderCache,
    /// Registrations decided in batches under one lock and one commit.
    pub decisions: GroupCommit,
    /// Rung when a webhook delivery is queued by hand ("send test", "send again"); the webhook
    /// worker also looks every two seconds.
    pub webhooks: Wake,
}

/// A doorbell for a background worker: services ring it after committing work for the worker.
/// Nobody may be listening (the test kit starts no workers and runs their steps itself); the
/// work waits in the database either way.
#[derive(Clone, Default)]
pub struct Wake(Arc<Notify>);

impl Wake {
    /// Tells the worker there is work (call after the transaction that records it commits).
    pub fn wake(&self) {
        self.0.notify_one();
    }

    /// Waits until woken, or at most `most` (for work another server queued, or a retry).
    pub async fn woken_or(&self, most: Duration) {
        let _ = tokio::time::timeout(most, self.0.notified()).await;
    }
}

impl AppState {
    pub fn new(db: DbPool, config: Config, clock: Clock) -> anyhow::Result<Self> {
        let mailer = Mailer::new(&config)?;
        Ok(AppState {
            decisions: GroupCommit::new(db.clone()),
            db,
            config: Arc::new(config),
            clock,
            mailer,
            hasher: Hasher::default(),
            jobs: Wake::default(),
            renders: RenderCache::default(),
            webhooks: Wake::default(),
        })
    }
}
