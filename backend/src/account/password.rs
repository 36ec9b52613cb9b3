//! Password hashing with argon2id (the crate's defaults: 19 MiB, 2 passes, OWASP's minimum).
//! Hashing is CPU-bound for tens of milliseconds, so it runs on the blocking pool.
//!
//! Every hash and verification a request causes goes through a [`Hasher`]: a semaphore sized to
//! the CPU cores bounds how many run at once (each holds 19 MiB), and a request that cannot get a
//! permit within a short wait is refused with 503 instead of queueing without end. Without it,
//! 40 concurrent sign-ins took the server to 1.1 GB.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Duration;

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use tokio::sync::Semaphore;

use crate::error::{AppError, Msg};

/// How long a request waits for a hashing permit before it is refused with 503.
pub const QUEUE_WAIT: Duration = Duration::from_secs(3);

/// Bounds the concurrent argon2 work of one app server. Cheap to clone (shared state).
#[derive(Clone)]
pub struct Hasher(Arc<HasherInner>);

struct HasherInner {
    permits: Arc<Semaphore>,
    limit: usize,
    /// Milliseconds a request waits for a permit (see [`Hasher::set_queue_wait`]).
    wait_ms: AtomicU64,
    in_use: AtomicUsize,
    /// The most permits ever held at once (for tests and diagnostics).
    peak: AtomicUsize,
}

impl Default for Hasher {
    /// As many permits as the machine has cores.
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        Hasher::new(cores)
    }
}

impl Hasher {
    pub fn new(limit: usize) -> Self {
        let limit = limit.max(1);
        Hasher(Arc::new(HasherInner {
            permits: Arc::new(Semaphore::new(limit)),
            limit,
            wait_ms: AtomicU64::new(QUEUE_WAIT.as_millis() as u64),
            in_use: AtomicUsize::new(0),
            peak: AtomicUsize::new(0),
        }))
    }

    /// How many hashes may run at once.
    pub fn limit(&self) -> usize {
        self.0.limit
    }

    /// The most hashes that ever ran at once.
    pub fn peak(&self) -> usize {
        self.0.peak.load(Ordering::SeqCst)
    }

    /// Changes how long a request waits for a permit (tests set zero to see the refusal).
    pub fn set_queue_wait(&self, wait: Duration) {
        self.0
            .wait_ms
            .store(wait.as_millis() as u64, Ordering::SeqCst);
    }

    /// Runs `work` on the blocking pool once a permit is free; `Unavailable` when none frees up
    /// within the queue wait.
    async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> anyhow::Result<T> + Send + 'static,
    ) -> Result<T, AppError> {
        let wait = Duration::from_millis(self.0.wait_ms.load(Ordering::SeqCst));
        let permits = self.0.permits.clone();
        let permit = match permits.clone().try_acquire_owned() {
            Ok(p) => p,
            Err(_) => tokio::time::timeout(wait, permits.acquire_owned())
                .await
                .map_err(|_| busy())?
                .map_err(|_| busy())?,
        };
        let now = self.0.in_use.fetch_add(1, Ordering::SeqCst) + 1;
        self.0.peak.fetch_max(now, Ordering::SeqCst);
        let inner = self.0.clone();
        // The permit moves into the blocking task: it is released when the work ends, even if
        // the request is dropped meanwhile (the client went away), so the bound always holds.
        let result = tokio::task::spawn_blocking(move || {
            let out = work();
            inner.in_use.fetch_sub(1, Ordering::SeqCst);
            drop(permit);
            out
        })
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
        result.map_err(AppError::Internal)
    }

    /// A PHC string for `password`.
    pub async fn hash(&self, password: String) -> Result<String, AppError> {
        self.run(move || hash_blocking(&password)).await
    }

    /// Whether `password` matches `phc` (see [`verify_blocking`]).
    pub async fn verify(&self, password: String, phc: Option<String>) -> Result<bool, AppError> {
        self.run(move || verify_blocking(&password, phc)).await
    }
}

fn busy() -> AppError {
    AppError::Unavailable(Msg::new("error-busy"), QUEUE_RETRY_AFTER_SECS)
}

/// What a refused request is told to wait (`Retry-After`), in seconds.
const QUEUE_RETRY_AFTER_SECS: u64 = 5;

/// A PHC string for `password`, outside any request (operators' commands, demo data).
pub async fn hash(password: String) -> anyhow::Result<String> {
    tokio::task::spawn_blocking(move || hash_blocking(&password)).await?
}

fn hash_blocking(password: &str) -> anyhow::Result<String> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("hashing a password failed: {e}"))
}

/// Whether `password` matches `phc`. Without a stored hash it still spends the time of one
/// verification, so that response times do not tell which e-mail addresses have accounts.
fn verify_blocking(password: &str, phc: Option<String>) -> anyhow::Result<bool> {
    let phc = phc.unwrap_or_else(|| DUMMY_HASH.to_string());
    let parsed = PasswordHash::new(&phc)
        .map_err(|e| anyhow::anyhow!("stored password hash is malformed: {e}"))?;
    let ok = Argon2::default()
        .verify_password(password.as_bytes(), &parsed)
        .is_ok();
    Ok(ok && phc != DUMMY_HASH)
}

/// The hash of a random password nobody knows, with the default parameters.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$V9VTC7BXPU0zMoVS3fkXUkzP8bnzsi6qvNnrvuGVZr0";

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_verifies_its_password_and_nothing_else() {
        let hasher = Hasher::new(2);
        let phc = hash("korrekt pferd batterie".into()).await.unwrap();
        assert!(phc.starts_with("$argon2id$"));
        assert!(
            hasher
                .verify("korrekt pferd batterie".into(), Some(phc.clone()))
                .await
                .unwrap()
        );
        assert!(
            !hasher
                .verify("falsches pferd".into(), Some(phc))
                .await
                .unwrap()
        );
        assert!(!hasher.verify("anything".into(), None).await.unwrap());
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn no_more_hashes_run_at_once_than_permits_and_the_rest_are_refused() {
        let hasher = Hasher::new(2);
        hasher.set_queue_wait(Duration::from_millis(0));
        let tasks: Vec<_> = (0..16)
            .map(|_| {
                let h = hasher.clone();
                tokio::spawn(async move { h.hash("korrekt pferd batterie".into()).await })
            })
            .collect();
        let mut refused = 0;
        for t in tasks {
            match t.await.unwrap() {
                Ok(phc) => assert!(phc.starts_with("$argon2id$")),
                Err(AppError::Unavailable(m, _)) => {
                    assert_eq!(m.id, "error-busy");
                    refused += 1;
                }
                Err(e) => panic!("unexpected {e:?}"),
            }
        }
        assert!(hasher.peak() <= 2, "peak {}", hasher.peak());
        assert!(refused > 0, "without a queue wait some are refused");
    }
}
