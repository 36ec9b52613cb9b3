//! Group commit: many short decisions made one after the other in one write transaction and
//! made durable by one commit, instead of one transaction (and one sync to disk) each.
//!
//! Requests queue their decision as a job; one worker per app server takes every job waiting,
//! runs them in the order they arrived, each inside a savepoint (a failing job undoes only its
//! own writes), commits once, and only then answers each request. Nothing is acknowledged before
//! it is durable: when the commit fails, every job of the batch gets the error.
//!
//! Each job names the row it locks (`("events", id)` for a registration). A batch takes its locks
//! in the order of those keys, keeping the order of arrival among jobs of one key, so two app servers
//! sharing PostgreSQL never wait for each other in a cycle.

use std::sync::{Arc, OnceLock};

use futures_util::future::BoxFuture;
use tokio::sync::{mpsc, oneshot};

use super::{DbConn, DbPool, begin_write};
use crate::error::AppError;

/// The most jobs one transaction decides: bounds the time a batch holds its locks.
pub const MAX_BATCH: usize = 512;

/// What a job leaves to do once its batch is committed (or has failed).
type Deliver = Box<dyn FnOnce(Result<(), String>) + Send>;

/// A queued job: runs on the batch's transaction, says whether it succeeded (kept) or failed
/// (its savepoint is rolled back), and how to answer its request.
type Job = Box<dyn for<'c> FnOnce(&'c mut DbConn) -> BoxFuture<'c, (bool, Deliver)> + Send>;

/// The row a job locks: (table, id). Batches lock in this order.
pub type LockKey = (&'static str, i64);

struct Queued {
    key: LockKey,
    job: Job,
}

/// The queue and its worker (one per app server; cloned handles share them).
#[derive(Clone)]
pub struct GroupCommit {
    pool: DbPool,
    queue: Arc<OnceLock<mpsc::UnboundedSender<Queued>>>,
    stats: Arc<Stats>,
}

/// Counts for tests and benchmarks: how many batches were committed, holding how many jobs.
#[derive(Default)]
pub struct Stats {
    pub batches: std::sync::atomic::AtomicU64,
    pub jobs: std::sync::atomic::AtomicU64,
}

impl GroupCommit {
    pub fn new(pool: DbPool) -> GroupCommit {
        GroupCommit {
            pool,
            queue: Arc::default(),
            stats: Arc::default(),
        }
    }

    pub fn stats(&self) -> &Stats {
        &self.stats
    }

    /// Runs `decide` in the next batch and returns its result once the batch is committed.
    /// `key` is the row `decide` locks (see the module documentation).
    ///
    /// # Errors
    /// What `decide` returns, or an internal error when the batch could not be committed.
    pub async fn run<T, F>(&self, key: LockKey, decide: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: for<'c> FnOnce(&'c mut DbConn) -> BoxFuture<'c, Result<T, AppError>> + Send + 'static,
    {
        let (answer, answered) = oneshot::channel::<Result<T, AppError>>();
        let job: Job = Box::new(move |conn| {
            Box::pin(async move {
                let outcome = decide(conn).await;
                let ok = outcome.is_ok();
                let deliver: Deliver = Box::new(move |committed| {
                    let _ = answer.send(match committed {
                        Ok(()) => outcome,
                        Err(e) => Err(AppError::Internal(anyhow::anyhow!(
                            "the batch was not committed: {e}"
                        ))),
                    });
                });
                (ok, deliver)
            })
        });
        self.sender()
            .send(Queued { key, job })
            .map_err(|_| AppError::Internal(anyhow::anyhow!("the decision worker has stopped")))?;
        answered.await.map_err(|_| {
            AppError::Internal(anyhow::anyhow!("the decision batch stopped unanswered"))
        })?
    }

    /// The queue, with its worker started on first use (inside the runtime that serves).
    fn sender(&self) -> &mpsc::UnboundedSender<Queued> {
        self.queue.get_or_init(|| {
            let (send, receive) = mpsc::unbounded_channel();
            tokio::spawn(worker(self.pool.clone(), receive, self.stats.clone()));
            send
        })
    }
}

async fn worker(pool: DbPool, mut queue: mpsc::UnboundedReceiver<Queued>, stats: Arc<Stats>) {
    while let Some(first) = queue.recv().await {
        let mut batch = vec![first];
        while batch.len() < MAX_BATCH
            && let Ok(next) = queue.try_recv()
        {
            batch.push(next);
        }
        // Stable: jobs of one key keep their order of arrival.
        batch.sort_by_key(|q| q.key);
        // Its own task, so that a panicking job fails its batch, not every later one.
        let run = tokio::spawn(decide_batch(pool.clone(), batch, stats.clone()));
        if let Err(e) = run.await {
            tracing::error!("a decision batch failed: {e}");
        }
    }
}

async fn decide_batch(pool: DbPool, batch: Vec<Queued>, stats: Arc<Stats>) {
    let mut delivers: Vec<Deliver> = Vec::with_capacity(batch.len());
    let committed = async {
        let mut tx = begin_write(&pool).await?;
        for Queued { job, .. } in batch {
            sqlx::query("savepoint decision").execute(&mut *tx).await?;
            let (ok, deliver) = job(&mut tx).await;
            delivers.push(deliver);
            let end = if ok {
                "release savepoint decision"
            } else {
                "rollback to savepoint decision"
            };
            sqlx::query(end).execute(&mut *tx).await?;
        }
        tx.commit().await
    }
    .await
    .map_err(|e| e.to_string());
    if committed.is_ok() {
        use std::sync::atomic::Ordering::Relaxed;
        stats.batches.fetch_add(1, Relaxed);
        stats.jobs.fetch_add(delivers.len() as u64, Relaxed);
    }
    for deliver in delivers {
        deliver(committed.clone());
    }
}
